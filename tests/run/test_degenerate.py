"""Degenerate but valid documents never fail a run (``tests/degenerate_corpus.py`` builds them).

Two runs of every notebook through the run command: a folder that mixes ordinary Reuters stories
with one word repeated, short sentences of one word said twice, a table of one repeated code, identical sentences, one sentence, one word,
only stopwords, only numbers, and a JSONL table whose rows share one topic and hold a date with one
document; and a corpus of one document (one group with every document, one period, a vocabulary of
one word). Every figure written has a table with rows behind it, every figure not written is a
sentence in report.html, and a rerun gives byte-identical tables.
"""
from __future__ import annotations

import os

import pandas as pd
import pytest

from lib.run.execute import run
from tests.degenerate_corpus import SHAPES, write_mixed_corpus, write_single_document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    corpus = write_mixed_corpus(tmp_path_factory.mktemp("degenerate") / "corpus")
    return corpus, run(corpus, tmp_path_factory.mktemp("degenerate_run") / "run")


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    corpus = write_single_document(tmp_path_factory.mktemp("single") / "corpus")
    return run(corpus, tmp_path_factory.mktemp("single_run") / "run", {"min_group_documents": 1})


def _figures_have_data(run_dir) -> list[str]:
    stems = sorted(p.stem for p in run_dir.glob("*.png"))
    for stem in stems:
        assert (run_dir / f"{stem}.svg").exists()
        assert len(pd.read_csv(run_dir / f"{stem}.csv")) > 0, f"{stem}.png was drawn from an empty table"
    return stems


def test_mixed_corpus_runs_every_notebook(mixed):
    corpus, out = mixed
    assert (out / "manifest.json").exists()
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    for name in SHAPES:
        assert name in set(docs["doc_id"]), name
    assert pd.read_csv(out / "skipped.csv").empty
    terms = pd.read_csv(out / "terms.csv")
    assert terms.set_index("term").loc[["spam", "data"], "count"].tolist() == [30000, 6000]
    colloc = pd.read_csv(out / "collocations.csv")
    n_pairs = colloc["count"].sum()
    assert (colloc["g2"] >= 0).all() and colloc["pmi"].notna().all() and n_pairs > 0
    figures = _figures_have_data(out)
    assert {"top_terms", "top_collocations", "sentiment_arc", "trends"} <= set(figures)


def test_single_document_says_why_figures_are_missing(single):
    assert (single / "manifest.json").exists()
    figures = _figures_have_data(single)
    assert "entity_mentions" not in figures and "top_collocations" not in figures
    report = (single / "report.html").read_text(encoding="utf-8")
    assert "No figure. entity_mentions: No named entity was found" in report
    assert "No figure. top_collocations:" in report
    gs = pd.read_csv(single / "group_sentiment.csv")
    assert gs["documents"].tolist() == [1] and gs["std_compound"].isna().all()  # one document: no spread
    assert pd.read_csv(single / "group_keyness.csv").empty  # the group holds every word: nothing to compare


def test_rerun_gives_byte_identical_tables(mixed, tmp_path):
    corpus, out = mixed
    first = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    for f in corpus.iterdir():  # a new modification time: a new pass, not the cached one
        st = f.stat()
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    again = run(corpus, tmp_path / "again")
    assert {p.name: p.read_bytes() for p in again.glob("*.csv")} == first
