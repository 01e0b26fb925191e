"""Separate a scraped article into headline, byline, body and page furniture.

Works line by line on the decoded text, with general signals only: where a
line stands (before the first body paragraph, after the last one), how long
it is, whether it ends like a sentence, and a short list of furniture phrases
that web pages and wires print around articles. Every line that is not body
is reported with the rule that took it, and every span is an offset into the
decoded text, so nothing is rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from typing import NamedTuple

from lib.text.normalize import normalize_typography

# A body paragraph ends like a sentence (after optional closing quotes/brackets)
# and is long enough to be prose rather than a label.
MIN_BODY_WORDS = 6
# A line or paragraph holding a furniture phrase is furniture only when it is this short.
MAX_FURNITURE_WORDS = 15
# Headlines are short; longer leading lines are prose.
MAX_HEADLINE_WORDS = 25
# Bylines and breadcrumbs are a few words at most.
MAX_LABEL_WORDS = 8
# Furniture above an article: breadcrumb, kicker, headline, standfirst, byline, date.
MAX_LEADING_LABELS = 6

_WORD = re.compile(r"\w+")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")  # captured: re.split keeps the breaks, for the offsets
# More than MAX_FURNITURE_WORDS words (words: runs of \w, as _WORD finds them), with .match: each
# possessive step takes a whole run and never backtracks.
_TOO_LONG_FOR_FURNITURE = re.compile(r"\W*+(?:\w++\W*+){%d}" % (MAX_FURNITURE_WORDS + 1))
# The same on ASCII text, where \w is [a-zA-Z0-9_] either way: ~0.01 s less per 3,000 stories (measured).
_TOO_LONG_FOR_FURNITURE_ASCII = re.compile(_TOO_LONG_FOR_FURNITURE.pattern, re.ASCII)
assert MIN_BODY_WORDS <= MAX_FURNITURE_WORDS + 1  # is_body_block: a paragraph too long for furniture is long enough for a body

# Phrases printed by CMSs, comment forms and wires around an article. A short
# line containing one of them is furniture wherever it stands.
FURNITURE_PHRASES = (
    r"related (?:articles|posts|stories|content|coverage)",
    r"leave a (?:reply|comment)",
    r"your email address will not be published",
    r"required fields are marked",
    r"back to top",
    r"^share (?:this|on)\b",
    r"(?:sign up|subscribe) (?:for|to)\b",
    r"follow us\b",
    r"all rights reserved",
    r"click here",
    r"read more\b",
    r"^advertisement$",
    r"^(?:share|tweet|email|print|comments?)$",
    r"^skip to (?:main )?content",
    r"cookie(?:s)? (?:policy|settings)",
    r"^(?:previous|next) (?:article|post)",
    r"^you may also like",
    r"^copyright\b|\u00a9",
)
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in FURNITURE_PHRASES), re.IGNORECASE)
# A word every furniture phrase contains (lower case): an ASCII line holding none of them
# cannot match _FURNITURE, so the regex (an 18-way case-insensitive alternation tried at
# every position) runs only on the few lines that do: ~0.4 s less per 1,000 Reuters
# stories (measured). Non-ASCII lines always go to the regex (case folding beyond ASCII).
_FURNITURE_WORDS = ("related", "leave a", "your email", "required fields", "back to top", "share",
                    "sign up", "subscribe", "follow us", "all rights", "click here", "read more",
                    "advertisement", "tweet", "email", "print", "comment", "skip to", "cookie",
                    "previous", "next", "you may also", "copyright")
_FURNITURE_WORD = re.compile("|".join(re.escape(w) for w in _FURNITURE_WORDS))
# A wire's sign-off on a line of its own ("Reuter", "AP").
_SIGNOFF = re.compile(r"^\s*(?:reuters?|ap|afp|upi|dpa|xinhua)\s*$", re.IGNORECASE)
_SIGNOFF_MAX = len("reuters")  # the longest name _SIGNOFF takes (a stripped line)
# "By Jane Doe", "FORUM Staff", "Jane Doe, Staff Writer".
_BYLINE = re.compile(
    r"^\s*by\s+\S|\b(?:staff|reporters?|correspondents?|editors?|writers?|desk|newsroom|"
    r"contributors?|agencies)\s*$",
    re.IGNORECASE,
)
# Section paths: "World > Asia", "News | Politics", or menu items glued
# together by the scraper ("TensionsNortheast").
_BREADCRUMB_SEP = re.compile(r"\s(?:-|>|\u00bb|\u203a|/|\|)\s|[a-z][A-Z][a-z]")
_DATELINE = re.compile(
    r"^\s*(?:published|updated|posted)?\s*:?\s*(?:\w+day,?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RemovedLine:
    line_no: int
    start: int
    end: int
    text: str
    role: str  # headline, byline, boilerplate
    rule: str


@dataclass
class CleanedDocument:
    """Spans into the decoded text; ``paragraphs`` are the body."""

    headline: tuple[int, int] | None = None
    byline: tuple[int, int] | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


def split_lines(text: str) -> tuple[list[str], list[int]]:
    r"""Each line's text and start offset; ``\n``, ``\r\n`` and a lone ``\r`` all end a line.

    Split and summed in C, with no object per line: a Python loop building one record per line
    was ~0.14 s per 3,000 Reuters stories, this is ~0.02 s (measured; ~0.04 s if every text took
    the regex split that texts with a carriage return need).

    >>> split_lines("a\r\nbc\rd")
    (['a', 'bc', 'd'], [0, 3, 6])
    >>> split_lines("a\n\n"), split_lines("")
    ((['a', ''], [0, 2]), ([], []))
    """
    if "\r" in text:
        parts = _LINE_BREAK.split(text)  # line, break, line, break, ..., line
        lines = parts[::2]
        starts = list(accumulate(map(len, parts), initial=0))[::2]
    else:  # every break is one "\n": str.split, and each line starts one past the end of the one before
        lines = text.split("\n")
        starts = list(map(add, accumulate(map(len, lines), initial=0), count()))
        del starts[-1]  # accumulate's last sum is the end of the text, not a line start
    if not lines[-1]:  # the text ends with a line break (or is empty): no line after it
        del lines[-1], starts[-1]
    return lines, starts


def has_furniture_phrase(text: str) -> bool:
    """``_FURNITURE.search(text)``, with the regex skipped when no furniture word is in the line.

    >>> has_furniture_phrase("Related Articles"), has_furniture_phrase("Shares rose 5 pct"), has_furniture_phrase("\u00a9 2024")
    (True, False, True)
    """
    if text.isascii() and not _FURNITURE_WORD.search(text.lower()):
        return False
    return _FURNITURE.search(text) is not None


_MARKS = (".", "!", "?", ":", ";")
_CLOSERS = "\"')]"


def ends_like_sentence(text: str) -> bool:
    """A sentence mark, then optional closing quotes or brackets, then optional space, at the
    end of ``text`` (after typographic normalisation). Read from the end: searching
    for a mark, closers and trailing space with a regular expression tried every position of
    a paragraph (~0.3 s per 1,000 stories).

    >>> ends_like_sentence("He said so.\u201d "), ends_like_sentence("A headline"), ends_like_sentence("Wait: ) ")
    (True, False, False)
    """
    tail = normalize_typography(text).rstrip().rstrip(_CLOSERS)
    return tail[-1:] in _MARKS


@lru_cache(maxsize=1 << 14)
def n_words(s: str) -> int:
    """Word count of a line or block; memoised, since the rules ask it several times of the
    same line (about 4 % of the pass before; measured with py-spy on 8,000 stories)."""
    return len(_WORD.findall(s))


_INDENTS = ("\t", "  ")


def is_indented(line: str) -> bool:
    return line.startswith(_INDENTS)


class Block(NamedTuple):
    """A paragraph candidate: the text of its lines (``first``: the index of its first line), and
    whether a blank line (or the end of the text) closes it, as it does after a headline or a label.
    A named tuple, not a frozen dataclass: one per paragraph, ~0.006 s less per 3,000 Reuters
    stories (measured)."""

    first: int
    lines: list[str]
    stands_alone: bool


def blocks_of(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs: blank lines separate them, and so does an
    indented line (the wire's paragraph indent)."""
    blocks: list[Block] = []
    first = None  # the first line of the open block
    for i, line in enumerate(lines):
        if not line.strip():
            if first is not None:
                blocks.append(Block(first, lines[first:i], True))
            first = None
        elif first is None:
            first = i
        elif is_indented(line):
            blocks.append(Block(first, lines[first:i], False))
            first = i
    if first is not None:
        blocks.append(Block(first, lines[first:], True))
    return blocks


