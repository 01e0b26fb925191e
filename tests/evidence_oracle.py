"""The reference behind :func:`lib.sentiment.scores.sentence_evidence`: the reference VADER analyzer,
observed, and the evidence rows built from what it computes, as ``lib/sentiment/scores.py`` built
them before :func:`lib.sentiment.vader.analyse_text` replaced the observed analyzer there.

Used by ``tests/sentiment/test_evidence_fast.py`` (the fast path must give the same values and rows on
every text) and by ``benchmarks/vader_speed.py`` (the time it took). A deliberate change to
the rows (a new field, a new rule) is made in both places.
"""
from __future__ import annotations

from functools import lru_cache

from vaderSentiment import vaderSentiment as vader

from lib.sentiment.scores import BLIND_SPOT_WINDOW, VADER_WINDOW, _word_offsets
from lib.text.normalize import normalize_typography


class _ObservingAnalyzer(vader.SentimentIntensityAnalyzer):
    """The reference analyzer, unchanged, keeping the per-word valences it computes."""

    def __init__(self) -> None:
        super().__init__()
        self.negated_at: set[int] = set()
        self.words: list[str] = []
        self.before_but: list[float] = []
        self.after_but: list[float] = []

    def _but_check(self, words_and_emoticons, sentiments):  # type: ignore[override]
        self.before_but = list(sentiments)
        after = vader.SentimentIntensityAnalyzer._but_check(words_and_emoticons, sentiments)
        self.after_but = list(after)
        self.words = list(words_and_emoticons)
        return after

    def _negation_check(self, valence, words_and_emoticons, start_i, i):  # type: ignore[override]
        new = super()._negation_check(valence, words_and_emoticons, start_i, i)
        if new != valence:
            self.negated_at.add(i)
        return new

    def analyse(self, text: str) -> tuple[dict, list[str], list[float], list[float], set[int]]:
        self.negated_at = set()
        self.words, self.before_but, self.after_but = [], [], []
        scores = self.polarity_scores(text)
        return scores, self.words, self.before_but, self.after_but, set(self.negated_at)


@lru_cache(maxsize=1)
def analyzer() -> _ObservingAnalyzer:
    return _ObservingAnalyzer()


def reference_analyse(text: str) -> tuple[dict, list[str], list[float], list[float], set[int]]:
    """``(scores, words, before_but, after_but, negated_at)`` from the reference itself."""
    return analyzer().analyse(text)


def reference_evidence(text: str) -> list[dict]:
    """``sentence_evidence(text)`` computed by the reference analyzer, observed."""
    an = analyzer()
    norm = normalize_typography(text)
    _, words, before_but, after_but, negated_at = an.analyse(norm)
    spans = _word_offsets(text, words)
    rows = []
    for i, word in enumerate(words):
        low = word.lower()
        lex = an.lexicon.get(low)
        if lex is None or i >= len(after_but) or after_but[i] == 0:
            continue
        back = [w.lower() for w in words[max(0, i - VADER_WINDOW):i]]
        far = words[max(0, i - BLIND_SPOT_WINDOW):max(0, i - VADER_WINDOW)]
        unseen = ""
        if i not in negated_at:
            unseen = next((w for w in reversed(far) if vader.negated([w])), "")
        rows.append(dict(
            word_index=i, start=spans[i][0], end=spans[i][1], word=word,
            lexicon_valence=lex, valence=round(after_but[i], 4),
            # VADER negates in two places: its negation check (recorded) and
            # the "no <word>" rule inside sentiment_valence (seen as a flip).
            negated=i in negated_at or (before_but[i] * lex < 0),
            boosted=any(w in vader.BOOSTER_DICT for w in back),
            but_weighted=before_but[i] != after_but[i],
            all_caps=word.isupper() and any(not w.isupper() for w in words),
            unseen_negation=unseen,
        ))
    return rows
