"""VADER scores equal to the reference ``polarity_scores``, computed without its per-word overhead.

Why this module exists: the reference ``vaderSentiment==3.3.2``
``SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on work
that cannot change a score: it calls ``sentiment_valence`` for nearly every
word (and nearly all of them are not in the lexicon), builds a lower-cased copy of the
whole sentence four times for each lexicon word (``_negation_check`` three
times, ``_special_idioms_check`` once), looks for a negation by scanning a
list of 59 words, and copies the text character by character to translate
emojis. Measured with ``benchmarks/vader_speed.py`` on the 12,708 sentences
of the first 2,000 Reuters stories (best of 5 alternating runs, on a 2-core
machine shared with other work, so the times vary from run to run), the
reference takes 0.85 to 1.26 s and this module 0.27 to 0.37 s: 2.9 to 4.0
times faster over eight runs (typically 3.5), with 0 sentences scored
differently; under cProfile, 5.3 s against 1.3 s. Sentences without a
lexicon word (43 % of them) are 8 times faster, the others 2.5 to 3 times.

What :func:`polarity` does, step by step the reference's:

* Emojis: the reference replaces each character that is a key of its emoji
  dictionary. When no character of the text is one (an ASCII text never is:
  the dictionary's only characters below U+2000 are "\u00a9" and "\u00ae"), its
  loop copies the text unchanged, so only its final ``strip()`` is done here;
  otherwise the same loop runs.
* Words: split and stripped of punctuation as ``SentiText`` does, lower-cased
  once each.
* Per-word valence: the reference gives 0 to a booster, to "kind" before
  "of", and (inside ``sentiment_valence``) to every word whose lower case is
  not in the lexicon; nothing else in its loop reads or changes state. Those
  words get 0 here too, with no call. Every other word goes through
  :meth:`_Scorer._valence`, the reference's ``sentiment_valence``,
  ``_negation_check``, ``_special_idioms_check`` and ``_least_check`` written
  out on the lower-cased words, in the same order and with the same
  arithmetic (the reference's ``scalar_inc_dec`` is called for boosters).
* ``_but_check`` (when "but" is a word) and ``score_valence`` are the
  reference's own, on the same list of valences. A text whose valences are
  all 0 scores (0, 0, 1, 0), a text without words (0, 0, 0, 0): what
  ``score_valence`` gives for them. An ASCII text whose lower-cased tokens,
  stripped or not, are none of them a lexicon word is one such text, known
  without building its words.

What :func:`analyse` gives :func:`lib.sentiment.scores.sentence_evidence`: the values the
reference computes on the way to its scores, from the same steps: its words (original
case), the per-word valences before and after ``_but_check`` (the reference's own, called
when "but" is a word; without one it returns the list unchanged), and the indices of the
words whose valence a ``_negation_check`` call changed (the product by ``N_SCALAR``, or by
1.25 after "never so"/"never this", when it differs from the valence: not when that is 0).
:func:`may_score` is False for a text known, by the ASCII test above, to give every word 0:
``sentence_evidence`` has no row for it and builds no words. On the same 12,708 sentences
``sentence_evidence`` took 1.38 to 1.81 s with the reference analyzer observed and takes
0.40 to 0.58 s (2.5 to 3.6 times faster over seven runs, typically 3.3), with the same
13,733 rows; ``tests/sentiment/test_evidence_fast.py`` checks the five values and the rows against
the reference, observed (``tests/evidence_oracle.py``), on the texts listed below.

How it is checked (``tests/sentiment/test_vader_fast.py``): the per-word valences before
``_but_check`` (unrounded) and the four scores equal the reference's with
``==`` on every sentence, line and paragraph of 1,500 Reuters stories and of
the seed; on every context of up to three rule words (negations, "no"/"or",
"never so", "without doubt", "least", boosters, "kind of", idiom words, "but")
before a lexicon word; on hypothesis-generated texts built from words that
reach every rule, in every case, with punctuation, emoticons, emojis and
non-ASCII letters; on any text; and on hand cases. Each of 18 deliberate
slips in this module (a rule dropped or changed) fails at least one of them.
``benchmarks/vader_speed.py`` counts differing Reuters sentences (0).
"""
from __future__ import annotations

import string
from functools import lru_cache
from importlib.metadata import version
from itertools import repeat

