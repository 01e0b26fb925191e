"""Keyness: which words a text over-uses, against general English (wordfreq) or against the rest
of a corpus (groups, :mod:`lib.measures.groups`)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import version
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import wordfreq

from lib.measures.terms import DECIMALS

# wordfreq's English "best" (large) list stops at Zipf 1.0, i.e. a frequency of 1e-8
# (its smallest entry is 1.02e-8); a word it does not list is given this floor.
REFERENCE_FLOOR = 1e-8
REFERENCE_WORDLIST = "best"
# Keyness terms: letters, or a dotted initialism ("u.s."). Hyphenated words are left out
# because wordfreq splits them and returns an estimate, not a listed frequency.
_KEYNESS_TERM = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")
KEYNESS_COLUMNS = ["term", "observed", "expected", "reference_per_million", "g2", "log_ratio",
                   "direction", "ref_floored"]


@lru_cache(maxsize=1 << 16)
def reference_frequency(term: str, lang: str = "en") -> float:
    """A word's frequency in general text, from wordfreq's "best" wordlist (0.0 if unlisted).

    >>> reference_frequency("the") > reference_frequency("troops") > 0.0 == reference_frequency("xqzt")
    True
    """
    return wordfreq.word_frequency(term, lang, wordlist=REFERENCE_WORDLIST)


def _g2_goodness_of_fit(observed: np.ndarray, expected: np.ndarray, n: int) -> np.ndarray:
    """2 * (O ln(O/E) + (N-O) ln((N-O)/(N-E))), with 0 ln 0 taken as 0."""
    rest_o, rest_e = n - observed, n - expected
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        b = np.where(rest_o > 0, rest_o * np.log(rest_o / rest_e), 0.0)
    return 2 * (a + b)


def keyness_table(words: Sequence[str], counts: Sequence[int], n_words: int, *, min_count: int = 2,
                  lang: str = "en") -> pd.DataFrame:
    """Which words are over- or under-used against general English, from every word norm and its count.

    Columns: ``term, observed, expected, reference_per_million, g2,
    log_ratio, direction, ref_floored``. Unlike the other tables this one
    keeps stopwords, so a reader can see that function words are not key;
    a candidate is a word that is letters only or a dotted initialism
    ("u.s."), seen at least ``min_count`` times. N = ``n_words`` (every word
    token, ``attrs["n_words"]``). The reference frequency ``f_ref`` is
    ``wordfreq.word_frequency(term, lang)`` from its "best" wordlist; a word
    wordfreq does not list gets ``REFERENCE_FLOOR`` (1e-8, the Zipf 1.0
    bottom of that list) and ``ref_floored`` True. Then ``expected`` E =
    f_ref * N, ``g2`` = 2 * (O ln(O/E) + (N-O) ln((N-O)/(N-E))), the
    log-likelihood goodness-of-fit of this word against the rest of the
    corpus (0 ln 0 = 0; no correction for multiple tests), ``log_ratio`` =
    log2((O/N) / f_ref) and ``direction`` "over" if O > E else "under".
    Every value is finite: O ≥ 1, f_ref > 0 and N ≥ O. Floats rounded to 4
    decimals. Sorted "over" first, then g2 (descending), then term.

    >>> keyness_table(["troops", "the", "said", "12"], [3, 3, 2, 5], 11)[["term", "observed", "direction"]].values.tolist()
    [['troops', 3, 'over'], ['said', 2, 'over'], ['the', 3, 'over']]
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    n = int(n_words)
    counts = np.asarray(counts, dtype=np.int64)
    cand = [(words[i], int(counts[i])) for i in np.flatnonzero(counts >= min_count) if _KEYNESS_TERM.fullmatch(words[i])]
    out = pd.DataFrame(cand, columns=["term", "observed"]).astype({"term": str, "observed": int})
    f_ref = np.array([reference_frequency(w, lang) for w in out["term"]], dtype=float)
    out["ref_floored"] = f_ref <= 0.0
    f_ref = np.where(out["ref_floored"], REFERENCE_FLOOR, f_ref)
    observed = out["observed"].to_numpy(dtype=float)
    expected = f_ref * n
    out["expected"] = expected.round(DECIMALS)
    out["reference_per_million"] = (f_ref * 1e6).round(DECIMALS)
    out["g2"] = _g2_goodness_of_fit(observed, expected, n).round(DECIMALS)
    out["log_ratio"] = np.log2(observed / max(n, 1) / f_ref).round(DECIMALS)
    out["direction"] = np.where(observed > expected, "over", "under")
    out = out.assign(_under=out["direction"].eq("under"))
    out = out.sort_values(["_under", "g2", "term"], ascending=[True, False, True], kind="stable")
    out = out[KEYNESS_COLUMNS].reset_index(drop=True)
    out.attrs = {"measure": "g2 = 2*(O ln(O/E) + (N-O) ln((N-O)/(N-E))), E = f_ref*N",
                 "reference": f"wordfreq {version('wordfreq')} '{REFERENCE_WORDLIST}' {lang}",
                 "reference_floor": REFERENCE_FLOOR, "n_words": n, "min_count": min_count}
    return out


def keyness_vs_reference(stats, *, min_count: int = 2, lang: str = "en") -> pd.DataFrame:
    """:func:`lib.measures.terms.keyness_table` of the pass's word counts."""
    c = stats.counts
    return keyness_table(c.vocab.words, c.word_counts, stats.n_words, min_count=min_count, lang=lang)


def key_terms(keyness: pd.DataFrame, *, n: int, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """The ``n`` most over-used terms of a keyness table, leaving out ``exclude`` (reporting verbs).

    >>> key_terms(keyness_table(["troops", "said", "the"], [3, 2, 3], 8), n=5, exclude={"said"})["term"].tolist()
    ['troops', 'the']
    """
    over = keyness[keyness["direction"].eq("over") & ~keyness["term"].isin(frozenset(exclude))]
    return over.head(n).reset_index(drop=True)


def g2_two_corpora(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Log-likelihood G² of counts ``a`` (in a corpus of ``c`` words) against ``b`` (of ``d``).

    >>> float(g2_two_corpora(np.array([10.0]), np.array([10.0]), 1000, 1000)[0])
    0.0
    >>> round(float(g2_two_corpora(np.array([30.0]), np.array([10.0]), 1000, 1000)[0]), 4)
    10.465
    """
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(a > 0, a * np.log(a / e1), 0.0)
        y = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (x + y)
