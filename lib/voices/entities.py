"""People, places, organisations and groups, found by rules over the project's tokens.

No model is downloaded: an entity is a *proper-noun phrase*, a run of
capitalised word tokens inside one sentence (joined by "of", "de", "von",
... between two capitalised words), cut at possessives and punctuation.
Rules, each a named function with its own tests:

* :func:`proper_phrases`: the runs (an initial's or a title's full stop stays
  inside: "T. Boone Pickens", "Gov. John Kasich"). A sentence-initial capital
  is not a name by itself: a leading stopword ("The"), conjunction, adverb or
  spelled number ("Though", "Two") is dropped, and a lone sentence-initial
  word is kept only when the gazetteer knows it, it is capitalised elsewhere
  in the document, it labels figures ("Norwich 1 Wolverhampton 0") or it is
  rare in general English (wordfreq Zipf < :data:`INITIAL_RARE_ZIPF`). A lone
  capitalised common word mid-sentence ("Partners") is dropped too. A sentence
  in headline case (most words capitalised, or all in capitals) yields only
  gazetteer names.
* :func:`split_title`: a title inside a run ("Defense Secretary Caspar
  Weinberger", "Prime Minister ...") is a role, not part of the name; a
  nationality before a name is split off too ("Australian Rodney Eyles").
* :func:`entity_kind`: the kind from the name and the words around it: the
  gazetteer ``lib/data/places.tsv`` (a demonym is a group), a title before it,
  organisation words, acronyms and outlets, an outlet descriptor or a role
  after it, place nouns and locatives, a person's name, a role noun before or
  a speech verb after it, table rows, result lines and contests (teams).
* :func:`canonical_names`: aliases merged per document: gazetteer aliases
  and demonyms ("U.S.", "North Korean" -> United States, North Korea), a
  capital used as the state ("Pyongyang has shipped", not "in Pyongyang"),
  a surname to the full name seen in the same document ("Kirby" -> "John
  Kirby"), an acronym to the name whose initials it spells, a first word to
  the organisation named in full ("Mercantile" -> Mercantile Bancorp Inc.).
* :func:`entity_kinds`: one kind per entity, the one most of its mentions have;
  a demonym stays a group in the mentions table.

"U.S." at the head of an organisation ("U.S. National Security Council") is
part of that organisation's name and not a separate mention of the country.

Tables: per document, from its tokens, :func:`document_mentions` (``mentions.csv``), then from
its mentions :func:`document_entities` (``entities.csv``), :func:`document_entity_sentiment`
and :func:`document_cooccurrence`; over the corpus, from the merged tables,
:func:`corpus_entities` and :func:`corpus_entity_sentiment` (the charts' data).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

from wordfreq import zipf_frequency

from lib.voices import coref
from lib.paths import DATA_DIR
from lib.text.stopwords import english_stopwords as stopwords  # the shipped list, cached (stopwords() rebuilds it per call)
from lib.text.normalize import normalize_typography
from lib.text.tokens import Token

if TYPE_CHECKING:  # the corpus-level tables at the end build DataFrames; the rules never need pandas
    import pandas as pd

# A capitalised word whose lower-case form is at least this frequent in general
# English (wordfreq Zipf scale, 4.3 ~ 20 per million words) is a common word,
# not a name, when it stands alone at a sentence start or mid-sentence.
COMMON_ZIPF = 4.3
# A lone capitalised word at a sentence start is a name only when it is rarer
# than this (Zipf 3.0 ~ 1 per million words: "Marcano" yes, "Dodging" no), unless
# the gazetteer knows it or it is capitalised inside a longer name elsewhere.
INITIAL_RARE_ZIPF = 3.0
# The last word of a person's name is rarely this common an English word
# (Zipf 5.0 ~ 100 per million: "World", "America", "Rights"; "Smith" is 4.9).
SURNAME_MAX_ZIPF = 5.0
TEMPORAL = frozenset("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday""".split())
# Share of capitalised words above which a sentence is in headline case.
HEADLINE_CASE_SHARE = 0.8
CONNECTORS = frozenset({"of", "de", "von", "van", "der", "den", "al", "bin", "la", "du", "del", "da", "le"})
ORG_WORDS = frozenset("""
council ministry department agency office forces force army navy corps command commission committee
board bank institute institution corp corporation co inc ltd plc ab ag sa nv spa company companies group
union association federation organisation organization party government administration authority
authorities university college exchange fund reserve service services court parliament congress senate
assembly cabinet police guard industries industry airlines airways petroleum oil motors holdings
trust bureau secretariat foundation center centre club league alliance coalition front movement
brothers systems technologies securities capital financial investments resources energy electric
communications international partners associates enterprises mills motors steel chemicals pharmaceuticals
laboratories labs airline railway railroad shipping stores semiconductor software computer terminal
times post journal herald tribune gazette news press radio television shimbun daily telegraph
""".split())
TITLE_WORDS = frozenset("""
president vice prime minister secretary spokesman spokeswoman spokesperson chairman chairwoman chair
director governor ambassador adviser advisor leader chief executive general gen lt col colonel major
commander admiral senator sen rep representative mayor premier chancellor king queen prince
emperor pope cardinal archbishop bishop judge justice attorney mr mrs ms dr prof professor sheikh
envoy official analyst economist head deputy treasurer undersecretary under-secretary
gov rev sgt capt adm maj cmdr amb atty supt reporter correspondent columnist editor coach captain pastor
""".split())
# Abbreviated titles whose full stop stays inside a run of names ("Gov. John Kasich").
TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov lt gen col sgt capt cmdr adm maj prof rev st amb atty".split())
# Capitalised words that make a phrase a thing, not a person ("International Coffee Agreement").
NONPERSON_WORDS = frozenset("""agreement accord treaty pact act law plan programme program index market
street road avenue square bay city port airport station conference summit talks war crisis rate
day week month year cup games prize award fund budget""".split())
# Words of a contest between teams around a name: "Surrey beat Warwickshire", "v Middlesex".
CONTEST_WORDS = frozenset("beat beats defeated drew blanked edged routed downed thrashed trounced v vs versus".split())
PLACE_NOUNS = frozenset("region province state city county oblast district island islands river valley "
                        "village town capital port "
                        "peninsula sea coast border territory republic".split())
