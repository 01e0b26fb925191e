"""Word shingles and MinHash signatures of one document: the per-document half of the reuse analysis.

A pure function of one document's text (:func:`document_reuse`), so it can run in the workers
of the streaming pass; this module imports neither pandas nor the pass, which keeps a worker's
start cheap. The cleaned body (:func:`lib.text.cleaning.clean_text` paragraphs) is tokenized with
:func:`lib.text.tokens.tokenize`; its word and number tokens, case-folded (``norm``), give one
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
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from lib.text.cleaning import clean_text
from lib.text.tokens import tokenize

# Words per shingle. Five is the usual choice for news copy detection (Broder 1997 used
# word shingles; 4 to 7 are common): long enough that a shared shingle is rarely chance
# ("the company said it would" is 5), short enough that light edits leave most intact.
SHINGLE_WORDS = 5
# Token kinds that are shingled.
SHINGLED_KINDS = frozenset({"word", "number"})
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
    if not 1 <= k <= len(_POSITION_MULTIPLIERS):
        raise ValueError(f"k must be between 1 and {len(_POSITION_MULTIPLIERS)}")
    n = len(norms) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    tok = np.array(list(map(token_hash, norms)), dtype=np.uint64)
    # The token hashes are already uniform (BLAKE2b): a sum weighted by a different odd
    # multiplier per position keeps the order, and one final mix spreads it. uint64 array
    # arithmetic wraps around silently.
    acc = tok[:n] * _POSITION_MULTIPLIERS[0]
    for p in range(1, k):
        acc += tok[p:p + n] * _POSITION_MULTIPLIERS[p]
    return _mix64(acc)


def shingled_tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, norm)`` of the word and number tokens of the cleaned body of ``text``.

    >>> [t[2] for t in shingled_tokens("Shares rose 5.3 pct, the company said.")]
    ['shares', 'rose', '5.3', 'pct', 'the', 'company', 'said']
    """
    out: list[tuple[int, int, str]] = []
    for p_start, p_end in clean_text(text).paragraphs:
        out.extend((t.start, t.end, t.norm) for t in tokenize(text, p_start, p_end) if t.kind in SHINGLED_KINDS)
    return out


def document_shingles(doc_id: str, text: str, *, k: int = SHINGLE_WORDS) -> Shingles:
    """The shingles of one document's cleaned body, with its tokens' offsets into ``text``.

    >>> s = document_shingles("d1", "The troops moved north on Monday, officials said.")
    >>> s.words, len(s.hashes), int(s.starts[1]), int(s.ends[1])
    (8, 4, 4, 10)
    """
    toks = shingled_tokens(text)
    starts, ends, norms = zip(*toks) if toks else ((), (), ())
    return Shingles(doc_id, shingle_hashes(norms, k=k), np.array(starts, dtype=np.int64),
                    np.array(ends, dtype=np.int64), k)


def signature(hashes: np.ndarray, *, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint64 values) of a set of shingle hashes (datasketch).

    >>> a = signature(shingle_hashes("a b c d e f g h i j".split()))
    >>> b = signature(shingle_hashes("a b c d e f g h i k".split()))
    >>> a.shape, 0.5 < float((a == b).mean()) < 1.0
    ((32,), True)
    """
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, scheme=MINHASH_SCHEME,
                permutations=_permutations(num_perm, seed))
    m.update_batch(np.unique(hashes).tolist())
    return m.hashvalues.copy()


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch's permutations for ``num_perm`` and ``seed``, drawn once per process
    (drawing them costs more than hashing a story's shingles)."""
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


@dataclass
class ShingleBatch:
    """The results of one batch of documents (the unit :func:`lib.passes.pipeline.stream_batches` moves)."""

    docs: list[DocumentReuse]
    n_bytes: int = 0

    @property
    def n_documents(self) -> int:
        return len(self.docs)


def document_reuse(doc_id: str, text: str, *, k: int = SHINGLE_WORDS, num_perm: int = NUM_PERM,
                   seed: int = MINHASH_SEED) -> DocumentReuse:
    """:func:`document_shingles` and :func:`signature` of one document."""
    sh = document_shingles(doc_id, text, k=k)
    return DocumentReuse(sh, signature(sh.unique, num_perm=num_perm, seed=seed))


def shingle_batch(docs: list, *, k: int = SHINGLE_WORDS, num_perm: int = NUM_PERM,
                  seed: int = MINHASH_SEED) -> ShingleBatch:
    """:func:`document_reuse` over a batch of :class:`lib.ingest.corpus.Document` (runs in a worker)."""
    return ShingleBatch([document_reuse(d.doc_id, d.text, k=k, num_perm=num_perm, seed=seed) for d in docs],
                        sum(d.n_bytes for d in docs))


def collect_reuse(corpus, *, table_options=None, scheduler: str | None = None, workers: int = 0,
                  k: int = SHINGLE_WORDS, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> list[DocumentReuse]:
    """:func:`shingle_batch` over every document of ``corpus`` (in worker processes, like the
    main pass; ``scheduler``/``workers`` as in :func:`lib.passes.pipeline.analyse_corpus`), sorted by doc_id."""
    import functools

    from lib.paths import resolve
    from lib.passes.pipeline import stream_batches

    func = functools.partial(shingle_batch, k=k, num_perm=num_perm, seed=seed)
    out: list[DocumentReuse] = []
    for batch in stream_batches(resolve(corpus), func, table_options=table_options, scheduler=scheduler,
                                workers=workers, desc="shingles"):
        out.extend(batch.docs)
    return sorted(out, key=lambda d: d.doc_id)
