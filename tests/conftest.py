"""Shared fixtures: the seed corpus, one real run of every notebook, Reuters articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.paths import REUTERS_JSONL, SEEDS_DIR
from lib.passes.pipeline import Corpus, build_corpus

SEED_FILE = SEEDS_DIR / "000_0cd70d5b161d91d4.txt"


@pytest.fixture(scope="session")
def seed() -> Corpus:
    return build_corpus("seeds")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory) -> Path:
    """Every notebook executed by papermill on seeds/, through the run command."""
    from lib.run.execute import run

    return run("seeds", tmp_path_factory.mktemp("seed") / "run")


def reuters_articles(n: int, *, start: int = 0) -> list[dict]:
    """The first ``n`` Reuters-21578 stories from ``start`` (skip when the corpus is absent)."""
    if not REUTERS_JSONL.exists():
        pytest.skip(f"Reuters corpus not found at {REUTERS_JSONL}")
    out = []
    with open(REUTERS_JSONL, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            if len(out) == n:
                break
            out.append(json.loads(line))
    return out


@pytest.fixture(scope="session")
def reuters_folder(tmp_path_factory) -> Path:
    """200 Reuters stories written as .txt files."""
    folder = tmp_path_factory.mktemp("reuters")
    for art in reuters_articles(200):
        (folder / f"{art['id']:05d}.txt").write_text(art["text"], encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def reuters_corpus(reuters_folder) -> Corpus:
    """The 200 Reuters stories built like any corpus, tokens table and all."""
    return build_corpus(reuters_folder)


@pytest.fixture(scope="session")
def seed_stats():
    """The pass over the seed (in this process, not cached)."""
    from lib.passes.pipeline import analyse_corpus

    return analyse_corpus("seeds", scheduler="serial", cache=False)


@pytest.fixture(scope="session")
def reuters_stats(reuters_folder):
    """The pass over the 200 Reuters stories (in this process, not cached)."""
    from lib.passes.pipeline import analyse_corpus

    return analyse_corpus(reuters_folder, scheduler="serial", cache=False)


def stats_of(text: str, folder: Path, **options):
    """The pass over one document holding ``text``."""
    from lib.passes.pipeline import analyse_corpus

    (folder / "doc.txt").write_text(text, encoding="utf-8")
    return analyse_corpus(folder / "doc.txt", scheduler="serial", cache=False, **options)


@pytest.fixture(scope="session")
def trust_run(tmp_path_factory) -> Path:
    """One run through the command line on the hostile corpus of ``tests/trust_corpus.py`` (bad
    files, markup and script in an article, odd file names) with hostile parameters."""
    import subprocess
    import sys

    from trust_corpus import STOPWORDS_PARAM, TEXT_COLUMN_PARAM, write_trust_corpus

    corpus = write_trust_corpus(tmp_path_factory.mktemp("trust_corpus"))
    out = tmp_path_factory.mktemp("trust") / "run"
    proc = subprocess.run([sys.executable, "-m", "lib.run", str(corpus), "--out", str(out),
                           "-p", "extra_stopwords", repr(STOPWORDS_PARAM), "-r", "text_column", TEXT_COLUMN_PARAM],
                          cwd=tmp_path_factory.getbasetemp(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out
