"""The pass's word counts as integer arrays, counted in numpy (C) rather than in Python loops.

Each batch of documents gets a local vocabulary (word norm -> id, in first-seen order); a
document's tokens become one list of ids in text order, with -1 for every token that is not a
word and after every sentence, so a stretch of ids without -1 is a *run* (adjacent word tokens of
one sentence: see :mod:`lib.measures.terms`). From these a batch counts, with array operations only:

* a sparse document-word matrix (every word norm, stopwords included);
* adjacent pairs of one run (the collocation table's counts);
* n-grams of one run that neither start nor end with a stopword, with the documents holding each.

The parent maps each batch's ids onto one corpus vocabulary (:class:`CorpusCounts`) and sums.
Term frequency, document frequency, tf-idf, keyness and group keyness then derive from the
matrix and the sums by array operations (:mod:`lib.measures.compare`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

import numpy as np


class Vocabulary(dict):
    """Word norm -> id, ids given in first-seen order; ``words[id]`` is the norm. ``None`` (a
    token that is not a word) is -1.

    >>> v = Vocabulary()
    >>> v.ids_of(["north", "korean", None, "north"]), v.words
    ([0, 1, -1, 0], ['north', 'korean'])
    """

    def __init__(self) -> None:
        super().__init__({None: -1})
        self.words: list[str] = []

    def __missing__(self, word: str) -> int:
        i = self[word] = len(self.words)
        self.words.append(word)
        return i

    def ids_of(self, words: list[str]) -> list[int]:
        return list(map(self.__getitem__, words))  # a C loop; a new word goes through __missing__


def group_rows(rows: np.ndarray, *, width: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of an integer array (k, n) in lexicographic order, and for each input row
    the index of its distinct row. ``width`` bounds the values (rows are packed into one int64
    key when they fit, so np.unique sorts one column).

    >>> r, inv = group_rows(np.array([[2, 1], [0, 5], [2, 1]]))
    >>> r.tolist(), inv.tolist()
    ([[0, 5], [2, 1]], [1, 0, 1])
    """
    k, n = rows.shape
    if k == 0:
        return rows.reshape(0, n), np.zeros(0, dtype=np.int64)
    bits = max(1, int(width if width is not None else rows.max() + 1).bit_length())
    if bits * n > 63:
        uniq, inverse = np.unique(rows, axis=0, return_inverse=True)
        return uniq, inverse.ravel()
    key = np.zeros(k, dtype=np.int64)
    for j in range(n):
        key = (key << bits) | rows[:, j].astype(np.int64)
    uniq, inverse = np.unique(key, return_inverse=True)
    first = np.empty(len(uniq), dtype=np.int64)
    first[inverse] = np.arange(k)
    return rows[first], inverse


