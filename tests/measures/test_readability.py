"""Readability rows: MATTR against its definition, and a batch's rows against each document's alone."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.measures import readability
from lib.passes.counts import Vocabulary
from lib.passes.document import read_text
from tests.conftest import reuters_articles


def _mattr_by_windows(ids: list[int], window: int) -> float:
    if len(ids) <= window:
        return len(set(ids)) / len(ids)
    ratios = [len(set(ids[i:i + window])) / window for i in range(len(ids) - window + 1)]
    return sum(ratios) / len(ratios)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=120), st.integers(1, 30))
def test_mattr_is_the_mean_type_token_ratio_of_every_window(ids, window):
    assert abs(readability.mattr(ids, window=window) - _mattr_by_windows(ids, window)) < 1e-12


def _words(text: str) -> list[str]:
    return [t.norm for sentence in read_text("d", text).tokens for t in sentence if t.kind == "word"]


def test_a_batch_gives_each_document_the_row_it_gets_alone():
    texts = [a["text"] for a in reuters_articles(40)] + ["Short one.", "word " * 60]
    vocab = Vocabulary()
    docs = [(f"d{i}", vocab.ids_of(_words(t)), len(read_text("d", t).sentences)) for i, t in enumerate(texts)]
    docs = [d for d in docs if d[1]]
    batch = readability.stats_rows([d[0] for d in docs], [d[1] for d in docs], vocab.words, [d[2] for d in docs])
    alone = [readability.stats_row(d[0], d[1], vocab.words, d[2]) for d in docs]
    assert batch == alone
    assert len({r["mattr"] for r in batch}) > 20  # the documents differ, so a mix-up would show
    for (doc_id, ids, _), row in zip(docs, batch):
        assert row["mattr"] == round(_mattr_by_windows(ids, readability.MATTR_WINDOW), 4)
        assert row["types"] == len(set(ids))
