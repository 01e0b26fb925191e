"""Figures. Every function returns a :class:`matplotlib.figure.Figure` built
without pyplot (no global state, nothing shown twice in Jupyter) and never
saves or shows it; :mod:`lib.run.folder` saves.

A figure with nothing to draw is not an empty frame: the function returns a
:class:`NoFigure` holding one sentence that says why, which the notebook shows
in the figure's place and :mod:`lib.run.folder` never writes."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from lib.sentiment.scores import label

NEGATIVE, NEUTRAL, POSITIVE = "#b2182b", "#9e9e9e", "#2166ac"
BAR = "#4a6fa5"


# What a generic chart says when its table is empty; notebooks pass a sentence that names the cause.
NOTHING_TO_DRAW = "Nothing to draw: the table behind this figure has no rows."


@dataclass(frozen=True)
class NoFigure:
    """The stand-in for a figure with nothing to draw: one sentence saying why.

    >>> NoFigure("No document has a date, so there is no trend to draw.")
    No document has a date, so there is no trend to draw.
    """

    reason: str

    def __repr__(self) -> str:
        return self.reason


def has_marks(values) -> bool:
    """Whether a chart of these values would show anything: at least one finite value that is not zero.

    >>> has_marks([0, 0.0]), has_marks([]), has_marks([float("nan"), 2])
    (False, False, True)
    """
    return any(v == v and v not in (0, float("inf"), float("-inf")) for v in values)


def _figure(width: float, height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def label_colour(compound: float) -> str:
    """The colour of a compound score's VADER label (one rule for every chart)."""
    return {"positive": POSITIVE, "negative": NEGATIVE}.get(label(compound), NEUTRAL)


