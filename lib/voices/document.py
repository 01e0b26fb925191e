"""Every voices rule over one document: :func:`analyse` turns a document read once
(:class:`lib.passes.document.DocumentText`) into the rows of each per-document voices table.

The rules run in the order they need each other: entity mentions (their people resolve "he"
and surnames) -> quotation spans (a cue inside one is the speaker's word) -> attributions and
the contexts of the sentences in which a quotation opens -> quotations with their speakers ->
numbers (their source is a quotation's speaker or a sentence's first source) -> each token's
voice -> voice words, voice sentiment and voice-term counts -> the entity table, entity
sentiment and co-occurrence. Everything is plain Python on the project's tokens: this module
and the rules never import pandas (workers of the pass start faster without it).
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from lib.passes.document import DocumentText
from lib.text.tokens import Token
from lib.voices import attribution, entities, quantities, quotes, speech

# Each per-document table and its columns, in the order :func:`analyse` fills them.
COLUMNS: dict[str, list[str]] = {
    "mentions": entities.MENTION_COLUMNS,
    "sources": attribution.SOURCE_COLUMNS,
    "quotes": quotes.QUOTE_COLUMNS,
    "numbers": quantities.NUMBER_COLUMNS,
    "voice_words": speech.VOICE_WORD_COLUMNS,
    "voice_sentiment": speech.VOICE_SENTIMENT_COLUMNS,
    "entities": entities.ENTITY_COLUMNS,
    "entity_sentiment": entities.ENTITY_SENTIMENT_COLUMNS,
    "cooccurrence": entities.COOCCURRENCE_COLUMNS,
}


class RuleWarning(NamedTuple):
    """A warning a rule gave (an unmatched quote mark), kept as data so that the pass can raise it
    again, in corpus order, in the process that shows it."""

    category: type
    message: str
    filename: str  # where the rule raised it
    lineno: int


@dataclass
class VoiceRows:
    """The voices of one document: the rows of each per-document table, each row a named tuple
    whose fields are the table's columns (:data:`COLUMNS`), in the table's order; the counters of
    the voice terms (they add up over documents); the warnings the rules gave."""

    doc_id: str
    mentions: list[entities.Mention] = field(default_factory=list)
    sources: list[attribution.Attribution] = field(default_factory=list)
    quotes: list[quotes.Quote] = field(default_factory=list)
    numbers: list[quantities.NumericClaim] = field(default_factory=list)
    voice_words: list[speech.VoiceWords] = field(default_factory=list)
    voice_sentiment: list[speech.VoiceSentiment] = field(default_factory=list)
    entities: list[entities.EntitySummary] = field(default_factory=list)
    entity_sentiment: list[entities.EntitySentiment] = field(default_factory=list)
    cooccurrence: list[entities.EntityPair] = field(default_factory=list)
    term_counts: dict[str, Counter] = field(default_factory=dict)  # voice -> term (non-stopword word norm) -> count
    term_documents: dict[str, Counter] = field(default_factory=dict)  # voice -> term -> 1 (documents using it)
    voice_totals: Counter = field(default_factory=Counter)  # voice -> word tokens, stopwords included
    warnings: list[RuleWarning] = field(default_factory=list)


def by_sentence(dt: DocumentText) -> dict[int, list[Token]]:
    """A document's tokens by sentence id, in document order: the shape the token rules read."""
    return {s.sentence_id: toks for s, toks in zip(dt.sentences, dt.tokens)}


def analyse(dt: DocumentText, compounds: list[float], *, stop: frozenset[str] | None = None) -> VoiceRows:
    """Every voices table of one document. ``compounds``: the VADER compound of each of
    ``dt.sentences`` (the pass scores them anyway; entity sentiment is their mean); ``stop``: the
    words left out of the voice terms (the project's stopword list by default).

    >>> from lib.passes.document import read_text
    >>> dt = read_text("d.txt", 'The plan is sound, Finance Minister Anna Berg said. "We will carry it out," she said.')
    >>> v = analyse(dt, [0.0] * len(dt.sentences))
    >>> [(q.text, q.speaker, q.speaker_role, q.speaker_rule) for q in v.quotes]
    [('We will carry it out,', 'Anna Berg', 'Finance Minister', 'pronoun')]
    >>> [(a.source, a.cue) for a in v.sources], [(e.entity, e.kind, e.mentions) for e in v.entities]
    ([('Anna Berg', 'say'), ('Anna Berg', 'say')], [('Anna Berg', 'person', 1)])
    """
    if stop is None:
        from lib.text.stopwords import stopwords

        stop = stopwords()
    doc_id, text, sentences = dt.doc_id, dt.text, dt.sentences
    tokens = by_sentence(dt)
    with warnings.catch_warnings(record=True) as caught:  # an unmatched quote mark: data, not output here
        warnings.simplefilter("always")
        mentions = entities.document_mentions(doc_id, text, tokens)
        spans = quotes.quote_spans(doc_id, text, sentences)
        ctx = attribution.document_context(doc_id, [(q.start, q.end) for q in spans], mentions)
        sources, contexts = attribution.document_attributions(ctx, tokens)
        quote_rows = quotes.document_quotes(doc_id, text, sentences, spans, sources, contexts)
        numbers = quantities.document_numbers(doc_id, text, tokens, sources, quote_rows)
        flat = [t for toks in dt.tokens for t in toks]
        quote_ids = speech.token_quotes(flat, quote_rows)
        counts, documents, totals = speech.voice_term_counts(flat, quote_ids, stop)
        compound_of = {s.sentence_id: c for s, c in zip(sentences, compounds)}
        rows = VoiceRows(
            doc_id,
            mentions=mentions,
            sources=sources,
            quotes=quote_rows,
            numbers=numbers,
            voice_words=speech.document_voice_words(doc_id, flat, quote_ids),
            voice_sentiment=speech.document_voice_sentiment(doc_id, text, sentences, quote_rows),
            entities=entities.document_entities(mentions),
            entity_sentiment=entities.document_entity_sentiment(mentions, compound_of),
            cooccurrence=entities.document_cooccurrence(mentions),
            term_counts=counts,
            term_documents=documents,
            voice_totals=totals,
        )
    rows.warnings = [RuleWarning(w.category, str(w.message), w.filename, w.lineno) for w in caught]
    return rows
