"""Topics against Reuters-21578's topic labels: normalised mutual information, ours vs the plain recipe.

Usage, from the repository root::

    .venv/bin/python -m benchmarks.topics_nmi

The stories: those of ``lib.paths.REUTERS_JSONL`` whose ``topics`` list holds exactly one
topic, that topic being one of the ten most frequent (counted over every story). Each story's
*main topic* is its largest share; NMI (``sklearn.metrics.normalized_mutual_info_score``,
arithmetic mean) compares main topics with labels, so 1 is a perfect match up to renaming.

* **plain**: ``TfidfVectorizer()`` and ``NMF(n_components=10)``, both with scikit-learn's
  defaults, on the stories' raw text.
* **ours**: :mod:`lib.stories.topics` as notebook 06 runs it, on the same stories: the terms of
  the streaming pass (cleaned body, the project's tokens and stopwords), document-frequency
  limits, sublinear tf-idf, NNDSVD; with 10 topics, and with the number its coherence rule
  picks. Nothing here is tuned to the labels: the settings are the module's constants. The few
  stories with no term left after the document-frequency limits (tables of figures) form one
  more cluster, so both recipes are scored on the same stories.

The pass over the corpus is cached under ``runs/.cache`` (as in a notebook run), so a second
run takes seconds.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import numpy as np

from lib.ingest import readers
from lib.measures import terms
from lib.passes import pipeline
from lib.paths import REUTERS_JSONL
from lib.stories import topics

TOP_LABELS = 10


def labelled_stories(path=REUTERS_JSONL, *, top: int = TOP_LABELS) -> dict[str, tuple[str, str]]:
    """doc_id -> (label, raw text) for the stories with exactly one of the ``top`` most frequent topics."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    freq = Counter(t for r in rows for t in r.get("topics") or [])
    keep = {t for t, _ in freq.most_common(top)}
    name = path.name
    return {f"{name}#{r['id']:06d}": (r["topics"][0], r["text"]) for r in rows
            if len(r.get("topics") or []) == 1 and r["topics"][0] in keep}


def nmi(labels: list[str], predicted: list[int]) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(labels, predicted))


def plain(texts: list[str], *, n_topics: int = TOP_LABELS) -> np.ndarray:
    """The plain recipe: each story's main topic."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    return NMF(n_components=n_topics).fit_transform(x).argmax(axis=1)


def ours(dtm: topics.DocumentTerms, *, n_topics: int, model: str = "nmf", seed: int = 0) -> dict[str, int]:
    """Notebook 06's model: each story's main topic (stories with no term left have none)."""
    fitted = topics.fit_topics(dtm, n_topics=n_topics, model=model, seed=seed)
    return topics.main_topics(topics.document_topics(fitted)).to_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lda", action="store_true", help="also score the LDA option (slow: minutes)")
    args = parser.parse_args()
    stories = labelled_stories()
    ids = sorted(stories)
    labels = [stories[d][0] for d in ids]
    print(f"{len(ids):,} stories with exactly one of the {TOP_LABELS} most frequent topics: "
          + ", ".join(f"{t} {n}" for t, n in Counter(labels).most_common()))
    rows = []
    t = time.perf_counter()
    rows.append(("plain: TfidfVectorizer() + NMF(n_components=10), defaults, raw text", TOP_LABELS,
                 nmi(labels, list(plain([stories[d][1] for d in ids]))), len(ids), time.perf_counter() - t))
    stats = pipeline.analyse_corpus(REUTERS_JSONL, table_options=readers.TableOptions())
    wanted = set(ids)
    t0 = time.perf_counter()
    dtm = topics.limit_terms(topics.document_term_matrix(stats, exclude=terms.reporting_verbs()).only(wanted))
    prep = time.perf_counter() - t0
    settings = (f"pass terms (stopwords and reporting verbs out), df >= {topics.MIN_DF} and <= {topics.MAX_DF:.0%} of stories "
                f"({dtm.shape[1]:,} terms), sublinear tf-idf, l2, NMF init=nndsvd tol={topics.NMF_TOL:g}")

    def score(desc: str, k: int, model: str = "nmf") -> None:
        t = time.perf_counter()
        main_topic = ours(dtm, n_topics=k, model=model)
        # A story left without terms (a table of figures) is scored as a cluster of its own, so
        # both recipes are judged on the same stories.
        rows.append((desc, k, nmi(labels, [main_topic.get(d, 0) for d in ids]), len(ids),
                     time.perf_counter() - t + prep))

    score(f"ours: {settings}", TOP_LABELS)
    t = time.perf_counter()
    coherence = topics.choose_n_topics(dtm)
    chosen = topics.chosen_topics(coherence)
    rule_time = time.perf_counter() - t
    score(f"ours, n_topics by the coherence rule ({rule_time:.0f} s to choose)", chosen)
    if args.lda:
        score("ours, LDA on the same terms (counts)", TOP_LABELS, "lda")
    print()
    print("| model | topics | NMI | stories | seconds |")
    print("|---|---|---|---|---|")
    for desc, k, score_, n, secs in rows:
        print(f"| {desc} | {k} | {score_:.3f} | {n:,} | {secs:.1f} |")
    print()
    print("coherence rule (mean NPMI of each topic's top terms):",
          ", ".join(f"k={k}: {c:.4f}{' (chosen)' if ch else ''}" for k, c, ch in coherence.itertuples(index=False)))


if __name__ == "__main__":
    main()
