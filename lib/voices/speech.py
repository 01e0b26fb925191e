"""Voices: whose words are these? Quoted speakers against the narrator.

Every body word token is *quoted* when it stands inside a full, partial or
floating quotation, and *narrator* otherwise. Words inside a scare quote stay
the narrator's: the writer holds them at arm's length but nobody is quoted.
A text without quotation marks is all narrator.

Per document (in the pass, :func:`lib.voices.document.analyse`):

* :func:`token_quotes`: the quotation each token belongs to (0: the narrator's).
* :func:`document_voice_words`: word tokens per voice and their share.
* :func:`voice_term_counts`: what :func:`voice_terms` counts, as Counters that add
  up across documents.
* :func:`document_voice_sentiment`: VADER compound per voice: each quotation is scored
  on its own text, and the narrator on each sentence's text with the
  quotations cut out (:func:`narrator_segments`); the mean is over those segments.

Over the corpus, from the merged tables (the notebook):

* :func:`voice_terms`: term counts and rates per voice (non-stopword words).
* :func:`speakers`: one row per speaker: quotations, words quoted, mean
  compound of their quotations, roles and organisations seen; a surname used
  alone in one document joins the full name of another (:func:`speaker_aliases`).
* :func:`speaker_rule_counts`, :func:`source_type_counts`.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple, Sequence

import numpy as np

from lib.sentiment.scores import score_text
from lib.text.tokens import Token
from lib.voices.quotes import Quote

if TYPE_CHECKING:  # the corpus-level tables build DataFrames in the notebook; the rules never need pandas
    import pandas as pd

QUOTED, NARRATOR = "quoted", "narrator"
SPEAKER_COLUMNS = ["speaker", "speaker_type", "documents", "quotes", "words_quoted", "mean_compound",
                   "roles", "orgs", "aliases"]
VOICE_TERM_COLUMNS = ["voice", "term", "count", "rate_per_1000", "documents"]


class VoiceWords(NamedTuple):
    """A row of ``voice_words.csv``: a document's word tokens in one voice."""

    doc_id: str
    voice: str  # narrator, quoted
    words: int
    share: float  # of the document's word tokens


class VoiceSentiment(NamedTuple):
    """A row of ``voice_sentiment.csv``: how one voice of a document sounds."""

    doc_id: str
    voice: str
    segments: int  # quotations, or sentences with narrator words
    words: int
    mean_compound: float  # NaN when the document has no segment in this voice
    share_negative: float  # NaN likewise


VOICE_WORD_COLUMNS = list(VoiceWords._fields)
VOICE_SENTIMENT_COLUMNS = list(VoiceSentiment._fields)
# voice_sentiment.csv leaves a voice's scores empty when the document gives it no segment.
VOICE_SENTIMENT_EMPTY = dict.fromkeys(["mean_compound", "share_negative"],
                                      "the document has no segment in this voice (no quotation, or no narrator words)")


def voiced_quotes(quotes: list[Quote]) -> list[Quote]:
    """The quotations that give someone a voice (every kind but scare quotes)."""
    return [q for q in quotes if q.kind != "scare"]


def token_quotes(tokens: list[Token], quotes: list[Quote]) -> list[int]:
    """For each of one document's tokens, the ``quote_id`` of the first voiced quotation (in the
    quotes' order) whose span holds its start; 0 for the narrator's.

    >>> q = Quote("d", 1, 5, 8, "a b", "", "", "", "", "full", "1", "", 2, 0.0, 1, False, False, "none")
    >>> from lib.text.tokens import tokenize
    >>> token_quotes(tokenize('He: "a b" ok'), [q])
    [0, 0, 0, 1, 1, 0, 0]
    """
    find = _span_finder([(q.start, q.end, q.quote_id) for q in voiced_quotes(quotes)])
    return [find(t.start) for t in tokens]


def _span_finder(spans: list[tuple[int, int, int]]):
    """``at -> id`` of the first span ``(start, end, id)`` in ``spans`` with ``start <= at < end``, else 0.

    Spans in document order that do not overlap (the usual case) are searched by bisection;
    overlapping ones (an unmatched mark can give them) are scanned in order.

    >>> f = _span_finder([(0, 5, 1), (8, 12, 2)])
    >>> [f(at) for at in (0, 4, 5, 8, 11, 12)]
    [1, 1, 0, 2, 2, 0]
    >>> _span_finder([(0, 10, 1), (2, 4, 2)])(3), _span_finder([(2, 4, 2), (0, 10, 1)])(3)
    (1, 2)
    """
    if not spans:
        return lambda at: 0
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])) or any(s >= e for s, e, _ in spans):
        return lambda at: next((q for a, b, q in spans if a <= at < b), 0)
    starts = [s for s, _, _ in spans]

    def find(at: int) -> int:
        i = bisect_right(starts, at) - 1
        return spans[i][2] if i >= 0 and at < spans[i][1] else 0

    return find


