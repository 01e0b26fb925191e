"""Accuracy of the voices rules, and of the sentences and tokens under them, against annotated data.

Usage, from the repository root::

    .venv/bin/python -m benchmarks.accuracy                  # the table (about 3 minutes on 2 cores)
    .venv/bin/python -m benchmarks.accuracy --errors quotes  # plus every quotation error of the tune part
    .venv/bin/python -m benchmarks.accuracy --errors entities

One table: each task, its data, the metric, our figure on the *tune* and the *report* part and on
the whole set, and plain baselines scored by the same scorer on the same documents.

Data (read in place from ``../shared``; nothing is copied into the project):

* sentence boundaries and tokens: UD English EWT dev (:mod:`benchmarks.gold_ewt`);
* quotations and their speakers: PolNeAR train (840 political news articles of seven US
  outlets, ``dev/polnear_train``);
* entity mentions: CoNLL-2003 dev (216 Reuters stories, ``dev/conll2003_dev``);
* speakers, sources and numbers: the 30 hand-annotated Reuters stories of
  :mod:`benchmarks.voices_gold`.

**Split.** :func:`split_parts` divides each annotated set by a fixed rule on file names: the
documents of each outlet (the file name up to its first ``_``; every CoNLL story is one outlet)
are ordered by the SHA-256 of the file stem, and alternate *tune*, *report*, *tune*, ...
So each outlet is split in halves. The rules were developed looking at errors of the tune part
only (``--errors`` shows nothing else); the report part is measured, never read. A rule that
helps only the tune part is overfit.

**Scorer.** The official ``../shared/tools/voices_eval.py`` (imported by path), on run folders
written here with ``quotes.csv`` and ``mentions.csv`` of each part. The voices rules run
through the pass (:meth:`lib.passes.pipeline.CorpusStats.voices`) on each corpus folder, as notebook 04 runs them.

**Baselines** (same documents, same sentences and tokens, same scorer):

* quotations, *every mark pair*: each pair of quotation marks is a quotation (no scare quotes);
* speakers, *nearest capitalised name before the cue*: our quotations and cue choice (the
  reporting verb nearest after the quotation in its last sentence, else nearest before it in its
  first), the speaker being the nearest run of capitalised words, outside quotation marks, that
  ends before the cue;
* entities, *capitalised runs*: every maximal run of capitalised word tokens of a body sentence
  is a mention (kind ``other``); *type by gazetteer only*: the same runs, a place (or a group,
  for a plural demonym) when ``lib/data/places.tsv`` knows the run, else ``other``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lib.paths import SHARED_DIR
from lib.text.tokens import Token

DEV_DIR = SHARED_DIR / "dev"
POLNEAR = DEV_DIR / "polnear_train"
CONLL = DEV_DIR / "conll2003_dev"
SCORER = SHARED_DIR / "tools" / "voices_eval.py"
PARTS = ("tune", "report")
QUOTE_FIELDS = ["doc_id", "start", "end", "text", "speaker", "kind"]
MENTION_FIELDS = ["doc_id", "start", "end", "surface", "kind"]


# ---- the split ---------------------------------------------------------------------------

def outlet_of(stem: str) -> str:
    """The outlet of a PolNeAR file stem (the text before the first ``_``).

    >>> outlet_of("nyt_2016-03-01_super-tuesday"), outlet_of("conll03a_001")
    ('nyt', 'conll03a')
    """
    return stem.split("_", 1)[0]


def split_parts(stems) -> dict[str, str]:
    """``stem -> "tune" | "report"``: per outlet, stems ordered by SHA-256, alternating.

    >>> parts = split_parts([f"a_{i}" for i in range(10)] + [f"b_{i}" for i in range(4)])
    >>> sorted(parts.values()).count("tune"), sum(1 for s, p in parts.items() if s[0] == "b" and p == "tune")
    (7, 2)
    """
    by_outlet: dict[str, list[str]] = {}
    for s in stems:
        by_outlet.setdefault(outlet_of(s), []).append(s)
    out = {}
    for group in by_outlet.values():
        for i, s in enumerate(sorted(group, key=lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest())):
            out[s] = PARTS[i % 2]
    return out


# ---- the scorer ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def scorer():
    """``../shared/tools/voices_eval.py`` as a module."""
    spec = importlib.util.spec_from_file_location("voices_eval", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def score(task: str, gold_dir: Path, gold: dict, rows: list[dict], stems: set[str]) -> dict:
    """The scorer's figures for ``rows`` (quotes or mentions) on the documents ``stems`` of ``gold``."""
    ev = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "gold").mkdir()
        (tmp / "gold" / "corpus").symlink_to(gold_dir / "corpus")
        gold_path = tmp / "gold" / "gold.json"
        gold_path.write_text(json.dumps({s: gold[s] for s in sorted(stems)}), encoding="utf-8")
        run = tmp / "run"
        run.mkdir()
        keep = [r for r in rows if Path(r["doc_id"]).stem in stems]
        if task == "quotes":
            _write_csv(run / "quotes.csv", QUOTE_FIELDS, keep)
            return ev.eval_quotes(str(run), str(gold_path))
        _write_csv(run / "mentions.csv", MENTION_FIELDS, keep)
        return ev.eval_ner(str(run), str(gold_path), {})


