"""Word tokens with character offsets, tuned for news.

One compiled regular expression over the typographically normalised text
(same length as the original, so ``text[start:end]`` is always the token's
surface form). NLTK's Treebank tokenizers were the first choice but they
rewrite the text (quotes become ``` `` ```/``''``), so their offsets must be
recovered by alignment, and they split "U.S." at a sentence end and hyphenated
words in some modes; a single regex keeps offsets exact by construction.

Decisions, each a test:

* "U.S.", "a.m." and other dotted initialisms are one token;
* "1,000", "11,000", "3.5" are one number token, and so are times "10:30"
  and dates or fractions "9/11", "1986/87";
* domain and file names ("Amazon.com", "report.pdf") are one token, kind "url";
* a run of marks ("...", "?!", "!!!", "***") is one token, as in UD;
* hyphenated words ("ill-prepared", "front-line", "anti-tank", "F-16") are one token;
* clitics are split as the Penn Treebank and Universal Dependencies do, the
  same for ' and the curly apostrophe: "Russia's" -> "Russia" "'s",
  "haven't" -> "have" "n't", "we're" -> "we" "'re"; a plural possessive
  "analysts'" -> "analysts" "'"; "cannot" -> "can" "not" (also "gonna",
  "gotta", "wanna"), as the Treebank and UD do;
* every other non-space character is punctuation or a symbol, never a word.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from lib.text.normalize import normalize_typography

_TOKEN = re.compile(
    r"""
    # Fast path, tried first: a run of letters and digits that starts with a letter and is
    # followed by a space, one of ,;!?()" or the end. Where it matches, every alternative
    # below fails except <word>, which matches the same span (a url needs ":", "." or "@",
    # an initialism or a domain a ".", a number a digit first, and <word> continues only
    # over "'" or "-"), so the tokens are the same; most words of news take this path and
    # skip four alternatives that rescan them: re.split of the first 3,000 Reuters stories
    # 0.50 -> 0.24 s (measured). An ASCII run is tried first, with classes the engine tests
    # by a bitmap rather than by Unicode category (where it stops short, at "é" or "'", the
    # look-ahead fails and the Unicode run takes the same word or none): 0.24 -> 0.21 s.
    (?P<plainword>(?:[a-zA-Z][a-zA-Z0-9]*+|[^\W\d_][^\W_]*+)(?=[\s,;!?()"]|\Z))
  | (?P<url>https?://\S+[\w/]|www\.\S+[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<initialism>(?:[^\W\d_]\.){2,}(?![^\W\d_]))
    # Domain and file names ("Amazon.com", "report.pdf", "alt.animals.cat"):
    # a dot glued to a lower-case letter does not end a word; sentences start
    # upper-case after a space, so "said.The" is not caught. The name before the first
    # dot takes its whole run of [\w-] at once and then checks that it ends in a letter or
    # digit: a "." can only follow the end of the run, so this is the match of the plain
    # [^\W_](?:[\w-]*[^\W_])? without retrying every shorter run of each word followed by a
    # mark ("said."): re.split of the first 3,000 Reuters stories 0.24 -> 0.23 s (measured;
    # 0.20 s with the ASCII run above).
  | (?P<domain>[^\W_][\w-]*+(?<=[^\W_])(?:\.[a-z](?:[\w-]*[^\W_])?)+(?![\w.-]*[^\W_]))
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


def _clitic_cuts(surface: str) -> tuple[tuple[int, int, str], ...]:
    """Pieces of a word match, offsets relative to it: the word and its clitic, if it has one."""
    # Called once per distinct match (through _pieces and _MEMO, both cached), so not cached itself.
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


# Group number -> kind, for ``m.lastindex``.
_KINDS = {i: "word" if name == "plainword" else name for name, i in _TOKEN.groupindex.items()}


def _splitter(token: re.Pattern) -> re.Pattern:
    """``token`` made into a pattern for ``re.split``: the whitespace before a token in group 1,
    the token in group 2 (its alternatives unnamed), ``<rep>`` in group 3 (its back-reference needs it).

    Every non-space character starts a token (a letter a word, a digit a number, "_" or any
    other mark punctuation), so with the whitespace taken first each match starts where the
    previous one ended: the split of a text without trailing whitespace is
    ``["", space, token, rep, "", space, token, rep, ..., ""]``, and the tokens are the ones
    ``token.finditer`` finds. Taking the whitespace in the match, instead of letting the search
    try every alternative at every space, halves the regex's time: 0.44 -> 0.24 s on the first
    3,000 Reuters stories (measured, ``re.split``).
    """
    unnamed = re.sub(r"\(\?P<(?!rep>)\w+>", "(?:", token.pattern)
    split = re.compile(r"(\s*+)(" + unnamed + ")", token.flags)
    assert split.groups == 3 and split.groupindex == {"rep": 3}
    return split


_SPLIT = _splitter(_TOKEN)


@lru_cache(maxsize=1 << 12)
def _pieces(match: str) -> tuple[tuple[int, int, str], ...] | None:
    """The tokens one match of :data:`_TOKEN` gives, as (start, end, kind) relative to it, or None
    for a lone "'", whose kind depends on its neighbours (see :func:`_with_slow_matches`).

    ``match`` is classified by matching :data:`_TOKEN` on it alone, which gives the alternative
    that took it in the text: alone, a string differs only in what follows it, which only the
    look-aheads (and the \b of <number>) read. Every look-ahead that held after the match in the
    text holds at the end of the string. One that failed there could hold at the end of the string
    and let an earlier alternative take it, but none does so wrongly: <plainword> ("followed by a
    space, one of ,;!?()" or the end") takes only runs of letters and digits, which otherwise only
    <word> takes, giving the same tokens; <initialism> ("no letter follows") takes alone only a
    string ending in ".", which no other alternative matches; what <domain> takes has a dot
    followed by a lower-case letter, and what <number> takes starts with a digit, which no later
    alternative matches. tests/text/test_tokens.py compares with the per-match loop this replaced
    (tests/text/tokens_reference.py) on Reuters stories, sentence spans and generated text.
    """
    m = _TOKEN.match(match)
    assert m is not None and m.end() == len(match), match
    kind = _KINDS[m.lastindex]
    n = len(match)
    if kind == "word":
        # "Russia's", "haven't", "cannot"; a run of letters and digits is split only where _FUSED
        # matches it, which is where its casefold is "cannot", "gonna", "gotta" or "wanna" (each
        # character that _FUSED's letters match ignoring case folds to that letter, checked over
        # all of Unicode), the test the loop made for a <plainword> match.
        return _clitic_cuts(match)
    if kind == "initialism":
        return ((0, n, "word"),)
    if kind == "domain":
        return ((0, n, "url"),)
    if kind == "number" and match.endswith("'s"):
        # A year's or a number's possessive splits like a word's: "1985" "'s"
        # (without this the apostrophe and "s" became two stray tokens).
        return ((0, n - 2, "number"), (n - 2, n, "clitic"))
    if kind == "punct":
        if match == "'":
            return None
        return ((0, n, "symbol" if set(match) <= _SYMBOLS else "punct"),)
    return ((0, n, kind),)


# Kind of the matches that give several tokens or a context-dependent one: left to _with_slow_matches.
_SLOW = "slow"


class _Memo(dict):
    """Match string (normalised typography) -> the kind of its token, or _SLOW.

    News repeats its words, so each distinct match is classified once (``__missing__``) and
    every other one costs a dictionary look-up made in C by ``map``. Emptied when it holds more
    than ``_MEMO_SIZE`` strings, so that a long corpus does not grow it without bound (all 19,043
    Reuters stories have 77,944 distinct matches; 3.7 MB held at the end, 7 MB at most, measured
    with tracemalloc).
    """

    def __missing__(self, match: str) -> str:
        pieces = _pieces(match)
        kind = self[match] = pieces[0][2] if pieces is not None and len(pieces) == 1 else _SLOW
        return kind


_MEMO_SIZE = 1 << 16  # as many entries as the lru_cache of _clitic_cuts held before it
_MEMO = _Memo()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("The U.S. says 11,000 ill-prepared troops haven\u2019t left.")]
    ['The', 'U.S.', 'says', '11,000', 'ill-prepared', 'troops', 'have', 'n\u2019t', 'left', '.']
    >>> [(t.text, t.kind) for t in tokenize("analysts' view")]
    [('analysts', 'word'), ("'", 'clitic'), ('view', 'word')]
    >>> [t.text for t in tokenize("Amazon.com cannot say, at 10:30 on 9/11?!")]
    ['Amazon.com', 'can', 'not', 'say', ',', 'at', '10:30', 'on', '9/11', '?!']
    """
    # No Python code runs per token: re.split cuts the text into whitespace and matches in C,
    # the offsets are running sums of their lengths, each match's kind is a memo look-up and
    # its norm a casefold, and map builds the tokens; only the matches that give several tokens
    # or a context-dependent one ("Russia's", "cannot", "1985's", a lone "'": 0.8 % of the
    # tokens) take a Python loop.
    # The first 3,000 Reuters stories (whole texts, process time, best of 3): 1.06 s with one
    # Python step per finditer match (tests/text/tokens_reference.py), 0.53 s now, of which
    # re.split 0.20 s, offsets and memo look-ups 0.12 s, casefolds and tuples 0.17 s; all
    # 19,043 stories 7.2 -> 3.9 s (measured).
    end = len(text) if end is None else end
    span = text[start:end]
    norm_text = normalize_typography(span)
    # Trailing whitespace is left out: with no token after it, the search would take it again
    # from each of its positions (quadratic in its length).
    parts = _SPLIT.split(norm_text.rstrip())
    del parts[::4]  # the empty text between two matches
    del parts[2::3]  # <rep>: parts is [space, match, space, match, ...]
    if not parts:
        return []
    offsets = list(accumulate(map(len, parts), initial=start))
    starts, ends, matches = offsets[1::2], offsets[2::2], parts[1::2]
    memo = _MEMO
    if len(memo) > _MEMO_SIZE:
        memo.clear()
    kinds = list(map(memo.__getitem__, matches))
    if norm_text == span:
        surfaces = matches
    else:  # the surface is the original text where normalisation changed a character (a curly quote)
        rel = list(accumulate(map(len, parts), initial=0))
        surfaces = list(map(span.__getitem__, map(slice, rel[1::2], rel[2::2])))
    # A match's norm is its casefold: folding is per character, so that is the match's slice of
    # the folded text, and it is what the loop computed where a character folds to several ("ß").
    norms = map(str.casefold, matches)
    tokens = list(map(tuple.__new__, repeat(Token), zip(starts, ends, surfaces, norms, kinds)))
    n_slow = kinds.count(_SLOW)
    if not n_slow:
        return tokens
    return _with_slow_matches(tokens, kinds, n_slow, matches, norm_text, start)


def _with_slow_matches(tokens: list[Token], kinds: list[str], n_slow: int, matches: list[str],
                       norm_text: str, start: int) -> list[Token]:
    """``tokens`` with the ``n_slow`` tokens of kind _SLOW replaced by the tokens of their match."""
    make = tuple.__new__  # a Token from a tuple, without the named tuple's Python-level __new__
    out: list[Token] = []
    i = -1
    for _ in range(n_slow):
        done, i = i + 1, kinds.index(_SLOW, i + 1)
        out += tokens[done:i]
        s, e, surface, norm, _ = tokens[i]
        match = matches[i]
        pieces = _pieces(match)
        if pieces is None:
            # A lone "'" right after a word ending in "s" and before a space or the end is a
            # plural possessive ("analysts' view"); any other is punctuation.
            prev = out[-1] if out else None
            after = e - start
            possessive = prev is not None and prev.kind == "word" and prev.end == s and prev.norm.endswith("s") \
                and (after == len(norm_text) or norm_text[after].isspace())
            out.append(make(Token, (s, e, surface, norm, "clitic" if possessive else "punct")))
        else:
            out += [make(Token, (s + a, s + b, surface[a:b], match[a:b].casefold(), k)) for a, b, k in pieces]
    out += tokens[i + 1:]
    return out