from vaderSentiment import vaderSentiment as vader

REFERENCE_VERSION = "3.3.2"  # the rules below are this version's, written out
if version("vaderSentiment") != REFERENCE_VERSION:
    raise ImportError(f"lib.sentiment.vader mirrors vaderSentiment=={REFERENCE_VERSION}, found {version('vaderSentiment')}")

_PUNCTUATION = string.punctuation  # what SentiText._strip_punc_if_word strips
_NEGATE = frozenset(vader.NEGATE)
_BOOSTERS = vader.BOOSTER_DICT
_SPECIAL = vader.SPECIAL_CASES
_N_SCALAR = vader.N_SCALAR
_C_INCR = vader.C_INCR
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
# Every word of a special case or of a booster of several words: a sequence of words joined by
# spaces (no word holds a space: words come from str.split) can only be one of those keys if
# each of its words is one of these.
_IDIOM_WORDS = frozenset(w for key in [*_SPECIAL, *_BOOSTERS] if " " in key for w in key.split(" "))


def _negated(low: str) -> bool:
    """``vader.negated([low])``: a NEGATE word or one containing "n't" (it lower-cases again)."""
    low = low.lower()
    return low in _NEGATE or "n't" in low


def is_negation(word: str) -> bool:
    """``vader.negated([word])`` for one word, without its scan of the 59 negation words.

    >>> is_negation("Haven't"), is_negation("never"), is_negation("now")
    (True, True, False)
    """
    return _negated(word)


