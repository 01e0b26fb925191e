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
  compound of their quotations, roles and organisations seen.
"""
from __future__ import annotations

import pandas as pd

from lib.sentiment import score_text

QUOTED, NARRATOR = "quoted", "narrator"
SPEAKER_COLUMNS = ["speaker", "speaker_type", "documents", "quotes", "words_quoted", "mean_compound",
                   "roles", "orgs"]


def voiced_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotations that give someone a voice (every kind but scare quotes)."""
    return quotes[quotes["kind"] != "scare"]


def voice_of_tokens(tokens: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` with a ``voice`` column (quoted or narrator) and the ``quote_id`` it belongs to (0 if none)."""
    out = tokens[["doc_id", "sentence_id", "token_id", "start", "end", "text", "norm", "kind", "is_stop"]].copy()
    qid = [0] * len(out)
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for d, q, s, e in voiced_quotes(quotes)[["doc_id", "quote_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(d, []).append((int(s), int(e), int(q)))
    for n, (d, s) in enumerate(zip(out["doc_id"], out["start"])):
        qid[n] = next((q for a, b, q in spans.get(d, []) if a <= s < b), 0)
    out["quote_id"] = qid
    out["voice"] = [QUOTED if q else NARRATOR for q in qid]
    return out


def voice_words(voiced: pd.DataFrame) -> pd.DataFrame:
    """Word tokens per document and voice, and their share of the document."""
    words = voiced[voiced["kind"] == "word"]
    rows = []
    for d, df in words.groupby("doc_id", sort=True):
        for v in (NARRATOR, QUOTED):
            n = int((df["voice"] == v).sum())
            rows.append(dict(doc_id=d, voice=v, words=n, share=round(n / len(df), 4) if len(df) else 0.0))
    return pd.DataFrame(rows, columns=["doc_id", "voice", "words", "share"])


def voice_terms(voiced: pd.DataFrame) -> pd.DataFrame:
    """Term frequency per voice: count and rate per 1,000 words of that voice (stopwords left out)."""
    words = voiced[voiced["kind"] == "word"]
    rows = []
    for v in (NARRATOR, QUOTED):
        w = words[words["voice"] == v]
        total = len(w)
        counts = w[~w["is_stop"]]["norm"].value_counts()
        for term, count in counts.items():
            rows.append(dict(voice=v, term=term, count=int(count), rate_per_1000=round(1000 * count / total, 2),
                             documents=int(w[w["norm"] == term]["doc_id"].nunique())))
    out = pd.DataFrame(rows, columns=["voice", "term", "count", "rate_per_1000", "documents"])
    return out.sort_values(["voice", "count", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


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


def voice_sentiment(sentences: pd.DataFrame, quotes: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Mean VADER compound per document and voice, over quotations (quoted) or narrator segments."""
    narr = narrator_segments(sentences, quotes, texts)
    narr = narr.assign(compound=[score_text(t)["compound"] for t in narr["text"]], voice=NARRATOR)
    q = voiced_quotes(quotes)
    quoted = pd.DataFrame({"doc_id": q["doc_id"], "text": q["text"], "compound": q["compound"], "voice": QUOTED})
    both = pd.concat([narr[["doc_id", "voice", "text", "compound"]], quoted[["doc_id", "voice", "text", "compound"]]])
    rows = []
    for d in sorted(sentences["doc_id"].unique()):
        for v in (NARRATOR, QUOTED):
            seg = both[(both["doc_id"] == d) & (both["voice"] == v)]
            rows.append(dict(doc_id=d, voice=v, segments=len(seg),
                             words=int(sum(len(t.split()) for t in seg["text"])),
                             mean_compound=round(float(seg["compound"].mean()), 4) if len(seg) else float("nan"),
                             share_negative=round(float((seg["compound"] <= -0.05).mean()), 4) if len(seg) else float("nan")))
    return pd.DataFrame(rows, columns=["doc_id", "voice", "segments", "words", "mean_compound", "share_negative"])


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: documents, quotations, words quoted, mean compound, roles and organisations seen."""
    q = voiced_quotes(quotes)
    q = q[q["speaker"].fillna("") != ""]
    rows = []
    for (name, stype), df in q.groupby(["speaker", "speaker_type"], sort=True):
        rows.append(dict(speaker=name, speaker_type=stype, documents=df["doc_id"].nunique(), quotes=len(df),
                         words_quoted=int(df["words"].sum()), mean_compound=round(float(df["compound"].mean()), 4),
                         roles="; ".join(sorted({r for r in df["speaker_role"].fillna("") if r})),
                         orgs="; ".join(sorted({o for o in df["speaker_org"].fillna("") if o}))))
    out = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return out.sort_values(["words_quoted", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def source_type_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Attributions per source type and cue class (every type listed, zeros included)."""
    from lib.attribution import CUE_CLASSES, SOURCE_TYPES

    rows = [dict(source_type=t, cue_class=c, attributions=int(((sources["source_type"] == t) & (sources["cue_class"] == c)).sum()))
            for t in SOURCE_TYPES for c in CUE_CLASSES]
    return pd.DataFrame(rows, columns=["source_type", "cue_class", "attributions"])


def voice_tables(corpus) -> dict[str, pd.DataFrame]:
    """Every voices table of a :class:`lib.pipeline.Corpus`, in the order the rules need them:
    mentions, sources, quotes, numbers (for scripts and tests; the notebook calls each step)."""
    from lib import attribution, entities, quantities, quotes

    mentions = entities.entity_mentions(corpus.tokens)
    spans = quotes.spans_by_document(corpus.sentences, corpus.texts)
    sources = attribution.find_sources(corpus.tokens, spans, mentions)
    quote_table = quotes.find_quotes(corpus.sentences, corpus.texts, sources)
    numbers = quantities.find_numbers(corpus.tokens, corpus.texts, sources, quote_table)
    return {"mentions": mentions, "sources": sources, "quotes": quote_table, "numbers": numbers}
