"""Sentence sentiment with VADER, and the evidence behind each score.

One implementation, pinned exactly: the reference analyzer by VADER's authors,
``vaderSentiment==3.3.2`` (MIT), with the lexicon it ships. NLTK's port
differs from it (nltk issue 3071: NLTK scores a repeated word with the context
of its first occurrence), so :data:`VADER_VERSION` is checked at import and a
test pins a sentence on which the two disagree.

Sentence scores and the per-word valences behind :func:`sentence_evidence` are
computed by :mod:`lib.sentiment.vader`, equal to the reference's on every text and
several times faster.

Sentences are scored on their typographically normalised text: VADER's
negation list knows "haven't" with a straight apostrophe only.

Label rule, from the VADER authors' README (Hutto & Gilbert 2014, "About the
scoring"): compound >= 0.05 positive, compound <= -0.05 negative, else
neutral.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is built: a worker of the pass never
    import pandas as pd  # needs it, which saves ~0.6 s per worker start (measured)
from vaderSentiment import vaderSentiment as reference

from lib.sentiment import vader
from lib.text.normalize import normalize_typography

VADER_VERSION = "3.3.2"
POSITIVE_THRESHOLD = 0.05  # VADER README: compound >= 0.05 is positive
NEGATIVE_THRESHOLD = -0.05  # VADER README: compound <= -0.05 is negative
# VADER looks at most three words back for negations and boosters.
VADER_WINDOW = 3
# How far back we look for a negation VADER could not see, to flag it.
BLIND_SPOT_WINDOW = 6

SENTENCE_SCORE_COLUMNS = ["compound", "pos", "neu", "neg", "label"]
EVIDENCE_COLUMNS = ["doc_id", "sentence_id", "word_index", "start", "end", "word", "lexicon_valence",
                    "valence", "negated", "boosted", "but_weighted", "all_caps", "unseen_negation"]

_installed = version("vaderSentiment")
if _installed != VADER_VERSION:  # scores depend on the exact implementation
    raise ImportError(f"newslens needs vaderSentiment=={VADER_VERSION}, found {_installed}")


def label(compound: float) -> str:
    """Label a compound score by the VADER authors' thresholds.

    >>> label(0.05), label(0.0), label(-0.05)
    ('positive', 'neutral', 'negative')
    """
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def score_text(text: str) -> dict:
    """VADER scores of one text plus its label.

    >>> score_text("The troops are suffering significant casualties.")["label"]
    'negative'
    """
    compound, pos, neu, neg = _polarity(normalize_typography(text))
    return {"compound": compound, "pos": pos, "neu": neu, "neg": neg, "label": label(compound)}


@lru_cache(maxsize=1 << 14)
def _polarity(norm: str) -> tuple[float, float, float, float]:
    """The reference ``polarity_scores`` of a normalised text, memoised: a repeated
    sentence (6 % of Reuters' sentences: datelines, standard phrases) is scored once.
    Computed by :func:`lib.sentiment.vader.polarity`, equal to the reference on every text
    and about 3.5 times faster (see that module)."""
    return vader.polarity(norm)


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with compound, pos, neu, neg and label columns added."""
    import pandas as pd

    scored = [score_text(t) for t in sentences["text"]]
    extra = pd.DataFrame(scored, columns=SENTENCE_SCORE_COLUMNS, index=sentences.index)
    return pd.concat([sentences, extra], axis=1)


def _word_offsets(sentence: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each of VADER's words stands in the sentence (VADER keeps no offsets)."""
    low = normalize_typography(sentence).lower()
    spans, cursor = [], 0
    for w in words:
        at = low.find(w.lower(), cursor)
        if at < 0:
            spans.append((-1, -1))
            continue
        spans.append((at, at + len(w)))
        cursor = at + len(w)
    return spans


def sentence_evidence(text: str) -> list[dict]:
    """The lexicon words that moved one sentence's score, and what changed them.

    ``lexicon_valence`` is the word's entry in the lexicon, ``valence`` what
    VADER finally counted for it. ``negated``, ``boosted``, ``but_weighted``
    and ``all_caps`` say which of VADER's rules changed it; ``unseen_negation``
    names a negation that stands too far back for VADER to see (its
    three-word window), the blind spot that makes "haven't really been all
    that effective" positive.

    >>> rows = sentence_evidence("These tactics haven't really been all that effective.")
    >>> [(r["word"], r["valence"] > 0, r["negated"], r["unseen_negation"]) for r in rows]
    [('effective', True, False, "haven't")]
    """
    norm = normalize_typography(text)
    if not vader.may_score(norm):  # no word has a valence: no row
        return []
    _, words, before_but, after_but, negated_at = vader.analyse_text(norm, scores=False)
    return _evidence_rows(text, words, before_but, after_but, negated_at)


def _evidence_rows(text: str, words: list[str], before_but: list[float], after_but: list[float],
                   negated_at: set[int]) -> list[dict]:
    """The rows of :func:`sentence_evidence` from what VADER computed for the normalised
    ``text`` (see :func:`lib.sentiment.vader.analyse_text`): one per lexicon word whose final valence
    is not 0, in word order."""
    lexicon = vader.scorer().lexicon
    counted = [i for i, (word, valence) in enumerate(zip(words, after_but))
               if valence != 0 and word.lower() in lexicon]
    if not counted:
        return []
    # each word's offset depends on the words before it only: none after the last row's is needed
    spans = _word_offsets(text, words[:counted[-1] + 1])
    rows = []
    for i in counted:
        word = words[i]
        lex = lexicon[word.lower()]
        back = [w.lower() for w in words[max(0, i - VADER_WINDOW):i]]
        far = words[max(0, i - BLIND_SPOT_WINDOW):max(0, i - VADER_WINDOW)]
        unseen = ""
        if i not in negated_at:
            unseen = next((w for w in reversed(far) if vader.is_negation(w)), "")
        rows.append(dict(
            word_index=i, start=spans[i][0], end=spans[i][1], word=word,
            lexicon_valence=lex, valence=round(after_but[i], 4),
            # VADER negates in two places: its negation check (recorded) and
            # the "no <word>" rule inside sentiment_valence (seen as a flip).
            negated=i in negated_at or (before_but[i] * lex < 0),
            boosted=any(w in reference.BOOSTER_DICT for w in back),
            but_weighted=before_but[i] != after_but[i],
            all_caps=word.isupper() and any(not w.isupper() for w in words),
            unseen_negation=unseen,
        ))
    return rows


def evidence_rows(doc_id: str, sentence_id: int, start: int, text: str) -> list[dict]:
    """:func:`sentence_evidence` of one sentence of a document (the sentence ``text`` starts at
    ``start``), as ``EVIDENCE_COLUMNS`` rows: ``start``/``end`` are document offsets."""
    rows = []
    for r in sentence_evidence(text):
        if r["start"] >= 0:
            r["start"] += start
            r["end"] += start
        rows.append({"doc_id": doc_id, "sentence_id": sentence_id, **r})
    return rows


def evidence_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows for every sentence; ``start``/``end`` are document offsets."""
    import pandas as pd

    cols = sentences[["doc_id", "sentence_id", "start", "text"]].itertuples(index=False)
    rows = [row for doc_id, sid, s_start, text in cols for row in evidence_rows(doc_id, sid, s_start, text)]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def vader_word_check() -> bool:
    """Whether a text with a negation and a repetition scores as the reference does."""
    return score_text("this wasn't good, that was good")["compound"] > 0


def headline_scores(headlines: dict[str, str]) -> pd.DataFrame:
    """VADER scores of each document's headline (documents without one are left out)."""
    import pandas as pd

    rows = [{"doc_id": d, "headline": h, **score_text(h)} for d, h in sorted(headlines.items()) if h]
    return pd.DataFrame(rows, columns=["doc_id", "headline", *SENTENCE_SCORE_COLUMNS])
