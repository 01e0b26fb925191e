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

from lib.text.normalize import normalize_typography

# A body paragraph ends like a sentence (after optional closing quotes/brackets)
# and is long enough to be prose rather than a label.
MIN_BODY_WORDS = 6
# Headlines are short; longer leading lines are prose.
MAX_HEADLINE_WORDS = 25
# Bylines and breadcrumbs are a few words at most.
MAX_LABEL_WORDS = 8
# Furniture above an article: breadcrumb, kicker, headline, standfirst, byline, date.
MAX_LEADING_LABELS = 6

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

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
class Line:
    line_no: int  # 1-based
    start: int
    end: int  # end of the text, line break excluded
    text: str


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


def split_lines(text: str) -> list[Line]:
    r"""Lines with offsets; ``\n``, ``\r\n`` and a lone ``\r`` all end a line.

    >>> [(l.start, l.end, l.text) for l in split_lines("a\r\nbc\rd")]
    [(0, 1, 'a'), (3, 5, 'bc'), (6, 7, 'd')]
    """
    lines = []
    for n, m in enumerate(_LINE.finditer(text), start=1):
        if m.start() == len(text) and m.start() == m.end():
            break
        raw = m.group()
        body = raw.rstrip("\r\n")
        lines.append(Line(n, m.start(), m.start() + len(body), body))
    return lines


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


def is_indented(line: Line) -> bool:
    return line.text[:1] == "\t" or line.text[:2] == "  "


@dataclass(frozen=True)
class Block:
    """A paragraph candidate: its lines, and whether a blank line (or the end
    of the text) closes it, as it does after a headline or a label."""

    lines: list[Line]
    stands_alone: bool


def blocks_of(lines: list[Line]) -> list[Block]:
    """Group lines into paragraphs: blank lines separate them, and so does an
    indented line (the wire's paragraph indent)."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if not line.text.strip():
            if current:
                blocks.append(Block(current, True))
            current = []
            continue
        if current and is_indented(line):
            blocks.append(Block(current, False))
            current = []
        current.append(line)
    if current:
        blocks.append(Block(current, True))
    return blocks


def is_label_block(block: Block) -> bool:
    """One short, unindented line standing alone: where headlines, bylines,
    breadcrumbs and page furniture live."""
    line = block.lines[0]
    return (len(block.lines) == 1 and block.stands_alone and not is_indented(line)
            and n_words(line.text) <= MAX_HEADLINE_WORDS)


def is_body_block(block: Block) -> bool:
    """A paragraph of prose: ends like a sentence and has enough words, or is
    a hard-wrapped run of several lines."""
    text = " ".join(l.text.strip() for l in block.lines)
    words = n_words(text)
    if words <= 15 and has_furniture_phrase(text):
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
    if not prose and n_words(stripped) <= 15 and has_furniture_phrase(stripped):
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
    blocks = blocks_of(split_lines(text))
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

    def remove(line: Line, role: str, rule: str) -> None:
        out.removed.append(RemovedLine(line.line_no, line.start, line.end, line.text, role, rule))
        if role == "headline" and out.headline is None:
            out.headline = (line.start, line.end)
        if role == "byline" and out.byline is None:
            out.byline = (line.start, line.end)

    for i, block in enumerate(blocks):
        kept: list[Line] = []
        prose = len(block.lines) > 1
        for line in block.lines:
            rule = furniture_rule(line.text, prose=prose)
            if rule:
                remove(line, "boilerplate", rule)
            elif i < leading:
                role, rule = leading_rule(line.text, headline_seen=out.headline is not None)
                remove(line, role, rule)
            elif i >= trailing and n_words(line.text) <= MAX_LABEL_WORDS:
                remove(line, "boilerplate", "trailing_short_line")
            else:
                kept.append(line)
        if kept:
            first, last = kept[0], kept[-1]
            start = first.start + (len(first.text) - len(first.text.lstrip()))
            out.paragraphs.append((start, last.end))
    return out
