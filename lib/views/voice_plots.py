"""Figures of notebook 04_voices. Each returns a :class:`matplotlib.figure.Figure`
built without pyplot and never saves or shows it (:mod:`lib.run.folder` saves), or a
:class:`lib.views.plots.NoFigure` saying why there is nothing to draw."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lib.views.plots import NEGATIVE, NEUTRAL, POSITIVE, NoFigure, _figure, has_marks, hbar, signed_hbar

CUE_COLOURS = {"neutral": NEUTRAL, "distancing": "#e08214", "confirming": POSITIVE, "emotive": NEGATIVE}


NO_QUOTES = "No quotation has a speaker in these documents, so nobody is drawn as quoted."
NO_SOURCES = "No attribution (a reporting verb with its source) was found, so there is nothing to count."
NO_ENTITIES = "No named entity was found, so there is nothing to draw."


def quoted_speakers(speakers: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Words quoted per speaker, with the number of quotations in the label."""
    df = speakers.assign(label=[f"{s} ({q})" for s, q in zip(speakers["speaker"], speakers["quotes"])])
    return hbar(df, label="label", value="words_quoted", title=title, xlabel="words quoted (quotations in brackets)",
                empty=NO_QUOTES)


def source_types(counts: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Attributions per source type, stacked by cue class."""
    if not has_marks(counts["attributions"].to_list()):
        return NoFigure(NO_SOURCES)
    types = list(dict.fromkeys(counts["source_type"]))
    fig, ax = _figure(7, 0.45 * len(types) + 1.4)
    left = [0] * len(types)
    for cls, colour in CUE_COLOURS.items():
        vals = [int(counts[(counts["source_type"] == t) & (counts["cue_class"] == cls)]["attributions"].sum()) for t in types]
        ax.barh(range(len(types)), vals, left=left, color=colour, label=cls)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(types)), types)
    ax.invert_yaxis()
    ax.set_xlabel("attributions")
    ax.set_title(title, loc="left")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="cue class")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def entity_mentions(entities: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Mentions per entity (with its kind in the label)."""
    df = entities.assign(label=[f"{e} [{k}]" for e, k in zip(entities["entity"], entities["kind"])])
    return hbar(df, label="label", value="mentions", title=title, xlabel="mentions", empty=NO_ENTITIES)


def entity_sentiment(sent: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Mean compound of the sentences naming each entity; bar colour by VADER label."""
    return signed_hbar([f"{e} ({n})" for e, n in zip(sent["entity"], sent["sentences"])],
                       sent["mean_compound"].to_list(), height=max(2.0, 0.3 * len(sent) + 1.2), title=title,
                       xlabel="mean compound of the sentences naming it (sentences in brackets)", empty=NO_ENTITIES)


def cooccurrence_matrix(pairs: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    """Square table of shared sentences between ``entities`` (summed over documents)."""
    m = pd.DataFrame(0, index=entities, columns=entities)
    pairs = pairs[pairs["entity_a"].isin(entities) & pairs["entity_b"].isin(entities)]  # the others add nothing
    for a, b, n in pairs[["entity_a", "entity_b", "sentences"]].itertuples(index=False):
        if a in m.index and b in m.index:
            m.loc[a, b] += n
            m.loc[b, a] += n
    return m


def cooccurrence(pairs: pd.DataFrame, entities: list[str], *, title: str) -> Figure | NoFigure:
    """Heat map of the sentences two entities share (the ``entities`` given)."""
    m = cooccurrence_matrix(pairs, entities)
    if not has_marks(m.to_numpy().ravel().tolist()):
        return NoFigure("No two of the most mentioned entities are named in one sentence, so there is no pair to draw.")
    fig, ax = _figure(1.2 + 0.45 * max(len(entities), 3), 1.0 + 0.45 * max(len(entities), 3))
    im = ax.imshow(m.to_numpy(), cmap="Blues")
    ax.set_xticks(range(len(entities)), entities, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(entities)), entities, fontsize=8)
    for i in range(len(entities)):
        for j in range(len(entities)):
            if m.iat[i, j]:
                ax.text(j, i, str(m.iat[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if m.iat[i, j] > m.to_numpy().max() / 2 else "black")
    fig.colorbar(im, ax=ax, label="sentences naming both", shrink=0.7)
    ax.set_title(title, loc="left")
    return fig


def voice_sentiment(vs: pd.DataFrame, *, title: str) -> Figure | NoFigure:
    """Mean compound per voice and document, with the words of each voice (voices with a score)."""
    vs = vs[vs["mean_compound"].notna()]
    labels = [f"{d}: {v} ({w} words)" if vs["doc_id"].nunique() > 1 else f"{v} ({w} words)"
              for d, v, w in zip(vs["doc_id"], vs["voice"], vs["words"])]
    return signed_hbar(labels, vs["mean_compound"].to_list(), height=max(2.2, 0.5 * len(vs) + 1.2),
                       title=title, xlabel="mean compound (quotations, or sentences without their quotations)",
                       empty="No sentence has words of the narrator or a quotation in the documents shown.")
