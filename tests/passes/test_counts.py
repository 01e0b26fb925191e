"""lib.passes.counts: the pass's counts in arrays equal counts made one by one in Python."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from lib.passes.counts import CorpusCounts, Vocabulary, _Sums, count_batch


@pytest.mark.parametrize("big", [False, True])
def test_sums_over_batches_equal_a_counter(big):
    """Sorted packed keys, and the fallback once ids outgrow the packing (a vocabulary of over
    2,097,151 words for 3-grams), both sum every batch's rows exactly."""
    rng = np.random.default_rng(7)
    sums, want_counts, want_docs = _Sums(3), Counter(), Counter()
    for batch in range(40):
        high = (1 << 22) if big and batch >= 20 else 50  # the switch happens mid-corpus
        rows = np.unique(rng.integers(0, high, size=(200, 3)), axis=0)
        counts = rng.integers(1, 5, size=len(rows))
        docs = rng.integers(1, 3, size=len(rows))
        sums.add(rows.astype(np.int32), counts, docs)
        for r, c, d in zip(map(tuple, rows.tolist()), counts.tolist(), docs.tolist()):
            want_counts[r] += c
            want_docs[r] += d
    rows, counts, docs = sums.merged()
    assert (sums.wide is not None) == big
    assert {tuple(r): c for r, c in zip(rows.tolist(), counts.tolist())} == dict(want_counts)
    assert {tuple(r): d for r, d in zip(rows.tolist(), docs.tolist())} == dict(want_docs)
    assert [tuple(r) for r in rows.tolist()] == sorted(want_counts)


def test_batch_counts_equal_python_counts():
    """Words, pairs inside runs and n-grams without stopword edges, from real token streams."""
    from conftest import reuters_articles
    from lib.text.stopwords import stopwords
    from lib.text.tokens import tokenize

    stop = stopwords()
    streams = []
    for art in reuters_articles(40):
        marks = [t.norm if t.kind == "word" else None for t in tokenize(art["text"])] + [None]
        streams.append(marks)
    vocab, total = Vocabulary(), CorpusCounts((2, 3))
    for start in range(0, len(streams), 16):  # three batches, each with its own vocabulary
        vocab = Vocabulary()
        total.add(count_batch([vocab.ids_of(s) for s in streams[start:start + 16]], vocab, stop, (2, 3)))
    words = total.vocab.words
    assert {words[i]: int(c) for i, c in enumerate(total.word_counts)} == \
        Counter(w for s in streams for w in s if w is not None)
    pairs = Counter()
    grams, gram_docs = Counter(), Counter()
    for s in streams:
        seen = set()
        for i in range(len(s) - 1):
            if s[i] is not None and s[i + 1] is not None:
                pairs[(s[i], s[i + 1])] += 1
            for n in (2, 3):
                g = s[i:i + n]
                if len(g) == n and None not in g and g[0] not in stop and g[-1] not in stop:
                    grams[tuple(g)] += 1
                    seen.add(tuple(g))
        gram_docs.update(seen)
    rows, counts = total.pairs()
    assert {(words[a], words[b]): c for (a, b), c in zip(rows.tolist(), counts.tolist())} == dict(pairs)
    got, got_docs = {}, {}
    for n in (2, 3):
        rows, counts, docs = total.ngrams(n)
        for r, c, d in zip(rows.tolist(), counts.tolist(), docs.tolist()):
            got[tuple(words[i] for i in r)] = c
            got_docs[tuple(words[i] for i in r)] = d
    assert got == dict(grams) and got_docs == dict(gram_docs)
