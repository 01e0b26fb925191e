"""Run every notebook on a corpus: ``python -m lib.run CORPUS --out DIR``.

The notebooks are executed with papermill into a hidden temporary folder
beside DIR. Only when every notebook succeeded is ``manifest.json`` written
and the folder moved into place, replacing the previous run; a failed run
goes to ``DIR.failed`` (with the failing executed notebook and
``FAILED.txt``) and the previous good run is left untouched. A folder without
``manifest.json`` is never a finished run.

Extra notebook parameters: ``-p NAME VALUE`` (the value is read as a Python
literal when it is one: ``-p top_n 30``, ``-p kwic_terms "['troops']"``;
otherwise it is a string) and ``-r NAME VALUE`` (always a string). A
parameter reaches every notebook that declares it; one that no notebook
declares is an error.
"""
from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from lib import outputs, report
from lib.corpus import CorpusError, list_files, sha256_bytes
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


def input_files(corpus: Path) -> list[dict]:
    """Each input file with its sha256, for the manifest."""
    files = [corpus] if corpus.is_file() else list_files(corpus)
    base = corpus.parent if corpus.is_file() else corpus
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
    papermill.execute_notebook(str(nb), str(out_nb), parameters=parameters, kernel_name=KERNEL,
                               cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False)


def replace_dir(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst``, replacing what was there with as short a gap as renames allow."""
    old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
    if dst.exists():
        os.replace(dst, old)
    os.replace(src, dst)
    if old.exists():
        shutil.rmtree(old)


def run(corpus: str | Path, out: str | Path, extra: dict | None = None) -> Path:
    """Execute every notebook on ``corpus`` into ``out``; return ``out``.

    Raises :class:`RunError` when a notebook fails (after keeping the failed run).
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
    tmp = out_path.with_name(f".{out_path.name}.partial-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    started = datetime.now(timezone.utc)
    base = {"corpus": str(corpus_path), "out_dir": str(tmp)}
    for nb in nbs:
        params = {**base, **{k: v for k, v in extra.items() if k in declared[nb.name]}}
        t0 = time.perf_counter()
        try:
            execute(nb, tmp / nb.name, params)
        except BaseException as exc:
            failed = out_path.with_name(f"{out_path.name}.failed")
            if failed.exists():
                shutil.rmtree(failed)
            outputs.write_text(tmp / "FAILED.txt", f"notebook {nb.name} failed\n\n" + "".join(
                traceback.format_exception_only(type(exc), exc)))
            os.replace(tmp, failed)
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise RunError(f"{nb.name} failed; its executed copy is in {failed / nb.name}; "
                           f"the previous run in {out_path} is untouched") from exc
        print(f"{nb.name}: ok ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    # report.html before the manifest, so the manifest lists it with its sha256.
    report.write(tmp, corpus=display_path(corpus_path), parameters=dict(extra),
                 inputs=input_files(corpus_path), notebooks=[nb.name for nb in nbs])
    finished = datetime.now(timezone.utc)
    outputs.write_manifest(
        tmp, corpus=display_path(corpus_path),
        parameters={k: v for k, v in extra.items()}, inputs=input_files(corpus_path),
        notebooks=[nb.name for nb in nbs],
        times={"started": started.isoformat(timespec="seconds"), "finished": finished.isoformat(timespec="seconds"),
               "seconds": round((finished - started).total_seconds(), 1)})
    replace_dir(tmp, out_path)
    return out_path


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
    print(f"newslens: run written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
