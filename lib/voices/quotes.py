"""Quotations: quote marks paired into spans, their kind, and their speaker.

Rules, each a named function:

* :func:`mark_direction`: curly marks say their direction (“ opens, ” closes;
  « », „ too); a straight ``"`` opens after a paragraph start, a space or an
  opening bracket/dash and closes otherwise.
* :func:`pair_marks`: marks are paired inside one paragraph. A quotation that
  runs on into the next paragraph has no closing mark at its paragraph's end
  and the next paragraph opens with a mark (the newspaper convention): it is
  closed at the paragraph end and marked ``continued``. Any other unmatched
  mark never stops the run: the quotation is closed at the next opening mark
  or the paragraph end, flagged ``unmatched`` and a warning names the
  document and the offset.
* :func:`quote_kind`: a quotation that starts with a capital (or digit) and
  ends with sentence punctuation or a comma inside the marks is a *full*
  sentence, and *partial* otherwise, when a speaker was found in its own
  sentence; *floating* when none was; a *scare* quote (no quotation of a
  source, no speaker) when no speaker was found in its sentence and it is a
  title (:func:`is_title`) or a fragment of at most :data:`SCARE_MAX_WORDS`
  words in a sentence where nobody could be speaking.
* :func:`choose_attribution`: the attribution of a quotation is the cue
  nearest after it in its last sentence ("..., Kirby said."), else the
  nearest before it in its first sentence ("Kirby said: ..."); a fragment
  takes the nearest before it first; cues inside a quotation never count
  ("said" inside quotation marks is the speaker's word).
* Without a cue, the subject of the clause it opens in
  (:func:`lib.voices.attribution.quote_context`), else :func:`_adjacent`: the
  attribution opening the next sentence, the last one before it in its
  paragraph or the speaker of the quotation before it. :func:`speaker_rule`
  names which of these found the speaker (the ``speaker_rule`` column,
  :data:`SPEAKER_RULES`).
* Marks inside a markup tag (:func:`markup_spans`) are no quotation marks.

Per document: :func:`quote_spans` pairs the marks of its body paragraphs,
:func:`document_quotes` gives its rows of ``quotes.csv``. Offsets: ``start``/``end``
are the quotation's content inside the marks, so ``text[start:end]`` is the
``text`` column.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from lib.voices.attribution import Attribution, QuoteContext

OPENERS = {"\u201c": "open", "\u00ab": "open", "\u201e": "open", "\u201d": "close", "\u00bb": "close"}
STRAIGHT = '"'
# A quotation of this many words or fewer, with no speech cue in its sentence
# and not a sentence itself, is a scare quote ("cannon fodder").
SCARE_MAX_WORDS = 5
# How a quotation's speaker was found (the speaker_rule column), surest first.
SPEAKER_RULES = ("same_sentence", "clause_subject", "adjacent", "role_noun", "pronoun", "none")
_MARKS = re.compile('[\u201c\u201d\u00ab\u00bb\u201e"]')
# A markup tag left in the text by a scraper (<tweet id="..." author="...">, </a>): its quote
# marks delimit attribute values, not quotations.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


class Quote(NamedTuple):
    """A row of ``quotes.csv``: one quotation, its kind and its speaker."""

    doc_id: str
    quote_id: int  # document order, from 1
    start: int  # offsets of the text inside the marks
    end: int
    text: str
    speaker: str  # canonical name, or the normalised source; empty for scare and unattributed quotes
    speaker_role: str
    speaker_org: str
    cue: str  # lemma of the reporting verb
    kind: str  # full, partial, floating, scare
    sentence_ids: str  # space-separated
    speaker_type: str
    words: int
    compound: float  # VADER on the quotation
    paragraph_id: int
    unmatched: bool  # a mark without its partner
    continued: bool  # runs on into the next paragraph
    speaker_rule: str  # one of SPEAKER_RULES


QUOTE_COLUMNS = list(Quote._fields)


class Speaker(NamedTuple):
    """Who speaks a quotation and how the rules found them: the source of an attribution, the
    subject of its clause, or the speaker of the quotation before it."""

    name: str
    type: str
    role: str
    org: str
    cue: str  # empty when no reporting verb gave the speaker
    resolved: str  # as Attribution.resolved

    @classmethod
    def of(cls, row: Attribution | QuoteContext) -> Speaker:
        return cls(row.source, row.source_type, row.role, row.org, getattr(row, "cue", ""), row.resolved)


@dataclass
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    unmatched: bool = False
    continued: bool = False


def mark_direction(text: str, at: int, para_start: int) -> str:
    """Whether the quote mark at ``text[at]`` opens or closes. A curly mark says its direction,
    unless the text around it says the opposite beyond doubt: an opening mark typed after
    sentence punctuation and before a space closes ("It's unusual,“ said Larry Noble"), a closing
    one at a paragraph start or after a space and before a letter opens.

    >>> mark_direction('He said "yes" now', 8, 0), mark_direction('He said "yes" now', 12, 0)
    ('open', 'close')
    >>> t = 'Yes,\u201c he said.'
    >>> mark_direction(t, 4, 0)
    'close'
    """
    ch = text[at]
    before = text[at - 1] if at > para_start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if ch in OPENERS:
        if OPENERS[ch] == "open" and before in ".,!?;" and after.isspace():
            return "close"
        if OPENERS[ch] == "close" and before.isspace() and after.isalpha():
            return "open"
        return OPENERS[ch]
    if before.isspace() or before in "([{\u2014\u2013-/":
        return "open" if not after.isspace() else "close"
    return "close"


def is_apostrophe(text: str, at: int) -> bool:
    """A straight double mark between two letters stands for an apostrophe (wire copy: 'country"s').

    >>> is_apostrophe('the country"s debt', 11), is_apostrophe('he said "yes"', 8)
    (True, False)
    """
    return text[at] == STRAIGHT and 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()


def markup_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each markup tag in ``text[start:end]``: quote marks inside one are not quotation marks.

    >>> t = 'Trump wrote: <tweet id="7" author="@x">"Sad!"</tweet>'
    >>> [t[a:b] for a, b in markup_spans(t)]
    ['<tweet id="7" author="@x">', '</tweet>']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TAG.finditer(text, start, end)] if "<" in text[start:end] else []


def _warn(doc_id: str, at: int, what: str) -> None:
    warnings.warn(f"{doc_id}: unmatched quote mark at offset {at} ({what}); the quotation is flagged",
                  stacklevel=3)


def pair_marks(text: str, paragraphs: list[tuple[int, int]], *, doc_id: str = "") -> list[QuoteSpan]:
    """Quotation spans of one document, paired paragraph by paragraph.

    >>> t = '\u201cIt is clear,\u201d he said. "Yes."'
    >>> [t[q.start:q.end] for q in pair_marks(t, [(0, len(t))])]
    ['It is clear,', 'Yes.']
    """
    spans: list[QuoteSpan] = []
    for n, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        tags = markup_spans(text, ps, pe)
        for m in _MARKS.finditer(text, ps, pe):
            at = m.start()
            if is_apostrophe(text, at) or any(a < at < b for a, b in tags):
                continue
            d = mark_direction(text, at, ps)
            if open_at is None:
                if d == "open":
                    open_at = at
                else:
                    _warn(doc_id, at, "closing mark without an opening one")
                    spans.append(QuoteSpan(ps, at, unmatched=True))
            elif d == "close":
                spans.append(QuoteSpan(open_at + 1, at))
                open_at = None
            else:
                _warn(doc_id, open_at, "opening mark never closed")
                spans.append(QuoteSpan(open_at + 1, _rstrip(text, open_at + 1, at), unmatched=True))
                open_at = at
        if open_at is not None:
            nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
            runs_on = nxt is not None and text[nxt:nxt + 1] and _MARKS.match(text, nxt) is not None \
                and mark_direction(text, nxt, nxt) == "open"
            if not runs_on:
                _warn(doc_id, open_at, "opening mark never closed")
            spans.append(QuoteSpan(open_at + 1, _rstrip(text, open_at + 1, pe), unmatched=not runs_on,
                                   continued=bool(runs_on)))
    return [s for s in spans if s.end > s.start]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_full_sentence(quote: str) -> bool:
    """A quotation that is a sentence: capital or digit first, sentence mark or comma last.

    >>> is_full_sentence("It is clear that they are expendable."), is_full_sentence("cannon fodder")
    (True, False)
    """
    q = quote.strip()
    return bool(q) and (q[0].isupper() or q[0].isdigit()) and q[-1] in ".,!?;:\u2026"


# Small words a title leaves in lower case ("Meet the Press", "Fox and Friends").
TITLE_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for by with from as vs via into".split())
TITLE_MAX_WORDS = 10
_TITLE_WORD = re.compile(r"[^\W_][\w'\u2019&.-]*")


def is_title(quote: str) -> bool:
    """A name in quotation marks: at most :data:`TITLE_MAX_WORDS` words, every word but the small
    ones capitalised (a show, a book, an ad, a slogan: "Meet the Press", "Fox & Friends").

    >>> is_title("Meet the Press."), is_title("Fox & Friends,"), is_title("cannon fodder"), is_title("It is clear.")
    (True, True, False, False)
    """
    words = _TITLE_WORD.findall(quote)
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    big = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big) and any(w[0].isupper() for w in big)


def quote_kind(quote: str, *, attributed: bool, voiced: bool = False) -> str:
    """full, partial, floating or scare (see the module docstring). ``attributed``: a speaker was
    found in the quotation's own sentence; ``voiced``: its sentence holds a reporting verb, a
    person's name or "he"/"she" outside the quotation marks.

    >>> quote_kind("cannon fodder", attributed=False), quote_kind("likely out of fear", attributed=True)
    ('scare', 'partial')
    >>> quote_kind("Meet the Press", attributed=False, voiced=True), quote_kind("a big spectacle", attributed=False, voiced=True)
    ('scare', 'floating')
    """
    if not attributed and (is_title(quote) or (not voiced and not is_full_sentence(quote)
                                               and word_count(quote) <= SCARE_MAX_WORDS)):
        return "scare"
    if is_full_sentence(quote):
        return "full" if attributed else "floating"
    return "partial" if attributed else "floating"


# One document's body sentences: (sentence_id, paragraph_id, start, end) in document order, as
# lib.passes.document.Sentence gives them.
Sentences = Sequence[tuple[int, int, int, int]]


def sentences_of(span: QuoteSpan, sentences: Sentences) -> list[int]:
    """Ids of the sentences a quotation overlaps."""
    return [sid for sid, _, s, e in sentences if s < span.end and e > span.start]


def choose_attribution(span: QuoteSpan, sids: list[int], sources: list[Attribution], *,
                       fragment: bool = False) -> Attribution | None:
    """The attribution (of one document's, in table order) of a quotation overlapping sentences ``sids``.

    The nearest cue after the quotation in its last sentence wins ("...," Kirby said), else the
    nearest before it in its first sentence ("Kirby said: ..."). A ``fragment`` (a quotation that is
    not a sentence) is part of the clause around it, so the nearest cue before it wins first ("Cruz
    said he'd make sand "glow in the dark," and Trump vowed ..."). Cues inside the quotation were
    already left out by :mod:`lib.voices.attribution`. Of two cues at one offset (not seen in
    practice) the first row wins after the quotation, the last before it.
    """
    if not sources or not sids:
        return None
    after = [a for a in sources if a.sentence_id == sids[-1] and a.cue_start >= span.end]
    before = [a for a in sources if a.sentence_id == sids[0] and a.cue_start < span.start]
    if before and (fragment or not after):
        return sorted(before, key=lambda a: a.cue_start)[-1]
    if after:
        return min(after, key=lambda a: a.cue_start)
    return None


def paragraph_spans(sentences: Sentences) -> list[tuple[int, int, int]]:
    """(paragraph_id, start, end) of one document's body paragraphs, from its sentences."""
    spans: dict[int, list[int]] = {}
    for _, p, s, e in sentences:
        cur = spans.setdefault(p, [s, e])
        cur[0], cur[1] = min(cur[0], s), max(cur[1], e)
    return [(p, s, e) for p, (s, e) in sorted(spans.items())]


def quote_spans(doc_id: str, text: str, sentences: Sentences) -> list[QuoteSpan]:
    """Quotation spans of one document, its marks paired inside each body paragraph
    (:func:`pair_marks`; an unmatched mark warns, naming ``doc_id`` and the offset).

    >>> t = 'Troops left. "We go," he said.'
    >>> [t[q.start:q.end] for q in quote_spans("d", t, [(1, 1, 0, 12), (2, 1, 13, 30)])]
    ['We go,']
    """
    return pair_marks(text, [(s, e) for _, s, e in paragraph_spans(sentences)], doc_id=doc_id)


def person_details(sources: list[Attribution]) -> dict[str, tuple[str, str]]:
    """The first role and organisation stated for each named person of a document."""
    out: dict[str, tuple[str, str]] = {}
    for a in sources:
        if a.source_type != "named person":
            continue
        r, o = out.get(a.source, ("", ""))
        out[a.source] = (r or a.role or "", o or a.org or "")
    return out


def _paragraph_of(at: int, paras: list[tuple[int, int, int]]) -> int:
    return next((p for p, s, e in paras if s <= at < e or s <= at <= e), 0)


def document_quotes(doc_id: str, text: str, sentences: Sentences, spans: list[QuoteSpan],
                    sources: list[Attribution], contexts: list[QuoteContext] = ()) -> list[Quote]:
    """One document's rows of ``quotes.csv``: each quotation span (:func:`quote_spans`) with its
    kind and speaker (with role and organisation) and cue, from the document's attributions and
    the contexts of its sentences (:func:`lib.voices.attribution.document_attributions`). Without
    ``contexts`` only reporting verbs and adjacency find speakers, and every short fragment without
    one is a scare quote."""
    from lib.sentiment.scores import score_text

    if not spans:
        return []
    paras = paragraph_spans(sentences)
    para_of = {sid: p for sid, p, _, _ in sentences}
    details = person_details(sources)
    context_of = {c.sentence_id: c for c in contexts}
    rows: list[Quote] = []
    previous: Quote | None = None
    for n, span in enumerate(spans, start=1):
        quote = text[span.start:span.end]
        sids = sentences_of(span, sentences)
        para = _paragraph_of(span.start, paras)
        found, how = choose_attribution(span, sids, sources, fragment=not is_full_sentence(quote)), "same_sentence"
        if found is None:
            found, how = _subject(span, sids, context_of), "clause_subject"
        att = Speaker.of(found) if found is not None else None
        own = att is not None  # a speaker found in the quotation's own sentence
        if att is None:
            att, how = _adjacent(span, sids, para, sources, para_of, previous, paras, text), "adjacent"
        context = context_of.get(sids[0]) if sids else None
        kind = quote_kind(quote, attributed=own, voiced=bool(context.voiced) if context is not None else False)
        who, wtype, role, org, cue, rule = "", "", "", "", "", "none"
        if att is not None and kind != "scare":
            who, wtype, role, org, cue, rule = att.name, att.type, att.role, att.org, att.cue, speaker_rule(how, att.resolved)
        if wtype == "named person":
            r, o = details.get(who, ("", ""))
            role, org = role or r, org or o
        row = Quote(doc_id, n, span.start, span.end, quote, who, role, org, cue, kind, " ".join(str(s) for s in sids),
                    wtype, word_count(quote), score_text(quote)["compound"], para, span.unmatched, span.continued, rule)
        rows.append(row)
        if kind != "scare":
            previous = row
    return rows


def speaker_rule(position: str, resolved: str) -> str:
    """The ``speaker_rule`` of a quotation: how its speaker was found. A pronoun or a role noun
    resolved to a name is the least sure step and names the rule; otherwise the position of the
    attribution (its own sentence, the subject of its clause, an adjacent sentence or quotation).

    >>> speaker_rule("same_sentence", ""), speaker_rule("adjacent", "pronoun"), speaker_rule("same_sentence", "outlet_noun")
    ('same_sentence', 'pronoun', 'role_noun')
    """
    if resolved == "pronoun":
        return "pronoun"
    if resolved in ("role_noun", "outlet_noun"):
        return "role_noun"
    return position


def _subject(span: QuoteSpan, sids: list[int], context_of: dict[int, QuoteContext]) -> QuoteContext | None:
    """The subject of the clause the quotation opens in, when it stands before the quotation."""
    c = context_of.get(sids[0]) if sids else None
    return c if c is not None and c.source and c.end <= span.start else None


def introduced_by(span: QuoteSpan, para: int, paras: list[tuple[int, int, int]], text: str) -> int | None:
    """The paragraph that introduces a quotation opening its own paragraph: the one just before,
    when it ends with a colon ("Reporter Jomana Karadsheh says:").

    >>> t = 'Reporter Jomana Karadsheh says:\\n\\n"Well, Anderson, it is a frontline."'
    >>> introduced_by(QuoteSpan(34, 68), 1, [(0, 0, 31), (1, 33, 69)], t)
    0
    """
    here = next(((p, s, e) for p, s, e in paras if p == para), None)
    if here is None or span.start - 1 > here[1]:
        return None
    before = [(p, s, e) for p, s, e in paras if p < para]
    if not before:
        return None
    p, s, e = before[-1]
    return p if text[s:e].rstrip().endswith(":") else None


def _adjacent(span: QuoteSpan, sids: list[int], para: int, sources: list[Attribution], para_of: dict[int, int],
              previous: Quote | None, paras: list[tuple[int, int, int]] = (), text: str = "") -> Speaker | None:
    """The attribution next to a quotation that has none in its own sentence: one opening the next
    sentence right after the quotation (""...how big is that wall going to be?" Pence said in
    response."); else the closer of the last attribution before it in its paragraph ("Pence said
    in response. "As big as it needs to be."") and the speaker of the quotation just before it in
    the same or the previous paragraph ("..." he said. "..."; a quotation running on into the next
    paragraph)."""
    intro = introduced_by(span, para, paras, text) if text else None
    if intro is not None:  # "Reporter Jomana Karadsheh says:" then the quotation's paragraph
        found = [a for a in sources if para_of.get(a.sentence_id) == intro]
        if found:
            return Speaker.of(max(found, key=lambda a: a.cue_start))
    follow = [a for a in sources if sids and a.sentence_id == sids[-1] + 1
              and para_of.get(a.sentence_id) == para and 0 <= min(a.start, a.cue_start) - span.end <= 3]
    if follow:  # "...?" Pence said in response: the attribution opens the next sentence
        return Speaker.of(min(follow, key=lambda a: a.cue_start))
    before = [a for a in sources if para_of.get(a.sentence_id) == para
              and a.sentence_id < (sids[0] if sids else 0) and a.cue_start < span.start]
    last = max(before, key=lambda a: a.cue_start) if before else None
    prev = previous if previous and previous.speaker and para - previous.paragraph_id <= 1 else None
    if prev is not None and (last is None or prev.end > last.cue_start):
        return Speaker(prev.speaker, prev.speaker_type, prev.speaker_role, prev.speaker_org, prev.cue,
                       "pronoun" if prev.speaker_rule == "pronoun" else "")
    return Speaker.of(last) if last is not None else None
