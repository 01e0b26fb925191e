"""Read a near-duplicate pair side by side, the passages the two share highlighted.

In the style of :mod:`lib.views.explore`: :func:`pair_view` is a pure function returning HTML (article
text HTML-escaped by :func:`lib.views.explore.highlight` before any markup is added), and
:func:`pair_explorer` wraps it in a dropdown whose static view (the first pair) stays in an
executed notebook.
"""
from __future__ import annotations

import html
from typing import Iterable

import ipywidgets as widgets
import pandas as pd

from lib.views.explore import Explorer, _Refresh, highlight

# Passage colours, cycled, so that passage n has the same colour on both sides.
PASSAGE_COLOURS = ("#fde9a9", "#cfe0f3", "#d9ead3", "#f6d0d0", "#e6d9f2", "#fce5cd")
PAIRS = 12  # pairs offered by the explorer without named documents


def pairs_to_read(pairs: pd.DataFrame, *, documents: Iterable[str] = (), n: int = PAIRS) -> pd.DataFrame:
    """The pairs the explorer offers: every pair with one of ``documents``, else the ``n``
    pairs sharing the most words (ties by doc_a, doc_b)."""
    named = set(documents or ())
    if named:
        out = pairs[pairs["doc_a"].isin(named) | pairs["doc_b"].isin(named)]
    else:
        out = pairs.sort_values(["shared_words", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable").head(n)
    return out.reset_index(drop=True)


def texts_of(corpus, doc_ids: Iterable[str], *, table_options=None) -> dict[str, str]:
    """The texts of ``doc_ids``, read again from the corpus (:func:`lib.ingest.corpus.find_documents`)."""
    from lib.ingest.corpus import find_documents

    return {d.doc_id: d.text for d in find_documents(corpus, doc_ids, table_options=table_options)}


def _side(text: str, spans: list[tuple[int, int, str, str]], heading: str) -> str:
    return (f'<td style="vertical-align:top;width:50%;padding:4px 8px"><h5>{heading}</h5>'
            f'<div style="white-space:pre-wrap;font-size:0.9em;line-height:1.45;max-height:36em;overflow:auto">'
            f"{highlight(text, spans)}</div></td>")


def pair_view(pair: pd.Series, passages: pd.DataFrame, texts: dict[str, str]) -> str:
    """HTML: the two documents of ``pair`` (a row of ``near_duplicates.csv``) side by side, each
    shared passage highlighted in the same colour on both sides (its number and length on hover).

    >>> pair = pd.Series({"doc_a": "a", "doc_b": "b", "jaccard": 0.5, "containment_a": 1.0,
    ...                   "containment_b": 0.5, "shared_words": 5})
    >>> passages = pd.DataFrame([("a", 0, 25, "b", 7, 32, 5)], columns=["doc_a", "a_start", "a_end",
    ...                         "doc_b", "b_start", "b_end", "words"])
    >>> page = pair_view(pair, passages, {"a": "one two <three> four five", "b": "Intro. one two <three> four five"})
    >>> 'title="passage 1: 5 words">one two &lt;three&gt; four five</mark>' in page
    True
    """
    a, b = str(pair["doc_a"]), str(pair["doc_b"])
    mine = passages[(passages["doc_a"] == a) & (passages["doc_b"] == b)].sort_values("a_start")
    spans_a, spans_b = [], []
    for i, (sa, ea, sb, eb, n) in enumerate(mine[["a_start", "a_end", "b_start", "b_end", "words"]]
                                            .itertuples(index=False), start=1):
        colour = PASSAGE_COLOURS[(i - 1) % len(PASSAGE_COLOURS)]
        title = f"passage {i}: {int(n)} words"
        spans_a.append((int(sa), int(ea), title, colour))
        spans_b.append((int(sb), int(eb), title, colour))

    def heading(side: str) -> str:
        parts = [pair[f"doc_{side}"]] + [pair[f"{c}_{side}"] for c in ("date", "source", "title")
                                         if f"{c}_{side}" in pair.index and str(pair[f"{c}_{side}"])]
        contained = f"{float(pair[f'containment_{side}']):.0%} of its shingles in the other"
        return " · ".join(html.escape(str(p)) for p in parts + [contained])

    head = (f"<h4>{html.escape(a)} and {html.escape(b)}: {int(pair['shared_words'])} shared words in "
            f"{len(mine)} passage{'' if len(mine) == 1 else 's'}, Jaccard {float(pair['jaccard']):.2f}</h4>")
    return (head + '<table class="newslens-table" style="width:100%"><tr>'
            + _side(texts.get(a, ""), spans_a, heading("a")) + _side(texts.get(b, ""), spans_b, heading("b"))
            + "</tr></table>")


def pair_explorer(pairs: pd.DataFrame, passages: pd.DataFrame, texts: dict[str, str]) -> Explorer:
    """Pick a pair (those of :func:`pairs_to_read`) and read the two documents side by side."""
    if pairs.empty:
        note = "No near-duplicate pair to read."
        return Explorer(widgets.Label(note), widgets.HTML(f"<p>{note}</p>"))
    options = [(f"{a} / {b}: {int(w)} shared words", i) for i, (a, b, w) in
               enumerate(pairs[["doc_a", "doc_b", "shared_words"]].itertuples(index=False))]
    pick = widgets.Dropdown(options=options, value=0, description="pair", layout=widgets.Layout(width="48em"))
    pane = widgets.HTML(pair_view(pairs.iloc[0], passages, texts))
    pick.observe(_Refresh(pane, lambda i: pair_view(pairs.iloc[i], passages, texts)), names="value")
    return Explorer(pick, pane)