SPEECH_NEXT = frozenset("said says told tells added adds asked".split())
LOCATIVES = frozenset("in near at from to into across outside inside around toward towards via".split())
PRONOUNS = frozenset({"he", "she"})


class Mention(NamedTuple):
    """A row of ``mentions.csv``: one entity mention, offsets into the document text."""

    doc_id: str
    sentence_id: int
    start: int
    end: int
    surface: str  # the text as written, text[start:end]
    entity: str  # canonical name
    kind: str  # the entity's kind (a demonym stays a group)


class EntitySummary(NamedTuple):
    """A row of ``entities.csv``: one entity of one document."""

    doc_id: str
    entity: str
    kind: str
    aliases: str  # the surfaces merged, "; "-separated
    mentions: int
    sentences: int
    first_offset: int


class EntitySentiment(NamedTuple):
    """A row of ``entity_sentiment.csv``: the mean compound of the sentences naming an entity."""

    doc_id: str
    entity: str
    kind: str
    sentences: int
    mean_compound: float
    sentence_ids: str  # the evidence, space-separated


class EntityPair(NamedTuple):
    """A row of ``entity_cooccurrence.csv``: two entities named in the same sentences."""

    doc_id: str
    entity_a: str
    entity_b: str
    sentences: int
    sentence_ids: str


class RawMention(NamedTuple):
    """A proper-noun phrase of one sentence with the words around it, before aliasing
    (:func:`raw_mentions`); :func:`canonical_names` makes it a :class:`Mention`."""

    sentence_id: int
    start: int
    end: int
    words: list[str]  # an initial's or a title's full stop glued to it ("T.", "Gov.")
    spans: list[tuple[int, int]]  # (start, end) of each word
    next_word: str = ""
    next_kind: str = ""
    next2: str = ""
    prev_word: str = ""
    prev2: str = ""
    row_label: bool = False  # labels figures (a table row, a result line)
    person: bool = False  # the name after a title or a role: a person


MENTION_COLUMNS = list(Mention._fields)
ENTITY_COLUMNS = list(EntitySummary._fields)
ENTITY_SENTIMENT_COLUMNS = list(EntitySentiment._fields)
COOCCURRENCE_COLUMNS = list(EntityPair._fields)


@dataclass(frozen=True)
class Place:
    canonical: str
    via: str  # name, alias, capital, demonym


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Lower-cased place names, aliases, capitals and demonyms from ``lib/data/places.tsv``."""
    out: dict[str, Place] = {}
    for line in (DATA_DIR / "places.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", "", ""])[:4]
        canon = parts[0].strip()
        for cap in filter(None, parts[2].split("|")):
            out.setdefault(cap.strip().lower(), Place(canon, "capital"))
        for alias in filter(None, parts[1].split("|")):
            out[alias.strip().lower()] = Place(canon, "alias")
        for demonym in filter(None, parts[3].split("|")):
            out[demonym.strip().lower()] = Place(canon, "demonym")
        out[canon.lower()] = Place(canon, "name")
    return out


def place_of(name: str) -> Place | None:
    """The gazetteer entry of a name, if any.

    >>> place_of("U.S.").canonical, place_of("North Korean").canonical
    ('United States', 'North Korea')
    """
    return gazetteer().get(normalize_typography(name).lower())


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_common_word(word: str) -> bool:
    """Whether a capitalised word is an ordinary English word (then it is no name alone).

    >>> is_common_word("Partners"), is_common_word("Kirby")
    (True, False)
    """
    return word.lower() in stopwords() or zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def is_acronym(word: str) -> bool:
    w = word.replace(".", "")
    return len(w) >= 2 and w.isupper() and w.isalpha()


def split_title(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split a capitalised run into (before the title, the title, the name after it).

    >>> split_title(["Defense", "Secretary", "Caspar", "Weinberger"])
    (['Defense'], ['Secretary'], ['Caspar', 'Weinberger'])
    >>> split_title(["John", "Kirby"]), split_title(["General", "Motors"])
    (([], [], ['John', 'Kirby']), ([], [], ['General', 'Motors']))
    """
    last = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLE_WORDS), default=-1)
    if last < 0 or last == len(words) - 1:
        return [], [], words
    if any(w.lower().rstrip(".") in ORG_WORDS for w in words[last + 1:]):
        return [], [], words  # "General Motors": an organisation's name, no title
    first = last
    while first > 0 and words[first - 1].lower().rstrip(".") in TITLE_WORDS:
        first -= 1
    return words[:first], words[first:last + 1], words[last + 1:]