def document_voice_words(doc_id: str, tokens: list[Token], quote_ids: list[int]) -> list[VoiceWords]:
    """One document's rows of ``voice_words.csv``: word tokens per voice (``quote_ids`` from
    :func:`token_quotes`) and their share; none for a document without a word."""
    n = quoted = 0
    for t, q in zip(tokens, quote_ids):
        if t.kind == "word":
            n += 1
            quoted += q != 0
    if not n:
        return []
    return [VoiceWords(doc_id, v, k, round(k / n, 4)) for v, k in ((NARRATOR, n - quoted), (QUOTED, quoted))]


def voice_term_counts(tokens: list[Token], quote_ids: list[int], stop: frozenset[str]
                      ) -> tuple[dict[str, Counter], dict[str, Counter], Counter]:
    """What :func:`voice_terms` counts in one document, as Counters that add up across documents: per
    voice, the count of each term (word norm not in ``stop``) and the documents holding it (1
    here), and the word tokens of each voice (stopwords included, the denominator of the rates)."""
    counts = {v: Counter() for v in (NARRATOR, QUOTED)}
    totals: Counter = Counter()
    for t, q in zip(tokens, quote_ids):
        if t.kind != "word":
            continue
        v = QUOTED if q else NARRATOR
        totals[v] += 1
        if t.norm not in stop:
            counts[v][t.norm] += 1
    documents = {v: Counter(dict.fromkeys(c, 1)) for v, c in counts.items()}
    return counts, documents, totals


