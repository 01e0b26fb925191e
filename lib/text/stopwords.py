"""The project's English stopword list (provenance in ``lib/data/stopwords_en.txt``)."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from lib.paths import DATA_DIR
from lib.text.normalize import normalize_typography

STOPWORDS_FILE = DATA_DIR / "stopwords_en.txt"


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    """The list as shipped, case-folded.

    >>> {"the", "'s", "n't"} <= english_stopwords(), "said" in english_stopwords()
    (True, False)
    """
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().casefold() for l in lines if l.strip() and not l.startswith("#"))


def stopwords(extra: Iterable[str] = ()) -> frozenset[str]:
    """The shipped list plus ``extra`` words (case-folded, curly quotes straightened)."""
    return english_stopwords() | {normalize_typography(w.strip()).casefold() for w in extra if w.strip()}
