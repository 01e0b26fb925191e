import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tokens_reference import tokenize as reference_tokenize

from lib.text.cleaning import clean_text
from lib.text.sentences import split_sentences
from lib.text.tokens import Token, tokenize


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
    # Without it both where the text is split and where a match is classified, and with a new memo.
    slow_parts = {"_TOKEN": slow, "_SPLIT": tokens._splitter(slow), "_MEMO": tokens._Memo(),
                  "_pieces": tokens._pieces.__wrapped__}

    def both(text):
        fast = tokens.tokenize(text)
        with monkeypatch.context() as m:
            for name, value in slow_parts.items():
                m.setattr(tokens, name, value)
            return fast, tokens.tokenize(text)

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


# The fast tokenizer against the reference (tests/text/tokens_reference.py, the per-match loop it
# replaced): the same tokens, of the same type, for whole texts and the sentence spans the pass reads.

def same_as_reference(text, start=0, end=None):
    got = tokenize(text, start, end)
    assert type(got) is list and all(type(t) is Token for t in got)
    assert got == reference_tokenize(text, start, end), (text[start:end], start, end)


def sentence_spans(text):
    """The spans :func:`lib.passes.document.read_text` tokenizes."""
    for p_start, p_end in clean_text(text).paragraphs:
        yield from split_sentences(text, p_start, p_end)


def check_stories(articles):
    for art in articles:
        text = art["text"]
        same_as_reference(text)
        for s, e in sentence_spans(text):
            same_as_reference(text, s, e)


def test_same_tokens_as_reference_on_reuters():
    from conftest import reuters_articles

    check_stories(reuters_articles(1000))


@pytest.mark.slow
def test_same_tokens_as_reference_on_every_reuters_story():
    from conftest import reuters_articles

    articles = reuters_articles(10 ** 6)
    assert len(articles) > 19_000
    check_stories(articles)


def test_same_tokens_as_reference_on_seed_and_ewt(seed_text):
    from benchmarks.gold import read_conllu
    from lib.paths import EWT_DEV

    texts = [seed_text] + ([d.text for d in read_conllu(EWT_DEV)] if EWT_DEV.exists() else [])
    for text in texts:
        same_as_reference(text)
        for s, e in sentence_spans(text):
            same_as_reference(text, s, e)


TRICKY = [
    "", " ", "  \n\t ", "'", "analysts'", "analysts' ", "analysts'.", "analysts',", "analysts\u2019 view",
    "the boss' ' s'", "1985's", "1985's.", "1985'sx", "3's", "cannot", "CANNOT.", "gonna", "Gotta", "wanna'",
    "it's", "haven't", "n't", "'s", "I'M", "they'D", "rock'n'roll", "o'clock", "Stra\u00dfe's", "Stra\u00df' x",
    "\ufb01ve's", "\u00df", "ST\u00dfE.", "\u0130stanbul", "\u212aelvin", "\u017fo", "U.S.", "U.S.A", "a.m.",
    "i.e", "F-16", "ill-prepared", "anti-", "...", "?!", "!!!", "***", "$$", "___", "_x_", "http://x.com/a,b.",
    "www.reuters.com/x.", "www.", "a@b.org", "-@-.-", "Amazon.com", "report.pdf", "said.The", "x.com-_", "10.a",
    "x_.com", "a-.b", "a-b.c", "1_.x", "caf\u00e9 na\u00efve", "e\u0301", "\u0436\u0438\u0437\u043d\u044c",
    "\u00b2", "\u0663\u0664", "word" + " " * 5000, "\u201cQuote,\u201d he said \u2014 \u2018twice\u2019.",
]


@pytest.mark.parametrize("text", TRICKY, ids=[ascii(t)[:32] for t in TRICKY])
def test_same_tokens_as_reference_on_tricky_text(text):
    same_as_reference(text)
    for s in range(min(len(text), 40) + 1):
        same_as_reference(text, s)
        same_as_reference("xy" + text + "z", 2 + s, 2 + len(text))


# Pieces that reach every alternative of the regex and every rule after it: clitics, fused words,
# the plural possessive at the end or before a mark, number possessives, case folds that change the
# length ("\u00df" -> "ss"), curly quotes and dashes that normalisation rewrites, urls and addresses.
FRAGMENTS = [
    "The", "troops", "Russia", "analysts", "boss", "s", "S", "x", "a1", "1a", "'", "\u2019", "\u2018", "'s", "n't",
    "N'T", "'re", "'ve", "'ll", "'d", "'m", "can", "not", "cannot", "GoNNa", "gotta", "Wanna", "1985", "3.5",
    "1,000", "10:30", "9/11", "U.S.", "a.m.", "F-16", "-", "--", "\u2014", "\u2013", ".", "..", "...", "?", "!", ",",
    ";", ":", "(", ")", "[", "\"", "\u201c", "\u201d", "\u00ab", "$", "%", "*", "**", "#", "@", "~", "\u20ac",
    "_", "__", "x_", "a-", "/", "http://", "https://x.y/z", "www", "www.", ".com", "a@b.org", "Amazon.com",
    "report.pdf", "Stra\u00dfe", "\u00df", "\ufb01", "\u0130", "\u212a", "\u03a3", "caf\u00e9", "e\u0301", "\u0436",
    "\u4e2d", "\u00b2", "\u0663", "\U0001F600", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "\x85",
]
generated = st.one_of(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join), st.text(max_size=60))


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(generated, st.data())
def test_same_tokens_as_reference_on_generated_text(text, data):
    same_as_reference(text)
    start = data.draw(st.integers(0, len(text)))
    same_as_reference(text, start, data.draw(st.integers(start, len(text))))