def unique_rows(rows: np.ndarray, weights: np.ndarray | None = None, *, width: int | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``rows`` (see :func:`group_rows`) with the summed ``weights`` (default 1).

    >>> r, c = unique_rows(np.array([[2, 1], [0, 5], [2, 1]]))
    >>> r.tolist(), c.tolist()
    ([[0, 5], [2, 1]], [1, 2])
    """
    uniq, inverse = group_rows(rows, width=width)
    return uniq, _sum_by(inverse, weights, len(uniq))


def _sum_by(inverse: np.ndarray, weights: np.ndarray | None, size: int) -> np.ndarray:
    if weights is None:
        return np.bincount(inverse, minlength=size).astype(np.int64)
    # bincount sums in float64: exact for integer totals below 2**53
    return np.bincount(inverse, weights=weights, minlength=size).astype(np.int64)


def windows(ids: np.ndarray, n: int) -> np.ndarray:
    """Indices ``i`` where ``ids[i:i+n]`` lies inside one run (no -1 among them).

    >>> windows(np.array([5, 6, -1, 7, 8, -1]), 2).tolist()
    [0, 3]
    """
    if len(ids) < n:
        return np.zeros(0, dtype=np.int64)
    word = ids >= 0
    ok = word[:len(ids) - n + 1].copy()
    for k in range(1, n):
        ok &= word[k:len(ids) - n + 1 + k]
    return np.flatnonzero(ok)


@dataclass
class BatchCounts:
    """What a batch counted, in its local vocabulary ``words``."""

    words: list[str]
    doc_indptr: np.ndarray  # CSR of the batch's documents x local words (every word norm)
    doc_indices: np.ndarray
    doc_data: np.ndarray
    pairs: np.ndarray  # (k, 2) local ids of adjacent words of one run
    pair_counts: np.ndarray
    ngrams: dict  # n -> (rows (k, n), counts, documents): n-grams not starting or ending with a stopword


def count_batch(docs: list[list[int]], vocab: Vocabulary, stop: frozenset, sizes: tuple) -> BatchCounts:
    """Count the words, pairs and n-grams of a batch's documents, each given as its token ids
    (see the module docstring; every document's list ends with -1)."""
    width = max(1, len(vocab.words))
    lens = np.array([len(d) for d in docs], dtype=np.int64)
    ids = np.fromiter(chain.from_iterable(docs), dtype=np.int64, count=int(lens.sum()))
    doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lens)
    word = ids >= 0
    # Document x word counts: one key per (document, word), counted by np.unique.
    keys, counts = np.unique(doc_of[word] * width + ids[word], return_counts=True)
    doc_indptr = np.searchsorted(keys // width, np.arange(len(docs) + 1))
    stop_mask = np.fromiter((w in stop for w in vocab.words), dtype=bool, count=len(vocab.words))
    at = windows(ids, 2)
    pairs, pair_counts = unique_rows(np.stack([ids[at], ids[at + 1]], axis=1), width=width)
    ngrams = {}
    for n in sizes:
        at = windows(ids, n)
        at = at[~stop_mask[ids[at]] & ~stop_mask[ids[at + n - 1]]]
        rows = np.stack([ids[at + k] for k in range(n)], axis=1)
        grams, gram_counts = unique_rows(rows, width=width)
        # Documents per n-gram: the distinct (document, n-gram) rows, counted per n-gram.
        with_doc, _ = unique_rows(np.concatenate([doc_of[at][:, None], rows], axis=1),
                                  width=max(width, len(docs)))
        _, gram_docs = unique_rows(with_doc[:, 1:], width=width)
        ngrams[n] = (grams.astype(np.int32), gram_counts, gram_docs)
    return BatchCounts(list(vocab.words), doc_indptr.astype(np.int64), (keys % width).astype(np.int32),
                       counts.astype(np.int32), pairs.astype(np.int32), pair_counts, ngrams)


def pack(rows: np.ndarray, bits: int) -> np.ndarray:
    """Each row of ids (k, n) as one int64 key, ``bits`` bits per id: keys sort as the rows do.

    >>> pack(np.array([[1, 2], [0, 3]]), 4).tolist(), unpack(np.array([18, 3]), 2, 4).tolist()
    ([18, 3], [[1, 2], [0, 3]])
    """
    key = np.zeros(len(rows), dtype=np.int64)
    for j in range(rows.shape[1]):
        key = (key << bits) | rows[:, j].astype(np.int64)
    return key


def unpack(keys: np.ndarray, n: int, bits: int) -> np.ndarray:
    """The rows of ids (k, n) packed in ``keys`` by :func:`pack`."""
    mask = (1 << bits) - 1
    return np.stack([(keys >> (bits * (n - 1 - j))) & mask for j in range(n)], axis=1).astype(np.int32) \
        if len(keys) else np.zeros((0, n), dtype=np.int32)


@dataclass
class _Sums:
    """Rows (k, n) of corpus ids with their counts and documents, summed over batches.

    Each row is one int64 key (:func:`pack`, ``63 // n`` bits per id), and the sums are kept as
    sorted unique keys: a batch's rows are looked up by binary search and their counts added in
    place; the rows not found wait in a pending list, merged in (``np.unique``) once they number half
    the sorted keys, so each key is moved a few times in all rather than once per batch (inserting
    every batch's new keys cost ~6 s of the parent's time on Reuters; measured), and memory holds
    the distinct rows and at most half as many pending, whatever the number of documents. A vocabulary too large for the packing (over
    2,097,151 words for 3-grams) switches to rows merged by ``np.unique`` when the added rows
    outnumber the merged ones."""

    n: int
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    documents: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    wide: list | None = None  # (rows, counts, documents) chunks once ids outgrow the packing
    pending: list = field(default_factory=list)  # (keys, counts, documents) of rows not yet in ``keys``
    n_pending: int = 0

    @property
    def bits(self) -> int:
        return 63 // self.n

    def add(self, rows: np.ndarray, counts: np.ndarray, documents: np.ndarray) -> None:
        if self.wide is None and len(rows) and int(rows.max()) >= 1 << self.bits:
            self.wide = [self.merged()]  # (flushes the pending rows first)
        if self.wide is not None:
            self.wide.append((rows, counts, documents))
            if sum(len(c[0]) for c in self.wide[1:]) >= len(self.wide[0][0]):
                self.wide = [_merge_chunks(self.wide)]
            return
        keys = pack(rows, self.bits)
        order = np.argsort(keys, kind="stable")  # a batch's rows are distinct: sort, then merge
        keys, counts, documents = keys[order], counts[order], documents[order]
        at = np.searchsorted(self.keys, keys)
        found = at < len(self.keys)
        found[found] = self.keys[at[found]] == keys[found]
        np.add.at(self.counts, at[found], counts[found])
        np.add.at(self.documents, at[found], documents[found])
        new = ~found
        if new.any():
            self.pending.append((keys[new], counts[new], documents[new]))
            self.n_pending += int(new.sum())
            if 2 * self.n_pending >= len(self.keys):
                self._flush()

    def _flush(self) -> None:
        """Merge the pending rows into the sorted keys."""
        if not self.pending:
            return
        keys = np.concatenate([self.keys] + [p[0] for p in self.pending])
        self.keys, inverse = np.unique(keys, return_inverse=True)
        self.counts = _sum_by(inverse, np.concatenate([self.counts] + [p[1] for p in self.pending]), len(self.keys))
        self.documents = _sum_by(inverse, np.concatenate([self.documents] + [p[2] for p in self.pending]),
                                 len(self.keys))
        self.pending, self.n_pending = [], 0

    def merged(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(rows (k, n), counts, documents)`` in row order."""
        if self.wide is not None:
            self.wide = [_merge_chunks(self.wide)]
            return self.wide[0]
        self._flush()
        return unpack(self.keys, self.n, self.bits), self.counts, self.documents


def _merge_chunks(chunks: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = np.concatenate([c[0] for c in chunks])
    uniq, inverse = group_rows(rows, width=int(rows.max()) + 1 if len(rows) else 1)
    return (uniq.astype(np.int32), _sum_by(inverse, np.concatenate([c[1] for c in chunks]), len(uniq)),
            _sum_by(inverse, np.concatenate([c[2] for c in chunks]), len(uniq)))


@dataclass
class CorpusCounts:
    """The batches' counts in one corpus vocabulary: word totals, documents per word, pairs and
    n-grams (rows of ids with their counts), merged in corpus order."""

    sizes: tuple
    vocab: Vocabulary = field(default_factory=Vocabulary)
    word_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    word_documents: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _pairs: _Sums = field(default_factory=lambda: _Sums(2))
    _ngrams: dict = field(default_factory=dict)

    def add(self, batch: BatchCounts) -> np.ndarray:
        """Merge one batch; returns the batch's document-word ``indices`` in corpus ids."""
        lut = np.array(self.vocab.ids_of(batch.words), dtype=np.int64)
        v = len(self.vocab.words)
        if len(self.word_counts) < v:
            grow = v - len(self.word_counts)
            self.word_counts = np.concatenate([self.word_counts, np.zeros(grow, dtype=np.int64)])
            self.word_documents = np.concatenate([self.word_documents, np.zeros(grow, dtype=np.int64)])
        cols = lut[batch.doc_indices] if len(batch.doc_indices) else np.zeros(0, dtype=np.int64)
        self.word_counts += np.bincount(cols, weights=batch.doc_data, minlength=v).astype(np.int64)
        self.word_documents += np.bincount(cols, minlength=v)
        if len(batch.pairs):
            self._pairs.add(lut[batch.pairs].astype(np.int32), batch.pair_counts, np.zeros(len(batch.pairs), np.int64))
        for n, (rows, counts, docs) in batch.ngrams.items():
            if len(rows):
                self._ngrams.setdefault(n, _Sums(n)).add(lut[rows].astype(np.int32), counts, docs)
        return cols.astype(np.int32)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """``(rows (k, 2), counts)``: every adjacent pair of one run, in id order."""
        rows, counts, _ = self._pairs.merged()
        return rows, counts

    def ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(rows (k, n), counts, documents)`` of the n-grams of size ``n``."""
        return self._ngrams.setdefault(n, _Sums(n)).merged()

    def mask(self, words: frozenset) -> np.ndarray:
        """A boolean mask over the vocabulary: True for the words in ``words``."""
        return np.fromiter((w in words for w in self.vocab.words), dtype=bool, count=len(self.vocab.words))
