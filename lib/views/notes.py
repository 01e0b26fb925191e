"""Plain sentences on what notebook 06_stories can show for a corpus, and why a figure is missing."""
from __future__ import annotations

import pandas as pd

from lib.stories.reuse import informative_sources


def _dated(documents: pd.DataFrame) -> int:
    if "date" not in documents.columns:
        return 0
    return int((documents["date"].fillna("").astype(str) != "").sum())


def scope_note(documents: pd.DataFrame, *, group_by: str) -> str:
    """One short paragraph on what this corpus allows.

    >>> print(scope_note(pd.DataFrame({"doc_id": ["a"], "date": [""], "source": ["a"]}), group_by="topics"))
    One document: there is nothing to compare it with, so there are no near-duplicates, story groups or topics. No document has a date: "earlier" (reused_share, the first document of a group) means earlier by doc_id, and there are no topic trends. Sources are the files the documents came from: no reuse per source. No metadata column 'topics': no topic shares per group.
    """
    n = len(documents)
    parts = [f"{n:,} documents." if n > 1 else
             "One document: there is nothing to compare it with, so there are no near-duplicates, story groups or topics."]
    dated = _dated(documents)
    if dated:
        parts.append(f"{dated:,} of {n:,} documents have a date: \"earlier\" means by date, then by doc_id"
                     + (" (undated documents come last)." if dated < n else "."))
    else:
        parts.append("No document has a date: \"earlier\" (reused_share, the first document of a group) means "
                     "earlier by doc_id, and there are no topic trends.")
    if informative_sources(documents):
        parts.append(f"{documents['source'].nunique():,} sources: reuse is counted per source.")
    else:
        parts.append("Sources are the files the documents came from: no reuse per source.")
    if group_by not in documents.columns:
        parts.append(f"No metadata column {group_by!r}: no topic shares per group.")
    return " ".join(parts)


def no_figure(what: str, documents: pd.DataFrame, *, group_by: str = "") -> str:
    """Why the figure of ``what`` (``groups``, ``sources``, ``coherence``, ``trends``, ``by_group``)
    is not drawn, in one sentence.

    >>> no_figure("trends", pd.DataFrame({"doc_id": ["a", "b"], "date": ["", ""]}))
    'No document has a date: no topic shares over time.'
    """
    n = len(documents)
    if n < 2:
        return "One document: nothing to compare, so no figure."
    reasons = {
        "groups": "No two documents share enough text to form a story group: no group sizes to draw.",
        "sources": ("Sources are the files the documents came from: no reuse per source to draw."
                    if not informative_sources(documents) else "No near-duplicate pairs: no reuse per source to draw."),
        "coherence": "The number of topics was given (or no topic model could be fitted): no coherence curve.",
        "trends": ("No document has a date: no topic shares over time." if not _dated(documents)
                   else "No dated document has topics: no topic shares over time."),
        "by_group": (f"No metadata column {group_by!r}: no topic shares per group." if group_by not in documents.columns
                     else f"No group of {group_by!r} has enough documents with topics: no topic shares per group."),
    }
    return reasons[what]
