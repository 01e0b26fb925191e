"""Word shingles and MinHash signatures of documents: the per-document half of the reuse analysis.

A pure function of documents' body tokens (:func:`document_reuse` for one, :func:`batch_reuse` for
the batch of documents a worker of the pass holds, as array expressions over the whole batch), run
by the pass in its workers on the tokens it has already made; this module imports neither pandas
nor the pass, which keeps a worker's start cheap. The body's word and number tokens, case-folded (``norm``), give one
64-bit hash per *shingle* of :data:`SHINGLE_WORDS` consecutive tokens, with every token's
character offsets, and a MinHash signature of the set of shingles (``datasketch``). The
corpus half is :mod:`lib.stories.reuse`.

Numbers are shingled with the words: a thousand earnings reports share their wording
("Shr ... vs ... Net ... Revs ...") but not their figures. Punctuation and symbols are not
shingled, so re-punctuated copy still matches. A document with fewer than
:data:`SHINGLE_WORDS` tokens has no shingle and is never paired.
"""
from __future__ import annotations

import hashlib
from itertools import chain, compress
from operator import itemgetter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np


# Words per shingle. Five is the usual choice for news copy detection (Broder 1997 used
# word shingles; 4 to 7 are common): long enough that a shared shingle is rarely chance
# ("the company said it would" is 5), short enough that light edits leave most intact.
SHINGLE_WORDS = 5
# Token kinds that are shingled.
SHINGLED_KINDS = frozenset({"word", "number"})
_KIND = itemgetter(4)  # a Token's kind
# MinHash: permutations, seed and datasketch's 64-bit affine scheme (the shingle hashes are
# 64-bit). The signature only proposes candidates (every pair is then verified exactly), so
# it can be short: 32 permutations give the recall measured in benchmarks/near_duplicates.py
# at a quarter of the index time of 128.
NUM_PERM = 32
MINHASH_SEED = 1
MINHASH_SCHEME = "affine64"
# Odd 64-bit multipliers, one per shingle position (order matters: "a b" is not "b a").
_POSITION_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                  0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                                  0x94D049BB133111EB, 0xBF58476D1CE4E5B9], dtype=np.uint64)


@dataclass(frozen=True)
class Shingles:
    """The shingles of one document: ``hashes[i]`` is the shingle of tokens ``i .. i+k-1``;
    ``starts``/``ends`` are every shingled token's character offsets into the text."""

    doc_id: str
    hashes: np.ndarray  # uint64, len(starts) - k + 1 of them (none below k tokens)
    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    k: int = SHINGLE_WORDS
    unique: np.ndarray = None  # the sorted set of the hashes (filled in from them when not given)

    def __post_init__(self) -> None:
        if self.unique is None:
            object.__setattr__(self, "unique", np.unique(self.hashes))

    @property
    def words(self) -> int:
        return len(self.starts)


@lru_cache(maxsize=1 << 18)
def token_hash(norm: str) -> int:
    """A stable 64-bit hash of a token (the same in every process, unlike ``hash``).

    >>> token_hash("troops") == token_hash("troops") != token_hash("troop")
    True
    """
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little")


def _mix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, element-wise (uint64 arithmetic wraps)."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def shingle_hashes(norms: Sequence[str], *, k: int = SHINGLE_WORDS) -> np.ndarray:
    """One 64-bit hash per run of ``k`` consecutive tokens, in text order.

    >>> h = shingle_hashes("the troops moved north on monday".split(), k=5)
    >>> len(h), h.dtype.name
    (2, 'uint64')
    >>> len(shingle_hashes(["too", "short"], k=5))
    0
    >>> bool(shingle_hashes("a b c d e".split())[0] != shingle_hashes("e d c b a".split())[0])
    True
    """
    tok = np.fromiter(map(token_hash, norms), dtype=np.uint64, count=len(norms))
    return _window_hashes(tok, k)


