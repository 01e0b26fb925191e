"""Speed of the reference VADER against :mod:`lib.sentiment.vader`, on Reuters sentences.

    .venv/bin/python -m benchmarks.vader_speed [--limit 2000] [--repeat 5]

Takes the sentences of the first ``--limit`` Reuters stories as the pass makes them
(cleaned paragraphs, :func:`lib.text.sentences.split_sentences`, typography normalised),
scores each with the reference ``polarity_scores`` and with
:func:`lib.sentiment.vader.polarity` (no memo: every sentence is scored), and prints the
number of sentences, the best of ``--repeat`` alternating timings of each, the speed-up and the
number of sentences whose four values differ (must be 0; exit status 1 otherwise).

Then the same for :func:`lib.sentiment.scores.sentence_evidence` (the evidence rows of every
sentence) as it was, built from the reference analyzer, observed
(``tests/evidence_oracle.py``), and as it is (:func:`lib.sentiment.vader.analyse_text`), with the
number of sentences whose rows differ (must be 0).
"""
from __future__ import annotations

import argparse
import sys
import time

from lib.paths import REUTERS_JSONL


def reuters_sentences(limit: int) -> list[str]:
    from lib.text.cleaning import clean_text
    from lib.ingest.corpus import Document
    from lib.ingest.readers import iter_jsonl
    from lib.text.sentences import split_sentences
    from lib.text.normalize import normalize_typography

    out = []
    docs = (d for d in iter_jsonl(REUTERS_JSONL, rel=REUTERS_JSONL.name) if isinstance(d, Document))
    for n, doc in enumerate(docs):
        if n == limit:
            break
        text = doc.text
        for p_start, p_end in clean_text(text).paragraphs:
            out.extend(normalize_typography(text[s:e]) for s, e in split_sentences(text, p_start, p_end))
    return out


def timings(fns, sentences: list[str], repeat: int) -> list[tuple[float, list]]:
    """Best time and results of each of ``fns``, run in turn ``repeat`` times (alternating
    keeps a load that comes and goes on a shared machine from favouring one of them)."""
    best = [float("inf")] * len(fns)
    results: list[list] = [[] for _ in fns]
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            results[k] = [fn(s) for s in sentences]
            best[k] = min(best[k], time.perf_counter() - t0)
    return list(zip(best, results))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000, help="Reuters stories (default 2000)")
    ap.add_argument("--repeat", type=int, default=5, help="timings of each, the best is kept (default 5)")
    args = ap.parse_args(argv)

    from lib.sentiment.scores import sentence_evidence
    from lib.sentiment.vader import polarity, reference_polarity, scorer
    from tests.evidence_oracle import analyzer, reference_evidence

    scorer(), analyzer()  # load the lexicons before timing
    sentences = reuters_sentences(args.limit)
    print(f"sentences          {len(sentences)}")
    status = 0
    for name, ref_fn, fast_fn in [("polarity", reference_polarity, polarity),
                                  ("sentence_evidence", reference_evidence, sentence_evidence)]:
        (ref_s, ref), (fast_s, fast) = timings([ref_fn, fast_fn], sentences, args.repeat)
        differing = sum(a != b for a, b in zip(ref, fast))
        print(name)
        print(f"  reference seconds  {ref_s:.3f}")
        print(f"  fast seconds       {fast_s:.3f}")
        print(f"  speed-up           {ref_s / fast_s:.1f}x")
        print(f"  differing          {differing}")
        if differing:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
