"""Reused copy across documents: near-duplicate pairs, the passages they share, story groups.

Takes the per-document results of :mod:`lib.stories.shingles` (shingle hashes, token offsets,
MinHash signatures): candidate pairs from a MinHash LSH Ensemble index (``datasketch``,
containment queries, Zhu et al. 2016), never all pairs; exact verification on the shingle
sets; the shared passages as aligned runs of shared shingles, with offsets into both texts;
story groups as connected components of the pairs; each document's share of text found in an
earlier one.

``items`` is every document's :class:`~lib.stories.shingles.DocumentReuse`, in any order: a list,
or anything that can be iterated more than once (the pass's spool,
:meth:`lib.passes.pipeline.CorpusStats.reuse`). Each function reads it from start to end and keeps
only what it needs: the signatures for the index, the shingle sets of the documents in candidate
pairs, the shingle positions of the documents in verified pairs. So memory grows with the
documents that share text, not with every document's shingles.
"""
from __future__ import annotations

import gc
import math
from typing import Collection, Iterable

import numpy as np
import pandas as pd

from lib.stories.shingles import MINHASH_SCHEME, MINHASH_SEED, NUM_PERM, SHINGLE_WORDS, DocumentReuse, Shingles

# LSH Ensemble (datasketch): size partitions, the largest band size tried, and the weights of
# false positives and false negatives when it picks bands per partition (datasketch's default
# weights). Few partitions and short bands keep the index small and fast; the extra
# candidates they let through cost one exact check each.
LSH_PARTITIONS = 4
LSH_MAX_ROWS = 2
LSH_WEIGHTS = (0.5, 0.5)
# Set sizes are rounded up to steps of this ratio before indexing: datasketch's partitioning
# is quadratic in the number of distinct sizes (3.7 s for Reuters' 794, measured).
SIZE_STEP = 1.05
DEFAULT_MIN_CONTAINMENT = 0.5
# A pair must share at least this many words in passages of SHINGLE_WORDS or more: about one
# sentence. Below it, shared text is no evidence of a shared story: templates match exactly
# ("Qtly div six cts vs six cts prior", a dividend notice, is 8 words).
DEFAULT_MIN_SHARED_WORDS = 15
DECIMALS = 4

PAIR_COLUMNS = ["doc_a", "doc_b", "jaccard", "containment_a", "containment_b", "shared_words"]
PASSAGE_COLUMNS = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "words"]
GROUP_COLUMNS = ["story_group", "documents", "order", "doc_id", "date", "title", "reused_share"]
DOCUMENT_STORY_COLUMNS = ["doc_id", "story_group", "group_documents", "first_in_group", "reused_share"]
GROUP_SIZE_COLUMNS = ["documents", "groups"]
SOURCE_REUSE_COLUMNS = ["source", "copied_from", "pairs", "documents", "shared_words"]


def size_step(n: int, *, step: float = SIZE_STEP) -> int:
    """``n`` rounded up to the next power of ``step`` once steps are wider than 1 (above 20
    for 1.05), so that sizes differ by at most that ratio from what they were.

    >>> [size_step(n) for n in (1, 2, 20, 21, 22, 100, 101)]
    [1, 2, 20, 22, 23, 104, 104]
    """
    if n <= round(1 / (step - 1)):
        return n
    return int(math.ceil(step ** math.ceil(math.log(n) / math.log(step) - 1e-9) - 1e-9))


