"""Degenerate but valid documents beside ordinary articles: the shapes of text that break a
statistic whose counts do not form a valid table (``tests/run/test_degenerate.py``).

Each shape is a rule for making text, not a fixture of one case: the corpus is built by the test
from real Reuters stories and these generators.
"""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import reuters_articles


def one_word_repeated(word: str = "data", times: int = 6000) -> str:
    """A long text that repeats one word, without sentence punctuation (a spam page)."""
    return " ".join([word] * times) + "\n"


def repeated_code(code: str = "XJ-42", rows: int = 300, per_row: int = 6) -> str:
    """A table of one repeated code, one row a line."""
    return "\n".join(" ".join([code] * per_row) for _ in range(rows)) + "\n"


def identical_sentences(sentence: str = "Prices rose sharply on Monday.", times: int = 80) -> str:
    """Every sentence identical."""
    return " ".join([sentence] * times) + "\n"


def one_word_sentences(word: str = "Spam", times: int = 15000) -> str:
    """Short sentences of one word said twice ("Spam spam."), enough to dominate the corpus: half the
    word's occurrences stand outside any pair, the shape whose unigram margins made the fourth cell
    of the collocation table negative (N - 2c + p < 0 once the page holds more than half the words)."""
    return " ".join([f"{word} {word.lower()}."] * times) + "\n"


def stopwords_only() -> str:
    """Zero words left after stopwords."""
    return "It is what it is, and so it was.\n\nIt was not. It is.\n"


def numbers_only() -> str:
    """No word tokens at all: numbers and punctuation."""
    return "1987 12.5 300\n\n42 -- 7/8 (1,000)\n"


SHAPES = {
    "one_word_repeated.txt": one_word_repeated(),
    "repeated_code.txt": repeated_code(),
    "identical_sentences.txt": identical_sentences(),
    "one_word_sentences.txt": one_word_sentences(),
    "one_sentence.txt": "The committee met.\n",
    "one_word.txt": "Hello\n",
    "stopwords_only.txt": stopwords_only(),
    "numbers_only.txt": numbers_only(),
}


def write_mixed_corpus(folder: Path, *, ordinary: int = 6) -> Path:
    """Ordinary Reuters stories as .txt, every shape above, and a JSONL table whose rows hold the
    metadata shapes: one topic on every row, a date with one document, a row that repeats one word."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = reuters_articles(ordinary + 4)
    for art in arts[:ordinary]:
        (folder / f"story_{art['id']:05d}.txt").write_text(art["text"], encoding="utf-8")
    for name, text in SHAPES.items():
        (folder / name).write_text(text, encoding="utf-8")
    rows = []
    for i, art in enumerate(arts[ordinary:]):
        rows.append({"id": i + 1, "text": art["text"], "title": art.get("title", ""),
                     "date": "1987-03-02" if i < 3 else "1987-03-09",  # the second date: one document
                     "topics": ["wire"] + (["grain"] if i % 2 else [])})
    rows.append({"id": len(rows) + 1, "text": one_word_repeated("wheat", 500), "title": "wheat",
                 "date": "1987-03-02", "topics": ["wire"]})
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def write_single_document(folder: Path) -> Path:
    """One document (a JSONL row with a date and a topic): one document, one group that holds
    every document, one period with one document, a vocabulary of one word."""
    folder.mkdir(parents=True, exist_ok=True)
    row = {"id": 1, "text": one_word_repeated("korean", 3000), "title": "Korean", "date": "1987-03-02",
           "topics": ["korea"]}
    (folder / "one.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return folder
