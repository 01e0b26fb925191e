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

    Counted without sliding a window: word ``i`` adds a new type to every window that holds it and
    not its previous occurrence, so the sum over windows is one array expression.

    >>> round(mattr([0, 1, 0, 2, 1, 0], window=3), 4), mattr([4, 4])
    (0.9167, 0.5)
    """
    n = len(ids)
    if not n:
        return 0.0
    if n <= window:
        return len(set(ids)) / n
    a = np.asarray(ids)
    order = np.argsort(a, kind="stable")
    same = a[order][1:] == a[order][:-1]
    prev = np.full(n, -1, dtype=np.int64)
    prev[order[1:][same]] = order[:-1][same]
    i = np.arange(n)
    first = np.maximum(np.maximum(i - window + 1, prev + 1), 0)  # windows start at 0 .. n - window
    last = np.minimum(i, n - window)
    total = int(np.clip(last - first + 1, 0, None).sum())
    return total / window / (n - window + 1)


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
    """One document's ``STAT_COLUMNS`` row from its word tokens as ids into ``words`` (at least one
    token) and its sentence count.

    Flesch reading ease = 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words);
    Flesch-Kincaid grade = 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.
    Syllables are counted once per distinct word.
    """
    n, s = len(ids), n_sentences or 1
    counts = np.bincount(np.asarray(ids, dtype=np.int64))
    present = np.flatnonzero(counts)
    types = len(present)
    # Per distinct word, mapped in C (a generator over the words took ~0.1 s per 3,000 stories).
    per_word = np.fromiter(map(syllables, map(words.__getitem__, present.tolist())), dtype=np.int64, count=types)
    syl = int(per_word @ counts[present])
    wps, spw = n / s, syl / n
    return dict(doc_id=doc_id, words=n, types=types, sentences=s,
                words_per_sentence=round(wps, 2), ttr=round(types / n, 4),
                root_ttr=round(types / n ** 0.5, 4), mattr=round(mattr(ids), 4),
                mtld=round(mtld(ids), 2), syllables_per_word=round(spw, 3),
                flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
                flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2))