def candidate_pairs(items: Iterable[DocumentReuse], *, min_containment: float = DEFAULT_MIN_CONTAINMENT,
                    min_shingles: int = 1, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> list[tuple[str, str]]:
    """Pairs ``(a, b)``, ``a < b``, that may share ``min_containment`` of either one's shingles.

    Every document with at least ``min_shingles`` shingles is indexed by its signature and
    size in a ``datasketch.MinHashLSHEnsemble`` (Zhu et al. 2016) and queried once: the
    index returns the documents that probably contain at least ``min_containment`` of the
    query's shingles, whatever their sizes. Time and memory grow with the number of
    documents (and the candidates found), never with its square.
    """
    from datasketch import LeanMinHash, MinHashLSHEnsemble

    entries = sorted((d.doc_id, LeanMinHash(seed=seed, hashvalues=d.signature[:num_perm], scheme=MINHASH_SCHEME),
                      size_step(len(d.shingles.unique)))
                     for d in items if len(d.shingles.unique) >= max(min_shingles, 1))
    if len(entries) < 2:
        return []
    index = MinHashLSHEnsemble(threshold=min_containment, num_perm=num_perm, num_part=LSH_PARTITIONS,
                               m=LSH_MAX_ROWS, weights=LSH_WEIGHTS)
    index.index(entries)
    found: set[tuple[str, str]] = set()
    for key, mh, size in entries:
        for other in index.query(mh, size):
            if other != key:
                found.add((key, other) if key < other else (other, key))
    # Each of datasketch's indexes refers to itself (a bound method kept as an attribute), so
    # only the cycle collector frees it: collect now rather than carry the index (8 to 15 kB a
    # document, measured) through the verification that follows.
    del index
    gc.collect()
    return sorted(found)


def shared_count(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted arrays of distinct values share (each value of the shorter
    one looked up in the longer by binary search: no merged copy is built).

    >>> shared_count(np.array([1, 3, 5, 7], dtype=np.uint64), np.array([3, 4, 7], dtype=np.uint64))
    2
    """
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    return int(np.count_nonzero(b[pos] == a))


def overlap(a: Shingles, b: Shingles) -> tuple[int, float, float, float]:
    """``(shared, jaccard, containment_a, containment_b)`` of two documents' shingle sets, exactly.

    >>> from lib.stories.shingles import document_shingles
    >>> from lib.text.tokens import tokenize
    >>> a = document_shingles("a", tokenize("one two three four five six seven eight"))
    >>> b = document_shingles("b", tokenize("one two three four five six nine ten eleven twelve"))
    >>> overlap(a, b)
    (2, 0.25, 0.5, 0.3333)
    """
    ua, ub = a.unique, b.unique
    shared = shared_count(ua, ub)
    union = len(ua) + len(ub) - shared
    return (shared, round(shared / union, DECIMALS) if union else 0.0,
            round(shared / len(ua), DECIMALS) if len(ua) else 0.0,
            round(shared / len(ub), DECIMALS) if len(ub) else 0.0)


def shared_passages(a: Shingles, b: Shingles) -> list[tuple[int, int, int]]:
    """The passages two documents share: ``(first token in a, first token in b, tokens)``.

    Positions where both documents have the same shingle are joined into runs along each
    diagonal (the same offset between the two texts); the longest runs are taken first, and
    a run is cut where it overlaps tokens already taken on either side, so every token of
    each document is in at most one passage. Sorted by position in ``a``.

    >>> from lib.stories.shingles import document_shingles
    >>> from lib.text.tokens import tokenize
    >>> a = document_shingles("a", tokenize("x1 x2 one two three four five six y1 seven eight nine ten eleven"))
    >>> b = document_shingles("b", tokenize("seven eight nine ten eleven z1 z2 one two three four five six"))
    >>> shared_passages(a, b)
    [(2, 7, 6), (9, 0, 5)]
    """
    k = a.k
    common = np.intersect1d(a.unique, b.unique, assume_unique=True)
    if not len(common):
        return []
    ia = np.flatnonzero(np.isin(a.hashes, common))
    ib = np.flatnonzero(np.isin(b.hashes, common))
    order = np.argsort(b.hashes[ib], kind="stable")
    hb, pos_b = b.hashes[ib][order], ib[order]
    ha = a.hashes[ia]
    lo, hi = np.searchsorted(hb, ha, "left"), np.searchsorted(hb, ha, "right")
    counts = hi - lo
    i = np.repeat(ia, counts)
    # Every position in b of each of a's shared shingles: lo, lo+1, ..., hi-1 per position in a.
    first = np.cumsum(counts) - counts
    j = pos_b[np.repeat(lo, counts) + np.arange(int(counts.sum())) - np.repeat(first, counts)]
    diag = j - i
    srt = np.lexsort((i, diag))
    i, diag = i[srt], diag[srt]
    # A new run starts where the diagonal changes or the position jumps.
    new = np.ones(len(i), dtype=bool)
    new[1:] = (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)
    starts = np.flatnonzero(new)
    lengths = np.diff(np.append(starts, len(i)))
    runs = sorted(((int(n) + k - 1, int(i[s]), int(i[s] + diag[s])) for s, n in zip(starts, lengths)),
                  key=lambda r: (-r[0], r[1], r[2]))
    used_a = np.zeros(a.words, dtype=bool)
    used_b = np.zeros(b.words, dtype=bool)
    out = []
    for n, pa, pb in runs:
        free = ~used_a[pa:pa + n] & ~used_b[pb:pb + n]
        for s, e in _true_segments(free):
            if e - s >= k:
                out.append((pa + s, pb + s, e - s))
                used_a[pa + s:pa + e] = True
                used_b[pb + s:pb + e] = True
    return sorted(out)


def _true_segments(mask: np.ndarray) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of True in ``mask``.

    >>> _true_segments(np.array([True, True, False, True]))
    [(0, 2), (3, 4)]
    """
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))


