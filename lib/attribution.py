"""Attribution: who says what, with or without quotation marks.

A *cue* is a reporting verb or "according to" from the documented list
``lib/data/reporting_verbs.tsv`` (lemma, cue class, forms). Each cue outside
quotation marks looks for its source, by these patterns, in this order:

* ``according to SOURCE`` (the noun phrase after it);
* ``SOURCE CUE``: the noun phrase just before the cue, across adverbs and
  auxiliaries ("officials said", "The New York Times newspaper reported",
  "Kirby also said", "traders told Reuters"), or the name before an
  apposition ("Carlos Calmon, president of the Institute, said");
* ``CUE SOURCE``: the inverted order after a comma or a closing quote
  ("..., said John Kirby"; "..." said a spokesman);
* ``SOURCE quoted PERSON as saying``: both are sources.

A source phrase is kept only when its head is a name, "he"/"she" (resolved to
the last named person before the cue), or a source noun (officials, sources,
analysts, newspaper, ministry, figures, ...). :func:`parse_source` splits it
into name, role and organisation ("U.S. National Security Council spokesman
John Kirby" -> John Kirby, spokesman, U.S. National Security Council) and
:func:`source_type` types it: news outlet, named person, organisation or
agency, unnamed official, document or video. Names are normalised:
descriptors dropped ("The New York Times newspaper" -> "The New York Times",
from ``lib/data/news_outlets.tsv``), determiners dropped ("the government" ->
"government"), unnamed sources lower-cased, a surname resolved to the full
name seen in the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from lib.entities import (TITLE_WORDS, clean_name, entity_kind, is_acronym, is_capitalised, place_of)
from lib.paths import DATA_DIR
from lib.stopwords import stopwords

CUE_CLASSES = ("neutral", "distancing", "confirming", "emotive")
SOURCE_TYPES = ("news outlet", "named person", "organisation or agency", "unnamed official", "document or video")
SOURCE_COLUMNS = ["doc_id", "sentence_id", "source", "source_type", "cue", "cue_class", "role", "org",
                  "surface", "start", "end", "cue_start"]
# Words that may stand between a source and its cue: "Kirby also said", "officials had said".
BETWEEN = frozenset("""also later earlier today yesterday recently previously again further then once
separately publicly officially privately repeatedly reportedly has have had was were is are would will
did does do had been be just only""".split())
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
MAX_LOWERCASE = 5  # lower-case words a source phrase may hold ("utility and business officials")
MAX_APPOSITION = 15  # tokens between the two commas of an apposition


@dataclass(frozen=True)
class Cue:
    lemma: str
    cue_class: str
    subject: str  # any | document


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


def cue_at(toks: list[dict], i: int) -> tuple[Cue, int] | None:
    """The cue starting at token ``i`` and its length in tokens, if any."""
    lex = cue_lexicon()
    for n in (2, 1):
        key = tuple(t["norm"] for t in toks[i:i + n])
        if len(key) == n and key in lex:
            if is_capitalised(toks[i]["text"]) and lex[key].lemma != "according to":
                return None  # "United States", "Reports": a capitalised word is no verb
            return lex[key], n
    return None


def _np_token_ok(tok: dict, lower_seen: int) -> bool:
    if tok["kind"] == "clitic" and tok["norm"] in ("'s", "'"):
        return True
    if tok["kind"] != "word":
        return False
    if is_capitalised(tok["text"]) or is_acronym(tok["text"]):
        return True
    return tok["norm"] not in stopwords() and lower_seen < MAX_LOWERCASE and tok["norm"] not in cue_words()


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    return frozenset(w for k in cue_lexicon() for w in k if len(k) == 1)


def phrase_before(toks: list[dict], i: int) -> tuple[int, int]:
    """Token range ``[j, k)`` of the noun phrase ending just before token ``i``."""
    k = i
    j = i
    lower = 0
    while j > 0:
        t = toks[j - 1]
        if t["kind"] == "word" and t["norm"] in ("of", "and", "for") and j < k and j - 2 >= 0 \
                and _np_token_ok(toks[j - 2], lower):
            j -= 1
            continue
        if not _np_token_ok(t, lower):
            break
        if t["kind"] == "word" and not is_capitalised(t["text"]):
            lower += 1
        j -= 1
    while j < k and (toks[j]["kind"] == "clitic" or toks[j]["norm"] in ("of", "and", "for")):
        j += 1
    return j, k


def phrase_after(toks: list[dict], i: int) -> tuple[int, int]:
    """Token range of the noun phrase starting at token ``i`` (determiners skipped)."""
    j = i
    while j < len(toks) and toks[j]["norm"] in DETERMINERS:
        j += 1
    k, lower = j, 0
    while k < len(toks):
        t = toks[k]
        if t["kind"] == "word" and t["norm"] in ("of", "and", "for") and k > j and k + 1 < len(toks) \
                and _np_token_ok(toks[k + 1], lower) and toks[k + 1]["norm"] not in DETERMINERS:
            k += 1
            continue
        if not _np_token_ok(t, lower):
            break
        if t["kind"] == "word" and not is_capitalised(t["text"]):
            lower += 1
        k += 1
    while k > j and toks[k - 1]["norm"] in ("of", "and", "for"):
        k -= 1
    return j, k


def is_source_head(tok: dict) -> bool:
    """Whether a phrase ending in this token can be a source."""
    if tok["kind"] != "word":
        return False
    n = tok["norm"]
    if is_capitalised(tok["text"]) or is_acronym(tok["text"]) or n in PRONOUN_SOURCES:
        return True
    return n in UNNAMED_HEADS | ORG_HEADS | OUTLET_DESCRIPTORS | DOCUMENT_HEADS | TITLE_WORDS


@dataclass
class Source:
    surface: str
    name: str = ""  # a person's name inside the phrase
    role: str = ""
    org: str = ""
    words: list[str] = field(default_factory=list)


def parse_source(words: list[str]) -> Source:
    """Split a source phrase into name, role and organisation.

    >>> s = parse_source("U.S. National Security Council spokesman John Kirby".split())
    >>> s.name, s.role, s.org
    ('John Kirby', 'spokesman', 'U.S. National Security Council')
    >>> s = parse_source("public finances director Jorge Marcano".split())
    >>> s.name, s.role, s.org
    ('Jorge Marcano', 'public finances director', '')
    """
    surface = join_words(words)
    n = len(words)
    k = n
    while k > 0 and (is_capitalised(words[k - 1]) or words[k - 1].lower() in ("von", "van", "de", "bin", "al")) \
            and words[k - 1].lower().rstrip(".") not in TITLE_WORDS:
        k -= 1
    name_words = words[k:]
    pre = words[:k]
    if not pre or not name_words:
        return Source(surface, words=words)
    r = len(pre)
    while r > 0 and (not is_capitalised(pre[r - 1]) or pre[r - 1].lower().rstrip(".") in TITLE_WORDS):
        r -= 1
    if r == len(pre):  # no role word: "Tehran radio" is not "radio" + name
        return Source(surface, words=words)
    return Source(surface, name=" ".join(name_words), role=" ".join(pre[r:]),
                  org=join_words(pre[:r]), words=words)


def _strip_determiners(words: list[str]) -> list[str]:
    while words and words[0].lower() in DETERMINERS and words[0] not in ("The",) + ():
        words = words[1:]
    if words and words[0] == "The" and not outlets().get(" ".join(words).lower()):
        words = words[1:]
    return words


def outlet_name(words: list[str]) -> str | None:
    """The canonical outlet a phrase names, if it names one.

    >>> outlet_name("The New York Times newspaper".split()), outlet_name("Tehran radio".split())
    ('The New York Times', 'Tehran Radio')
    >>> outlet_name("Ukraine 's military intelligence agency".split()) is None
    True
    """
    words = [clean_name(w) for w in words]
    low = [w.lower() for w in words]
    known = outlets()
    for a in range(len(words)):
        for b in range(len(words), a, -1):
            hit = known.get(" ".join(low[a:b]))
            if hit and (b - a > 1 or is_capitalised(words[a])):
                return hit
    caps = [w for w in words if is_capitalised(w) or is_acronym(w)]
    desc = [w for w in low if w in OUTLET_DESCRIPTORS]
    if "agency" in desc and "news" not in low:
        desc.remove("agency")
    if desc and caps and not any(w.lower() in ("'s",) for w in words):
        if place_of(" ".join(caps)) and "radio" in desc | set() and len(caps) == 1:
            return f"{caps[0]} Radio"
        if place_of(" ".join(caps)) and len(caps) == 1:
            return None
        return " ".join(caps)
    if caps and any(w in OUTLET_NAME_WORDS for w in caps) and caps == [w for w in words if w != "The"]:
        return " ".join(_strip_determiners(list(words)))
    return None


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
    if not is_capitalised(head):
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
    place = place_of(text)
    if place and place.via in ("alias", "name"):
        return place.canonical  # "U.S." -> "United States"; a capital stays ("Washington")
    return text


def join_words(words: list[str]) -> str:
    """Token texts joined back, possessives glued: ["Ukraine", "’s", "army"] -> "Ukraine's army"."""
    return clean_name(" ".join(words)).replace(" 's", "'s").replace(" ' ", "' ")


def resolve_person(name: str, people: list[str]) -> str:
    """The fullest person name in the document that ends with ``name`` ("Kirby" -> "John Kirby").

    >>> resolve_person("Kirby", ["John Kirby", "Vladimir Putin"])
    'John Kirby'
    """
    parts = name.split()
    longer = [p for p in people if p.split()[-len(parts):] == parts]
    return max(longer, key=lambda p: (len(p.split()), p)) if longer else name


def last_person_before(at: int, persons: list[tuple[int, str]]) -> str | None:
    """The last person named before offset ``at`` ("he said" resolves to them)."""
    before = [name for start, name in persons if start < at]
    return before[-1] if before else None


def _inside(at: int, quotes: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in quotes)


def _apposition(toks: list[dict], b: int) -> tuple[int, int, list[str]] | None:
    """For "NAME, APPOSITION, CUE" with the second comma at ``b - 1``: the name's range and the apposition."""
    for c in range(b - 2, max(-1, b - 2 - MAX_APPOSITION), -1):
        t = toks[c]
        if t["text"] == ",":
            j, k = phrase_before(toks, c)
            if k > j and is_capitalised(toks[k - 1]["text"]) and k == c:
                return j, k, [x["text"] for x in toks[c + 1:b - 1]]
            return None
        if t["kind"] == "punct" and t["text"] not in ("-",):
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
            return " ".join(words[:i]), " ".join(x for x in words[i + 1:] if x.lower() not in DETERMINERS)
    caps = [w for w in words if is_capitalised(w) and w.lower().rstrip(".") not in TITLE_WORDS]
    rest = [w for w in words if w not in caps]
    return " ".join(rest), " ".join(caps)


