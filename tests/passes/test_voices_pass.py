"""The voices tables of the one pass (:meth:`lib.passes.pipeline.CorpusStats.voices`) are the tables of
the per-document rules, wherever the pass runs.

Reference: :func:`lib.voices.document.analyse` on each document of the corpus, read and scored
here, the rows concatenated in doc_id order. The pass runs the same function per batch of
documents, in this process, on a two-worker process pool and on a Dask cluster, with any batch
size, and its merged tables must be equal, frame for frame.
"""
from __future__ import annotations

import ast
import json
import warnings
from collections import Counter

import pandas as pd
import pytest

from lib.ingest.corpus import Document, iter_corpus
from lib.passes import pipeline
from lib.passes.voices import Voices
from lib.passes.document import read_document
from lib.paths import LIB_DIR
from lib.sentiment import scores
from lib.text.stopwords import stopwords
from lib.voices import attribution, entities, speech
from lib.voices.document import analyse
from tests.conftest import reuters_articles
from tests.voices_helpers import compounds_of, frames

N_DOCS = 150
PER_DOCUMENT = ["mentions", "sources", "quotes", "numbers", "voice_words", "voice_sentiment", "entities",
                "entity_sentiment", "cooccurrence", "sentences"]
# The order of each table (keys, ascending): the corpus-wide order of the tables before the rules
# ran per document. Each document's rows must come from the rules in this order (the merge only
# orders the documents).
TABLE_ORDER = {
    "mentions": (["doc_id", "start"], [True, True]),
    "sources": (["doc_id", "sentence_id", "cue_start"], [True, True, True]),
    "entities": (["doc_id", "mentions", "first_offset"], [True, False, True]),
    "entity_sentiment": (["doc_id", "sentences", "entity"], [True, False, True]),
    "cooccurrence": (["doc_id", "sentences", "entity_a", "entity_b"], [True, False, True, True]),
    "sentences": (["doc_id", "sentence_id"], [True, True]),
}


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
    """Every voices table from :func:`analyse` of each document, read here one by one."""
    docs = sorted((d for d in iter_corpus(reuters_slice) if isinstance(d, Document)), key=lambda d: d.doc_id)
    rows, texts, sentences, tokens, quote_ids, doc_of = [], {}, [], [], [], []
    for d in docs:
        dt = read_document(d)
        v = analyse(dt, compounds_of(dt))
        rows.append(v)
        texts[d.doc_id] = d.text
        sentences += [(d.doc_id, s.sentence_id, s.paragraph_id, s.start, s.end, d.text[s.start:s.end]) for s in dt.sentences]
        flat = [t for toks in dt.tokens for t in toks]
        tokens += flat
        quote_ids += speech.token_quotes(flat, v.quotes)
        doc_of += [d.doc_id] * len(flat)
    out = frames(rows)
    scored = scores.score_sentences(pd.DataFrame(sentences, columns=pipeline.SENTENCE_COLUMNS))
    stop = stopwords()
    voiced = pd.DataFrame(dict(doc_id=doc_of, norm=[t.norm for t in tokens], kind=[t.kind for t in tokens],
                               start=[t.start for t in tokens], is_stop=[t.norm in stop for t in tokens],
                               quote_id=quote_ids, voice=["quoted" if q else "narrator" for q in quote_ids]))
    counts, documents, totals = {}, {}, Counter()
    for v in rows:
        for voice in v.term_counts:
            counts.setdefault(voice, Counter()).update(v.term_counts[voice])
            documents.setdefault(voice, Counter()).update(v.term_documents[voice])
        totals.update(v.voice_totals)
    out.update({
        "texts": texts,
        "rows": rows,
        "warnings": [w.message for v in rows for w in v.warnings],
        "voiced": voiced,
        "sentences": scored,
        "voice_terms": speech.voice_terms(counts, documents, totals),
        "speakers": speech.speakers(out["quotes"]),
        "distinct_sources": attribution.distinct_sources(out["sources"]),
        "source_type_counts": speech.source_type_counts(out["sources"]),
        "corpus_entities": entities.corpus_entities(out["entities"], n=20),
        "corpus_entity_sentiment": entities.corpus_entity_sentiment(out["mentions"], scored, n=10_000),
    })
    return out


