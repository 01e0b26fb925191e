"""Groups of documents by a metadata column: keyness of each group against the rest of the corpus,
and the distribution of the documents' sentiment per group.

* **keyness of a group against the rest**: with *a* = the term's count in the group, *b* = in the
  rest, *c*, *d* = word tokens (stopwords included) in the group and in the rest,
  E₁ = c(a+b)/(c+d), E₂ = d(a+b)/(c+d): **G²** = 2 (a ln(a/E₁) + b ln(b/E₂)) (Rayson & Garside
  2000, the log-likelihood of the Lancaster calculator; 3.84 ≈ p < 0.05, 10.83 ≈ p < 0.001) and
  **log ratio** = log₂((a/c)/(b/d)) (Hardie 2014), with a zero count replaced by 0.5 so that it
  stays finite. A document in several groups (Reuters lists several topics) counts in each; a
  document with no value is in the group ``(none)``.
* **sentiment by group**: the distribution of the documents' mean compound in each group, with
  mean, standard deviation, standard error and quartiles."""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd

from lib.ingest.readers import LIST_SEPARATOR
from lib.measures.keyness import g2_two_corpora
from lib.measures.terms import term_mask
from lib.run.folder import EMPTY_CELLS

NO_GROUP = "(none)"
GROUP_KEYNESS_COLUMNS = ["group", "term", "count_group", "count_rest", "words_group", "words_rest",
                         "rate_group", "rate_rest", "g2", "log_ratio", "direction", "documents_group"]
GROUP_SENTIMENT_COLUMNS = ["group", "documents", "sentences", "mean_compound", "std_compound", "sem",
                           "q25", "median", "q75", "share_negative_docs", "share_positive_docs"]


def groups_of(value: object) -> list[str]:
    """The groups a metadata value puts a document in, each once (a value listed twice counts once).

    >>> groups_of("cocoa;grain"), groups_of("grain;grain"), groups_of(""), groups_of(None)
    (['cocoa', 'grain'], ['grain'], ['(none)'], ['(none)'])
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return [NO_GROUP]
    parts = list(dict.fromkeys(p.strip() for p in str(value).split(LIST_SEPARATOR) if p.strip()))
    return parts or [NO_GROUP]


def _group_map(documents: pd.DataFrame, group_by: str) -> dict[str, list[str]]:
    if group_by not in documents.columns:
        raise ValueError(f"no metadata column {group_by!r}; the documents have: {', '.join(documents.columns)}")
    return {d: groups_of(v) for d, v in zip(documents["doc_id"], documents[group_by])}


def group_keyness(stats, documents: pd.DataFrame, *, group_by: str, min_count: int = 5,
                  top_n: int = 15, min_documents: int = 2, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Terms over-used in each group against the rest of the corpus: G² and log ratio.

    ``documents`` is the documents table (for the metadata and the word
    counts). Groups with fewer than ``min_documents`` documents and terms seen
    fewer than ``min_count`` times in the group, or in ``exclude``, are left out;
    the ``top_n`` "over" terms of each group by G² are kept. A group that holds
    every word of the corpus (every document) has no rest to compare with and
    is left out; ``attrs["not_compared"]`` names it with that reason. ``words_group``/``words_rest``
    are the corpus sizes of the test (all word tokens). Sorted by group, g2
    (descending), term.
    """
    gmap = _group_map(documents, group_by)
    words = dict(zip(documents["doc_id"], documents["words"]))
    size, n_docs = Counter(), Counter()
    for d, gs in gmap.items():
        for g in gs:
            size[g] += int(words[d])
            n_docs[g] += 1
    keep = sorted(g for g, n in n_docs.items() if n >= min_documents)
    counts = _group_counts(stats, gmap, keep)  # groups x words
    total_words, total = stats.n_words, stats.counts.word_counts
    words, is_term = stats.counts.vocab.words, term_mask(stats, exclude)
    rows, not_compared = [], {}
    for gi, g in enumerate(keep):
        c1, c2 = size[g], total_words - size[g]
        if c1 == 0 or c2 == 0:
            not_compared[g] = ("no words in the group" if c1 == 0 else
                               "the group holds every word of the corpus: there is no rest to compare it with")
            continue
        line = counts.getrow(gi)
        ok = (line.data >= min_count) & is_term[line.indices]
        if not ok.any():
            continue
        cand = [(words[w], a, total[w] - a) for w, a in zip(line.indices[ok].tolist(), line.data[ok].tolist())]
        a = np.array([x[1] for x in cand], dtype=float)
        b = np.array([x[2] for x in cand], dtype=float)
        g2 = g2_two_corpora(a, b, c1, c2)
        lr = np.log2((np.where(a > 0, a, 0.5) / c1) / (np.where(b > 0, b, 0.5) / c2))
        over = a / c1 > b / c2
        part = pd.DataFrame({"group": g, "term": [x[0] for x in cand], "count_group": a.astype(int),
                             "count_rest": b.astype(int), "words_group": c1, "words_rest": c2,
                             "rate_group": (a * 1000 / c1).round(4), "rate_rest": (b * 1000 / c2).round(4),
                             "g2": g2.round(4), "log_ratio": lr.round(4),
                             "direction": np.where(over, "over", "under"), "documents_group": n_docs[g]})
        part = part[part["direction"] == "over"].sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        rows.append(part.head(top_n))
    attrs = {"measure": "G2 = 2(a ln(a/E1) + b ln(b/E2)) (Rayson & Garside 2000); "
                        "log ratio = log2((a/c)/(b/d)) (Hardie 2014), zero counts as 0.5",
             "group_by": group_by, "not_compared": not_compared}
    out = pd.concat(rows, ignore_index=True)[GROUP_KEYNESS_COLUMNS] if rows else \
        pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)
    out.attrs = attrs
    return out


