"""The run command: atomic run folders, failures that keep the last good run, byte-identical reruns."""
import shutil
import subprocess
import sys

import pytest

from lib.paths import PROJ_ROOT
from lib.run.execute import literal, run


# Byte-identical reruns are tested in tests/run/test_verify.py (rerun into the same folder).


@pytest.mark.slow
def test_a_failed_run_keeps_the_previous_run(tmp_path, seed_run):
    out = tmp_path / "out"
    shutil.copytree(seed_run, out)  # a finished run, as `run` leaves it
    before = (out / "manifest.json").read_bytes()
    with pytest.raises(Exception, match="failed"):
        run("seeds", out, {"rolling_window": "three"})  # a string where an int is needed
    assert (out / "manifest.json").read_bytes() == before
    failed = tmp_path / "out.failed"
    assert (failed / "FAILED.txt").exists() and not (failed / "manifest.json").exists()
    assert (failed / "03_sentiment.ipynb").exists()
    assert not list(tmp_path.glob(".out.partial-*"))


def test_cli_missing_corpus_is_one_clear_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "lib.run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
                         cwd=PROJ_ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip() == f"newslens: corpus path does not exist: {tmp_path / 'nope'}"
    assert not (tmp_path / "o").exists()


def test_cli_rejects_parameters_no_notebook_declares(tmp_path):
    out = subprocess.run([sys.executable, "-m", "lib.run", "seeds", "--out", str(tmp_path / "o"), "-p", "topn", "3"],
                         cwd=PROJ_ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "topn" in out.stderr


@pytest.mark.parametrize("raw, value", [("3", 3), ("['a', 'b']", ["a", "b"]), ("__import__('os')", "__import__('os')"),
                                        ("a\nb", "a\nb"), ('"quoted"', "quoted")])
def test_parameters_are_literals_never_code(raw, value):
    assert literal(raw) == value