def _run(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        v = pipeline.analyse_corpus(path, cache=False, **kw).voices()
    return v, [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def serial(reuters_slice):
    return _run(reuters_slice, scheduler="serial")


def assert_same_tables(v: Voices, whole: dict) -> None:
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


def test_in_process_batches_give_the_per_document_tables(serial, whole):
    v, caught = serial
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]  # the same unmatched-mark warnings, in the same order
    assert v.doc_ids == sorted(whole["texts"])
    assert len(caught) > 0  # the slice holds unmatched quote marks: their warnings come back from the workers
    for name in ("sources", "quotes", "numbers", "mentions", "cooccurrence"):  # not trivially empty
        assert len(getattr(v, name)) > N_DOCS / 10, name


@pytest.mark.slow
def test_process_pool_gives_the_per_document_tables(reuters_slice, whole):
    v, caught = _run(reuters_slice, scheduler="processes", workers=2)
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_per_document_tables(reuters_slice, whole):
    """The same rules on a real two-worker Dask LocalCluster: the same tables and warnings."""
    v, caught = _run(reuters_slice, scheduler="local", workers=2)
    assert_same_tables(v, whole)
    assert caught == whole["warnings"]


def test_batch_size_changes_nothing(reuters_slice, whole, monkeypatch):
    """One document per batch (most batches without any quotation, mention or number) and an
    odd size with a short last batch: the merge restores the per-document tables in doc_id order."""
    for size in (1, 7):
        monkeypatch.setattr(pipeline, "BATCH_DOCUMENTS", size)
        v, _ = _run(reuters_slice, scheduler="serial")
        assert_same_tables(v, whole)


def test_each_document_gives_its_rows_in_table_order(serial):
    """The merge orders only the documents: each document's rows come from the rules sorted as
    the tables are (most mentioned entity first, sources by sentence and cue, ...)."""
    v, _ = serial
    for name, (keys, ascending) in TABLE_ORDER.items():
        table = getattr(v, name)
        assert len(table) > N_DOCS, name
        pd.testing.assert_frame_equal(table.sort_values(keys, ascending=ascending, kind="stable").reset_index(drop=True),
                                      table, obj=name)


def test_voices_rules_never_import_pandas_at_module_level():
    """A worker runs the rules on plain Python rows: only the corpus-level tables (notebook side)
    import pandas, inside the function that builds them."""
    for path in sorted((LIB_DIR / "voices").glob("*.py")) + [LIB_DIR / "passes" / "voices.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only; `if TYPE_CHECKING:` blocks are never run
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "pandas" or n.startswith("pandas.") for n in names), path


def test_voice_term_counts_are_summed_across_batches(serial, whole):
    v, _ = serial
    voiced = whole["voiced"]
    words = voiced[voiced["kind"] == "word"]
    assert v.counts.voice_totals == Counter(words["voice"])
    for voice in (speech.NARRATOR, speech.QUOTED):
        w = words[(words["voice"] == voice) & ~words["is_stop"]]
        assert v.counts.term_counts[voice] == Counter(w["norm"])
        assert v.counts.term_documents[voice] == Counter(w.drop_duplicates(["doc_id", "norm"])["norm"])
    terms = v.voice_terms()
    said = terms[(terms["voice"] == "narrator") & (terms["term"] == "said")].iloc[0]
    assert said["documents"] > 1 and said["count"] > said["documents"]  # counted in many batches


def test_voice_terms_are_the_per_term_count_of_the_token_table(whole):
    """voice_terms adds up per-document counters; this is its definition, term by term, on the
    tokens and their voices (30 documents)."""
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
    docs = set(voiced["doc_id"])
    counts, documents, totals = {}, {}, Counter()
    for v in whole["rows"]:  # the counters analyse gives per document, summed
        if v.doc_id in docs:
            for voice in v.term_counts:
                counts.setdefault(voice, Counter()).update(v.term_counts[voice])
                documents.setdefault(voice, Counter()).update(v.term_documents[voice])
            totals.update(v.voice_totals)
    pd.testing.assert_frame_equal(speech.voice_terms(counts, documents, totals), expected)


def test_token_quotes_is_the_first_quotation_holding_the_token(whole):
    q = whole["quotes"][whole["quotes"]["kind"] != "scare"]
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
    assert v.counts.voice_totals == serial[0].counts.voice_totals


def test_select_documents(serial):
    v, _ = serial
    assert v.select(first=3) == v.doc_ids[:3]
    assert v.select([v.doc_ids[5], v.doc_ids[0]]) == [v.doc_ids[5], v.doc_ids[0]]
    with pytest.raises(ValueError, match="not document ids"):
        v.select(["nope"])
