"""Streaming: the pass's memory grows with the vocabulary, not with the number of documents; the
near-duplicate step at its end grows about linearly, within a stated bound per document.

Python-level allocations (tracemalloc) over one copy of a Reuters slice and over ten copies (each
copy's texts made distinct by a line, so every story becomes a group of ten near-duplicates: the
worst case of the reuse step). Two peaks are taken in one run: the streaming pass up to the end
of its last batch (rows go to the on-disk spool, so ten copies peak within 1.5x of one), and the
near-duplicate step (:meth:`lib.passes.pipeline.CorpusStats.find_stories`) above what was in memory
when it started: its LSH index holds an entry per document, and the shingles of every document in a
verified pair are read back for the passage alignment, so it is bounded per document
(:data:`REUSE_BYTES_PER_DOCUMENT`), not flat. The benchmark (``benchmarks/throughput.py --copies 10``)
measures the whole pass's peak RSS on the whole corpus.
"""
from __future__ import annotations

import gc
import json
import tracemalloc

import pytest

from conftest import reuters_articles
from lib.passes import pipeline

COPIES = 10
# The reuse step's own peak per document: datasketch's LSH Ensemble keeps its band keys as Python
# bytes in dicts (~8-15 kB a document measured), plus the shingles of paired documents.
REUSE_BYTES_PER_DOCUMENT = 16_000

pytestmark = pytest.mark.slow


def _write(path, articles, copies):
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for i, a in enumerate(articles):
                f.write(json.dumps({"id": k * len(articles) + i, "title": a.get("title", ""),
                                    "text": a["text"] + f"\n\nCopy {k}.\n"}) + "\n")


def _peaks(path, monkeypatch) -> tuple[int, int, int]:
    """(peak of the streaming pass, peak of the reuse step above its start, documents)."""
    peaks = {}
    find_stories = pipeline.CorpusStats.find_stories

    def measured(self):
        peaks["pass"] = tracemalloc.get_traced_memory()[1]
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        find_stories(self)
        peaks["reuse"] = tracemalloc.get_traced_memory()[1] - start

    monkeypatch.setattr(pipeline.CorpusStats, "find_stories", measured)
    gc.collect()
    tracemalloc.start()
    try:
        stats = pipeline.analyse_corpus(path, cache=False, workers=1, evidence=True)
    finally:
        tracemalloc.stop()
    return peaks["pass"], peaks["reuse"], stats.n_documents


def test_ten_copies_peak_within_one_and_a_half_times_one_copy(tmp_path, monkeypatch):
    articles = reuters_articles(150)
    one, ten = tmp_path / "one.jsonl", tmp_path / "ten.jsonl"
    _write(one, articles, 1)
    _write(ten, articles, COPIES)
    _peaks(one, monkeypatch)  # warm: lexicons, Punkt and word lists are loaded once per process, not per corpus
    p1, r1, n1 = _peaks(one, monkeypatch)
    p10, r10, n10 = _peaks(ten, monkeypatch)
    assert n10 == COPIES * n1 > 0
    assert p10 <= 1.5 * p1, f"one copy peaked at {p1 / 1e6:.1f} MB, {COPIES} copies at {p10 / 1e6:.1f} MB"
    for reuse, n in ((r1, n1), (r10, n10)):
        assert reuse <= REUSE_BYTES_PER_DOCUMENT * n, f"reuse step {reuse / n:.0f} bytes a document"
