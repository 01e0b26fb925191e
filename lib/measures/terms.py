"""Term and n-gram frequencies over the pass's counts, and the words that are no terms.

Definitions used throughout:

* **word tokens** are tokens of kind ``word``; "U.S." and "ill-prepared" are one word token each
  (see :mod:`lib.text.tokens`). Numbers, punctuation, symbols, clitics ("'s", "n't") and URLs
  are never word tokens.
* **terms** are the norms (typography-normalised, case-folded) of word tokens that are neither
  stopwords nor, unless kept, reporting verbs (:func:`reporting_verbs`).
* **rates** are per 1,000 word tokens, counting *all* word tokens of the corpus, stopwords included.
* a **run** is a stretch of word tokens that stand next to each other in one sentence: any other
  token between two words ends it, and so does a sentence end. N-grams, collocations and phrase
  queries never cross a run boundary, so "Korea's troops" gives no bigram "korea troops".
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

WORD_KIND = "word"
RATE_BASE = 1_000
DECIMALS = 4
# Forms of reporting cues that are nouns (or adjectives) at least as often as verbs in news: they
# name what the text is about ("the trade report", "insurance claims", "inflation fears"), so they
# stay terms when the reporting verbs are left out.
REPORTING_NOUNS = frozenset("""report reports estimate estimates forecast forecasts note notes quote quotes
states remarks replies points call calls claim claims fear fears show shows blasts vows welcome questions
promises pledges tweet tweets recalls""".split())
TERM_COLUMNS = ["term", "count", "rate_per_1000", "documents"]
NGRAM_COLUMNS = ["ngram", "n", "count", "rate_per_1000", "documents"]


def _rate(count: pd.Series, n_words: int) -> pd.Series:
    return (count * RATE_BASE / n_words).round(DECIMALS) if n_words else count * 0.0


def term_mask(stats, exclude: Iterable[str] = ()) -> np.ndarray:
    """True for the vocabulary's terms: word norms that are neither stopwords nor in ``exclude``."""
    return ~stats.counts.mask(stats.options.stop | frozenset(exclude))


def term_table(terms: Sequence[str], counts: Sequence[int], documents: Sequence[int], n_words: int, *,
               exclude: Iterable[str] = ()) -> pd.DataFrame:
    """``term, count, rate_per_1000, documents`` from terms with their counts and documents.

    ``n_words`` (all word tokens, stopwords included) is the denominator of the
    rate; terms in ``exclude`` (reporting verbs, see :func:`reporting_verbs`)
    are left out. Sorted by count (descending), then term.

    >>> term_table(["troops", "said", "drones"], [3, 4, 3], [2, 2, 1], 20, exclude={"said"})
         term  count  rate_per_1000  documents
    0  drones      3          150.0          1
    1  troops      3          150.0          2
    """
    out = pd.DataFrame({"term": pd.Series(terms, dtype=str), "count": np.asarray(counts, dtype=np.int64),
                        "documents": np.asarray(documents, dtype=np.int64)})
    out = out[~out["term"].isin(frozenset(exclude))]
    if out.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    out["rate_per_1000"] = _rate(out["count"], n_words)
    out = out.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return out[TERM_COLUMNS].reset_index(drop=True)


