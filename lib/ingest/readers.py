"""Readers for documents that are not plain text: HTML pages, JSONL and CSV tables.

Each reader turns one file into :class:`lib.ingest.corpus.Document` values (an HTML
page gives one; a JSONL or CSV file gives one per row) and
:class:`lib.ingest.corpus.Skipped` rows for what it cannot read, so one bad row never
stops a corpus. Metadata (title, date, source and any named column) travels in
``Document.meta`` into every table.

* **HTML**: ``trafilatura`` takes out the main text, the title and the date and
  leaves the page furniture (menus, scripts, footers, comment forms) out. Its
  paragraphs are joined with blank lines, and every offset of the other tables
  points into that extracted text.
* **JSONL**: one JSON object a line. ``text_column`` names the text field and
  ``meta_columns`` the metadata fields; the defaults fit
  ``../shared/corpora/reuters21578.jsonl`` as it is (``text``; ``title``,
  ``date``, ``topics``, ``places``). A line that is not a JSON object, or has
  no text, is skipped with its line number.
* **CSV**: a header row, then one article a row, with the same parameters. A
  file without the text column is skipped as a whole, with a reason that
  names the column expected and the columns found.

Dates are parsed into ISO 8601 (``1987-02-26T15:01:01``) by :func:`parse_date`;
a date that cannot be parsed is kept as written and reported in
``meta["date_problem"]``, never fatal.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from lib.ingest.corpus import Document, Skipped, decode_bytes, sha256_bytes

HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv")
TEXT_COLUMN = "text"
ID_COLUMN = "id"
# The metadata columns read by default: those of the Reuters-21578 JSONL.
META_COLUMNS = ("title", "date", "topics", "places")
# Values of list-valued metadata (Reuters topics, places) are joined with this.
LIST_SEPARATOR = ";"
# Date formats tried in order before the general ISO parser. The first is the
# Reuters-21578 form "26-FEB-1987 15:01:01.79" (hundredths of a second).
DATE_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M:%S", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y",
                "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TableOptions:
    """Which columns of a JSONL or CSV file hold the text, the id and the metadata."""

    text_column: str = TEXT_COLUMN
    meta_columns: tuple[str, ...] = META_COLUMNS
    id_column: str = ID_COLUMN
    date_column: str = "date"  # the column that is the document's date (trends, story groups, the report)
    title_column: str = "title"  # the column that is the document's title


def parse_date(value: object) -> tuple[str, str]:
    """Parse a date into ISO 8601; return ``(iso, problem)``, one of them empty.

    >>> parse_date("26-FEB-1987 15:01:01.79")
    ('1987-02-26T15:01:01', '')
    >>> parse_date("2024-11-03")
    ('2024-11-03T00:00:00', '')
    >>> parse_date("sometime in spring")
    ('', "unparseable date 'sometime in spring'")
    >>> parse_date("")
    ('', '')
    """
    if value is None:
        return "", ""
    text = _SPACES.sub(" ", str(value)).strip()
    if not text:
        return "", ""
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return _iso(parsed), ""
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00"))), ""
    except ValueError:
        return "", f"unparseable date {text!r}"


def _iso(d: datetime) -> str:
    """Seconds precision; an aware time is converted to UTC and its zone dropped."""
    if d.tzinfo is not None:
        from datetime import timezone

        d = d.astimezone(timezone.utc).replace(tzinfo=None)
    return d.replace(microsecond=0).isoformat()


def meta_value(value: object) -> str:
    """A metadata value as one string: lists joined by ``;``, None as empty.

    >>> meta_value(["el-salvador", "usa"]), meta_value(None), meta_value(3)
    ('el-salvador;usa', '', '3')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(meta_value(v) for v in value)
    return str(value)


