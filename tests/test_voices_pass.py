"""The batched voices pass of notebook 04 gives the tables of the whole-corpus functions.

Reference: the steps notebook 04 ran before it streamed (every rule on ``build_corpus`` of the
whole corpus). The pass runs the same rules per batch of documents, in this process and on a
two-worker process pool, and its merged tables must be equal, frame for frame.
"""
from __future__ import annotations

import json
import warnings
from collections import Counter

import pandas as pd
import pytest

from lib.passes import pipeline, voices_pass
from lib.sentiment import scores
from lib.voices import attribution, entities, quantities, quotes, speech
from lib.passes.pipeline import build_corpus
from tests.conftest import reuters_articles

N_DOCS = 150
PER_DOCUMENT = ["mentions", "sources", "quotes", "numbers", "voice_words", "voice_sentiment", "entities",
                "entity_sentiment", "cooccurrence", "sentences"]


@pytest.fixture(scope="module")
def reuters_slice(tmp_path_factory):
    """The first 150 Reuters stories as one JSONL file, with a broken line (a Skipped item) among them."""
    lines = [json.dumps(a) + "\n" for a in reuters_articles(N_DOCS)]
    lines.insert(40, "{not json\n")
    path = tmp_path_factory.mktemp("voices_slice") / "reuters.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def whole(reuters_slice):
    """Every voices table as the notebook built it from the whole corpus's token table."""
    c = build_corpus(reuters_slice)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mentions = entities.entity_mentions(c.tokens, texts=c.texts)
        spans = quotes.spans_by_document(c.sentences, c.texts)
        sources, contexts = attribution.find_attributions(c.tokens, spans, mentions)
        quote_table = quotes.find_quotes(c.sentences, c.texts, sources, contexts)
    voiced = speech.voice_of_tokens(c.tokens, quote_table)
    scored = scores.score_sentences(c.sentences)
    entity_table = entities.entity_table(mentions)
    return {
        "corpus": c,
        "warnings": [str(w.message) for w in caught],
        "voiced": voiced,
        "mentions": mentions,
        "sources": sources,
        "quotes": quote_table,
        "numbers": quantities.find_numbers(c.tokens, c.texts, sources, quote_table),
        "voice_words": speech.voice_words(voiced),
        "voice_terms": speech.voice_terms(voiced),
        "voice_sentiment": speech.voice_sentiment(c.sentences, quote_table, c.texts),
        "entities": entity_table,
        "entity_sentiment": entities.entity_sentiment(mentions, scored),
        "cooccurrence": entities.cooccurrence(mentions),
        "sentences": scored,
        "speakers": speech.speakers(quote_table),
        "distinct_sources": attribution.distinct_sources(sources),
        "source_type_counts": speech.source_type_counts(sources),
        "corpus_entities": entities.corpus_entities(entity_table, n=20),
        "corpus_entity_sentiment": entities.corpus_entity_sentiment(mentions, scored, n=10_000),
    }


def _run(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        v = voices_pass.analyse_voices(path, **kw)
    return v, [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def serial(reuters_slice):
    return _run(reuters_slice, scheduler="serial")


def assert_same_tables(v: voices_pass.Voices, whole: dict) -> None:
    for name in PER_DOCUMENT:
        pd.testing.assert_frame_equal(getattr(v, name), whole[name], obj=name)
    pd.testing.assert_frame_equal(v.voice_terms(), whole["voice_terms"], obj="voice_terms")
    # What the notebook derives from the merged tables, corpus-wide.
    pd.testing.assert_frame_equal(speech.speakers(v.quotes), whole["speakers"])
    pd.testing.assert_frame_equal(attribution.distinct_sources(v.sources), whole["distinct_sources"])
    pd.testing.assert_frame_equal(speech.source_type_counts(v.sources), whole["source_type_counts"])
    pd.testing.assert_frame_equal(entities.corpus_entities(v.entities, n=20), whole["corpus_entities"])
    pd.testing.assert_frame_equal(entities.corpus_entity_sentiment(v.mentions, v.sentences, n=10_000),
                                  whole["corpus_entity_sentiment"])


def test_in_process_batches_give_the_whole_corpus_tables(serial, whole):
    v, caught = serial
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]  # the same unmatched-mark warnings, in the same order
    assert v.doc_ids == sorted(whole["corpus"].texts)
    for name in ("sources", "quotes", "numbers", "mentions", "cooccurrence"):  # not trivially empty
        assert len(getattr(v, name)) > N_DOCS / 10, name


def test_process_pool_gives_the_whole_corpus_tables(reuters_slice, whole):
    v, caught = _run(reuters_slice, scheduler="processes", workers=2)
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]


