"""Voices: whose words are these? Quoted speakers against the narrator.

Every body word token is *quoted* when it stands inside a full, partial or
floating quotation, and *narrator* otherwise. Words inside a scare quote stay
the narrator's: the writer holds them at arm's length but nobody is quoted.
A text without quotation marks is all narrator.

* :func:`voice_of_tokens`: the voice of every token.
* :func:`voice_terms`: term counts and rates per voice (non-stopword words).
* :func:`voice_sentiment`: VADER compound per voice: each quotation is scored
  on its own text, and the narrator on each sentence's text with the
  quotations cut out; the mean is over those segments.
* :func:`speakers`: one row per speaker: quotations, words quoted, mean
  compound of their quotations, roles and organisations seen; a surname used
  alone in one document joins the full name of another (:func:`speaker_aliases`).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import pandas as pd

from lib.run.folder import EMPTY_CELLS
from lib.sentiment.scores import score_text

QUOTED, NARRATOR = "quoted", "narrator"
SPEAKER_COLUMNS = ["speaker", "speaker_type", "documents", "quotes", "words_quoted", "mean_compound",
                   "roles", "orgs", "aliases"]


def voiced_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotations that give someone a voice (every kind but scare quotes)."""
    return quotes[quotes["kind"] != "scare"]


def voice_of_tokens(tokens: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` with a ``voice`` column (quoted or narrator) and the ``quote_id`` it belongs to (0 if none).

    A token belongs to the first quotation (in the quotes table's order) whose span holds its start.
    """
    out = tokens[["doc_id", "sentence_id", "token_id", "start", "end", "text", "norm", "kind", "is_stop"]].copy()
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for d, q, s, e in voiced_quotes(quotes)[["doc_id", "quote_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(d, []).append((int(s), int(e), int(q)))
    finders = {d: _span_finder(s) for d, s in spans.items()}
    none = _span_finder([])
    qid = [finders.get(d, none)(s) for d, s in zip(out["doc_id"].to_list(), out["start"].to_list())]
    out["quote_id"] = qid
    out["voice"] = [QUOTED if q else NARRATOR for q in qid]
    return out


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


def voice_words(voiced: pd.DataFrame) -> pd.DataFrame:
    """Word tokens per document and voice, and their share of the document."""
    per_doc: dict[str, Counter] = {}
    for d, kind, v in zip(*(voiced[c].to_list() for c in ("doc_id", "kind", "voice"))):
        if kind == "word":
            per_doc.setdefault(d, Counter())[v] += 1
    rows = []
    for d in sorted(per_doc):
        total = sum(per_doc[d].values())
        for v in (NARRATOR, QUOTED):
            n = per_doc[d][v]
            rows.append(dict(doc_id=d, voice=v, words=n, share=round(n / total, 4) if total else 0.0))
    return pd.DataFrame(rows, columns=["doc_id", "voice", "words", "share"])


def voice_term_counts(voiced: pd.DataFrame) -> tuple[dict[str, Counter], dict[str, Counter], Counter]:
    """What :func:`voice_terms` counts, as Counters that add up across documents: per voice, the
    count of each term (non-stopword word norm) and the documents holding it in that voice, and
    the word tokens of the voice (stopwords included, the denominator of the rates)."""
    counts = {v: Counter() for v in (NARRATOR, QUOTED)}
    documents = {v: Counter() for v in (NARRATOR, QUOTED)}
    totals: Counter = Counter()
    seen: set[tuple[str, str, str]] = set()
    cols = [voiced[c].to_list() for c in ("doc_id", "norm", "kind", "is_stop", "voice")]
    for d, norm, kind, stop, v in zip(*cols):
        if kind != "word":
            continue
        totals[v] += 1
        if stop:
            continue
        counts[v][norm] += 1
        if (v, norm, d) not in seen:
            seen.add((v, norm, d))
            documents[v][norm] += 1
    return counts, documents, totals


def voice_terms_from_counts(counts: dict[str, Counter], documents: dict[str, Counter], totals: Counter) -> pd.DataFrame:
    """The table of :func:`voice_terms` from :func:`voice_term_counts` (or their sums over batches of documents)."""
    rows = []
    for v in (NARRATOR, QUOTED):
        total = totals.get(v, 0)
        for term, count in counts.get(v, {}).items():
            if count:
                rows.append(dict(voice=v, term=term, count=int(count), rate_per_1000=round(1000 * count / total, 2),
                                 documents=int(documents[v][term])))
    out = pd.DataFrame(rows, columns=["voice", "term", "count", "rate_per_1000", "documents"])
    return out.sort_values(["voice", "count", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def voice_terms(voiced: pd.DataFrame) -> pd.DataFrame:
    """Term frequency per voice: count and rate per 1,000 words of that voice (stopwords left out),
    and the documents in which the voice uses the term."""
    return voice_terms_from_counts(*voice_term_counts(voiced))


def narrator_segments(sentences: pd.DataFrame, quotes: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Each sentence's text with its voiced quotations (and their marks) cut out: what the narrator says."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d, a, b in voiced_quotes(quotes)[["doc_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(d, []).append((int(a), int(b)))
    rows = []
    for d, sid, s, e in sentences[["doc_id", "sentence_id", "start", "end"]].itertuples(index=False):
        s, e = int(s), int(e)
        cuts = sorted((a, b) for a, b in spans.get(d, []) if a < e and b > s)
        pieces, at = [], s
        for a, b in cuts:
            pieces.append(texts[d][at:max(at, a - 1)])
            at = max(at, b + 1)
        pieces.append(texts[d][at:e])
        text = " ".join(p.strip() for p in pieces if p.strip())
        if any(c.isalpha() for c in text):
            rows.append(dict(doc_id=d, sentence_id=int(sid), text=text))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "text"])


# voice_sentiment.csv leaves a voice's scores empty when the document gives it no segment.
VOICE_SENTIMENT_EMPTY = dict.fromkeys(["mean_compound", "share_negative"],
                                      "the document has no segment in this voice (no quotation, or no narrator words)")


def voice_sentiment(sentences: pd.DataFrame, quotes: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Mean VADER compound per document and voice, over quotations (quoted) or narrator segments.

    The mean is pandas' float64 mean of the segments' compounds, in document order (narrator
    segments by sentence, quotations by quote id), whatever else the corpus holds.
    """
    narr = narrator_segments(sentences, quotes, texts)
    segments: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for d, t in zip(narr["doc_id"].to_list(), narr["text"].to_list()):
        segments.setdefault((d, NARRATOR), []).append((t, score_text(t)["compound"]))
    q = voiced_quotes(quotes)
    for d, t, c in zip(q["doc_id"].to_list(), q["text"].to_list(), q["compound"].to_list()):
        segments.setdefault((d, QUOTED), []).append((t, float(c)))
    rows = []
    for d in sorted(sentences["doc_id"].unique()):
        for v in (NARRATOR, QUOTED):
            seg = segments.get((d, v), [])
            comp = [c for _, c in seg]
            rows.append(dict(doc_id=d, voice=v, segments=len(seg),
                             words=int(sum(len(t.split()) for t, _ in seg)),
                             mean_compound=round(float(pd.Series(comp, dtype="float64").mean()), 4) if seg else float("nan"),
                             share_negative=round(sum(c <= -0.05 for c in comp) / len(comp), 4) if seg else float("nan")))
    out = pd.DataFrame(rows, columns=["doc_id", "voice", "segments", "words", "mean_compound", "share_negative"])
    out.attrs = {EMPTY_CELLS: VOICE_SENTIMENT_EMPTY}
    return out


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
    and the names merged into the row (:func:`speaker_aliases`)."""
    q = voiced_quotes(quotes)
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

    >>> q = pd.DataFrame({"kind": ["full", "full", "scare"], "speaker_rule": ["same_sentence", "pronoun", "none"]})
    >>> speaker_rule_counts(q)["quotations"].tolist()
    [1, 0, 0, 0, 1, 0]
    """
    from lib.voices.quotes import SPEAKER_RULES

    rules = voiced_quotes(quotes)["speaker_rule"].to_list()
    rows = [dict(speaker_rule=r, quotations=rules.count(r), share=round(rules.count(r) / len(rules), 4) if rules else 0.0)
            for r in SPEAKER_RULES]
    return pd.DataFrame(rows, columns=["speaker_rule", "quotations", "share"])


def source_type_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Attributions per source type and cue class (every type listed, zeros included)."""
    from lib.voices.attribution import CUE_CLASSES, SOURCE_TYPES

    rows = [dict(source_type=t, cue_class=c, attributions=int(((sources["source_type"] == t) & (sources["cue_class"] == c)).sum()))
            for t in SOURCE_TYPES for c in CUE_CLASSES]
    return pd.DataFrame(rows, columns=["source_type", "cue_class", "attributions"])


def voice_tables(corpus) -> dict[str, pd.DataFrame]:
    """Every voices table of a :class:`lib.passes.pipeline.Corpus`, in the order the rules need them:
    mentions, sources, quotes, numbers (for scripts and tests; the notebook calls each step)."""
    from lib.voices import attribution, entities, quantities, quotes

    mentions = entities.entity_mentions(corpus.tokens, texts=corpus.texts)
    spans = quotes.spans_by_document(corpus.sentences, corpus.texts)
    sources, subjects = attribution.find_attributions(corpus.tokens, spans, mentions)
    quote_table = quotes.find_quotes(corpus.sentences, corpus.texts, sources, subjects)
    numbers = quantities.find_numbers(corpus.tokens, corpus.texts, sources, quote_table)
    return {"mentions": mentions, "sources": sources, "quotes": quote_table, "numbers": numbers}
