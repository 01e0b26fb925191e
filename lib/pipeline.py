"""From a corpus path to the tables every notebook starts from.

The per-document work (:func:`analyse_document`) is a pure function of one
document, so it can run in any process; :func:`build_corpus` gathers the
results into tables with stable column order and sorted rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from lib.cleaning import clean_text
from lib.corpus import Document, load_corpus
from lib.language import check_paragraphs as check_language
from lib.paths import resolve
from lib.sentences import split_sentences
from lib.stopwords import stopwords
from lib.tokens import tokenize

DOCUMENT_COLUMNS = ["doc_id", "encoding", "sha256", "bytes", "headline", "byline",
                    "paragraphs", "sentences", "tokens", "words", "removed_lines", "language_check"]
CLEANING_COLUMNS = ["doc_id", "line_no", "start", "end", "role", "rule", "text"]
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token_id", "start", "end", "text", "norm", "kind", "is_stop"]
SKIPPED_COLUMNS = ["path", "reason"]


@dataclass
class Corpus:
    """The tables of one corpus. Offsets point into ``texts[doc_id]``."""

    documents: pd.DataFrame
    cleaning: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    skipped: pd.DataFrame
    texts: dict[str, str]
    headlines: dict[str, str]


@dataclass
class DocumentResult:
    document: dict
    cleaning: list[dict]
    sentences: list[dict]
    tokens: list[dict]


def analyse_document(doc: Document, stop: frozenset[str]) -> DocumentResult:
    """Clean, split and tokenize one document."""
    text = doc.text
    cleaned = clean_text(text)
    cleaning = [dict(doc_id=doc.doc_id, line_no=r.line_no, start=r.start, end=r.end,
                     role=r.role, rule=r.rule, text=r.text) for r in cleaned.removed]
    sentences: list[dict] = []
    tokens: list[dict] = []
    sid = 0
    for pid, (p_start, p_end) in enumerate(cleaned.paragraphs, start=1):
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sid += 1
            sentences.append(dict(doc_id=doc.doc_id, sentence_id=sid, paragraph_id=pid,
                                  start=s_start, end=s_end, text=text[s_start:s_end]))
            for tok in tokenize(text, s_start, s_end):
                tokens.append(dict(doc_id=doc.doc_id, sentence_id=sid, token_id=len(tokens) + 1,
                                   start=tok.start, end=tok.end, text=tok.text, norm=tok.norm,
                                   kind=tok.kind, is_stop=tok.norm in stop))
    headline = text[slice(*cleaned.headline)] if cleaned.headline else doc.meta.get("title", "")
    byline = text[slice(*cleaned.byline)] if cleaned.byline else ""
    document = dict(doc_id=doc.doc_id, encoding=doc.encoding, sha256=doc.sha256,
                    bytes=doc.n_bytes, headline=headline, byline=byline,
                    paragraphs=len(cleaned.paragraphs), sentences=sid, tokens=len(tokens),
                    words=sum(1 for t in tokens if t["kind"] == "word"),
                    removed_lines=len(cleaned.removed),
                    language_check=check_language(text, cleaned.paragraphs))
    return DocumentResult(document, cleaning, sentences, tokens)


def _frame(rows: Iterable[dict], columns: list[str], sort: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=columns)
    return df.sort_values(sort, kind="stable").reset_index(drop=True) if len(df) else df


def build_corpus(path: str | Path, *, extra_stopwords: Iterable[str] = ()) -> Corpus:
    """Load, clean, split and tokenize every document under ``path``.

    ``path`` may be relative to the project root (``"seeds"``).
    """
    docs, skipped = load_corpus(resolve(path))
    stop = stopwords(extra_stopwords)
    results = [analyse_document(d, stop) for d in docs]
    return Corpus(
        documents=_frame((r.document for r in results), DOCUMENT_COLUMNS, ["doc_id"]),
        cleaning=_frame((row for r in results for row in r.cleaning), CLEANING_COLUMNS, ["doc_id", "start"]),
        sentences=_frame((row for r in results for row in r.sentences), SENTENCE_COLUMNS, ["doc_id", "sentence_id"]),
        tokens=_frame((row for r in results for row in r.tokens), TOKEN_COLUMNS, ["doc_id", "token_id"]),
        skipped=_frame(({"path": s.path, "reason": s.reason} for s in skipped), SKIPPED_COLUMNS, ["path"]),
        texts={d.doc_id: d.text for d in docs},
        headlines={r.document["doc_id"]: r.document["headline"] for r in results},
    )
