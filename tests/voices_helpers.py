"""Run the voices rules (:func:`lib.voices.document.analyse`) on texts given as strings, and read
their rows as the DataFrames of the voices tables."""
from __future__ import annotations

import pandas as pd

from lib.passes.document import DocumentText, read_text
from lib.sentiment.scores import score_text
from lib.voices.document import COLUMNS, VoiceRows, analyse


def compounds_of(dt: DocumentText) -> list[float]:
    """The VADER compound of each body sentence, as the pass gives them to :func:`analyse`."""
    return [score_text(dt.sentence_text(i))["compound"] for i in range(len(dt.sentences))]


def voices_of(text: str, name: str = "story.txt") -> VoiceRows:
    """The voices of one document ``name`` with this text."""
    dt = read_text(name, text)
    return analyse(dt, compounds_of(dt))


def frames(rows: list[VoiceRows]) -> dict[str, pd.DataFrame]:
    """Each per-document table of these documents' rows, concatenated in the order given."""
    return {name: pd.DataFrame([r for v in rows for r in getattr(v, name)], columns=cols)
            for name, cols in COLUMNS.items()}


def tables_of(text: str, name: str = "story.txt") -> dict[str, pd.DataFrame]:
    """Every per-document voices table of one document ``name`` with this text."""
    return frames([voices_of(text, name)])


def tables_of_texts(texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Every per-document voices table of several documents (doc_id -> text), in doc_id order."""
    return frames([voices_of(texts[d], d) for d in sorted(texts)])
