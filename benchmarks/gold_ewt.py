"""Sentence and token scores against the UD English Web Treebank (dev).

Usage, from the repository root::

    .venv/bin/python -m benchmarks.gold_ewt            # the table
    .venv/bin/python -m benchmarks.gold_ewt --errors 25  # plus error samples

Sentences: ``split_sentences`` runs once per gold paragraph (as the pipeline
does); "ends" compares sentence end offsets, "inner" does the same without
the paragraph ends (they are given to the splitter), "span" needs the exact
``(start, end)``. Tokens: ``tokenize`` runs once per gold sentence, so token
scores do not depend on sentence errors; "strict" is against UD tokens,
"merged" against UD tokens with hyphen compounds joined ("front-line"), which
is our tokenizer's convention. References: plain Punkt (the same English
model, without our corrections) and NLTK's ``TreebankWordTokenizer``.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass

from nltk.tokenize import TreebankWordTokenizer

from benchmarks.gold import (GoldDocument, SentenceScores, Span, TokenScores, evaluate_sentences,
                      evaluate_tokens, gold_sentence_keys, gold_token_keys, read_conllu)
from lib.paths import EWT_DEV
from lib.text.sentences import punkt_tokenizer, split_sentences
from lib.text.tokens import tokenize

_TREEBANK = TreebankWordTokenizer()


# ---- systems: (text, start, end) -> spans as offsets into text ------------

def ours_sentences(text: str, start: int, end: int) -> list[Span]:
    return split_sentences(text, start, end)


def punkt_sentences(text: str, start: int, end: int) -> list[Span]:
    """Punkt's English model on the raw text, no typography, no corrections."""
    return [(start + s, start + e) for s, e in punkt_tokenizer().span_tokenize(text[start:end])]


def ours_tokens(text: str, start: int, end: int) -> list[Span]:
    return [(t.start, t.end) for t in tokenize(text, start, end)]


def treebank_tokens(text: str, start: int, end: int) -> list[Span]:
    """NLTK's stock Treebank tokenizer; a sentence it cannot align yields no tokens."""
    try:
        return [(start + s, start + e) for s, e in _TREEBANK.span_tokenize(text[start:end])]
    except ValueError:
        return []


@dataclass
class Row:
    name: str
    sentences: SentenceScores | None
    tokens: TokenScores | None
    seconds: float


def run(docs: list[GoldDocument]) -> list[Row]:
    rows = []
    for name, split, tok in [("ours (lib.text.sentences + lib.text.tokens)", ours_sentences, ours_tokens),
                             ("Punkt English, plain", punkt_sentences, None),
                             ("NLTK TreebankWordTokenizer", None, treebank_tokens)]:
        t0 = time.perf_counter()
        sent = evaluate_sentences(docs, split) if split else None
        toks = evaluate_tokens(docs, tok) if tok else None
        rows.append(Row(name, sent, toks, time.perf_counter() - t0))
    return rows


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


