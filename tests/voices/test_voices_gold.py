"""Speakers, sources and numbers against 30 hand-annotated Reuters stories: the figures must not drop.

Measured with ``.venv/bin/python -m benchmarks.voices_gold`` (README, "Voices"); each floor is
about one point below the measured value.
"""
import pytest

from lib.paths import REUTERS_JSONL

FLOORS = {  # name: (precision, recall) floors; measured 0.969/0.969, 0.781/0.848, 0.988/1.000
    "speakers": (0.955, 0.955),
    "sources": (0.77, 0.835),
    "numbers value+hedge": (0.975, 0.99),
    "numbers value+interval": (0.975, 0.99),
}


@pytest.fixture(scope="module")
def scores():
    if not REUTERS_JSONL.exists():
        pytest.skip(f"Reuters corpus not found at {REUTERS_JSONL}")
    from benchmarks.voices_gold import evaluate
    return evaluate()


@pytest.mark.parametrize("name", list(FLOORS))
def test_floor(scores, name):
    p, r = FLOORS[name]
    s = scores[name]
    assert s.gold > 0
    assert s.precision >= p, f"{name} precision {s.precision:.3f} < {p}"
    assert s.recall >= r, f"{name} recall {s.recall:.3f} < {r}"


def test_gold_sizes(scores):
    assert (scores["speakers"].gold, scores["sources"].gold, scores["numbers value+hedge"].gold) == (32, 105, 81)


def test_same_person_rule():
    from benchmarks.voices_gold import same_person
    assert same_person("Kirby", "John Kirby") and same_person("JOHN KIRBY", "John Kirby")
    assert not same_person("John Smith", "Brian Smith")
