"""Term, n-gram, collocation and keyness tables of the pass, and KWIC and dispersion over tokens, on the
seed article and on real Reuters newswire (fixtures in conftest.py); counts checked against the tokens."""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from conftest import stats_of
from lib.measures.collocations import collocations
from lib.measures.concordance import dispersion, kwic
from lib.measures.keyness import keyness_vs_reference
from lib.measures.terms import ngrams, term_frequencies

SEED_ID = "000_0cd70d5b161d91d4.txt"


def words_of(corpus) -> pd.DataFrame:
    return corpus.tokens[corpus.tokens["kind"] == "word"]


def stopset(corpus) -> set[str]:
    w = words_of(corpus)
    return set(w.loc[w["is_stop"], "norm"])


# --- term frequencies -------------------------------------------------------------------------

def test_seed_counts_add_up_to_non_stop_word_tokens(seed, seed_stats):
    tf = term_frequencies(seed_stats)
    w = words_of(seed)
    assert tf["count"].sum() == (~w["is_stop"]).sum() == 289
    assert tf["term"].is_unique
    assert not set(tf["term"]) & stopset(seed)
    # rate is per 1,000 word tokens, stopwords included (452 in the seed body)
    assert tf.loc[tf["term"] == "north", "rate_per_1000"].item() == round(11 * 1000 / 452, 4)


def test_seed_top_terms(seed_stats):
    top = term_frequencies(seed_stats).head(3)
    # korean and troops tie at 9; the tie is broken by term
    assert list(top.itertuples(index=False, name=None)) == [
        ("north", 11, 24.3363, 1), ("korean", 9, 19.9115, 1), ("troops", 9, 19.9115, 1)]


def test_seed_us_is_one_term_and_numbers_clitics_are_not_terms(seed_stats):
    tf = term_frequencies(seed_stats).set_index("term")["count"]
    assert tf["u.s."] == 4
    assert not {"u", "s", "'s", "n't", "1,000", "11,000", "2024", ",", "\u201c"} & set(tf.index)


# --- n-grams ----------------------------------------------------------------------------------

def test_seed_north_korean_bigram_count_matches_the_text(seed, seed_stats):
    # count it in the body sentences themselves (the headline, also "North Korean", is removed)
    in_text = sum(len(re.findall(r"\bNorth\s+Korean\b", s)) for s in seed.sentences["text"])
    ng = ngrams(seed_stats)
    row = ng[ng["ngram"] == "north korean"]
    assert in_text == 9
    assert row[["n", "count", "documents"]].values.tolist() == [[2, 9, 1]]
    assert ng.iloc[0]["ngram"] == "north korean"
    assert ng.loc[ng["ngram"] == "north korean troops", "count"].item() == 4


def test_seed_no_ngram_starts_or_ends_with_a_stopword(seed, tmp_path):
    stats = stats_of(seed.texts[SEED_ID], tmp_path, ngram_sizes=(2, 3, 4))
    ng = ngrams(stats, sizes=(2, 3, 4))
    stop = stopset(seed)
    parts = ng["ngram"].str.split(" ")
    assert not parts.str[0].isin(stop).any()
    assert not parts.str[-1].isin(stop).any()
    assert (parts.str.len() == ng["n"]).all()
    # stopwords inside are fine: "part of the storm corps" style n-grams exist
    assert parts.apply(lambda p: any(w in stop for w in p)).any()


def test_seed_ngrams_do_not_cross_punctuation_clitics_or_numbers(seed_stats):
    grams = set(ngrams(seed_stats, sizes=(2,))["ngram"])
    # "North Korea's ill-prepared troops, deployed"; "about 1,000 deaths"
    assert "ill-prepared troops" in grams
    assert not {"korea ill-prepared", "troops deployed", "about deaths"} & grams


def test_ngram_options_are_checked(seed_stats):
    assert ngrams(seed_stats, min_count=3)["count"].min() == 3
    with pytest.raises(ValueError):
        ngrams(seed_stats, sizes=(0, 2))
    with pytest.raises(ValueError):  # the pass counted 2- and 3-grams only
        ngrams(seed_stats, sizes=(4,))


# --- collocations -----------------------------------------------------------------------------

def test_seed_collocations(seed, seed_stats):
    co = collocations(seed_stats)
    top = co.iloc[0]
    assert (top["w1"], top["w2"], top["count"]) == ("north", "korean", 9)
    assert bool(top["reliable"]) is True
    assert co.attrs["n_words"] == 452
    assert not (co["w1"].isin(stopset(seed)) | co["w2"].isin(stopset(seed))).any()
    assert (co["reliable"] == (co["count"] >= 3)).all()
    assert co["g2"].is_monotonic_decreasing