def _meta(row: dict, options: TableOptions, source: str) -> dict:
    """The metadata of a row: its ``meta_columns``, with the ``date_column`` read as the document's
    ``date`` (ISO 8601) and the ``title_column`` as its ``title``, whatever the export calls them.

    >>> _meta({"published": "March 3, 2025", "headline": "Rates rise", "desk": ["economy"]},
    ...       TableOptions(meta_columns=("desk",), date_column="published", title_column="headline"), "feed.csv")
    {'source': 'feed.csv', 'desk': 'economy', 'date': '2025-03-03T00:00:00', 'title': 'Rates rise'}
    """
    meta = {"source": source}
    for col in options.meta_columns:
        if col not in (options.date_column, options.title_column):
            meta[col] = meta_value(row.get(col))
    if options.date_column in row or "date" in options.meta_columns:
        meta["date"], problem = parse_date(meta_value(row.get(options.date_column)))
        if problem:
            meta["date_problem"] = problem
    if options.title_column in row or "title" in options.meta_columns:
        meta["title"] = meta_value(row.get(options.title_column))
    return meta


def _row_id(row: dict, options: TableOptions, line_no: int) -> str:
    """The row's id: the id column when present (numbers zero-padded, so ids sort), else the line."""
    value = row.get(options.id_column)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:06d}"
    if isinstance(value, str) and value.strip():
        return value.strip()
    return f"line{line_no:06d}"


def _row_document(row: dict, options: TableOptions, *, rel: str, line_no: int) -> Document | Skipped:
    where = f"{rel}:{line_no}"
    text = row.get(options.text_column)
    if text is None:
        return Skipped(where, f"no {options.text_column!r} field")
    if not isinstance(text, str):
        return Skipped(where, f"{options.text_column!r} is not a string")
    if not text.strip():
        return Skipped(where, f"empty {options.text_column!r}")
    return Document(doc_id=f"{rel}#{_row_id(row, options, line_no)}", path=where, text=text,
                    encoding="utf-8", sha256=sha256_bytes(text.encode("utf-8")),
                    n_bytes=len(text.encode("utf-8")), meta=_meta(row, options, rel))


def iter_jsonl(path: Path, *, rel: str, options: TableOptions = TableOptions()) -> Iterator[Document | Skipped]:
    """One document per line of a JSONL file, streamed; a broken line is skipped with its number."""
    with open(path, "rb") as f:
        for line_no, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Skipped(f"{rel}:{line_no}", f"broken JSON line: {exc}")
                continue
            if not isinstance(row, dict):
                yield Skipped(f"{rel}:{line_no}", "JSON line is not an object")
                continue
            yield _row_document(row, options, rel=rel, line_no=line_no)


def iter_csv(path: Path, *, rel: str, options: TableOptions = TableOptions()) -> Iterator[Document | Skipped]:
    """One document per row of a CSV file with a header, streamed.

    ``line_no`` is the row's number counting the header as row 1. A file
    without the text column is one :class:`Skipped` row naming the column.
    """
    data = path.read_bytes()
    text, _ = decode_bytes(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if options.text_column not in header:  # the whole file is skipped; the rest of the corpus is read
        yield Skipped(rel, f"CSV has no text column {options.text_column!r} "
                           f"(columns: {', '.join(header) or 'none'}); name it with text_column")
        return
    for row_no, row in enumerate(reader, start=2):
        if None in row:  # more fields than the header
            yield Skipped(f"{rel}:{row_no}", f"row has {len(header) + len(row[None])} fields, header has {len(header)}")
            continue
        yield _row_document(row, options, rel=rel, line_no=row_no)


def read_html(path: Path, *, rel: str) -> Document | Skipped:
    """The main text of an HTML page, with its title and date, via trafilatura.

    Scripts, styles, navigation and footers never become text. A page with no
    main text is skipped.
    """
    import trafilatura

    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(rel, f"unreadable: {exc.strerror or exc}")
    html, encoding = decode_bytes(data)
    got = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    body = (getattr(got, "text", None) or "").strip() if got is not None else ""
    if not body:
        return Skipped(rel, "HTML page with no main text (trafilatura found none)")
    # trafilatura puts one paragraph a line; a blank line keeps them paragraphs for the cleaner.
    text = "\n\n".join(p.strip() for p in body.split("\n") if p.strip()) + "\n"
    meta = {"source": rel, "title": _SPACES.sub(" ", getattr(got, "title", None) or "").strip()}
    meta["date"], problem = parse_date(getattr(got, "date", None))
    if problem:
        meta["date_problem"] = problem
    return Document(doc_id=rel, path=rel, text=text, encoding=f"{encoding} (HTML, main text by trafilatura)",
                    sha256=sha256_bytes(data), n_bytes=len(data), meta=meta)
