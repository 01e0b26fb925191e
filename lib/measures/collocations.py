"""Collocations: adjacent word pairs scored by G² and PMI on their own 2×2 tables."""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from lib.measures.terms import DECIMALS

COLLOCATION_COLUMNS = ["bigram", "w1", "w2", "count", "w1_pairs", "w2_pairs", "g2", "pmi", "reliable"]


def collocations(stats, *, min_count: int = 1, reliable_count: int = 3, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.collocation_table` of the pass's pair counts; stopwords and ``exclude`` not listed."""
    pairs, counts = stats.counts.pairs()
    return collocation_table(pairs, counts, stats.counts.vocab.words, hide=stats.options.stop | frozenset(exclude),
                               n_words=stats.n_words, min_count=min_count, reliable_count=reliable_count)


def collocation_table(pairs: np.ndarray, counts: np.ndarray, words: Sequence[str], *, hide: frozenset[str],
                      n_words: int, min_count: int = 1, reliable_count: int = 3) -> pd.DataFrame:
    """Score word pairs from their 2×2 contingency tables: count, G², PMI and the ``reliable`` flag.

    ``pairs`` (k, 2) holds every distinct adjacent pair as ids into ``words``, ``counts`` how often
    each occurs. The table of a pair (w1, w2) is built from the pair counts themselves,
    which is what a bigram contingency table means: *n_ii* = the pair's
    count, *n_ix* (``w1_pairs``) = pairs whose first word is w1, *n_xi*
    (``w2_pairs``) = pairs whose second word is w2, *N* = all pairs, so every
    cell (*n_io* = n_ix − n_ii, *n_oi* = n_xi − n_ii, *n_oo* = N − n_ix − n_xi
    + n_ii) is a count of pairs and never negative. ``g2`` is Dunning's
    log-likelihood 2 Σ O ln(O/E) with E = row·column/N and 0 ln 0 = 0 (the
    value of NLTK's ``BigramAssocMeasures.likelihood_ratio`` for these
    marginals; a test checks it); ``pmi`` = log₂(n_ii·N/(n_ix·n_xi)). Every
    listed pair has n_ii ≥ 1, so both are finite. Pairs with a word of
    ``hide`` (stopwords, reporting verbs) or seen fewer than ``min_count``
    times are not listed but still count in the marginals. ``reliable`` =
    ``count >= reliable_count``. Floats rounded to 4 decimals; sorted by g2
    (descending), then bigram.

    One word repeated gives one pair type, a table with three empty cells, and no association:

    >>> one = collocation_table(np.array([[0, 0]]), np.array([40]), ["korean"], hide=frozenset(), n_words=41)
    >>> one["count"].tolist(), one["g2"].tolist(), one["pmi"].tolist()
    ([40], [0.0], [0.0])
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    counts = np.asarray(counts, dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    n = float(counts.sum())
    attrs = {"measure": "contingency table of word pairs: n_ix = pairs starting with w1, n_xi = pairs ending "
                        "with w2, N = all pairs; g2 = 2 sum O ln(O/E); pmi = log2(n_ii N / (n_ix n_xi))",
             "n_words": int(n_words), "n_pairs": int(n), "min_count": min_count, "reliable_count": reliable_count}
    size = len(words)
    first = np.bincount(pairs[:, 0], weights=counts, minlength=size)[pairs[:, 0]]
    second = np.bincount(pairs[:, 1], weights=counts, minlength=size)[pairs[:, 1]]
    hidden = np.fromiter((w in hide for w in words), dtype=bool, count=size)
    keep = (counts >= min_count) & ~hidden[pairs[:, 0]] & ~hidden[pairs[:, 1]]
    o11, r1, c1 = counts[keep].astype(float), first[keep], second[keep]
    w1 = [words[i] for i in pairs[keep, 0]]
    w2 = [words[i] for i in pairs[keep, 1]]
    out = pd.DataFrame({"bigram": pd.Series([f"{a} {b}" for a, b in zip(w1, w2)], dtype=str),
                        "w1": pd.Series(w1, dtype=str), "w2": pd.Series(w2, dtype=str),
                        "count": counts[keep], "w1_pairs": r1.astype(np.int64), "w2_pairs": c1.astype(np.int64),
                        "g2": g2_contingency(o11, r1, c1, n).round(DECIMALS)})
    with np.errstate(divide="ignore"):
        out["pmi"] = np.log2(o11 * n / (r1 * c1)).round(DECIMALS) if len(out) else np.zeros(0)
    out["reliable"] = out["count"] >= reliable_count
    out = out.sort_values(["g2", "bigram"], ascending=[False, True], kind="stable")
    out = out[COLLOCATION_COLUMNS].reset_index(drop=True)
    out.attrs = attrs
    return out


def g2_contingency(o11: np.ndarray, r1: np.ndarray, c1: np.ndarray, n: float) -> np.ndarray:
    """Dunning's G² of 2×2 tables given by the cell count ``o11``, its row total ``r1``, its column total
    ``c1`` and the grand total ``n`` (all the other cells follow); 0 ln 0 = 0, never below 0.

    >>> [round(float(x), 4) for x in g2_contingency(np.array([9.0, 1.0]), np.array([11.0, 1.0]), np.array([9.0, 1.0]), 20.0)]
    [17.0945, 7.9406]
    """
    obs = np.stack([o11, r1 - o11, c1 - o11, n - r1 - c1 + o11])
    rows = np.stack([r1, r1, n - r1, n - r1])
    cols = np.stack([c1, n - c1, c1, n - c1])
    with np.errstate(divide="ignore", invalid="ignore"):
        exp = rows * cols / n
        cells = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return np.maximum(2 * cells.sum(axis=0), 0.0)
