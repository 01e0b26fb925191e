"""Figures of notebook 06_stories. Each returns a :class:`matplotlib.figure.Figure` built
without pyplot and never saves or shows it (:mod:`lib.run.folder` saves it beside its table).
Each expects a non-empty table: the notebook says in a sentence why a figure is missing."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lib.views.plots import NoFigure
from matplotlib.ticker import MaxNLocator

BAR = "#4a6fa5"
MAX_LABEL = 48  # characters of a label shown on an axis
SHOWN_GROUPS = 12  # groups in the topic heat map
SHOWN_PAIRS = 20  # source pairs in the reuse chart


def _figure(width: float, height: float):
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _cut(label: str, n: int = MAX_LABEL) -> str:
    """A label cut to ``n`` characters with an ellipsis.

    >>> _cut("x" * 60, 10)
    'xxxxxxxxx…'
    """
    label = str(label)
    return label if len(label) <= n else label[: n - 1] + "…"


def group_sizes_plot(sizes: pd.DataFrame, *, title: str, empty: str) -> Figure | NoFigure:
    """Bars: how many story groups have 2, 3, ... documents (``documents``, ``groups``)."""
    if sizes.empty:
        return NoFigure(empty)
    fig, ax = _figure(7, 3.2)
    bars = ax.bar(sizes["documents"].astype(int).to_list(), sizes["groups"].to_list(), color=BAR)
    ax.bar_label(bars, fontsize=7)  # small counts stay readable beside the many pairs
    ax.set_xlabel("documents in the group")
    ax.set_ylabel("story groups")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def reuse_by_source_plot(reuse: pd.DataFrame, *, title: str, empty: str) -> Figure | NoFigure:
    """Horizontal bars: pairs per (source ← copied_from), the largest first."""
    if reuse.empty:
        return NoFigure(empty)
    df = reuse.head(SHOWN_PAIRS)
    labels = [f"{_cut(s, 22)} ← {_cut(c, 22)}" for s, c in zip(df["source"], df["copied_from"])]
    fig, ax = _figure(7.5, max(2.0, 0.3 * len(df) + 1.2))
    ax.barh(range(len(df)), df["pairs"].to_list(), color=BAR)
    ax.set_yticks(range(len(df)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("near-duplicate pairs (later source ← earlier source)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def topic_coherence(coherence: pd.DataFrame, *, title: str, empty: str) -> Figure | NoFigure:
    """Mean NPMI coherence per number of topics, the chosen one marked."""
    if len(coherence) < 2:
        return NoFigure(empty)
    fig, ax = _figure(6, 3)
    ax.plot(coherence["n_topics"].to_list(), coherence["coherence"].to_list(), marker="o", color=BAR)
    chosen = coherence[coherence["chosen"].astype(bool)]
    ax.plot(chosen["n_topics"].to_list(), chosen["coherence"].to_list(), marker="o", markersize=12,
            markerfacecolor="none", markeredgecolor="black", linestyle="none", label="chosen")
    ax.set_xlabel("topics")
    ax.set_ylabel("mean NPMI of top terms")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _colours(n: int) -> list:
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return [cmap(i % 20) for i in range(n)]


def topic_trends(shares: pd.DataFrame, *, title: str, empty: str) -> Figure | NoFigure:
    """Stacked areas: the mean topic shares of each period (summing to 1), documents per period above."""
    if shares.empty:
        return NoFigure(empty)
    periods = sorted(shares["period"].unique())
    labels = shares.drop_duplicates("topic").sort_values("topic")
    wide = shares.pivot(index="period", columns="topic", values="share").reindex(periods).fillna(0.0)
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    ax_n, ax = fig.subplots(2, 1, sharex=True, height_ratios=[1, 3])
    x = np.arange(len(periods))
    docs = shares.drop_duplicates("period").set_index("period")["documents"].reindex(periods)
    ax_n.bar(x, docs.to_list(), color="#9e9e9e")
    ax_n.set_ylabel("documents")
    ax_n.spines[["top", "right"]].set_visible(False)
    topics = labels["topic"].tolist()
    values = [wide[t].to_numpy() if t in wide.columns else np.zeros(len(periods)) for t in topics]
    names = [f"{t}: {_cut(l, 36)}" for t, l in labels[["topic", "label"]].itertuples(index=False)]
    if len(periods) == 1:  # one period: a stacked bar (an area needs two points)
        bottom = 0.0
        for v, c, n in zip(values, _colours(len(topics)), names):
            ax.bar(x, v, bottom=bottom, color=c, width=0.6, label=n)
            bottom += v
    else:
        ax.stackplot(x, values, colors=_colours(len(topics)), labels=names, linewidth=0)
        ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, 1)
    ax.set_ylabel("mean topic share")
    step = max(1, len(periods) // 14)
    ax.set_xticks(x[::step], [periods[i] for i in range(0, len(periods), step)], rotation=45, ha="right", fontsize=7)
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax_n.set_title(title, loc="left")
    return fig


def topic_groups(shares: pd.DataFrame, *, title: str, empty: str) -> Figure | NoFigure:
    """Heat map: mean topic share (columns) of the largest groups (rows, documents in brackets)."""
    if shares.empty:
        return NoFigure(empty)
    sizes = shares.drop_duplicates("group").sort_values(["documents", "group"], ascending=[False, True])
    groups = list(sizes["group"].head(SHOWN_GROUPS))
    n_docs = dict(zip(sizes["group"], sizes["documents"]))
    topics = shares.drop_duplicates("topic").sort_values("topic")
    wide = shares.pivot(index="group", columns="topic", values="share").reindex(groups).fillna(0.0)
    fig, ax = _figure(1.8 + 0.55 * len(topics), 1.4 + 0.4 * len(groups))
    im = ax.imshow(wide.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(len(topics)), [f"{t}: {_cut(l, 24)}" for t, l in topics[["topic", "label"]].itertuples(index=False)],
                  rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(groups)), [f"{_cut(g, 28)} ({n_docs[g]})" for g in groups], fontsize=8)
    fig.colorbar(im, ax=ax, label="mean topic share", shrink=0.8)
    ax.set_title(title, loc="left")
    return fig
