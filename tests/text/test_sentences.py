import pytest

from lib.text.sentences import split_sentences


def test_seed_body_has_19_sentences(seed):
    assert len(seed.sentences) == 19


def test_us_never_ends_a_sentence_on_the_seed(seed):
    for text in seed.sentences["text"]:
        assert not text.rstrip().endswith("U.S.")
    joined = list(seed.sentences["text"])
    assert any("the U.S. Department of Defense" in t for t in joined)
    assert any(t.startswith("The U.S. also has received") for t in joined)
    assert any("South Korea and the U.S. have condemned" in t for t in joined)


def test_quotation_keeps_its_closing_mark(seed):
    texts = list(seed.sentences["text"])
    assert any(t.endswith("against Ukrainian defenses.\u201d") for t in texts)
    assert any(t.startswith("\u201cIt is clear that") for t in texts)


def test_offsets_reproduce_the_text(seed):
    for doc_id, start, end, text in seed.sentences[["doc_id", "start", "end", "text"]].itertuples(index=False):
        assert seed.texts[doc_id][start:end] == text


@pytest.mark.parametrize("text, expected", [
    ("Japan sold 5 mln dlrs to the U.S. The sale was big.", ["Japan sold 5 mln dlrs to the U.S.", "The sale was big."]),
    ("U.S. Treasury Secretary James Baker said the dollar fell. He added more.",
     ["U.S. Treasury Secretary James Baker said the dollar fell.", "He added more."]),
    ('He said: "We will go." Then he left.', ['He said: "We will go."', "Then he left."]),
    ("Mr. Smith met Dr. Jones on Feb. 26. They agreed.", ["Mr. Smith met Dr. Jones on Feb. 26.", "They agreed."]),
])
def test_news_abbreviations_and_quotes(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_reuters_hard_wrapped_lines_stay_in_one_sentence(reuters_corpus):
    first = reuters_corpus.sentences.iloc[0]
    assert first["text"].startswith("Showers continued throughout the week in\nthe Bahia cocoa zone")
    assert first["text"].endswith("Comissaria Smith said in its weekly review.")


def test_unpunctuated_table_is_cut_at_line_breaks():
    table = "\n".join(f"Item {i} rose by {i} units against last year" for i in range(40))
    spans = split_sentences(table)
    assert len(spans) == 40


def test_punkt_on_the_standard_library_re_finds_what_stock_punkt_finds():
    """lib.text.sentences.PunktVars compiles two of Punkt's expressions with ``re`` instead of
    ``nltk.redos``: the spans equal stock Punkt's on 1,000 Reuters stories (normalised, as the
    pass gives them) and on generated text with the characters the two engines read differently."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from conftest import reuters_articles
    from lib.text.sentences import PunktVars, punkt_tokenizer
    from lib.text.normalize import normalize_typography

    ours = punkt_tokenizer()
    assert isinstance(ours._lang_vars, PunktVars)
    stock = PunktSentenceTokenizer(ours._params)
    texts = [normalize_typography(a["text"]) for a in reuters_articles(1000)]
    got = [list(ours.span_tokenize(t)) for t in texts]
    assert got == [list(stock.span_tokenize(t)) for t in texts]
    assert sum(map(len, got)) > 5000

    pieces = ["He", "said", "U.S.", "Mr.", "no", ".", "?", "!", "...", ". . .", "--", ",", ";", ":", "\"", "'",
              ")", "(", "\u201d", "\u2019", "\u00bb", " ", "  ", "\n", "\t", "\x1c", "\x1d", "\x1e", "\x1f",
              "\x85", "\u00a0", "\u2028", "\u3000", "3.5", "1,000", "*", "@", "x"]

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(pieces), max_size=30).map("".join))
    def same(text):
        assert list(ours.span_tokenize(text)) == list(stock.span_tokenize(text))

    same()
