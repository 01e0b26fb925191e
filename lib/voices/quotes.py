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

Offsets: ``start``/``end`` are the quotation's content inside the marks, so
``text[start:end]`` is the ``text`` column.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import pandas as pd

OPENERS = {"\u201c": "open", "\u00ab": "open", "\u201e": "open", "\u201d": "close", "\u00bb": "close"}
STRAIGHT = '"'
# A quotation of this many words or fewer, with no speech cue in its sentence
# and not a sentence itself, is a scare quote ("cannon fodder").
SCARE_MAX_WORDS = 5
QUOTE_COLUMNS = ["doc_id", "quote_id", "start", "end", "text", "speaker", "speaker_role", "speaker_org",
                 "cue", "kind", "sentence_ids", "speaker_type", "words", "compound", "paragraph_id",
                 "unmatched", "continued", "speaker_rule"]
# How a quotation's speaker was found (the speaker_rule column), surest first.
SPEAKER_RULES = ("same_sentence", "clause_subject", "adjacent", "role_noun", "pronoun", "none")
_MARKS = re.compile('[\u201c\u201d\u00ab\u00bb\u201e"]')
# A markup tag left in the text by a scraper (<tweet id="..." author="...">, </a>): its quote
# marks delimit attribute values, not quotations.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


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


def sentences_of(span: QuoteSpan, sentences: pd.DataFrame) -> list[int]:
    """Ids of the sentences a quotation overlaps."""
    return _sentences_of(span, _sentence_rows(sentences))


# One document's sentences as plain tuples, in table order: the rules below read them many
# times per document, and a pandas filter per quotation cost more than the rules themselves.
_SENTENCE_FIELDS = ("sentence_id", "paragraph_id", "start", "end")


def _sentence_rows(sentences: pd.DataFrame) -> list[tuple]:
    return list(zip(*(sentences[c].to_list() for c in _SENTENCE_FIELDS)))


def _sentence_rows_by_document(sentences: pd.DataFrame) -> dict[str, list[tuple]]:
    """:func:`_sentence_rows` of each document, in doc_id order (as ``groupby("doc_id", sort=True)``)."""
    out: dict[str, list[tuple]] = {}
    for d, row in zip(sentences["doc_id"].to_list(), _sentence_rows(sentences)):
        out.setdefault(d, []).append(row)
    return dict(sorted(out.items()))


def _sentences_of(span: QuoteSpan, rows: list[tuple]) -> list[int]:
    return [int(sid) for sid, _, s, e in rows if s < span.end and e > span.start]


def _source_records(sources: pd.DataFrame) -> list[dict]:
    """The rows of a sources table as dicts, in table order."""
    cols = list(sources.columns)
    return [dict(zip(cols, r)) for r in zip(*(sources[c].to_list() for c in cols))]


def choose_attribution(span: QuoteSpan, sids: list[int], sources: pd.DataFrame, *, fragment: bool = False) -> dict | None:
    """The attribution row (from the sources table of one document) for a quotation.

    The nearest cue after the quotation in its last sentence wins ("...," Kirby said), else the
    nearest before it in its first sentence ("Kirby said: ..."). A ``fragment`` (a quotation that is
    not a sentence) is part of the clause around it, so the nearest cue before it wins first ("Cruz
    said he'd make sand "glow in the dark," and Trump vowed ..."). Cues inside the quotation were
    already left out by :mod:`lib.voices.attribution`.
    """
    if sources.empty or not sids:
        return None
    after = sources[(sources["sentence_id"] == sids[-1]) & (sources["cue_start"] >= span.end)]
    before = sources[(sources["sentence_id"] == sids[0]) & (sources["cue_start"] < span.start)]
    if len(before) and (fragment or not len(after)):
        return before.sort_values("cue_start").iloc[-1].to_dict()
    if len(after):
        return after.sort_values("cue_start").iloc[0].to_dict()
    return None


