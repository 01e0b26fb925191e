"""Speakers, sources and numbers against 30 hand-annotated Reuters-21578 stories.

Usage, from the repository root::

    .venv/bin/python -m benchmarks.voices_gold            # the table
    .venv/bin/python -m benchmarks.voices_gold --errors   # plus every miss and false alarm

Gold: ``tests/fixtures/reuters_voices_gold.json`` (its ``annotator_notes``
say what was annotated); each ``id`` is a story of the Reuters corpus at
``lib.paths.REUTERS_JSONL``. The stories run through the pass of
notebook 04 (:meth:`lib.passes.pipeline.CorpusStats.voices`) as any corpus does
(written as ``<id>.txt``, cleaned, split, tokenised).

Matching rules, per story, each gold item matched at most once:

* **speakers**: predicted = every named person who is a source or the
  speaker of a quotation; a prediction matches a gold name when the two are
  equal ignoring case, or when one is a single word equal to the other's last
  word (surname-only against a full name).
* **sources**: predicted = the distinct normalised source names; a match is
  equal names ignoring case, typography and a leading "the", or the speaker
  rule above for named persons. "type" is the share of matched sources whose
  ``source_type`` agrees with the gold type.
* **numbers**: predicted = quantities with a hedge (gold lists hedged
  quantities only); a match is an equal value (relative tolerance 1e-3) with
  an equal hedge ("value+hedge"), or with an equal interval ("value+interval").

Precision = matched / predicted, recall = matched / gold, micro-averaged over
the 30 stories.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from lib.voices import attribution
from lib.voices.entities import clean_name
from lib.paths import PROJ_ROOT, REUTERS_JSONL
from lib.passes.pipeline import analyse_corpus

GOLD = PROJ_ROOT / "tests" / "fixtures" / "reuters_voices_gold.json"


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def load_stories(ids: set[int]) -> dict[int, str]:
    out = {}
    with open(REUTERS_JSONL, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in ids:
                out[a["id"]] = a["text"]
    return out


def norm_name(name: str) -> str:
    n = clean_name(name).lower()
    return n[4:] if n.startswith("the ") else n


def same_person(a: str, b: str) -> bool:
    """Equal ignoring case, or a surname alone against a full name.

    >>> same_person("Kirby", "John Kirby"), same_person("John Kirby", "john kirby"), same_person("John Smith", "Brian Smith")
    (True, True, False)
    """
    a, b = norm_name(a), norm_name(b)
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    return (len(wa) == 1 and wa[0] == wb[-1]) or (len(wb) == 1 and wb[0] == wa[-1])


def match(pred: list, gold: list, same) -> tuple[int, list, list]:
    """Greedy one-to-one matching; returns (matched, unmatched gold, unmatched predictions)."""
    left = list(gold)
    alarms = []
    hits = 0
    for p in pred:
        j = next((i for i, g in enumerate(left) if same(p, g)), None)
        if j is None:
            alarms.append(p)
        else:
            hits += 1
            left.pop(j)
    return hits, left, alarms


def close(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-3 * max(1.0, abs(float(b)))


@dataclass
class Predictions:
    speakers: list[str]
    sources: list[tuple[str, str]]  # (name, type)
    numbers: list[tuple[float, str, str, str]]  # (value, hedge, interval, surface)


def predict(texts: dict[int, str]) -> dict[int, Predictions]:
    """Run the voices rules on the stories."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, t in texts.items():
            (Path(tmp) / f"{i}.txt").write_text(t, encoding="utf-8")
        v = analyse_corpus(tmp, scheduler="serial", cache=False).voices()
    src, qt, nums = v.sources, v.quotes, v.numbers
    out = {}
    for i in texts:
        d = f"{i}.txt"
        s = src[src["doc_id"] == d]
        q = qt[(qt["doc_id"] == d) & (qt["speaker_type"] == "named person")]
        people = list(dict.fromkeys(list(s[s["source_type"] == "named person"]["source"]) + list(q["speaker"])))
        distinct = attribution.distinct_sources(s)
        n = nums[(nums["doc_id"] == d) & (nums["type"] == "quantity") & (nums["hedge"] != "none")]
        out[i] = Predictions(people, list(zip(distinct["source"], distinct["source_type"])),
                             list(zip(n["value"], n["hedge"], n["interval"], n["surface"])))
    return out


def evaluate() -> dict[str, Score]:
    """Scores of speakers, sources (and their types) and numbers over the gold stories."""
    gold = load_gold()["articles"]
    preds = predict(load_stories({a["id"] for a in gold}))
    scores = {k: Score() for k in ("speakers", "sources", "source types", "numbers value+hedge",
                                   "numbers value+interval")}
    for art in gold:
        p = preds[art["id"]]
        tag = f"{art['id']}: "
        _add(scores["speakers"], tag, p.speakers, art["speakers"], same_person)
        gs = [(s["source"], s["source_type"]) for s in art["sources"]]
        same_src = lambda a, b: norm_name(a[0]) == norm_name(b[0]) or (  # noqa: E731
            a[1] == b[1] == "named person" and same_person(a[0], b[0]))
        _add(scores["sources"], tag, p.sources, gs, same_src)
        hits, _, _ = match(p.sources, gs, lambda a, b: same_src(a, b) and a[1] == b[1])
        st = scores["source types"]
        st.matched += hits
        st.predicted += len(p.sources)
        st.gold += len(gs)
        gn = [(n["value"], n["hedge"].lower(), n["interval"], n["text"]) for n in art["numbers"]]
        _add(scores["numbers value+hedge"], tag, p.numbers, gn, lambda a, b: close(a[0], b[0]) and a[1] == b[1])
        _add(scores["numbers value+interval"], tag, p.numbers, gn, lambda a, b: close(a[0], b[0]) and a[2] == b[2])
    return scores


def _add(score: Score, tag: str, pred: list, gold: list, same) -> None:
    hits, misses, alarms = match(pred, gold, same)
    score.matched += hits
    score.predicted += len(pred)
    score.gold += len(gold)
    score.misses += [tag + str(m) for m in misses]
    score.false_alarms += [tag + str(a) for a in alarms]


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'what':<24}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}"]
    for name, s in scores.items():
        lines.append(f"{name:<24}{s.gold:>6}{s.predicted:>6}{s.matched:>7}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="print every miss and false alarm")
    args = ap.parse_args(argv)
    scores = evaluate()
    print(f"Voices against {GOLD.name} (30 Reuters-21578 stories)")
    print(table(scores))
    if args.errors:
        for name, s in scores.items():
            print(f"\n## {name}: misses\n" + "\n".join(s.misses))
            print(f"\n## {name}: false alarms\n" + "\n".join(s.false_alarms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