# ---- running the rules ----------------------------------------------------------------------

def corpus_folder(gold_dir: Path, stems: list[str] | None, tmp: Path) -> Path:
    """The corpus folder of a data set, or a copy of some of its files (a slice) under ``tmp``."""
    if stems is None:
        return gold_dir / "corpus"
    folder = tmp / gold_dir.name
    folder.mkdir()
    for s in stems:
        shutil.copyfile(gold_dir / "corpus" / f"{s}.txt", folder / f"{s}.txt")
    return folder


def run_voices(folder: Path, *, workers: int = 0):
    """The voices tables of the pass (:meth:`lib.passes.pipeline.CorpusStats.voices`) over a folder, as notebook 04
    reads them, warnings (unmatched marks) silenced."""
    from lib.passes.pipeline import analyse_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = analyse_corpus(folder, workers=workers, scheduler="serial" if workers == 1 else None, cache=False)
        return stats.voices()


def _records(df, fields: list[str]) -> list[dict]:
    return [dict(zip(fields, r)) for r in zip(*(df[c].to_list() for c in fields))]


def duplicates(folder: Path) -> dict[str, str]:
    """``copy -> first``: files byte-identical to an earlier file of the folder (in sorted order).
    The corpus reader analyses such a copy once; its rows stand for both files here (PolNeAR
    train holds one pair, annotated twice)."""
    first: dict[str, str] = {}
    out = {}
    for f in sorted(folder.glob("*.txt")):
        h = hashlib.sha256(f.read_bytes()).hexdigest()
        if h in first:
            out[f.name] = first[h]
        else:
            first[h] = f.name
    return out


def with_copies(rows: list[dict], copies: dict[str, str]) -> list[dict]:
    """``rows`` and, for every skipped copy, the rows of the document it copies."""
    by_first: dict[str, list[str]] = {}
    for copy, orig in copies.items():
        by_first.setdefault(orig, []).append(copy)
    return rows + [dict(r, doc_id=c) for r in rows for c in by_first.get(r["doc_id"], [])]


def texts_of(folder: Path, doc_ids) -> dict[str, str]:
    """Each document's text as the corpus reader decodes it (these sets are plain UTF-8)."""
    return {d: (folder / d).read_text(encoding="utf-8") for d in doc_ids}


# ---- baselines ------------------------------------------------------------------------------

def sentence_tokens(v, texts: dict[str, str]) -> dict[str, list[tuple[int, list[Token]]]]:
    """Per document, (sentence_id, tokens) of every body sentence of the pass."""
    from lib.text.tokens import tokenize

    out: dict[str, list[tuple[int, list[Token]]]] = {}
    s = v.sentences
    for d, sid, a, b in zip(*(s[c].to_list() for c in ("doc_id", "sentence_id", "start", "end"))):
        out.setdefault(d, []).append((int(sid), tokenize(texts[d], int(a), int(b))))
    return out


