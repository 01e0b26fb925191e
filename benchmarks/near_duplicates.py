"""Time and memory of the near-duplicate step on a tenth of Reuters-21578 and on all of it, and
the LSH's recall against every pair counted exactly.

Usage, from the repository root::

    .venv/bin/python -m benchmarks.near_duplicates            # a tenth, then all 18,781 stories
    .venv/bin/python -m benchmarks.near_duplicates --no-recall

Each size runs in a fresh process (so peak RSS is its own), on one core:

* **per document**: :func:`lib.stories.shingles.document_reuse` on every story (cleaning, tokens,
  shingle hashes, MinHash signature), the part that runs in the workers of a notebook;
* **across documents**: :func:`~lib.stories.reuse.candidate_pairs` (the MinHash LSH Ensemble
  index and one query per story), then :func:`~lib.stories.reuse.near_duplicates` (exact
  verification and shared words), :func:`~lib.stories.reuse.reused_passages` and
  :func:`~lib.stories.reuse.story_groups`.

The stories are the first N documents the corpus reader gives (byte-identical texts are read
once, so all of Reuters is 18,781 documents). **Recall** (on all of it): every pair of stories
that share any shingle is counted exactly (a sparse product of the story-by-shingle matrix: the
all-pairs computation the LSH avoids), and the pairs that pass the same thresholds are compared
with those the LSH proposed.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from lib.paths import REUTERS_JSONL


def documents(n: int | None) -> list:
    from lib.ingest.corpus import Document, iter_corpus

    out = []
    for d in iter_corpus(REUTERS_JSONL):
        if isinstance(d, Document):
            out.append(d)
            if n and len(out) == n:
                break
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def exact_pairs(items, min_containment: float) -> list[tuple[str, str]]:
    """Every pair sharing at least ``min_containment`` of the smaller side's shingles, counted exactly."""
    from scipy.sparse import csr_matrix

    allh = np.unique(np.concatenate([d.shingles.unique for d in items]))
    rows = np.concatenate([np.full(len(d.shingles.unique), i) for i, d in enumerate(items)])
    cols = np.concatenate([np.searchsorted(allh, d.shingles.unique) for d in items])
    m = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(items), len(allh)))
    shared = (m @ m.T).tocoo()
    sizes = np.array([len(d.shingles.unique) for d in items])
    keep = (shared.row < shared.col) & (shared.data >= min_containment * np.minimum(sizes[shared.row], sizes[shared.col]))
    return [(items[i].doc_id, items[j].doc_id) for i, j in zip(shared.row[keep], shared.col[keep])]


def child(n: int | None, recall: bool) -> dict:
    from lib.stories import reuse, shingles

    docs = documents(n)
    meta = pd.DataFrame({"doc_id": [d.doc_id for d in docs], "date": [d.meta.get("date", "") for d in docs],
                         "title": [d.meta.get("title", "") for d in docs]})
    t0 = time.perf_counter()
    items = sorted((shingles.text_reuse(d.doc_id, d.text) for d in docs), key=lambda x: x.doc_id)
    t1 = time.perf_counter()
    del docs
    rss_items = _rss_mb()
    cands = reuse.candidate_pairs(items, min_shingles=reuse.DEFAULT_MIN_SHARED_WORDS - shingles.SHINGLE_WORDS + 1)
    t2 = time.perf_counter()
    pairs = reuse.near_duplicates(items, meta, candidates=cands)
    passages = reuse.reused_passages(items, pairs)
    groups = reuse.story_groups(items, pairs, meta)
    t3 = time.perf_counter()
    out = {"documents": len(items), "shingles": int(sum(len(d.shingles.hashes) for d in items)),
           "per_document_s": t1 - t0, "lsh_s": t2 - t1, "verify_s": t3 - t2, "candidates": len(cands),
           "pairs": len(pairs), "passages": len(passages), "groups": int(groups["story_group"].nunique()),
           "grouped_documents": len(groups), "rss_items_mb": rss_items, "peak_rss_mb": _rss_mb(),
           "largest": [(int(g), int(s), str(t)) for g, s, t in
                       groups.drop_duplicates("story_group")[["story_group", "documents", "title"]].head(5)
                       .itertuples(index=False)]}
    if recall:
        every = reuse.near_duplicates(items, meta, candidates=exact_pairs(items, reuse.DEFAULT_MIN_CONTAINMENT))
        found = set(zip(pairs["doc_a"], pairs["doc_b"]))
        size = {d.doc_id: len(d.shingles.unique) for d in items}
        every["found"] = [p in found for p in zip(every["doc_a"], every["doc_b"])]
        every["top"] = every[["containment_a", "containment_b"]].max(axis=1)
        every["skew"] = [max(size[a], size[b]) / min(size[a], size[b]) for a, b in zip(every["doc_a"], every["doc_b"])]
        bands = {"all": every, "containment 0.5-0.6": every[every["top"] < 0.6],
                 "containment >= 0.6": every[every["top"] >= 0.6],
                 "sizes differ > 2x": every[every["skew"] > 2]}
        out["recall"] = {k: [int(v["found"].sum()), len(v)] for k, v in bands.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--recall-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-recall", action="store_true", help="skip the exact all-pairs count")
    parser.add_argument("--fraction", type=int, default=10, help="the slice is 1/FRACTION of the corpus (10)")
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child or None, args.recall_child)))
        return
    total = len(documents(None))
    sizes = [total // args.fraction, total]
    results = []
    for n in sizes:
        cmd = [sys.executable, "-m", "benchmarks.near_duplicates", "--child", str(n)]
        if n == total and not args.no_recall:
            cmd.append("--recall-child")
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print("| stories | shingles | per document s | LSH s | verify, passages, groups s | candidates | pairs | groups | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['documents']:,} | {r['shingles']:,} | {r['per_document_s']:.1f} | {r['lsh_s']:.1f} | "
              f"{r['verify_s']:.1f} | {r['candidates']:,} | {r['pairs']:,} | {r['groups']:,} | {r['peak_rss_mb']:.0f} |")
    a, b = results
    print(f"\n{b['documents'] / a['documents']:.1f}x the stories: per document {b['per_document_s'] / a['per_document_s']:.1f}x, "
          f"LSH {b['lsh_s'] / a['lsh_s']:.1f}x, verification {b['verify_s'] / a['verify_s']:.1f}x, "
          f"peak RSS {b['peak_rss_mb'] / a['peak_rss_mb']:.2f}x "
          f"(after the per-document step: {a['rss_items_mb']:.0f} and {b['rss_items_mb']:.0f} MB)")
    print(f"All of Reuters: {b['pairs']:,} near-duplicate pairs in {b['groups']:,} story groups holding "
          f"{b['grouped_documents']:,} of {b['documents']:,} stories; the largest:")
    for g, s, t in b["largest"]:
        print(f"  group {g}: {s} stories, first \"{t}\"")
    if "recall" in b:
        print("\nRecall of the LSH against every pair counted exactly (min_containment 0.5, min_shared_words 15):")
        for k, (hit, n) in b["recall"].items():
            print(f"  {k}: {hit:,} of {n:,} = {hit / n:.3f}" if n else f"  {k}: no pair")


if __name__ == "__main__":
    main()
