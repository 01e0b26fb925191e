"""Near-duplicates, shared passages, story groups and topics (lib/stories, notebook 06), on real
Reuters-21578 stories with planted copies whose containment is known."""
from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from lib.text.cleaning import clean_text
from lib.paths import REUTERS_JSONL
from lib.passes.pipeline import analyse_corpus
from lib.stories import reuse, shingles, topics
from lib.views import notes, reading
from lib.text.tokens import tokenize
from tests.conftest import reuters_articles

K = shingles.SHINGLE_WORDS


def reuters_by_id(ids: set[int]) -> dict[int, dict]:
    if not REUTERS_JSONL.exists():
        pytest.skip(f"Reuters corpus not found at {REUTERS_JSONL}")
    out = {}
    with open(REUTERS_JSONL, encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            if art["id"] in ids:
                out[art["id"]] = art
    return out


def naive_norms(text: str) -> list[str]:
    """The shingled tokens, straight from the tokenizer (no hashing)."""
    return [t.norm for s, e in clean_text(text).paragraphs for t in tokenize(text, s, e) if t.kind in ("word", "number")]


def naive_shingles(text: str) -> set[tuple[str, ...]]:
    w = naive_norms(text)
    return {tuple(w[i:i + K]) for i in range(len(w) - K + 1)}


def naive_containment(a: str, b: str) -> tuple[float, float, float]:
    sa, sb = naive_shingles(a), naive_shingles(b)
    shared = len(sa & sb)
    return shared / len(sa), shared / len(sb), shared / len(sa | sb)


def paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in clean_text(text).paragraphs]


def change_words(par: str, every: int) -> str:
    words = par.split()
    return " ".join("altered" if i % every == every - 1 else w for i, w in enumerate(words))


@pytest.fixture(scope="module")
def planted():
    """300 real stories, plus copies of a long one (paragraphs dropped, reordered, words changed,
    a paragraph added) and a short one pasted into a long unrelated story, with dates."""
    arts = reuters_articles(300)
    original = next(a for a in arts if len(paragraphs(a["text"])) >= 9 and len(naive_norms(a["text"])) >= 300)
    others = [a for a in arts if a is not original]
    par = paragraphs(original["text"])
    extra = paragraphs(others[0]["text"])[0]
    edited = [change_words(p, 9) if i == 6 else p for i, p in enumerate(par)]
    variant = "\n\n".join([edited[0], edited[1], edited[3], edited[2]] + edited[5:] + [extra])  # 5th dropped, 3/4 swapped
    trimmed = "\n\n".join(par[:4])  # the first four paragraphs: a short version
    short = next(a for a in others if 40 <= len(naive_norms(a["text"])) <= 70)
    host = next(a for a in others if len(naive_norms(a["text"])) >= 400 and a is not short)
    host_par = paragraphs(host["text"])
    pasted = "\n\n".join(host_par[:2] + paragraphs(short["text"]) + host_par[2:])
    texts = {f"{a['id']:06d}": a["text"] for a in others}
    texts.update({"orig": original["text"], "variant": variant, "trimmed": trimmed, "pasted": pasted})
    dates = {f"{a['id']:06d}": "1987-03-01T00:00:00" for a in others}
    dates.update({"orig": "1987-02-01T00:00:00", "variant": "1987-02-02T00:00:00",
                  "trimmed": "1987-02-03T00:00:00", "pasted": "1987-03-02T00:00:00"})
    dates[f"{short['id']:06d}"] = "1987-02-15T00:00:00"
    ids = sorted(texts)
    docs = pd.DataFrame({"doc_id": ids, "date": [dates[d] for d in ids], "title": "", "headline": "",
                         "source": ids})
    items = [shingles.text_reuse(d, texts[d]) for d in ids]
    pairs = reuse.near_duplicates(items, docs)
    return dict(texts=texts, docs=docs, items=items, pairs=pairs, short=f"{short['id']:06d}",
                host=f"{host['id']:06d}", extra_id=f"{others[0]['id']:06d}")