@dataclass
class DocContext:
    """What attribution needs to know about one document."""

    doc_id: str
    quotes: list[tuple[int, int]]
    persons: list[tuple[int, str]]  # (offset, canonical person name), document order
    orgs: frozenset[str] = frozenset()

    @property
    def people(self) -> list[str]:
        return sorted({p for _, p in self.persons})


def _make_row(ctx: DocContext, sid: int, toks: list[dict], rng: tuple[int, int], cue: Cue,
              cue_tok: dict, apposition: list[str] | None = None) -> dict | None:
    j, k = rng
    words = [t["text"] for t in toks[j:k]]
    if not words or not is_source_head(toks[k - 1]):
        return None
    start, end = toks[j]["start"], toks[k - 1]["end"]
    if len(words) == 1 and words[0].lower() in PRONOUN_SOURCES:
        who = last_person_before(start, ctx.persons)
        if not who:
            return None
        parsed, stype, name = Source(words[0]), "named person", who
    else:
        parsed = parse_source(words)
        if parsed.name:
            stype, name = "named person", resolve_person(parsed.name, ctx.people)
        else:
            stype = source_type(words, people=frozenset(ctx.people))
            if stype == "organisation or agency" and len(words) == 1 and is_capitalised(words[0]) \
                    and not place_of(words[0]) and not is_acronym(words[0]) \
                    and not any(o.split()[0] == words[0] for o in ctx.orgs):
                stype = "named person"  # a lone unknown name before a speech verb: "Weinberger said"
            name = resolve_person(join_words(words), ctx.people) if stype == "named person" \
                else normalise_source(words, stype)
    if cue.subject == "document" and stype != "document or video":
        return None
    role, org = parsed.role, parsed.org
    if apposition:
        role, org = role_from_apposition(apposition)
    return dict(doc_id=ctx.doc_id, sentence_id=sid, source=name, source_type=stype, cue=cue.lemma,
                cue_class=cue.cue_class, role=clean_name(role), org=clean_name(org),
                surface=join_words(words), start=start, end=end,
                cue_start=cue_tok["start"])