def split_org_person(words: list[str]) -> tuple[list[str], list[str]]:
    """Split "Rio de Janeiro Coffee Trade Association Carlos Calmon" after its last organisation word
    when what follows looks like a person's name; otherwise ``([], words)``.

    >>> split_org_person("Rio de Janeiro Coffee Trade Association Carlos Calmon".split())
    (['Rio', 'de', 'Janeiro', 'Coffee', 'Trade', 'Association'], ['Carlos', 'Calmon'])
    """
    last = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in ORG_WORDS), default=-1)
    if 0 <= last < len(words) - 2 and looks_like_person(words[last + 1:]):
        return words[:last + 1], words[last + 1:]
    return [], words


def looks_like_person(words: list[str]) -> bool:
    """Two to five name words, no organisation word, not a place.

    >>> looks_like_person(["John", "Kirby"]), looks_like_person(["National", "Security", "Council"])
    (True, False)
    """
    if not 2 <= len(words) <= 5 or any(place_of(" ".join(words[:k])) for k in range(1, len(words) + 1)):
        return False
    if any(w.lower().rstrip(".") in TITLE_WORDS | TEMPORAL | NONPERSON_WORDS for w in words):
        return False
    if any(w.lower() in stopwords() and w.lower() not in CONNECTORS for w in words):
        return False
    if any(w.lower().rstrip(".") in ORG_WORDS for w in words) or \
            any(is_acronym(w) and len(w) > 2 and not _INITIALS.fullmatch(w) for w in words):
        return False
    if zipf_frequency(words[-1].lower(), "en") >= SURNAME_MAX_ZIPF:
        return False
    return is_capitalised(words[0]) and is_capitalised(words[-1]) and \
        all(is_capitalised(w) or w.lower() in CONNECTORS for w in words)


def entity_kind(words: list[str], *, next_word: str = "", prev_word: str = "",
                people: frozenset[str] = frozenset(), prev2: str = "", next2: str = "",
                titled: bool = False, row_label: bool = False) -> str:
    """Kind of a proper-noun phrase: person, place, organisation, group or other, from the name
    itself and the words around it (``prev2 prev_word NAME next_word next2``). In order: the
    gazetteer (a demonym is a group); a title before it (person); an organisation word, an
    acronym or a news outlet's name; an outlet descriptor or a role after it ("Interfax news
    agency", "Surrey captain Chris Lewis": organisation); a place noun around it ("Kursk region",
    "the province of Hubei"); a person's name, a person named in full elsewhere, a role noun before
    it ("coach Craig Brown") or a speech verb after it; a locative preposition before it (place);
    the label of a row of figures or a contest ("Dundee 3 1 2 0", "Surrey beat Kent": a team,
    organisation); else other.

    >>> entity_kind(["U.S.", "National", "Security", "Council"])
    'organisation'
    >>> entity_kind(["Kursk"], next_word="region"), entity_kind(["Iraqis"]), entity_kind(["German"])
    ('place', 'group', 'group')
    >>> entity_kind(["Interfax"], next_word="news", next2="agency"), entity_kind(["Donato"], prev_word="midfielder")
    ('organisation', 'person')
    """
    name = " ".join(words)
    place = place_of(name)
    if row_label and place and not is_demonym(name) and not is_country(place):
        return "organisation"  # "SEATTLE 9 Baltimore 6": a city's team
    if place or is_demonym(name):
        return "group" if is_demonym(name) else "place"
    if titled:
        return "person"
    if organisation_name(words):
        return "organisation"
    if organisation_context(next_word, next2):
        return "organisation"
    if place_context(prev_word, prev2, next_word):
        return "place"
    if name in people or looks_like_person(words) or (len(words) == 1 and any(
            p.split()[-1] == name or p.split()[0] == name for p in people)):
        return "person"
    if coref.role_of(prev_word) is not None and not is_capitalised(prev_word):
        return "person"  # "coach Craig Brown", "midfielder Donato"
    if len(words) == 1 and next_word.lower() in SPEECH_NEXT and not is_common_word(name):
        return "person"  # "Ferrier said": a lone unknown name that speaks
    if prev_word.lower() in LOCATIVES:
        return "place"
    if row_label or next_word.lower() in CONTEST_WORDS or prev_word.lower() in CONTEST_WORDS:
        return "organisation"  # a team: "Surrey beat Warwickshire", "Dundee 3 1 2 0 3 2 5"
    if prev_word.lower() == "the" and words[-1].endswith("s") and words[-1][:-1] not in \
            {p.split()[-1] for p in people}:
        return "organisation"  # "the Royals", "the Blue Jays": a team or a band, by its plural name
    return "other"


