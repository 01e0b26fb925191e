"""Figures of notebook 05_compare: sentiment by group, terms and tone over time."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from lib.views.plots import NoFigure

NO_DATES = "No document has a date, so there is nothing to draw over time."


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