def _pairs(corpus) -> Counter:
    """Adjacent word pairs inside runs, counted directly from the token rows."""
    t = corpus.tokens.sort_values(["doc_id", "token_id"])
    rows = list(zip(t["doc_id"], t["sentence_id"], t["token_id"], t["kind"], t["norm"]))
    return Counter((a[4], b[4]) for a, b in zip(rows, rows[1:])
                   if a[0] == b[0] and a[1] == b[1] and b[2] == a[2] + 1 and a[3] == b[3] == "word")


@pytest.mark.parametrize("which", ["seed", "reuters"])
def test_collocation_marginals_are_pair_counts_and_g2_is_nltks(which, seed, reuters_corpus, seed_stats, reuters_stats):
    """The 2x2 table of each pair comes from the pairs themselves (n_ix: pairs starting with w1, n_xi:
    pairs ending with w2, N: all pairs), and G2/PMI equal NLTK's measures on those marginals."""
    from nltk.metrics import BigramAssocMeasures

    corpus = seed if which == "seed" else reuters_corpus
    pairs = _pairs(corpus)
    first, second = Counter(), Counter()
    for (w1, w2), c in pairs.items():
        first[w1] += c
        second[w2] += c
    n = sum(pairs.values())
    co = collocations(seed_stats if which == "seed" else reuters_stats)
    assert co.attrs["n_pairs"] == n and len(co) > 100
    for r in co.itertuples(index=False):
        assert r.count == pairs[(r.w1, r.w2)]
        assert (r.w1_pairs, r.w2_pairs) == (first[r.w1], second[r.w2])
        assert n - r.w1_pairs - r.w2_pairs + r.count >= 0
        marg = (r.count, (r.w1_pairs, r.w2_pairs), n)
        assert r.g2 == pytest.approx(round(BigramAssocMeasures.likelihood_ratio(*marg), 4), abs=2e-4)
        assert r.pmi == pytest.approx(round(BigramAssocMeasures.pmi(*marg), 4), abs=2e-4)


def test_one_word_repeated_has_a_valid_table(tmp_path):
    """The text that broke 02_terms: one word dominates, so unigram marginals gave n_oo < 0."""
    text = "Data data data data data data data data data data. Data is data."
    co = collocations(stats_of(text, tmp_path))
    assert co[["w1", "w2", "count"]].values.tolist() == [["data", "data", 9]]
    assert co["g2"].between(0, 1e6).all() and co["pmi"].notna().all()


# --- KWIC and dispersion ----------------------------------------------------------------------

def test_seed_kwic_north_korean(seed):
    text = seed.texts[SEED_ID]
    k = kwic(seed.tokens, seed.texts, ["North Korean"])
    assert len(k) == 9
    assert (k["query"] == "north korean").all()
    for row in k.itertuples(index=False):
        assert text[row.offset:row.offset + len(row.match)] == row.match
        assert row.match.casefold() == "north korean"
        assert "\n" not in row.left + row.right and "  " not in row.left + row.right
    assert k["offset"].is_monotonic_increasing
    # 8 word tokens of left context; the plural-possessive apostrophe is shown but not counted
    assert k.iloc[0]["left"] == "of Defense, appear to confirm analysts\u2019 predictions that"
    assert k.iloc[0]["right"] == "troops would be \u201ccannon fodder\u201d during fighting in"


def test_kwic_window_and_bad_queries(seed):
    k = kwic(seed.tokens, seed.texts, "u.s.", window=2)
    assert len(k) == 4 and (k["match"] == "U.S.").all()
    assert k.iloc[0][["left", "right"]].tolist() == ["and the", "Department of"]
    with pytest.raises(ValueError):
        kwic(seed.tokens, seed.texts, ["Russia's war"])  # a clitic is not a word
    with pytest.raises(ValueError):
        kwic(seed.tokens, seed.texts, ["troops, deployed"])


def test_seed_dispersion(seed):
    d = dispersion(seed.tokens, ["north korean", "troops"])
    assert len(d[d["query"] == "north korean"]) == 9
    assert len(d[d["query"] == "troops"]) == 9
    assert d["relative_position"].between(0, 1, inclusive="left").all()
    words = words_of(seed).sort_values("token_id")["norm"].tolist()
    assert all(words[i] == "north" for i in d.loc[d["query"] == "north korean", "token_index"])
    assert (d["relative_position"] == d["token_index"] / len(words)).all()
    k = kwic(seed.tokens, seed.texts, ["north korean", "troops"])
    assert d[["doc_id", "query", "offset"]].equals(k[["doc_id", "query", "offset"]])


