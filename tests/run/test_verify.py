"""Runs that never lie: the manifest can be verified, reruns are byte-identical, and a killed
run leaves either nothing or the previous complete run, never a folder that looks complete."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.run import execute as run_mod
from lib.run.folder import MANIFEST, write_manifest
from lib.paths import PROJ_ROOT
from lib.run.verify import ManifestError, verify


def small_run(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "terms.csv").write_text("term,count\nnorth,11\n")
    (folder / "top_terms.svg").write_text("<svg/>")
    write_manifest(folder, corpus="seeds", parameters={}, inputs=[], notebooks=[], times={})
    return folder


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.run.verify", *args], cwd=PROJ_ROOT,
                          capture_output=True, text=True, timeout=120)


def test_an_untouched_run_verifies(tmp_path):
    run_dir = small_run(tmp_path / "run")
    assert verify(run_dir) == []
    out = cli(str(run_dir))
    assert out.returncode == 0 and out.stdout == ""
    assert "2 files match" in out.stderr


def test_changed_missing_and_extra_files_are_each_named(tmp_path):
    run_dir = small_run(tmp_path / "run")
    (run_dir / "terms.csv").write_text("term,count\nnorth,12\n")
    (run_dir / "top_terms.svg").unlink()
    (run_dir / "sub").mkdir()
    (run_dir / "sub" / "planted.csv").write_text("x\n")
    problems = [str(p) for p in verify(run_dir)]
    assert [p.split(" (")[0] for p in problems] == ["extra: sub/planted.csv", "changed: terms.csv",
                                                     "missing: top_terms.svg"]
    out = cli(str(run_dir))
    assert out.returncode == 1
    assert out.stdout.splitlines() == problems
    assert "3 problem(s)" in out.stderr


def test_a_folder_without_a_manifest_is_not_a_finished_run(tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(ManifestError, match="not a finished run"):
        verify(tmp_path / "half")
    out = cli(str(tmp_path / "half"))
    assert out.returncode == 2 and "no manifest.json" in out.stderr
    (tmp_path / "half" / MANIFEST).write_text("{not json")
    assert cli(str(tmp_path / "half")).returncode == 2


@pytest.mark.slow
def test_the_seed_run_verifies(seed_run):
    assert verify(seed_run) == []


@pytest.mark.slow
def test_rerun_into_the_same_folder_is_byte_identical_apart_from_times(seed_run):
    """Tables, SVGs, PNGs, executed notebooks and the manifest (without ``times``)."""
    before = {p.name: p.read_bytes() for p in seed_run.iterdir()}
    run_mod.run("seeds", seed_run)
    after = {p.name: p.read_bytes() for p in seed_run.iterdir()}
    assert sorted(after) == sorted(before)
    differ = [n for n in before if n != MANIFEST and before[n] != after[n]]
    assert differ == []
    m1, m2 = (json.loads(m[MANIFEST]) for m in (before, after))
    assert m1.pop("times").keys() == m2.pop("times").keys()
    assert m1 == m2
    assert verify(seed_run) == []


@pytest.mark.slow
def test_pngs_carry_no_timestamp(seed_run):
    for png in seed_run.glob("*.png"):
        data = png.read_bytes()
        assert b"tIME" not in data and b"Creation Time" not in data, png.name


@pytest.mark.slow
def test_executed_notebooks_carry_no_timings_and_no_temporary_path(seed_run):
    for nb in seed_run.glob("*.ipynb"):
        text = nb.read_text()
        assert ".partial-" not in text and "start_time" not in text and "iopub." not in text, nb.name
    times = json.loads((seed_run / MANIFEST).read_text())["times"]
    assert set(times["notebooks"]) == {p.name for p in seed_run.glob("*.ipynb")}


# --- killing a run --------------------------------------------------------------------------------

def looks_complete(folder: Path) -> bool:
    return folder.is_dir() and not folder.name.startswith(".") and not folder.name.endswith(".failed")


def start_run(out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lib.run", "seeds", "--out", str(out)], cwd=PROJ_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for(path_glob: str, parent: Path, proc: subprocess.Popen, timeout: float = 180) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(parent.glob(path_glob))
        if found:
            return found[0]
        if proc.poll() is not None:
            pytest.fail(f"the run ended before {path_glob} appeared: {proc.stderr.read()}")
        time.sleep(0.05)
    pytest.fail(f"{path_glob} did not appear in {timeout} s")


def kill_group(proc: subprocess.Popen) -> None:
    """Stop the run's kernel too (it lives in the run's process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def previous_run(seed_run, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(seed_run, out)
    assert verify(out) == []
    return out


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


TARGETS = {"during the first notebook": "01_corpus.ipynb", "after the first notebook's tables": "documents.csv",
           "while later notebooks run side by side": "03_sentiment.ipynb"}


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(TARGETS))
def test_sigterm_leaves_the_previous_run_and_records_what_happened(previous_run, moment):
    out = previous_run
    manifest = (out / MANIFEST).read_bytes()
    proc = start_run(out)
    try:
        wait_for(f".out.partial-{proc.pid}/{TARGETS[moment]}", out.parent, proc)
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=120)
        stderr = proc.stderr.read()
        deadline = time.monotonic() + 30
        while group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        # The notebooks' child processes and kernels stopped with the run (none left behind).
        assert not group_alive(proc.pid)
    finally:
        kill_group(proc)
    assert rc == 128 + signal.SIGTERM, stderr
    assert "interrupted by SIGTERM" in stderr
    assert (out / MANIFEST).read_bytes() == manifest and verify(out) == []
    assert not list(out.parent.glob(".out.partial-*"))
    failed = out.parent / "out.failed"
    assert "interrupted by SIGTERM during 0" in (failed / "FAILED.txt").read_text()
    if TARGETS[moment] == "03_sentiment.ipynb":  # stopped where it was, not left to finish
        cells = json.loads((failed / "03_sentiment.ipynb").read_text())["cells"]
        assert any(c["cell_type"] == "code" and c.get("execution_count") is None for c in cells)
    assert not (failed / MANIFEST).exists()
    assert [p.name for p in out.parent.iterdir() if looks_complete(p)] == ["out"]


