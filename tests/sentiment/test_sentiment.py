from importlib.metadata import version

import pandas as pd
import pytest

from lib.sentiment import scores, summaries


def test_vader_is_the_pinned_reference_implementation():
    assert version("vaderSentiment") == scores.VADER_VERSION == "3.3.2"
    # NLTK's port scores this -0.59 (nltk issue 3071); the reference scores it positive.
    assert scores.score_text("this wasn't good, that was good")["compound"] == pytest.approx(0.1265, abs=1e-4)


@pytest.mark.parametrize("compound, label", [(0.05, "positive"), (0.0499, "neutral"), (-0.0499, "neutral"), (-0.05, "negative")])
def test_label_thresholds(compound, label):
    assert scores.label(compound) == label


@pytest.fixture(scope="module")
def scored(seed):
    return scores.score_sentences(seed.sentences)


def test_seed_is_negative_overall(scored):
    summary = summaries.document_summary(scored)
    assert summary.loc[0, "mean_compound"] < -0.1
    assert summary.loc[0, "share_negative"] > summary.loc[0, "share_positive"]
    shares = summary.loc[0, ["share_negative", "share_neutral", "share_positive"]].sum()
    assert shares == pytest.approx(1.0, abs=1e-3)  # each share is rounded to 4 places


def test_suicide_and_hopeless_assaults_are_negative(scored):
    suicide = scored[scored["text"].str.contains("committing suicide")]
    hopeless = scored[scored["text"].str.contains("hopeless assaults")]
    assert len(suicide) == 1 and len(hopeless) == 1
    assert suicide["label"].item() == "negative" and hopeless["label"].item() == "negative"


def test_curly_apostrophe_negation_is_seen():
    # VADER's negation list only knows the straight apostrophe; scoring normalised text fixes that.
    assert scores.score_text("It isn\u2019t good.")["compound"] == scores.score_text("It isn't good.")["compound"] < 0


def test_evidence_makes_the_blind_spot_visible(seed):
    ev = scores.evidence_table(seed.sentences)
    eff = ev[ev["word"] == "effective"]
    assert len(eff) == 1
    assert eff["valence"].item() > 0 and not eff["negated"].item()
    assert eff["unseen_negation"].item() == "haven't"  # VADER reads the normalised text
    # evidence offsets point at the word in the document
    text = seed.texts["000_0cd70d5b161d91d4.txt"]
    for start, end, word in ev[["start", "end", "word"]].itertuples(index=False):
        assert text[start:end].lower() == word.lower()


def test_evidence_flags_negation_and_boosters():
    rows = pd.DataFrame(scores.sentence_evidence("The plan is not good. It is extremely bad."))
    good = rows[rows["word"] == "good"].iloc[0]
    bad = rows[rows["word"] == "bad"].iloc[0]
    assert good["negated"] and good["valence"] < 0 < good["lexicon_valence"]
    assert bad["boosted"] and bad["valence"] < bad["lexicon_valence"] < 0


def test_evidence_valences_add_up_to_vader_score(seed):
    # The per-word valences are VADER's own: normalising their sum reproduces compound.
    from vaderSentiment.vaderSentiment import normalize
    ev = scores.evidence_table(seed.sentences)
    scored = scores.score_sentences(seed.sentences).set_index("sentence_id")
    for sid, rows in ev.groupby("sentence_id"):
        text = scored.loc[sid, "text"]
        if "!" in text or "?" in text:
            continue
        assert round(normalize(rows["valence"].sum()), 4) == pytest.approx(scored.loc[sid, "compound"], abs=2e-4)


def test_arc_and_paragraph_means(scored):
    arc = summaries.sentiment_arc(scored, window=3)
    assert len(arc) == 19
    assert arc["rolling_mean"].iloc[0] == pytest.approx(scored["compound"].iloc[:2].mean(), abs=1e-4)
    paras = summaries.paragraph_means(scored)
    assert paras["sentences"].sum() == 19 and paras["paragraph_id"].max() == 11
