"""People within one document: which pronoun refers to each, and who "he", "she" or "the senator" is.

No model and no list of first names: what the text itself says about a person.

* :func:`person_genders`: a person's pronoun from how the text refers to them: a
  gendered title or role noun right before a mention ("Mrs. Clinton", "spokeswoman
  Jen Psaki", from ``lib/data/role_nouns.tsv``) and the first he/him/his or
  she/her/hers after a mention, in its sentence or the next, with nobody else
  named in between ("Kirby said he ..."). The majority of these votes decides when
  it holds two thirds of them; otherwise the gender stays unknown.
* :func:`resolve_pronoun`: "he" or "she" is the most recent person named before
  it, outside quotation marks and not only addressed ("told Reuters manager X"),
  whose pronoun agrees (an unknown one agrees with both).
* :func:`person_roles`: the role nouns the text gives each person: titles before a
  mention ("Sen. Tammy Baldwin", "White House press secretary Josh Earnest") and an
  apposition after it ("Earnest, a spokesman for the White House,").
* :func:`resolve_role`: "the senator", "the Vermont senator", "the former
  secretary of state" is the most recent person named before it with that role,
  else the person the story has named most often so far.

Mentions and pronouns inside quotation marks are the speaker's words, not the
narrator's: they are left out of every rule.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from lib.paths import DATA_DIR
from lib.text.tokens import Token

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Votes a gendered title or role noun right before a name counts for (a pronoun counts one):
# "Mrs." says more than one "she" that may refer to someone else.
TITLE_VOTES = 2
# A gender is kept when it has at least this share of the person's votes.
GENDER_MAJORITY = 2 / 3
# An apposition ("Earnest, a spokesman for the White House,") is read up to this many tokens.
MAX_APPOSITION_TOKENS = 12
DEFINITE = frozenset({"the", "this", "that"})
# Roles by which a story refers to the person it is about ("the senator", "the billionaire"), so
# that with no one given the role it is the person named most; a spokesman, an aide or an analyst
# is someone else.
PROTAGONIST_ROLES = frozenset("""senator representative congressman congresswoman lawmaker governor mayor president
secretary minister chancellor premier candidate nominee contender frontrunner hopeful billionaire mogul tycoon
businessman businesswoman developer leader chairman chairwoman judge justice general king queen prince princess
pastor bishop star actor actress champion""".split())


@dataclass(frozen=True)
class RoleNoun:
    noun: str  # the canonical noun: "senator" for "Sen."
    gender: str  # m, f or ""


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, RoleNoun]:
    """Every form of ``lib/data/role_nouns.tsv`` (noun, abbreviation, variant) -> its role noun.

    >>> role_nouns()["sen"], role_nouns()["spokeswoman"].gender
    (RoleNoun(noun='senator', gender=''), 'f')
    """
    out: dict[str, RoleNoun] = {}
    for line in (DATA_DIR / "role_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + [""])[:3]
        noun, gender = parts[0].strip(), parts[1].strip().replace("-", "")
        role = RoleNoun(noun, gender)
        out[noun] = role
        for form in filter(None, parts[2].split("|")):
            out.setdefault(form.strip(), role)
    return out


def role_of(word: str) -> RoleNoun | None:
    """The role noun a word stands for ("Sen." -> senator, "Spokeswoman" -> spokeswoman)."""
    return role_nouns().get(word.lower().rstrip("."))


def sentence_tokens(text: str) -> dict[int, list[Token]]:
    """The tokens of each sentence of a plain text (no cleaning, one paragraph), by sentence id
    from 1: the shape every document-level rule reads, for examples and tests (the pass
    takes them from :func:`lib.passes.document.read_text`).

    >>> {sid: [t.text for t in toks] for sid, toks in sentence_tokens("Ann left. Bob stayed.").items()}
    {1: ['Ann', 'left', '.'], 2: ['Bob', 'stayed', '.']}
    """
    from lib.text.sentences import split_sentences
    from lib.text.tokens import tokenize

    return {n: tokenize(text, s, e) for n, (s, e) in enumerate(split_sentences(text, 0, len(text)), start=1)}


def inside_checker(spans) -> Callable[[int], bool]:
    """``at -> bool``: whether an offset lies inside one of the (start, end) ``spans``, by bisection
    over the merged spans (a document has hundreds of tokens to test against its quotations).

    >>> inside = inside_checker([(10, 20), (15, 30), (40, 45)])
    >>> [inside(x) for x in (9, 10, 29, 30, 44)]
    [False, True, True, False, True]
    """
    merged: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]

    def inside(at: int) -> bool:
        i = bisect_right(starts, at) - 1
        return i >= 0 and at < merged[i][1]

    return inside


def _inside(at: int, quotes) -> bool:
    return (quotes if callable(quotes) else inside_checker(quotes))(at)


def _flat(by_sentence: dict[int, list[Token]], quotes) -> list[tuple[int, Token]]:
    """(sentence_id, token) of every token outside quotation marks, in document order."""
    inside = quotes if callable(quotes) else inside_checker(quotes)
    return [(sid, t) for sid, toks in by_sentence.items() for t in toks if not inside(t.start)]


def person_genders(by_sentence: dict[int, list[Token]], persons: list[tuple[int, str]],
                   quotes: list[tuple[int, int]] = ()) -> dict[str, str]:
    """Each person's pronoun, ``m`` or ``f``, when the text says it (see the module docstring).

    ``persons``: (offset, canonical name) of each person mention, document order.

    >>> t = "Ann Lee met reporters. She said no. Later Bob Day left; he was late. Mr. Day spoke."
    >>> person_genders(sentence_tokens(t), [(0, "Ann Lee"), (42, "Bob Day"), (73, "Bob Day")])
    {'Ann Lee': 'f', 'Bob Day': 'm'}
    """
    flat = _flat(by_sentence, quotes)
    starts = {s: p for s, p in persons}
    votes: dict[str, list[int]] = {}  # name -> [male, female]
    for k, (sid, t) in enumerate(flat):
        person = starts.get(t.start)
        if person is None:
            continue
        v = votes.setdefault(person, [0, 0])
        title = _title_before(flat, k)
        if title and title.gender:
            v[title.gender == "f"] += TITLE_VOTES
        end = t.start + len(person)
        for sid2, t2 in flat[k + 1:]:
            if sid2 > sid + 1 or (t2.start >= end and t2.start in starts):
                break
            g = PRONOUN_GENDER.get(t2.norm) if t2.kind == "word" else None
            if g:
                v[g == "f"] += 1
                break
    out = {}
    for person, (m, f) in votes.items():
        if m + f and max(m, f) >= GENDER_MAJORITY * (m + f):
            out[person] = "m" if m > f else "f"
    return out


def _title_before(flat: list[tuple[int, Token]], k: int) -> RoleNoun | None:
    """The role noun right before token ``k`` ("Mrs." "Clinton"; "spokeswoman" "Jen"), if any."""
    j = k - 1
    if j >= 0 and flat[j][1].text == ".":
        j -= 1
    if j < 0 or flat[j][0] != flat[k][0] or flat[j][1].kind != "word":
        return None
    return role_of(flat[j][1].text)


def resolve_pronoun(pronoun: str, at: int, persons: list[tuple[int, str]], genders: dict[str, str], *,
                    quotes: list[tuple[int, int]] = (), addressees: list[tuple[int, int]] = ()) -> str | None:
    """The person "he" or "she" at offset ``at`` refers to (see the module docstring).

    >>> people = [(0, "Ann Lee"), (20, "Bob Day")]
    >>> resolve_pronoun("she", 40, people, {"Ann Lee": "f", "Bob Day": "m"}), resolve_pronoun("he", 40, people, {})
    ('Ann Lee', 'Bob Day')
    """
    want = PRONOUN_GENDER.get(pronoun.lower(), "")
    inside = quotes if callable(quotes) else inside_checker(quotes)
    for start, name in reversed(persons):
        if start >= at or inside(start) or any(a <= start < b for a, b in addressees):
            continue
        if genders.get(name, "") in ("", want) or not want:
            return name
    return None


def person_roles(by_sentence: dict[int, list[Token]], persons: list[tuple[int, str]],
                 quotes: list[tuple[int, int]] = ()) -> dict[str, set[str]]:
    """The role nouns the text gives each person, before a mention or in an apposition after it.

    >>> t = "White House press secretary Josh Earnest spoke. Sen. Ann Lee, a Democrat and former mayor, left."
    >>> r = person_roles(sentence_tokens(t), [(28, "Josh Earnest"), (53, "Ann Lee")])
    >>> sorted(r["Josh Earnest"]), sorted(r["Ann Lee"])
    (['secretary'], ['mayor', 'senator'])
    """
    flat = _flat(by_sentence, quotes)
    starts = {s: p for s, p in persons}
    out: dict[str, set[str]] = {}
    for k, (sid, t) in enumerate(flat):
        person = starts.get(t.start)
        if person is None:
            continue
        roles = out.setdefault(person, set())
        j = k - 1
        while j >= 0 and flat[j][0] == sid and (flat[j][1].kind == "word" or flat[j][1].text == "."):
            role = role_of(flat[j][1].text) if flat[j][1].kind == "word" else None
            if role:
                roles.add(role.noun)
            elif flat[j][1].kind == "word" and not flat[j][1].text[:1].isupper() and \
                    flat[j][1].norm not in ("press", "deputy", "former", "vice", "state", "campaign"):
                break
            j -= 1
        roles |= _apposition_roles(flat, k, person)
    return out


def _apposition_roles(flat: list[tuple[int, Token]], k: int, person: str) -> set[str]:
    """Role nouns of "NAME, a ROLE ... ," right after the mention at ``k``."""
    end = flat[k][1].start + len(person)
    j = k
    while j < len(flat) and flat[j][1].end <= end:
        j += 1
    if j + 1 < len(flat) and flat[j][1].norm == "of" and flat[j + 1][1].text[:1].isupper():
        j += 1  # "Tammy Baldwin of Wisconsin, a Democrat": past the place
        while j < len(flat) and flat[j][1].text[:1].isupper():
            j += 1
    if j + 1 >= len(flat) or flat[j][1].text != "," or flat[j + 1][1].norm not in ("a", "an", "the"):
        return set()
    found = set()
    for sid, t in flat[j + 2:j + 2 + MAX_APPOSITION_TOKENS]:
        if sid != flat[k][0] or t.text in (",", ";", ".", ")"):
            break
        role = role_of(t.text) if t.kind == "word" else None
        if role and role.noun not in ("mr", "mrs", "ms", "miss", "sir"):
            found.add(role.noun)
    return found


def role_head(words: list[str]) -> str | None:
    """The role noun a definite phrase names: "the senator", "the Vermont senator", "the former
    secretary of state" (the noun before "of"); ``None`` for any other phrase.

    >>> role_head("the former secretary of state".split()), role_head(["The", "spokeswoman"]), role_head(["officials"])
    ('secretary', 'spokeswoman', None)
    """
    if len(words) < 2 or words[0].lower() not in DEFINITE:
        return None
    body = words[1:]
    if "of" in [w.lower() for w in body]:
        body = body[:[w.lower() for w in body].index("of")]
    role = role_of(body[-1]) if body else None
    return role.noun if role and role.noun not in ("mr", "mrs", "ms", "miss", "sir") else None


def resolve_role(words: list[str], at: int, persons: list[tuple[int, str]], roles: dict[str, set[str]], *,
                 quotes: list[tuple[int, int]] = (), genders: dict[str, str] | None = None) -> str | None:
    """The person a definite role phrase at offset ``at`` refers to: the most recent one named
    before it with that role; when nobody was given the role and it is one a story calls its main
    figure by (:data:`PROTAGONIST_ROLES`), the person named most often before it ("the independent
    Vermont senator said" in a story on Sanders), whose pronoun agrees with a gendered role noun. The role is then theirs for the rest of the
    document (``roles`` is updated).

    >>> resolve_role(["the", "senator"], 90, [(0, "Ann Lee"), (40, "Bob Day")], {"Ann Lee": {"senator"}})
    'Ann Lee'
    >>> roles = {}
    >>> resolve_role(["the", "Vermont", "senator"], 90, [(0, "Bob Day"), (20, "Ann Lee"), (40, "Bob Day")], roles), roles
    ('Bob Day', {'Bob Day': {'senator'}})
    """
    head = role_head(words)
    if head is None:
        return None
    inside = quotes if callable(quotes) else inside_checker(quotes)
    before = [(start, name) for start, name in persons if start < at and not inside(start)]
    for start, name in reversed(before):
        if head in roles.get(name, ()):
            return name
    if head not in PROTAGONIST_ROLES:
        return None
    gender = role_nouns()[head].gender
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for start, name in before:
        if not gender or (genders or {}).get(name, "") in ("", gender):
            counts[name] = counts.get(name, 0) + 1
            last[name] = start
    if not counts:
        return None
    who = max(counts, key=lambda n: (counts[n], last[n]))
    roles.setdefault(who, set()).add(head)
    return who