@pytest.mark.slow
def test_sigkill_leaves_only_a_hidden_partial_folder_that_the_next_run_removes(previous_run):
    out = previous_run
    manifest = (out / MANIFEST).read_bytes()
    proc = start_run(out)
    try:
        partial = wait_for(f".out.partial-{proc.pid}/documents.csv", out.parent, proc).parent
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        kill_group(proc)
    assert (out / MANIFEST).read_bytes() == manifest and verify(out) == []
    assert partial.exists() and not (partial / MANIFEST).exists()
    assert [p.name for p in out.parent.iterdir() if looks_complete(p)] == ["out"]
    # The next run starts by removing what dead runs left.
    assert run_mod.clean_stale(out) == [partial]
    assert not partial.exists() and verify(out) == []


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_a_run_killed_mid_swap_is_restored(tmp_path):
    out = tmp_path / "out"
    aside = small_run(tmp_path / f".out.old-{dead_pid()}")  # the previous run, set aside, then the kill
    assert not out.exists()
    assert run_mod.clean_stale(out) == [aside]
    assert verify(out) == [] and not aside.exists()


def test_partial_folders_of_live_runs_are_left_alone(tmp_path):
    live = tmp_path / f".out.partial-{os.getppid()}"
    live.mkdir()
    dead = tmp_path / f".out.partial-{dead_pid()}"
    dead.mkdir()
    other = tmp_path / ".outer.partial-1"
    other.mkdir()
    assert run_mod.clean_stale(tmp_path / "out") == [dead]
    assert live.exists() and other.exists()


def test_replace_dir_swaps_without_a_gap(tmp_path):
    old, new = small_run(tmp_path / "out"), small_run(tmp_path / ".out.partial-1")
    (new / "terms.csv").write_text("term,count\nsouth,1\n")
    run_mod.replace_dir(new, old)
    assert (old / "terms.csv").read_text().startswith("term,count\nsouth") and not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_corpus_that_changes_during_the_run_fails_it(tmp_path, monkeypatch, seed_text):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(seed_text)
    (corpus / "b.txt").write_text(seed_text + "\nOne more line here.\n")
    calls = []

    def fake_execute(nb, out_nb, parameters):
        shutil.copy(nb, out_nb)
        if not calls:
            (corpus / "b.txt").unlink()  # vanishes after the first notebook read it
        calls.append(nb.name)

    monkeypatch.setattr(run_mod, "execute", fake_execute)
    monkeypatch.setenv("NEWSLENS_NOTEBOOKS", "1")  # every notebook in this process, where the stand-in is
    out = small_run(tmp_path / "out")
    with pytest.raises(run_mod.RunError, match=r"corpus changed during the run.*b\.txt \(vanished\)"):
        run_mod.run(corpus, out)
    assert verify(out) == []
    assert "b.txt (vanished)" in (tmp_path / "out.failed" / "FAILED.txt").read_text()
    assert not list(tmp_path.glob(".out.partial-*"))
