"""Tables from the counts of one pass (:class:`lib.passes.pipeline.CorpusStats`), and comparisons across documents.

The first four functions give exactly the tables of :mod:`lib.measures.terms` (same
columns, values and row order) from the merged counters instead of a token
table, so they scale with the vocabulary, not the corpus. The rest compare
documents and groups of documents:

* **tf-idf** per document: ``tfidf = count * idf`` with the smoothed
  ``idf = ln((1 + D) / (1 + df)) + 1`` (D documents, df documents containing
  the term; scikit-learn's default), so a term in every document still counts
  once per occurrence; with one document tf-idf is the count.
* **keyness of a group against the rest of the corpus**: with *a* = the term's
  count in the group, *b* = in the rest, *c*, *d* = word tokens (stopwords
  included) in the group and in the rest, E₁ = c(a+b)/(c+d), E₂ = d(a+b)/(c+d):
  **G²** = 2 (a ln(a/E₁) + b ln(b/E₂)) (Rayson & Garside 2000, the
  log-likelihood of the Lancaster calculator; 3.84 ≈ p < 0.05,
  10.83 ≈ p < 0.001) and **log ratio** = log₂((a/c)/(b/d)) (Hardie 2014), with
  a zero count replaced by 0.5 so that it stays finite. A document in several
  groups (Reuters lists several topics) counts in each; a document with no
  value is in the group ``(none)``.
* **trends**: documents, word tokens, chosen terms' counts and rates, and mean
  compound per period (``day``, ``week`` starting Monday, ``month``), with the
  counts beside every rate so that thin periods show.
* **sentiment by group**: the distribution of the documents' mean compound in
  each group, with mean, standard deviation, standard error and quartiles.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Iterable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lib.measures import terms as t
from lib.run.folder import EMPTY_CELLS
from lib.views.plots import NoFigure
from lib.ingest.readers import LIST_SEPARATOR

NO_GROUP = "(none)"
PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
TFIDF_COLUMNS = ["doc_id", "rank", "term", "count", "documents", "idf", "tfidf"]
GROUP_KEYNESS_COLUMNS = ["group", "term", "count_group", "count_rest", "words_group", "words_rest",
                         "rate_group", "rate_rest", "g2", "log_ratio", "direction", "documents_group"]
TREND_COLUMNS = ["period", "documents", "words", "term", "count", "rate_per_1000"]
SENTIMENT_TREND_COLUMNS = ["period", "documents", "sentences", "mean_compound", "std_compound"]
GROUP_SENTIMENT_COLUMNS = ["group", "documents", "sentences", "mean_compound", "std_compound", "sem",
                           "q25", "median", "q75", "share_negative_docs", "share_positive_docs"]


# --- The term tables from the pass's counts (one implementation each, in lib.measures.terms) -----------

def term_mask(stats, exclude: Iterable[str] = ()) -> np.ndarray:
    """True for the vocabulary's terms: word norms that are neither stopwords nor in ``exclude``."""
    return ~stats.counts.mask(stats.options.stop | frozenset(exclude))