def _window_hashes(tok: np.ndarray, k: int) -> np.ndarray:
    """The hash of every run of ``k`` consecutive token hashes ``tok`` (uint64), in order."""
    if not 1 <= k <= len(_POSITION_MULTIPLIERS):
        raise ValueError(f"k must be between 1 and {len(_POSITION_MULTIPLIERS)}")
    n = len(tok) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    # The token hashes are already uniform (BLAKE2b): a sum weighted by a different odd
    # multiplier per position keeps the order, and one final mix spreads it. uint64 array
    # arithmetic wraps around silently.
    acc = tok[:n] * _POSITION_MULTIPLIERS[0]
    for p in range(1, k):
        acc += tok[p:p + n] * _POSITION_MULTIPLIERS[p]
    return _mix64(acc)


def shingled_tokens(tokens) -> list[tuple[int, int, str]]:
    """``(start, end, norm)`` of the word and number tokens among ``tokens`` (a document's body
    tokens, sentence after sentence, as :func:`lib.passes.document.read_text` gives them).

    >>> from lib.text.tokens import tokenize
    >>> [t[2] for t in shingled_tokens(tokenize("Shares rose 5.3 pct, the company said."))]
    ['shares', 'rose', '5.3', 'pct', 'the', 'company', 'said']
    """
    return list(zip(*shingled_columns(tokens)))


def shingled_columns(tokens) -> tuple[tuple, tuple, tuple]:
    """The starts, ends and norms of the word and number tokens among ``tokens``, as three tuples.

    Filtered and transposed by ``compress``/``zip`` in C: a comprehension over the tokens took
    0.30 s per 3,000 Reuters stories, this 0.08 s (measured)."""
    kinds = map(_KIND, tokens)
    chosen = list(compress(tokens, map(SHINGLED_KINDS.__contains__, kinds)))
    if not chosen:
        return (), (), ()
    starts, ends, _, norms, _ = zip(*chosen)
    return starts, ends, norms


def document_shingles(doc_id: str, tokens, *, k: int = SHINGLE_WORDS) -> Shingles:
    """The shingles of one document's body tokens, with their offsets into the document text.

    >>> from lib.text.tokens import tokenize
    >>> s = document_shingles("d1", tokenize("The troops moved north on Monday, officials said."))
    >>> s.words, len(s.hashes), int(s.starts[1]), int(s.ends[1])
    (8, 4, 4, 10)
    """
    return batch_reuse([doc_id], [shingled_columns(tokens)], k=k)[0].shingles