# --- keyness ----------------------------------------------------------------------------------

def test_seed_keyness_content_words_outrank_function_words_and_said(seed, seed_stats):
    k = keyness_vs_reference(seed_stats)
    rank = {t: i for i, t in enumerate(k["term"])}
    stop_ranks = [rank[t] for t in stopset(seed) if t in rank]
    assert stop_ranks, "function words must be in the table to be outranked"
    for term in ("troops", "korean", "drones"):
        assert rank[term] < rank["said"]
        assert rank[term] < min(stop_ranks)
    assert k.loc[k["term"] == "the", "direction"].item() == "under"
    assert k.attrs["n_words"] == 452


def test_keyness_formula_recomputes(seed_stats):
    import math

    k = keyness_vs_reference(seed_stats).set_index("term")
    n = k.attrs["n_words"]
    o = k.loc["troops", "observed"]
    e = k.loc["troops", "reference_per_million"] / 1e6 * n
    g2 = 2 * (o * math.log(o / e) + (n - o) * math.log((n - o) / (n - e)))
    assert k.loc["troops", "g2"] == pytest.approx(g2, abs=1e-3)
    assert k.loc["troops", "log_ratio"] == pytest.approx(math.log2(o / n / (e / n)), abs=1e-3)
    assert (k["observed"] >= 2).all() and not k.index.str.contains("-").any()


# --- determinism ------------------------------------------------------------------------------

def test_kwic_and_dispersion_are_deterministic_and_ignore_row_order(seed):
    shuffled = seed.tokens.sample(frac=1, random_state=0)
    calls = [
        lambda t: kwic(t, seed.texts, ["north korean", "troops"]),
        lambda t: dispersion(t, ["north korean", "troops"]),
    ]
    for call in calls:
        first = call(seed.tokens)
        pd.testing.assert_frame_equal(first, call(seed.tokens))
        pd.testing.assert_frame_equal(first, call(shuffled))


# --- real newswire ----------------------------------------------------------------------------

def test_reuters_terms(reuters_corpus, reuters_stats):
    tf = term_frequencies(reuters_stats)
    w = words_of(reuters_corpus)
    assert tf["count"].sum() == (~w["is_stop"]).sum()
    assert {"mln", "dlrs"} <= set(tf["term"].head(5))
    counts = tf.set_index("term")["count"]
    assert counts["u.s."] > 20 and "u" not in counts.index
    assert tf["documents"].max() <= len(reuters_corpus.documents)


def test_reuters_collocation_counts_equal_bigram_counts(reuters_stats):
    co = collocations(reuters_stats)
    bi = ngrams(reuters_stats, sizes=(2,))
    merged = co.merge(bi, left_on="bigram", right_on="ngram", how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["count_x"] == merged["count_y"]).all()
    top = co.iloc[0]
    assert top["bigram"] == "mln dlrs" and bool(top["reliable"])


def test_reuters_kwic_across_hard_line_wraps(reuters_corpus, reuters_stats):
    k = kwic(reuters_corpus.tokens, reuters_corpus.texts, "mln dlrs", window=5)
    assert len(k) == ngrams(reuters_stats, sizes=(2,)).set_index("ngram").loc["mln dlrs", "count"]
    for row in k.itertuples(index=False):
        assert reuters_corpus.texts[row.doc_id][row.offset:row.offset + len(row.match)] == row.match
        assert "\n" not in row.left + row.right
    assert k["match"].str.contains("\n").any()  # the wire wraps lines inside the phrase


def test_reuters_keyness(reuters_corpus, reuters_stats):
    k = keyness_vs_reference(reuters_stats)
    assert set(k["term"].head(3)) >= {"dlrs", "mln"}
    by_term = k.set_index("term")
    # the wire rarely says "I" or "you": both fall far below general English
    assert by_term.loc[["i", "you"], "direction"].tolist() == ["under", "under"]
    assert not k["term"].head(10).isin(stopset(reuters_corpus)).any()
    assert k["ref_floored"].any()  # names and wire abbreviations wordfreq does not list
    assert (k.loc[k["ref_floored"], "reference_per_million"] == 0.01).all()
