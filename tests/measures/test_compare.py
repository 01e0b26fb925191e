"""Tables from counts equal the token-table tables; comparisons across documents and groups."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lib.measures import groups, keyness, terms, tfidf, trends
from lib.views import notes
from lib.sentiment import scores
from lib.passes.pipeline import DOCUMENT_COLUMNS, analyse_corpus, build_corpus
from tests.conftest import reuters_articles


@pytest.fixture(scope="module")
def reuters_jsonl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rcmp")
    (folder / "r.jsonl").write_text("".join(json.dumps(a) + "\n" for a in reuters_articles(150)), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stats(reuters_jsonl):
    return analyse_corpus(reuters_jsonl, scheduler="serial", cache=False)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a.to_csv(index=False) == b.to_csv(index=False)


@pytest.mark.parametrize("path", ["seeds", "reuters"])
def test_pass_tables_hold_the_tokens_counts(path, reuters_jsonl, stats):
    """Terms, n-grams and per-document rows of the pass against counts made from the tokens table."""
    from collections import Counter

    st = stats if path == "reuters" else analyse_corpus("seeds", scheduler="serial", cache=False)
    c = build_corpus(reuters_jsonl if path == "reuters" else "seeds")
    words = c.tokens[c.tokens["kind"] == "word"]
    tf = terms.term_frequencies(st).set_index("term")
    assert tf["count"].to_dict() == dict(Counter(words.loc[~words["is_stop"], "norm"]))
    assert tf["documents"].to_dict() == words[~words["is_stop"]].groupby("norm")["doc_id"].nunique().to_dict()
    assert st.n_words == len(words)
    assert _same(st.documents()[DOCUMENT_COLUMNS], c.documents)
    assert st.readability()["words"].tolist() == words.groupby("doc_id").size().tolist()
    lengths = words.groupby(["doc_id", "sentence_id"]).size().rename("words").reset_index()
    assert _same(st.sentence_lengths(), lengths)
    assert _same(st.sentences(), scores.score_sentences(c.sentences))
    assert _same(st.evidence(), scores.evidence_table(c.sentences))


def test_vader_scores_are_the_pinned_reference_on_every_sentence(stats):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from lib.text.normalize import normalize_typography

    ref = SentimentIntensityAnalyzer()
    s = stats.sentences()
    want = pd.DataFrame([ref.polarity_scores(normalize_typography(t)) for t in s["text"]])
    assert len(s) > 500
    for k in ("compound", "pos", "neu", "neg"):
        assert s[k].tolist() == want[k].tolist()


def test_documents_carry_sentiment_and_metadata(stats):
    docs = stats.documents()
    assert docs["date"].str.startswith("1987-").all()
    assert docs["title"].iloc[0] == "BAHIA COCOA REVIEW" and docs["topics"].iloc[0] == "cocoa"
    s = stats.sentences()
    first = s[s["doc_id"] == docs["doc_id"].iloc[0]]
    assert docs["mean_compound"].iloc[0] == round(first["compound"].mean(), 4)
    shares = docs[["share_negative", "share_neutral", "share_positive"]].sum(axis=1)
    assert np.allclose(shares[docs["sentences"] > 0], 1.0, atol=2e-4)


def test_tfidf_ranks_document_specific_terms(stats):
    tf = tfidf.tfidf(stats, top_n=5)
    cocoa = tf[tf["doc_id"] == "r.jsonl#000001"]
    assert "cocoa" in set(cocoa["term"]) and cocoa["rank"].tolist() == [1, 2, 3, 4, 5]
    assert cocoa["tfidf"].is_monotonic_decreasing
    one = analyse_corpus("seeds", scheduler="serial", cache=False)
    solo = tfidf.tfidf(one, top_n=3)
    assert (solo["tfidf"] == solo["count"]).all()  # one document: tf-idf is the count


def test_group_keyness_recomputable_and_topical(stats):
    docs = stats.documents()
    key = groups.group_keyness(stats, docs, group_by="topics", min_count=3, min_documents=3)
    grain = key[key["group"] == "grain"]
    assert {"wheat", "grain"} & set(grain["term"].head(5))
    row = key.iloc[0]
    a, b, c, d = row["count_group"], row["count_rest"], row["words_group"], row["words_rest"]
    assert row["words_group"] + row["words_rest"] == stats.n_words
    assert round(float(keyness.g2_two_corpora(np.array([a]), np.array([b]), c, d)[0]), 4) == row["g2"]
    assert row["log_ratio"] == round(np.log2((a / c) / (max(b, 0.5) / d)), 4)
    with pytest.raises(ValueError, match="no metadata column"):
        groups.group_keyness(stats, docs, group_by="desk")


def test_trends_have_counts_beside_rates(stats):
    docs = stats.documents()
    tr = trends.term_trends(stats, docs, terms=["said", "mln"], period="day")
    assert set(tr["term"]) == {"said", "mln"}
    assert (tr.groupby("period")["documents"].first().sum()) == len(docs)
    row = tr[tr["count"] > 0].iloc[0]
    assert row["rate_per_1000"] == round(row["count"] * 1000 / row["words"], 4)
    month = trends.term_trends(stats, docs, terms=["said"], period="month")
    assert month["period"].tolist() == ["1987-02"]
    tone = trends.sentiment_trends(stats.sentences(), docs, period="week")
    assert tone["sentences"].sum() == len(stats.sentences()) and tone["period"].iloc[0] == "1987-02-23"


def test_sentiment_by_group(stats):
    docs = stats.documents()
    g = groups.sentiment_by_group(docs, group_by="topics", min_documents=3)
    assert g["documents"].is_monotonic_decreasing and (g["documents"] >= 3).all()
    earn = g[g["group"] == "earn"].iloc[0]
    sub = docs[docs["topics"].str.split(";").apply(lambda t: "earn" in t)]["mean_compound"].dropna()
    assert earn["mean_compound"] == round(sub.mean(), 4) and earn["documents"] == len(sub)
    assert "One document" in notes.comparison_scope(analyse_corpus("seeds", scheduler="serial", cache=False).documents(),
                                               group_by="topics")