def term_frequencies(stats, *, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.term_table` of the pass's term counts (``exclude``: reporting verbs)."""
    c = stats.counts
    ids = np.flatnonzero(term_mask(stats, exclude) & (c.word_counts > 0))
    return t.term_table([c.vocab.words[i] for i in ids], c.word_counts[ids], c.word_documents[ids], stats.n_words)


def ngrams(stats, *, sizes: Iterable[int] = (2, 3), min_count: int = 1, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.ngram_table` of the pass's n-gram counts (``sizes`` must be among those counted).

    Rows below ``min_count`` or holding a word of ``exclude`` are dropped in arrays, before
    any n-gram's text is built."""
    sizes = sorted(set(sizes))
    if not sizes or sizes[0] < 1 or min_count < 1:
        raise ValueError("sizes must be positive integers and min_count at least 1")
    missing = set(sizes) - set(stats.options.ngram_sizes)
    if missing:
        raise ValueError(f"n-gram sizes {sorted(missing)} were not counted; pass ngram_sizes to analyse_corpus")
    words = stats.counts.vocab.words
    skip = stats.counts.mask(frozenset(exclude))
    grams, counts, docs = [], [], []
    for n in sizes:
        rows, c, d = stats.counts.ngrams(n)
        keep = (c >= min_count) & ~skip[rows].any(axis=1) if len(rows) else np.zeros(0, dtype=bool)
        grams += [" ".join(words[i] for i in r) for r in rows[keep].tolist()]
        counts.append(c[keep])
        docs.append(d[keep])
    return t.ngram_table(grams, np.concatenate(counts), np.concatenate(docs), stats.n_words, sizes=sizes,
                         min_count=min_count)


def collocations(stats, *, min_count: int = 1, reliable_count: int = 3, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`lib.measures.terms.collocation_table` of the pass's pair counts; stopwords and ``exclude`` not listed."""
    pairs, counts = stats.counts.pairs()
    return t.collocation_table(pairs, counts, stats.counts.vocab.words, hide=stats.options.stop | frozenset(exclude),
                               n_words=stats.n_words, min_count=min_count, reliable_count=reliable_count)


def keyness_vs_reference(stats, *, min_count: int = 2, lang: str = "en") -> pd.DataFrame:
    """:func:`lib.measures.terms.keyness_table` of the pass's word counts."""
    c = stats.counts
    return t.keyness_table(c.vocab.words, c.word_counts, stats.n_words, min_count=min_count, lang=lang)


# --- Across documents ------------------------------------------------------------------------

def tfidf(stats, *, top_n: int = 10, doc_ids: Iterable[str] | None = None,
          exclude: Iterable[str] = ()) -> pd.DataFrame:
    """The ``top_n`` terms of each document by tf-idf (see the module docstring).

    ``doc_ids`` limits the table to those documents; terms in ``exclude``
    (reporting verbs) are not ranked. Sorted by doc_id, rank; ties in tf-idf
    are broken by term. Computed on the document-word matrix: every (document,
    term) cell scored at once, then ranked by one sort.
    """
    m = stats.matrix().tocoo()
    words, df = stats.counts.vocab.words, stats.counts.word_documents
    ids = stats.matrix_doc_ids()
    keep = term_mask(stats, exclude)[m.col]
    if doc_ids is not None:
        wanted = set(doc_ids)
        keep &= np.fromiter((d in wanted for d in ids), dtype=bool, count=len(ids))[m.row]
    row, col, count = m.row[keep], m.col[keep], m.data[keep].astype(np.int64)
    n_docs = stats.n_documents
    # idf with the standard library's log, per distinct document frequency (as the table always was)
    idf_of = {int(f): math.log((1 + n_docs) / (1 + int(f))) + 1 for f in np.unique(df[col])}
    idf = np.array([idf_of[int(f)] for f in df[col]], dtype=float)
    score = count * idf
    alphabetical = np.empty(len(words), dtype=np.int64)
    alphabetical[sorted(range(len(words)), key=words.__getitem__)] = np.arange(len(words))
    order = np.lexsort((alphabetical[col], -score, row))
    row, col, count, idf, score = row[order], col[order], count[order], idf[order], score[order]
    rank = np.arange(len(row)) - np.searchsorted(row, row)  # 0-based rank within each document
    top = rank < top_n
    out = pd.DataFrame({"doc_id": pd.Series([ids[r] for r in row[top]], dtype=str), "rank": rank[top] + 1,
                        "term": pd.Series([words[c] for c in col[top]], dtype=str), "count": count[top],
                        "documents": df[col[top]], "idf": [round(float(x), 4) for x in idf[top]],
                        "tfidf": [round(float(x), 4) for x in score[top]]})
    return out.sort_values(["doc_id", "rank"], kind="stable").reset_index(drop=True)[TFIDF_COLUMNS]


def groups_of(value: object) -> list[str]:
    """The groups a metadata value puts a document in, each once (a value listed twice counts once).

    >>> groups_of("cocoa;grain"), groups_of("grain;grain"), groups_of(""), groups_of(None)
    (['cocoa', 'grain'], ['grain'], ['(none)'], ['(none)'])
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return [NO_GROUP]
    parts = list(dict.fromkeys(p.strip() for p in str(value).split(LIST_SEPARATOR) if p.strip()))
    return parts or [NO_GROUP]


def _group_map(documents: pd.DataFrame, group_by: str) -> dict[str, list[str]]:
    if group_by not in documents.columns:
        raise ValueError(f"no metadata column {group_by!r}; the documents have: {', '.join(documents.columns)}")
    return {d: groups_of(v) for d, v in zip(documents["doc_id"], documents[group_by])}


def group_keyness(stats, documents: pd.DataFrame, *, group_by: str, min_count: int = 5,
                  top_n: int = 15, min_documents: int = 2, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Terms over-used in each group against the rest of the corpus: G² and log ratio.

    ``documents`` is the documents table (for the metadata and the word
    counts). Groups with fewer than ``min_documents`` documents and terms seen
    fewer than ``min_count`` times in the group, or in ``exclude``, are left out;
    the ``top_n`` "over" terms of each group by G² are kept. A group that holds
    every word of the corpus (every document) has no rest to compare with and
    is left out; ``attrs["not_compared"]`` names it with that reason. ``words_group``/``words_rest``
    are the corpus sizes of the test (all word tokens). Sorted by group, g2
    (descending), term.
    """
    gmap = _group_map(documents, group_by)
    words = dict(zip(documents["doc_id"], documents["words"]))
    size, n_docs = Counter(), Counter()
    for d, gs in gmap.items():
        for g in gs:
            size[g] += int(words[d])
            n_docs[g] += 1
    keep = sorted(g for g, n in n_docs.items() if n >= min_documents)
    counts = _group_counts(stats, gmap, keep)  # groups x words
    total_words, total = stats.n_words, stats.counts.word_counts
    words, is_term = stats.counts.vocab.words, term_mask(stats, exclude)
    rows, not_compared = [], {}
    for gi, g in enumerate(keep):
        c1, c2 = size[g], total_words - size[g]
        if c1 == 0 or c2 == 0:
            not_compared[g] = ("no words in the group" if c1 == 0 else
                               "the group holds every word of the corpus: there is no rest to compare it with")
            continue
        line = counts.getrow(gi)
        ok = (line.data >= min_count) & is_term[line.indices]
        if not ok.any():
            continue
        cand = [(words[w], a, total[w] - a) for w, a in zip(line.indices[ok].tolist(), line.data[ok].tolist())]
        a = np.array([x[1] for x in cand], dtype=float)
        b = np.array([x[2] for x in cand], dtype=float)
        g2 = g2_two_corpora(a, b, c1, c2)
        lr = np.log2((np.where(a > 0, a, 0.5) / c1) / (np.where(b > 0, b, 0.5) / c2))
        over = a / c1 > b / c2
        part = pd.DataFrame({"group": g, "term": [x[0] for x in cand], "count_group": a.astype(int),
                             "count_rest": b.astype(int), "words_group": c1, "words_rest": c2,
                             "rate_group": (a * 1000 / c1).round(4), "rate_rest": (b * 1000 / c2).round(4),
                             "g2": g2.round(4), "log_ratio": lr.round(4),
                             "direction": np.where(over, "over", "under"), "documents_group": n_docs[g]})
        part = part[part["direction"] == "over"].sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        rows.append(part.head(top_n))
    attrs = {"measure": "G2 = 2(a ln(a/E1) + b ln(b/E2)) (Rayson & Garside 2000); "
                        "log ratio = log2((a/c)/(b/d)) (Hardie 2014), zero counts as 0.5",
             "group_by": group_by, "not_compared": not_compared}
    out = pd.concat(rows, ignore_index=True)[GROUP_KEYNESS_COLUMNS] if rows else \
        pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)
    out.attrs = attrs
    return out


def uncompared(keyness: pd.DataFrame) -> str:
    """One sentence naming the groups :func:`group_keyness` could not compare, and why.

    >>> k = pd.DataFrame(columns=GROUP_KEYNESS_COLUMNS)
    >>> k.attrs["not_compared"] = {"korea": "the group holds every word of the corpus"}
    >>> uncompared(k)
    '0 groups with over-used terms. Not compared: korea (the group holds every word of the corpus).'
    """
    n = keyness["group"].nunique()
    out = f"{n:,} group{'' if n == 1 else 's'} with over-used terms."
    missing = keyness.attrs.get("not_compared", {})
    if missing:
        out += " Not compared: " + "; ".join(f"{g} ({why})" for g, why in sorted(missing.items())) + "."
    return out


def _group_counts(stats, gmap: dict[str, list[str]], groups: list[str]):
    """Word counts per group (a sparse groups x words matrix): an indicator matrix of the groups'
    documents times the document-word matrix."""
    from scipy import sparse

    index = {g: i for i, g in enumerate(groups)}
    pairs = [(index[g], r) for r, d in enumerate(stats.matrix_doc_ids()) for g in gmap.get(d, ()) if g in index]
    member = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int64), ([p[0] for p in pairs], [p[1] for p in pairs])),
                               shape=(len(groups), stats.n_documents))
    return (member @ stats.matrix().astype(np.int64)).tocsr()