def _pair(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    hit = pairs[(pairs["doc_a"] == min(a, b)) & (pairs["doc_b"] == max(a, b))]
    assert len(hit) == 1, f"{a} / {b} not paired"
    return hit.iloc[0]


@pytest.mark.parametrize("copy", ["variant", "trimmed"])
def test_planted_copies_are_found_with_the_exact_containment(planted, copy):
    row = _pair(planted["pairs"], "orig", copy)
    t = planted["texts"]
    c_orig, c_copy, jac = naive_containment(t["orig"], t[copy])
    assert (row["containment_a"], row["containment_b"], row["jaccard"]) == \
        (round(c_orig, 4), round(c_copy, 4), round(jac, 4))  # doc_a = "orig" < "trimmed"/"variant"
    assert c_copy > 0.6  # the copy is mostly the original


def test_a_short_story_pasted_into_a_long_one_is_found_from_its_side(planted):
    short, t = planted["short"], planted["texts"]
    row = _pair(planted["pairs"], short, "pasted")
    side = "a" if row["doc_a"] == short else "b"
    assert row[f"containment_{side}"] == 1.0
    assert row["jaccard"] < 0.3  # a Jaccard index at 0.5 would have missed it
    assert row["shared_words"] == len(naive_norms(t[short]))


def test_unrelated_stories_are_not_paired(planted):
    """Every pair reported really shares half of one side (checked without hashes), and the planted
    family is paired with nothing but itself and the story a paragraph came from."""
    t = planted["texts"]
    family = {"orig", "variant", "trimmed"}
    for row in planted["pairs"].itertuples(index=False):
        ca, cb, _ = naive_containment(t[row.doc_a], t[row.doc_b])
        assert max(ca, cb) >= 0.5 and row.shared_words >= reuse.DEFAULT_MIN_SHARED_WORDS
        if {row.doc_a, row.doc_b} & family:
            assert {row.doc_a, row.doc_b} <= family, row
    n = len(planted["items"])
    assert planted["pairs"].attrs["candidates"] < n * (n - 1) / 2 / 20  # no comparison of all pairs


def test_templates_below_a_sentence_are_not_one_story():
    """Two dividend notices: the same template and figures ("Qtly div six cts vs six cts prior"),
    different companies: 60 % of their shingles match, only 10 words."""
    arts = reuters_by_id({1326, 5522})
    items = [shingles.text_reuse(str(i), arts[i]["text"]) for i in sorted(arts)]
    docs = pd.DataFrame({"doc_id": [d.doc_id for d in items], "date": "", "title": ""})
    assert reuse.near_duplicates(items, docs).empty
    loose = reuse.near_duplicates(items, docs, min_shared_words=5)
    assert len(loose) == 1 and loose["containment_a"].iloc[0] == 0.6


def test_passage_offsets_round_trip_into_both_texts(planted):
    t = planted["texts"]
    passages = reuse.reused_passages(planted["items"], planted["pairs"])
    assert len(passages) >= len(planted["pairs"])
    for p in passages.itertuples(index=False):
        a = naive_norms_span(t[p.doc_a], p.a_start, p.a_end)
        b = naive_norms_span(t[p.doc_b], p.b_start, p.b_end)
        assert a == b and len(a) == p.words >= K
    words = passages.groupby(["doc_a", "doc_b"])["words"].sum()
    for row in planted["pairs"].itertuples(index=False):
        assert words[(row.doc_a, row.doc_b)] == row.shared_words


def naive_norms_span(text: str, start: int, end: int) -> list[str]:
    return [t.norm for t in tokenize(text, start, end) if t.kind in ("word", "number")]


def test_story_groups_put_the_earliest_first_and_reused_share_counts_earlier_text(planted):
    groups = reuse.story_groups(planted["items"], planted["pairs"], planted["docs"])
    fam = groups[groups["doc_id"].isin(["orig", "variant", "trimmed"])]
    assert fam["story_group"].nunique() == 1
    g = groups[groups["story_group"] == fam["story_group"].iloc[0]].sort_values("order")
    assert g["doc_id"].iloc[0] == "orig" and g["documents"].iloc[0] == len(g)
    share = dict(zip(groups["doc_id"], groups["reused_share"]))
    assert share["orig"] == 0.0
    t = planted["texts"]
    assert share["variant"] == round(naive_containment(t["variant"], t["orig"])[0], 4)
    assert share["trimmed"] == 1.0  # every shingle of it is in the original (or the variant)
    stories = reuse.document_stories(planted["items"], groups, planted["docs"])
    assert list(stories.columns) == reuse.DOCUMENT_STORY_COLUMNS and len(stories) == len(planted["docs"])
    row = stories.set_index("doc_id")
    assert row.at["orig", "first_in_group"] and not row.at["variant", "first_in_group"]
    alone = row[row["story_group"].isna()]
    assert (alone["group_documents"] == 1).all() and alone["first_in_group"].all()
    sizes = reuse.group_sizes(groups)
    assert sizes["groups"].sum() == groups["story_group"].nunique()


def test_reuse_by_source_counts_the_later_source():
    docs = pd.DataFrame({"doc_id": ["a1", "a2", "b1"], "date": ["2024-01-01", "2024-01-03", "2024-01-02"],
                         "source": ["wire", "wire", "paper"], "title": ""})
    pairs = pd.DataFrame({"doc_a": ["a1", "a2"], "doc_b": ["b1", "b1"], "shared_words": [40, 30]})
    out = reuse.reuse_by_source(pairs, docs)
    assert out.to_dict("records") == [
        {"source": "paper", "copied_from": "wire", "pairs": 1, "documents": 1, "shared_words": 40},
        {"source": "wire", "copied_from": "paper", "pairs": 1, "documents": 1, "shared_words": 30}]


def test_recall_of_the_lsh_against_every_pair_counted_exactly():
    """1,500 stories: every pair that shares half of one side (and a sentence) is found."""
    from scipy.sparse import csr_matrix

    arts = reuters_articles(1500)
    items = [shingles.text_reuse(f"{a['id']:06d}", a["text"]) for a in arts]
    docs = pd.DataFrame({"doc_id": [d.doc_id for d in items], "date": "", "title": ""})
    found = reuse.near_duplicates(items, docs)
    allh = np.unique(np.concatenate([d.shingles.unique for d in items]))
    rows = np.concatenate([np.full(len(d.shingles.unique), i) for i, d in enumerate(items)])
    cols = np.concatenate([np.searchsorted(allh, d.shingles.unique) for d in items])
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), len(allh)))
    shared = (m @ m.T).tocoo()
    sizes = np.array([len(d.shingles.unique) for d in items])
    every = reuse.near_duplicates(items, docs, candidates=[
        (items[i].doc_id, items[j].doc_id) for i, j, v in zip(shared.row, shared.col, shared.data)
        if i < j and v >= 0.5 * min(sizes[i], sizes[j])])
    assert len(every) >= 20
    got = set(zip(found["doc_a"], found["doc_b"]))
    assert set(zip(every["doc_a"], every["doc_b"])) >= got
    assert len(got) >= 0.95 * len(every)