def _is_closing(tok: dict) -> bool:
    return tok["text"] in (",", '"', "\u201d", "\u00bb") or tok["kind"] == "punct" and tok["text"] in ("'",)


def sentence_sources(ctx: DocContext, sid: int, toks: list[dict]) -> list[dict]:
    """Attribution rows of one sentence (cues inside quotation marks are skipped)."""
    rows = []
    i = 0
    while i < len(toks):
        hit = cue_at(toks, i) if toks[i]["kind"] == "word" and not _inside(toks[i]["start"], ctx.quotes) else None
        if not hit:
            i += 1
            continue
        cue, n = hit
        row = None
        if cue.lemma == "according to":
            row = _make_row(ctx, sid, toks, phrase_after(toks, i + n), cue, toks[i])
        else:
            b = i
            while b > 0 and toks[b - 1]["norm"] in BETWEEN:
                b -= 1
            if b > 0 and toks[b - 1]["text"] == ",":
                app = _apposition(toks, b)
                if app:
                    row = _make_row(ctx, sid, toks, app[:2], cue, toks[i], apposition=app[2])
            elif b > 0:
                row = _make_row(ctx, sid, toks, phrase_before(toks, b), cue, toks[i])
            if row is None and (b == 0 or _is_closing(toks[b - 1])) and cue.lemma != "quote":
                row = _make_row(ctx, sid, toks, _inverted(toks, i + n), cue, toks[i])
            if cue.lemma == "quote":
                rows += _quoted_as_saying(ctx, sid, toks, i + n)
        if row:
            rows.append(row)
        i += n
    return rows


