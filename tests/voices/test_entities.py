"""Entities without a model: proper-noun phrases, kinds, aliases, sentiment and co-occurrence."""
import pytest

from lib.voices import entities
from lib.sentiment.scores import score_sentences
from lib.text.tokens import tokenize
from tests.conftest import SEED_FILE
from tests.voices_helpers import tables_of, tables_of_texts


def phrases(text: str) -> list[str]:
    return [" ".join(p.words) for p in entities.proper_phrases(tokenize(text))]


@pytest.fixture(scope="module")
def seed_tables(seed_text):
    return tables_of(seed_text, SEED_FILE.name)


@pytest.fixture(scope="module")
def seed_mentions(seed_tables):
    return seed_tables["mentions"]


@pytest.fixture(scope="module")
def seed_entities(seed_tables):
    return seed_tables["entities"].set_index("entity")


def test_seed_aliases_are_merged(seed_entities):
    assert set(seed_entities.loc["North Korea", "aliases"].split("; ")) == {"North Korea", "North Korean", "Pyongyang"}
    assert seed_entities.loc["United States", "aliases"] == "U.S."
    assert seed_entities.loc["John Kirby", "aliases"] == "John Kirby; Kirby"
    assert seed_entities.loc["Vladimir Putin", "aliases"] == "Putin; Vladimir Putin"
    assert seed_entities.loc["North Korea", "mentions"] == 13


def test_seed_kinds(seed_entities):
    kinds = seed_entities["kind"].to_dict()
    assert kinds["John Kirby"] == "person" and kinds["Vladimir Putin"] == "person"
    assert kinds["North Korea"] == "place" and kinds["Kursk"] == "place"
    assert kinds["U.S. National Security Council"] == "organisation"
    assert kinds["Ukrainian Special Operations Forces"] == "organisation"


def test_seed_has_no_sentence_initial_or_calendar_words(seed_entities):
    for word in ("Video", "Dodging", "Allies", "Partners", "December", "The", "They"):
        assert word not in seed_entities.index


def test_us_inside_an_organisation_is_not_a_mention_of_the_country(seed_mentions):
    council = seed_mentions[seed_mentions["entity"] == "U.S. National Security Council"].iloc[0]
    inside = seed_mentions[(seed_mentions["start"] >= council["start"]) & (seed_mentions["end"] <= council["end"])]
    assert list(inside["entity"]) == ["U.S. National Security Council"]


def test_first_mention_offset(seed, seed_entities):
    d = seed.documents.loc[0, "doc_id"]
    at = seed_entities.loc["John Kirby", "first_offset"]
    assert seed.texts[d][at:at + 10] == "John Kirby"


def test_capital_as_state_or_city():
    p = entities.place_of("Pyongyang")
    assert entities.capital_as_state(p, "so") and not entities.capital_as_state(p, "in")


def test_capital_after_in_is_the_city():
    m = tables_of("Pyongyang has shipped shells to Moscow, officials in Pyongyang said on Monday.\n")["mentions"]
    assert list(m["entity"]) == ["North Korea", "Moscow", "Pyongyang"]


def test_phrases_and_headline_case():
    assert phrases("Video released by Ukrainian Special Operations Forces shows troops.") == \
        ["Ukrainian Special Operations Forces"]
    assert phrases("Expendable North Korean Troops Ordered On Futile Missions In Russia") == ["North Korean", "Russia"]
    assert phrases("The Bank of Montreal said Brian Smith would speak.") == ["Bank of Montreal", "Brian Smith"]


def test_title_is_split_from_the_name():
    assert entities.split_title(["Prime", "Minister", "Mir-Hossein", "Mousavi"]) == \
        ([], ["Prime", "Minister"], ["Mir-Hossein", "Mousavi"])


def test_family_name_first_resolves():
    m = tables_of("China's top leader Deng Xiaoping spoke on Monday. Deng wants fewer grain imports.\n")["mentions"]
    assert set(m[m["surface"] == "Deng"]["entity"]) == {"Deng Xiaoping"}


def test_entity_sentiment_recomputes_from_sentences(seed, seed_tables):
    scored = score_sentences(seed.sentences)
    es = seed_tables["entity_sentiment"]
    for d, e, ids, mean, n in es[["doc_id", "entity", "sentence_ids", "mean_compound", "sentences"]].itertuples(index=False):
        sids = [int(x) for x in ids.split()]
        rows = scored[(scored["doc_id"] == d) & scored["sentence_id"].isin(sids)]
        assert len(rows) == n and round(rows["compound"].mean(), 4) == mean
    kirby = es[es["entity"] == "John Kirby"].iloc[0]
    assert kirby["sentence_ids"] == "6 11 19"


def test_cooccurrence(seed_tables):
    pairs = seed_tables["cooccurrence"]
    row = pairs[(pairs["entity_a"] == "North Korea") & (pairs["entity_b"] == "Russia")].iloc[0]
    assert row["sentences"] == len(row["sentence_ids"].split()) >= 3
    assert (pairs["entity_a"] < pairs["entity_b"]).all()


@pytest.fixture(scope="module")
def reuters_tables(reuters_corpus):
    return tables_of_texts(reuters_corpus.texts)


