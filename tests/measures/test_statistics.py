"""Every statistic on arbitrary counts and arbitrary small corpora (hypothesis): the documented
columns, finite values or empty cells whose reason the table gives, and never an exception.

The degenerate shapes are what the strategies lean towards: one word repeated, one document, one
sentence, one group, a group with every document, a vocabulary of one word, zero words after
stopwords, every sentence identical, a period with one document. Derandomized, so CI sees the same
examples every time.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.measures import collocations, groups, keyness, readability, terms, tfidf, trends
from lib.sentiment import summaries
from lib.run.folder import check_cells
from lib.passes.pipeline import analyse_corpus

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# A tiny vocabulary, so that words repeat and dominate: content words, stopwords, a reporting
# verb and a number.
VOCAB = ["data", "korean", "troops", "the", "of", "is", "said", "12"]
words = st.sampled_from(VOCAB)
few_words = st.sampled_from(VOCAB[:3])


def valid(df: pd.DataFrame, columns: list[str], name: str) -> None:
    """The documented columns in order, and every numeric cell finite or empty for a stated reason."""
    assert list(df.columns) == columns, (name, list(df.columns))
    check_cells(df, name)


# --- counts -----------------------------------------------------------------------------------

pair_counts = st.dictionaries(st.tuples(few_words, few_words), st.integers(1, 400), max_size=9)


@SETTINGS
@given(pair_counts, st.frozensets(words, max_size=3), st.integers(1, 3))
def test_collocation_table_is_valid_for_any_pair_counts(pairs, hide, min_count):
    rows = np.array([[VOCAB.index(a), VOCAB.index(b)] for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    out = collocations.collocation_table(rows, np.array(list(pairs.values()), dtype=np.int64), VOCAB, hide=hide,
                                  n_words=sum(pairs.values()) + 1, min_count=min_count)
    valid(out, collocations.COLLOCATION_COLUMNS, "collocations")
    n = sum(pairs.values())
    assert (out["g2"] >= 0).all()
    assert (n - out["w1_pairs"] - out["w2_pairs"] + out["count"] >= 0).all()  # the fourth cell
    assert not (out["w1"].isin(hide) | out["w2"].isin(hide)).any()


@SETTINGS
@given(st.dictionaries(words, st.integers(1, 500), max_size=8), st.integers(0, 3), st.integers(1, 3))
def test_keyness_table_is_valid_for_any_word_counts(counts, extra, min_count):
    out = keyness.keyness_table(list(counts), list(counts.values()), sum(counts.values()) + extra, min_count=min_count)
    valid(out, keyness.KEYNESS_COLUMNS, "keyness")
    assert (out["g2"] >= 0).all() and (out["observed"] >= min_count).all()


@SETTINGS
@given(st.dictionaries(st.lists(words, min_size=1, max_size=3).map(" ".join), st.integers(1, 50), max_size=8),
       st.frozensets(words, max_size=2))
def test_term_and_ngram_tables_are_valid_for_any_counts(counts, exclude):
    keys, values, docs = list(counts), list(counts.values()), [1] * len(counts)
    n = sum(values)
    valid(terms.term_table(keys, values, docs, n, exclude=exclude), terms.TERM_COLUMNS, "terms")
    ng = terms.ngram_table(keys, values, docs, n, sizes=(1, 2, 3), exclude=exclude)
    valid(ng, terms.NGRAM_COLUMNS, "ngrams")
    assert not any(set(g.split()) & exclude for g in ng["ngram"])


@SETTINGS
@given(st.lists(words, max_size=120), st.integers(0, 5))
def test_readability_row_is_finite_for_any_words(ws, n_sentences):
    if not ws:
        return  # a document without words has no readability row (see stats_row)
    from lib.passes.counts import Vocabulary

    vocab = Vocabulary()
    row = readability.stats_row("d", vocab.ids_of(ws), vocab.words, n_sentences)
    assert list(row) == readability.STAT_COLUMNS
    assert all(np.isfinite(v) for k, v in row.items() if k != "doc_id")


# --- small corpora ----------------------------------------------------------------------------

sentence = st.lists(words, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
document = st.one_of(
    st.lists(sentence, min_size=1, max_size=4).map(" ".join),
    st.tuples(sentence, st.integers(2, 30)).map(lambda t: " ".join([t[0]] * t[1])),  # every sentence identical
    st.tuples(few_words, st.integers(1, 400)).map(lambda t: " ".join([t[0]] * t[1])),  # one word repeated
)
row = st.fixed_dictionaries({"text": document, "date": st.sampled_from(["", "1987-03-02", "1987-03-09"]),
                             "topics": st.lists(st.sampled_from(["grain", "wire"]), max_size=2)})
corpus_rows = st.lists(row, min_size=1, max_size=4)


def _stats(rows: list[dict], folder: Path):
    table = folder / "c.jsonl"
    table.write_text("".join(json.dumps({"id": i + 1, **r}) + "\n" for i, r in enumerate(rows)), encoding="utf-8")
    return analyse_corpus(table, scheduler="serial", cache=False)


@SETTINGS
@given(corpus_rows, st.booleans())
def test_every_table_of_a_small_corpus_is_valid(rows, keep_reporting_verbs):
    exclude = terms.reporting_verbs(keep=keep_reporting_verbs)
    with tempfile.TemporaryDirectory() as tmp:
        stats = _stats(rows, Path(tmp))
        docs = stats.documents()
        valid(docs, stats.document_columns(), "documents")
        valid(stats.readability(), readability.STAT_COLUMNS, "readability")
        valid(terms.term_frequencies(stats, exclude=exclude), terms.TERM_COLUMNS, "terms")
        valid(terms.ngrams(stats, exclude=exclude), terms.NGRAM_COLUMNS, "ngrams")
        co = collocations.collocations(stats, exclude=exclude)
        valid(co, collocations.COLLOCATION_COLUMNS, "collocations")
        assert (co["g2"] >= 0).all()
        key = keyness.keyness_vs_reference(stats, min_count=1)
        valid(key, keyness.KEYNESS_COLUMNS, "keyness")
        assert not keyness.key_terms(key, n=5, exclude=exclude)["term"].isin(exclude).any()
        valid(tfidf.tfidf(stats, exclude=exclude), tfidf.TFIDF_COLUMNS, "tfidf")
        gk = groups.group_keyness(stats, docs, group_by="topics", min_count=1, min_documents=1, exclude=exclude)
        valid(gk, groups.GROUP_KEYNESS_COLUMNS, "group_keyness")
        if len(set(r["date"] for r in rows)) == 1 and len(rows) == 1 and rows[0]["topics"]:
            assert not gk.empty or gk.attrs["not_compared"]  # one document: its groups have no rest
        valid(groups.sentiment_by_group(docs, group_by="topics", min_documents=1), groups.GROUP_SENTIMENT_COLUMNS,
              "group_sentiment")
        top = list(terms.term_frequencies(stats, exclude=exclude)["term"].head(3))
        for period in ("day", "month"):
            valid(trends.term_trends(stats, docs, terms=top, period=period), trends.TREND_COLUMNS, "term_trends")
            valid(trends.sentiment_trends(stats.sentences(), docs, period=period), trends.SENTIMENT_TREND_COLUMNS,
                  "sentiment_trends")
        scored = stats.sentences()
        valid(summaries.document_summary(scored), ["doc_id", "sentences", "mean_compound", "share_negative",
                                                   "share_neutral", "share_positive"], "sentiment_summary")
        valid(summaries.sentiment_arc(scored), ["doc_id", "sentence_id", "paragraph_id", "compound", "position",
                                                "rolling_mean"], "sentiment_arc")
        valid(summaries.paragraph_means(scored), ["doc_id", "paragraph_id", "sentences", "mean_compound"],
              "paragraph_sentiment")


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_rows)
def test_voices_tables_of_a_small_corpus_are_valid(rows):
    """The voices pass (sources, quotes, entities, co-occurrence, voice sentiment) on the same shapes."""

    for r in rows:  # names, so that entities and their co-occurrence exist
        r["text"] = "Kim Jong Un met Vladimir Putin in Moscow. " + r["text"] + " \u201cIt is data,\u201d Putin said."
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "c.jsonl").write_text("".join(json.dumps({"id": i + 1, **r}) + "\n" for i, r in enumerate(rows)),
                                        encoding="utf-8")
        v = analyse_corpus(folder, scheduler="serial", cache=False).voices()
    for name in ("mentions", "sources", "quotes", "numbers", "voice_words", "voice_sentiment", "entities",
                 "entity_sentiment", "cooccurrence"):
        check_cells(getattr(v, name), name)
    check_cells(v.voice_terms(), "voice_terms")
    assert (v.cooccurrence["entity_a"] < v.cooccurrence["entity_b"]).all()
