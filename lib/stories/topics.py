"""What the corpus is about: a topic model over the document-term matrix of the pass.

The matrix is built from the per-document term Counters the streaming pass already keeps
(:meth:`lib.passes.pipeline.CorpusStats.matrix`: non-stopword word tokens, case-folded), so the
model sees the project's tokens and stopwords. Choices, each general rather than tuned to a
corpus:

* **terms**: kept when in at least :data:`MIN_DF` documents (a term of one document cannot
  tie documents together) and in at most :data:`MAX_DF` of them (a term in nearly every
  document separates nothing). The upper limit is deliberately loose: the stopwords are
  already out, idf discounts frequent terms, and a tighter limit (0.5 was tried first) deletes
  the words a majority of the documents share against the rest, such as "said", which
  separates reported stories from tables of figures;
* **NMF** (the default) on tf-idf with sublinear tf (1 + ln tf: the tenth "oil" in a story
  adds less than the first), smoothed idf and l2-normalised rows (long stories do not weigh
  more), initialised by NNDSVD (Boutsidis & Gallopoulos 2008: deterministic, and it gives
  sparse topics), stopped at a tolerance of :data:`NMF_TOL`; scikit-learn's other defaults
  (coordinate descent, Frobenius loss);
* **LDA** (``model="lda"``) on the raw counts (it models counts), scikit-learn's defaults
  (batch variational Bayes, 10 iterations), seeded;
* **number of topics**: when not given, each of :data:`CANDIDATE_TOPICS` (up to the number of
  documents) is fitted and scored by topic coherence, the mean NPMI of each topic's
  :data:`COHERENCE_TERMS` top terms over document co-occurrence (Bouma 2009; Lau, Newman &
  Baldwin 2014; Röder et al. 2015's C_NPMI with documents as windows). The most coherent k
  wins; a tie goes to the smaller k. On a corpus of more than :data:`SELECTION_DOCUMENTS`
  documents the rule runs on a random sample of that many (drawn with ``seed``), so choosing
  costs the same on any corpus; the chosen model is then fitted on every document.

A document's shares are its row of the document-topic matrix scaled to sum to 1, shares
under :data:`MIN_SHARE` dropped and the rest scaled again. Topics are numbered by their
total share in the corpus (1 = the most prevalent).
"""
from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

MIN_DF = 2
MAX_DF = 0.95
CANDIDATE_TOPICS = (5, 10, 15, 20)
COHERENCE_TERMS = 10
MIN_SHARE = 0.01
LABEL_TERMS = 3
SELECTION_DOCUMENTS = 2000
# NMF stops when its projected gradient has fallen to this share of its start (scikit-learn's
# default is 1e-4): on all of Reuters (10 topics) the Frobenius error is the same to three
# decimals as after scikit-learn's 200 iterations (127.431), in 40 iterations and 1.4 s instead
# of 5.9 s (measured).
NMF_TOL = 1e-3
MODELS = ("nmf", "lda")
DECIMALS = 4

TOPIC_COLUMNS = ["topic", "rank", "term", "weight", "label"]
DOCUMENT_TOPIC_COLUMNS = ["doc_id", "topic", "share"]
COHERENCE_COLUMNS = ["n_topics", "coherence", "chosen"]
PERIOD_SHARE_COLUMNS = ["period", "documents", "topic", "label", "share"]
GROUP_SHARE_COLUMNS = ["group", "documents", "topic", "label", "share"]