def test_dask_local_cluster_gives_the_whole_corpus_tables(reuters_slice, whole):
    """The same rules on a real two-worker Dask LocalCluster: the same tables and warnings."""
    v, caught = _run(reuters_slice, scheduler="local", workers=2)
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]


def test_batch_size_changes_nothing(reuters_slice, whole, monkeypatch):
    """One document per batch (most batches without any quotation, mention or number) and an
    odd size with a short last batch: the merge and the sorts restore the whole-corpus tables."""
    for size in (1, 7):
        monkeypatch.setattr(pipeline, "BATCH_DOCUMENTS", size)
        v, _ = _run(reuters_slice, scheduler="serial")
        assert_same_tables(v, whole)


def test_voice_term_counts_are_summed_across_batches(serial, whole):
    v, _ = serial
    voiced = whole["voiced"]
    words = voiced[voiced["kind"] == "word"]
    assert v.voice_totals == Counter(words["voice"])
    for voice in (speech.NARRATOR, speech.QUOTED):
        w = words[(words["voice"] == voice) & ~words["is_stop"]]
        assert v.term_counts[voice] == Counter(w["norm"])
        assert v.term_documents[voice] == Counter(w.drop_duplicates(["doc_id", "norm"])["norm"])
    terms = v.voice_terms()
    said = terms[(terms["voice"] == "narrator") & (terms["term"] == "said")].iloc[0]
    assert said["documents"] > 1 and said["count"] > said["documents"]  # counted in many batches


def test_voice_terms_are_the_per_term_count_of_the_token_table(whole):
    """voice_terms counts with one pass; this is its definition, term by term (on 30 documents)."""
    voiced = whole["voiced"]
    voiced = voiced[voiced["doc_id"].isin(sorted(voiced["doc_id"].unique())[:30])]
    words = voiced[voiced["kind"] == "word"]
    rows = []
    for v in (speech.NARRATOR, speech.QUOTED):
        w = words[words["voice"] == v]
        for term, count in w[~w["is_stop"]]["norm"].value_counts().items():
            rows.append(dict(voice=v, term=term, count=int(count), rate_per_1000=round(1000 * count / len(w), 2),
                             documents=int(w[w["norm"] == term]["doc_id"].nunique())))
    expected = pd.DataFrame(rows, columns=["voice", "term", "count", "rate_per_1000", "documents"])
    expected = expected.sort_values(["voice", "count", "term"], ascending=[True, False, True],
                                    kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(speech.voice_terms(voiced), expected)


def test_voice_of_tokens_is_the_first_quotation_holding_the_token(whole):
    q = speech.voiced_quotes(whole["quotes"])
    spans = {}
    for d, qid, s, e in q[["doc_id", "quote_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(d, []).append((s, e, qid))
    voiced = whole["voiced"]
    expected = [next((qid for s, e, qid in spans.get(d, []) if s <= at < e), 0)
                for d, at in zip(voiced["doc_id"], voiced["start"])]
    assert voiced["quote_id"].to_list() == expected
    assert (voiced["quote_id"] > 0).sum() > 1000


def test_extra_stopwords_leave_the_voice_terms(reuters_slice, serial):
    v, _ = _run(reuters_slice, scheduler="serial", extra_stopwords=["said"])
    assert "said" not in set(v.voice_terms()["term"])
    pd.testing.assert_frame_equal(v.quotes, serial[0].quotes)  # only the terms change
    assert v.voice_totals == serial[0].voice_totals


def test_select_documents(serial):
    v, _ = serial
    assert v.select(first=3) == v.doc_ids[:3]
    assert v.select([v.doc_ids[5], v.doc_ids[0]]) == [v.doc_ids[5], v.doc_ids[0]]
    with pytest.raises(ValueError, match="not document ids"):
        v.select(["nope"])
