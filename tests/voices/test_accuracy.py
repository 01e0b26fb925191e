"""The accuracy benchmark on a slice of the annotated sets: a change that loses accuracy fails here.

The full benchmark is a command (``.venv/bin/python -m benchmarks.accuracy``, README "Accuracy");
this runs the same code on every 20th PolNeAR train article (42) and every 6th CoNLL-2003 dev story
(36), in this process, in about ten seconds. Floors are about three points under the figures the
slice gave when they were set (in the comments), so noise from a small rule change passes and a
lost rule does not.
"""
from __future__ import annotations

import json

import pytest

from benchmarks import accuracy

pytestmark = pytest.mark.skipif(not accuracy.DEV_DIR.exists(),
                                reason=f"annotated development sets not found at {accuracy.DEV_DIR}")

QUOTE_FLOORS = {  # measured on the slice: 92.3 / 95.6 / 93.9 / 81.5 / 85.0 / 78.5
    "detection P": 89.0, "detection R": 92.5, "detection F1": 91.0, "mixed quotes F1": 78.5,
    "speaker accuracy, lenient, named source": 82.0, "end-to-end attribution F1, named source": 75.5,
}
ENTITY_FLOORS = {"exact F1, untyped": 85.5, "exact F1, typed": 68.5}  # measured: 88.4 / 71.4


def _stems(folder, step: int) -> list[str]:
    return sorted(json.loads((folder / "gold.json").read_text(encoding="utf-8")))[::step]


@pytest.fixture(scope="module")
def quote_scores():
    return accuracy.quote_results(_stems(accuracy.POLNEAR, 20), workers=1)


@pytest.fixture(scope="module")
def entity_scores():
    return accuracy.entity_results(_stems(accuracy.CONLL, 6), workers=1)


@pytest.mark.parametrize("metric", list(QUOTE_FLOORS))
def test_quote_floor(quote_scores, metric):
    got = accuracy.quote_metrics(quote_scores.ours["all"])[metric]
    assert got >= QUOTE_FLOORS[metric], f"{metric}: {got} < {QUOTE_FLOORS[metric]}"


@pytest.mark.parametrize("metric", list(ENTITY_FLOORS))
def test_entity_floor(entity_scores, metric):
    got = accuracy.entity_metrics(entity_scores.ours["all"])[metric]
    assert got >= ENTITY_FLOORS[metric], f"{metric}: {got} < {ENTITY_FLOORS[metric]}"


def test_rules_beat_the_plain_baselines(quote_scores, entity_scores):
    ours, near = (accuracy.quote_metrics(r["all"]) for r in (quote_scores.ours, quote_scores.nearest_name))
    assert ours["speaker accuracy, lenient, named source"] > near["speaker accuracy, lenient, named source"] + 20
    typed = accuracy.entity_metrics(entity_scores.ours["all"])["exact F1, typed"]
    assert typed > accuracy.entity_metrics(entity_scores.gazetteer["all"])["exact F1, typed"] + 20
    untyped = accuracy.entity_metrics(entity_scores.ours["all"])["exact F1, untyped"]
    assert untyped > accuracy.entity_metrics(entity_scores.runs["all"])["exact F1, untyped"]


def test_every_quotation_has_a_documented_speaker_rule(quote_scores):
    from lib.voices.quotes import SPEAKER_RULES

    rules = {r["speaker_rule"] for r in quote_scores.rows}
    assert rules <= set(SPEAKER_RULES) and {"same_sentence", "none"} <= rules
    assert all((r["speaker_rule"] == "none") == (r["speaker"] == "") for r in quote_scores.rows)


def test_split_is_a_fixed_rule_on_file_names():
    stems = _stems(accuracy.POLNEAR, 1)
    parts = accuracy.split_parts(stems)
    assert parts == accuracy.split_parts(list(reversed(stems)))  # order of listing does not matter
    for outlet in {accuracy.outlet_of(s) for s in stems}:
        mine = [parts[s] for s in stems if accuracy.outlet_of(s) == outlet]
        assert abs(mine.count("tune") - mine.count("report")) <= 1, outlet
    conll = accuracy.split_parts(_stems(accuracy.CONLL, 1))
    assert sorted(conll.values()).count("tune") == len(conll) // 2