def _choose(span: QuoteSpan, sids: list[int], records: list[dict], *, fragment: bool = False) -> dict | None:
    """:func:`choose_attribution` over one document's attributions as dicts: the same row. Two
    cues at the same offset (not seen in practice) are left to :func:`choose_attribution` itself."""
    if not records or not sids:
        return None
    after = [r for r in records if r["sentence_id"] == sids[-1] and r["cue_start"] >= span.end]
    before = [r for r in records if r["sentence_id"] == sids[0] and r["cue_start"] < span.start]
    use_before = bool(before) and (fragment or not after)
    found = before if use_before else after
    if not found:
        return None
    at = (max if use_before else min)(r["cue_start"] for r in found)
    hits = [r for r in found if r["cue_start"] == at]
    return hits[0] if len(hits) == 1 else choose_attribution(span, sids, pd.DataFrame(records), fragment=fragment)


def paragraph_spans(sentences: pd.DataFrame) -> list[tuple[int, int, int]]:
    """(paragraph_id, start, end) of one document's body paragraphs, from its sentences."""
    return _paragraphs(_sentence_rows(sentences))


def _paragraphs(rows: list[tuple]) -> list[tuple[int, int, int]]:
    spans: dict[int, list[int]] = {}
    for _, p, s, e in rows:
        cur = spans.setdefault(int(p), [int(s), int(e)])
        cur[0], cur[1] = min(cur[0], int(s)), max(cur[1], int(e))
    return [(p, s, e) for p, (s, e) in sorted(spans.items())]


def quote_spans(doc_id: str, text: str, sentences: pd.DataFrame) -> list[QuoteSpan]:
    """Quotation spans of one document (``sentences``: that document's rows)."""
    return _quote_spans(doc_id, text, _sentence_rows(sentences))


def _quote_spans(doc_id: str, text: str, rows: list[tuple]) -> list[QuoteSpan]:
    return pair_marks(text, [(s, e) for _, s, e in _paragraphs(rows)], doc_id=doc_id)