def is_label_block(block: Block) -> bool:
    """One short, unindented line standing alone: where headlines, bylines,
    breadcrumbs and page furniture live."""
    line = block.lines[0]
    return (len(block.lines) == 1 and block.stands_alone and not is_indented(line)
            and n_words(line) <= MAX_HEADLINE_WORDS)


def is_body_block(block: Block) -> bool:
    """A paragraph of prose: ends like a sentence and has enough words, or is
    a hard-wrapped run of several lines."""
    text = " ".join([line.strip() for line in block.lines])
    if (_TOO_LONG_FOR_FURNITURE_ASCII if text.isascii() else _TOO_LONG_FOR_FURNITURE).match(text):
        # Too many words for furniture and enough for a body (MIN_BODY_WORDS):
        # the exact count is not needed (counting every word of every paragraph was ~0.1 s per
        # 3,000 Reuters stories, measured).
        return len(block.lines) > 1 or ends_like_sentence(text)
    words = n_words(text)
    if has_furniture_phrase(text):  # at most MAX_FURNITURE_WORDS words here
        return False
    if len(block.lines) > 1 and words >= MIN_BODY_WORDS:
        return True
    return words >= MIN_BODY_WORDS and ends_like_sentence(text)


def is_signoff(stripped: str) -> bool:
    """A line that is only an agency's name ("Reuter"); the regex only runs on lines short enough.

    >>> is_signoff("REUTER"), is_signoff("Reuters said on Monday")
    (True, False)
    """
    return len(stripped) <= _SIGNOFF_MAX and _SIGNOFF.match(stripped) is not None