def voice_terms(counts: dict[str, Counter], documents: dict[str, Counter], totals: Counter) -> pd.DataFrame:
    """``voice_terms.csv`` from :func:`voice_term_counts` summed over the documents: per voice, each
    term's count, rate per 1,000 words of that voice (stopwords left out) and the documents in
    which the voice uses it."""
    import pandas as pd

    rows = []
    for v in (NARRATOR, QUOTED):
        total = totals.get(v, 0)
        for term, count in counts.get(v, {}).items():
            if count:
                rows.append(dict(voice=v, term=term, count=int(count), rate_per_1000=round(1000 * count / total, 2),
                                 documents=int(documents[v][term])))
    out = pd.DataFrame(rows, columns=VOICE_TERM_COLUMNS)
    return out.sort_values(["voice", "count", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def narrator_segments(text: str, sentences: Sequence[tuple[int, int, int, int]], quotes: list[Quote]) -> list[tuple[int, str]]:
    """(sentence_id, text) of each of one document's sentences with its voiced quotations (and their
    marks) cut out, when a letter is left: what the narrator says.

    >>> t = 'He said: "We go now." Then left.'
    >>> q = Quote("d", 1, 10, 20, "We go now.", "", "", "", "", "full", "1", "", 3, 0.0, 1, False, False, "none")
    >>> narrator_segments(t, [(1, 1, 0, 21), (2, 1, 22, 32)], [q])
    [(1, 'He said:'), (2, 'Then left.')]
    """
    spans = [(q.start, q.end) for q in voiced_quotes(quotes)]
    rows = []
    for sid, _, s, e in sentences:
        cuts = sorted((a, b) for a, b in spans if a < e and b > s)
        pieces, at = [], s
        for a, b in cuts:
            pieces.append(text[at:max(at, a - 1)])
            at = max(at, b + 1)
        pieces.append(text[at:e])
        segment = " ".join(p.strip() for p in pieces if p.strip())
        if any(c.isalpha() for c in segment):
            rows.append((sid, segment))
    return rows


def _mean(values: list[float]) -> float:
    """The float64 mean pandas gives (NumPy's pairwise sum), rounded to 4 places."""
    return round(float(np.sum(np.array(values, dtype=np.float64)) / len(values)), 4)


def document_voice_sentiment(doc_id: str, text: str, sentences: Sequence[tuple[int, int, int, int]],
                    quotes: list[Quote]) -> list[VoiceSentiment]:
    """One document's rows of ``voice_sentiment.csv``: mean VADER compound per voice, over its
    quotations (quoted) or narrator segments, in document order (narrator segments by sentence,
    quotations by quote id); none for a document without a sentence."""
    if not len(sentences):
        return []
    narrator = [(t, score_text(t)["compound"]) for _, t in narrator_segments(text, sentences, quotes)]
    quoted = [(q.text, float(q.compound)) for q in voiced_quotes(quotes)]
    rows = []
    for v, seg in ((NARRATOR, narrator), (QUOTED, quoted)):
        comp = [c for _, c in seg]
        rows.append(VoiceSentiment(doc_id, v, len(seg), int(sum(len(t.split()) for t, _ in seg)),
                                   _mean(comp) if seg else float("nan"),
                                   round(sum(c <= -0.05 for c in comp) / len(comp), 4) if seg else float("nan")))
    return rows


def speaker_aliases(names: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """``(speaker, speaker_type) -> the name it is listed under``: a named person given by surname
    alone in one document ("Trump") is the person named in full in others ("Donald Trump") when
    exactly one full name ends with it; an ambiguous surname ("Clinton" beside Bill and Hillary
    Clinton) stays as it is.

    >>> names = [("Donald Trump", "named person"), ("Trump", "named person"), ("Clinton", "named person"),
    ...          ("Bill Clinton", "named person"), ("Hillary Clinton", "named person"), ("Reuters", "news outlet")]
    >>> {k[0]: v for k, v in speaker_aliases(names).items() if k[0] != v}
    {'Trump': 'Donald Trump'}
    """
    people = sorted({n for n, t in names if t == "named person" and len(n.split()) >= 2})
    out = {}
    for name, stype in names:
        target = name
        if stype == "named person" and len(name.split()) == 1:
            full = [p for p in people if p.split()[-1] == name]
            if len(full) == 1:
                target = full[0]
        out[(name, stype)] = target
    return out


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: documents, quotations, words quoted, mean compound, roles and organisations seen,
    and the names merged into the row (:func:`speaker_aliases`); ``quotes``: ``quotes.csv``."""
    import pandas as pd

    q = quotes[quotes["kind"] != "scare"]
    q = q[q["speaker"].fillna("") != ""]
    col = {c: q[c].to_list() for c in ("speaker", "speaker_type", "doc_id", "words", "compound")}
    col.update({c: q[c].fillna("").to_list() for c in ("speaker_role", "speaker_org")})
    keys = [k for k in zip(col["speaker"], col["speaker_type"]) if not pd.isna(k[1])]
    canonical = speaker_aliases(sorted(set(keys)))
    groups: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(col["speaker"], col["speaker_type"])):
        if not pd.isna(key[1]):  # as groupby, which leaves out missing keys
            groups.setdefault((canonical[key], key[1]), []).append(i)
    rows = []
    for (name, stype), at in sorted(groups.items()):
        rows.append(dict(speaker=name, speaker_type=stype, documents=len({col["doc_id"][i] for i in at}), quotes=len(at),
                         words_quoted=int(sum(col["words"][i] for i in at)),
                         mean_compound=round(float(pd.Series([col["compound"][i] for i in at], dtype="float64").mean()), 4),
                         roles="; ".join(sorted({col["speaker_role"][i] for i in at if col["speaker_role"][i]})),
                         orgs="; ".join(sorted({col["speaker_org"][i] for i in at if col["speaker_org"][i]})),
                         aliases="; ".join(sorted({col["speaker"][i] for i in at}))))
    out = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return out.sort_values(["words_quoted", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def speaker_rule_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotations (scare quotes left out) per ``speaker_rule``, surest first, with their share:
    how far the speakers of a corpus can be trusted.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"kind": ["full", "full", "scare"], "speaker_rule": ["same_sentence", "pronoun", "none"]})
    >>> speaker_rule_counts(q)["quotations"].tolist()
    [1, 0, 0, 0, 1, 0]
    """
    import pandas as pd

    from lib.voices.quotes import SPEAKER_RULES

    rules = quotes[quotes["kind"] != "scare"]["speaker_rule"].to_list()
    rows = [dict(speaker_rule=r, quotations=rules.count(r), share=round(rules.count(r) / len(rules), 4) if rules else 0.0)
            for r in SPEAKER_RULES]
    return pd.DataFrame(rows, columns=["speaker_rule", "quotations", "share"])


def source_type_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Attributions per source type and cue class (every type listed, zeros included); ``sources``:
    ``sources.csv``."""
    import pandas as pd

    from lib.voices.attribution import CUE_CLASSES, SOURCE_TYPES

    rows = [dict(source_type=t, cue_class=c, attributions=int(((sources["source_type"] == t) & (sources["cue_class"] == c)).sum()))
            for t in SOURCE_TYPES for c in CUE_CLASSES]
    return pd.DataFrame(rows, columns=["source_type", "cue_class", "attributions"])
