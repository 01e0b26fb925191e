"""Run every notebook on a corpus: ``python -m lib.run CORPUS --out DIR``.

The notebooks are executed with papermill into a hidden temporary folder
beside DIR: the first alone (it makes the pass the others read from the cache), then the rest one
per core at a time, each in a child process (:func:`execute_all`). Only when every notebook succeeded is ``manifest.json`` written
and the folder moved into place, replacing the previous run; a failed run
goes to ``DIR.failed`` (with the failing executed notebook and
``FAILED.txt``) and the previous good run is left untouched. A folder without
``manifest.json`` is never a finished run. SIGTERM and SIGHUP are handled the
same way (exit status 128 + the signal); after SIGKILL, the next run removes
the dead process's hidden partial folder. If an input file is added, removed
or modified while the notebooks run, the run fails rather than mix two corpora.
Executed notebooks carry no timings (those go to the manifest's ``times``), so
a rerun gives a byte-identical run folder apart from ``times``.

Extra notebook parameters: ``-p NAME VALUE`` (the value is read as a Python
literal when it is one: ``-p top_n 30``, ``-p kwic_terms "['troops']"``;
otherwise it is a string) and ``-r NAME VALUE`` (always a string). A
parameter reaches every notebook that declares it; one that no notebook
declares is an error.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import ctypes
import json
import os
import re
import signal
import shutil
import sys
import threading
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from lib.run import folder, report
from lib.ingest.corpus import CorpusError, list_files, sha256_bytes
from lib.paths import NOTEBOOKS_DIR, PROJ_ROOT, resolve

KERNEL = "python3"


def notebooks() -> list[Path]:
    """The analysis notebooks, in the order they run."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def declared_parameters(nb: Path) -> dict[str, dict]:
    import papermill

    return papermill.inspect_notebook(str(nb))


def literal(value: str) -> object:
    """Read a command-line value as a Python literal when it is one, never as code.

    >>> literal("30"), literal("['north korean', 'troops']"), literal("seeds/")
    (30, ['north korean', 'troops'], 'seeds/')
    """
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return value


def _input_paths(corpus: Path) -> tuple[list[Path], Path]:
    """The corpus's input files, and the folder their manifest paths are relative to."""
    if corpus.is_file():
        return [corpus], corpus.parent
    return list_files(corpus), corpus


def input_files(corpus: Path) -> list[dict]:
    """Each input file with its sha256, for the manifest."""
    files, base = _input_paths(corpus)
    out = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            out.append({"path": f.relative_to(base).as_posix(), "error": str(exc.strerror or exc)})
            continue
        out.append({"path": f.relative_to(base).as_posix(), "sha256": sha256_bytes(data), "bytes": len(data)})
    return out


def display_path(p: Path) -> str:
    """A path relative to the project root when inside it (manifests stay portable)."""
    try:
        return p.relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(p)


def execute(nb: Path, out_nb: Path, parameters: dict) -> None:
    import papermill

    env_path = os.environ.get("PYTHONPATH", "")
    if str(PROJ_ROOT) not in env_path.split(os.pathsep):
        # The kernel is a child process: it must be able to import lib.
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJ_ROOT), env_path) if p)
    # No progress bars inside executed notebooks: their rates and times would make reruns differ.
    os.environ["NEWSLENS_QUIET"] = "1"
    papermill.execute_notebook(str(nb), str(out_nb), parameters=parameters, kernel_name=KERNEL,
                               cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False)


class NotebookFailed(Exception):
    """A notebook run in a child process failed; the message is its exception's, as papermill gave it."""

    def __init__(self, notebook: str, message: str):
        super().__init__(message)
        self.notebook = notebook


def _execute_child(nb: Path, out_nb: Path, parameters: dict, conn) -> None:
    """The body of a child process of :func:`execute_all`: SIGTERM stops its notebook (papermill shuts
    the kernel down) with exit status 128 + the signal; a failure's message goes back through ``conn``."""
    with signals_raise():
        try:
            execute(nb, out_nb, parameters)
        except Interrupted as exc:
            sys.exit(128 + exc.signum)
        except Exception as exc:  # the parent names the notebook and keeps its executed copy
            conn.send("".join(traceback.format_exception_only(type(exc), exc)).strip())
            sys.exit(1)