def signed_hbar(labels: list[str], values: list[float], *, height: float, title: str, xlabel: str,
                empty: str = NOTHING_TO_DRAW) -> Figure | NoFigure:
    """Horizontal bars of compound-like values on [-1, 1], coloured by VADER label, first on top.
    A bar of 0 is a mark here (a neutral score), so only no values at all is empty."""
    if not len(values):
        return NoFigure(empty)
    fig, ax = _figure(7, height)
    ax.barh(range(len(values)), values, color=[label_colour(v) for v in values])
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.5)
    ax.set_xlim(-1, 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def hbar(df: pd.DataFrame, *, label: str, value: str, title: str, xlabel: str,
         empty: str = NOTHING_TO_DRAW) -> Figure | NoFigure:
    """Horizontal bars, first row on top; :class:`NoFigure` (``empty``) when no bar would show."""
    if not has_marks(df[value].to_list()):
        return NoFigure(empty)
    fig, ax = _figure(7, max(2.0, 0.28 * len(df) + 1))
    ax.barh(range(len(df)), df[value].to_list(), color=BAR)
    ax.set_yticks(range(len(df)), [str(x) for x in df[label]])
    ax.invert_yaxis()
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def histogram(values: pd.Series, *, bins: int, title: str, xlabel: str,
              empty: str = NOTHING_TO_DRAW) -> Figure | NoFigure:
    """Histogram of ``values``; :class:`NoFigure` (``empty``) when there are none."""
    if values.empty:
        return NoFigure(empty)
    fig, ax = _figure(7, 3.2)
    ax.hist(values.to_list(), bins=bins, color=BAR, edgecolor="white")
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def dispersion_plot(df: pd.DataFrame, *, queries: list[str], title: str,
               empty: str = "None of the terms occurs in the documents shown, so there is nothing to place.") -> Figure | NoFigure:
    """One lane per (document, query); a tick at each occurrence's relative position."""
    if df.empty:
        return NoFigure(empty)
    lanes = [(d, q) for d in sorted(df["doc_id"].unique()) for q in queries] if len(df) else []
    multi = df["doc_id"].nunique() > 1 if len(df) else False
    fig, ax = _figure(8, max(2.0, 0.35 * len(lanes) + 1.2))
    for i, (d, q) in enumerate(lanes):
        pos = df[(df["doc_id"] == d) & (df["query"] == q)]["relative_position"]
        ax.vlines(pos.to_list(), i - 0.35, i + 0.35, color=BAR, linewidth=1.5)
    ax.set_yticks(range(len(lanes)), [f"{d}: {q}" if multi else q for d, q in lanes])
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the document (0 = first word, 1 = last)")
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


NO_SENTENCES = "No body sentence in the documents shown, so there is no score to draw."


def sentiment_arc_plot(arc: pd.DataFrame, *, title: str, empty: str = NO_SENTENCES) -> Figure | NoFigure:
    """Compound per sentence (bars coloured by label) and the rolling mean (line)."""
    if arc.empty:
        return NoFigure(empty)
    docs = sorted(arc["doc_id"].unique())
    fig = Figure(figsize=(8, 2.6 * max(1, len(docs)) + 0.4), layout="constrained")
    axes = fig.subplots(max(1, len(docs)), 1, squeeze=False)[:, 0]
    for ax, d in zip(axes, docs):
        a = arc[arc["doc_id"] == d]
        colors = [label_colour(c) for c in a["compound"]]
        ax.bar(a["sentence_id"].to_list(), a["compound"].to_list(), color=colors, width=0.8)
        ax.plot(a["sentence_id"].to_list(), a["rolling_mean"].to_list(), color="black", linewidth=1.5,
                label="rolling mean")
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylim(-1, 1)
        ax.set_ylabel("compound")
        ax.set_title(d if len(docs) > 1 else title, loc="left", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    axes[-1].set_xlabel("sentence (document order)")
    axes[0].legend(loc="upper right", frameon=False)
    if len(docs) > 1:
        fig.suptitle(title)
    return fig


def paragraph_sentiment(means: pd.DataFrame, *, title: str, empty: str = NO_SENTENCES) -> Figure | NoFigure:
    """Mean compound per paragraph, a line per document."""
    if means.empty:
        return NoFigure(empty)
    fig, ax = _figure(8, 3)
    multi = means["doc_id"].nunique() > 1
    for d, m in means.groupby("doc_id", sort=True):
        ax.plot(m["paragraph_id"].to_list(), m["mean_compound"].to_list(), marker="o",
                label=d if multi else None)
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("paragraph")
    ax.set_ylabel("mean compound")
    ax.set_title(title, loc="left")
    if multi:
        ax.legend(frameon=False, fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def label_shares(summary: pd.DataFrame, *, title: str, empty: str = NO_SENTENCES) -> Figure | NoFigure:
    """Stacked bars: share of negative, neutral and positive sentences per document (those with sentences)."""
    summary = summary[summary["share_negative"].notna()]
    if summary.empty:
        return NoFigure(empty)
    fig, ax = _figure(7, max(2.0, 0.4 * len(summary) + 1.2))
    y = list(range(len(summary)))
    left = [0.0] * len(summary)
    for col, color, name in (("share_negative", NEGATIVE, "negative"), ("share_neutral", NEUTRAL, "neutral"),
                             ("share_positive", POSITIVE, "positive")):
        vals = summary[col].to_list()
        ax.barh(y, vals, left=left, color=color, label=name)
        left = [l + v for l, v in zip(left, vals)]
    ax.set_yticks(y, summary["doc_id"].to_list())
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of sentences")
    ax.set_title(title, loc="left")
    ax.legend(ncols=3, frameon=False, loc="lower right", bbox_to_anchor=(1, 1.02))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _show_figures_inline() -> None:
    """In a Jupyter kernel, display a returned Figure as a PNG.

    Figures here are built without pyplot, so matplotlib's inline backend
    never registers its formatter and a cell would show only
    ``<Figure size 700x800 with 1 Axes>``. This registers the same formatter
    IPython's inline backend uses (``print_figure``), nothing else.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["image/png"].for_type(Figure, _png_of)


def _png_of(fig: Figure) -> bytes:
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight")


_show_figures_inline()