def order_key(documents: pd.DataFrame) -> dict[str, tuple]:
    """Each document's place in time: by date, then doc_id; undated documents after dated ones."""
    ids = documents["doc_id"].tolist()
    dates = documents["date"].fillna("").astype(str).tolist() if "date" in documents.columns else [""] * len(ids)
    return {d: (dt == "", dt, d) for d, dt in zip(ids, dates)}


def informative_sources(documents: pd.DataFrame) -> bool:
    """Whether the ``source`` column says more than the file each document came from: at
    least two sources, and one of them with several documents.

    >>> informative_sources(pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["x", "x", "y"]}))
    True
    >>> informative_sources(pd.DataFrame({"doc_id": ["a", "b"], "source": ["a", "b"]}))
    False
    """
    if "source" not in documents.columns or documents.empty:
        return False
    counts = documents["source"].fillna("").astype(str).value_counts()
    return len(counts) >= 2 and int(counts.max()) >= 2


def _meta_columns(documents: pd.DataFrame) -> list[str]:
    """The metadata that tells a pair's story, when the corpus has it."""
    cols = []
    if "date" in documents.columns and (documents["date"].fillna("").astype(str) != "").any():
        cols.append("date")
    if informative_sources(documents):
        cols.append("source")
    cols.append("title")
    return cols


def _column(documents: pd.DataFrame, name: str) -> list[str]:
    """A metadata column as a list of strings (empty strings when the column is absent)."""
    if name not in documents.columns:
        return [""] * len(documents)
    return documents[name].fillna("").astype(str).tolist()