def test_a_document_too_short_to_shingle_is_never_paired():
    items = [shingles.text_reuse("a", "Markets closed."), shingles.text_reuse("b", "Markets closed.")]
    assert len(items[0].shingles.hashes) == 0
    docs = pd.DataFrame({"doc_id": ["a", "b"], "date": "", "title": ""})
    assert reuse.near_duplicates(items, docs).empty
    stories = reuse.document_stories(items, reuse.story_groups(items, reuse.near_duplicates(items, docs), docs), docs)
    assert stories["reused_share"].isna().all()


def test_the_pair_reader_escapes_article_text(planted):
    t = dict(planted["texts"])
    t["orig"] = "<script>alert(1)</script>\n\n" + t["orig"]
    pairs = planted["pairs"]
    passages = reuse.reused_passages(planted["items"], pairs)
    shown = reading.pairs_to_read(pairs, documents=["variant"])
    assert set(shown["doc_a"]) | set(shown["doc_b"]) >= {"orig", "variant"}
    page = reading.pair_view(shown[(shown["doc_a"] == "orig") & (shown["doc_b"] == "variant")].iloc[0], passages, t)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count('title="passage 1:') == 2  # the same passage marked on both sides
    box = reading.pair_explorer(shown, passages, t)
    assert box._repr_mimebundle_()["text/html"] == box.pane.value


