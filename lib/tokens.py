"""Word tokens with character offsets, tuned for news.

One compiled regular expression over the typographically normalised text
(same length as the original, so ``text[start:end]`` is always the token's
surface form). NLTK's Treebank tokenizers were the first choice but they
rewrite the text (quotes become ``` `` ```/``''``), so their offsets must be
recovered by alignment, and they split "U.S." at a sentence end and hyphenated
words in some modes; a single regex keeps offsets exact by construction.

Decisions, each a test:

* "U.S.", "a.m." and other dotted initialisms are one token;
* "1,000", "11,000", "3.5" are one number token;
* hyphenated words ("ill-prepared", "front-line", "anti-tank", "F-16") are one token;
* clitics are split as the Penn Treebank and Universal Dependencies do, the
  same for ' and the curly apostrophe: "Russia's" -> "Russia" "'s",
  "haven't" -> "have" "n't", "we're" -> "we" "'re"; a plural possessive
  "analysts'" -> "analysts" "'";
* every other non-space character is punctuation or a symbol, never a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lib.textnorm import normalize_typography

_TOKEN = re.compile(
    r"""
    (?P<url>https?://\S+[\w/]|www\.\S+[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<initialism>(?:[^\W\d_]\.){2,}(?![^\W\d_]))
  | (?P<number>\d+(?:[.,]\d+)*(?:[^\W\d_]+)?(?:-[^\W_]+)*)
  | (?P<word>[^\W\d_][^\W_]*(?:['-][^\W_]+)*)
  | (?P<punct>\.{2,}|-{2,}|[^\w\s])
    """,
    re.VERBOSE,
)
_NEG_CLITIC = re.compile(r"n't$", re.IGNORECASE)
_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)$", re.IGNORECASE)
_SYMBOLS = set("$%&+=<>#@*^|~\u00a3\u20ac\u00a5\u00b0\u00a7")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str  # surface form, as in the original text
    norm: str  # normalised typography, case-folded
    kind: str  # word, number, clitic, punct, symbol, url


def _split_clitic(s: int, surface: str) -> list[tuple[int, int, str]]:
    """Split a word match into the word and its clitic, if it has one."""
    norm = normalize_typography(surface)
    m = _NEG_CLITIC.search(norm)
    if m and m.start() > 0 and not norm.lower() == "n't":
        return [(s, s + m.start(), "word"), (s + m.start(), s + len(norm), "clitic")]
    m = _CLITIC.search(norm)
    if m and m.start() > 0:
        return [(s, s + m.start(), "word"), (s + m.start(), s + len(norm), "clitic")]
    return [(s, s + len(norm), "word")]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("The U.S. says 11,000 ill-prepared troops haven\u2019t left.")]
    ['The', 'U.S.', 'says', '11,000', 'ill-prepared', 'troops', 'have', 'n\u2019t', 'left', '.']
    >>> [(t.text, t.kind) for t in tokenize("analysts' view")]
    [('analysts', 'word'), ("'", 'clitic'), ('view', 'word')]
    """
    end = len(text) if end is None else end
    norm_text = normalize_typography(text[start:end])
    out: list[Token] = []
    for m in _TOKEN.finditer(norm_text):
        kind = m.lastgroup or "punct"
        s, e = m.start(), m.end()
        pieces: list[tuple[int, int, str]]
        if kind == "word":
            pieces = _split_clitic(s, text[start + s:start + e])
        elif kind == "initialism":
            pieces = [(s, e, "word")]
        elif kind == "punct":
            ch = norm_text[s:e]
            if ch == "'" and out and out[-1].kind == "word" and out[-1].end == start + s \
                    and out[-1].norm.endswith("s") and (e == len(norm_text) or norm_text[e].isspace()):
                pieces = [(s, e, "clitic")]  # plural possessive: analysts'
            else:
                pieces = [(s, e, "symbol" if ch in _SYMBOLS else "punct")]
        else:
            pieces = [(s, e, kind)]
        for ps, pe, pk in pieces:
            out.append(Token(start + ps, start + pe, text[start + ps:start + pe],
                             norm_text[ps:pe].casefold(), pk))
    return out
