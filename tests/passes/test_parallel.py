"""The per-document pass gives identical tables in-process, on a process pool and on Dask.

The Dask test starts a real two-worker LocalCluster (separate processes) on a
slice of Reuters; it runs in the default suite, so CI runs it.
"""
from __future__ import annotations

import json

import pytest

from lib.measures import collocations, groups, terms, tfidf
from lib.passes.pipeline import analyse_corpus
from tests.conftest import reuters_articles

N_DOCS = 120


@pytest.fixture(scope="module")
def reuters_slice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rslice")
    (folder / "reuters.jsonl").write_text("".join(json.dumps(a) + "\n" for a in reuters_articles(N_DOCS)),
                                          encoding="utf-8")
    return folder


def _tables(stats) -> dict[str, str]:
    docs = stats.documents()
    return {
        "documents": docs.to_csv(index=False),
        "sentences": stats.sentences().to_csv(index=False),
        "evidence": stats.evidence().to_csv(index=False),
        "cleaning": stats.cleaning().to_csv(index=False),
        "readability": stats.readability().to_csv(index=False),
        "terms": terms.term_frequencies(stats).to_csv(index=False),
        "ngrams": terms.ngrams(stats).to_csv(index=False),
        "collocations": collocations.collocations(stats).to_csv(index=False),
        "tfidf": tfidf.tfidf(stats).to_csv(index=False),
        "group_keyness": groups.group_keyness(stats, docs, group_by="topics", min_count=2).to_csv(index=False),
    }


@pytest.fixture(scope="module")
def serial(reuters_slice):
    return _tables(analyse_corpus(reuters_slice, scheduler="serial", cache=False))


@pytest.mark.slow
def test_process_pool_is_identical_to_one_process(reuters_slice, serial):
    pooled = _tables(analyse_corpus(reuters_slice, scheduler="processes", workers=2, cache=False))
    assert pooled.keys() == serial.keys()
    for name in serial:
        assert pooled[name] == serial[name], name
    assert serial["sentences"].count("\n") > N_DOCS  # not trivially empty


@pytest.mark.slow
def test_dask_local_cluster_is_identical_to_one_process(reuters_slice, serial):
    pytest.importorskip("dask.distributed")
    dasked = _tables(analyse_corpus(reuters_slice, scheduler="local", workers=2, cache=False))
    for name in serial:
        assert dasked[name] == serial[name], name


def test_cache_gives_the_same_tables(reuters_slice, serial, monkeypatch, tmp_path):
    from lib.passes import cache

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    first = analyse_corpus(reuters_slice, scheduler="serial")
    again = analyse_corpus(reuters_slice, scheduler="serial")
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert _tables(first) == _tables(again) == serial
