"""lib.sentiment.vader.analyse_text computes what the reference analyzer computes on the way to its
scores, and lib.sentiment.scores.sentence_evidence, built on it, gives the rows the reference gave.

The reference is ``tests/evidence_oracle.py``: the reference ``SentimentIntensityAnalyzer``
observed (the words and valences it hands to ``_but_check``, what that returns, the indices
whose valence a ``_negation_check`` call changed) and the rows built from it as
``lib/sentiment/scores.py`` built them before. Each check compares, on one text, the five values of
:func:`lib.sentiment.vader.analyse_text` with the reference's (the valences by ``repr``, so 0 and 0.0 or
-0.0 and 0.0 count as different) and the rows of ``sentence_evidence`` with the reference
rows (by ``repr`` too: field order and types count), on the texts of
``tests/sentiment/test_vader_fast.py``.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from lib.sentiment import scores, vader
from lib.paths import SEEDS_DIR
from lib.text.normalize import normalize_typography
from tests.conftest import reuters_articles
from tests.evidence_oracle import reference_analyse, reference_evidence
from tests.sentiment.test_vader_fast import N_CONTEXTS, SETTINGS, any_text, pieces, stress_text, three_word_contexts


def _shown(analysed) -> tuple:
    scores, words, before_but, after_but, negated_at = analysed
    return scores, words, [repr(v) for v in before_but], [repr(v) for v in after_but], sorted(negated_at)


def differences(text: str) -> list[str]:
    """What differs between the fast path and the reference on ``text`` (empty: nothing)."""
    return _compare(text)[0]


def _compare(text: str) -> tuple[list[str], list[dict]]:
    """What differs on ``text``, and the reference rows."""
    out = []
    want = _shown(reference_analyse(text))
    got = _shown(vader.analyse_text(text))
    names = ("scores", "words", "before_but", "after_but", "negated_at")
    out += [f"{name} {g} != reference {w}" for name, g, w in zip(names, got, want) if g != w]
    unscored = _shown(vader.analyse_text(text, scores=False))
    if unscored[0] is not None or unscored[1:] != want[1:]:
        out.append(f"analyse(scores=False) {unscored} != reference {(None, *want[1:])}")
    rows, ref_rows = scores.sentence_evidence(text), reference_evidence(text)
    if repr(rows) != repr(ref_rows) or rows != ref_rows:
        out.append(f"rows {rows} != reference {ref_rows}")
    return out, ref_rows


def assert_same(texts) -> dict:
    """Checks every text; counts them, those with rows, and those the quick path answered."""
    n, bad, with_rows, quick = 0, [], 0, 0
    for text in texts:
        n += 1
        diff, ref_rows = _compare(text)
        if diff:
            bad.append((text, diff))
        with_rows += bool(ref_rows)
        quick += not vader.may_score(normalize_typography(text))
    assert not bad, f"{len(bad)} of {n} texts differ, first: {bad[:3]}"
    return {"texts": n, "with_rows": with_rows, "quick": quick}


@pytest.mark.slow
def test_every_sentence_line_and_paragraph_of_1500_reuters_stories():
    counts = assert_same(p for art in reuters_articles(1500) for p in pieces(art["text"]))
    # the texts reach both paths: rows built, and no row known without building the words
    assert counts["texts"] > 40_000 and counts["with_rows"] > 10_000 and counts["quick"] > 10_000, counts


def test_every_sentence_line_and_paragraph_of_the_seed():
    files = sorted(SEEDS_DIR.glob("*.txt"))
    assert files
    assert assert_same(p for f in files for p in pieces(f.read_text(encoding="utf-8")))["with_rows"] > 10


@pytest.mark.slow
def test_every_context_of_three_words():
    assert assert_same(three_word_contexts())["texts"] == N_CONTEXTS


@SETTINGS
@given(stress_text)
def test_texts_that_reach_every_rule(text):
    assert not differences(text), text


@settings(SETTINGS, max_examples=150)
@given(any_text)
def test_any_text(text):
    assert not differences(text), repr(text)


@pytest.mark.parametrize("text", [
    "These tactics haven't really been all that effective.",  # the doctest of sentence_evidence
    "These tactics haven\u2019t really been all that effective.",  # the seed's curly apostrophe
    "The plan is not good. It is extremely bad.",
    "this wasn't good, that was good",
    "It was not good, but never so bad",  # "never so": _negation_check multiplies by 1.25
    "never this good", "it is never so very good", "never so", "not so good",
    "Without a doubt, an excellent idea.", "without doubt good", "without x doubt good",
    "no good", "no problem, no good or bad", "not no good", "no no no", "no",  # "no": 0, flips, -0.0
    "isn't no", "not bad", "bad but not bad but good", "good but good but good", "but good",
    "good but", "BUT bad", "good good but good good",  # _but_check's index() of equal valences
    "At least it isn't a horrible book.", "the least good", "very least bad", "at least good",
    "The book was only kind of good.", "kind of", "kind", "not kind",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", "GOOD", "GOOD bad", "NOT good x",
    "Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601", "\U0001F600", "x\U0001F622y",
    "With VADER, sentiment analysis is the shit!", "the bomb", "kiss of death", "yeah right",
    "(good)", "'bad'", "good!", "..good..", "no.", "BAD!!", ":)", ":-( bad", "<3 love",
    "\u0130\u0130 good", "\u0130yi good bad",  # a lower case longer than the word: offsets shift
    "caf\u00e9 good", "\u00c9NORME bad", "stra\u00dfe GOOD", "\u00a9 1987 Reuters",
    "", " ", " \n\t ", "\u00a0\u3000", "good", "  good  ", "good\u00a0bad",
    "The company said it had 5 pct of the market.", "The company said.",
    "a b c d e f g h i j not k l m good",  # a negation beyond the blind-spot window
    "not a b good", "not a b c good", "don't x y z w good", "can't believe it is not bad",
])
def test_hand_cases(text):
    assert not differences(text), text


def test_the_doctest_rows_and_their_fields():
    rows = scores.sentence_evidence("These tactics haven't really been all that effective.")
    assert rows == reference_evidence("These tactics haven't really been all that effective.")
    assert rows == [dict(word_index=7, start=43, end=52, word="effective", lexicon_valence=2.1,
                         valence=2.1, negated=False, boosted=False, but_weighted=False, all_caps=False,
                         unseen_negation="haven't")]


def test_negation_check_indices():
    # changed by a negation ("not good", "without" before the lexicon word "doubt"), by "never so"
    # (x 1.25), not by "without doubt" before a word, not when the valence is 0: "no" before a
    # lexicon word counts 0.0, and "not" makes it -0.0, equal to it
    text = "not good, never so good, without doubt good"
    assert vader.analyse_text(text)[4] == {1, 4, 6} == reference_analyse(text)[4]
    assert vader.analyse_text("not no good")[2:] == ([0, -0.0, 1.04044], [0, -0.0, 1.04044], {2})
    assert reference_analyse("not no good")[4] == {2}


def test_a_str_subclass_and_other_inputs_are_handled_like_the_reference():
    class Text(str):
        def split(self, *args):  # noqa: ARG002  (the reference never calls it: its emoji loop makes a str)
            return ["good"]

        def isascii(self):
            return False

    for text in [Text("bad bad"), Text("not good but fine"), Text(""), Text("\U0001F600 bad")]:
        assert _shown(vader.analyse_text(text)) == _shown(reference_analyse(text)), text
        assert scores.sentence_evidence(text) == reference_evidence(text), text
    for bad in [b"good", 5, None]:
        with pytest.raises(TypeError):
            reference_analyse(bad)
        with pytest.raises(TypeError):
            vader.analyse_text(bad)


def test_the_quick_path_only_skips_texts_without_rows():
    # may_score is False only for ASCII texts none of whose words, stripped or not, is scored
    assert not vader.may_score("The company said it had 5 pct of the market.")
    for text in ["(good)", "good", "GOOD!", "'bad'", "caf\u00e9", "kind of", "no"]:
        assert vader.may_score(text), text
    assert not vader.may_score("very much so")  # boosters only: every valence 0
    assert reference_evidence("very much so") == []


def test_sentence_evidence_does_not_run_the_reference(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reference analyzer ran")

    from vaderSentiment import vaderSentiment as vader_ref

    monkeypatch.setattr(vader_ref.SentimentIntensityAnalyzer, "polarity_scores", refuse)
    monkeypatch.setattr(vader_ref.SentimentIntensityAnalyzer, "sentiment_valence", refuse)
    rows = scores.sentence_evidence("It was not good, but never so bad")
    assert [r["word"] for r in rows] == ["good", "bad"]
