"""Distinctive terms per document: tf-idf on the pass's document-word matrix.

``tfidf = count * idf`` with the smoothed ``idf = ln((1 + D) / (1 + df)) + 1`` (D documents, df
documents containing the term; scikit-learn's default), so a term in every document still counts
once per occurrence; with one document tf-idf is the count."""
from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from lib.measures.terms import term_mask

TFIDF_COLUMNS = ["doc_id", "rank", "term", "count", "documents", "idf", "tfidf"]


def tfidf(stats, *, top_n: int = 10, doc_ids: Iterable[str] | None = None,
          exclude: Iterable[str] = ()) -> pd.DataFrame:
    """The ``top_n`` terms of each document by tf-idf (see the module docstring).

    ``doc_ids`` limits the table to those documents; terms in ``exclude``
    (reporting verbs) are not ranked. Sorted by doc_id, rank; ties in tf-idf
    are broken by term. Computed on the document-word matrix: every (document,
    term) cell scored at once, then ranked by one sort.
    """
    m = stats.matrix().tocoo()
    words, df = stats.counts.vocab.words, stats.counts.word_documents
    ids = stats.matrix_doc_ids()
    keep = term_mask(stats, exclude)[m.col]
    if doc_ids is not None:
        wanted = set(doc_ids)
        keep &= np.fromiter((d in wanted for d in ids), dtype=bool, count=len(ids))[m.row]
    row, col, count = m.row[keep], m.col[keep], m.data[keep].astype(np.int64)
    n_docs = stats.n_documents
    # idf with the standard library's log, per distinct document frequency (as the table always was)
    idf_of = {int(f): math.log((1 + n_docs) / (1 + int(f))) + 1 for f in np.unique(df[col])}
    idf = np.array([idf_of[int(f)] for f in df[col]], dtype=float)
    score = count * idf
    alphabetical = np.empty(len(words), dtype=np.int64)
    alphabetical[sorted(range(len(words)), key=words.__getitem__)] = np.arange(len(words))
    order = np.lexsort((alphabetical[col], -score, row))
    row, col, count, idf, score = row[order], col[order], count[order], idf[order], score[order]
    rank = np.arange(len(row)) - np.searchsorted(row, row)  # 0-based rank within each document
    top = rank < top_n
    out = pd.DataFrame({"doc_id": pd.Series([ids[r] for r in row[top]], dtype=str), "rank": rank[top] + 1,
                        "term": pd.Series([words[c] for c in col[top]], dtype=str), "count": count[top],
                        "documents": df[col[top]], "idf": [round(float(x), 4) for x in idf[top]],
                        "tfidf": [round(float(x), 4) for x in score[top]]})
    return out.sort_values(["doc_id", "rank"], kind="stable").reset_index(drop=True)[TFIDF_COLUMNS]
