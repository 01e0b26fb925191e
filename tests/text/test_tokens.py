import pytest

from lib.text.tokens import tokenize


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


def test_plain_word_fast_path_changes_no_token(monkeypatch):
    """The <plainword> alternative only takes a shortcut: with it disabled, the tokens of
    1,000 Reuters stories and of text built to stress it are the same."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from conftest import reuters_articles
    from lib.text import tokens

    fast_alt = re.search(r"\(\?P<plainword>.*?\)\)\n", tokens._TOKEN.pattern).group()
    slow = re.compile(tokens._TOKEN.pattern.replace(fast_alt, "(?P<plainword>(?!))\n"), re.VERBOSE)
    assert slow.groupindex == tokens._TOKEN.groupindex

    def both(text):
        fast = tokens.tokenize(text)
        monkeypatch.setattr(tokens, "_TOKEN", slow)
        try:
            return fast, tokens.tokenize(text)
        finally:
            monkeypatch.undo()

    texts = [a["text"] for a in reuters_articles(1000)]
    fast, slow_spans = zip(*(both(t) for t in texts))
    assert fast == slow_spans
    assert sum(map(len, fast)) > 100_000

    pieces = ["http", "://", "www", ".", "com", "@", "mail", "U", "S", ".", "it", "'s", "'", "-", "word", "3",
              "a1", " ", ",", ";", ":", "!", "?", "(", ")", "\"", "\u201d", "\u2019", "_", "\n", "/", "\u00e9t\u00e9",
              "\u0436", "e\u0301", "1,000", "cannot", "n't", "Mr", "x", "GoNNa", "Wanna", "Stra\u00dfe"]

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(pieces), max_size=25).map("".join))
    def same(text):
        a, b = both(text)
        assert a == b

    same()