@dataclass(frozen=True)
class DocumentTerms:
    """A document-term matrix of counts: rows ``doc_ids`` (sorted), columns ``terms`` (sorted)."""

    matrix: csr_matrix
    doc_ids: list[str]
    terms: list[str]

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def only(self, doc_ids) -> "DocumentTerms":
        """The rows of these documents (in this matrix's order)."""
        wanted = set(doc_ids)
        rows = [i for i, d in enumerate(self.doc_ids) if d in wanted]
        return DocumentTerms(self.matrix[rows].tocsr(), [self.doc_ids[i] for i in rows], self.terms)

    @classmethod
    def of(cls, doc_terms: Iterable[tuple[str, Counter]]) -> "DocumentTerms":
        """A small matrix written out as ``(doc_id, Counter of terms)`` pairs (examples, tests).

        >>> m = DocumentTerms.of([("b", Counter({"oil": 2, "price": 1})), ("a", Counter({"wheat": 3}))])
        >>> m.doc_ids, m.terms, m.matrix.toarray().tolist()
        (['a', 'b'], ['oil', 'price', 'wheat'], [[0, 0, 3], [2, 1, 0]])
        """
        pairs = sorted(doc_terms, key=lambda p: p[0])
        terms = sorted({t for _, c in pairs for t in c})
        col = {t: j for j, t in enumerate(terms)}
        rows = [(i, col[t], n) for i, (_, c) in enumerate(pairs) for t, n in c.items()]
        matrix = csr_matrix(([n for _, _, n in rows], ([i for i, _, _ in rows], [j for _, j, _ in rows])),
                            shape=(len(pairs), len(terms)), dtype=np.int64)
        return cls(matrix, [d for d, _ in pairs], terms)


def document_term_matrix(stats, *, exclude: Iterable[str] = ()) -> DocumentTerms:
    """The pass's document-word matrix restricted to its terms (no stopword, no word of
    ``exclude``): rows in doc_id order, columns in term order."""
    from lib.measures.terms import term_mask

    ids, words = stats.matrix_doc_ids(), stats.counts.vocab.words
    cols = sorted(np.flatnonzero(term_mask(stats, exclude) & (stats.counts.word_counts > 0)).tolist(),
                  key=words.__getitem__)
    rows = sorted(range(len(ids)), key=ids.__getitem__)
    matrix = stats.matrix()[rows][:, cols].astype(np.int64).tocsr()
    return DocumentTerms(matrix, [ids[r] for r in rows], [words[c] for c in cols])


