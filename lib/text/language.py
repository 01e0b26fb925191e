"""Is a document English? A check without a downloaded model.

The analysis (stopwords, Punkt's English model, VADER, the wordfreq
reference) is for English. A document in another language is still analysed,
never dropped, but ``documents.csv`` says it was flagged, so a reader knows
its terms and scores mean little. The check uses the document's word tokens:

1. **script**: if fewer than :data:`MIN_LATIN_SHARE` of the letters are
   Latin, the text is not English; the most common script is named
   ("Cyrillic", "Hangul", "CJK").
2. **English stopwords**: a Latin-script text of at least :data:`MIN_WORDS`
   words whose share of English stopwords (the project's Snowball list) is
   at least :data:`MIN_STOPWORD_SHARE` is English (news prose has about
   0.35; French or German prose below 0.1).
3. **word frequencies**: otherwise (a table, a list, or another Latin-script
   language) the mean Zipf frequency of its first :data:`SAMPLE_WORDS` words
   is compared across :data:`LATIN_LANGUAGES` with wordfreq's bundled lists;
   when another language beats English by :data:`ZIPF_MARGIN` or more, the
   text is flagged as that language.

Fewer than :data:`MIN_WORDS` words is too little to tell.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Sequence

import wordfreq

from lib.text.stopwords import english_stopwords

ENGLISH = "english"
MIN_WORDS = 10
MIN_LATIN_SHARE = 0.5
MIN_STOPWORD_SHARE = 0.15
SAMPLE_WORDS = 2000
# Only the first this many characters of the body are read (a 10 MB text is checked in milliseconds).
SAMPLE_CHARS = 20_000
ZIPF_MARGIN = 0.5
_ASCII_LETTER = re.compile(r"[A-Za-z]")
LATIN_LANGUAGES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish",
                   "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of a letter, from its Unicode name ("LATIN SMALL LETTER A" -> "Latin").

    >>> script_of("a"), script_of("\u0436"), script_of("\ud55c")
    ('Latin', 'Cyrillic', 'Hangul')
    """
    name = unicodedata.name(ch, "")
    first = name.split(" ")[0] if name else "unknown"
    return {"CJK": "CJK", "HANGUL": "Hangul"}.get(first, first.capitalize())


@lru_cache(maxsize=1 << 16)
def _zipf(word: str, lang: str) -> float:
    return wordfreq.zipf_frequency(word, lang)


@lru_cache(maxsize=1 << 16)
def _letter_scripts(word: str) -> tuple[tuple[str, int], ...]:
    """``(script, letters)`` of one word, cached across documents."""
    return tuple(Counter(script_of(c) for c in word if c.isalpha()).items())


def check(words: Sequence[str]) -> str:
    """``"english"``, or ``"not english: ..."`` with the reason, for a document's word norms.

    >>> check("the troops said that they were moving to the front line on monday".split())
    'english'
    >>> check("правительство объявило во вторник о новой пенсионной реформе сегодня утром".split())
    'not english: mostly Cyrillic script (0% Latin letters)'
    >>> check("le gouvernement a annoncé mardi une nouvelle réforme des retraites qui suscite une vive opposition".split())
    'not english: looks like French (wordfreq)'
    """
    joined = " ".join(words)
    if joined.isascii():  # every letter is Latin: no per-word script lookup (most news)
        if not _ASCII_LETTER.search(joined):
            return "too short to tell (no letters)"
    else:
        # Letters counted once per distinct word (news repeats its words): saves ~0.7 s per 1,000 stories.
        letters: Counter = Counter()
        for w, k in Counter(words).items():
            for script, n in _letter_scripts(w):
                letters[script] += n * k
        n_letters = sum(letters.values())
        if not n_letters:
            return "too short to tell (no letters)"
        latin = letters.get("Latin", 0) / n_letters
        if latin < MIN_LATIN_SHARE:
            script = max(sorted(letters), key=letters.__getitem__)
            return f"not english: mostly {script} script ({latin:.0%} Latin letters)"
    if len(words) < MIN_WORDS:
        return f"too short to tell (fewer than {MIN_WORDS} words)"
    if sum(map(english_stopwords().__contains__, words)) / len(words) >= MIN_STOPWORD_SHARE:
        return ENGLISH
    sample = words[:SAMPLE_WORDS]
    means = {lang: sum(_zipf(w, lang) for w in sample) / len(sample) for lang in LATIN_LANGUAGES}
    best = max(sorted(means), key=means.__getitem__)
    if best != "en" and means[best] - means["en"] >= ZIPF_MARGIN:
        return f"not english: looks like {LATIN_LANGUAGES[best]} (wordfreq)"
    return ENGLISH


def check_paragraphs(text: str, paragraphs: Sequence[tuple[int, int]],
                     paragraph_words: Sequence[list[str] | None] = ()) -> str:
    """:func:`check` on the word tokens of the body paragraphs (the first
    :data:`SAMPLE_CHARS` characters of them; the whole text when there is no body).

    ``paragraph_words[i]``, when given and not None, is the word norms of paragraph ``i``
    as :func:`lib.text.tokens.tokenize` gives them for the whole paragraph; the caller's pass
    already has them, so the paragraph is not tokenised again.
    """
    from lib.text.tokens import tokenize

    spans = list(paragraphs) or [(0, len(text))]
    words: list[str] = []
    budget = SAMPLE_CHARS
    for i, (start, end) in enumerate(spans):
        known = paragraph_words[i] if i < len(paragraph_words) else None
        if known is not None and end - start <= budget:
            words.extend(known)  # reused from the pass: saves a second tokenisation (~1.5 s per 1,000 stories)
        else:
            end = min(end, start + budget)
            words.extend(t.norm for t in tokenize(text, start, end) if t.kind == "word")
        budget -= end - start
        if budget <= 0:
            break
    return check(words)