def _titles(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's title, else the headline cleaning found."""
    return {d: t or h for d, t, h in zip(documents["doc_id"].tolist(), _column(documents, "title"),
                                          _column(documents, "headline"))}


def near_duplicates(items: Iterable[DocumentReuse], documents: pd.DataFrame, *,
                    min_containment: float = DEFAULT_MIN_CONTAINMENT,
                    min_shared_words: int = DEFAULT_MIN_SHARED_WORDS,
                    candidates: Iterable[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Every pair of documents sharing at least ``min_containment`` of either one's shingles
    and at least ``min_shared_words`` words in passages.

    Candidates come from :func:`candidate_pairs` (or ``candidates``); each is verified on
    the exact shingle sets (only the candidates' sets are kept), then its shared passages are
    aligned (only the verified pairs' shingle positions are kept). ``jaccard`` = shared / union;
    ``containment_a`` = shared / a's shingles (a short story inside a long one: near 1 on its
    side); ``shared_words`` = tokens of ``a`` in the passages the two share
    (:func:`shared_passages`); then ``date_a``/``date_b`` (when dates exist),
    ``source_a``/``source_b`` (when sources are more than files) and ``title_a``/``title_b``.
    Sorted by doc_a, doc_b. ``attrs`` holds the candidate count.
    """
    if not 0.0 < min_containment <= 1.0:
        raise ValueError(f"min_containment must be in (0, 1], not {min_containment!r}")
    k = next((d.shingles.k for d in items), SHINGLE_WORDS)
    min_shingles = max(1, min_shared_words - k + 1)
    pairs = candidates if candidates is not None else candidate_pairs(
        items, min_containment=min_containment, min_shingles=min_shingles)
    pairs = sorted(set(pairs))
    paired = _paired(pairs)
    sets = {d.doc_id: d.shingles.unique for d in items if d.doc_id in paired}
    # Most candidates stop here, before any rounding or alignment.
    verified = [(a, b) for a, b in pairs if shared_count(sets[a], sets[b])
                >= max(min_shingles, min_containment * min(len(sets[a]), len(sets[b])))]
    del sets
    by_id = _shingles(items, _paired(verified))
    rows = []
    for a, b in verified:
        sa, sb = by_id[a], by_id[b]
        shared, jac, ca, cb = overlap(sa, sb)
        words = sum(n for _, _, n in shared_passages(sa, sb))
        if words >= min_shared_words:
            rows.append((a, b, jac, ca, cb, words))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    meta = documents.set_index("doc_id")
    titles = _titles(documents)
    for col in _meta_columns(documents):
        for side in ("a", "b"):
            ids = out[f"doc_{side}"]
            out[f"{col}_{side}"] = ids.map(titles) if col == "title" else ids.map(meta[col].fillna("").astype(str))
    out = out.astype({c: str for c in out.columns if c.startswith(("date_", "source_", "title_"))})
    out.attrs = {"candidates": len(pairs), "min_containment": min_containment,
                 "min_shared_words": min_shared_words}
    return out


def reused_passages(items: Iterable[DocumentReuse], pairs: pd.DataFrame) -> pd.DataFrame:
    """The passages each pair shares, with character offsets into both texts:
    ``text_a[a_start:a_end]`` and ``text_b[b_start:b_end]`` hold the same ``words`` tokens
    (punctuation between them may differ). Sorted by doc_a, doc_b, a_start."""
    ends = list(pairs[["doc_a", "doc_b"]].itertuples(index=False, name=None))
    by_id = _shingles(items, _paired(ends))
    rows = []
    for a, b in ends:
        sa, sb = by_id[a], by_id[b]
        for pa, pb, n in shared_passages(sa, sb):
            rows.append((a, int(sa.starts[pa]), int(sa.ends[pa + n - 1]), b, int(sb.starts[pb]),
                         int(sb.ends[pb + n - 1]), n))
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return out.sort_values(["doc_a", "doc_b", "a_start"], kind="stable").reset_index(drop=True)


def _paired(pairs: Iterable[tuple[str, str]]) -> set[str]:
    """The documents of some pair."""
    return {d for pair in pairs for d in pair}


def _shingles(items: Iterable[DocumentReuse], doc_ids: Collection[str]) -> dict[str, Shingles]:
    """The shingles of the documents named (``items`` read once; no other document's are kept)."""
    return {d.doc_id: d.shingles for d in items if d.doc_id in doc_ids}


def _components(doc_ids: list[str], pairs: pd.DataFrame) -> dict[str, int]:
    """Connected components of the pair graph: doc_id -> component label (scipy.sparse.csgraph)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pos = {d: i for i, d in enumerate(doc_ids)}
    a = pairs["doc_a"].map(pos).to_numpy(dtype=np.int64)
    b = pairs["doc_b"].map(pos).to_numpy(dtype=np.int64)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(len(doc_ids), len(doc_ids)))
    _, labels = connected_components(graph, directed=False)
    return dict(zip(doc_ids, labels.tolist()))


def reused_shares(items: Iterable[DocumentReuse], pairs: pd.DataFrame, documents: pd.DataFrame) -> dict[str, float]:
    """Each paired document's share of shingles also found in an earlier document it is paired
    with (earlier by date, then doc_id; see :func:`order_key`); 0 for a document with no earlier
    partner. Documents in no pair are left out (:func:`document_stories` gives them 0)."""
    key = order_key(documents)
    ends = list(pairs[["doc_a", "doc_b"]].itertuples(index=False, name=None))
    paired = _paired(ends)
    sets = {d.doc_id: d.shingles.unique for d in items if d.doc_id in paired}
    partners: dict[str, list[str]] = {d: [] for d in sets}
    for a, b in ends:
        later, earlier = (a, b) if key[a] > key[b] else (b, a)
        partners[later].append(earlier)
    out = {}
    for d, u in sets.items():
        found = np.zeros(len(u), dtype=bool)
        for e in partners[d]:
            found |= np.isin(u, sets[e], assume_unique=True)
        out[d] = round(float(found.mean()), DECIMALS) if found.any() else 0.0
    return out


def story_groups(items: Iterable[DocumentReuse], pairs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Documents joined by near-duplicate pairs into groups of one story (connected components).

    A row per document in a group of two or more: ``story_group`` (1 = the largest group;
    ties by the earliest document), ``documents`` (the group's size), ``order`` (1 = the
    earliest document, by date then doc_id), ``doc_id``, ``date``, ``title``, ``reused_share``
    (:func:`reused_shares`). Sorted by story_group, order.
    """
    key = order_key(documents)
    ids = list(documents["doc_id"])
    comp = _components(ids, pairs)
    members: dict[int, list[str]] = {}
    for d in ids:
        members.setdefault(comp[d], []).append(d)
    groups = sorted((sorted(m, key=key.__getitem__) for m in members.values() if len(m) > 1),
                    key=lambda m: (-len(m), key[m[0]]))
    dates = dict(zip(documents["doc_id"].tolist(), _column(documents, "date")))
    titles = _titles(documents)
    shares = reused_shares(items, pairs, documents)
    rows = [(g, len(m), o, d, dates.get(d, ""), titles.get(d, ""), shares.get(d))
            for g, m in enumerate(groups, start=1) for o, d in enumerate(m, start=1)]
    return pd.DataFrame(rows, columns=GROUP_COLUMNS).astype({"date": str, "title": str})


def document_stories(items: Iterable[DocumentReuse], groups: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The stories columns of every document (for ``documents.csv``): ``story_group`` (empty
    when the document has no near-duplicate), ``group_documents`` (1 when alone),
    ``first_in_group`` (the earliest of its group, or alone: what a deduplicated view keeps),
    ``reused_share`` (from ``groups``; 0 for a document alone, empty for one without
    shingles). Sorted by doc_id."""
    g = groups.set_index("doc_id")
    has_shingles = {d.doc_id for d in items if len(d.shingles.hashes)}
    ids = sorted(documents["doc_id"])
    out = pd.DataFrame({"doc_id": ids})
    out["story_group"] = pd.array([g.at[d, "story_group"] if d in g.index else None for d in ids], dtype="Int64")
    out["group_documents"] = [int(g.at[d, "documents"]) if d in g.index else 1 for d in ids]
    out["first_in_group"] = [bool(g.at[d, "order"] == 1) if d in g.index else True for d in ids]
    out["reused_share"] = pd.array([g.at[d, "reused_share"] if d in g.index else (0.0 if d in has_shingles else None)
                                    for d in ids], dtype="Float64")
    out = out[DOCUMENT_STORY_COLUMNS]
    # Why a cell may be empty (lib.run.folder checks numeric cells against these reasons).
    out.attrs = {"empty_cells": {"story_group": "the document has no near-duplicate",
                                 "reused_share": f"the document has fewer than {SHINGLE_WORDS} word or number "
                                                 "tokens, so no shingle"}}
    return out


def group_sizes(groups: pd.DataFrame) -> pd.DataFrame:
    """How many story groups have each size: ``documents``, ``groups``. Sorted by size."""
    if groups.empty:
        return pd.DataFrame(columns=GROUP_SIZE_COLUMNS)
    sizes = groups.drop_duplicates("story_group")["documents"].value_counts().sort_index()
    return pd.DataFrame({"documents": sizes.index.astype(int), "groups": sizes.to_numpy(dtype=int)})


def reuse_by_source(pairs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Who copies whom, when sources say more than files (:func:`informative_sources`).

    A row per (``source`` of the later document, ``copied_from`` = source of the earlier):
    ``pairs``, ``documents`` (distinct later documents), ``shared_words``. Pairs within
    one source are counted too (a source reprinting itself). Sorted by pairs (descending),
    source, copied_from. Empty when sources are only files.
    """
    if pairs.empty or not informative_sources(documents):
        return pd.DataFrame(columns=SOURCE_REUSE_COLUMNS)
    key = order_key(documents)
    src = dict(zip(documents["doc_id"].tolist(), _column(documents, "source")))
    rows = []
    for a, b, w in pairs[["doc_a", "doc_b", "shared_words"]].itertuples(index=False):
        later, earlier = (a, b) if key[a] > key[b] else (b, a)
        rows.append((src[later], src[earlier], later, int(w)))
    df = pd.DataFrame(rows, columns=["source", "copied_from", "doc", "shared_words"])
    g = df.groupby(["source", "copied_from"], sort=True)
    out = pd.DataFrame({"pairs": g.size(), "documents": g["doc"].nunique(),
                        "shared_words": g["shared_words"].sum()}).reset_index()
    out = out.sort_values(["pairs", "source", "copied_from"], ascending=[False, True, True], kind="stable")
    return out[SOURCE_REUSE_COLUMNS].reset_index(drop=True)


def copies(stories: pd.DataFrame) -> dict[str, str]:
    """The documents a deduplicated view sets aside: every document of a story group but its first,
    with the reason (for ``skipped.csv``).

    >>> s = pd.DataFrame({"doc_id": ["a", "b", "c"], "story_group": pd.array([1, 1, None], dtype="Int64"),
    ...                   "group_documents": [2, 2, 1], "first_in_group": [True, False, True], "reused_share": [0.0, 0.9, 0.0]})
    >>> copies(s)
    {'b': 'a later copy in story group 1 (its first document is a; dedupe=groups counts each story once)'}
    """
    first = dict(stories.loc[stories["first_in_group"] & stories["story_group"].notna(),
                             ["story_group", "doc_id"]].itertuples(index=False))
    later = stories[~stories["first_in_group"]]
    return {d: f"a later copy in story group {int(g)} (its first document is {first[g]}; dedupe=groups counts "
               f"each story once)" for d, g in zip(later["doc_id"], later["story_group"])}
