"""Find and decode the documents of a corpus: a file or a folder of files.

A file that cannot be analysed is never fatal: it becomes a :class:`Skipped`
row with the reason, and the other files are still read. Only a corpus that
yields no document at all raises :class:`CorpusError`.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

TEXT_SUFFIXES = (".txt", ".md")

# Leading bytes of common binary formats that sometimes land in scraped folders.
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip archive",
}


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class CorpusError(Exception):
    """The corpus as a whole cannot be analysed (missing path, nothing readable)."""


@dataclass(frozen=True)
class Document:
    """One decoded document. ``text`` is what every offset points into."""

    doc_id: str
    path: str
    text: str
    encoding: str
    sha256: str
    n_bytes: int
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    """A file that was not analysed, and why (``path`` relative to the corpus root)."""

    path: str
    reason: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DecodeError(ValueError):
    """A file declares an encoding by its byte-order mark but is not valid in it."""


def _line_of(data: bytes, pos: int, encoding: str) -> int:
    """The 1-based line holding byte ``pos`` (``\n``, ``\r\n`` and a lone ``\r`` end lines)."""
    before = data[:pos].decode(encoding, errors="replace")
    return len(_LINE_BREAK.findall(before)) + 1


def _strict(data: bytes, encoding: str, *, skip: int = 0) -> str:
    """Decode strictly, or raise :class:`DecodeError` naming the byte and line."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        pos = skip + exc.start
        raise DecodeError(f"starts with a {encoding.upper()} byte-order mark but is not valid "
                          f"{encoding.upper()} at byte {pos} (line {_line_of(data, pos, encoding)})") from None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the decoding used.

    UTF-8 first (a byte-order mark is honoured and dropped); UTF-16 and
    UTF-32 only with their byte-order mark; otherwise cp1252, which covers the
    smart quotes of Windows editors, and latin-1 for the few bytes cp1252
    leaves undefined. The fallbacks never fail, and the name they return says
    which one ran and the line of the first byte that is not UTF-8. A file
    whose byte-order mark promises an encoding it then breaks raises
    :class:`DecodeError` (the caller skips it with that message).

    >>> decode_bytes("caf\u00e9".encode("utf-8"))
    ('caf\u00e9', 'utf-8')
    >>> decode_bytes(b"line one\\n\\x93quoted\\x94")
    ('line one\\n\u201cquoted\u201d', 'cp1252 (fallback: not valid UTF-8 at line 2)')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8", skip=3), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, "utf-8")
    try:
        return data.decode("cp1252"), f"cp1252 (fallback: not valid UTF-8 at line {line})"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"latin-1 (fallback: not valid UTF-8 at line {line}, nor cp1252)"


