"""The per-document half of the reuse analysis: shingles and MinHash signatures."""
from __future__ import annotations

import numpy as np
from datasketch import MinHash

from lib.stories import shingles
from lib.text.tokens import tokenize
from tests.conftest import reuters_articles


def _datasketch_signature(hashes: np.ndarray) -> np.ndarray:
    m = MinHash(num_perm=shingles.NUM_PERM, seed=shingles.MINHASH_SEED, hashfunc=int,
                scheme=shingles.MINHASH_SCHEME)
    m.update_batch(np.unique(hashes).tolist())
    return m.hashvalues


def test_signatures_equal_datasketchs_on_reuters_stories():
    checked = 0
    for story in reuters_articles(200):
        sh = shingles.text_reuse("d", story["text"]).shingles
        assert np.array_equal(shingles.signature(sh.unique), _datasketch_signature(sh.unique))
        checked += len(sh.unique) > 0
    assert checked > 150
    empty = np.zeros(0, dtype=np.uint64)
    assert np.array_equal(shingles.signature(empty), _datasketch_signature(empty))


def test_shingled_tokens_are_the_word_and_number_tokens_in_order():
    toks = tokenize("On 3/9/2005, Shares rose 5.3 pct -- analysts' view: \u201cgood\u201d.")
    got = shingles.shingled_tokens(toks)
    assert got == [(t.start, t.end, t.norm) for t in toks if t.kind in ("word", "number")]
    assert [g[2] for g in got] == ["on", "3/9/2005", "shares", "rose", "5.3", "pct", "analysts", "view", "good"]
    assert shingles.shingled_tokens(tokenize("-- !")) == []


def test_a_batch_gives_each_document_the_shingles_and_signature_it_gets_alone():
    from lib.passes.document import read_text

    # The last two documents have the same single shingle: each keeps it in its own set.
    texts = [a["text"] for a in reuters_articles(30)] + ["Too short.", "", "One two three four five.",
                                                         "One two three four five!"]
    tokens = [[t for s in read_text("d", x).tokens for t in s] for x in texts]
    batch = shingles.batch_reuse([f"d{i}" for i in range(len(texts))], [shingles.shingled_columns(t) for t in tokens])
    for i, (got, toks) in enumerate(zip(batch, tokens)):
        want = shingles.document_reuse(f"d{i}", toks)
        assert got.doc_id == want.doc_id
        for field in ("hashes", "starts", "ends", "unique"):
            assert np.array_equal(getattr(got.shingles, field), getattr(want.shingles, field)), (i, field)
        assert np.array_equal(got.signature, want.signature)
        norms = [t.norm for t in toks if t.kind in ("word", "number")]
        assert np.array_equal(got.shingles.hashes, shingles.shingle_hashes(norms))
    assert len(batch[-4].shingles.hashes) == 0 and len(batch[-1].shingles.unique) == len(batch[-2].shingles.unique) == 1
