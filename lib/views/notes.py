"""Plain sentences on what a corpus allows notebooks 05_compare and 06_stories to show."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from lib.measures.groups import NO_GROUP, groups_of
from lib.stories.reuse import informative_sources


def _dated(documents: pd.DataFrame) -> int:
    if "date" not in documents.columns:
        return 0
    return int((documents["date"].fillna("").astype(str) != "").sum())


def stories_scope(documents: pd.DataFrame, *, group_by: str) -> str:
    """One short paragraph on what this corpus allows.

    >>> print(stories_scope(pd.DataFrame({"doc_id": ["a"], "date": [""], "source": ["a"]}), group_by="topics"))
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


def comparison_scope(documents: pd.DataFrame, *, group_by: str) -> str:
    """One plain sentence on what can be compared in this corpus.

    >>> print(comparison_scope(pd.DataFrame({"doc_id": ["a"], "date": [""]}), group_by="topics"))
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