def _person_details(sources: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """The first role and organisation stated for each named person of a document."""
    return _details(_source_records(sources))


def _details(records: list[dict]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for rec in records:
        if rec["source_type"] != "named person":
            continue
        name, role, org = rec["source"], rec["role"], rec["org"]
        r, o = out.get(name, ("", ""))
        out[name] = (r or role or "", o or org or "")
    return out


def _paragraph_of(at: int, paras: list[tuple[int, int, int]]) -> int:
    return next((p for p, s, e in paras if s <= at < e or s <= at <= e), 0)


def document_quotes(doc_id: str, text: str, sentences: pd.DataFrame, sources: pd.DataFrame) -> list[dict]:
    """Quotation rows of one document: span, kind, speaker (with role and organisation) and cue."""
    return _document_quotes(doc_id, text, _sentence_rows(sentences), _source_records(sources))


def _document_quotes(doc_id: str, text: str, sentence_rows: list[tuple], records: list[dict],
                     subjects: list[dict] = ()) -> list[dict]:
    """:func:`document_quotes` of one document's sentence rows, attribution records and quote
    contexts (:func:`lib.voices.attribution.quote_context`)."""
    from lib.sentiment.scores import score_text

    spans = _quote_spans(doc_id, text, sentence_rows)
    if not spans:
        return []
    paras = _paragraphs(sentence_rows)
    para_of = {int(sid): int(p) for sid, p, _, _ in sentence_rows}
    details = _details(records)
    subject_of = {int(r["sentence_id"]): r for r in subjects}
    rows: list[dict] = []
    previous: dict | None = None
    for n, span in enumerate(spans, start=1):
        quote = text[span.start:span.end]
        sids = _sentences_of(span, sentence_rows)
        para = _paragraph_of(span.start, paras)
        att, how = _choose(span, sids, records, fragment=not is_full_sentence(quote)), "same_sentence"
        if att is None:
            att, how = _subject(span, sids, subject_of), "clause_subject"
        own = att is not None  # a speaker found in the quotation's own sentence
        if att is None:
            att, how = _adjacent(span, sids, para, records, para_of, previous, paras, text), "adjacent"
        context = subject_of.get(sids[0], {}) if sids else {}
        kind = quote_kind(quote, attributed=own, voiced=bool(context.get("voiced", False)))
        speaker = dict(speaker="", speaker_type="", speaker_role="", speaker_org="", cue="", speaker_rule="none")
        if att is not None and kind != "scare":
            speaker = dict(speaker=att["source"], speaker_type=att["source_type"], speaker_role=att["role"],
                           speaker_org=att["org"], cue=att.get("cue", ""),
                           speaker_rule=speaker_rule(how, att.get("resolved", "")))
        if speaker["speaker_type"] == "named person":
            role, org = details.get(speaker["speaker"], ("", ""))
            speaker["speaker_role"] = speaker["speaker_role"] or role
            speaker["speaker_org"] = speaker["speaker_org"] or org
        row = dict(doc_id=doc_id, quote_id=n, start=span.start, end=span.end, text=quote, kind=kind,
                   sentence_ids=" ".join(str(s) for s in sids), words=word_count(quote),
                   compound=score_text(quote)["compound"], paragraph_id=para,
                   unmatched=span.unmatched, continued=span.continued, **speaker)
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


def _subject(span: QuoteSpan, sids: list[int], subject_of: dict[int, dict]) -> dict | None:
    """The subject of the clause the quotation opens in, when it stands before the quotation."""
    row = subject_of.get(sids[0]) if sids else None
    return row if row is not None and row["source"] and int(row["end"]) <= span.start else None


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


def _adjacent(span: QuoteSpan, sids: list[int], para: int, records: list[dict], para_of: dict[int, int],
              previous: dict | None, paras: list[tuple[int, int, int]] = (), text: str = "") -> dict | None:
    """The attribution next to a quotation that has none in its own sentence: one opening the next
    sentence right after the quotation (""...how big is that wall going to be?" Pence said in
    response."); else the closer of the last attribution before it in its paragraph ("Pence said
    in response. "As big as it needs to be."") and the speaker of the quotation just before it in
    the same or the previous paragraph ("..." he said. "..."; a quotation running on into the next
    paragraph)."""
    intro = introduced_by(span, para, paras, text) if text else None
    if intro is not None:  # "Reporter Jomana Karadsheh says:" then the quotation's paragraph
        found = [r for r in records if para_of.get(int(r["sentence_id"])) == intro]
        if found:
            return max(found, key=lambda r: r["cue_start"])
    follow = [r for r in records if sids and int(r["sentence_id"]) == sids[-1] + 1
              and para_of.get(int(r["sentence_id"])) == para and 0 <= min(r["start"], r["cue_start"]) - span.end <= 3]
    if follow:  # "...?" Pence said in response: the attribution opens the next sentence
        return min(follow, key=lambda r: r["cue_start"])
    before = [r for r in records if para_of.get(int(r["sentence_id"])) == para
              and int(r["sentence_id"]) < (sids[0] if sids else 0) and r["cue_start"] < span.start]
    last = max(before, key=lambda r: r["cue_start"]) if before else None
    prev = previous if previous and previous["speaker"] and para - previous["paragraph_id"] <= 1 else None
    if prev is not None and (last is None or prev["end"] > last["cue_start"]):
        return dict(source=prev["speaker"], source_type=prev["speaker_type"], role=prev["speaker_role"],
                    org=prev["speaker_org"], cue=prev["cue"],
                    resolved="pronoun" if prev["speaker_rule"] == "pronoun" else "")
    return last


def find_quotes(sentences: pd.DataFrame, texts: dict[str, str], sources: pd.DataFrame,
                subjects: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table of a corpus (``sources`` and ``subjects`` from :func:`lib.voices.attribution.find_attributions`).
    Without ``subjects`` (the quote contexts) only reporting verbs and adjacency find speakers, and
    every short fragment without one is a scare quote."""
    by_doc: dict[str, list[dict]] = {}
    for r in _source_records(sources):
        by_doc.setdefault(r["doc_id"], []).append(r)
    subject_rows: dict[str, list[dict]] = {}
    if subjects is not None:
        for r in _source_records(subjects):
            subject_rows.setdefault(r["doc_id"], []).append(r)
    rows = []
    for doc_id, sentence_rows in _sentence_rows_by_document(sentences).items():
        rows += _document_quotes(doc_id, texts[doc_id], sentence_rows, by_doc.get(doc_id, []),
                                 subject_rows.get(doc_id, []))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def spans_by_document(sentences: pd.DataFrame, texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Quotation spans per document, for the attribution rules (cues inside them do not count)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # find_quotes warns once per mark; this is a first look
        return {d: [(q.start, q.end) for q in _quote_spans(d, texts[d], rows)]
                for d, rows in _sentence_rows_by_document(sentences).items()}