def limit_terms(dtm: DocumentTerms, *, min_df: int = MIN_DF, max_df: float = MAX_DF) -> DocumentTerms:
    """Keep the terms in at least ``min_df`` documents and at most ``max_df`` of them, then
    the documents that still have a term.

    >>> m = DocumentTerms.of([("a", Counter({"oil": 1, "x": 1, "said": 1})), ("b", Counter({"oil": 1, "said": 1})),
    ...                           ("c", Counter({"wheat": 1, "said": 1})), ("d", Counter({"wheat": 1, "said": 1})),
    ...                           ("e", Counter({"said": 1}))])
    >>> limit_terms(m).terms, limit_terms(m).doc_ids
    (['oil', 'wheat'], ['a', 'b', 'c', 'd'])
    """
    n_docs = dtm.matrix.shape[0]
    df = np.asarray((dtm.matrix > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero((df >= min_df) & (df <= max_df * n_docs))
    m = dtm.matrix[:, keep]
    rows = np.flatnonzero(np.diff(m.indptr) > 0)
    return DocumentTerms(m[rows].tocsr(), [dtm.doc_ids[i] for i in rows], [dtm.terms[j] for j in keep])


def topic_weights(counts: csr_matrix) -> csr_matrix:
    """Sublinear tf (1 + ln tf), smoothed idf (ln((1 + D)/(1 + df)) + 1), rows scaled to unit
    length: scikit-learn's ``TfidfTransformer(sublinear_tf=True)``."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit_transform(counts).tocsr()


@dataclass(frozen=True)
class TopicModel:
    """A fitted model: ``doc_topic`` (documents × topics, rows summing to 1 or all zero) and
    ``topic_term`` (topics × terms, rows summing to 1), topics in order of prevalence."""

    kind: str
    n_topics: int
    seed: int
    doc_ids: list[str]
    terms: list[str]
    doc_topic: np.ndarray
    topic_term: np.ndarray


def _rows_to_one(x: np.ndarray) -> np.ndarray:
    s = x.sum(axis=1, keepdims=True)
    return np.divide(x, s, out=np.zeros_like(x), where=s > 0)


def fit_topics(dtm: DocumentTerms, *, n_topics: int, model: str = "nmf", seed: int = 0) -> TopicModel:
    """Fit NMF (on tf-idf) or LDA (on counts) with ``n_topics`` topics to a matrix from
    :func:`limit_terms`. The same matrix and seed give the same model; ``n_topics`` 0 gives
    an empty model (no topics)."""
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, not {model!r}")
    n_docs, n_terms = dtm.shape
    if n_topics == 0:  # no model: every table built from it is empty
        return TopicModel(model, 0, seed, dtm.doc_ids, dtm.terms, np.zeros((n_docs, 0)), np.zeros((0, n_terms)))
    if not 1 <= n_topics <= min(n_docs, n_terms):
        raise ValueError(f"n_topics must be between 1 and {min(n_docs, n_terms)} "
                         f"({n_docs} documents, {n_terms} terms), not {n_topics}")
    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread: the result then does not depend on the number of cores, and on a
    # shared two-core machine it is faster than two threads (5.8 vs 22 s for k = 20, measured).
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        if model == "nmf":
            from sklearn.decomposition import NMF

            est = NMF(n_components=n_topics, init="nndsvd", tol=NMF_TOL, random_state=seed)
            w = est.fit_transform(topic_weights(dtm.matrix))
        else:
            from sklearn.decomposition import LatentDirichletAllocation

            est = LatentDirichletAllocation(n_components=n_topics, random_state=seed)
            w = est.fit_transform(dtm.matrix)
    doc_topic = _rows_to_one(np.asarray(w, dtype=np.float64))
    topic_term = _rows_to_one(np.asarray(est.components_, dtype=np.float64))
    order = np.lexsort((np.arange(n_topics), -doc_topic.sum(axis=0).round(8)))
    return TopicModel(model, n_topics, seed, dtm.doc_ids, dtm.terms, doc_topic[:, order], topic_term[order])


def top_term_indices(model: TopicModel, n: int) -> np.ndarray:
    """Each topic's ``n`` highest-weighted term columns (ties by term order)."""
    return np.argsort(-model.topic_term, axis=1, kind="stable")[:, :n]


def npmi_coherence(dtm: DocumentTerms, term_indices: np.ndarray) -> np.ndarray:
    """Each topic's mean NPMI over the pairs of its terms, documents as the windows:
    NPMI = ln(P(a,b) / (P(a) P(b))) / −ln P(a,b), and −1 for a pair never seen together.

    >>> m = DocumentTerms.of([("a", Counter({"x": 1, "y": 1})), ("b", Counter({"x": 1, "y": 1})),
    ...                           ("c", Counter({"z": 1})), ("d", Counter({"z": 1, "w": 1}))])
    >>> m.terms
    ['w', 'x', 'y', 'z']
    >>> npmi_coherence(m, np.array([[1, 2], [0, 3], [0, 1]])).round(3).tolist()
    [1.0, 0.5, -1.0]
    """
    binary = (dtm.matrix > 0).astype(np.float64).tocsc()
    n_docs = binary.shape[0]
    out = []
    for idx in term_indices:
        sub = binary[:, idx]
        co = (sub.T @ sub).toarray()
        p = np.diag(co) / n_docs
        scores = []
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                pij = co[i, j] / n_docs
                if pij == 0:
                    scores.append(-1.0)
                elif pij == 1:
                    scores.append(1.0)
                else:
                    scores.append(math.log(pij / (p[i] * p[j])) / -math.log(pij))
        out.append(float(np.mean(scores)) if scores else 0.0)
    return np.array(out)


def candidate_topics(dtm: DocumentTerms, candidates: Iterable[int] = CANDIDATE_TOPICS) -> list[int]:
    """The numbers of topics the rule tries: those of ``candidates`` below the number of
    documents and terms, or that bound itself on a small corpus (none below 2).

    >>> candidate_topics(DocumentTerms.of([(str(i), Counter({f"t{i}": 1, f"t{i+1}": 1})) for i in range(12)]))
    [5, 10]
    """
    n_docs, n_terms = dtm.shape
    top = min(n_docs - 1, n_terms)
    ks = sorted({k for k in candidates if k <= top})
    return ks or ([top] if top >= 2 else [])


def sample_documents(dtm: DocumentTerms, n: int, *, seed: int = 0) -> DocumentTerms:
    """At most ``n`` documents of ``dtm``, drawn at random with ``seed`` (all when it has no more),
    with :func:`limit_terms` applied again to the sample."""
    if dtm.shape[0] <= n:
        return dtm
    rows = np.sort(np.random.default_rng(seed).choice(dtm.shape[0], size=n, replace=False))
    return limit_terms(DocumentTerms(dtm.matrix[rows].tocsr(), [dtm.doc_ids[i] for i in rows], dtm.terms))


def choose_n_topics(dtm: DocumentTerms, *, n_topics: int = 0, model: str = "nmf", seed: int = 0,
                    candidates: Iterable[int] = CANDIDATE_TOPICS,
                    sample: int = SELECTION_DOCUMENTS) -> pd.DataFrame:
    """The number of topics: ``n_topics`` when given (> 0; at most the documents or terms
    there are), else the candidate (:func:`candidate_topics`) with the highest mean NPMI
    coherence (:func:`npmi_coherence` of the top :data:`COHERENCE_TERMS` terms; ties: the
    smaller), each fitted on a sample of at most ``sample`` documents
    (:func:`sample_documents`). Columns ``n_topics``, ``coherence``, ``chosen``: a row per
    number tried (one when given, its coherence measured the same way); empty when no model
    can be fitted. ``attrs`` says how many documents the rule saw."""
    top = min(dtm.shape)
    ks = [min(n_topics, top)] if n_topics > 0 and top >= 1 else candidate_topics(dtm, candidates)
    part = sample_documents(dtm, sample, seed=seed)
    rows = []
    for k in ks:
        score = float("nan")
        if k <= min(part.shape):
            fitted = fit_topics(part, n_topics=k, model=model, seed=seed)
            score = round(float(npmi_coherence(part, top_term_indices(fitted, COHERENCE_TERMS)).mean()), DECIMALS)
        rows.append((k, score))
    out = pd.DataFrame(rows, columns=["n_topics", "coherence"])
    best = out.sort_values(["coherence", "n_topics"], ascending=[False, True], kind="stable").head(1)
    out["chosen"] = out.index.isin(best.index)
    out = out[COHERENCE_COLUMNS]
    out.attrs = {"measure": f"mean NPMI of each topic's top {COHERENCE_TERMS} terms, documents as windows",
                 "model": model, "documents": part.shape[0], "given": n_topics > 0,
                 "empty_cells": {"coherence": "more topics than the sample has documents or terms: not measured"}}
    return out


def chosen_topics(coherence: pd.DataFrame) -> int:
    """The number of topics :func:`choose_n_topics` settled on (0: no model can be fitted)."""
    chosen = coherence[coherence["chosen"].astype(bool)]
    return int(chosen["n_topics"].iloc[0]) if len(chosen) else 0


def describe(model: TopicModel, coherence: pd.DataFrame, *, documents: int) -> str:
    """One sentence on the model fitted, how its number of topics was set, and the documents
    it leaves out (or why there is no model). ``documents``: documents in the corpus."""
    if model.n_topics == 0:
        if documents < 2:
            return "One document: no topic model."
        return (f"No topic model: {len(model.doc_ids):,} of {documents:,} documents have a term that at least "
                f"{MIN_DF} documents share, too few to find topics in.")
    tried = ", ".join(str(k) for k in coherence["n_topics"])
    seen = coherence.attrs.get("documents", len(model.doc_ids))
    how = ("as given" if coherence.attrs.get("given") else
           f"chosen by mean NPMI coherence among {tried} topics, on {seen:,} documents")
    left = documents - int((model.doc_topic.sum(axis=1) > 0).sum())
    return (f"{model.kind.upper()} with {model.n_topics} topics ({how}) over {len(model.doc_ids):,} documents and "
            f"{len(model.terms):,} terms. {left:,} of {documents:,} documents have no term in the model, "
            f"so no row in document_topics.csv.")


def topic_labels(model: TopicModel, *, n: int = LABEL_TERMS) -> dict[int, str]:
    """A short label per topic (1-based): its top ``n`` terms joined by " / "."""
    idx = top_term_indices(model, n)
    return {t + 1: " / ".join(model.terms[j] for j in idx[t]) for t in range(model.n_topics)}


def topic_terms(model: TopicModel, *, top_n: int = 10) -> pd.DataFrame:
    """``topics.csv``: each topic's ``top_n`` terms, ``weight`` = the term's share of the topic's
    weight (rows of the topic-term matrix sum to 1; terms whose share rounds to 0 are left
    out), and the topic's ``label``."""
    labels = topic_labels(model)
    idx = top_term_indices(model, top_n)
    rows = [(t + 1, r + 1, model.terms[j], round(float(model.topic_term[t, j]), DECIMALS), labels[t + 1])
            for t in range(model.n_topics) for r, j in enumerate(idx[t])
            if round(float(model.topic_term[t, j]), DECIMALS) > 0]
    return pd.DataFrame(rows, columns=TOPIC_COLUMNS)


def document_topics(model: TopicModel, *, min_share: float = MIN_SHARE) -> pd.DataFrame:
    """``document_topics.csv``: a row per document and topic with a share of at least
    ``min_share``; each document's shares (rounded to 4 decimals) sum to exactly 1, the
    rounding remainder going to its largest share. A document without terms in the model
    has no row. Sorted by doc_id, topic."""
    rows = []
    scale = 10 ** DECIMALS
    for doc_id, shares in zip(model.doc_ids, model.doc_topic):
        keep = np.flatnonzero(shares >= min_share)
        if not len(keep):
            continue
        part = shares[keep] / shares[keep].sum()
        units = np.round(part * scale).astype(np.int64)
        units[int(np.argmax(part))] += scale - int(units.sum())
        rows.extend((doc_id, int(t) + 1, int(u) / scale) for t, u in zip(keep, units) if u > 0)
    return pd.DataFrame(rows, columns=DOCUMENT_TOPIC_COLUMNS)


def main_topics(doc_topics: pd.DataFrame) -> pd.Series:
    """Each document's largest topic (ties: the lower topic number), indexed by doc_id."""
    top = doc_topics.sort_values(["doc_id", "share", "topic"], ascending=[True, False, True], kind="stable")
    return top.drop_duplicates("doc_id").set_index("doc_id")["topic"]


def shares_by_period(doc_topics: pd.DataFrame, documents: pd.DataFrame, labels: dict[int, str], *,
                     period: str = "day") -> pd.DataFrame:
    """Mean topic share per period (``day``, ``week``, ``month``) over the dated documents with
    topics; shares of a period sum to 1. A row per period and topic, zeros included."""
    from lib.measures.trends import _period_of

    per = pd.Series(_period_of(documents["date"], period).to_numpy(), index=documents["doc_id"])
    return _mean_shares(doc_topics.assign(key=doc_topics["doc_id"].map(per).fillna("")), labels,
                        PERIOD_SHARE_COLUMNS, "period")


def shares_by_group(doc_topics: pd.DataFrame, documents: pd.DataFrame, labels: dict[int, str], *,
                    group_by: str, min_documents: int = 5) -> pd.DataFrame:
    """Mean topic share per group of ``group_by`` (a document with several values counts in
    each, one without in ``(none)``), for groups with at least ``min_documents`` documents.
    Empty when the documents have no such column."""
    from lib.measures.groups import groups_of

    if group_by not in documents.columns:
        return pd.DataFrame(columns=GROUP_SHARE_COLUMNS)
    gmap = {d: groups_of(v) for d, v in zip(documents["doc_id"], documents[group_by])}
    long = doc_topics.assign(key=doc_topics["doc_id"].map(gmap)).explode("key")
    long["key"] = long["key"].fillna("").astype(str)
    out = _mean_shares(long, labels, GROUP_SHARE_COLUMNS, "group")
    return out[out["documents"] >= min_documents].reset_index(drop=True)


def _mean_shares(long: pd.DataFrame, labels: dict[int, str], columns: list[str], name: str) -> pd.DataFrame:
    long = long[long["key"] != ""]
    if long.empty:
        return pd.DataFrame(columns=columns)
    n_docs = long.groupby("key")["doc_id"].nunique()
    sums = long.groupby(["key", "topic"])["share"].sum()
    rows = [(k, int(n_docs[k]), t, labels[t], round(float(sums.get((k, t), 0.0)) / int(n_docs[k]), DECIMALS))
            for k in sorted(n_docs.index) for t in sorted(labels)]
    return pd.DataFrame(rows, columns=columns).rename(columns={"key": name})