def furniture_rule(text: str, *, prose: bool = False) -> str | None:
    """The rule that makes a line furniture anywhere in a page, if any. Inside a hard-wrapped
    paragraph (``prose``) a line is a fragment of prose: only a wire sign-off can be furniture there."""
    stripped = text.strip()
    if is_signoff(stripped):
        return "wire_signoff"
    if not prose and n_words(stripped) <= MAX_FURNITURE_WORDS and has_furniture_phrase(stripped):
        return "furniture_phrase"
    return None


def leading_rule(text: str, *, headline_seen: bool) -> tuple[str, str]:
    """Role and rule of a line above the first body paragraph."""
    stripped = text.strip()
    words = n_words(stripped)
    terminal = ends_like_sentence(stripped)
    if _DATELINE.match(stripped) and words <= MAX_LABEL_WORDS:
        return "boilerplate", "date_line"
    if words <= MAX_LABEL_WORDS and _BYLINE.search(stripped):
        return "byline", "byline_pattern"
    if not headline_seen and words <= MAX_LABEL_WORDS and not terminal and _BREADCRUMB_SEP.search(stripped):
        return "boilerplate", "breadcrumb"
    if not headline_seen and 2 <= words <= MAX_HEADLINE_WORDS and not stripped.endswith("."):
        return "headline", "first_title_line"
    if headline_seen and 2 <= words <= 4 and not terminal and all(w[:1].isupper() for w in stripped.split()):
        return "byline", "name_after_headline"
    return "boilerplate", "leading_short_line"


def clean_text(text: str) -> CleanedDocument:
    """Split ``text`` into headline, byline, body paragraphs and removed lines.

    >>> doc = clean_text("World - Asia\\n\\nTroops move north\\n\\nBy Jane Doe\\n\\n"
    ...                  "The troops moved north on Monday, officials said.\\n\\nRelated Articles\\n")
    >>> [(r.role, r.rule) for r in doc.removed]
    [('boilerplate', 'breadcrumb'), ('headline', 'first_title_line'), ('byline', 'byline_pattern'), ('boilerplate', 'furniture_phrase')]
    >>> len(doc.paragraphs)
    1
    """
    lines, starts = split_lines(text)
    blocks = blocks_of(lines)
    out = CleanedDocument()
    body_idx = [i for i, b in enumerate(blocks) if is_body_block(b)]
    # The page furniture above the article is a run of label blocks at the top
    # (at most MAX_LEADING_LABELS of them) before the first prose paragraph;
    # below it, a run of label blocks after the last one. A text with no prose
    # paragraph at all (a table, a list) is kept whole.
    leading = 0
    if body_idx:
        while leading < min(body_idx[0], MAX_LEADING_LABELS) and is_label_block(blocks[leading]):
            leading += 1
    trailing = len(blocks)
    if body_idx:
        while trailing - 1 > body_idx[-1] and is_label_block(blocks[trailing - 1]):
            trailing -= 1

    def remove(n: int, role: str, rule: str) -> None:
        """Report line ``n`` (0-based) as removed."""
        span = (starts[n], starts[n] + len(lines[n]))
        out.removed.append(RemovedLine(n + 1, *span, lines[n], role, rule))
        if role == "headline" and out.headline is None:
            out.headline = span
        if role == "byline" and out.byline is None:
            out.byline = span

    for i, block in enumerate(blocks):
        kept: list[int] = []
        prose = len(block.lines) > 1
        for n, line in enumerate(block.lines, start=block.first):
            rule = furniture_rule(line, prose=prose)
            if rule:
                remove(n, "boilerplate", rule)
            elif i < leading:
                role, rule = leading_rule(line, headline_seen=out.headline is not None)
                remove(n, role, rule)
            elif i >= trailing and n_words(line) <= MAX_LABEL_WORDS:
                remove(n, "boilerplate", "trailing_short_line")
            else:
                kept.append(n)
        if kept:
            first, last = lines[kept[0]], kept[-1]
            start = starts[kept[0]] + (len(first) - len(first.lstrip()))
            out.paragraphs.append((start, starts[last] + len(lines[last])))
    return out