def term_frequencies(stats, *, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.term_table` of the pass's term counts (``exclude``: reporting verbs)."""
    c = stats.counts
    ids = np.flatnonzero(term_mask(stats, exclude) & (c.word_counts > 0))
    return term_table([c.vocab.words[i] for i in ids], c.word_counts[ids], c.word_documents[ids], stats.n_words)


def ngram_table(grams: Sequence[str], counts: Sequence[int], documents: Sequence[int], n_words: int, *,
                sizes: Iterable[int] = (2, 3), min_count: int = 1, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """``ngram, n, count, rate_per_1000, documents`` from n-grams ("w1 w2 [w3]") with their counts
    and documents.

    Keeps the n-grams of the given ``sizes`` seen at least ``min_count`` times
    and containing no word of ``exclude`` (a reporting verb anywhere in a
    phrase: "kirby said" says who spoke, not what about). Sorted by count
    (descending), n, ngram.

    >>> ngram_table(["north korean", "kirby said", "north korean troops"], [2, 3, 1], [1, 1, 1], 10,
    ...             exclude={"said"})[["ngram", "n", "count"]].values.tolist()
    [['north korean', 2, 2], ['north korean troops', 3, 1]]
    """
    sizes = sorted(set(sizes))
    if not sizes or sizes[0] < 1 or min_count < 1:
        raise ValueError("sizes must be positive integers and min_count at least 1")
    skip = frozenset(exclude)
    out = pd.DataFrame({"ngram": pd.Series(grams, dtype=str), "count": np.asarray(counts, dtype=np.int64),
                        "documents": np.asarray(documents, dtype=np.int64)})
    parts = out["ngram"].str.split(" ")
    out["n"] = parts.str.len()
    keep = (out["count"] >= min_count) & out["n"].isin(sizes)
    if skip:
        keep &= ~parts.apply(lambda p: not skip.isdisjoint(p)).astype(bool)
    out = out[keep]
    if out.empty:
        return pd.DataFrame(columns=NGRAM_COLUMNS)
    out = out.assign(rate_per_1000=_rate(out["count"], n_words))
    out = out.sort_values(["count", "n", "ngram"], ascending=[False, True, True], kind="stable")
    return out[NGRAM_COLUMNS].reset_index(drop=True)


def ngrams(stats, *, sizes: Iterable[int] = (2, 3), min_count: int = 1, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.ngram_table` of the pass's n-gram counts (``sizes`` must be among those counted).

    Rows below ``min_count`` or holding a word of ``exclude`` are dropped in arrays, before
    any n-gram's text is built."""
    sizes = sorted(set(sizes))
    if not sizes or sizes[0] < 1 or min_count < 1:
        raise ValueError("sizes must be positive integers and min_count at least 1")
    missing = set(sizes) - set(stats.options.ngram_sizes)
    if missing:
        raise ValueError(f"n-gram sizes {sorted(missing)} were not counted; pass ngram_sizes to analyse_corpus")
    words = stats.counts.vocab.words
    skip = stats.counts.mask(frozenset(exclude))
    grams, counts, docs = [], [], []
    for n in sizes:
        rows, c, d = stats.counts.ngrams(n)
        keep = (c >= min_count) & ~skip[rows].any(axis=1) if len(rows) else np.zeros(0, dtype=bool)
        grams += [" ".join(words[i] for i in r) for r in rows[keep].tolist()]
        counts.append(c[keep])
        docs.append(d[keep])
    return ngram_table(grams, np.concatenate(counts), np.concatenate(docs), stats.n_words, sizes=sizes,
                         min_count=min_count)


@lru_cache(maxsize=1)
def _reporting_verb_forms() -> frozenset[str]:
    from lib.voices.attribution import cue_lexicon

    # Single-word cues, without the verbs that report speech only beside a quotation ("continued",
    # "offered", "posted": subject "quote" in the file), and "according", which never stands alone.
    forms = {words[0] for words, cue in cue_lexicon().items() if len(words) == 1 and cue.subject != "quote"}
    return frozenset((forms | {"according"}) - REPORTING_NOUNS)


def reporting_verbs(*, keep: bool = False) -> frozenset[str]:
    """The words left out of term tables unless ``keep``: every single-word form of a reporting cue
    of ``lib/data/reporting_verbs.tsv`` ("said", "says", "told", "warned", …) and "according", except
    the verbs that report speech only beside a quotation ("continued", "offered") and
    :data:`REPORTING_NOUNS`, forms that are nouns at least as often as verbs in news.

    >>> {"said", "says", "told", "according"} <= reporting_verbs(), {"report", "offers", "went"} & reporting_verbs()
    (True, set())
    >>> reporting_verbs(keep=True)
    frozenset()
    """
    return frozenset() if keep else _reporting_verb_forms()
