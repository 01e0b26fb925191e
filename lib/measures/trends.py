"""Trends: documents, word tokens, chosen terms' counts and rates, and mean compound per period
(``day``, ``week`` starting Monday, ``month``), with the counts beside every rate so that thin
periods show."""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from lib.run.folder import EMPTY_CELLS

PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
TREND_COLUMNS = ["period", "documents", "words", "term", "count", "rate_per_1000"]
SENTIMENT_TREND_COLUMNS = ["period", "documents", "sentences", "mean_compound", "std_compound"]


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