def table(rows: list[Row]) -> str:
    head = ("| system | sent P | sent R | sent F1 | inner F1 | span F1 "
            "| tok P | tok R | tok F1 | tok P merged | tok R merged | tok F1 merged | s |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        cells = [r.name]
        if r.sentences:
            s = r.sentences
            cells += [_pct(s.ends.precision), _pct(s.ends.recall), _pct(s.ends.f1),
                      _pct(s.inner_ends.f1), _pct(s.spans.f1)]
        else:
            cells += ["-"] * 5
        if r.tokens:
            t = r.tokens
            cells += [_pct(t.strict.precision), _pct(t.strict.recall), _pct(t.strict.f1),
                      _pct(t.merged.precision), _pct(t.merged.recall), _pct(t.merged.f1)]
        else:
            cells += ["-"] * 6
        cells.append(f"{r.seconds:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ---- error samples ---------------------------------------------------------

def _context(text: str, pos: int, width: int = 45) -> str:
    left = text[max(0, pos - width):pos].replace("\n", "¶")
    right = text[pos:pos + width].replace("\n", "¶")
    return f"{left}‖{right}"


def boundary_errors(docs: list[GoldDocument], scores: SentenceScores, n: int, seed: int = 0) -> str:
    texts = {d.doc_id: d.text for d in docs}
    gold = {(d, e) for d, _s, e in gold_sentence_keys(docs)}
    pred = {(d, e) for d, _s, e in scores.predicted}
    missed = sorted(gold - pred)
    extra = sorted(pred - gold)
    rng = random.Random(seed)
    out = [f"missed boundaries ({len(missed)}), sample:"]
    out += [f"  {_context(texts[d], e)}" for d, e in sorted(rng.sample(missed, min(n, len(missed))))]
    out.append(f"extra boundaries ({len(extra)}), sample:")
    out += [f"  {_context(texts[d], e)}" for d, e in sorted(rng.sample(extra, min(n, len(extra))))]
    return "\n".join(out)


def token_diffs(docs: list[GoldDocument], scores: TokenScores, merged: bool) -> list[tuple[str, str, str]]:
    """``(gold, predicted, context)`` for every region where the two segmentations differ."""
    texts = {d.doc_id: d.text for d in docs}
    gold_by_doc: dict[str, list[Span]] = {}
    for d, s, e in gold_token_keys(docs, merge_hyphens=merged):
        gold_by_doc.setdefault(d, []).append((s, e))
    pred_by_doc: dict[str, list[Span]] = {}
    for d, s, e in scores.predicted:
        pred_by_doc.setdefault(d, []).append((s, e))
    diffs = []
    for doc_id, gold in gold_by_doc.items():
        text = texts[doc_id]
        pred = sorted(pred_by_doc.get(doc_id, []))
        gset, pset = set(gold), set(pred)
        g_err = [sp for sp in gold if sp not in pset]
        p_err = [sp for sp in pred if sp not in gset]
        # group overlapping wrong spans into regions
        events = sorted([(s, e, "g") for s, e in g_err] + [(s, e, "p") for s, e in p_err])
        region: list[tuple[int, int, str]] = []
        region_end = -1
        for ev in events + [(10 ** 12, 10 ** 12, "end")]:
            if region and ev[0] >= region_end:
                g = " ".join(text[s:e] for s, e, k in region if k == "g") or "∅"
                p = " ".join(text[s:e] for s, e, k in region if k == "p") or "∅"
                diffs.append((g, p, _context(text, region[0][0], 30)))
                region = []
            if ev[2] != "end":
                region.append(ev)
                region_end = max(region_end, ev[1]) if len(region) > 1 else ev[1]
    return diffs


def token_errors(docs: list[GoldDocument], scores: TokenScores, n: int, merged: bool) -> str:
    diffs = token_diffs(docs, scores, merged)
    counts = Counter((g, p) for g, p, _ in diffs)
    label = "merged gold" if merged else "strict gold"
    out = [f"token mismatches vs {label} ({len(diffs)} regions), most frequent (gold ⇒ ours):"]
    out += [f"  {c:4d}  {g!r} ⇒ {p!r}" for (g, p), c in counts.most_common(n)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(EWT_DEV), help="CoNLL-U file (default: UD EWT dev)")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N error samples of each kind")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = read_conllu(args.gold)
    load = time.perf_counter() - t0
    rows = run(docs)
    ours = rows[0]
    n_tok = len(gold_token_keys(docs))
    n_merged = len(gold_token_keys(docs, merge_hyphens=True))
    print(f"gold: {args.gold}")
    print(f"{len(docs)} documents, {sum(len(d.paragraphs) for d in docs)} paragraphs, "
          f"{sum(len(d.sentences) for d in docs)} sentences (ours: {ours.sentences.ends.n_pred}), "
          f"{n_tok} tokens ({n_merged} with hyphen compounds merged; ours: {ours.tokens.strict.n_pred}); "
          f"read in {load:.2f} s")
    print()
    print(table(rows))
    if args.errors:
        print()
        print(boundary_errors(docs, ours.sentences, args.errors))
        print()
        print(token_errors(docs, ours.tokens, args.errors, merged=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
