"""Keyword in context and dispersion: where a term or phrase occurs, over the tokens table of the
documents shown (``tokens.csv``)."""
from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from lib.measures.terms import WORD_KIND
from lib.text.tokens import tokenize

# Tokens counted by the KWIC ``window``; punctuation and clitics between them are shown but not counted.
CONTEXT_KINDS = frozenset({"word", "number"})
KWIC_COLUMNS = ["doc_id", "query", "offset", "left", "match", "right"]
DISPERSION_COLUMNS = ["doc_id", "query", "offset", "token_index", "relative_position"]


def _example_tokens(text: str) -> pd.DataFrame:
    """The tokens table of ``text`` as one document (used by the doctests)."""
    from lib.ingest.corpus import Document
    from lib.passes.pipeline import TOKEN_COLUMNS, analyse_document
    from lib.text.stopwords import stopwords

    doc = Document("example.txt", "example.txt", text, "utf-8", "", len(text.encode()))
    return pd.DataFrame(analyse_document(doc, stopwords()).tokens, columns=TOKEN_COLUMNS)


def _in_order(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens.sort_values(["doc_id", "token_id"], kind="stable").reset_index(drop=True)


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Word tokens in reading order, with ``pos`` (row in :func:`_in_order`),
    ``run`` (see the module docstring) and ``word_index`` (0-based among the
    document's word tokens)."""
    t = _in_order(tokens)
    is_word = t["kind"].eq(WORD_KIND)
    continues = (is_word.shift(fill_value=False)
                 & t["doc_id"].eq(t["doc_id"].shift())
                 & t["sentence_id"].eq(t["sentence_id"].shift())
                 & t["token_id"].eq(t["token_id"].shift() + 1))
    run = (is_word & ~continues).cumsum()
    words = t[is_word].assign(pos=t.index[is_word], run=run[is_word]).reset_index(drop=True)
    words["word_index"] = words.groupby("doc_id", sort=False).cumcount()
    return words


def _parse_query(query: str) -> tuple[str, ...]:
    """The norms of a query's word tokens, split exactly as the text is.

    >>> _parse_query("North  Korean"), _parse_query("U.S.")
    (('north', 'korean'), ('u.s.',))
    """
    toks = tokenize(query)
    if not toks or any(t.kind != WORD_KIND for t in toks):
        bad = [t.text for t in toks if t.kind != WORD_KIND]
        raise ValueError(f"query {query!r} must be one or more words; it has {bad or 'no words'}")
    return tuple(t.norm for t in toks)


def _matches(words: pd.DataFrame, queries: str | Iterable[str]) -> pd.DataFrame:
    """Where each query occurs as consecutive word tokens of one run.

    Returns ``doc_id, query, first, last`` (rows of ``words``) and ``offset``
    (start character of the match). Overlapping matches are all kept.
    """
    parsed = sorted({_parse_query(q) for q in ([queries] if isinstance(queries, str) else queries)})
    norms, runs = words["norm"], words["run"]
    found = []
    for q in parsed:
        hit = runs.shift(-(len(q) - 1)).eq(runs)
        for k, norm in enumerate(q):
            hit &= norms.shift(-k).eq(norm)
        first = np.flatnonzero(hit.to_numpy())
        found.append(pd.DataFrame({"query": " ".join(q), "first": first, "last": first + len(q) - 1}))
    out = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=["query", "first", "last"])
    out["doc_id"] = words["doc_id"].to_numpy()[out["first"].to_numpy(dtype=int)]
    out["offset"] = words["start"].to_numpy()[out["first"].to_numpy(dtype=int)]
    return out.sort_values(["doc_id", "offset", "query"], kind="stable").reset_index(drop=True)


def _surface(rows: pd.DataFrame, text: str) -> str:
    """Tokens' surface text, with any gap between two tokens shown as one space."""
    parts: list[str] = []
    prev_end = None
    for start, end in zip(rows["start"], rows["end"]):
        if prev_end is not None and start > prev_end:
            parts.append(" ")
        parts.append(text[start:end])
        prev_end = end
    return "".join(parts)


def kwic(tokens: pd.DataFrame, texts: Mapping[str, str], queries: str | Iterable[str], *,
         window: int = 8) -> pd.DataFrame:
    """Keyword-in-context lines: ``doc_id, query, offset, left, match, right``.

    A query is one word or a phrase ("north korean"), split by the project
    tokenizer and matched case-insensitively against the norms of consecutive
    word tokens of one run, so no punctuation, clitic or sentence end may lie
    between its words; a query containing anything but words raises
    ValueError. ``query`` is the normalised query. ``match`` is the original
    text slice (``texts[doc_id][offset:offset + len(match)] == match``; it
    keeps a line break that falls inside a phrase). ``left``/``right`` show
    the ``window`` word or number tokens before/after the match, in the same
    document, with the punctuation and clitics among them; whitespace between
    tokens becomes one space, and text that is not in the tokens table (lines
    the cleaner removed) is never shown. Sorted by doc_id, offset, query.

    >>> text = "The U.S. said North\\nKorean troops left. North Korean drones hit 3 tanks."
    >>> toks = _example_tokens(text)
    >>> kwic(toks, {"example.txt": text}, ["North Korean"], window=3)[["left", "match", "right"]].values.tolist()
    [['The U.S. said', 'North\\nKorean', 'troops left. North'], ['Korean troops left.', 'North Korean', 'drones hit 3']]
    """
    if window < 0:
        raise ValueError("window must be 0 or more")
    t = _in_order(tokens)
    words = _words(t)
    found = _matches(words, queries)
    is_ctx = t["kind"].isin(CONTEXT_KINDS).to_numpy()
    row_in_doc = t.groupby("doc_id", sort=False).cumcount().to_numpy()
    doc_size = t.groupby("doc_id", sort=False).size()
    pos = words["pos"].to_numpy()
    rows = []
    for m in found.itertuples(index=False):
        text = texts[m.doc_id]
        first_pos, last_pos = int(pos[m.first]), int(pos[m.last])
        doc_start = first_pos - int(row_in_doc[first_pos])
        doc_end = doc_start + int(doc_size[m.doc_id])
        before = np.flatnonzero(is_ctx[doc_start:first_pos]) + doc_start
        after = np.flatnonzero(is_ctx[last_pos + 1:doc_end]) + last_pos + 1
        left_from = int(before[max(len(before) - window, 0)]) if window and len(before) else first_pos
        right_to = int(after[min(window, len(after)) - 1]) + 1 if window and len(after) else last_pos + 1
        end = int(words["end"].iat[m.last])
        rows.append(dict(doc_id=m.doc_id, query=m.query, offset=int(m.offset),
                         left=_surface(t.iloc[left_from:first_pos], text),
                         match=text[int(m.offset):end],
                         right=_surface(t.iloc[last_pos + 1:right_to], text)))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def dispersion(tokens: pd.DataFrame, queries: str | Iterable[str]) -> pd.DataFrame:
    """Where each query falls in its document: ``doc_id, query, offset, token_index, relative_position``.

    Queries match as in :func:`kwic`. ``token_index`` is the 0-based index of
    the match's first word among the document's word tokens and
    ``relative_position = token_index / words_in_doc``, in [0, 1) (not
    rounded, so it never reaches 1). Sorted by doc_id, offset, query.

    >>> toks = _example_tokens("North Korean troops left. North Korean drones hit 3 tanks.")
    >>> d = dispersion(toks, "north korean")
    >>> d["token_index"].tolist(), d["relative_position"].round(4).tolist()
    ([0, 4], [0.0, 0.4444])
    """
    words = _words(tokens)
    found = _matches(words, queries)
    per_doc = words.groupby("doc_id")["norm"].size()
    index = words["word_index"].to_numpy()[found["first"].to_numpy(dtype=int)]
    out = found.assign(token_index=index)
    out["relative_position"] = out["token_index"] / out["doc_id"].map(per_doc).astype(float)
    return out[DISPERSION_COLUMNS].reset_index(drop=True)
