"""Where the pass keeps what it computes: the on-disk spool of rows and the cache of finished passes.

The only module of the pass that writes or deletes files. A finished pass is kept under
``runs/.cache/<key>`` (the key hashes the input files' names, sizes and times, the options and the
source of every module that computes the pass), so the notebooks of one run share one pass; rows
stream to a :class:`Spool` while the pass runs, so memory does not grow with the corpus.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Iterator

from lib.ingest.corpus import list_files
from lib.paths import LIB_DIR, PROJ_ROOT

# Where analyse_corpus keeps finished passes, so the notebooks of one run share one pass.
CACHE_DIR = PROJ_ROOT / "runs" / ".cache"
# The packages whose code never changes what the pass computes: what a run does with it, and
# what a reader sees. Every other module of lib/ is part of the cache key (see _cache_key).
NOT_IN_PASS = ("run", "views")


class Spool:
    """Rows written to disk as they come and read back on demand, so the
    per-sentence tables of a large corpus never sit in memory during the pass."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._open: dict[str, object] = {}

    def write(self, name: str, rows: list) -> None:
        if not rows:
            return
        f = self._open.get(name)
        if f is None:
            f = self._open[name] = open(self.folder / f"{name}.pkl", "ab")
        pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        for f in self._open.values():
            f.close()
        self._open = {}

    def read(self, name: str) -> Iterator:
        path = self.folder / f"{name}.pkl"
        if not path.exists():
            return
        with open(path, "rb") as f:
            while True:
                try:
                    rows = pickle.load(f)
                except EOFError:
                    return
                yield from rows

    def __getstate__(self):
        return {"folder": self.folder, "_open": {}}


def input_bytes(root: Path) -> int:
    """Total size of the files under ``root`` (the progress bar's 100 %)."""
    files = [root] if root.is_file() else list_files(root)
    return sum(f.stat().st_size for f in files if f.exists())


def pass_sources() -> list[Path]:
    """The source files whose code can change the pass: every module of ``lib/`` outside
    :data:`NOT_IN_PASS`, data files included, found by walking the package (no hand-kept list).

    >>> names = {p.relative_to(LIB_DIR).as_posix() for p in pass_sources()}
    >>> {"passes/pipeline.py", "text/tokens.py", "data/stopwords_en.txt"} <= names, "run/folder.py" in names
    (True, False)
    """
    return sorted(p for p in LIB_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".txt")
                  and p.relative_to(LIB_DIR).parts[0] not in NOT_IN_PASS and "__pycache__" not in p.parts)


def cache_key(root: Path, parts: tuple) -> str:
    h = hashlib.sha256(repr(parts).encode())
    files = [root] if root.is_file() else list_files(root)
    for f in files:
        try:
            st = f.stat()
        except OSError as exc:  # a broken symlink or a loop: skipped by the reader, named in skipped.csv
            h.update(f"{f}\0{exc.errno}\n".encode())
            continue
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for src in pass_sources():  # a change to the code of the pass is a new analysis
        h.update(src.relative_to(LIB_DIR).as_posix().encode() + b"\0" + src.read_bytes())
    return h.hexdigest()[:20]


def cached(key: str):
    """The finished pass stored under ``key``, or None."""
    entry = CACHE_DIR / key
    if not (entry / "stats.pkl").exists():
        return None
    with open(entry / "stats.pkl", "rb") as f:
        stats = pickle.load(f)
    stats.spool = Spool(entry)
    return stats


def new_spool(key: str, *, cache: bool) -> Spool:
    """A fresh spool for a pass: a hidden folder beside the cache entries, or a temporary one."""
    folder = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=_ensure(CACHE_DIR))) if cache else \
        Path(tempfile.mkdtemp(prefix="newslens-pass-"))
    return Spool(folder)


def discard(spool: Spool) -> None:
    """Close and delete a spool (a pass that failed)."""
    spool.close()
    shutil.rmtree(spool.folder, ignore_errors=True)


def keep(stats, key: str, *, cache: bool):
    """Finish a pass: with ``cache``, store it under ``key`` (atomically; a concurrent identical pass
    may have won), else delete its spool when ``stats`` is garbage-collected."""
    spool = stats.spool
    spool.close()
    if not cache:
        weakref.finalize(stats, shutil.rmtree, str(spool.folder), True)
        return stats
    with open(spool.folder / "stats.pkl", "wb") as f:
        pickle.dump(stats, f, protocol=pickle.HIGHEST_PROTOCOL)
    entry = CACHE_DIR / key
    try:
        os.replace(spool.folder, entry)
    except OSError:
        shutil.rmtree(spool.folder, ignore_errors=True)
    stats.spool = Spool(entry)
    return stats


def _ensure(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p