def execute_all(jobs: list[tuple[Path, Path, dict]], *, slots: int, running: set[str]) -> Iterator[str]:
    """Execute ``(notebook, executed copy, parameters)`` jobs, yielding each notebook's name as it
    finishes. The first runs in this process (it makes the pass that the others read from the
    cache); the rest run ``slots`` at a time, each in a child process (a notebook's kernel is
    single-threaded, so two notebooks use two cores), or with one slot all in this process. ``running`` holds the names of the notebooks
    in progress, for the caller's messages. A failed notebook raises :class:`NotebookFailed`;
    whatever ends this early (a failure, SIGTERM) stops the other children first."""
    import multiprocessing
    from multiprocessing.connection import wait

    here = jobs if slots <= 1 else jobs[:1]
    for nb, out_nb, params in here:
        running.add(nb.name)
        execute(nb, out_nb, params)
        running.discard(nb.name)
        yield nb.name
    ctx = multiprocessing.get_context("spawn")
    pending, children = jobs[len(here):], {}
    try:
        while pending or children:
            while pending and len(children) < slots:
                nb, out_nb, params = pending.pop(0)
                parent_end, child_end = ctx.Pipe(duplex=False)
                p = ctx.Process(target=_execute_child, args=(nb, out_nb, params, child_end), name=nb.name)
                p.start()
                child_end.close()
                children[p.sentinel] = (p, nb, parent_end)
                running.add(nb.name)
            for sentinel in wait(list(children)):
                p, nb, conn = children.pop(sentinel)
                p.join()
                try:
                    message = conn.recv() if conn.poll() else ""
                except EOFError:  # the child ended without a word (killed, say)
                    message = ""
                conn.close()
                if p.exitcode != 0:
                    raise NotebookFailed(nb.name, message or f"{nb.name} stopped with exit status {p.exitcode}")
                running.discard(nb.name)
                yield nb.name
    finally:
        for p, _, _ in children.values():  # SIGTERM: each child's papermill shuts its kernel down
            p.terminate()
        for p, _, conn in children.values():
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
                p.join()
            conn.close()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def replace_dir(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst``, replacing what was there.

    On Linux the two folders are swapped in one atomic ``renameat2`` call, so
    ``dst`` is at every instant either the old run or the new one. Elsewhere
    the old run is first renamed aside (``.DST.old-PID``; a later run puts it
    back if this process died in between).
    """
    if dst.exists() and _exchange(src, dst):
        shutil.rmtree(src)
        return
    old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
    if dst.exists():
        os.replace(dst, old)
    os.replace(src, dst)
    if old.exists():
        shutil.rmtree(old)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out_path: Path) -> list[Path]:
    """Remove what killed runs left beside ``out_path``; return what was removed or restored.

    ``.OUT.partial-PID`` folders of processes that no longer run are deleted.
    ``.OUT.old-PID`` is the previous good run, set aside by a process that
    died while replacing it: it is moved back when ``out_path`` is missing,
    deleted otherwise.
    """
    done = []
    for p in sorted(out_path.parent.glob(f".{out_path.name}.*-*")):
        kind, _, pid = p.name[len(out_path.name) + 2:].rpartition("-")
        if kind not in ("partial", "old") or not pid.isdigit():
            continue
        if int(pid) != os.getpid() and _pid_alive(int(pid)):
            continue
        if kind == "old" and not out_path.exists() and (p / folder.MANIFEST).exists():
            os.replace(p, out_path)
        else:
            shutil.rmtree(p, ignore_errors=True)
        done.append(p)
    return done


class Interrupted(KeyboardInterrupt):
    """The run received SIGTERM (or SIGHUP); raised where it was, so the partial run is cleaned up."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_raise():
    """Within the block, SIGTERM and SIGHUP raise :class:`Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def input_state(corpus: Path) -> list[tuple[str, int, int]]:
    """``(path, size, mtime_ns)`` of every input file: cheap, to see whether the corpus changed during a run."""
    files, base = _input_paths(corpus)
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((f.relative_to(base).as_posix(), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((f.relative_to(base).as_posix(), -1, -1))
    return out


def changed_inputs(before: list[tuple[str, int, int]], after: list[tuple[str, int, int]]) -> list[str]:
    """Names of input files added, removed or modified between two :func:`input_state` calls."""
    a, b = {p: rest for p, *rest in before}, {p: rest for p, *rest in after}
    out = [f"{p} (vanished)" for p in sorted(set(a) - set(b))]
    out += [f"{p} (appeared)" for p in sorted(set(b) - set(a))]
    out += [f"{p} (modified)" for p in sorted(set(a) & set(b)) if a[p] != b[p]]
    return out


# Papermill and nbclient record wall-clock times in the executed notebook; they
# are moved to the manifest's ``times`` so that the notebook itself is
# byte-identical between reruns.
_TIMING_KEYS = ("start_time", "end_time", "duration")


_MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside "IPY_MODEL_<id>"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _renumber_widgets(raw: str) -> str:
    """Replace ipywidgets' random model ids by numbers in a fixed order.

    The order: ids in the cell outputs as they appear, then ids those models
    reference (breadth first), then any left, by their state's content.
    """
    nb = json.loads(raw)
    state = nb.get("metadata", {}).get("widgets", {}).get(_WIDGET_STATE, {}).get("state", {})
    if not state:
        return raw
    order: list[str] = []
    for cell in nb.get("cells", []):
        for found in _MODEL_ID.findall(json.dumps(cell.get("outputs", []))):
            if found in state and found not in order:
                order.append(found)
    i = 0
    while True:
        while i < len(order):
            for found in _MODEL_ID.findall(json.dumps(state.get(order[i], {}), sort_keys=True)):
                if found in state and found not in order:
                    order.append(found)
            i += 1
        rest = sorted((json.dumps(v, sort_keys=True), k) for k, v in state.items() if k not in order)
        if not rest:
            break
        order.append(rest[0][1])
    for n, old in enumerate(order, start=1):
        raw = raw.replace(old, f"{n:032x}")
    return raw


def normalise_notebook(path: Path, *, tmp: Path, final: Path) -> float:
    """Drop timings from an executed notebook and point it at the final run folder.

    The notebook ran with ``out_dir`` set to the hidden temporary folder; that
    path is replaced by the folder the run is moved to, so the notebook reads
    as it will be found. Returns papermill's duration in seconds.
    """
    raw = path.read_text(encoding="utf-8")
    # Paths inside the project are written relative to its root (notebooks resolve them
    # against it), so the same run in another clone gives the same bytes.
    for a, b in ((tmp, final), (f"{PROJ_ROOT}{os.sep}", "")):
        raw = raw.replace(json.dumps(str(a))[1:-1], json.dumps(str(b))[1:-1])
    nb = json.loads(_renumber_widgets(raw))
    pm = nb.get("metadata", {}).get("papermill", {})
    duration = float(pm.get("duration") or 0.0)
    for k in _TIMING_KEYS:
        pm.pop(k, None)
    for i, cell in enumerate(nb.get("cells", [])):
        meta = cell.get("metadata", {})
        meta.pop("execution", None)
        tags = meta.get("tags", [])
        if "injected-parameters" in tags or any(t.startswith("papermill-error") for t in tags):
            cell["id"] = f"papermill-{i}"  # papermill gives the cells it adds random ids
        for k in _TIMING_KEYS:
            meta.get("papermill", {}).pop(k, None)
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return round(duration, 1)


def record_failure(tmp: Path, out_path: Path, *, what: str, exc: BaseException | None,
                   corpus: Path, extra: dict, done: list[str]) -> Path:
    """Move the partial run to ``OUT.failed`` with ``FAILED.txt`` saying what failed; return that folder."""
    failed = out_path.with_name(f"{out_path.name}.failed")
    lines = [what, "", f"corpus: {corpus}", f"parameters: {json.dumps(extra, ensure_ascii=False, default=str)}",
             f"notebooks that finished: {', '.join(done) or 'none'}",
             f"time: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
             f"the previous run in {out_path} is untouched", ""]
    if exc is not None:
        lines += ["".join(traceback.format_exception_only(type(exc), exc))]
    tmp.mkdir(parents=True, exist_ok=True)
    folder.write_text(tmp / "FAILED.txt", "\n".join(lines))
    if failed.exists():
        shutil.rmtree(failed)
    os.replace(tmp, failed)
    return failed


def notebook_slots() -> int:
    """Notebooks run at once after the first: one per core (``NEWSLENS_NOTEBOOKS`` overrides)."""
    from lib.passes.parallel import default_workers

    return max(1, int(os.environ.get("NEWSLENS_NOTEBOOKS") or default_workers()))


def run(corpus: str | Path, out: str | Path, extra: dict | None = None) -> Path:
    """Execute every notebook on ``corpus`` into ``out``; return ``out``.

    Raises :class:`RunError` when a notebook fails or the corpus changed during
    the run, and :class:`Interrupted` on SIGTERM/SIGHUP (each after moving the
    partial run to ``OUT.failed`` with ``FAILED.txt``; ``out`` is untouched).
    """
    corpus_path, out_path = resolve(corpus), resolve(out)
    if not corpus_path.exists():
        raise CorpusError(f"corpus path does not exist: {corpus_path}")
    extra = dict(extra or {})
    nbs = notebooks()
    declared = {nb.name: declared_parameters(nb) for nb in nbs}
    unknown = sorted(set(extra) - {k for d in declared.values() for k in d})
    if unknown:
        raise RunError(f"no notebook declares the parameter(s): {', '.join(unknown)}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out_path)
    tmp = out_path.with_name(f".{out_path.name}.partial-{os.getpid()}")
    with signals_raise():
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        started = datetime.now(timezone.utc)
        state = input_state(corpus_path)
        base = {"corpus": str(corpus_path), "out_dir": str(tmp)}
        done: list[str] = []
        seconds: dict[str, float] = {}
        running: set[str] = set()  # the notebooks in progress
        moved = False
        jobs = [(nb, tmp / nb.name, {**base, **{k: v for k, v in extra.items() if k in declared[nb.name]}})
                for nb in nbs]
        try:
            t0 = time.perf_counter()
            with contextlib.closing(execute_all(jobs, slots=notebook_slots(), running=running)) as finished:
                for name in finished:
                    seconds[name] = normalise_notebook(tmp / name, tmp=tmp, final=out_path)
                    done.append(name)
                    print(f"{name}: ok ({time.perf_counter() - t0:.1f} s into the run)", file=sys.stderr)
            changed = changed_inputs(state, input_state(corpus_path))
            if changed:
                raise CorpusChanged("the corpus changed during the run, so the notebooks may disagree: "
                                    + ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else ""))
            # report.html before the manifest, so the manifest lists it with its sha256.
            report.write(tmp, corpus=display_path(corpus_path), parameters=dict(extra),
                         inputs=input_files(corpus_path), notebooks=[nb.name for nb in nbs])
            finished = datetime.now(timezone.utc)
            folder.write_manifest(
                tmp, corpus=display_path(corpus_path),
                parameters={k: v for k, v in extra.items()}, inputs=input_files(corpus_path),
                notebooks=[nb.name for nb in nbs],
                times={"started": started.isoformat(timespec="seconds"),
                       "finished": finished.isoformat(timespec="seconds"),
                       "seconds": round((finished - started).total_seconds(), 1), "notebooks": seconds})
            blocked = {signal.SIGTERM, signal.SIGHUP}
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)  # the swap and its bookkeeping are one step
            try:
                replace_dir(tmp, out_path)
                moved = True
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
        except BaseException as exc:
            if moved:
                raise  # a signal after the run was in place: the run is complete
            # The notebook that failed, or those stopped.
            failing = [exc.notebook] if isinstance(exc, NotebookFailed) else sorted(running)
            if isinstance(exc, KeyboardInterrupt):
                signame = exc if isinstance(exc, Interrupted) else "SIGINT (Ctrl-C)"
                what = f"interrupted by {signame}" + (f" during {', '.join(failing)}" if failing else "")
            elif isinstance(exc, CorpusChanged):
                what = str(exc)
            elif failing:
                what = f"notebook {failing[0]} failed"
            else:
                what = f"the run failed after its notebooks: {type(exc).__name__}"
            failed = record_failure(tmp, out_path, what=what, exc=exc, corpus=corpus_path, extra=extra,
                                    done=sorted(done))
            if isinstance(exc, KeyboardInterrupt):
                raise
            if isinstance(exc, CorpusChanged):
                raise RunError(f"{exc}; the partial run is in {failed}; the previous run in {out_path} "
                               f"is untouched") from exc
            where = f"its executed copy is in {failed / failing[0]}" if failing else f"the partial run is in {failed}"
            raise RunError(f"{what}; {where}; the previous run in {out_path} is untouched") from exc
    return out_path


class CorpusChanged(Exception):
    """Input files were added, removed or modified while the notebooks ran."""


class RunError(Exception):
    """A notebook failed or the command line asked for something no notebook has."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m lib.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="a .txt/.md file or a folder of them")
    ap.add_argument("--out", required=True, help="run folder to write (replaced only when the run succeeds)")
    ap.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="notebook parameter, read as a Python literal when it is one")
    ap.add_argument("-r", "--raw", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="notebook parameter, always a string")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    extra = {k: literal(v) for k, v in args.parameter}
    extra.update({k: v for k, v in args.raw})
    try:
        out = run(args.corpus, args.out, extra)
    except (CorpusError, RunError) as exc:
        print(f"newslens: {exc}", file=sys.stderr)
        return 1
    except Interrupted as exc:
        out = resolve(args.out)
        print(f"newslens: interrupted by {exc}; the partial run is in {out.name}.failed; "
              f"{out} is untouched", file=sys.stderr)
        return 128 + exc.signum
    print(f"newslens: run written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