class _Scorer:
    """The reference analyzer, its lexicon, and the sets derived from its dictionaries."""

    def __init__(self) -> None:
        self.ref = vader.SentimentIntensityAnalyzer()
        self.lexicon = self.ref.lexicon
        # The characters the reference's emoji loop replaces (a key of several characters
        # never equals one character, so it is never replaced).
        self.emoji_chars = frozenset(k for k in self.ref.emojis if len(k) == 1)
        # Lower-cased words that can get a non-zero valence: in the lexicon, not a booster.
        self.scored_words = frozenset(self.lexicon).difference(_BOOSTERS)

    def reference(self, text: str) -> tuple[float, float, float, float]:
        s = self.ref.polarity_scores(text)
        return s["compound"], s["pos"], s["neu"], s["neg"]

    def valences(self, text: str) -> tuple[str, list[str], list[float]]:
        """The text the reference scores (emojis translated, stripped), its words, and
        their valences as the reference's loop leaves them, before ``_but_check``."""
        text, words, _, sentiments = self._words_and_valences(text)
        return text, words, sentiments

    def polarity(self, text: str) -> tuple[float, float, float, float]:
        if type(text) is not str:  # SentiText would encode it; a str subclass may behave otherwise
            return self.reference(text)
        if text.isascii():  # no emoji; lower-casing keeps each character's class and the lengths
            text = text.strip()
            low_tokens = text.lower().split()
            if not low_tokens:
                return 0.0, 0.0, 0.0, 0.0
            if self._none_scored(low_tokens):
                return 0.0, 0.0, 1.0, 0.0
        text, words, lowers, sentiments = self._words_and_valences(text)
        if not any(sentiments):  # what score_valence gives for all-zero valences
            return (0.0, 0.0, 1.0, 0.0) if sentiments else (0.0, 0.0, 0.0, 0.0)
        if "but" in lowers:
            sentiments = vader.SentimentIntensityAnalyzer._but_check(words, sentiments)
        s = self.ref.score_valence(sentiments, text)
        return s["compound"], s["pos"], s["neu"], s["neg"]

    def _none_scored(self, low_tokens: list[str]) -> bool:
        """Whether none of the words of an ASCII text whose lower-cased tokens are ``low_tokens``
        is a scored word: each word, lower-cased, is a lower-cased token or that token stripped
        of punctuation (lower-casing an ASCII text keeps each character's class and the lengths)."""
        scored = self.scored_words
        return scored.isdisjoint(low_tokens) and scored.isdisjoint(map(str.strip, low_tokens, repeat(_PUNCTUATION)))

    def may_score(self, text: str) -> bool:
        """False when ``text`` is known, without building its words, to give every word the
        valence 0 (an ASCII ``str`` none of whose words is a scored word); True otherwise."""
        return type(text) is not str or not text.isascii() or not self._none_scored(text.lower().split())

    def analyse(self, text: str, scores: bool = True
                ) -> tuple[dict | None, list[str], list[float], list[float], set[int]]:
        """What the reference computes on the way to its scores: ``(scores, words, before_but,
        after_but, negated_at)``, the ``polarity_scores`` dict (None when ``scores`` is false),
        the words of the text it scores (``SentiText``'s, original case), the per-word valences
        before and after ``_but_check``, and the indices of the words whose valence one of its
        ``_negation_check`` calls changed."""
        if type(text) is not str:
            # The reference's emoji loop iterates over any input and builds a str from what it
            # yields (or raises, as this loop does): everything after it works on that str. It
            # has no emoji character left (no description holds one), so it is not translated again.
            text = self._translate_emojis(text)
        negated_at: set[int] = set()
        text, words, lowers, sentiments = self._words_and_valences(text, negated_at)
        before_but = list(sentiments)
        # (without "but" among the words the reference's _but_check returns the list unchanged)
        after_but = vader.SentimentIntensityAnalyzer._but_check(words, sentiments) if "but" in lowers else sentiments
        result = self.ref.score_valence(after_but, text) if scores else None
        return result, words, before_but, after_but, negated_at

    def _words_and_valences(self, text: str, negated_at: set[int] | None = None
                            ) -> tuple[str, list[str], list[str], list[float]]:
        if text.isascii() or self.emoji_chars.isdisjoint(text):
            text = text.strip()
        else:
            text = self._translate_emojis(text)
        words = [t if len(s := t.strip(_PUNCTUATION)) <= 2 else s for t in text.split()]
        n = len(words)
        lowers = [w.lower() for w in words]
        sentiments: list[float] = [0] * n  # the reference appends the int 0 for these words
        scored = self.scored_words
        if n == 0 or scored.isdisjoint(lowers):
            return text, words, lowers, sentiments
        caps = sum(map(str.isupper, words))
        is_cap_diff = 0 < n - caps < n  # allcap_differential(words)
        # A word's valence depends on the words only (not on the other valences), so the
        # lexicon words can be visited word by word rather than in order.
        for low in scored.intersection(lowers):
            i = -1
            for _ in range(lowers.count(low)):
                i = lowers.index(low, i + 1)
                if low == "kind" and i < n - 1 and lowers[i + 1] == "of":
                    continue
                sentiments[i] = self._valence(words, lowers, i, is_cap_diff, negated_at)
        return text, words, lowers, sentiments

    def _valence(self, words: list[str], lowers: list[str], i: int, is_cap_diff: bool,
                 negated_at: set[int] | None = None) -> float:
        """``sentiment_valence`` of word ``i``, a lexicon word (``lowers`` are ``words`` lower-cased);
        ``i`` is added to ``negated_at`` (when given) if a ``_negation_check`` changes the valence."""
        lexicon = self.lexicon
        n = len(words)
        item_lowercase = lowers[i]
        valence = lexicon[item_lowercase]
        # "no" before a lexicon word is not counted; up to three words after it, it negates
        if item_lowercase == "no" and i != n - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lowers[i - 1] == "no") or (i > 1 and lowers[i - 2] == "no") \
                or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR):
            valence = lexicon[item_lowercase] * _N_SCALAR
        if words[i].isupper() and is_cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in range(0, 3):
            if i > start_i and lowers[i - (start_i + 1)] not in lexicon:
                before = lowers[i - (start_i + 1)]
                s = vader.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff) \
                    if before in _BOOSTERS else 0.0  # what it returns for other words
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                # _negation_check: at most one product per call
                factor = None
                if start_i == 0:
                    if _negated(before):
                        factor = _N_SCALAR
                elif start_i == 1:
                    if lowers[i - 2] == "never" and lowers[i - 1] in _SO_THIS:
                        factor = 1.25
                    elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                        pass
                    elif _negated(before):
                        factor = _N_SCALAR
                else:
                    if lowers[i - 3] == "never" and lowers[i - 2] in _SO_THIS or lowers[i - 1] in _SO_THIS:
                        factor = 1.25
                    elif lowers[i - 3] == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
                        pass
                    elif _negated(before):
                        factor = _N_SCALAR
                if factor is not None:
                    checked = valence * factor
                    if negated_at is not None and checked != valence:
                        negated_at.add(i)
                    valence = checked
                if start_i == 2:
                    valence = self._special_idioms(valence, lowers, i)
        # _least_check
        if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                valence = valence * _N_SCALAR
        elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            valence = valence * _N_SCALAR
        return valence

    @staticmethod
    def _special_idioms(valence: float, lowers: list[str], i: int) -> float:
        """``_special_idioms_check`` (called with ``i > 2``)."""
        w3, w2, w1, w0 = lowers[i - 3], lowers[i - 2], lowers[i - 1], lowers[i]
        # Each sequence it looks up has w1, w2 or w3 in it, or starts with w0.
        if w0 not in _IDIOM_WORDS and w1 not in _IDIOM_WORDS and w2 not in _IDIOM_WORDS \
                and w3 not in _IDIOM_WORDS:
            return valence
        onezero = w1 + " " + w0
        twoonezero = w2 + " " + w1 + " " + w0
        twoone = w2 + " " + w1
        threetwoone = w3 + " " + w2 + " " + w1
        threetwo = w3 + " " + w2
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in _SPECIAL:
                valence = _SPECIAL[seq]
                break
        n = len(lowers)
        if n - 1 > i:
            zeroone = w0 + " " + lowers[i + 1]
            if zeroone in _SPECIAL:
                valence = _SPECIAL[zeroone]
        if n - 1 > i + 1:
            zeroonetwo = w0 + " " + lowers[i + 1] + " " + lowers[i + 2]
            if zeroonetwo in _SPECIAL:
                valence = _SPECIAL[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in _BOOSTERS:
                valence = valence + _BOOSTERS[n_gram]
        return valence

    def _translate_emojis(self, text: str) -> str:
        """The reference's emoji loop, as written at the start of ``polarity_scores``."""
        emojis = self.ref.emojis
        text_no_emoji = ""
        prev_space = True
        for chr in text:
            if chr in emojis:
                description = emojis[chr]
                if not prev_space:
                    text_no_emoji += ' '
                text_no_emoji += description
                prev_space = False
            else:
                text_no_emoji += chr
                prev_space = chr == ' '
        return text_no_emoji.strip()


@lru_cache(maxsize=1)
def scorer() -> _Scorer:
    """The scorer, built once per process (the reference loads its lexicon in ~0.05 s)."""
    return _Scorer()


def polarity(text: str) -> tuple[float, float, float, float]:
    """``(compound, pos, neu, neg)`` of ``text``, equal to the reference's ``polarity_scores``.

    >>> polarity("this wasn't good, that was good")
    (0.1265, 0.312, 0.43, 0.259)
    >>> polarity("The company said it had 5 pct of the market."), polarity("  ")
    ((0.0, 0.0, 1.0, 0.0), (0.0, 0.0, 0.0, 0.0))
    """
    return scorer().polarity(text)


def reference_polarity(text: str) -> tuple[float, float, float, float]:
    """The same four values from the reference ``polarity_scores`` (for checks and timings)."""
    return scorer().reference(text)


def analyse_text(text: str, *, scores: bool = True) -> tuple[dict | None, list[str], list[float], list[float], set[int]]:
    """``(scores, words, before_but, after_but, negated_at)``: what the reference computes for
    ``text`` on the way to its scores (``tests/evidence_oracle.py`` observes it).

    ``scores`` is the ``polarity_scores`` dict (None when ``scores=False``), ``words`` the
    words of the text it scores (original case), ``before_but`` and ``after_but`` the
    per-word valences before and after ``_but_check``, ``negated_at`` the indices of the
    words whose valence a ``_negation_check`` changed (a negation word, or "never so").

    >>> scores, words, before, after, negated = analyse_text("It was not good, but never so bad")
    >>> scores["compound"], words[3], before[3], after[3], negated
    (-0.882, 'good', -1.406, -0.703, {3, 7})
    """
    return scorer().analyse(text, scores)


def may_score(text: str) -> bool:
    """False when ``text`` is known, without building its words, to give every word the
    valence 0 (an ASCII text none of whose words is a scored lexicon word).

    >>> may_score("The company said it had 5 pct of the market."), may_score("a good year")
    (False, True)
    """
    return scorer().may_score(text)