def uncompared(keyness: pd.DataFrame) -> str:
    """One sentence naming the groups :func:`group_keyness` could not compare, and why.

    >>> k = pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)
    >>> k.attrs["not_compared"] = {"korea": "the group holds every word of the corpus"}
    >>> uncompared(k)
    '0 groups with over-used terms. Not compared: korea (the group holds every word of the corpus).'
    """
    n = keyness["group"].nunique()
    out = f"{n:,} group{'' if n == 1 else 's'} with over-used terms."
    missing = keyness.attrs.get("not_compared", {})
    if missing:
        out += " Not compared: " + "; ".join(f"{g} ({why})" for g, why in sorted(missing.items())) + "."
    return out


def _group_counts(stats, gmap: dict[str, list[str]], groups: list[str]):
    """Word counts per group (a sparse groups x words matrix): an indicator matrix of the groups'
    documents times the document-word matrix."""
    from scipy import sparse

    index = {g: i for i, g in enumerate(groups)}
    pairs = [(index[g], r) for r, d in enumerate(stats.matrix_doc_ids()) for g in gmap.get(d, ()) if g in index]
    member = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), ([p[0] for p in pairs], [p[1] for p in pairs])),
                               shape=(len(groups), stats.n_documents))
    return (member @ stats.matrix().astype(np.int64)).tocsr()


def sentiment_by_group(documents: pd.DataFrame, *, group_by: str, min_documents: int = 2) -> pd.DataFrame:
    """The distribution of documents' mean compound per group (groups with ``min_documents`` or more).

    ``sem`` = std / √documents; ``share_negative_docs``/``share_positive_docs``:
    documents whose mean compound is ≤ −0.05 / ≥ 0.05 (VADER's thresholds).
    ``std_compound`` and ``sem`` are empty for a group of one document.
    Sorted by documents (descending), then group.
    """
    long = _group_long(documents, group_by)
    g = long.groupby("group", sort=True)
    m = g["mean_compound"]
    out = pd.DataFrame({"documents": g.size(), "sentences": g["sentences"].sum(),
                        "mean_compound": m.mean().round(4), "std_compound": m.std(ddof=1).round(4),
                        "q25": m.quantile(0.25).round(4), "median": m.median().round(4),
                        "q75": m.quantile(0.75).round(4),
                        "share_negative_docs": m.apply(lambda x: (x <= -0.05).mean()).round(4),
                        "share_positive_docs": m.apply(lambda x: (x >= 0.05).mean()).round(4)}).reset_index()
    out["sem"] = (out["std_compound"] / np.sqrt(out["documents"])).round(4)
    out = out[out["documents"] >= min_documents]
    out = out.sort_values(["documents", "group"], ascending=[False, True], kind="stable")
    out = out[GROUP_SENTIMENT_COLUMNS].reset_index(drop=True)
    one = "the group has one document: a standard deviation needs two"
    out.attrs = {EMPTY_CELLS: {"std_compound": one, "sem": one}}
    return out


def _group_long(documents: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """One row per (document, group) with the document's mean compound and sentences."""
    gmap = _group_map(documents, group_by)
    d = documents[documents["mean_compound"].notna()]
    rows = [(doc, g, mc, s) for doc, mc, s in zip(d["doc_id"], d["mean_compound"], d["sentences"])
            for g in gmap[doc]]
    return pd.DataFrame(rows, columns=["doc_id", "group", "mean_compound", "sentences"])


def group_distribution(documents: pd.DataFrame, *, group_by: str, groups: list[str]) -> pd.DataFrame:
    """``doc_id, group, mean_compound``: the documents behind the box plot of ``groups``."""
    long = _group_long(documents, group_by)
    long = long[long["group"].isin(groups)]
    return long.sort_values(["group", "doc_id"], kind="stable").reset_index(drop=True)[
        ["doc_id", "group", "mean_compound", "sentences"]]
