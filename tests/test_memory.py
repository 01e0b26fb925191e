"""Streaming: the pass's memory grows with the vocabulary, not with the number of documents.

Python-level allocations (tracemalloc) of the whole streaming pass over one copy of a
Reuters slice and over ten copies (each copy's texts made distinct) are compared: the rows
go to the on-disk spool, so ten copies peak within 1.5x of one. The benchmark
(``benchmarks/throughput.py --copies 10``) measures the same on the whole corpus as peak RSS.
"""
from __future__ import annotations

import gc
import json
import tracemalloc

from conftest import reuters_articles
from lib.passes.pipeline import analyse_corpus

COPIES = 10


def _write(path, articles, copies):
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for i, a in enumerate(articles):
                f.write(json.dumps({"id": k * len(articles) + i, "title": a.get("title", ""),
                                    "text": a["text"] + f"\n\nCopy {k}.\n"}) + "\n")


def _peak(path) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    try:
        stats = analyse_corpus(path, cache=False, workers=1, evidence=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, stats.n_documents


def test_ten_copies_peak_within_one_and_a_half_times_one_copy(tmp_path):
    articles = reuters_articles(150)
    one, ten = tmp_path / "one.jsonl", tmp_path / "ten.jsonl"
    _write(one, articles, 1)
    _write(ten, articles, COPIES)
    _peak(one)  # warm: lexicons, Punkt and word lists are loaded once per process, not per corpus
    p1, n1 = _peak(one)
    p10, n10 = _peak(ten)
    assert n10 == COPIES * n1 > 0
    assert p10 <= 1.5 * p1, f"one copy peaked at {p1 / 1e6:.1f} MB, {COPIES} copies at {p10 / 1e6:.1f} MB"