def binary_reason(data: bytes) -> str | None:
    """Say why ``data`` looks binary, or return None for text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({kind})"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None  # UTF-16 and UTF-32 text carry NUL bytes legitimately
    head = data[:65536]
    if b"\x00" in head:
        if len(head) >= 4 and (head[1::2].count(0) > 0.9 * len(head[1::2])
                               or head[0::2].count(0) > 0.9 * len(head[0::2])):
            return "looks like UTF-16 without a byte-order mark (save it as UTF-8, or as UTF-16 with a BOM)"
        return f"binary file (contains NUL bytes; the first at byte {head.index(0)})"
    return None


def read_file(path: Path, *, doc_id: str) -> Document | Skipped:
    """Read one text file, or say why it cannot be analysed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            return Skipped(str(path), f"broken symlink (points to {os.readlink(path)}, which does not exist)")
        return Skipped(str(path), "file vanished before it could be read")
    except PermissionError:
        return Skipped(str(path), "permission denied (cannot read the file)")
    except IsADirectoryError:
        return Skipped(str(path), "a folder, not a file (symlinked folders are not followed)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(str(path), "symlink loop (the link points back at itself)")
        return Skipped(str(path), f"unreadable: {exc.strerror or exc}")
    if not data:
        return Skipped(str(path), "empty file (0 bytes)")
    reason = binary_reason(data)
    if reason:
        return Skipped(str(path), reason)
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return Skipped(str(path), str(exc))
    if not text:
        return Skipped(str(path), f"no text after the byte-order mark ({len(data)} bytes)")
    if not text.strip():
        return Skipped(str(path), "only whitespace")
    return Document(doc_id=doc_id, path=str(path), text=text, encoding=encoding,
                    sha256=sha256_bytes(data), n_bytes=len(data))


def list_files(root: Path) -> list[Path]:
    """Every file under ``root`` in sorted order; symlinked folders are not followed."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def iter_corpus(path: str | Path, *, table_options=None) -> Iterator[Document | Skipped]:
    """Stream the documents of a file or a folder (recursive, sorted), and what was skipped.

    ``.txt``/``.md`` files are read here; ``.html``/``.htm`` pages, ``.jsonl``
    and ``.csv`` files by :mod:`lib.ingest.readers` (a JSONL or CSV file gives one
    document a row; ``table_options`` names its text and metadata columns).
    Documents come one at a time, so a corpus is never held in memory whole.
    Duplicates (same sha256 of the text read) are analysed once; later copies
    are skipped. Raises :class:`CorpusError` when nothing readable was found.
    """
    from lib.ingest import readers

    root = Path(path)
    if not root.exists():
        raise CorpusError(f"corpus path does not exist: {root}")
    if root.is_file():
        files, base = [root], root.parent
    else:
        files, base = list_files(root), root
    options = table_options or readers.TableOptions()
    suffixes = TEXT_SUFFIXES + readers.HTML_SUFFIXES + readers.TABLE_SUFFIXES
    seen: dict[str, str] = {}
    skipped_detail: list[str] = []
    n_docs = 0
    for f in files:
        rel = f.relative_to(base).as_posix()
        suffix = f.suffix.lower()
        if suffix not in suffixes:
            got_all: Iterable[Document | Skipped] = [Skipped(rel, f"not a {', '.join(suffixes[:-1])} or {suffixes[-1]} file")]
        elif suffix in readers.TABLE_SUFFIXES:
            reader = readers.iter_jsonl if suffix == ".jsonl" else readers.iter_csv
            got_all = reader(f, rel=rel, options=options)
        elif suffix in readers.HTML_SUFFIXES:
            got_all = [readers.read_html(f, rel=rel)]
        else:
            got = read_file(f, doc_id=rel)
            got_all = [Skipped(rel, got.reason) if isinstance(got, Skipped) else got]
        for got in got_all:
            if isinstance(got, Skipped):
                if len(skipped_detail) < 5:
                    skipped_detail.append(f"{got.path}: {got.reason}")
                yield got
            elif got.sha256 in seen:
                yield Skipped(got.path if got.path != str(f) else rel, f"duplicate of {seen[got.sha256]} (same sha256)")
            else:
                seen[got.sha256] = got.doc_id
                n_docs += 1
                yield got
    if not n_docs:
        detail = "; ".join(skipped_detail) or "no files"
        raise CorpusError(f"no readable document in {root} ({detail})")


def find_documents(path: str | Path, doc_ids, *, table_options=None) -> list[Document]:
    """The documents ``doc_ids`` of the corpus at ``path``, in corpus order, read until the last is found.

    >>> [d.doc_id for d in find_documents("seeds", ["000_0cd70d5b161d91d4.txt"])]
    ['000_0cd70d5b161d91d4.txt']
    """
    from lib.paths import resolve

    wanted = set(doc_ids)
    found: list[Document] = []
    if not wanted:
        return found
    for d in iter_corpus(resolve(path), table_options=table_options):
        if isinstance(d, Document) and d.doc_id in wanted:
            found.append(d)
            if len(found) == len(wanted):
                break
    return found


def load_corpus(path: str | Path, *, table_options=None) -> tuple[list[Document], list[Skipped]]:
    """Load a file or a folder (recursive, sorted) of documents: :func:`iter_corpus`, collected.

    Returns the documents and the skipped files. Duplicate files (same
    sha256) are analysed once; later copies are listed as skipped.
    """
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for got in iter_corpus(path, table_options=table_options):
        (skipped if isinstance(got, Skipped) else docs).append(got)
    return docs, skipped