def signature(hashes: np.ndarray, *, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint64 values) of a set of shingle hashes: datasketch's
    ``MinHash(scheme="affine64", hashfunc=int).update_batch(hashes).hashvalues``, computed here.

    The same arithmetic as datasketch's CPU path (each hash mixed by MurmurHash3's 64-bit
    finalizer, then ``a * h + b`` in wrapping uint64 for each permutation, the minimum per
    permutation; an empty set keeps datasketch's initial value, the largest uint64), with
    datasketch's own permutations. Done here because ``update_batch`` calls ``hashfunc`` once per
    value in a Python loop: the pass's signatures took 0.34 s per 3,000 Reuters stories through
    it and take 0.05 s this way (measured). ``tests/stories/test_shingles.py`` checks the values
    against datasketch's.

    >>> a = signature(shingle_hashes("a b c d e f g h i j".split()))
    >>> b = signature(shingle_hashes("a b c d e f g h i k".split()))
    >>> a.shape, 0.5 < float((a == b).mean()) < 1.0
    ((32,), True)
    """
    unique = np.unique(np.asarray(hashes, dtype=np.uint64))
    return _signatures(unique, np.array([len(unique)]), num_perm, seed)[0]


def _signatures(unique: np.ndarray, sizes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """The signatures (one row each) of consecutive sets of hashes: ``unique`` holds the sets one
    after another, set ``i`` has ``sizes[i]`` hashes (0 for an empty set)."""
    a, b = _permutations(num_perm, seed)
    out = np.full((len(sizes), num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    filled = sizes > 0
    if filled.any():
        mixed = _mix64(unique)
        bounds = (np.cumsum(sizes) - sizes)[filled]
        for j in range(num_perm):  # one permutation at a time: memory stays that of the hashes
            out[filled, j] = np.minimum.reduceat(mixed * a[j] + b[j], bounds)
    return out


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch's permutations for ``num_perm`` and ``seed`` (``a`` and ``b``, one of each per
    permutation), drawn once per process (drawing them costs more than hashing a story's shingles)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme=MINHASH_SCHEME).permutations


@dataclass(frozen=True)
class DocumentReuse:
    """What one document contributes to the reuse analysis: its shingles and their signature."""

    shingles: Shingles
    signature: np.ndarray

    @property
    def doc_id(self) -> str:
        return self.shingles.doc_id


def document_reuse(doc_id: str, tokens, *, k: int = SHINGLE_WORDS, num_perm: int = NUM_PERM,
                   seed: int = MINHASH_SEED) -> DocumentReuse:
    """:func:`document_shingles` and :func:`signature` of one document's body tokens (the pass calls
    it on every document, in the workers)."""
    return batch_reuse([doc_id], [shingled_columns(tokens)], k=k, num_perm=num_perm, seed=seed)[0]


def batch_reuse(doc_ids: Sequence[str], columns: Sequence[tuple[Sequence[int], Sequence[int], Sequence[str]]], *,
                k: int = SHINGLE_WORDS, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> list[DocumentReuse]:
    """The shingles and signature of each document of a batch, from its shingled tokens' starts,
    ends and norms (:func:`shingled_columns`).

    The hashes, each document's sorted set and the signatures are array expressions over the
    whole batch: done once per document, numpy's call overhead cost more than the arithmetic
    (shingles and signatures were ~20 % of the pass's CPU; measured on the first 2,000 Reuters
    stories, one core).
    """
    lengths = np.fromiter((len(c[2]) for c in columns), dtype=np.int64, count=len(columns))
    total = int(lengths.sum())
    starts = np.fromiter(chain.from_iterable(c[0] for c in columns), dtype=np.int64, count=total)
    ends = np.fromiter(chain.from_iterable(c[1] for c in columns), dtype=np.int64, count=total)
    tok = np.fromiter(map(token_hash, chain.from_iterable(c[2] for c in columns)), dtype=np.uint64, count=total)
    # The windows of the concatenated tokens, then those that lie inside one document.
    every = _window_hashes(tok, k)
    n_shingles = np.maximum(lengths - k + 1, 0)
    first_token = np.cumsum(lengths) - lengths
    first_shingle = np.cumsum(n_shingles) - n_shingles
    owner = np.repeat(np.arange(len(columns)), n_shingles)
    hashes = every[np.arange(len(owner)) - first_shingle[owner] + first_token[owner]]
    # Each document's sorted set of hashes: one sort by (document, hash), then the first of each run.
    order = np.lexsort((hashes, owner))
    ordered, ordered_owner = hashes[order], owner[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = (ordered[1:] != ordered[:-1]) | (ordered_owner[1:] != ordered_owner[:-1])
    unique, unique_owner = ordered[first], ordered_owner[first]
    sizes = np.bincount(unique_owner, minlength=len(columns))
    signatures = _signatures(unique, sizes, num_perm, seed)
    cut = np.cumsum(lengths)[:-1]
    return [DocumentReuse(Shingles(doc_id, h, st, en, k, u), sig)
            for doc_id, h, st, en, u, sig in zip(doc_ids, np.split(hashes, np.cumsum(n_shingles)[:-1]),
                                                 np.split(starts, cut), np.split(ends, cut),
                                                 np.split(unique, np.cumsum(sizes)[:-1]), signatures)]


def text_reuse(doc_id: str, text: str) -> DocumentReuse:
    """:func:`document_reuse` of a text read as the pass reads a document (examples and tests)."""
    from lib.passes.document import read_text

    return document_reuse(doc_id, [t for sentence in read_text(doc_id, text).tokens for t in sentence])