def is_country(place: Place) -> bool:
    """Whether a gazetteer place is a state of its own (it has a capital or a word for its people),
    not a city or a province: "SEATTLE 9 Baltimore 6" are teams, "Slovakia beat the Faroe Islands"
    national sides.

    >>> is_country(place_of("Slovakia")), is_country(place_of("Seattle"))
    (True, False)
    """
    return place.canonical in _countries()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    out = set()
    for line in (DATA_DIR / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = (line.split("\t") + ["", "", ""])[:4]
            if parts[2].strip() or parts[3].strip():
                out.add(parts[0].strip())
    return frozenset(out)


def organisation_name(words: list[str]) -> bool:
    """An organisation by its own name: an organisation word ("Council", "Corp", "Party"), an
    acronym ("NATO"), or a news outlet of ``lib/data/news_outlets.tsv``.

    >>> organisation_name(["Bank", "of", "Montreal"]), organisation_name(["NATO"]), organisation_name(["Kirby"])
    (True, True, False)
    """
    from lib.voices.attribution import outlets

    name = " ".join(words)
    return any(w.lower().rstrip(".") in ORG_WORDS for w in words) or (len(words) == 1 and is_acronym(name)) \
        or name.lower() in outlets()


def organisation_context(next_word: str, next2: str) -> bool:
    """An outlet descriptor or a person's role right after a name makes it an organisation:
    "Interfax news agency", "Al-Akhbar newspaper", "Surrey captain Chris Lewis".

    >>> organisation_context("newspaper", ""), organisation_context("captain", "Chris"), organisation_context("said", "")
    (True, True, False)
    """
    n = next_word.lower()
    if n in ("newspaper", "newspapers", "daily", "weekly", "magazine", "radio", "television", "agency") or \
            (n == "news" and next2.lower() in ("agency", "service")):
        return True
    role = coref.role_of(next_word)
    return role is not None and not is_capitalised(next_word) and is_capitalised(next2) \
        and role.noun not in ("mr", "mrs", "ms", "miss", "sir")


def place_context(prev_word: str, prev2: str, next_word: str) -> bool:
    """A place noun next to a name: "Kursk region", "the province of Hubei", "village of Mahala".

    >>> place_context("of", "province", ""), place_context("", "", "region"), place_context("of", "bank", "")
    (True, True, False)
    """
    return next_word.lower() in PLACE_NOUNS or (prev_word.lower() == "of" and prev2.lower() in PLACE_NOUNS)


def is_demonym(name: str) -> bool:
    """A word for a people or a nationality ("Iraqi", "Iraqis", "North Korean", "British"): it names
    a group, not the place, even when it is merged into its country for counting.

    >>> is_demonym("Iraqi"), is_demonym("North Koreans"), is_demonym("Iraq"), is_demonym("U.S.")
    (True, True, False, False)
    """
    p = place_of(name)
    if p is not None:
        return p.via == "demonym"
    return name.endswith("s") and (q := place_of(name[:-1])) is not None and q.via == "demonym"


def is_plural_demonym(name: str) -> bool:
    """ "Iraqis", "North Koreans": a people, not the state.

    >>> is_plural_demonym("Iraqis"), is_plural_demonym("Iraqi"), is_plural_demonym("Philippines")
    (True, False, False)
    """
    return is_demonym(name) and name.lower().endswith("s") and is_demonym(name[:-1])


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    words: tuple[str, ...]
    token_index: int  # index of the first token in the sentence's token list
    sentence_initial: bool
    spans: tuple[tuple[int, int], ...] = ()  # (start, end) of each word, so a part of the phrase keeps exact offsets
    n_tokens: int = 0  # tokens the phrase spans (an initial and its full stop are one word, two tokens)


def _is_name_token(tok: Token) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper()  # an acronym starts with a capital too


def _runs(toks: list[Token]) -> list[list[int]]:
    """Indices of runs of capitalised tokens, joined by connectors between two capitals."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, t in enumerate(toks):
        if _is_name_token(t) and (not cur or toks[cur[-1]].end <= t.start):
            cur.append(i)
            continue
        if cur and _initial_stop(toks, i):  # "T. Boone Pickens", "P. Simmons"
            cur.append(i)
            continue
        if (cur and t.kind == "word" and t.norm in CONNECTORS and i + 1 < len(toks)
                and _is_name_token(toks[i + 1])):
            cur.append(i)
            continue
        if cur:
            runs.append(cur)
        cur = [i] if _is_name_token(t) else []
    if cur:
        runs.append(cur)
    return runs


def _initial_stop(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` is the full stop of an initial or a title inside a run of names: glued
    to a single capital letter or an abbreviated title, a capitalised word right after ("T. Boone
    Pickens", "Gov. John Kasich")."""
    if not (toks[i].text == "." and 0 < i < len(toks) - 1 and toks[i - 1].end == toks[i].start
            and _is_name_token(toks[i + 1])):
        return False
    before = toks[i - 1].text
    return (len(before) == 1 and before.isupper()) or before.lower() in TITLE_ABBREVIATIONS


def _run_words(toks: list[Token], run: list[int]) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of a run and their (start, end), an initial's full stop glued to it ("T.")."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for i in run:
        if toks[i].text == "." and words:
            words[-1] += "."
            spans[-1] = (spans[-1][0], toks[i].end)
        else:
            words.append(toks[i].text)
            spans.append((toks[i].start, toks[i].end))
    return words, spans


def _first_word_index(toks: list[Token]) -> int:
    """Index of the sentence's first word (after opening quotes and brackets)."""
    return next((i for i, t in enumerate(toks) if t.kind in ("word", "number")), -1)


def headline_case(toks: list[Token]) -> bool:
    """A sentence in headline case: most of at least six words capitalised, or every word in
    capitals ("TENNIS - FRIDAY'S RESULTS FROM THE U.S. OPEN."). Only gazetteer names count there.

    >>> from lib.text.tokens import tokenize
    >>> [headline_case(tokenize(x)) for x in ("CRICKET - ASHES ITINERARY.", "Kent beat Surrey.")]
    [True, False]
    """
    if _all_capitals(toks):
        return True
    stop = stopwords()
    words = [t.text for t in toks if t.kind == "word" and t.norm not in stop]
    return len(words) >= 6 and sum(is_capitalised(w) for w in words) / len(words) >= HEADLINE_CASE_SHARE


def _all_capitals(toks: list[Token]) -> bool:
    """Whether at least two words of two letters or more are written, and every one of them in capitals."""
    n = 0
    for t in toks:
        if t.kind == "word" and sum(c.isalpha() for c in t.text) > 1:
            if not t.text.isupper():
                return False  # most sentences: decided at their first word
            n += 1
    return n >= 2


def proper_phrases(toks: list[Token], *, capitalised_elsewhere: frozenset[str] = frozenset(),
                   mid_sentence: frozenset[str] = frozenset(), runs: list[list[int]] | None = None) -> list[Phrase]:
    """Proper-noun phrases of one sentence's tokens.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("Video released by Ukrainian Special Operations Forces shows it.")
    >>> [" ".join(p.words) for p in proper_phrases(toks)]
    ['Ukrainian Special Operations Forces']
    """
    first = _first_word_index(toks)
    head_case = headline_case(toks)
    out = []
    for run in (_runs(toks) if runs is None else runs):
        while run and toks[run[-1]].norm in CONNECTORS:
            run = run[:-1]
        if not run:
            continue
        initial = run[0] == first
        if initial:
            while run and toks[run[0]].norm in stopwords() and not is_acronym(toks[run[0]].text):
                run = run[1:]
            if len(run) >= 2 and _initial_common_word(toks, run, mid_sentence):
                run = run[1:]  # "Though Bush", "Add Men": a capital only because the sentence starts
            elif len(run) >= 3 and toks[run[1]].norm == "of" and _part_of_word(toks[run[0]].text):
                run = run[2:]  # "Much of Beck's ire", "Shares of General Motors"
        if not run:
            continue
        words, spans = _run_words(toks, run)
        name = " ".join(words)
        if head_case and not place_of(name):
            out += _places_inside(toks, run, first)  # headline case: only names the gazetteer knows
            continue
        if len(run) == 1 and name.lower().rstrip(".") in TEMPORAL:
            continue
        if len(run) == 1 and not place_of(name) and not is_acronym(name) and name not in capitalised_elsewhere:
            label = run[-1] + 1 < len(toks) and toks[run[-1] + 1].kind == "number"  # "Norwich 1 Wolverhampton 0"
            if is_common_word(name) or (initial and not label and zipf_frequency(name.lower(), "en") >= INITIAL_RARE_ZIPF):
                continue
        out.append(Phrase(toks[run[0]].start, toks[run[-1]].end, tuple(words), run[0], initial,
                          tuple(spans), len(run)))
    return out


# Words that open a sentence before a name without being part of it: conjunctions, adverbs and
# prepositions the stopword list leaves out ("Though Bush ...", "Meanwhile Clinton ..."), and the
# wire's "Add" before a corrected line, and numbers spelled out ("Two Belgian teenage girls").
INITIAL_NON_NAMES = frozenset("""though although also meanwhile however still yet unlike like including despite
among within without toward towards amid across following according add asked instead even only perhaps
indeed besides nevertheless nonetheless thus hence later earlier today yesterday tomorrow
one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds
thousand thousands dozens""".split())


# Words of quantity that open a sentence with "of" before a name: "Much of Beck's ire".
QUANTIFIERS = frozenset("much many most some part half none each several few both either neither all rest".split())


def _part_of_word(word: str) -> bool:
    """A sentence-initial word that takes a part or a group of the name after "of": a quantity
    ("Much", "Most") or a common plural ("Shares", "Members", "Residents"), not an organisation,
    a title or a place ("Bank of America", "Secretary of State", "Gulf of Mexico").

    >>> [_part_of_word(w) for w in ("Much", "Shares", "Bank", "Secretary", "Museum")]
    [True, True, False, False, False]
    """
    low = word.lower()
    if low in QUANTIFIERS:
        return True
    return low.endswith("s") and is_common_word(word) and low.rstrip("s") not in ORG_WORDS and low not in ORG_WORDS \
        and low not in TITLE_WORDS and not place_of(word)


def _initial_common_word(toks: list[Token], run: list[int], mid_sentence: frozenset[str]) -> bool:
    """Whether the first word of a sentence-initial run is an ordinary word capitalised only because
    the sentence starts with it ("Though Bush ...", "Add Men's singles"): one of
    :data:`INITIAL_NON_NAMES`, never capitalised mid-sentence in the document.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("Though Bush won, Hillary Clinton spoke.")
    >>> _initial_common_word(toks, [0, 1], frozenset()), _initial_common_word(toks, [4, 5], frozenset())
    (True, False)
    """
    first = toks[run[0]].text
    return toks[run[0]].norm in INITIAL_NON_NAMES and first not in mid_sentence \
        and toks[run[1]].norm not in CONNECTORS


def _places_inside(toks: list[Token], run: list[int], first: int) -> list[Phrase]:
    """Gazetteer names (one or two words) inside a run of headline-case words."""
    out, i = [], 0
    while i < len(run):
        for size in (2, 1):
            idx = run[i:i + size]
            words = tuple(toks[j].text for j in idx)
            if len(idx) == size and place_of(" ".join(words)):
                out.append(Phrase(toks[idx[0]].start, toks[idx[-1]].end, words, idx[0], idx[0] == first,
                                  tuple((toks[j].start, toks[j].end) for j in idx)))
                i += size
                break
        else:
            i += 1
    return out


def _capitals_in_names(by_sentence: dict[int, list[Token]], runs: dict[int, list[list[int]]]) -> frozenset[str]:
    """Words seen inside a run of two or more capitalised words ("Smith" in "Brian Smith"):
    evidence that the word alone is a name too. ``runs``: each sentence's :func:`_runs`."""
    out: set[str] = set()
    for sid, toks in by_sentence.items():
        first = _first_word_index(toks)
        for run in runs[sid]:
            names = [w for w in _run_words(toks, run)[0] if w.lower() not in CONNECTORS]
            if len(names) >= 2 and not (run[0] == first and toks[run[0]].norm in stopwords()):
                out.update(names)
    return frozenset(out)


def _mid_sentence_capitals(by_sentence: dict[int, list[Token]], runs: dict[int, list[list[int]]]) -> frozenset[str]:
    """Words the document capitalises inside a sentence (not as its first word): names, or words
    of names ("White" in "the White House"). ``runs``: each sentence's :func:`_runs`."""
    out: set[str] = set()
    for sid, toks in by_sentence.items():
        first = _first_word_index(toks)
        for run in runs[sid]:
            out.update(toks[i].text for i in run if i != first and toks[i].kind == "word")
    return frozenset(out)


def raw_mentions(by_sentence: dict[int, list[Token]]) -> list[RawMention]:
    """Proper-noun phrases of one document (``by_sentence``: sentence id -> its tokens, in
    document order) with their context words, before aliasing."""
    runs = {sid: _runs(toks) for sid, toks in by_sentence.items()}
    elsewhere = _capitals_in_names(by_sentence, runs)
    mid = _mid_sentence_capitals(by_sentence, runs)
    rows = []
    for sid, toks in by_sentence.items():
        for p in proper_phrases(toks, capitalised_elsewhere=elsewhere, mid_sentence=mid, runs=[list(r) for r in runs[sid]]):
            j = p.token_index + (p.n_tokens or len(p.words))
            i = p.token_index
            rows.append(RawMention(sid, p.start, p.end, list(p.words), list(p.spans),
                                   next_word=toks[j].text if j < len(toks) else "",
                                   next_kind=toks[j].kind if j < len(toks) else "",
                                   next2=toks[j + 1].text if j + 1 < len(toks) else "",
                                   prev_word=toks[i - 1].text if i > 0 else "",
                                   prev2=toks[i - 2].text if i > 1 else "",
                                   row_label=is_row_label(toks, i, j)))
    return rows


def is_row_label(toks: list[Token], i: int, j: int) -> bool:
    """Whether the phrase of tokens ``[i, j)`` labels figures: it opens its sentence and figures
    follow it (a table row, "Dundee 3 1 2 0 3 2 5"), or it stands in a result line between two
    scores ("Norwich 1 Wolverhampton 0"). Such a name is a team or a company.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("Dundee 3 1 2 0 3 2 5")
    >>> is_row_label(toks, 0, 1), is_row_label(tokenize("Dundee won 3 games"), 0, 1)
    (True, False)
    >>> score = tokenize("Norwich 1 Wolverhampton 0")
    >>> is_row_label(score, 0, 1), is_row_label(score, 2, 3)
    (True, True)
    """
    first = i == 0 or toks[i - 1].kind == "punct" and i == 1
    numbers = 0
    for t in toks[j:j + 3]:
        if t.kind != "number":
            break
        numbers += 1
    between = i > 0 and toks[i - 1].kind == "number" and numbers >= 1  # "Norwich 1 Wolverhampton 0"
    return (first and numbers >= 2) or between or (first and numbers == 1 and _score_line(toks, j + 1))


def _score_line(toks: list[Token], k: int) -> bool:
    """A result line goes on with another name and its score: "Norwich 1 Wolverhampton 0"."""
    while k < len(toks) and _is_name_token(toks[k]):
        k += 1
    return k < len(toks) and toks[k].kind == "number" and k > 0 and _is_name_token(toks[k - 1])


def capital_as_state(place: Place, prev_word: str) -> bool:
    """A capital names the state unless a locative preposition puts us in the city.

    >>> p = place_of("Pyongyang")
    >>> capital_as_state(p, "so"), capital_as_state(p, "in")
    (True, False)
    """
    return place.via == "capital" and prev_word.lower() not in LOCATIVES


def _split_mention(m: RawMention) -> list[RawMention]:
    """A run with a title in it gives the name after the title (and the name before it: "Texas
    Sen. Ted Cruz", "Fed Chairman Alan Greenspan"); an organisation followed by a person's name
    gives both; a run that is only a title ("President") gives nothing."""
    before, title, name = split_title(m.words)
    spans = m.spans
    if not title:
        if all(w.lower().rstrip(".") in TITLE_WORDS for w in m.words):
            return []
        k = _nationality_before_name(m.words)
        if k:  # "Australian Rodney Eyles": a nationality, then the person
            return [m._replace(words=m.words[k:], spans=spans[k:], start=spans[k][0], person=True),
                    m._replace(words=m.words[:k], spans=spans[:k], end=spans[k - 1][1], next_word=m.words[k])]
        org, person = split_org_person(m.words)
        if not org:
            return [m]
        return [m._replace(words=person, spans=spans[-len(person):], start=spans[-len(person)][0], person=True),
                m._replace(words=org, spans=spans[:len(org)], end=spans[len(org) - 1][1], next_word=person[0])]
    out = [m._replace(words=name, spans=spans[-len(name):], start=spans[-len(name)][0], person=True)]
    if before and not all(is_common_word(w) for w in before):
        out.append(m._replace(words=before, spans=spans[:len(before)], end=spans[len(before) - 1][1],
                              next_word=title[0], next2=name[0]))
    return out


def _nationality_before_name(words: list[str]) -> int:
    """Length of a demonym opening a run that goes on with a person's name ("Australian Rodney
    Eyles" -> 1), else 0.

    >>> _nationality_before_name(["Australian", "Rodney", "Eyles"]), _nationality_before_name(["North", "Korean", "Troops"])
    (1, 0)
    """
    for k in (1, 2):
        if len(words) - k >= 2 and is_demonym(" ".join(words[:k])) and looks_like_person(words[k:]):
            return k
    return 0


def canonical_names(doc_id: str, text: str, mentions: list[RawMention]) -> list[Mention]:
    """Give every raw mention of one document (:func:`raw_mentions`) its canonical entity name and
    kind, in the order found; ``surface`` is the text as written, ``text[start:end]``."""
    mentions = [s for m in mentions for s in _split_mention(m)]
    people = {" ".join(m.words) for m in mentions if (m.person and len(m.words) >= 2)
              or looks_like_person(m.words)}
    titled = {" ".join(m.words) for m in mentions if m.person}  # "President Suharto" -> Suharto
    acronyms = {"".join(w[0] for w in m.words if w.lower() not in CONNECTORS): " ".join(m.words)
                for m in mentions if len(m.words) >= 2}
    out = []
    for m in mentions:
        name = " ".join(m.words)
        place = place_of(name)
        kind = entity_kind(m.words, next_word=m.next_word, prev_word=m.prev_word,
                           people=frozenset(people | titled), prev2=m.prev2, next2=m.next2,
                           titled=bool(m.person), row_label=bool(m.row_label))
        entity = name
        if place and kind in ("place", "group") and (place.via != "capital" or capital_as_state(place, m.prev_word)) \
                and not is_plural_demonym(name):
            entity = place.canonical
        elif kind in ("person", "other") and len(m.words) <= 2:
            longer = sorted((p for p in people if p != name and p.split()[-len(m.words):] == m.words),
                            key=lambda p: (-len(p), p))
            family_first = [p for p in people if len(m.words) == 1 and p.split()[0] == name]
            if longer:
                entity, kind = longer[0], "person"
            elif len(family_first) == 1:  # "Deng" for "Deng Xiaoping": family name first
                entity, kind = family_first[0], "person"
            elif name in titled:
                kind = "person"
        if kind == "other" and len(m.words) == 1:
            org = organisation_alias(name, [" ".join(x.words) for x in mentions])
            if org:
                entity, kind = org, "organisation"
        if is_acronym(name) and name.replace(".", "") in acronyms and not place:
            entity, kind = acronyms[name.replace(".", "")], "organisation"
        out.append(Mention(doc_id, m.sentence_id, m.start, m.end, text[m.start:m.end], entity, kind))
    return out


def organisation_alias(word: str, names: list[str]) -> str | None:
    """The organisation named in full elsewhere in the document whose first word this is:
    "Mercantile" for "Mercantile Bancorp Inc.".

    >>> organisation_alias("Mercantile", ["Mercantile Bancorp Inc.", "Commerce"]), organisation_alias("Commerce", ["Commerce"])
    ('Mercantile Bancorp Inc.', None)
    """
    full = sorted({n for n in names if n != word and n.split()[0] == word and organisation_name(n.split())})
    return full[0] if len(full) == 1 else None


def document_mentions(doc_id: str, text: str, by_sentence: dict[int, list[Token]]) -> list[Mention]:
    """Every entity mention of one document (``by_sentence``: sentence id -> its tokens, in document
    order), each with its entity's kind (:func:`entity_kinds`; a demonym stays a group), in
    order of offset: the document's rows of ``mentions.csv``.

    >>> from lib.voices.coref import sentence_tokens
    >>> t = "Pyongyang has shipped shells to Moscow, officials in Pyongyang said."
    >>> [(m.surface, m.entity, m.kind) for m in document_mentions("d", t, sentence_tokens(t))]
    [('Pyongyang', 'North Korea', 'place'), ('Moscow', 'Moscow', 'place'), ('Pyongyang', 'Pyongyang', 'place')]
    """
    mentions = canonical_names(doc_id, text, raw_mentions(by_sentence))
    surfaces = [" ".join(m.surface.split()) for m in mentions]
    best = entity_kinds([(doc_id, m.entity) for m in mentions], [m.kind for m in mentions], surfaces)
    settled = [m._replace(kind="group" if is_demonym(s) else best[(doc_id, m.entity)])
               for m, s in zip(mentions, surfaces)]
    return sorted(settled, key=lambda m: m.start)  # stable: mentions at one offset keep their order


# When an entity's mentions disagree, the kind most of them have wins; a tie goes to the more
# specific kind, in this order.
KIND_RANK = {"person": 0, "organisation": 1, "place": 2, "group": 3, "other": 4}


def entity_kinds(keys: list[tuple[str, str]], kinds: list[str], surfaces: list[str]) -> dict[tuple[str, str], str]:
    """One kind per (document, entity): the kind most of its mentions have, other than ``other``
    (a tie goes to the more specific kind, :data:`KIND_RANK`); a demonym merged into its country
    counts for the place ("North Korean" -> North Korea).

    >>> entity_kinds([("d", "Chechnya")] * 3, ["place", "place", "person"], ["Chechnya"] * 3)
    {('d', 'Chechnya'): 'place'}
    """
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for key, kind, surface in zip(keys, kinds, surfaces):
        if kind == "group" and not is_plural_demonym(surface) and place_of(key[1]):
            kind = "place"
        v = votes.setdefault(key, {})
        if kind != "other":
            v[kind] = v.get(kind, 0) + 1
    return {key: min(v, key=lambda k: (-v[k], KIND_RANK[k])) if v else "other" for key, v in votes.items()}


def entity_kind_of_mentions(mentions: list[Mention]) -> list[str]:
    """For each mention, the kind of its entity (a demonym's country is a place), as
    :func:`entity_kinds` decides it: the kind the entity tables show."""
    keys = [(m.doc_id, m.entity) for m in mentions]
    best = entity_kinds(keys, [m.kind for m in mentions], [" ".join(m.surface.split()) for m in mentions])
    return [best[k] for k in keys]


def _by_entity(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """One document's mentions per entity, entities in sorted order, each entity's in document order."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.entity, []).append(m)
    return dict(sorted(out.items()))


def document_entities(mentions: list[Mention]) -> list[EntitySummary]:
    """One document's rows of ``entities.csv`` from its mentions: per entity its kind, aliases seen,
    mentions, sentences and first offset; most mentioned first, then by first offset."""
    kinds = dict(zip((m.entity for m in mentions), entity_kind_of_mentions(mentions)))
    rows = [EntitySummary(ms[0].doc_id, entity, kinds[entity], "; ".join(sorted({" ".join(m.surface.split()) for m in ms})),
                          len(ms), len({m.sentence_id for m in ms}), min(m.start for m in ms))
            for entity, ms in _by_entity(mentions).items()]
    return sorted(rows, key=lambda r: (-r.mentions, r.first_offset))


def document_entity_sentiment(mentions: list[Mention], compounds: dict[int, float]) -> list[EntitySentiment]:
    """One document's rows of ``entity_sentiment.csv``: the mean compound of the sentences mentioning
    each entity (each sentence counted once); ``compounds``: sentence id -> compound of the
    document's sentences (``sentences.csv``), so the mean can be recomputed from that table."""
    kinds = dict(zip((m.entity for m in mentions), entity_kind_of_mentions(mentions)))
    rows = []
    for entity, ms in _by_entity(mentions).items():
        sids = sorted({m.sentence_id for m in ms})
        vals = [compounds[s] for s in sids]
        rows.append(EntitySentiment(ms[0].doc_id, entity, kinds[entity], len(sids), round(sum(vals) / len(vals), 4),
                                    " ".join(str(s) for s in sids)))
    return sorted(rows, key=lambda r: (-r.sentences, r.entity))


def document_cooccurrence(mentions: list[Mention]) -> list[EntityPair]:
    """One document's pairs of entities named in the same sentence: how many sentences, and which;
    most sentences first, then alphabetical."""
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_id, set()).add(m.entity)
    pairs: dict[tuple[str, str], list[int]] = {}
    for sid, names in sorted(by_sentence.items()):
        for a, b in combinations(sorted(names), 2):
            pairs.setdefault((a, b), []).append(sid)
    doc_id = mentions[0].doc_id if mentions else ""
    rows = [EntityPair(doc_id, a, b, len(s), " ".join(str(x) for x in s)) for (a, b), s in pairs.items()]
    return sorted(rows, key=lambda r: (-r.sentences, r.entity_a, r.entity_b))


_WS = re.compile(r"\s+")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")  # "G.K." in "G.K. Butterfield": initials, not an acronym


def clean_name(text: str) -> str:
    """Whitespace collapsed and typography normalised: 'Ukraine\u2019s' -> "Ukraine's"."""
    return _WS.sub(" ", normalize_typography(text)).strip()


def corpus_entities(table: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """The ``n`` most mentioned entities over the corpus (``entities.csv`` of every document):
    entity, kind, documents, mentions."""
    import pandas as pd

    g = table.groupby(["entity", "kind"], sort=True)
    out = pd.DataFrame({"documents": g["doc_id"].nunique(), "mentions": g["mentions"].sum()}).reset_index()
    return out.sort_values(["mentions", "entity"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def corpus_entity_sentiment(mentions: pd.DataFrame, scored: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """For the ``n`` most mentioned entities: mean compound over every sentence naming them, corpus-wide
    (``mentions``: ``mentions.csv``; ``scored``: ``sentences.csv`` with its compound column)."""
    import pandas as pd

    comp = dict(zip(zip(scored["doc_id"].to_list(), (int(s) for s in scored["sentence_id"].to_list())),
                    (float(c) for c in scored["compound"].to_list())))
    col = {c: mentions[c].to_list() for c in ("doc_id", "sentence_id", "entity")}
    col["kind"] = entity_kind_of_mentions([Mention(*r) for r in zip(*(mentions[c].to_list() for c in MENTION_COLUMNS))])
    groups: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(col["entity"], col["kind"])):
        groups.setdefault(key, []).append(i)
    rows = []
    for (entity, kind), at in sorted(groups.items()):
        keys = sorted({(col["doc_id"][i], int(col["sentence_id"][i])) for i in at})
        vals = [comp[k] for k in keys]
        rows.append(dict(entity=entity, kind=kind, documents=len({col["doc_id"][i] for i in at}), mentions=len(at),
                         sentences=len(keys), mean_compound=round(sum(vals) / len(vals), 4)))
    cols = ["entity", "kind", "documents", "mentions", "sentences", "mean_compound"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["mentions", "entity"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)
