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
