"""Numeric claims: value, what is counted, hedge and interval, or a date.

Rules over the project's tokens, each a small function:

* :func:`read_number`: digits ("1,000" -> 1000, "3.5", "7/8"), spelled numbers
  ("two", "twenty-five", "a dozen", "half", "one-third", the "eight" of
  "eight-square-block") and a multiplier after them ("300 mln", "1.2 billion",
  "three thousand"); vague plurals ("dozens of", "hundreds of", "thousands
  of") read as the least they can mean (24, 200, 2000) with a lower-bound
  interval.
* :func:`date_or_time`: a year (1800-2100 without a thousands comma and not
  followed by a unit), a month with a day or year ("December 2024",
  "Feb 26"), a season ("1985/86") or a clock time ("10:30", "1515 GMT") is a
  date or time, not a quantity.
* :func:`hedge_before`: the hedge nearest the number, from :data:`HEDGES`
  (longest match first): approximate (about, around, roughly, approximately,
  some, nearly, almost, an estimated), lower bound (more than, over, at least,
  above, as many as, upwards of, in excess of, no less than), upper bound (up
  to, less than, fewer than, under, below, at most, no more than); none ->
  exact. "over"/"under" before a duration after a word other than "for", "in"
  or "of" is a preposition ("rescheduling over 10 years"), not a hedge.
* :func:`counted_after`: the unit ("pct", "dlrs", "tonnes") and the noun
  phrase after the number, with an "of" phrase ("13,000 containers of
  artillery rounds"); a "$" before the number counts dollars.

The ``source`` of a number is the speaker of the quotation it stands in, or
else the first attributed source of its sentence. :func:`document_numbers`
gives a document's rows of ``numbers.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from lib.text.stopwords import english_stopwords as stopwords  # the shipped list, cached (stopwords() rebuilds it per call)
from lib.text.tokens import Token

if TYPE_CHECKING:
    from lib.voices.attribution import Attribution
    from lib.voices.quotes import Quote

HEDGES: dict[str, str] = {
    "about": "approximate", "around": "approximate", "roughly": "approximate", "approximately": "approximate",
    "some": "approximate", "nearly": "approximate", "almost": "approximate", "an estimated": "approximate",
    "more than": "lower bound", "over": "lower bound", "at least": "lower bound", "above": "lower bound",
    "as many as": "lower bound", "as much as": "lower bound", "upwards of": "lower bound",
    "in excess of": "lower bound", "no less than": "lower bound",
    "up to": "upper bound", "less than": "upper bound", "fewer than": "upper bound", "under": "upper bound",
    "below": "upper bound", "at most": "upper bound", "no more than": "upper bound",
}
ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                   "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "mn": 1_000_000,
               "billion": 1_000_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000, "trillion": 10 ** 12}
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000, "billions": 2 * 10 ** 9}
MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())
UNITS = frozenset("""pct percent % dlrs dollars dollar cts cents cent yen marks francs pounds stg lire pesos
rupees kwacha roubles rubles yuan euros tonnes tons tonne ton bags barrels bpd kilos kg kilograms grams
ounces ounce bushels acres hectares km kilometres kilometers miles metres meters feet points""".split())
TIME_ZONES = frozenset("gmt edt est cst pst bst cet utc hrs local".split())
DURATIONS = frozenset("years year months month weeks week days day hours hour decades decade".split())
_DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_SEASON = re.compile(r"^(1[89]\d\d|20\d\d)/\d\d(\d\d)?$")
_CLOCK = re.compile(r"^\d{1,2}:\d\d$")
_DOTTED_CLOCK = re.compile(r"^\d{1,2}\.\d\d$")  # "10.30" is a time only before a.m., p.m. or a zone


class NumericClaim(NamedTuple):
    """A row of ``numbers.csv``: one number with its hedge, what it counts and its source."""

    doc_id: str
    sentence_id: int
    start: int  # offsets of the hedge through the number and its unit
    end: int
    surface: str  # the text from start to end, whitespace collapsed
    value: float  # an int when whole
    type: str  # quantity, date, time
    counted: str
    hedge: str  # none when unhedged
    interval: str  # exact, approximate, lower bound, upper bound; empty for dates and times
    source: str


NUMBER_COLUMNS = list(NumericClaim._fields)


class NumberReading(NamedTuple):
    """A number read in one sentence (:func:`sentence_numbers`), before its document columns."""

    start: int
    end: int
    value: float
    type: str
    counted: str
    hedge: str
    interval: str


@dataclass
class Number:
    first: int  # token index where the number starts (after the hedge)
    last: int  # token index one past the number and its multiplier
    value: float
    interval: str = ""  # set by vague plurals ("thousands of")


def word_value(word: str) -> float | None:
    """Value of one spelled number word, or of the number before a hyphen.

    >>> word_value("twenty-five"), word_value("one-third"), word_value("eight-square-block"), word_value("troops")
    (25, 0.3333, 8, None)
    """
    w = word.lower()
    if w in ONES:
        return ONES[w]
    if w in TENS:
        return TENS[w]
    if w in FRACTIONS:
        return round(FRACTIONS[w], 4)
    parts = w.split("-")
    if len(parts) >= 2 and parts[0] in TENS and parts[1] in ONES:
        return TENS[parts[0]] + ONES[parts[1]]
    if len(parts) == 2 and parts[0] in ONES and parts[1] in FRACTIONS:
        return round(ONES[parts[0]] * FRACTIONS[parts[1]], 4)
    if len(parts) >= 2 and (parts[0] in ONES or parts[0] in TENS):
        return ONES.get(parts[0], TENS.get(parts[0]))
    return None


def digits_value(text: str) -> float | None:
    """Value of a digit token: "11,000" -> 11000, "3.5", "7/8" -> 0.875.

    >>> digits_value("11,000"), digits_value("7/8"), digits_value("63-cent")
    (11000, 0.875, 63)
    """
    m = _FRACTION.match(text)
    if m and int(m.group(2)):
        return round(int(m.group(1)) / int(m.group(2)), 4)
    m = _DIGITS.match(text)
    if not m:
        return None
    v = float(m.group().replace(",", ""))
    return int(v) if v.is_integer() else v


def read_number(toks: list[Token], i: int) -> Number | None:
    """The number starting at token ``i`` with its multiplier, if one starts there."""
    t = toks[i]
    norm = t.norm
    nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
    if t.kind == "word" and norm in VAGUE and nxt == "of":
        return Number(i, i + 1, VAGUE[norm], interval="lower bound")
    if t.kind == "word" and norm == "a" and nxt in ("dozen", "million", "billion", "thousand", "hundred"):
        return _with_multiplier(toks, i + 1, 1, i) if nxt != "dozen" else Number(i, i + 2, 12)
    if t.kind == "word" and norm == "dozen":
        return Number(i, i + 1, 12)
    if t.kind == "number":
        v = digits_value(t.text)
    elif t.kind == "word":
        v = word_value(norm)
        if v is not None and norm in ("one",) and (nxt in ("of", "another", "") or not nxt.isalpha()):
            return None  # "one of them", "no one": a pronoun
        if v is not None and i > 0 and toks[i - 1].norm in ("no", "the", "this", "every", "any", "that"):
            return None
    else:
        return None
    if v is None:
        return None
    return _with_multiplier(toks, i + 1, v, i)


def _with_multiplier(toks: list[Token], j: int, v: float, first: int) -> Number:
    while j < len(toks) and toks[j].norm in MULTIPLIERS:
        v = v * MULTIPLIERS[toks[j].norm]
        j += 1
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return Number(first, j, v)


def date_or_time(toks: list[Token], n: Number) -> str:
    """'date', 'time' or '' (a quantity) for a number in its context.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("in late December 2024 about 1,000 deaths")
    >>> date_or_time(toks, read_number(toks, 3)), date_or_time(toks, read_number(toks, 5))
    ('date', '')
    """
    t = toks[n.first]
    text = t.text
    prev = toks[n.first - 1].norm.rstrip(".") if n.first > 0 else ""
    nxt = toks[n.last].norm if n.last < len(toks) else ""
    if t.kind != "number":
        return ""
    if _CLOCK.match(text) or (nxt in TIME_ZONES | {"a.m.", "p.m.", "am", "pm"}
                              and (re.fullmatch(r"\d{3,4}", text) or _DOTTED_CLOCK.match(text))):
        return "time"
    if _SEASON.match(text):
        return "date"
    if prev in MONTHS or (nxt.rstrip(".") in MONTHS and re.fullmatch(r"\d{1,2}", text)):
        return "date"
    if _YEAR.match(text) and n.last == n.first + 1 and nxt not in UNITS and nxt not in MULTIPLIERS:
        return "date"
    return ""


def hedge_before(toks: list[Token], first: int) -> tuple[str, int]:
    """The hedge just before token ``first`` (longest match) and its first token index.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("shipped more than 13,000 containers")
    >>> hedge_before(toks, 3)
    ('more than', 1)
    """
    j = first
    if j > 0 and toks[j - 1].text in ("$", "\u00a3", "\u20ac", "\u00a5"):
        j -= 1
    if j > 1 and toks[j - 1].norm in ("a", "an") and toks[first].kind == "word":
        j -= 1  # "about an eight-square-block section"
    for size in (3, 2, 1):
        if j - size < 0:
            continue
        words = " ".join(t.norm for t in toks[j - size:j])
        if words in HEDGES:
            return words, j - size
    return "", first


def counted_after(toks: list[Token], n: Number) -> tuple[str, int]:
    """What a number counts, and the token index where its unit ends.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("more than 13,000 containers of artillery rounds, anti-tank rockets")
    >>> counted_after(toks, read_number(toks, 2))
    ('containers of artillery rounds', 3)
    """
    stop = stopwords()
    words: list[str] = []
    k = n.last
    if toks[k - 1].kind == "word" and "-" in toks[k - 1].text and word_value(toks[k - 1].norm) is not None \
            and toks[k - 1].norm.split("-", 1)[1] not in ONES:
        words.append(toks[k - 1].norm.split("-", 1)[1].replace("-", " "))  # "eight-square-block"
    unit_end = k
    if k < len(toks) and toks[k].norm in UNITS:
        words.append(toks[k].text)
        k += 1
        unit_end = k
    if n.first > 0 and toks[n.first - 1].text == "$":
        words.insert(0, "dollars")
    if n.interval and k < len(toks) and toks[k].norm == "of":
        k += 1
    k = _noun_phrase(toks, k, words, stop, limit=4)
    if k + 1 < len(toks) and toks[k].norm == "of" and words:
        words.append("of")
        k = _noun_phrase(toks, k + 1, words, stop, limit=3)
        if words[-1] == "of":
            words.pop()
    return " ".join(words), unit_end


def _noun_phrase(toks: list[Token], k: int, words: list[str], stop: frozenset[str], *, limit: int) -> int:
    taken = 0
    while k < len(toks) and taken < limit:
        t = toks[k]
        if t.kind == "word" and taken and t.norm.endswith("ed") and t.norm not in UNITS:
            break  # "workers marched": a past tense after the noun ends the phrase
        if t.kind == "word" and t.norm not in stop:
            words.append(t.text)
        elif t.kind == "word" and t.norm == "and" and taken and k + 1 < len(toks) \
                and toks[k + 1].kind == "word" and toks[k + 1].norm not in stop:
            words.append("and")
        else:
            break
        taken += 1
        k += 1
    return k


def is_preposition_over(toks: list[Token], hedge: str, at: int, counted: str) -> bool:
    """ "rescheduling over 10 years": "over"/"under" before a duration, after a verb or noun."""
    if hedge not in ("over", "under") or not counted or counted.split()[0].lower() not in DURATIONS:
        return False
    prev = toks[at - 1].norm if at > 0 else ""
    return prev not in ("for", "in", "of", "than", "after", "within", ",", "")


def sentence_numbers(toks: list[Token]) -> list[NumberReading]:
    """Numeric claims of one sentence's tokens (without document columns).

    >>> from lib.text.tokens import tokenize
    >>> [(r.value, r.type, r.counted, r.hedge, r.interval) for r in sentence_numbers(tokenize("Some 2,500 tonnes were shipped in March 1987."))]
    [(2500, 'quantity', 'tonnes', 'some', 'approximate'), (1987, 'date', '', 'none', '')]
    """
    rows = []
    i = 0
    while i < len(toks):
        n = read_number(toks, i)
        if n is None:
            i += 1
            continue
        kind = date_or_time(toks, n) or "quantity"
        hedge, h_at = ("", n.first)
        counted, unit_end = "", n.last
        if kind == "quantity":
            hedge, h_at = hedge_before(toks, n.first)
            counted, unit_end = counted_after(toks, n)
            if is_preposition_over(toks, hedge, h_at, counted):
                hedge, h_at = "", n.first
        elif kind == "date" and n.first > 0 and toks[n.first - 1].norm.rstrip(".") in MONTHS:
            h_at = n.first - 1  # the surface is "December 2024", not "2024"
        interval = HEDGES.get(hedge, n.interval or "exact") if kind == "quantity" else ""
        rows.append(NumberReading(toks[h_at].start, toks[max(unit_end, n.last) - 1].end, n.value, kind, counted,
                                  hedge or "none", interval))
        i = max(n.last, i + 1)
    return rows


def document_numbers(doc_id: str, text: str, by_sentence: dict[int, list[Token]], sources: list[Attribution],
                     quotes: list[Quote]) -> list[NumericClaim]:
    """One document's rows of ``numbers.csv``: every numeric claim, sentence by sentence, with its
    source (:func:`number_source`), from its attributions and quotations."""
    first_source: dict[int, str] = {}
    for a in sorted(sources, key=lambda a: a.cue_start):
        first_source.setdefault(a.sentence_id, a.source)
    spans = [(q.start, q.end, q.speaker or "") for q in quotes]
    rows = []
    for sid, toks in by_sentence.items():
        for r in sentence_numbers(toks):
            rows.append(NumericClaim(doc_id, sid, r.start, r.end, re.sub(r"\s+", " ", text[r.start:r.end]), r.value, r.type,
                                     r.counted, r.hedge, r.interval, number_source(r.start, spans, first_source.get(sid, ""))))
    return rows


def number_source(at: int, quote_spans: list[tuple[int, int, str]], sentence_source: str) -> str:
    """The speaker of the quotation around offset ``at``, else the first source of the sentence.

    >>> number_source(5, [(0, 10, "John Kirby")], "officials"), number_source(20, [(0, 10, "John Kirby")], "officials")
    ('John Kirby', 'officials')
    """
    who = next((w for s, e, w in quote_spans if s <= at < e), "")
    return who or sentence_source