def _inverted(toks: list[dict], i: int) -> tuple[int, int]:
    """The source after an inverted cue: "..., said John Kirby, spokesman ..."."""
    j, k = phrase_after(toks, i)
    return (j, k) if k > j else (i, i)


def _quoted_as_saying(ctx: DocContext, sid: int, toks: list[dict], i: int) -> list[dict]:
    """ "Tehran radio quoted Oil Minister X as saying": X is a source too (cue say)."""
    j, k = phrase_after(toks, i)
    if k + 1 < len(toks) and toks[k]["norm"] == "as" and toks[k + 1]["norm"] == "saying":
        row = _make_row(ctx, sid, toks, (j, k), cue_lexicon()[("saying",)], toks[k + 1])
        return [row] if row else []
    return []


def document_sources(ctx: DocContext, tokens: pd.DataFrame) -> list[dict]:
    """Attribution rows of one document's tokens."""
    rows = []
    for sid, df in tokens.groupby("sentence_id", sort=True):
        rows += sentence_sources(ctx, int(sid), df.to_dict("records"))
    return rows


def find_sources(tokens: pd.DataFrame, quotes: dict[str, list[tuple[int, int]]],
                 mentions: pd.DataFrame) -> pd.DataFrame:
    """The sources table of a corpus.

    ``quotes`` maps doc_id to its quotation spans (cues inside them are
    skipped); ``mentions`` is :func:`lib.entities.entity_mentions` (its people
    resolve pronouns and surnames).
    """
    rows = []
    for doc_id, df in tokens.groupby("doc_id", sort=True):
        rows += document_sources(context(doc_id, quotes.get(doc_id, []), mentions), df)
    out = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    return out.sort_values(["doc_id", "sentence_id", "cue_start"], kind="stable").reset_index(drop=True)


def context(doc_id: str, quotes: list[tuple[int, int]], mentions: pd.DataFrame) -> DocContext:
    m = mentions[mentions["doc_id"] == doc_id]
    persons = [(int(s), e) for s, e in zip(m.loc[m["kind"] == "person", "start"], m.loc[m["kind"] == "person", "entity"])]
    orgs = frozenset(m.loc[m["kind"] == "organisation", "entity"])
    return DocContext(doc_id, list(quotes), sorted(persons), orgs)


def distinct_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source once per document, in order of first appearance, with its first cue and every cue seen."""
    cols = ["doc_id", "source", "source_type", "first_cue", "cue_class", "attributions", "cues", "first_sentence"]
    rows = []
    for doc_id, df in sources.groupby("doc_id", sort=True):
        for src, g in df.groupby("source", sort=False):
            first = g.iloc[0]
            rows.append(dict(doc_id=doc_id, source=src, source_type=first["source_type"], first_cue=first["cue"],
                             cue_class=first["cue_class"], attributions=len(g),
                             cues="; ".join(dict.fromkeys(g["cue"])), first_sentence=int(first["sentence_id"])))
    return pd.DataFrame(rows, columns=cols)