# --- Topics --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reuters_stats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    (folder / "r.jsonl").write_text("".join(json.dumps(a) + "\n" for a in reuters_articles(400)), encoding="utf-8")
    return analyse_corpus(folder, scheduler="serial", cache=False)


@pytest.fixture(scope="module")
def dtm(reuters_stats):
    return topics.limit_terms(topics.document_term_matrix(reuters_stats))


def test_document_term_matrix_holds_the_pass_counts(reuters_stats):
    from lib.measures import terms

    full = topics.document_term_matrix(reuters_stats)
    assert full.doc_ids == sorted(reuters_stats.matrix_doc_ids())
    terms = terms.term_frequencies(reuters_stats).set_index("term")["count"]
    col = full.matrix.sum(axis=0).A1
    assert {t: int(c) for t, c in zip(full.terms, col)} == terms.to_dict()
    c = reuters_stats.corpus_of([full.doc_ids[7]])
    words = c.tokens[(c.tokens["kind"] == "word") & ~c.tokens["is_stop"]]
    row = full.matrix[7].toarray().ravel()
    assert {full.terms[j]: int(row[j]) for j in np.flatnonzero(row)} == dict(Counter(words["norm"]))


@pytest.mark.parametrize("kind", ["nmf", "lda"])
def test_the_topic_model_is_byte_identical_on_rerun(dtm, kind):
    runs = []
    for _ in range(2):
        m = topics.fit_topics(dtm, n_topics=6, model=kind, seed=3)
        runs.append((topics.topic_terms(m).to_csv(index=False), topics.document_topics(m).to_csv(index=False)))
    assert runs[0] == runs[1]
    assert len(runs[0][0].splitlines()) == 6 * 10 + 1


def test_topic_shares_are_positive_and_sum_to_one(dtm):
    m = topics.fit_topics(dtm, n_topics=8, seed=0)
    shares = topics.document_topics(m)
    assert list(shares.columns) == topics.DOCUMENT_TOPIC_COLUMNS and (shares["share"] > 0).all()
    units = (shares["share"] * 10_000).round().astype(int).groupby(shares["doc_id"]).sum()
    assert (units == 10_000).all()  # exactly 1 at four decimals
    assert set(shares["doc_id"]) == set(dtm.doc_ids)
    totals = shares.groupby("topic")["share"].sum()
    assert totals.index.tolist() == list(range(1, 9)) and totals.iloc[0] == totals.max()  # 1 = most prevalent


def test_topics_find_the_subjects_of_reuters(dtm):
    labels = " ".join(topics.topic_labels(topics.fit_topics(dtm, n_topics=10, seed=0)).values())
    assert {"oil", "wheat", "bank"} & set(labels.replace("/", " ").split())


def test_a_document_without_terms_has_no_topic_rows():
    dtm_ = topics.limit_terms(topics.DocumentTerms.of(
        [(str(i), Counter({"oil": 2, "price": 1} if i % 2 else {"wheat": 2, "crop": 1})) for i in range(8)]
        + [("lonely", Counter({"hapax": 1}))]))
    assert "lonely" not in dtm_.doc_ids
    m = topics.fit_topics(dtm_, n_topics=2)
    assert "lonely" not in set(topics.document_topics(m)["doc_id"])
    assert "1 of 9 documents have no term in the model" in topics.describe(
        m, topics.choose_n_topics(dtm_, n_topics=2), documents=9)


def test_the_coherence_rule_reports_what_it_tried(dtm):
    c = topics.choose_n_topics(dtm, seed=0)
    assert c["n_topics"].tolist() == [5, 10, 15, 20] and c["chosen"].sum() == 1
    best = c.sort_values(["coherence", "n_topics"], ascending=[False, True]).iloc[0]
    assert topics.chosen_topics(c) == best["n_topics"]
    assert ((c["coherence"] > -1) & (c["coherence"] < 1)).all()
    given = topics.choose_n_topics(dtm, n_topics=7)
    assert given["n_topics"].tolist() == [7] and topics.chosen_topics(given) == 7
    assert "as given" in topics.describe(topics.fit_topics(dtm, n_topics=7), given, documents=dtm.shape[0])


