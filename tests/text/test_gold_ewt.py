"""Sentence and token quality against UD English EWT (dev), with floors.

The numbers are those of ``python -m benchmarks.gold_ewt`` (same code in
benchmarks/gold.py). Each floor sits about half a percentage point under what was
measured, so a change that makes splitting or tokenizing worse fails here.
When a change improves a score, raise its floor.
"""
from __future__ import annotations

import pytest

from benchmarks.gold import (align_forms, evaluate_sentences, evaluate_tokens, merge_hyphen_compounds,
                      read_conllu)
from lib.paths import EWT_DEV
from lib.text.sentences import split_sentences
from lib.text.tokens import tokenize

# Measured on en_ewt-ud-dev.conllu (318 documents, 750 paragraphs, 2001
# sentences, 25,147 tokens): sentences P 98.77 R 88.61 F1 93.41, inner-boundary
# F1 89.11, exact-span F1 85.25; tokens strict P 98.42 R 97.78 F1 98.10,
# hyphen compounds merged P 98.76 R 98.85 F1 98.80.
SENTENCE_FLOORS = {
    "end boundary precision": 98.2,
    "end boundary recall": 88.1,
    "end boundary F1": 92.9,
    "inner boundary F1": 88.6,
    "exact span F1": 84.7,
}
TOKEN_FLOORS = {
    "strict precision": 97.9,
    "strict recall": 97.2,
    "strict F1": 97.6,
    "merged precision": 98.2,
    "merged recall": 98.3,
    "merged F1": 98.3,
}


@pytest.fixture(scope="module")
def ewt_docs():
    if not EWT_DEV.exists():
        pytest.skip(f"UD EWT gold file not found at {EWT_DEV} (expected ../shared/gold/ beside the repo)")
    return read_conllu(EWT_DEV)


def test_gold_file_reads_as_expected(ewt_docs):
    assert len(ewt_docs) == 318
    assert sum(len(d.paragraphs) for d in ewt_docs) == 750
    assert sum(len(d.sentences) for d in ewt_docs) == 2001
    for d in ewt_docs:
        for (s, e), toks in zip(d.sentences, d.tokens):
            assert toks and toks[0][0] == s and toks[-1][1] == e  # every form aligned
            assert all(ts < te for ts, te in toks)


def test_sentence_scores_stay_above_floors(ewt_docs):
    r = evaluate_sentences(ewt_docs, split_sentences)
    got = {
        "end boundary precision": 100 * r.ends.precision,
        "end boundary recall": 100 * r.ends.recall,
        "end boundary F1": 100 * r.ends.f1,
        "inner boundary F1": 100 * r.inner_ends.f1,
        "exact span F1": 100 * r.spans.f1,
    }
    low = {k: round(v, 2) for k, v in got.items() if v < SENTENCE_FLOORS[k]}
    assert not low, f"below floor {SENTENCE_FLOORS}: {low}"


def test_token_scores_stay_above_floors(ewt_docs):
    r = evaluate_tokens(ewt_docs, lambda text, s, e: [(t.start, t.end) for t in tokenize(text, s, e)])
    got = {
        "strict precision": 100 * r.strict.precision,
        "strict recall": 100 * r.strict.recall,
        "strict F1": 100 * r.strict.f1,
        "merged precision": 100 * r.merged.precision,
        "merged recall": 100 * r.merged.recall,
        "merged F1": 100 * r.merged.f1,
    }
    low = {k: round(v, 2) for k, v in got.items() if v < TOKEN_FLOORS[k]}
    assert not low, f"below floor {TOKEN_FLOORS}: {low}"


# ---- the reader on a tiny hand-made file (no gold file needed) ------------

SAMPLE = """\
# newdoc id = d1
# newpar id = d1-p1
# text = I don't know.
1	I	I	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# text = A front-line unit.
1	A	a	DET	DT	_	4	det	_	_
2	front	front	NOUN	NN	_	4	compound	_	SpaceAfter=No
3	-	-	PUNCT	HYPH	_	2	punct	_	SpaceAfter=No
4	line	line	NOUN	NN	_	5	compound	_	_
5	unit	unit	NOUN	NN	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_

# newpar id = d1-p2
# text = Its fine.
1-2	Its	_	_	_	_	_	_	_	_
1	It	it	PRON	PRP	_	3	nsubj	_	_
2	s	be	AUX	VBZ	_	3	cop	_	_
3	fine	fine	ADJ	JJ	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# newdoc id = d2
# text = Gonna go.
1-2	Gonna	_	_	_	_	_	_	_	_
1	Gon	go	VERB	VBG	_	3	aux	_	_
2	to	to	PART	TO	_	3	mark	_	_
3	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

"""


def test_reader_on_a_small_file(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text(SAMPLE, encoding="utf-8")
    d1, d2 = read_conllu(path)
    assert d1.text == "I don't know. A front-line unit.\n\nIts fine."
    assert [d1.text[s:e] for s, e in d1.paragraphs] == ["I don't know. A front-line unit.", "Its fine."]
    assert [d1.text[s:e] for s, e in d1.sentences] == ["I don't know.", "A front-line unit.", "Its fine."]
    # words that spell the surface are split as UD does; others keep the surface
    assert [d1.text[s:e] for s, e in d1.tokens[0]] == ["I", "do", "n't", "know", "."]
    assert [d1.text[s:e] for s, e in d1.tokens[2]] == ["It", "s", "fine", "."]
    assert [d2.text[s:e] for s, e in d2.tokens[0]] == ["Gonna", "go", "."]
    merged = merge_hyphen_compounds(d1.text, d1.tokens[1])
    assert [d1.text[s:e] for s, e in merged] == ["A", "front-line", "unit", "."]


def test_alignment_searches_forward_past_wrong_spacing():
    text = "Hello , world!"
    assert align_forms(text, ["Hello", ",", "world", "!"], 10) == [(10, 15), (16, 17), (18, 23), (23, 24)]
