import pytest

from lib.tokens import tokenize


def words(text):
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("the U.S. Department of Defense", ["the", "U.S.", "Department", "of", "Defense"]),
    ("about 1,000 deaths and 11,000 troops", ["about", "1,000", "deaths", "and", "11,000", "troops"]),
    ("ill-prepared front-line anti-tank", ["ill-prepared", "front-line", "anti-tank"]),
    ("Russia\u2019s war, Russia's war", ["Russia", "\u2019s", "war", ",", "Russia", "'s", "war"]),
    ("haven\u2019t, haven't, we\u2019re", ["have", "n\u2019t", ",", "have", "n't", ",", "we", "\u2019re"]),
    ("analysts\u2019 predictions", ["analysts", "\u2019", "predictions"]),
])
def test_news_tokens(text, expected):
    assert words(text) == expected


def test_curly_and_straight_clitics_normalise_alike():
    curly = [t.norm for t in tokenize("Kirby\u2019s view isn\u2019t new")]
    straight = [t.norm for t in tokenize("Kirby's view isn't new")]
    assert curly == straight == ["kirby", "'s", "view", "is", "n't", "new"]


def test_punctuation_is_never_a_word(seed):
    words_ = seed.tokens[seed.tokens["kind"] == "word"]
    assert not words_["norm"].str.fullmatch(r"[^\w]+").any()
    assert {"\u201c", "\u201d", ",", "."} <= set(seed.tokens.loc[seed.tokens["kind"] == "punct", "text"])


def test_seed_offsets_and_key_tokens(seed):
    text = seed.texts["000_0cd70d5b161d91d4.txt"]
    for start, end, surface in seed.tokens[["start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == surface
    norms = set(seed.tokens["norm"])
    assert {"u.s.", "1,000", "11,000", "13,000", "ill-prepared", "front-line", "anti-tank"} <= norms


def test_reuters_units_and_dates(reuters_corpus):
    t = reuters_corpus.tokens
    assert {"mln", "dlrs", "u.s.", "feb"} <= set(t.loc[t["kind"] == "word", "norm"])
    assert (t["norm"] == "u.s.").sum() > 50
    text = reuters_corpus.texts
    for doc_id, start, end, surface in t[["doc_id", "start", "end", "text"]].head(5000).itertuples(index=False):
        assert text[doc_id][start:end] == surface