def capitalised_runs(toks: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges of maximal runs of capitalised word tokens.

    >>> from lib.text.tokens import tokenize
    >>> toks = tokenize("The White House said Josh Earnest left.")
    >>> [" ".join(t.text for t in toks[a:b]) for a, b in capitalised_runs(toks)]
    ['The White House', 'Josh Earnest']
    """
    runs, start = [], None
    for i, t in enumerate(toks + [None]):
        cap = t is not None and t.kind == "word" and t.text[:1].isupper()
        if cap and start is None:
            start = i
        elif not cap and start is not None:
            runs.append((start, i))
            start = None
    return runs


def baseline_mentions(by_doc: dict[str, list[tuple[int, list[Token]]]], *, typed: bool) -> list[dict]:
    """Capitalised runs as mentions; with ``typed``, a place (or group) when the gazetteer knows it."""
    from lib.voices.entities import is_plural_demonym, place_of

    rows = []
    for d, sentences in by_doc.items():
        for _, toks in sentences:
            for a, b in capitalised_runs(toks):
                name = " ".join(t.text for t in toks[a:b])
                kind = "other"
                if typed and place_of(name):
                    kind = "group" if is_plural_demonym(name) else "place"
                rows.append(dict(doc_id=d, start=toks[a].start, end=toks[b - 1].end, surface=name, kind=kind))
    return rows


def _cue_offsets(toks: list[Token], quotes: list[tuple[int, int]]) -> list[int]:
    from lib.voices.attribution import cue_at

    return [t.start for i, t in enumerate(toks)
            if t.kind == "word" and not any(a <= t.start < b for a, b in quotes) and cue_at(toks, i)]


def nearest_name_before(toks: list[tuple[int, int, str]], at: int) -> str:
    """The last capitalised run (not only stopwords) ending before offset ``at``; ``toks`` are the
    document's (start, end, text) word tokens outside quotations, in order."""
    from lib.text.stopwords import english_stopwords

    run: list[str] = []
    for s, e, text in reversed([t for t in toks if t[1] <= at]):
        if text[:1].isupper():
            run.insert(0, text)
            continue
        if run and not all(w.lower() in english_stopwords() for w in run):
            return " ".join(run)
        run = []
    return " ".join(run) if run and not all(w.lower() in english_stopwords() for w in run) else ""


def baseline_speakers(v, by_doc: dict[str, list[tuple[int, list[Token]]]]) -> list[dict]:
    """Our quotations, each speaker the nearest capitalised name before its cue."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in _records(v.quotes, ["doc_id", "start", "end"]):
        spans.setdefault(q["doc_id"], []).append((int(q["start"]), int(q["end"])))
    rows = []
    for d, sentences in by_doc.items():
        qs = spans.get(d, [])
        words = [(t.start, t.end, t.text) for _, toks in sentences for t in toks
                 if t.kind == "word" and not any(a <= t.start < b for a, b in qs)]
        cues = {sid: _cue_offsets(toks, qs) for sid, toks in sentences}
        for q in _records(v.quotes[v.quotes["doc_id"] == d], QUOTE_FIELDS + ["sentence_ids"]):
            sids = [int(x) for x in str(q["sentence_ids"]).split()]
            after = [c for c in cues.get(sids[-1], []) if c >= q["end"]] if sids else []
            before = [c for c in cues.get(sids[0], []) if c < q["start"]] if sids else []
            cue = min(after) if after else (max(before) if before else None)
            rows.append(dict(q, speaker=nearest_name_before(words, cue) if cue is not None else ""))
    return rows


# ---- the table ----------------------------------------------------------------------------

@dataclass
class Line:
    task: str
    data: str
    metric: str
    ours: dict[str, float | None]  # part (tune, report, all) -> figure
    baseline: str = ""
    base: dict[str, float | None] = field(default_factory=dict)
    target: str = ""


def _fig(x) -> str:
    return "—" if x is None else f"{x:.1f}"


def table(lines: list[Line]) -> str:
    head = ["task", "data", "metric", "ours: tune", "ours: report", "ours: all", "baseline",
            "baseline: report", "baseline: all", "target (report part)"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for ln in lines:
        cells = [ln.task, ln.data, ln.metric, _fig(ln.ours.get("tune")), _fig(ln.ours.get("report")),
                 _fig(ln.ours.get("all")), ln.baseline or "—", _fig(ln.base.get("report")),
                 _fig(ln.base.get("all")), ln.target or "—"]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def _parts(stems: list[str]) -> dict[str, set[str]]:
    parts = split_parts(stems)
    return {"tune": {s for s in stems if parts[s] == "tune"}, "report": {s for s in stems if parts[s] == "report"},
            "all": set(stems)}


def _target(value: float | None, floor: float) -> str:
    if value is None:
        return f"≥ {floor:g}"
    return f"≥ {floor:g}: {'met' if value >= floor else 'NOT met'}"


@dataclass
class QuoteResults:
    ours: dict[str, dict]
    every_pair: dict[str, dict]
    nearest_name: dict[str, dict]
    rows: list[dict]
    seconds: float


def quote_results(stems: list[str] | None = None, *, workers: int = 0) -> QuoteResults:
    """Our quotations and the two baselines on PolNeAR train (or the documents ``stems`` of it)."""
    gold = json.loads((POLNEAR / "gold.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus_folder(POLNEAR, stems, Path(tmp))
        v = run_voices(folder, workers=workers)
        texts = texts_of(folder, v.doc_ids)
        copies = duplicates(folder)
    seconds = time.perf_counter() - t0
    by_doc = sentence_tokens(v, texts)
    ours = with_copies(_records(v.quotes, QUOTE_FIELDS + ["sentence_ids", "cue", "paragraph_id"] +
                                (["speaker_rule"] if "speaker_rule" in v.quotes.columns else [])), copies)
    pairs = [dict(r, kind="full", speaker="") for r in ours]
    nearest = with_copies(baseline_speakers(v, by_doc), copies)
    parts = _parts(sorted(stems) if stems else sorted(gold))
    res = {p: score("quotes", POLNEAR, gold, ours, s) for p, s in parts.items()}
    every = {p: score("quotes", POLNEAR, gold, pairs, s) for p, s in parts.items()}
    near = {p: score("quotes", POLNEAR, gold, nearest, s) for p, s in parts.items()}
    return QuoteResults(res, every, near, ours, seconds)


@dataclass
class EntityResults:
    ours: dict[str, dict]
    runs: dict[str, dict]
    gazetteer: dict[str, dict]
    rows: list[dict]
    seconds: float


def entity_results(stems: list[str] | None = None, *, workers: int = 0) -> EntityResults:
    """Our entity mentions and the two baselines on CoNLL-2003 dev (or the documents ``stems`` of it)."""
    gold = json.loads((CONLL / "gold.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus_folder(CONLL, stems, Path(tmp))
        v = run_voices(folder, workers=workers)
        texts = texts_of(folder, v.doc_ids)
    seconds = time.perf_counter() - t0
    by_doc = sentence_tokens(v, texts)
    ours = _records(v.mentions, MENTION_FIELDS + ["entity", "sentence_id"])
    parts = _parts(sorted(stems) if stems else sorted(gold))
    return EntityResults({p: score("ner", CONLL, gold, ours, s) for p, s in parts.items()},
                         {p: score("ner", CONLL, gold, baseline_mentions(by_doc, typed=False), s) for p, s in parts.items()},
                         {p: score("ner", CONLL, gold, baseline_mentions(by_doc, typed=True), s) for p, s in parts.items()},
                         ours, seconds)


TARGETS = {  # metric -> floor on the report part (issue 11)
    "detection F1": 95, "detection P": 93, "detection R": 93, "mixed quotes F1": 85,
    "speaker accuracy, lenient, named source": 88, "end-to-end attribution F1, named source": 82,
    "exact F1, untyped": 82, "exact F1, typed": 70,
}


def quote_metrics(r: dict) -> dict[str, float]:
    """The figures of one scorer result (quotes) the table shows."""
    return {"detection P": r["detection"]["P"], "detection R": r["detection"]["R"], "detection F1": r["detection"]["F1"],
            "mixed quotes F1": r["detection_mixed_only"]["F1"],
            "speaker accuracy, lenient, named source": r["speaker_on_matched_named_gold"]["lenient_acc"],
            "end-to-end attribution F1, named source": r["end_to_end_lenient_named_gold"]["F1"]}


def entity_metrics(r: dict) -> dict[str, float]:
    return {"exact F1, untyped": r["exact_untyped"]["F1"], "exact F1, typed": r["exact_typed"]["F1"]}


def quote_lines(q: QuoteResults) -> list[Line]:
    lines = []
    for name in ("detection P", "detection R", "detection F1", "mixed quotes F1"):
        ours = {p: quote_metrics(q.ours[p])[name] for p in q.ours}
        lines.append(Line("quote detection", "PolNeAR train", name, ours, "every mark pair",
                          {p: quote_metrics(q.every_pair[p])[name] for p in q.every_pair},
                          _target(ours.get("report"), TARGETS[name])))
    for name in ("speaker accuracy, lenient, named source", "end-to-end attribution F1, named source"):
        ours = {p: quote_metrics(q.ours[p])[name] for p in q.ours}
        lines.append(Line("speaker attribution", "PolNeAR train", name, ours, "nearest capitalised name before the cue",
                          {p: quote_metrics(q.nearest_name[p])[name] for p in q.nearest_name},
                          _target(ours.get("report"), TARGETS[name])))
    return lines


def entity_lines(e: EntityResults) -> list[Line]:
    lines = []
    for name, base, label in (("exact F1, untyped", e.runs, "capitalised runs"),
                              ("exact F1, typed", e.gazetteer, "type by gazetteer only")):
        ours = {p: entity_metrics(e.ours[p])[name] for p in e.ours}
        lines.append(Line("entity mentions", "CoNLL-2003 dev", name, ours, label,
                          {p: entity_metrics(base[p])[name] for p in base}, _target(ours.get("report"), TARGETS[name])))
    return lines


def ewt_lines() -> list[Line]:
    from benchmarks import gold_ewt
    from benchmarks.gold import read_conllu
    from lib.paths import EWT_DEV

    rows = gold_ewt.run(read_conllu(EWT_DEV))
    ours, punkt, treebank = rows
    return [Line("sentence boundaries", "UD EWT dev", "end-boundary F1", {"all": 100 * ours.sentences.ends.f1},
                 "Punkt English, plain", {"all": 100 * punkt.sentences.ends.f1}, "no fall (93.4)"),
            Line("tokens", "UD EWT dev", "token F1", {"all": 100 * ours.tokens.strict.f1},
                 "NLTK TreebankWordTokenizer", {"all": 100 * treebank.tokens.strict.f1}, "no fall (98.1)")]


def reuters_lines() -> list[Line]:
    from benchmarks import voices_gold

    s = voices_gold.evaluate()
    return [Line("speakers (named people)", "Reuters hand gold (30)", "F1", {"all": 100 * s["speakers"].f1},
                 target="no fall (94.0)"),
            Line("sources (names)", "Reuters hand gold (30)", "F1", {"all": 100 * s["sources"].f1},
                 target="no fall (80.4)"),
            Line("numbers (value + hedge)", "Reuters hand gold (30)", "F1", {"all": 100 * s["numbers value+hedge"].f1},
                 target="no fall (99.4)")]


# ---- errors (tune part only) ------------------------------------------------------------------

def quote_errors(q: QuoteResults) -> str:
    """Every missed gold quotation, false alarm and wrong speaker of the tune part, with context."""
    ev = scorer()
    gold = json.loads((POLNEAR / "gold.json").read_text(encoding="utf-8"))
    tune = _parts(sorted(gold))["tune"]
    by_doc: dict[str, list[dict]] = {}
    for r in q.rows:
        if r["kind"] != "scare":
            by_doc.setdefault(Path(r["doc_id"]).stem, []).append(r)
    scare = {}
    for r in q.rows:
        if r["kind"] == "scare":
            scare.setdefault(Path(r["doc_id"]).stem, []).append(r)
    out = []
    for stem in sorted(tune):
        text = (POLNEAR / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
        gl, pl = gold[stem], by_doc.get(stem, [])
        gs = [(g["start"], g["end"]) for g in gl]
        ps = [(int(p["start"]), int(p["end"])) for p in pl]
        gm, pm = ev.greedy_match(gs, ps, lambda g, p: ev.ovl(g, p) if ev.ovl(g, p) >= 0.5 * (g[1] - g[0]) else None)
        for gi, g in enumerate(gl):
            if gi not in gm:
                sc = any(int(s["start"]) < g["end"] and g["start"] < int(s["end"]) for s in scare.get(stem, []))
                out.append(f"MISS{' (as scare)' if sc else ''} {stem} {g['kind']} | {_ctx(text, g['start'], g['end'])}"
                           f" | gold speaker: {g['speaker']!r}")
            else:
                p = pl[gm[gi]]
                if g.get("speaker_named") and not ev.speaker_match(p["speaker"], ev.gspk(g))[1]:
                    out.append(f"SPEAKER {stem} | {_ctx(text, g['start'], g['end'])} | gold {ev.gspk(g)!r} "
                               f"({g['speaker']!r}) | ours {p['speaker']!r} via {p.get('speaker_rule', '')!r} cue {p['cue']!r}")
        for pi, p in enumerate(pl):
            if pi not in pm:
                out.append(f"FALSE {stem} {p['kind']} | {_ctx(text, int(p['start']), int(p['end']))} | ours {p['speaker']!r}")
    return "\n".join(out)


def entity_errors(e: EntityResults) -> str:
    """Every missed and false entity mention of the CoNLL tune part, and every wrong type."""
    ev = scorer()
    gold = json.loads((CONLL / "gold.json").read_text(encoding="utf-8"))
    tune = _parts(sorted(gold))["tune"]
    kinds = {}
    for r in e.rows:
        kinds[(Path(r["doc_id"]).stem, int(r["start"]), int(r["end"]))] = ev.map_kind(r["kind"], {})
    out = []
    for stem in sorted(tune):
        text = (CONLL / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
        g = {(x["start"], x["end"]): x["type"] for x in gold[stem]}
        p = {(s, e2): k for (d, s, e2), k in kinds.items() if d == stem and k}
        for span in sorted(set(g) | set(p)):
            if span in g and span not in p:
                out.append(f"MISS {g[span]} {stem} | {_ctx(text, *span)}")
            elif span in p and span not in g:
                out.append(f"FALSE {p[span]} {stem} | {_ctx(text, *span)}")
            elif g[span] != p[span]:
                out.append(f"TYPE gold {g[span]} ours {p[span]} {stem} | {_ctx(text, *span)}")
    return "\n".join(out)


def _ctx(text: str, s: int, e: int, width: int = 60) -> str:
    one = lambda x: x.replace("\n", "¶")  # noqa: E731
    return f"{one(text[max(0, s - width):s])}⟦{one(text[s:e][:160])}⟧{one(text[e:e + width])}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", choices=["quotes", "entities"], help="print the errors of the tune part")
    ap.add_argument("--skip", nargs="*", default=[], choices=["ewt", "reuters", "quotes", "entities"],
                    help="leave tasks out (for a quicker look)")
    args = ap.parse_args(argv)
    if not DEV_DIR.exists():
        print(f"no development sets at {DEV_DIR}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    lines, notes = [], []
    if "ewt" not in args.skip:
        t = time.perf_counter()
        lines += ewt_lines()
        notes.append(f"EWT {time.perf_counter() - t:.0f} s")
    q = e = None
    if "quotes" not in args.skip:
        q = quote_results()
        lines += quote_lines(q)
        notes.append(f"PolNeAR {q.seconds:.0f} s for the pass")
    if "entities" not in args.skip:
        e = entity_results()
        lines += entity_lines(e)
        notes.append(f"CoNLL {e.seconds:.0f} s for the pass")
    if "reuters" not in args.skip:
        t = time.perf_counter()
        lines += reuters_lines()
        notes.append(f"Reuters hand gold {time.perf_counter() - t:.0f} s")
    print(table(lines))
    print(f"\n{time.perf_counter() - t0:.0f} s in all ({'; '.join(notes)}). Split: per outlet by SHA-256 of the "
          "file stem, alternating tune/report (benchmarks/accuracy.py, split_parts).")
    if args.errors == "quotes" and q:
        print("\n" + quote_errors(q))
    if args.errors == "entities" and e:
        print("\n" + entity_errors(e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