def test_reuters_entities(reuters_tables):
    t = reuters_tables["entities"]
    assert len(t) > 500
    top = entities.corpus_entities(t, n=5)
    assert "United States" in set(top["entity"])
    us = t[t["entity"] == "United States"]
    assert any("U.S." in a for a in us["aliases"])


def test_every_mention_points_at_its_surface(reuters_corpus, reuters_tables):
    """mentions.csv is traceable: text[start:end] == surface on every row of 200 Reuters stories."""
    m = reuters_tables["mentions"]
    assert list(m.columns) == entities.MENTION_COLUMNS
    assert len(m) > 1500
    bad = [(r.doc_id, r.start, r.end, r.surface) for r in m.itertuples()
           if reuters_corpus.texts[r.doc_id][r.start:r.end] != r.surface]
    assert not bad, bad[:5]


# Entity kinds from context (issue 11), each on a sentence of the CoNLL-2003 dev tune part (file named).

def kinds(text: str) -> dict[str, str]:
    from lib.voices.coref import sentence_tokens
    return {m.surface: m.kind for m in entities.canonical_names("d", text, entities.raw_mentions(sentence_tokens(text)))}


@pytest.mark.parametrize("text, expected", [
    # conll03a_094: a title before a single name; a demonym is a group
    ("Indonesian President Suharto has asked businessmen to share their experiences with each other.",
     {"Suharto": "person", "Indonesian": "group"}),
    # conll03a_101: a role noun in lower case before the name
    ("Martins headed home a corner after a flick-on by Brazilian-born Spanish international midfielder Donato.",
     {"Donato": "person"}),
    # conll03a_045: an outlet descriptor after the name; a place after "for"
    ("Yeltsin had backed security chief Alexander Lebed's peace plan for Chechnya, Interfax news agency said.",
     {"Interfax": "organisation", "Chechnya": "place", "Alexander Lebed": "person"}),
    # conll03a_001: a person's role after a name makes it their organisation
    ("At the Oval, Surrey captain Chris Lewis, another man dumped by England, continued to silence his critics.",
     {"Surrey": "organisation", "Chris Lewis": "person"}),
    # conll03a_181: a place noun and "of" before the name
    ("NATO was monitoring the movement of about 75 men towards the village of Mahala on Saturday.",
     {"Mahala": "place", "NATO": "organisation"}),
    # conll03a_123 and conll03a_120: result lines and table rows are teams
    ("Norwich 1 Wolverhampton 0", {"Norwich": "organisation", "Wolverhampton": "organisation"}),
    ("Partick 3 0 2 1 1 2 2", {"Partick": "organisation"}),
    # conll03a_113: a plural name after "the"
    ("Van Poppel walked two and struck out two in defeating the Royals for the second time this week.",
     {"Royals": "organisation"}),
    # conll03a_124: a contest between two names
    ("At The Oval (London): Surrey beat Warwickshire by an innings and 164 runs.",
     {"Surrey": "organisation", "Warwickshire": "organisation", "London": "place"}),
    # conll03a_142: a nationality, then the person
    ("Jansher, bidding for an eighth Hong Kong Open title, plays second-seeded Australian Rodney Eyles in the final.",
     {"Australian": "group", "Rodney Eyles": "person"}),
])
def test_kinds_from_context(text, expected):
    got = kinds(text)
    assert {k: got.get(k) for k in expected} == expected


def test_all_caps_headline_gives_only_gazetteer_names():
    # conll03a_012
    assert kinds("TENNIS - FRIDAY'S RESULTS FROM THE U.S. OPEN.") == {"U.S.": "place"}


def test_a_demonym_stays_a_group_in_the_mentions_and_counts_for_its_country():
    # conll03a_208, with the country named too
    tabs = tables_of("Two Belgian teenage girls missing since Thursday have been found unharmed, police "
                     "said on Saturday. They had been missing in Belgium for three days.\n")
    m = tabs["mentions"]
    assert list(zip(m["surface"], m["entity"], m["kind"])) == [("Belgian", "Belgium", "group"), ("Belgium", "Belgium", "place")]
    assert tabs["entities"].set_index("entity").loc["Belgium", "kind"] == "place"


def test_an_initial_and_a_quantity_are_read_around_the_name():
    assert "T. Boone Pickens" in kinds("Texas oilman T. Boone Pickens said the rigs would not go back to work.")
    # PolNeAR west-journal_2016-08-26_glenn-beck-says-trump-alt-right- (tune)
    assert set(kinds("Much of Beck’s ire was also directed at Bannon, a former ally of the candidate.")) == {"Beck", "Bannon"}


def test_a_capitalised_role_is_a_title_but_an_organisation_name_is_not_split():
    # PolNeAR breitbart_2015-12-04_san-bernardino-terror-suspect-na (tune): "Reporter Jomana Karadsheh says:"
    assert kinds("The network said Reporter Jomana Karadsheh was in the city when the attack began.") == \
        {"Jomana Karadsheh": "person"}
    assert kinds("Shares of General Motors rose on Monday after the report came out in New York.") == \
        {"General Motors": "organisation", "New York": "place"}
