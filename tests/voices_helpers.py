"""Build a one-document corpus from a string and run the voices rules on it."""
from __future__ import annotations

from pathlib import Path

from lib.passes.pipeline import Corpus, build_corpus
from lib.voices.speech import voice_tables


def corpus_of(tmp_path: Path, text: str, name: str = "story.txt") -> Corpus:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return build_corpus(tmp_path)


def tables_of(tmp_path: Path, text: str) -> dict:
    return voice_tables(corpus_of(tmp_path, text))