def g2_two_corpora(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Log-likelihood G² of counts ``a`` (in a corpus of ``c`` words) against ``b`` (of ``d``).

    >>> float(g2_two_corpora(np.array([10.0]), np.array([10.0]), 1000, 1000)[0])
    0.0
    >>> round(float(g2_two_corpora(np.array([30.0]), np.array([10.0]), 1000, 1000)[0]), 4)
    10.465
    """
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(a > 0, a * np.log(a / e1), 0.0)
        y = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (x + y)


def _period_of(dates: pd.Series, period: str) -> pd.Series:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    parsed = pd.to_datetime(dates.where(dates.astype(str).str.len() > 0), errors="coerce")
    out = parsed.dt.to_period(PERIODS[period]).astype(str)
    if period == "week":  # "1987-02-23/1987-03-01" -> the Monday
        out = out.str.slice(0, 10)
    return out.where(parsed.notna(), "")


def term_trends(stats, documents: pd.DataFrame, *, terms: list[str], period: str = "day") -> pd.DataFrame:
    """Each term's count and rate per 1,000 word tokens per period, with the period's documents and words.

    Documents without a date are left out (``attrs["undated_documents"]``). Every
    period with a dated document has a row for every term, zero counts included;
    ``rate_per_1000`` is empty for a period whose documents have no word token.
    """
    per = dict(zip(documents["doc_id"], _period_of(documents["date"], period)))
    words = dict(zip(documents["doc_id"], documents["words"]))
    wanted = list(dict.fromkeys(terms))
    vocab = stats.counts.vocab
    cols = [vocab.get(w, -1) for w in wanted]
    m = stats.matrix()[:, [c for c in cols if c >= 0]].toarray()
    docs, n_words, counts = Counter(), Counter(), defaultdict(Counter)
    for r, doc_id in enumerate(stats.matrix_doc_ids()):
        p = per.get(doc_id, "")
        if not p:
            continue
        docs[p] += 1
        n_words[p] += int(words[doc_id])
        j = 0
        for w, c in zip(wanted, cols):
            if c >= 0:
                counts[p][w] += int(m[r, j])
                j += 1
    rows = [(p, docs[p], n_words[p], w, counts[p][w],
             round(counts[p][w] * 1000 / n_words[p], 4) if n_words[p] else None)
            for p in sorted(docs) for w in wanted]
    out = pd.DataFrame(rows, columns=TREND_COLUMNS).astype({"rate_per_1000": float})
    out.attrs = {"undated_documents": int(sum(1 for v in per.values() if not v)), "period": period,
                 EMPTY_CELLS: {"rate_per_1000": "the period's documents have no word token"}}
    return out


def sentiment_trends(sentences: pd.DataFrame, documents: pd.DataFrame, *, period: str = "day") -> pd.DataFrame:
    """Mean and standard deviation of sentence compound per period, with documents and sentences
    (``std_compound`` is empty for a period with one sentence)."""
    per = pd.Series(_period_of(documents["date"], period).to_numpy(), index=documents["doc_id"])
    s = sentences[["doc_id", "compound"]].assign(period=sentences["doc_id"].map(per).fillna(""))
    s = s[s["period"] != ""]
    g = s.groupby("period", sort=True)
    out = pd.DataFrame({"documents": g["doc_id"].nunique(), "sentences": g.size(),
                        "mean_compound": g["compound"].mean().round(4),
                        "std_compound": g["compound"].std(ddof=1).round(4)}).reset_index()
    out = out[SENTIMENT_TREND_COLUMNS]
    out.attrs = {EMPTY_CELLS: {"std_compound": "the period has one sentence: a standard deviation needs two"}}
    return out


def sentiment_by_group(documents: pd.DataFrame, *, group_by: str, min_documents: int = 2) -> pd.DataFrame:
    """The distribution of documents' mean compound per group (groups with ``min_documents`` or more).

    ``sem`` = std / √documents; ``share_negative_docs``/``share_positive_docs``:
    documents whose mean compound is ≤ −0.05 / ≥ 0.05 (VADER's thresholds).
    ``std_compound`` and ``sem`` are empty for a group of one document.
    Sorted by documents (descending), then group.
    """
    long = _group_long(documents, group_by)
    g = long.groupby("group", sort=True)
    m = g["mean_compound"]
    out = pd.DataFrame({"documents": g.size(), "sentences": g["sentences"].sum(),
                        "mean_compound": m.mean().round(4), "std_compound": m.std(ddof=1).round(4),
                        "q25": m.quantile(0.25).round(4), "median": m.median().round(4),
                        "q75": m.quantile(0.75).round(4),
                        "share_negative_docs": m.apply(lambda x: (x <= -0.05).mean()).round(4),
                        "share_positive_docs": m.apply(lambda x: (x >= 0.05).mean()).round(4)}).reset_index()
    out["sem"] = (out["std_compound"] / np.sqrt(out["documents"])).round(4)
    out = out[out["documents"] >= min_documents]
    out = out.sort_values(["documents", "group"], ascending=[False, True], kind="stable")
    out = out[GROUP_SENTIMENT_COLUMNS].reset_index(drop=True)
    one = "the group has one document: a standard deviation needs two"
    out.attrs = {EMPTY_CELLS: {"std_compound": one, "sem": one}}
    return out


def _group_long(documents: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """One row per (document, group) with the document's mean compound and sentences."""
    gmap = _group_map(documents, group_by)
    d = documents[documents["mean_compound"].notna()]
    rows = [(doc, g, mc, s) for doc, mc, s in zip(d["doc_id"], d["mean_compound"], d["sentences"])
            for g in gmap[doc]]
    return pd.DataFrame(rows, columns=["doc_id", "group", "mean_compound", "sentences"])


def group_distribution(documents: pd.DataFrame, *, group_by: str, groups: list[str]) -> pd.DataFrame:
    """``doc_id, group, mean_compound``: the documents behind the box plot of ``groups``."""
    long = _group_long(documents, group_by)
    long = long[long["group"].isin(groups)]
    return long.sort_values(["group", "doc_id"], kind="stable").reset_index(drop=True)[
        ["doc_id", "group", "mean_compound", "sentences"]]


# --- Figures (each returns a Figure; lib.run.folder saves it beside its table) ------------------

def plot_group_sentiment(dist: pd.DataFrame, summary: pd.DataFrame, *, title: str, group_by: str,
                         min_documents: int) -> Figure | NoFigure:
    """Box plot of documents' mean compound per group, groups in ``summary`` order, n in the label."""
    order = [g for g in summary["group"] if g in set(dist["group"])]
    if not order:
        return NoFigure(f"No group by {group_by!r} has {min_documents} or more documents with sentences, "
                        "so there is no distribution to draw.")
    fig = Figure(figsize=(8, max(2.5, 0.35 * len(order) + 1)))
    ax = fig.subplots()
    data = [dist.loc[dist["group"] == g, "mean_compound"].to_numpy() for g in order][::-1]
    labels = [f"{g} (n={int(summary.set_index('group').at[g, 'documents'])})" for g in order][::-1]
    ax.boxplot(data, vert=False, tick_labels=labels, showmeans=True)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_xlabel("document mean compound")
    ax.set_title(title)
    fig.tight_layout()
    return fig


NO_DATES = "No document has a date, so there is nothing to draw over time."


def plot_trends(trends: pd.DataFrame, sentiment: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Term rates per period (top), mean compound ± sd (middle) and documents per period (bottom)."""
    if sentiment.empty and trends.empty:
        return NoFigure(NO_DATES)
    if trends.empty:
        return NoFigure("No term to follow over time: every word of the corpus is a stopword, a number or a "
                        "reporting verb.")
    fig = Figure(figsize=(9, 7))
    ax1, ax2, ax3 = fig.subplots(3, 1, sharex=True)
    periods = sorted(set(trends["period"]) | set(sentiment["period"]))
    x = {p: i for i, p in enumerate(periods)}
    for term, df in trends.groupby("term", sort=True):
        ax1.plot([x[p] for p in df["period"]], df["rate_per_1000"], marker=".", label=term)
    ax1.set_ylabel("rate per 1,000 words")
    ax1.legend(fontsize=7, ncol=3)
    xs = [x[p] for p in sentiment["period"]]
    ax2.errorbar(xs, sentiment["mean_compound"], yerr=sentiment["std_compound"].fillna(0), fmt="o-", ms=3,
                 capsize=2, lw=1)
    ax2.axhline(0, color="grey", lw=0.8)
    ax2.set_ylabel("mean compound (± sd)")
    docs = trends.drop_duplicates("period")
    ax3.bar([x[p] for p in docs["period"]], docs["documents"], color="#4a6fa5")
    ax3.set_ylabel("documents")
    step = max(1, len(periods) // 12)
    ax3.set_xticks(range(0, len(periods), step), [periods[i] for i in range(0, len(periods), step)],
                   rotation=45, ha="right", fontsize=7)
    ax1.set_title(title)
    fig.tight_layout()
    return fig


def scope_note(documents: pd.DataFrame, *, group_by: str) -> str:
    """One plain sentence on what can be compared in this corpus.

    >>> print(scope_note(pd.DataFrame({"doc_id": ["a"], "date": [""]}), group_by="topics"))
    One document: there is nothing to compare it with, so the tables below are empty or trivial (tf-idf equals the counts). No metadata column 'topics': groups are not compared. No document has a date: no trends.
    """
    n = len(documents)
    parts = [f"{n:,} documents." if n > 1 else
             "One document: there is nothing to compare it with, so the tables below are empty or trivial "
             "(tf-idf equals the counts)."]
    if group_by not in documents.columns:
        parts.append(f"No metadata column {group_by!r}: groups are not compared.")
    else:
        g = Counter(x for v in documents[group_by] for x in groups_of(v))
        parts.append(f"{len(g):,} groups by {group_by!r} ({g.get(NO_GROUP, 0):,} documents without one).")
    dated = int((documents["date"].astype(str).str.len() > 0).sum()) if "date" in documents.columns else 0
    parts.append(f"{dated:,} of {n:,} documents have a date." if dated else "No document has a date: no trends.")
    return " ".join(parts)
