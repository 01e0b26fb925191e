"""Lexical diversity and readability per document.

Readability needs syllable counts. ``textstat`` gets them from NLTK's
``cmudict``, which it downloads at run time (impossible here), so syllables
are counted by the vowel-group rule below: count groups of vowels, drop a
silent final "e", keep at least one per word. It is the rule behind most
Flesch implementations without a dictionary, and is right for most common
words and off by one for some ("casualty", "poem", "create"); the README says so.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:  # pandas is imported where a table is built: a worker of the pass never
    pass  # needs it, which saves ~0.6 s per worker start (measured)

MATTR_WINDOW = 50  # Covington & McFall (2010) use 50-word windows for short texts
MTLD_THRESHOLD = 0.72  # McCarthy & Jarvis (2010), the factor size where TTR stabilises

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"[^aeiouy]e$")
_LE_ENDING = re.compile(r"[^aeiouy]le$")

STAT_COLUMNS = ["doc_id", "words", "types", "sentences", "words_per_sentence", "ttr", "root_ttr",
                "mattr", "mtld", "syllables_per_word", "flesch_reading_ease", "flesch_kincaid_grade"]


@lru_cache(maxsize=1 << 16)  # news repeats its words: saves ~0.3 s per 1,000 stories in the pass
def syllables(word: str) -> int:
    """Estimated syllables of an English word.

    >>> [syllables(w) for w in ["troops", "deployed", "artillery", "the", "table", "hope"]]
    [1, 2, 4, 1, 2, 1]
    """
    w = word.lower().strip("'")
    if not w:
        return 0
    n = len(_VOWEL_GROUPS.findall(w))
    if _SILENT_E.search(w) and not _LE_ENDING.search(w) and n > 1:
        n -= 1
    return max(1, n)


def mattr(ids: Sequence[int], *, window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio of a word sequence given as ids (equal ids, equal words);
    plain TTR when the text is shorter than the window.

    >>> round(mattr([0, 1, 0, 2, 1, 0], window=3), 4), mattr([4, 4])
    (0.9167, 0.5)
    """
    a = np.asarray(ids, dtype=np.int64)
    totals = _window_types(a, np.zeros(len(a), dtype=np.int64), np.array([len(a)]), window)
    return _mattr_of(len(a), len(np.unique(a)), int(totals[0]), window)


def _window_types(ids: np.ndarray, doc: np.ndarray, lengths: np.ndarray, window: int) -> np.ndarray:
    """For each document of a batch (``ids`` concatenated, ``doc[i]`` the document of ``ids[i]``,
    ``lengths`` per document), the number of types summed over its windows of ``window`` words.

    Counted without sliding a window: word ``i`` adds a new type to every window that holds it and
    not its previous occurrence in the same document, so the sums are one array expression over
    the batch (per document, numpy's call overhead cost more than the arithmetic: ~0.1 s per
    3,000 Reuters stories, measured).
    """
    n = len(ids)
    order = np.lexsort((ids, doc))  # by document, then word id, stable: occurrences in text order
    same = (ids[order][1:] == ids[order][:-1]) & (doc[order][1:] == doc[order][:-1])
    prev = np.full(n, -1, dtype=np.int64)
    prev[order[1:][same]] = order[:-1][same]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    local = np.arange(n) - starts[doc]
    prev_local = np.where(prev >= 0, prev - starts[doc], -1)
    first = np.maximum(np.maximum(local - window + 1, prev_local + 1), 0)  # windows start at 0 .. n - window
    last = np.minimum(local, lengths[doc] - window)
    span = np.clip(last - first + 1, 0, None)
    return np.bincount(doc, weights=span, minlength=len(lengths)).astype(np.int64)


def _mattr_of(n: int, types: int, window_types: int, window: int = MATTR_WINDOW) -> float:
    if not n:
        return 0.0
    if n <= window:
        return types / n
    return window_types / window / (n - window + 1)


def _mtld_pass(ids: Sequence[int], size: int) -> float:
    seen = [0] * size  # the factor in which each id was last seen (a set per factor, without building one)
    factor, types, count, factors = 1, 0, 0, 0.0
    for w in ids:
        count += 1
        if seen[w] != factor:
            seen[w] = factor
            types += 1
        if types / count <= MTLD_THRESHOLD:
            factors += 1
            factor += 1
            types = count = 0
    if count:
        ttr = types / count
        factors += (1 - ttr) / (1 - MTLD_THRESHOLD)
    return len(ids) / factors if factors else float(len(ids))


def mtld(ids: Sequence[int]) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010): the mean of a forward and a
    backward pass, over a word sequence given as ids (non-negative ints).

    >>> mtld([0, 0, 0, 0]), round(mtld([0, 1, 2, 3, 0, 1, 0]), 4)
    (2.0, 7.0)
    """
    if not len(ids):
        return 0.0
    size = max(ids) + 1
    return (_mtld_pass(ids, size) + _mtld_pass(ids[::-1], size)) / 2


def stats_row(doc_id: str, ids: Sequence[int], words: Sequence[str], n_sentences: int) -> dict:
    """One document's ``STAT_COLUMNS`` row (:func:`stats_rows` of one document)."""
    return stats_rows([doc_id], [ids], words, [n_sentences])[0]


def stats_rows(doc_ids: Sequence[str], ids: Sequence[Sequence[int]], words: Sequence[str],
               n_sentences: Sequence[int]) -> list[dict]:
    """The ``STAT_COLUMNS`` rows of a batch of documents from each one's word tokens as ids into
    ``words`` (at least one token each) and its sentence count.

    Flesch reading ease = 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words);
    Flesch-Kincaid grade = 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.
    Syllables are counted once per distinct word. Types, syllables and MATTR are array
    expressions over the whole batch (one numpy call per batch instead of per document); MTLD
    walks each document.
    """
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
    doc = np.repeat(np.arange(len(ids)), lengths)
    width = max(len(words), 1)
    pairs, counts = np.unique(doc * width + flat, return_counts=True)  # (document, word) pairs
    pair_doc, pair_word = np.divmod(pairs, width)
    types = np.bincount(pair_doc, minlength=len(ids))
    per_word = np.fromiter(map(syllables, words), dtype=np.int64, count=len(words))
    syl = np.bincount(pair_doc, weights=per_word[pair_word] * counts, minlength=len(ids)).astype(np.int64)
    window_types = _window_types(flat, doc, lengths, MATTR_WINDOW)
    rows = []
    for i, doc_id in enumerate(doc_ids):
        n, s, t = int(lengths[i]), n_sentences[i] or 1, int(types[i])
        wps, spw = n / s, int(syl[i]) / n
        rows.append(dict(doc_id=doc_id, words=n, types=t, sentences=s,
                         words_per_sentence=round(wps, 2), ttr=round(t / n, 4),
                         root_ttr=round(t / n ** 0.5, 4), mattr=round(_mattr_of(n, t, int(window_types[i])), 4),
                         mtld=round(mtld(ids[i]), 2), syllables_per_word=round(spw, 3),
                         flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
                         flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2)))
    return rows
