"""Invariants for any Unicode text, tested with generated input (hypothesis).

The cleaner, the sentence splitter and the tokenizer never raise; every span is a slice of the
original text (``text[start:end]`` is the sentence or token); spans come in order and never
overlap; cleaning is idempotent; term counts add up to the non-stopword word tokens.
Derandomized, so CI sees the same examples every time.
"""
from __future__ import annotations

from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.text.cleaning import clean_text
from lib.ingest.corpus import Document
from lib.passes.counts import CorpusCounts
from lib.passes.document import read_document
from lib.passes.pipeline import PassOptions, analyse_batch
from lib.text.sentences import MAX_SENTENCE_CHARS, split_sentences
from lib.text.stopwords import stopwords
from lib.measures.terms import term_frequencies
from lib.text.normalize import normalize_typography
from lib.text.tokens import tokenize

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of news text, including the characters every rule looks at, so that generated text
# reaches the interesting branches more often than uniform Unicode would.
PIECES = ["The", "troops", "said", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", ".", "?", "!", ",", ";", ":",
          "'", "\u2019", "\u201c", "\u201d", "\"", "(", ")", "-", "\u2014", "Mr.", "U.S.", "No.", "1,000", "3.5",
          "n't", "'s", "By Jane Doe", "Reuters", "Related Articles", "http://x.com/a", "a@b.org", "...",
          "\u00a0", "\ufeff", "\u200b", "\u0436\u0438\u0437\u043d\u044c", "\ud55c\uad6d", "\U0001F600", "caf\u00e9",
          "e\u0301", "\x00", "\u2028", "\x85", "  Indented line", "Officials", "welcomed", "news", "i.e.", "etc."]
news_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=300), news_like,
                     st.lists(st.one_of(st.text(max_size=20), st.sampled_from(PIECES)), max_size=40).map("".join))


def assert_ordered_slices(spans, text, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    prev_end = lo
    for s, e in spans:
        assert lo <= prev_end <= s < e <= hi, (spans, len(text))
        prev_end = e


@SETTINGS
@given(any_text)
def test_cleaning_never_raises_and_gives_ordered_slices(text):
    c = clean_text(text)
    assert_ordered_slices(c.paragraphs, text)
    for r in c.removed:
        assert text[r.start:r.end] == r.text
    for span in (c.headline, c.byline):
        if span:
            assert 0 <= span[0] <= span[1] <= len(text)
    # Body and removed lines never overlap.
    for r in c.removed:
        assert not any(s < r.end and r.start < e for s, e in c.paragraphs if r.start < r.end)


@SETTINGS
@given(any_text)
def test_cleaning_is_idempotent(text):
    """Cleaning the body again keeps all of it; typography normalisation is idempotent."""
    body = "\n\n".join(text[s:e] for s, e in clean_text(text).paragraphs)
    again = clean_text(body)
    assert "\n\n".join(body[s:e] for s, e in again.paragraphs) == body
    assert clean_text(text) == clean_text(text)
    once = normalize_typography(text)
    assert normalize_typography(once) == once and len(once) == len(text)


@SETTINGS
@given(any_text)
def test_sentences_are_ordered_non_overlapping_slices(text):
    spans = split_sentences(text)
    assert_ordered_slices(spans, text)
    for s, e in spans:
        assert text[s:e].strip() and e - s <= max(MAX_SENTENCE_CHARS, 1)


@SETTINGS
@given(any_text, st.data())
def test_sentences_of_a_range_stay_in_the_range(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert_ordered_slices(split_sentences(text, lo, hi), text, lo, hi)


@SETTINGS
@given(any_text)
def test_tokens_are_ordered_non_overlapping_slices(text):
    toks = tokenize(text)
    assert_ordered_slices([(t.start, t.end) for t in toks], text)
    for t in toks:
        assert text[t.start:t.end] == t.text and t.kind in {"word", "number", "clitic", "punct", "symbol", "url"}
        assert not t.text.isspace()


@SETTINGS
@given(any_text)
def test_every_row_of_the_pass_points_into_the_text_and_terms_add_up(text):
    """The pass's rows of one document (sentences, tokens, counts) are slices of its text, and its term
    counts add up to its non-stopword word tokens."""
    stop = stopwords()
    doc = Document("doc.txt", "doc.txt", text, "utf-8", "0" * 64, len(text.encode("utf-8", "surrogatepass")))
    dt = read_document(doc)
    assert_ordered_slices([(s.start, s.end) for s in dt.sentences], text)
    for s, toks in zip(dt.sentences, dt.tokens):
        assert_ordered_slices([(t.start, t.end) for t in toks], text, s.start, s.end)
    batch = analyse_batch([doc], PassOptions(stop=stop))
    (r,) = batch.docs
    assert [(row["start"], row["end"]) for row in r.sentences] == [(s.start, s.end) for s in dt.sentences]
    for row in r.sentences:
        assert text[row["start"]:row["end"]] == row["text"]
    words = [t for toks in dt.tokens for t in toks if t.kind == "word"]
    assert r.document["words"] == len(words)
    counts = CorpusCounts(PassOptions(stop=stop).ngram_sizes)
    counts.add(batch.counts)
    stats = SimpleNamespace(counts=counts, n_words=len(words), options=PassOptions(stop=stop))
    terms = term_frequencies(stats)
    assert int(terms["count"].sum()) == sum(1 for t in words if t.norm not in stop)
