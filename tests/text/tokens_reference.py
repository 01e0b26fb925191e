"""The reference behind :func:`lib.text.tokens.tokenize`: the tokenizer as it was before it was made
faster (commit 7552d49), one Python step per match of ``_TOKEN.finditer``. Kept verbatim below
its module docstring, its own ``Token`` included (equal, as a tuple, to the project's).

Used by ``tests/text/test_tokens.py``: the fast tokenizer must give the same list of tokens as this
one on every text and span. A deliberate change to the tokens (a new rule, a new kind) is made in
both places.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lib.text.normalize import normalize_typography

_TOKEN = re.compile(
    r"""
    # Fast path, tried first: a run of letters and digits that starts with a letter and is
    # followed by a space, one of ,;!?()" or the end. Where it matches, every alternative
    # below fails except <word>, which matches the same span (a url needs ":", "." or "@",
    # an initialism or a domain a ".", a number a digit first, and <word> continues only
    # over "'" or "-"), so the tokens are the same; most words of news take this path and
    # skip four alternatives that rescan them: ~0.25 s per 1,000 stories (measured).
    (?P<plainword>[^\W\d_][^\W_]*+(?=[\s,;!?()"]|\Z))
  | (?P<url>https?://\S+[\w/]|www\.\S+[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<initialism>(?:[^\W\d_]\.){2,}(?![^\W\d_]))
    # Domain and file names ("Amazon.com", "report.pdf", "alt.animals.cat"):
    # a dot glued to a lower-case letter does not end a word; sentences start
    # upper-case after a space, so "said.The" is not caught.
  | (?P<domain>[^\W_](?:[\w-]*[^\W_])?(?:\.[a-z](?:[\w-]*[^\W_])?)+(?![\w.-]*[^\W_]))
    # Numbers keep their inner separators: "1,000", "3.5", times "10:30",
    # dates and fractions "9/11", "3/9/2005", "1986/87"; a following "'s"
    # is matched here and split off as a clitic below ("1985's results").
  | (?P<number>\d+(?:[.,:/]\d+)*(?:'s\b|[^\W\d_]+)?(?:-[^\W_]+)*)
  | (?P<word>[^\W\d_][^\W_]*(?:['-][^\W_]+)*)
    # A run of marks is one token, as in UD: "...", "--", "?!", "!!!",
    # "***", "===", "__" (underscores are \w, so without "_+" they vanished).
  | (?P<punct>(?=[.!?]{2})[.!?]*[!?][.!?]*|\.{2,}|-{2,}|(?P<rep>[^\w\s"'()\[\]{}])(?P=rep)+|_+|[^\w\s])
    """,
    re.VERBOSE,
)
_NEG_CLITIC = re.compile(r"n't$", re.IGNORECASE)
# Fused words the Penn Treebank and UD split in two: "cannot" -> "can" "not",
# "gonna" -> "gon" "na", "gotta" -> "got" "ta", "wanna" -> "wan" "na".
_FUSED = re.compile(r"(can)(not)|(gon|wan)(na)|(got)(ta)", re.IGNORECASE)
_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)$", re.IGNORECASE)
_SYMBOLS = set("$%&+=<>#@*^|~\u00a3\u20ac\u00a5\u00b0\u00a7")


class Token(NamedTuple):
    """The one token type of the project: every rule, count and table reads these five fields.

    A named tuple: built in C from a tuple, so a corpus's millions of tokens cost little, and read
    by name (``tok.norm``) or unpacked (``start, end, text, norm, kind = tok``).
    """

    start: int
    end: int
    text: str  # surface form, as in the original text
    norm: str  # normalised typography, case-folded
    kind: str  # word, number, clitic, punct, symbol, url


@lru_cache(maxsize=1 << 16)
def _clitic_cuts(surface: str) -> tuple[tuple[int, int, str], ...]:
    """Pieces of a word match, offsets relative to it: the word and its clitic, if it has one."""
    # Cached per surface form: news repeats its words, so this saves ~1 s per 1,000 Reuters stories.
    norm = normalize_typography(surface)
    m = _FUSED.fullmatch(norm)
    if m:
        cut = len(next(g for g in m.groups() if g))
        return ((0, cut, "word"), (cut, len(norm), "word" if norm[cut:].lower() == "not" else "clitic"))
    m = _NEG_CLITIC.search(norm)
    if m and m.start() > 0 and not norm.lower() == "n't":
        return ((0, m.start(), "word"), (m.start(), len(norm), "clitic"))
    m = _CLITIC.search(norm)
    if m and m.start() > 0:
        return ((0, m.start(), "word"), (m.start(), len(norm), "clitic"))
    return ((0, len(norm), "word"),)


def _split_clitic(s: int, surface: str) -> list[tuple[int, int, str]]:
    """Split a word match into the word and its clitic, if it has one."""
    return [(s + a, s + b, k) for a, b, k in _clitic_cuts(surface)]


# Group number -> kind, for ``m.lastindex`` (an int lookup instead of ``m.lastgroup``'s name).
_KINDS = {i: "word" if name == "plainword" else name for name, i in _TOKEN.groupindex.items()}
_PLAIN = _TOKEN.groupindex["plainword"]
# The case-folded plain words _FUSED splits: a plain word outside this set is one word token.
_FUSED_WORDS = frozenset({"cannot", "gonna", "gotta", "wanna"})


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("The U.S. says 11,000 ill-prepared troops haven\u2019t left.")]
    ['The', 'U.S.', 'says', '11,000', 'ill-prepared', 'troops', 'have', 'n\u2019t', 'left', '.']
    >>> [(t.text, t.kind) for t in tokenize("analysts' view")]
    [('analysts', 'word'), ("'", 'clitic'), ('view', 'word')]
    >>> [t.text for t in tokenize("Amazon.com cannot say, at 10:30 on 9/11?!")]
    ['Amazon.com', 'can', 'not', 'say', ',', 'at', '10:30', 'on', '9/11', '?!']
    """
    end = len(text) if end is None else end
    norm_text = normalize_typography(text[start:end])
    # Case-folded once per span, sliced per token, when folding keeps every offset
    # (it does unless a character folds to several, like "ß"): ~0.2 s per 1,000 stories.
    folded = norm_text.casefold()
    if len(folded) != len(norm_text):
        folded = None
    surface = text if not start and end == len(text) else text[start:end]
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # a Token from a tuple, without the named tuple's Python-level __new__
    kinds = _KINDS
    last_kind, last_end, last_norm = "", -1, ""
    plain, fused = _PLAIN, _FUSED_WORDS
    for m in _TOKEN.finditer(norm_text):
        s, e = m.span()
        if m.lastindex == plain:
            # Letters and digits only: no clitic can follow, only a fused word splits ("cannot").
            w = folded[s:e] if folded is not None else norm_text[s:e].casefold()
            if w not in fused:
                last_kind, last_end, last_norm = "word", e, w
                append(make(Token, (start + s, start + e, surface[s:e], w, "word")))
                continue
        kind = kinds.get(m.lastindex, "punct")
        if kind == "word":
            cuts = _clitic_cuts(surface[s:e])
            if len(cuts) == 1:  # most words have no clitic: one token, no per-word list
                last_norm = folded[s:e] if folded is not None else norm_text[s:e].casefold()
                last_kind, last_end = "word", e
                append(make(Token, (start + s, start + e, surface[s:e], last_norm, "word")))
                continue
            pieces = [(s + a, s + b, k) for a, b, k in cuts]
        elif kind == "initialism":
            pieces = ((s, e, "word"),)
        elif kind == "domain":
            pieces = ((s, e, "url"),)
        elif kind == "number" and norm_text.endswith("'s", s, e):
            # A year's or a number's possessive splits like a word's: "1985" "'s"
            # (without this the apostrophe and "s" became two stray tokens).
            pieces = ((s, e - 2, "number"), (e - 2, e, "clitic"))
        elif kind == "punct":
            ch = norm_text[s:e]
            if ch == "'" and last_kind == "word" and last_end == s \
                    and last_norm.endswith("s") and (e == len(norm_text) or norm_text[e].isspace()):
                pieces = ((s, e, "clitic"),)  # plural possessive: analysts'
            else:
                pieces = ((s, e, "symbol" if set(ch) <= _SYMBOLS else "punct"),)
        else:
            pieces = ((s, e, kind),)
        for ps, pe, pk in pieces:
            last_norm = folded[ps:pe] if folded is not None else norm_text[ps:pe].casefold()
            last_kind, last_end = pk, pe
            append(make(Token, (start + ps, start + pe, surface[ps:pe], last_norm, pk)))
    return out