def test_topic_shares_per_period_and_group(reuters_stats, dtm):
    docs = reuters_stats.documents()
    m = topics.fit_topics(dtm, n_topics=5)
    dt, labels = topics.document_topics(m), topics.topic_labels(m)
    per = topics.shares_by_period(dt, docs, labels, period="day")
    assert np.allclose(per.groupby("period")["share"].sum(), 1, atol=5e-4)
    assert per.drop_duplicates("period")["documents"].sum() == dt["doc_id"].nunique()
    grp = topics.shares_by_group(dt, docs, labels, group_by="topics", min_documents=5)
    assert (grp["documents"] >= 5).all() and "earn" in set(grp["group"])
    assert topics.shares_by_group(dt, docs, labels, group_by="desk").empty


def test_one_document_and_no_dates_give_a_sentence(seed):
    docs = seed.documents.assign(date="", source=seed.documents["doc_id"])
    note = notes.stories_scope(docs, group_by="topics")
    assert note.startswith("One document:") and "No document has a date" in note
    items = [shingles.text_reuse(d, seed.texts[d]) for d in docs["doc_id"]]
    pairs = reuse.near_duplicates(items, docs)
    assert pairs.empty and reuse.story_groups(items, pairs, docs).empty
    one = topics.limit_terms(topics.DocumentTerms.of([(d, Counter({"troops": 3})) for d in docs["doc_id"]]))
    c = topics.choose_n_topics(one)
    m = topics.fit_topics(one, n_topics=topics.chosen_topics(c))
    assert c.empty and m.n_topics == 0 and topics.document_topics(m).empty and topics.topic_terms(m).empty
    assert topics.describe(m, c, documents=1) == "One document: no topic model."
    assert notes.no_figure("groups", docs).startswith("One document")
    two = pd.DataFrame({"doc_id": ["a", "b"], "date": ["", ""], "source": ["a", "b"]})
    assert notes.no_figure("trends", two) == "No document has a date: no topic shares over time."


# --- The notebook --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stories_run(tmp_path_factory):
    """06_stories by papermill on 150 Reuters stories (with their dates and topics) and two copies."""
    from lib.run.execute import execute
    from lib.paths import NOTEBOOKS_DIR

    arts = reuters_articles(150)
    base = next(a for a in arts if len(paragraphs(a["text"])) >= 6)
    par = paragraphs(base["text"])
    copies = [dict(base, id=900001, date="2-MAR-1987 10:00:00.00", text="\n\n".join(par[:-1])),
              dict(base, id=900002, date="3-MAR-1987 10:00:00.00", text="\n\n".join([par[1], par[0]] + par[2:]))]
    folder = tmp_path_factory.mktemp("stories_corpus")
    (folder / "r.jsonl").write_text("".join(json.dumps(a) + "\n" for a in arts + copies), encoding="utf-8")
    out = tmp_path_factory.mktemp("stories_run")
    execute(NOTEBOOKS_DIR / "06_stories.ipynb", out / "06_stories.ipynb",
            {"corpus": str(folder), "out_dir": str(out), "scheduler": "serial", "n_topics": 6})
    return out, folder / "r.jsonl", f"r.jsonl#{base['id']:06d}", len({a["text"] for a in arts + copies})


