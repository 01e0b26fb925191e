"""Attribution: who says what, with or without quotation marks.

A *cue* is a reporting verb or "according to" from the documented list
``lib/data/reporting_verbs.tsv`` (lemma, cue class, where it counts, forms);
some verbs count only next to a quotation ("...," Sanders continued). Each
cue outside quotation marks looks for its source, by these patterns, in this
order:

* ``according to SOURCE`` (the noun phrase after it);
* a participle (", telling reporters", "issued a statement saying"): the
  subject of the clause (:func:`clause_subject`), never the addressee;
* ``SOURCE CUE``: the noun phrase just before the cue, across adverbs,
  auxiliaries and times ("Kirby also said", "Beck on Wednesday called"), or
  the name before an apposition ("Carlos Calmon, president of the
  Institute, said");
* ``CUE SOURCE``: the inverted order after a comma or a closing quote
  ("..., said Sen. Sherrod Brown of Ohio"; "..." said a spokesman);
* ``SOURCE quoted PERSON as saying``: both are sources.

A source phrase is kept only when its head is a name, "he"/"she" or a source
noun (officials, sources, analysts, newspaper, ministry, figures, ...).
:func:`identify_source` resolves it: "he"/"she" and "the senator" through
:mod:`lib.voices.coref`, "the newspaper" to the outlet named before, a surname to the
full name; :func:`parse_source` splits a phrase into name, role and
organisation ("U.S. National Security Council spokesman John Kirby" -> John
Kirby, spokesman, U.S. National Security Council; "Meenakshi Ganguly of Human
Rights Watch"); :func:`source_type` types it: news outlet, named person,
organisation or agency, unnamed official, document or video. Names are
normalised: descriptors dropped ("The New York Times newspaper" -> "The New
York Times", from ``lib/data/news_outlets.tsv``), determiners dropped ("the
government" -> "government"), unnamed sources lower-cased.

For each sentence in which a quotation opens, :func:`quote_context` says who
its narrator's words make the speaker when no cue does (the clause subject:
"Sanders delivered a snappy retort: "..."") and whether anyone could be
speaking there at all (for scare quotes, :mod:`lib.voices.quotes`).
:func:`document_attributions` gives both for one document (its rows of
``sources.csv`` and those contexts); :func:`distinct_sources` lists each source
once per document from the merged table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from lib.voices import coref
from lib.voices.entities import (ORG_WORDS, TEMPORAL, TITLE_WORDS, Mention, clean_name, entity_kind, is_acronym,
                                 is_capitalised, looks_like_person, place_of, split_org_person)
from lib.paths import DATA_DIR
from lib.text.stopwords import english_stopwords as stopwords  # the shipped list, cached (stopwords() rebuilds it per call)
from lib.text.tokens import Token

if TYPE_CHECKING:  # distinct_sources builds a DataFrame in the notebook; the rules never need pandas
    import pandas as pd

CUE_CLASSES = ("neutral", "distancing", "confirming", "emotive")
SOURCE_TYPES = ("news outlet", "named person", "organisation or agency", "unnamed official", "document or video")
# How a source not named in its own phrase was found (the "resolved" column; empty when named).
RESOLVED = ("pronoun", "role_noun", "outlet_noun")
# Per sentence in which a quotation opens (:func:`quote_context`): the subject of its clause, for
# a quotation with no reporting verb of its own ("Sanders delivered a snappy retort: "...""), and
# whether anyone could be speaking there at all (``voiced``).


class Attribution(NamedTuple):
    """A row of ``sources.csv``: a reporting cue and its source."""

    doc_id: str
    sentence_id: int
    source: str  # normalised name
    source_type: str  # one of SOURCE_TYPES
    cue: str  # lemma
    cue_class: str  # one of CUE_CLASSES
    role: str  # as the text states it
    org: str
    surface: str  # the source phrase as written
    start: int  # offsets of the phrase (of the pronoun, for "he"/"she")
    end: int
    cue_start: int
    resolved: str  # one of RESOLVED, empty when the phrase names the source


class QuoteContext(NamedTuple):
    """What the narrator's words of a sentence in which a quotation opens say about who speaks
    (:func:`quote_context`): the subject of its clause, if a named person, and whether anyone could
    be speaking there at all (``voiced``)."""

    doc_id: str
    sentence_id: int
    source: str  # empty when the clause's subject is no named person
    source_type: str
    role: str
    org: str
    surface: str
    start: int  # offsets of the subject phrase, -1 when there is none
    end: int
    resolved: str
    voiced: bool


SOURCE_COLUMNS = list(Attribution._fields)
SUBJECT_COLUMNS = list(QuoteContext._fields)
# Words that may stand between a source and its cue: "Kirby also said", "officials had said".
BETWEEN = frozenset("""also later earlier today yesterday recently previously again further then once
separately publicly officially privately repeatedly reportedly has have had was were is are would will
did does do had been be just only""".split())
# Times that may stand between a source and its cue with or without "on"/"last"/"this"
# ("Beck on Wednesday called", "Trump said Tuesday night", "Cruz last week told").
TIME_WORDS = frozenset("""morning afternoon evening night week weekend month year tonight""".split())
TIME_LINKS = frozenset({"on", "last", "this", "early", "late", "earlier", "later", "in"})
UNNAMED_HEADS = frozenset("""official officials spokesman spokeswoman spokesperson spokesmen spokeswomen
source sources analyst analysts trader traders dealer dealers banker bankers economist economists
diplomat diplomats executive executives expert experts observer observers representative representatives
worker workers producer producers people resident residents witness witnesses participant participants
delegate delegates member members insider insiders aide aides investigator investigators planner planners
adviser advisers advisor advisors employee employees manager managers officer officers exporter exporters
importer importers farmer farmers journalist journalists reporter reporters negotiator negotiators
strategist strategists broker brokers lawmaker lawmakers legislator legislators critic critics
""".split())
ORG_HEADS = frozenset("""government ministry company firm bank agency army military police board council
committee commission department office union group authorities administration embassy court exchange
corporation regime parliament cabinet firefighters institute organisation organization industry""".split())
OUTLET_DESCRIPTORS = frozenset("""newspaper paper daily weekly magazine radio television tv broadcaster
station network website tabloid newsletter agency""".split())
OUTLET_NAME_WORDS = frozenset("""Times Post Journal Herald Tribune Gazette Shimbun Radio Television Press
News Daily Telegraph Chronicle Observer Pravda Izvestia Economist Review""".split())
DOCUMENT_HEADS = frozenset("""figures data statistics report reports survey study telex statement accord
agreement document documents video videos footage count poll census estimates diary letter memo records
filing release communique minutes bulletin""".split())
DETERMINERS = frozenset("the a an some several many other two three four one its their his her".split())
PRONOUN_SOURCES = frozenset({"he", "she"})
# Words that end a source phrase although they are not stopwords ("although many traders").
NP_BREAKERS = frozenset("""although though while whereas because since after before when if unless
however meanwhile but and/or yet also latest""".split())
# Title abbreviations whose full stop belongs to the name that follows ("Sen. Tammy Baldwin",
# "Lt. Gen. Mick Bednarek"); a single capital with a full stop is an initial ("Kevin D. Williamson").
TITLE_ABBREVIATIONS = frozenset("""mr mrs ms dr sen sens rep reps gov govs lt gen col sgt capt cmdr adm maj prof
rev st sec atty amb pres supt gov jr sr""".split())
MAX_LOWERCASE = 5  # lower-case words a source phrase may hold ("utility and business officials")
MAX_APPOSITION = 15  # tokens between the two commas of an apposition
NAME_PARTICLES = frozenset({"von", "van", "de", "bin", "al", "del", "della", "di", "da", "la", "le", "du", "der"})


@dataclass(frozen=True)
class Cue:
    lemma: str
    cue_class: str
    subject: str  # any | document | quote (see lib/data/reporting_verbs.tsv)


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, ...], Cue]:
    """Cue forms (as tuples of lower-case words) from ``lib/data/reporting_verbs.tsv``.

    >>> cue_lexicon()[("said",)].cue_class, cue_lexicon()[("claimed",)].cue_class
    ('neutral', 'distancing')
    >>> cue_lexicon()[("according", "to")].lemma
    'according to'
    """
    out: dict[tuple[str, ...], Cue] = {}
    for line in (DATA_DIR / "reporting_verbs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, cls, subject, forms = line.split("\t")
        assert cls in CUE_CLASSES, line
        for form in forms.split():
            out[tuple(form.split("_"))] = Cue(lemma, cls, subject)
    return out


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Lower-cased outlet names and aliases -> canonical name (``lib/data/news_outlets.tsv``)."""
    out: dict[str, str] = {}
    for line in (DATA_DIR / "news_outlets.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out[parts[0].lower()] = parts[0]
        if not parts[0].lower().startswith("the "):
            out["the " + parts[0].lower()] = parts[0]
        for a in filter(None, (parts[1] if len(parts) > 1 else "").split("|")):
            out[a.lower()] = parts[0]
    return out


@lru_cache(maxsize=1)
def _cue_starts() -> frozenset[str]:
    """The first word of every cue form: a token whose norm is not one starts no cue."""
    return frozenset(k[0] for k in cue_lexicon())


def cue_at(toks: list[Token], i: int) -> tuple[Cue, int] | None:
    """The cue starting at token ``i`` and its length in tokens, if any."""
    if toks[i].norm not in _cue_starts():  # most tokens: no tuple built, no lookup
        return None
    lex = cue_lexicon()
    for n in (2, 1):
        key = tuple(t.norm for t in toks[i:i + n])
        if len(key) == n and key in lex:
            if is_capitalised(toks[i].text) and lex[key].lemma != "according to":
                return None  # "United States", "Reports": a capitalised word is no verb
            return lex[key], n
    return None


def glued_period(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` is the full stop of a title abbreviation or an initial inside a name
    ("Sen." "Tammy"; "Kevin" "D." "Williamson"): glued to the word before, a name after.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("said Sen. Ann Lee. Then")
    >>> [glued_period(toks, k) for k in (2, 5)]
    [True, False]
    """
    if not (0 < k < len(toks) - 1) or toks[k].text != "." or toks[k - 1].end != toks[k].start:
        return False
    before, after = toks[k - 1].text, toks[k + 1].text
    if not after[:1].isupper():
        return False
    return before.lower() in TITLE_ABBREVIATIONS or (len(before) == 1 and before.isupper())


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _np_token_ok(tok: Token, lower_seen: int) -> bool:
    if tok.kind == "clitic" and tok.norm in ("'s", "'"):
        return True
    if _ORDINAL.fullmatch(tok.text):
        return True  # "Air Force 1st Lt. Tyler Livingston"
    if tok.kind != "word" or tok.norm in NP_BREAKERS:
        return False
    if tok.norm in stopwords() and tok.text != "The":
        return False  # "It", "They", "When" are no names
    if is_capitalised(tok.text) or is_acronym(tok.text):
        return True
    return tok.norm not in stopwords() and lower_seen < MAX_LOWERCASE and tok.norm not in cue_words()


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    return frozenset(w for k in cue_lexicon() for w in k if len(k) == 1)


def _same_case(left: Token, connector: Token, right: Token) -> bool:
    """ "and" joins like with like: "producers and traders", "Trinidad and Tobago", not "year and Wang";
    "of" and "for" may join a name to a lower-case head ("sources of the ministry")."""
    return connector.norm != "and" or is_capitalised(left.text) == is_capitalised(right.text)


def phrase_before(toks: list[Token], i: int) -> tuple[int, int]:
    """Token range ``[j, k)`` of the noun phrase ending just before token ``i``."""
    k = i
    if k >= 2 and toks[k - 1].text == ")":
        k = _parenthetical_start(toks, k - 1)  # "Rep. Bobby Scott (D-Va.) said"
    j = k
    lower = 0
    while j > 0:
        t = toks[j - 1]
        if t.kind == "word" and t.norm in ("of", "and", "for") and j < k and j - 2 >= 0 \
                and _np_token_ok(toks[j - 2], lower) and _same_case(toks[j - 2], t, toks[j]):
            j -= 1
            continue
        if glued_period(toks, j - 1):
            j -= 1
            continue
        if not _np_token_ok(t, lower):
            break
        if t.kind == "word" and not is_capitalised(t.text):
            lower += 1
        j -= 1
    while j < k and (toks[j].kind == "clitic" or toks[j].norm in ("of", "and", "for")):
        j += 1
    return j, k


def _parenthetical_start(toks: list[Token], close: int) -> int:
    """Index of the "(" that opens the short parenthetical closed at ``close`` ("(D-Va.)"),
    or ``close + 1`` when there is none within a few tokens."""
    for j in range(close - 1, max(-1, close - 6), -1):
        if toks[j].text == "(":
            return j
    return close + 1


def phrase_after(toks: list[Token], i: int) -> tuple[int, int]:
    """Token range of the noun phrase starting at token ``i`` (determiners skipped)."""
    j = i
    while j < len(toks) and toks[j].norm in DETERMINERS:
        j += 1
    k, lower = j, 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "word" and t.norm in ("of", "and", "for") and k > j and k + 1 < len(toks) \
                and _np_token_ok(toks[k + 1], lower) and toks[k + 1].norm not in DETERMINERS \
                and _same_case(toks[k - 1], t, toks[k + 1]):
            k += 1
            continue
        if glued_period(toks, k):
            k += 1
            continue
        if not _np_token_ok(t, lower):
            break
        if t.kind == "word" and not is_capitalised(t.text):
            lower += 1
        k += 1
    while k > j and toks[k - 1].norm in ("of", "and", "for"):
        k -= 1
    return j, k


def is_source_head(tok: Token) -> bool:
    """Whether a phrase ending in this token can be a source."""
    if tok.kind != "word":
        return False
    n = tok.norm
    if n in PRONOUN_SOURCES:
        return True
    if n in stopwords() or n in NP_BREAKERS or n in TEMPORAL or n in TIME_WORDS:
        return False  # "Beck on Wednesday called ...": a day is no source
    if is_capitalised(tok.text) or is_acronym(tok.text):
        return True
    return n in UNNAMED_HEADS | ORG_HEADS | OUTLET_DESCRIPTORS | DOCUMENT_HEADS | TITLE_WORDS


@dataclass
class Source:
    surface: str
    name: str = ""  # a person's name inside the phrase
    role: str = ""
    org: str = ""
    words: list[str] = field(default_factory=list)


def is_role_word(word: str) -> bool:
    """A title or role noun ("Sen.", "spokesman", "candidate", "Chairman"): a person's role, never their name."""
    w = word.lower().rstrip(".")
    return w in TITLE_WORDS or w in UNNAMED_HEADS or coref.role_of(word) is not None


def split_affiliation(words: list[str]) -> tuple[list[str], list[str]]:
    """ "NAME of ORGANISATION/PLACE": the person part and the affiliation after "of", when the words
    before the first "of" end in a person's name; otherwise ``(words, [])``.

    >>> split_affiliation("Sen. Tammy Baldwin of Wisconsin".split())
    (['Sen.', 'Tammy', 'Baldwin'], ['Wisconsin'])
    >>> split_affiliation("Secretary of State Hillary Clinton".split())
    (['Secretary', 'of', 'State', 'Hillary', 'Clinton'], [])
    """
    low = [w.lower() for w in words]
    if "of" not in low:
        return words, []
    at = low.index("of")
    k = at
    while k > 0 and (is_capitalised(words[k - 1]) or low[k - 1] in NAME_PARTICLES) and not is_role_word(words[k - 1]):
        k -= 1
    titled = k > 0 and is_role_word(words[k - 1]) and 1 <= at - k <= 4 and not place_of(" ".join(words[k:at]))
    if (at - k >= 2 and looks_like_person(words[k:at])) or titled:  # "Sen. Sherrod Brown of Ohio"
        return words[:at], [w for w in words[at + 1:] if w.lower() not in DETERMINERS]
    return words, []


def _name_start(words: list[str]) -> int:
    """Index where the final name of a phrase starts: capitalised words and particles, not role words,
    and not a word right after "of" ("Secretary of State Hillary Clinton" -> "Hillary Clinton")."""
    k = len(words)
    while k > 0 and (is_capitalised(words[k - 1]) or words[k - 1].lower() in NAME_PARTICLES) \
            and not is_role_word(words[k - 1]) and words[k - 1] not in ("'s",) \
            and not (k >= 2 and words[k - 2].lower() == "of" and k < len(words)):
        k -= 1
    while k < len(words) and words[k].lower() in NAME_PARTICLES:
        k += 1
    return k


def _role_start(pre: list[str]) -> int:
    """Index where the role ends the words before a name begins: role nouns, lower-case modifiers
    ("presidential candidate", "press secretary"), a capitalised title with its portfolio
    ("Finance Minister", "House Speaker") and "X of Y" after a title ("Secretary of State")."""
    r = len(pre)
    while r > 0:
        w = pre[r - 1]
        of_title = r >= 3 and pre[r - 2].lower() == "of" and is_role_word(pre[r - 3])  # "Secretary of State"
        if w == "'s" or (w.lower() == "of" and not (r >= 2 and is_role_word(pre[r - 2]))):
            break
        if not (not is_capitalised(w) or is_role_word(w) or of_title):
            break
        r -= 1
    if r < len(pre) and is_capitalised(pre[r]):
        # a capitalised title takes its portfolio: "Finance Minister", "Defense Secretary"
        while r > 0 and is_capitalised(pre[r - 1]) and not place_of(pre[r - 1]) and not is_acronym(pre[r - 1]) \
                and pre[r - 1].lower() not in ORG_WORDS and pre[r - 1] != "The":
            r -= 1
    return r


def parse_source(words: list[str]) -> Source:
    """Split a source phrase into name, role and organisation.

    >>> s = parse_source("U.S. National Security Council spokesman John Kirby".split())
    >>> s.name, s.role, s.org
    ('John Kirby', 'spokesman', 'U.S. National Security Council')
    >>> s = parse_source("public finances director Jorge Marcano".split())
    >>> s.name, s.role, s.org
    ('Jorge Marcano', 'public finances director', '')
    >>> s = parse_source("Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem".split())
    >>> s.name, s.role, s.org
    ('Aris Shirvanian', 'Archbishop', 'Armenian Patriarchate of Jerusalem')
    >>> [parse_source(p.split()).name for p in ("Sen. Tammy Baldwin of Wisconsin", "the Washington Post 's Ishaan Tharoor")]
    ['Tammy Baldwin', 'Ishaan Tharoor']
    """
    surface = join_words(words)
    main, affiliation = split_affiliation([w for w in words if w != "The"])
    aff = join_words(affiliation) if affiliation and not place_of(join_words(affiliation)) else ""
    org_words, person = split_org_person(main)
    if org_words:
        return Source(surface, name=" ".join(person), org=join_words(org_words), words=words)
    k = _name_start(main)
    name_words, pre = main[k:], main[:k]
    titled = bool(pre) and is_role_word(pre[-1]) and len(name_words) <= 4 and not place_of(" ".join(name_words)) \
        and not any(w.lower().rstrip(".") in ORG_WORDS for w in name_words) and not all(is_acronym(w) for w in name_words)
    if not name_words or not (looks_like_person(name_words) or titled or
                              (len(name_words) == 1 and not place_of(name_words[0]) and not is_acronym(name_words[0]))):
        return Source(surface, words=words)
    if pre and pre[-1] == "'s" and len(name_words) >= 2:  # "the Washington Post's Ishaan Tharoor"
        return Source(surface, name=" ".join(name_words), org=join_words(_strip_determiners(pre[:-1])), words=words)
    if not pre:
        return Source(surface, name=" ".join(name_words), org=aff, words=words) if affiliation else Source(surface, words=words)
    r = _role_start(pre)
    role = pre[r:]
    if not role or not is_role_word(role[-1]) and not (len(role) >= 3 and role[-2].lower() == "of") \
            or role[-1].lower() in ("for", "of", "at"):
        return Source(surface, words=words)  # no role: "Tehran radio", "the official news agency Tanjug"
    return Source(surface, name=" ".join(name_words), role=" ".join(role),
                  org=join_words(_strip_determiners(pre[:r])) or aff, words=words)


def _strip_determiners(words: list[str]) -> list[str]:
    while words and words[0].lower() in DETERMINERS and words[0] not in ("The",) + ():
        words = words[1:]
    if words and words[0] == "The" and not outlets().get(" ".join(words).lower()):
        words = words[1:]
    return words


def outlet_name(words: list[str]) -> str | None:
    """The canonical outlet a phrase names, if it names one.

    A known outlet (``lib/data/news_outlets.tsv``) anywhere in the phrase; else
    the capitalised name next to an outlet descriptor ("the daily Asahi
    Shimbun", "Ming Pao newspaper of Hong Kong", "Tanjug news agency"); a city
    with "radio" or "television" is that city's station ("Tehran Radio"); else a
    capitalised name ending in an outlet word ("Times", "Post", "Press").

    >>> outlet_name("The New York Times newspaper".split()), outlet_name("Tehran radio".split())
    ('The New York Times', 'Tehran Radio')
    >>> outlet_name("the Japanese daily Asahi Shimbun".split()), outlet_name("Ming Pao newspaper of Hong Kong".split())
    ('Asahi Shimbun', 'Ming Pao')
    >>> outlet_name("Ukraine 's military intelligence agency".split()) is None
    True
    """
    words = [clean_name(w) for w in words]
    low = [w.lower() for w in words]
    known = outlets()
    for a in range(len(words)):
        for b in range(len(words), a, -1):
            hit = known.get(" ".join(low[a:b]))
            if hit and (b - a > 1 or is_capitalised(words[a])) and low[b:b + 1] != ["of"]:
                return hit
    desc = [i for i, w in enumerate(low) if w in OUTLET_DESCRIPTORS and (w != "agency" or low[i - 1:i] == ["news"])]
    if desc:
        d = desc[0]
        after = _caps_run(words, d + 1, +1)
        if after and not place_of(" ".join(after)):
            return known.get(" ".join(after).lower(), " ".join(after))
        b = d - 1
        while b >= 0 and not is_capitalised(words[b]) and words[b] != "'s":
            b -= 1
        before = _caps_run(words, b, -1)
        if before and place_of(" ".join(before)):
            return f"{' '.join(before)} {low[d].title()}" if low[d] in ("radio", "television") else None
        return known.get(" ".join(before).lower(), " ".join(before)) if before else None
    caps = [w for w in words if w != "The"]
    if caps and is_capitalised(caps[0]) and is_capitalised(caps[-1]) \
            and all(is_capitalised(w) or w.lower() in ("of", "de", "el", "la") for w in caps) \
            and any(w in OUTLET_NAME_WORDS for w in caps):
        return " ".join(_strip_determiners(list(words)))  # "The Times of Zambia"
    return None


def _caps_run(words: list[str], i: int, step: int) -> list[str]:
    """The run of capitalised words from index ``i`` going forward (+1) or back (-1)."""
    out = []
    while 0 <= i < len(words) and (is_capitalised(words[i]) or (out and words[i].lower() in ("of", "de", "el", "la"))
                                   and 0 <= i + step < len(words) and is_capitalised(words[i + step])):
        if words[i] == "The" and step == -1:
            break
        out.append(words[i])
        i += step
    return out[::-1] if step < 0 else out


def source_type(words: list[str], *, people: frozenset[str] = frozenset()) -> str:
    """One of :data:`SOURCE_TYPES` for a source phrase (its name already parsed out).

    >>> source_type(["officials"]), source_type(["The", "Associated", "Press"])
    ('unnamed official', 'news outlet')
    >>> source_type(["Ukraine", "'s", "military", "intelligence", "agency"])
    'organisation or agency'
    """
    words = [clean_name(w) for w in words]
    if outlet_name(words):
        return "news outlet"
    head = words[-1]
    low = head.lower()
    if not is_capitalised(head) or (len(words) == 1 and low in UNNAMED_HEADS | DOCUMENT_HEADS | ORG_HEADS):
        if low in DOCUMENT_HEADS:
            return "document or video"
        if low in UNNAMED_HEADS or low in TITLE_WORDS:
            return "unnamed official"
        return "organisation or agency"
    caps = [w for w in words if w != "'s"]
    kind = entity_kind(caps, people=people)
    return "named person" if kind == "person" else "organisation or agency"


def normalise_source(words: list[str], stype: str) -> str:
    """The name a source is listed under.

    >>> normalise_source("the Dutch spokesman".split(), "unnamed official")
    'dutch spokesman'
    """
    if stype == "news outlet":
        return outlet_name(words) or " ".join(words)
    words = _strip_determiners(list(words))
    text = join_words(words)
    if stype in ("unnamed official",):
        return text.lower()
    if stype == "organisation or agency" and is_capitalised(words[-1]) and not all(is_capitalised(w) for w in words):
        tail = _caps_run(words, len(words) - 1, -1)
        text = join_words(tail) if tail else text  # "Mining group Boliden AB" -> "Boliden AB"
    place = place_of(text)
    if place and place.via in ("alias", "name"):
        return place.canonical  # "U.S." -> "United States"; a capital stays ("Washington")
    return text


def join_words(words: list[str]) -> str:
    """Token texts joined back, possessives glued: ["Ukraine", "’s", "army"] -> "Ukraine's army"."""
    return clean_name(" ".join(words)).replace(" 's", "'s").replace(" ' ", "' ")


def is_outlet_anaphor(words: list[str]) -> bool:
    """ "the newspaper", "the official daily": an outlet named before, not a new source.

    >>> is_outlet_anaphor("The newspaper".split()), is_outlet_anaphor("the official newspaper".split())
    (True, True)
    """
    low = [w.lower() for w in words if w.lower() not in DETERMINERS]
    return bool(low) and low[-1] in OUTLET_DESCRIPTORS - {"agency"} and not any(is_capitalised(w) for w in words[1:])


def resolve_person(name: str, people: list[str]) -> str:
    """The fullest person name in the document that ends with ``name`` ("Kirby" -> "John Kirby"),
    or, for a single word, the one person whose name starts with it (family name first: "Deng").

    >>> resolve_person("Kirby", ["John Kirby", "Vladimir Putin"]), resolve_person("Deng", ["Deng Xiaoping"])
    ('John Kirby', 'Deng Xiaoping')
    """
    parts = name.split()
    longer = [p for p in people if p.split()[-len(parts):] == parts]
    if longer:
        return max(longer, key=lambda p: (len(p.split()), p))
    first = [p for p in people if len(parts) == 1 and p.split()[0] == name]
    return first[0] if len(first) == 1 else name


def _apposition(toks: list[Token], b: int) -> tuple[int, int, list[str]] | None:
    """For "NAME, APPOSITION, CUE" with the second comma at ``b - 1``: the name's range and the apposition."""
    for c in range(b - 2, max(-1, b - 2 - MAX_APPOSITION), -1):
        t = toks[c]
        if t.text == ",":
            j, k = phrase_before(toks, c)
            if k > j and is_capitalised(toks[k - 1].text) and k == c:
                return j, k, [x.text for x in toks[c + 1:b - 1]]
            return None
        if t.kind == "punct" and t.text not in ("-",):
            return None
    return None


def role_from_apposition(words: list[str]) -> tuple[str, str]:
    """Role and organisation from an apposition: "president of the Brazilian Coffee Institute".

    >>> role_from_apposition("a World Bank official".split())
    ('official', 'World Bank')
    >>> role_from_apposition("president of the Brazilian Coffee Institute".split())
    ('president', 'Brazilian Coffee Institute')
    """
    words = [w for w in words if w.lower() not in DETERMINERS]
    for i, w in enumerate(words):
        if w.lower() in ("of", "at", "for", "with"):
            return join_words(words[:i]), join_words([x for x in words[i + 1:] if x.lower() not in DETERMINERS])
    caps = [w for w in words if is_capitalised(w) and w.lower().rstrip(".") not in TITLE_WORDS]
    rest = [w for w in words if w not in caps]
    return join_words(rest), join_words(caps)


@dataclass
class DocContext:
    """What attribution needs to know about one document."""

    doc_id: str
    quotes: list[tuple[int, int]]
    persons: list[tuple[int, str]]  # (offset, canonical person name), document order
    orgs: frozenset[str] = frozenset()
    last_outlet: str = ""  # "the newspaper said" refers to it
    addressees: list[tuple[int, int]] = field(default_factory=list)  # "told Reuters manager X": not speakers
    person_roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # role, org stated at a mention
    person_ends: dict[int, int] = field(default_factory=dict)  # start -> end offset of each person mention
    genders: dict[str, str] = field(default_factory=dict)  # person -> m / f (lib.voices.coref.person_genders)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person -> role nouns (lib.voices.coref.person_roles)

    def __post_init__(self) -> None:
        self.in_quote = coref.inside_checker(self.quotes)  # offset -> inside a quotation?

    @property
    def people(self) -> list[str]:
        return sorted({p for _, p in self.persons})


def _words(toks: list[Token]) -> list[str]:
    """Token texts, with the full stop of an initial or a title glued back ("T" "." -> "T.",
    "Sen" "." -> "Sen.")."""
    out: list[str] = []
    for t in toks:
        if t.text == "." and out and ((len(out[-1]) == 1 and out[-1].isupper())
                                         or out[-1].lower() in TITLE_ABBREVIATIONS):
            out[-1] += "."
        else:
            out.append(t.text)
    return out


def _initials_before(toks: list[Token], j: int) -> int:
    """Extend a phrase start back over initials: "T. Boone Pickens"."""
    while j >= 2 and toks[j - 1].text == "." and len(toks[j - 2].text) == 1 and toks[j - 2].text.isupper() \
            and toks[j - 2].end == toks[j - 1].start:
        j -= 2
    return j


def _make_row(ctx: DocContext, sid: int, toks: list[Token], rng: tuple[int, int], cue: Cue,
              cue_tok: Token, apposition: list[str] | None = None) -> Attribution | None:
    j, k = rng
    j = _initials_before(toks, j) if k > j else j
    words = _words(toks[j:k])
    if not words or not is_source_head(toks[k - 1]):
        return None
    definite = j > 0 and toks[j - 1].norm in coref.DEFINITE and words[0].lower() not in coref.DEFINITE
    found = identify_source(ctx, words, toks[j].start, definite=definite)
    if found is None:
        return None
    parsed, stype, name, resolved = found
    if cue.subject == "document" and stype != "document or video":
        return None
    role, org = parsed.role, parsed.org
    if apposition:
        role, org = role_from_apposition(apposition)
    if stype == "named person":
        if not role and not org:
            role, org = ctx.person_roles.get(name, ("", ""))
    return Attribution(ctx.doc_id, sid, name, stype, cue.lemma, cue.cue_class, clean_name(role), clean_name(org),
                       join_words(words), toks[j].start, toks[k - 1].end, cue_tok.start, resolved)


def identify_source(ctx: DocContext, words: list[str], start: int, *,
                    definite: bool = False) -> tuple[Source, str, str, str] | None:
    """(parsed phrase, source type, name, how it was resolved) of a source phrase starting at offset
    ``start``, or ``None`` when the phrase names nobody the document knows ("he" with no one before).

    In order: "he"/"she" (:func:`lib.voices.coref.resolve_pronoun`); a news outlet, unless a person is
    named after it ("New York Times columnist David Brooks"); a name the document gives a person in
    full ("Cuban" for Mark Cuban, even though "Cuban" is also a demonym); "the newspaper" (the outlet
    named before); "the senator" (:func:`lib.voices.coref.resolve_role`; ``definite``: "the" stood just
    before the phrase); else the phrase itself, parsed into name, role and organisation and typed."""
    if len(words) == 1 and words[0].lower() in PRONOUN_SOURCES:
        who = coref.resolve_pronoun(words[0], start, ctx.persons, ctx.genders, quotes=ctx.in_quote,
                                    addressees=ctx.addressees)
        return (Source(words[0]), "named person", who, "pronoun") if who else None
    parsed = parse_source(words)
    outlet = outlet_name(words)
    if outlet and not (parsed.name and parsed.role):
        ctx.last_outlet = outlet
        return Source(join_words(words)), "news outlet", outlet, ""
    known = _known_person(words, ctx)
    if known:
        return Source(join_words(words)), "named person", known, ""
    if is_outlet_anaphor(words):
        return (Source(join_words(words)), "news outlet", ctx.last_outlet, "outlet_noun") if ctx.last_outlet else None
    who = coref.resolve_role(["the"] + words if definite else words, start, ctx.persons, ctx.roles,
                             quotes=ctx.in_quote, genders=ctx.genders)
    if who:
        return Source(join_words(words)), "named person", who, "role_noun"
    if parsed.name:
        return parsed, "named person", resolve_person(parsed.name, ctx.people), ""
    stype = source_type(words, people=frozenset(ctx.people))
    if stype == "organisation or agency" and len(words) == 1 and is_capitalised(words[0]) \
            and not place_of(words[0]) and not is_acronym(words[0]) \
            and words[0].lower() not in UNNAMED_HEADS | DOCUMENT_HEADS | ORG_HEADS \
            and not any(o.split()[0] == words[0] for o in ctx.orgs):
        stype = "named person"  # a lone unknown name before a speech verb: "Weinberger said"
    name = resolve_person(join_words(words), ctx.people) if stype == "named person" else normalise_source(words, stype)
    return parsed, stype, name, ""


def _known_person(words: list[str], ctx: DocContext) -> str | None:
    """A name phrase that is a person already named in the document ("von Garlem", "Wang", and
    "Cuban" when the document names Mark Cuban: a person's name beats a demonym)."""
    if not words or not all(is_capitalised(w) or w.lower() in NAME_PARTICLES for w in words):
        return None
    if not is_capitalised(words[-1]) or is_acronym(words[-1]):
        return None
    name = join_words(words)
    full = resolve_person(name, ctx.people)
    if full not in ctx.people:
        return None
    if place_of(name) and full == name:
        return None  # a place that is also the full name of a "person" found by the rules
    return full


def _is_closing(tok: Token) -> bool:
    return tok.text in (",", '"', "\u201d", "\u00bb") or tok.kind == "punct" and tok.text in ("'",)


def sentence_sources(ctx: DocContext, sid: int, toks: list[Token]) -> list[Attribution]:
    """Attribution rows of one sentence (cues inside quotation marks are skipped)."""
    rows = []
    i = 0
    while i < len(toks):
        hit = cue_at(toks, i) if toks[i].kind == "word" and not ctx.in_quote(toks[i].start) else None
        if not hit:
            i += 1
            continue
        cue, n = hit
        row = None
        if cue.lemma == "according to":
            row = _make_row(ctx, sid, toks, phrase_after(toks, i + n), cue, toks[i])
        else:
            b = skip_between(toks, i)
            participle = toks[i].norm.endswith("ing") and b > 0 and toks[b - 1].norm != "as" \
                and not _names_agent(toks, b)
            passive = is_passive(toks, b, i)
            if passive:  # "has been called "strategic ambiguity" by Joshua Hendrick": the agent, if any
                agent = next((k for k in range(i + n, len(toks)) if toks[k].norm == "by"), None)
                if agent is not None:
                    row = _make_row(ctx, sid, toks, phrase_after(toks, agent + 1), cue, toks[i])
            elif participle:
                subject = clause_subject(ctx, toks, b)
                if subject:
                    row = _make_row(ctx, sid, toks, subject, cue, toks[i])
            elif b > 0 and toks[b - 1].text == ",":
                app = _apposition(toks, b)
                if app:
                    row = _make_row(ctx, sid, toks, app[:2], cue, toks[i], apposition=app[2])
            elif b > 0 and toks[b - 1].norm in PRONOUN_SOURCES:
                row = _make_row(ctx, sid, toks, (b - 1, b), cue, toks[i])
            elif b > 0:
                row = _make_row(ctx, sid, toks, _subject_before(toks, b), cue, toks[i])
            if row is None and not participle and not passive and (b == 0 or _is_closing(toks[b - 1])) \
                    and cue.lemma != "quote":
                rng, app = _inverted(toks, i + n)
                row = _make_row(ctx, sid, toks, rng, cue, toks[i], apposition=app)
            if cue.lemma == "quote":
                rows += _quoted_as_saying(ctx, sid, toks, i + n)
        if row and cue.subject == "quote" and not beside_quote(ctx, toks, i, n, row.start):
            row = None  # "continued", "offered": a speech verb only next to a quotation
        if row:
            rows.append(row)
        if cue.lemma == "tell":
            j, k = phrase_after(toks, i + n)
            if k > j:
                ctx.addressees.append((toks[j].start, toks[k - 1].end))
        i += n
    return rows


BE_FORMS = frozenset("be is are was were been being".split())


def is_passive(toks: list[Token], b: int, i: int) -> bool:
    """Whether the cue at token ``i`` is a passive participle: a form of "be" among the words
    between its subject and it ("was described", "has been called"). Its source is then the agent
    after "by", never the subject before it.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("This feature has been called a strategy by Hendrick")
    >>> is_passive(toks, 2, 4), is_passive(tokenize("Hendrick called it a strategy"), 1, 1)
    (True, False)
    """
    return toks[i].norm.endswith("ed") and any(toks[x].norm in BE_FORMS for x in range(b, i))


def _names_agent(toks: list[Token], b: int) -> bool:
    """Whether the phrase just before a participle cue is its own agent, a name or "he"/"she"
    ("with Sen. John McCain calling it ..."), rather than an object or a comma ("issued a
    statement saying ...", "..., telling reporters")."""
    if toks[b - 1].norm in PRONOUN_SOURCES:
        return True
    j, k = phrase_before(toks, b)
    return k > j and is_capitalised(toks[k - 1].text) and toks[k - 1].norm not in TEMPORAL \
        and toks[k - 1].norm not in DOCUMENT_HEADS


def skip_between(toks: list[Token], i: int) -> int:
    """Index just after the source phrase of the cue at token ``i``: back over adverbs, auxiliaries
    and times ("Kirby also said", "officials had said", "Beck on Wednesday called").

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("Beck on Wednesday night called it a disgrace")
    >>> skip_between(toks, 4)
    1
    """
    b = i
    while b > 0:
        n = toks[b - 1].norm
        if n in BETWEEN:
            b -= 1
        elif n in TEMPORAL or n in TIME_WORDS:
            b -= 1
            if b > 0 and toks[b - 1].norm in TEMPORAL | TIME_WORDS:
                continue
            if b > 0 and toks[b - 1].norm in TIME_LINKS:
                b -= 1
        else:
            break
    return b


def beside_quote(ctx: DocContext, toks: list[Token], i: int, n: int, source_start: int) -> bool:
    """Whether a quotation stands right next to the cue at token ``i`` (``n`` tokens) and its
    source: it closes just before them ("..., Sanders continued"; "..., continued Sanders") or
    opens just after the cue ("He continued: "..."), with only punctuation between.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize('"And he is a beautiful man," Sanders continued.')
    >>> beside_quote(DocContext("d", [(1, 27)], []), toks, 10, 1, toks[9].start)
    True
    >>> toks = tokenize("Trump continued to portray them as criminals.")
    >>> beside_quote(DocContext("d", [], []), toks, 1, 1, toks[0].start)
    False
    """
    first = min(source_start, toks[i].start)
    before = [t for t in toks if t.end <= first]
    gap = 0
    for t in reversed(before):
        if t.kind != "punct":
            break
        gap += 1
    edge = before[-gap].start if gap else first
    if any(edge - 2 <= e <= first for _, e in ctx.quotes):
        return True
    after = toks[i + n:]
    k = 0
    while k < len(after) and after[k].kind == "punct" and not ctx.in_quote(after[k].start):
        k += 1
    return 0 < k and k < len(after) and ctx.in_quote(after[k].start)


# Words that open a clause-initial adverbial phrase: the clause's subject comes after its comma
# ("On Monday, Clinton tried ..."; "At a rally in Hilton Head, Rubio offered ..."). A word ending
# in -ing or -ed opens one too ("Speaking to reporters, ..."; "Preceded at the lectern by ...").
LEADING_ADVERBIAL = frozenset("""on in at after before during while when as since with for from by following
despite although though if because unlike like amid among asked last this next once over under""".split())
# Adverbs and conjunctions that may stand before a clause's subject without a comma ("Now Trump is
# promising ..."; "Then he turned to ...").
LEADING_ADVERBS = frozenset("""now then also still yet but and so first later earlier meanwhile however instead
finally again indeed today yesterday recently previously separately similarly""".split())
MAX_SUBJECT_TOKENS = 8  # tokens a clause's subject phrase may span before the person named in it


def clause_subject(ctx: DocContext, toks: list[Token], limit: int) -> tuple[int, int] | None:
    """Token range of the subject of the clause that starts the sentence, when it is a named
    person or "he"/"she": the first person mention (with its title and role words before it:
    "Texas Sen. Ted Cruz") at the clause start, before token ``limit``. A leading adverbial
    phrase is passed over up to its comma; quotations are never a subject.

    >>> from lib.text.tokens import tokenize
    >>> t = 'On Monday, Sen. Bernie Sanders delivered a retort: "No."'
    >>> toks = tokenize(t)
    >>> ctx = DocContext("d", [(52, 55)], [(16, "Bernie Sanders")], person_ends={16: 30})
    >>> j, k = clause_subject(ctx, toks, 11)
    >>> _words(toks[j:k])
    ['Sen.', 'Bernie', 'Sanders']
    """
    s = 0
    while s < limit and (toks[s].kind != "word" or ctx.in_quote(toks[s].start)):
        s += 1
    if s >= limit:
        return None
    while s < limit and toks[s].norm in LEADING_ADVERBS:
        s += 1 + (s + 1 < limit and toks[s + 1].text == ",")
    participle = s + 1 < limit and toks[s].norm.endswith(("ing", "ed")) and not is_capitalised(toks[s + 1].text)
    if s < limit and (toks[s].norm in LEADING_ADVERBIAL or participle):
        comma = next((c for c in range(s, limit) if toks[c].text == ","), None)
        if comma is None:
            return None
        s = comma + 1
    for j in range(s, min(limit, s + MAX_SUBJECT_TOKENS)):
        t = toks[j]
        if ctx.in_quote(t.start):
            return None
        if t.kind == "word" and t.norm in PRONOUN_SOURCES and j == s:
            return j, j + 1
        end = ctx.person_ends.get(t.start)
        if end is not None:
            k = j
            while k < limit and toks[k].end <= end:
                k += 1
            return (s, k) if k > j else None
        if not _subject_word(toks, j, s):
            return None
    return None


# Lower-case words that may stand in a person's description before their name ("former
# Republican presidential candidate", "retired Army Lt. Gen.").
NAME_MODIFIERS = frozenset("""former retired late then top senior junior chief deputy acting presidential
campaign press party state federal longtime veteran""".split())


def _subject_word(toks: list[Token], j: int, s: int) -> bool:
    """Whether token ``j`` may stand in a subject phrase before the person named in it: a
    capitalised word, a title or role noun, a modifier of one ("former", "opinion editor"), a
    determiner first, a possessive, a title's full stop, an ordinal ("1st Lt.")."""
    t = toks[j]
    if glued_period(toks, j) or t.norm == "'s" or _ORDINAL.fullmatch(t.text):
        return True
    if t.kind != "word":
        return False
    if j == s and t.norm in ("the", "a", "an"):
        return True
    if t.norm in stopwords() or t.norm in cue_words():
        return False
    nxt = toks[j + 1].text if j + 1 < len(toks) else ""
    return is_capitalised(t.text) or is_role_word(t.text) or t.norm in NAME_MODIFIERS or is_role_word(nxt)


def quote_context(ctx: DocContext, sid: int, toks: list[Token], attributions: list[Attribution] = ()) -> QuoteContext | None:
    """What the narrator's words of a sentence in which a quotation opens say about who speaks:
    the subject of its clause (:func:`clause_subject`, when it is a named person or "he"/"she" and
    stands before the quotation: "Sanders delivered a snappy retort: "..."", "Trump promised to end
    "the wasteful regime"") and whether the sentence is ``voiced`` at all: one of its
    ``attributions`` (its rows of :func:`sentence_sources`), or a person's name or "he"/"she"
    outside its quotation marks. ``None`` for a sentence without a quotation opening in it."""
    if not toks:
        return None
    first = next((s for s, _ in sorted(ctx.quotes) if toks[0].start < s < toks[-1].end), None)
    if first is None:
        return None
    row = QuoteContext(ctx.doc_id, sid, "", "", "", "", "", -1, -1, "", _voiced(ctx, toks, attributions))
    limit = next((k for k, t in enumerate(toks) if t.end >= first), len(toks))
    rng = label_before(ctx, toks, limit) or clause_subject(ctx, toks, limit)
    found = identify_source(ctx, _words(toks[rng[0]:rng[1]]), toks[rng[0]].start) if rng else None
    if found is None or found[1] != "named person":
        return row
    j, k = rng
    parsed, stype, name, resolved = found
    role, org = (parsed.role, parsed.org) if parsed.role or parsed.org else ctx.person_roles.get(name, ("", ""))
    return row._replace(source=name, source_type=stype, role=clean_name(role), org=clean_name(org),
                        surface=join_words(_words(toks[j:k])), start=toks[j].start, end=toks[k - 1].end,
                        resolved=resolved)


def label_before(ctx: DocContext, toks: list[Token], limit: int) -> tuple[int, int] | None:
    """Token range of a person's name that labels the quotation opening at token ``limit``: the
    name, then a colon, then the quotation ("More from Jones: "..."", "Clinton: "Our goal is ..."").

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize('More from Jones: "The partisanship is a start."')
    >>> label_before(DocContext("d", [(18, 46)], [(10, "Jeffrey Jones")], person_ends={10: 15}), toks, 5)
    (2, 3)
    """
    m = limit - 1
    while m >= 0 and toks[m].kind == "punct" and toks[m].text != ":":
        m -= 1
    if m < 1 or toks[m].text != ":":
        return None
    ends = {e: s for s, e in ctx.person_ends.items()}
    start = ends.get(toks[m - 1].end)
    if start is None:
        return None
    j = next((k for k in range(m) if toks[k].start == start), None)
    return (j, m) if j is not None else None


def _voiced(ctx: DocContext, toks: list[Token], attributions: list[Attribution]) -> bool:
    """Whether someone could be speaking in a sentence: an attribution was found in it, or it
    names a person or says "he"/"she" outside its quotation marks."""
    if attributions:
        return True
    return any(not ctx.in_quote(t.start) and (t.start in ctx.person_ends or
                                                 (t.kind == "word" and t.norm in PRONOUN_SOURCES))
               for t in toks)


def _subject_before(toks: list[Token], b: int) -> tuple[int, int]:
    """The phrase before the cue; across a place after "in"/"at"/"from" ("sources in Shanghai said")."""
    j, k = phrase_before(toks, b)
    if k > j and j >= 2 and toks[j - 1].norm in ("in", "at", "from") and is_capitalised(toks[j].text):
        j2, k2 = phrase_before(toks, j - 1)
        if k2 > j2 and is_source_head(toks[k2 - 1]) and not is_capitalised(toks[k2 - 1].text):
            return j2, k2
    return j, k


def _inverted(toks: list[Token], i: int) -> tuple[tuple[int, int], list[str] | None]:
    """The source after an inverted cue: "..., said John Kirby, spokesman ...", or
    "..., said the group's chief executive, Kjell Nilsson" (the name after the role)."""
    j, k = phrase_after(toks, i)
    if k > j and k + 1 < len(toks) and toks[k].text == "," and not is_capitalised(toks[k - 1].text):
        j2, k2 = phrase_after(toks, k + 1)
        if k2 > j2 and looks_like_person(_words(toks[j2:k2])):
            return (j2, k2), _words(toks[j:k])
    return ((j, k) if k > j else (i, i)), None


def _quoted_as_saying(ctx: DocContext, sid: int, toks: list[Token], i: int) -> list[Attribution]:
    """ "Tehran radio quoted Oil Minister X as saying": X is a source too (cue say)."""
    j, k = phrase_after(toks, i)
    if k + 1 < len(toks) and toks[k].norm == "as" and toks[k + 1].norm == "saying":
        row = _make_row(ctx, sid, toks, (j, k), cue_lexicon()[("saying",)], toks[k + 1])
        return [row] if row else []
    return []


def mention_roles(ctx: DocContext, by_sentence: dict[int, list[Token]]) -> dict[str, tuple[str, str]]:
    """The role and organisation written before each person's first titled mention
    ("Central bank governor Sara Lind met ..." -> governor, Central bank). ``by_sentence``: the
    document's tokens by sentence id."""
    out: dict[str, tuple[str, str]] = {}
    starts = {s: p for s, p in ctx.persons}
    for toks in by_sentence.values():
        for i, t in enumerate(toks):
            person = starts.get(t.start)
            if person is None or person in out:
                continue
            k = i
            while k < len(toks) and toks[k].end <= t.start + len(person) + 1 and _np_token_ok(toks[k], 0):
                k += 1
            j, _ = phrase_before(toks, i)
            parsed = parse_source(_words(toks[j:k]))
            if parsed.name and (parsed.role or parsed.org):
                out[person] = (clean_name(parsed.role), clean_name(parsed.org))
    return out


def document_context(doc_id: str, quotes: list[tuple[int, int]], mentions: list[Mention]) -> DocContext:
    """The :class:`DocContext` of one document: its quotation spans (cues inside them do not count)
    and, from its entity mentions (:func:`lib.voices.entities.document_mentions`), its people (who
    resolve pronouns and surnames) and its organisations."""
    persons = sorted((m.start, m.entity) for m in mentions if m.kind == "person")
    ends = {m.start: m.end for m in mentions if m.kind == "person"}
    orgs = frozenset(m.entity for m in mentions if m.kind == "organisation")
    return DocContext(doc_id, list(quotes), persons, orgs, person_ends=ends)


def document_attributions(ctx: DocContext, by_sentence: dict[int, list[Token]]) -> tuple[list[Attribution], list[QuoteContext]]:
    """One document's rows of ``sources.csv`` (in order of sentence and cue) and the context of every
    sentence in which a quotation opens (:func:`quote_context`), from one pass over its tokens
    (``by_sentence``: sentence id -> its tokens, in document order).

    >>> from lib.voices.coref import sentence_tokens
    >>> t = "Officials said the border would stay closed, according to Tass."
    >>> rows, _ = document_attributions(document_context("d", [], []), sentence_tokens(t))
    >>> [(a.source, a.source_type, a.cue) for a in rows]
    [('officials', 'unnamed official', 'say'), ('Tass', 'news outlet', 'according to')]
    """
    rows, subjects = [], []
    ctx.person_roles = mention_roles(ctx, by_sentence)
    ctx.genders = coref.person_genders(by_sentence, ctx.persons, ctx.in_quote)
    ctx.roles = coref.person_roles(by_sentence, ctx.persons, ctx.in_quote)
    for sid, toks in by_sentence.items():
        found = sentence_sources(ctx, sid, toks)
        rows += found
        subject = quote_context(ctx, sid, toks, found)
        if subject:
            subjects.append(subject)
    return sorted(rows, key=lambda r: (r.sentence_id, r.cue_start)), subjects


def distinct_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source once per document, in order of first appearance, with its first cue and every cue
    seen (``sources``: ``sources.csv``)."""
    import pandas as pd

    cols = ["doc_id", "source", "source_type", "first_cue", "cue_class", "attributions", "cues", "first_sentence"]
    col = {c: sources[c].to_list() for c in ("doc_id", "source", "source_type", "cue", "cue_class", "sentence_id")}
    by_doc: dict[str, dict[str, list[int]]] = {}  # doc -> source -> rows, sources in order of first appearance
    for i, (d, src) in enumerate(zip(col["doc_id"], col["source"])):
        if not (pd.isna(d) or pd.isna(src)):  # as groupby, which leaves out missing keys
            by_doc.setdefault(d, {}).setdefault(src, []).append(i)
    rows = []
    for doc_id in sorted(by_doc):
        for src, at in by_doc[doc_id].items():
            first = at[0]
            rows.append(dict(doc_id=doc_id, source=src, source_type=col["source_type"][first], first_cue=col["cue"][first],
                             cue_class=col["cue_class"][first], attributions=len(at),
                             cues="; ".join(dict.fromkeys(col["cue"][i] for i in at)),
                             first_sentence=int(col["sentence_id"][first])))
    return pd.DataFrame(rows, columns=cols)
