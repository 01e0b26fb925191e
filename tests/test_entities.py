"""Entities without a model: proper-noun phrases, kinds, aliases, sentiment and co-occurrence."""
import pytest

from lib import entities
from lib.sentiment import score_sentences
from lib.tokens import tokenize


def phrases(text: str) -> list[str]:
    return [" ".join(p.words) for p in entities.proper_phrases([t.__dict__ for t in tokenize(text)])]


@pytest.fixture(scope="module")
def seed_mentions(seed):
    return entities.entity_mentions(seed.tokens)


@pytest.fixture(scope="module")
def seed_entities(seed_mentions):
    return entities.entity_table(seed_mentions).set_index("entity")


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


def test_capital_after_in_is_the_city(tmp_path):
    from tests.voices_helpers import corpus_of
    c = corpus_of(tmp_path, "Pyongyang has shipped shells to Moscow, officials in Pyongyang said on Monday.\n")
    m = entities.entity_mentions(c.tokens)
    assert list(m["entity"]) == ["North Korea", "Moscow", "Pyongyang"]


def test_phrases_and_headline_case():
    assert phrases("Video released by Ukrainian Special Operations Forces shows troops.") == \
        ["Ukrainian Special Operations Forces"]
    assert phrases("Expendable North Korean Troops Ordered On Futile Missions In Russia") == ["North Korean", "Russia"]
    assert phrases("The Bank of Montreal said Brian Smith would speak.") == ["Bank of Montreal", "Brian Smith"]


def test_title_is_split_from_the_name():
    assert entities.split_title(["Prime", "Minister", "Mir-Hossein", "Mousavi"]) == \
        ([], ["Prime", "Minister"], ["Mir-Hossein", "Mousavi"])


def test_family_name_first_resolves(tmp_path):
    from tests.voices_helpers import corpus_of
    c = corpus_of(tmp_path, "China's top leader Deng Xiaoping spoke on Monday. Deng wants fewer grain imports.\n")
    m = entities.entity_mentions(c.tokens)
    assert set(m[m["surface"] == "Deng"]["entity"]) == {"Deng Xiaoping"}


def test_entity_sentiment_recomputes_from_sentences(seed, seed_mentions):
    scored = score_sentences(seed.sentences)
    es = entities.entity_sentiment(seed_mentions, scored)
    for d, e, ids, mean, n in es[["doc_id", "entity", "sentence_ids", "mean_compound", "sentences"]].itertuples(index=False):
        sids = [int(x) for x in ids.split()]
        rows = scored[(scored["doc_id"] == d) & scored["sentence_id"].isin(sids)]
        assert len(rows) == n and round(rows["compound"].mean(), 4) == mean
    kirby = es[es["entity"] == "John Kirby"].iloc[0]
    assert kirby["sentence_ids"] == "6 11 19"


def test_cooccurrence(seed_mentions):
    pairs = entities.cooccurrence(seed_mentions)
    row = pairs[(pairs["entity_a"] == "North Korea") & (pairs["entity_b"] == "Russia")].iloc[0]
    assert row["sentences"] == len(row["sentence_ids"].split()) >= 3
    assert (pairs["entity_a"] < pairs["entity_b"]).all()


def test_reuters_entities(reuters_corpus):
    m = entities.entity_mentions(reuters_corpus.tokens)
    t = entities.entity_table(m)
    assert len(t) > 500
    top = entities.corpus_entities(t, n=5)
    assert "United States" in set(top["entity"])
    us = t[t["entity"] == "United States"]
    assert any("U.S." in a for a in us["aliases"])


def test_every_mention_points_at_its_surface(reuters_corpus):
    """mentions.csv is traceable: text[start:end] == surface on every row of 200 Reuters stories."""
    m = entities.entity_mentions(reuters_corpus.tokens, texts=reuters_corpus.texts)
    assert list(m.columns) == entities.MENTION_COLUMNS
    assert len(m) > 1500
    bad = [(r.doc_id, r.start, r.end, r.surface) for r in m.itertuples()
           if reuters_corpus.texts[r.doc_id][r.start:r.end] != r.surface]
    assert not bad, bad[:5]