@pytest.mark.slow
def test_the_notebook_writes_every_table_with_its_columns(stories_run):
    out, corpus, base, n_docs = stories_run
    pairs = pd.read_csv(out / "near_duplicates.csv", keep_default_na=False)
    assert list(pairs.columns) == reuse.PAIR_COLUMNS + ["date_a", "date_b", "title_a", "title_b"]
    assert (pairs["doc_a"] < pairs["doc_b"]).all()
    assert {("r.jsonl#900001", "r.jsonl#900002")} <= set(zip(pairs["doc_a"], pairs["doc_b"]))
    assert list(pd.read_csv(out / "reused_passages.csv").columns) == reuse.PASSAGE_COLUMNS
    groups = pd.read_csv(out / "story_groups.csv", keep_default_na=False)
    mine = groups[groups["doc_id"] == "r.jsonl#900001"]["story_group"].iloc[0]
    first = groups[(groups["story_group"] == mine) & (groups["order"] == 1)]["doc_id"].iloc[0]
    assert first == base  # the original is dated before its copies
    shares = pd.read_csv(out / "document_topics.csv")
    assert (shares.groupby("doc_id")["share"].sum().round(6) == 1).all()
    assert pd.read_csv(out / "topics.csv")["topic"].nunique() == 6
    assert len(pd.read_csv(out / "document_stories.csv")) == n_docs  # byte-identical texts are read once
    for stem in ("group_sizes", "topic_trends", "topic_groups"):
        assert (out / f"{stem}.png").exists() and (out / f"{stem}.svg").exists() and (out / f"{stem}.csv").exists()
    assert not (out / "reuse_by_source.png").exists() and not (out / "topic_coherence.png").exists()


@pytest.mark.slow
def test_the_notebooks_passages_round_trip(stories_run):
    out, corpus, _, _ = stories_run
    passages = pd.read_csv(out / "reused_passages.csv")
    texts = reading.texts_of(corpus, set(passages["doc_a"]) | set(passages["doc_b"]))
    for p in passages.itertuples(index=False):
        assert naive_norms_span(texts[p.doc_a], p.a_start, p.a_end) == naive_norms_span(texts[p.doc_b], p.b_start, p.b_end)


@pytest.mark.slow
def test_the_seed_run_says_why_it_has_no_stories(seed_run):
    nb = json.loads((seed_run / "06_stories.ipynb").read_text(encoding="utf-8"))
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
                      for o in c.get("outputs", []) if o.get("name") == "stdout")
    assert "One document: there is nothing to compare it with" in printed
    assert "One document: no topic model." in printed
    assert not list(seed_run.glob("group_sizes.*")) and not list(seed_run.glob("topic_*.png"))
    assert pd.read_csv(seed_run / "near_duplicates.csv").empty


def test_dedupe_counts_each_story_once(tmp_path):
    """A wire story printed three times (one copy lightly edited) counts once with dedupe="groups": its
    later copies are set aside in skipped.csv naming the first, and term counts fall to one copy's."""
    from lib.measures import terms

    arts = reuters_articles(12)
    story = max(arts, key=lambda a: len(a["text"]))
    rows = [{"id": i + 1, "text": a["text"], "date": "1987-03-02"} for i, a in enumerate(arts)]
    rows += [{"id": 100, "text": "Reprinted. " + story["text"], "date": "1987-03-03"},
             {"id": 101, "text": story["text"].replace("said", "added", 1) + "\nMore later.", "date": "1987-03-04"}]
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    every = analyse_corpus(tmp_path, scheduler="serial", cache=False)
    once = analyse_corpus(tmp_path, scheduler="serial", cache=False, dedupe="groups")
    assert every.n_documents == 14 and once.n_documents == 12
    first = f"wire.jsonl#{[a['id'] for a in arts].index(story['id']) + 1:06d}"
    reasons = once.skipped().set_index("path")["reason"]
    assert sorted(reasons.index) == ["wire.jsonl#000100", "wire.jsonl#000101"]
    assert all(f"its first document is {first}" in r for r in reasons)
    docs = every.documents().set_index("doc_id")
    assert docs.loc[first, "reused_share"] == 0.0 and docs.loc["wire.jsonl#000100", "reused_share"] > 0.95
    assert docs.loc[first, "story_group"] == docs.loc["wire.jsonl#000101", "story_group"]
    word = terms.term_frequencies(once).iloc[0]["term"]
    n_every = terms.term_frequencies(every).set_index("term").loc[word, "count"]
    n_once = terms.term_frequencies(once).set_index("term").loc[word, "count"]
    assert n_once < n_every
    with pytest.raises(ValueError):
        analyse_corpus(tmp_path, scheduler="serial", cache=False, dedupe="yes")
