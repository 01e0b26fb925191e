"""The voices pass of notebook 04: its per-document rules run batch by batch, merged in corpus order.

Every voices rule works on one document at a time (quotation marks pair inside
a paragraph, "he" resolves to a person of the same document, entities are
merged per document), so :func:`analyse_voices` streams the corpus like
:func:`lib.passes.pipeline.analyse_corpus`: batches of ``pipeline.BATCH_DOCUMENTS``
documents go to worker processes (:func:`lib.passes.pipeline.stream_batches`), each
worker builds the v1 tables of its batch only (tokens included) and runs the
rules of :mod:`lib.voices.entities`, :mod:`lib.voices.quotes`, :mod:`lib.voices.attribution`,
:mod:`lib.voices.quantities`, :mod:`lib.voices.speech` and :mod:`lib.sentiment.scores` on them, and
sends back the rows of the per-document tables and Counters of the voice terms,
never tokens. The parent concatenates the rows in corpus order and sorts each
table exactly as the whole-corpus function sorts it, so the tables are the ones
those functions give on :func:`lib.passes.pipeline.build_corpus` of the whole corpus
(``tests/test_voices_pass.py`` checks this in-process, on a process pool and on Dask).
"""
from __future__ import annotations

import functools
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from lib.ingest.corpus import CorpusError, Document
from lib.paths import resolve

if TYPE_CHECKING:
    import pandas as pd


def _specs() -> dict[str, tuple[list[str], list[str], list[bool]]]:
    """Per table: its columns and the sort the whole-corpus function applies (keys, ascending).

    A table the whole-corpus function builds document by document in doc_id order, with no
    sort of its own, is sorted by doc_id, stably: each document's rows keep their order.
    """
    from lib.voices import attribution, entities, quantities, quotes
    from lib.passes.pipeline import SCORED_SENTENCE_COLUMNS

    return {
        "mentions": (entities.MENTION_COLUMNS, ["doc_id", "start"], [True, True]),
        "sources": (attribution.SOURCE_COLUMNS, ["doc_id", "sentence_id", "cue_start"], [True, True, True]),
        "quotes": (quotes.QUOTE_COLUMNS, ["doc_id"], [True]),
        "numbers": (quantities.NUMBER_COLUMNS, ["doc_id"], [True]),
        "voice_words": (["doc_id", "voice", "words", "share"], ["doc_id"], [True]),
        "voice_sentiment": (["doc_id", "voice", "segments", "words", "mean_compound", "share_negative"],
                            ["doc_id"], [True]),
        "entities": (entities.ENTITY_COLUMNS, ["doc_id", "mentions", "first_offset"], [True, False, True]),
        "entity_sentiment": (["doc_id", "entity", "kind", "sentences", "mean_compound", "sentence_ids"],
                             ["doc_id", "sentences", "entity"], [True, False, True]),
        "cooccurrence": (["doc_id", "entity_a", "entity_b", "sentences", "sentence_ids"],
                         ["doc_id", "sentences", "entity_a", "entity_b"], [True, False, True, True]),
        "sentences": (SCORED_SENTENCE_COLUMNS, ["doc_id", "sentence_id"], [True, True]),
    }


@dataclass(frozen=True)
class VoicesOptions:
    """What the voices pass needs besides the documents (picklable, sent to every worker)."""

    stop: frozenset  # stopwords: left out of the voice terms


@dataclass
class BatchVoices:
    """The compact result of one batch: table rows and voice-term counters, no tokens."""

    rows: dict[str, list[tuple]]  # table name -> rows as tuples in the table's column order
    term_counts: dict[str, Counter]  # voice -> non-stopword word norm -> count
    term_documents: dict[str, Counter]  # voice -> term -> documents with the term in that voice
    voice_totals: Counter  # voice -> word tokens (stopwords included)
    doc_ids: list[str]
    warnings: list[tuple[type, str, str, int]]  # (category, message, filename, lineno) of each warning, in order
    n_bytes: int = 0

    @property
    def n_documents(self) -> int:
        return len(self.doc_ids)


def batch_corpus(docs: list[Document], stop: frozenset):
    """The v1 :class:`lib.passes.pipeline.Corpus` (token table and all) of just these documents."""
    from lib.passes import pipeline

    return pipeline._corpus_from([pipeline.analyse_document(d, stop, language=False) for d in docs], docs, [])


def corpus_tables(c) -> tuple[dict, object]:
    """Every per-document voices table of a :class:`lib.passes.pipeline.Corpus`, in the order the rules need
    them (the steps notebook 04 ran on the whole corpus), and the token table with its voices."""
    from lib.sentiment import scores
    from lib.voices import attribution, entities, quantities, quotes, speech

    records = list(entities.records_by_document(c.tokens))  # read once, for the three rules over tokens
    mentions = entities.entity_mentions(c.tokens, records=records, texts=c.texts)
    spans = quotes.spans_by_document(c.sentences, c.texts)
    sources, subjects = attribution.find_attributions(c.tokens, spans, mentions, records=records)
    quote_table = quotes.find_quotes(c.sentences, c.texts, sources, subjects)
    voiced = speech.voice_of_tokens(c.tokens, quote_table)
    scored = scores.score_sentences(c.sentences)
    tables = {
        "mentions": mentions,
        "sources": sources,
        "quotes": quote_table,
        "numbers": quantities.find_numbers(c.tokens, c.texts, sources, quote_table, records=records),
        "voice_words": speech.voice_words(voiced),
        "voice_sentiment": speech.voice_sentiment(c.sentences, quote_table, c.texts),
        "entities": entities.entity_table(mentions),
        "entity_sentiment": entities.entity_sentiment(mentions, scored),
        "cooccurrence": entities.cooccurrence(mentions),
        "sentences": scored,
    }
    return tables, voiced


def analyse_batch(docs: list[Document], options: VoicesOptions) -> BatchVoices:
    """The voices rules over one batch of documents: the unit of work a worker receives."""
    from lib.voices import speech

    c = batch_corpus(docs, options.stop)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tables, voiced = corpus_tables(c)
    counts, documents, totals = speech.voice_term_counts(voiced)
    return BatchVoices(rows={name: _tuples(tables[name], columns) for name, (columns, _, _) in _specs().items()},
                       term_counts=counts, term_documents=documents, voice_totals=totals,
                       doc_ids=[d.doc_id for d in docs],
                       warnings=[(w.category, str(w.message), w.filename, w.lineno) for w in caught],
                       n_bytes=sum(d.n_bytes for d in docs))


def _tuples(df, columns: list[str]) -> list[tuple]:
    """A table's rows as tuples of plain Python values (``to_dict("records")`` is ten times slower),
    which ``pd.DataFrame(rows, columns=columns)`` reads back as it reads the rules' row dicts."""
    return list(zip(*(df[c].to_list() for c in columns)))


@dataclass
class Voices:
    """The voices tables of a corpus, merged from every batch, each sorted as the whole-corpus
    function sorts it (see the module docstring)."""

    mentions: pd.DataFrame  # entities.entity_mentions
    sources: pd.DataFrame  # attribution.find_sources
    quotes: pd.DataFrame  # quotes.find_quotes
    numbers: pd.DataFrame  # quantities.find_numbers
    voice_words: pd.DataFrame  # speech.voice_words
    voice_sentiment: pd.DataFrame  # speech.voice_sentiment
    entities: pd.DataFrame  # entities.entity_table
    entity_sentiment: pd.DataFrame  # entities.entity_sentiment
    cooccurrence: pd.DataFrame  # entities.cooccurrence
    sentences: pd.DataFrame  # scores.score_sentences: every body sentence with its VADER scores
    term_counts: dict  # voice -> Counter of terms (non-stopword word norms)
    term_documents: dict  # voice -> Counter of documents per term
    voice_totals: Counter  # voice -> word tokens
    doc_ids: list  # every document analysed, sorted

    def voice_terms(self):
        """``voice_terms.csv``: :func:`lib.voices.speech.voice_terms` from the counters summed over batches."""
        from lib.voices import speech

        return speech.voice_terms_from_counts(self.term_counts, self.term_documents, self.voice_totals)

    def select(self, documents: Iterable[str] = (), *, first: int = 12) -> list[str]:
        """The documents a per-document view shows: those named (in the order named), else the first
        ``first`` in id order (as :meth:`lib.passes.pipeline.CorpusStats.select`)."""
        named = list(documents or [])
        if named:
            known = set(self.doc_ids)
            unknown = [d for d in named if d not in known]
            if unknown:
                raise ValueError(f"not document ids: {unknown}; ids look like {self.doc_ids[:3]}")
            return named
        return self.doc_ids[:first]


class _Merger:
    """Collects batch results in corpus order; :meth:`finish` builds the sorted tables."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {name: [] for name in _specs()}
        self.term_counts: dict[str, Counter] = {}
        self.term_documents: dict[str, Counter] = {}
        self.voice_totals: Counter = Counter()
        self.doc_ids: list[str] = []
        self.registry: dict = {}  # which warnings were shown, as a module's __warningregistry__ (a repeated one shows once)

    def add(self, batch: BatchVoices) -> None:
        for name, rows in batch.rows.items():
            self.rows[name].extend(rows)
        for voice, c in batch.term_counts.items():
            self.term_counts.setdefault(voice, Counter()).update(c)
        for voice, c in batch.term_documents.items():
            self.term_documents.setdefault(voice, Counter()).update(c)
        self.voice_totals.update(batch.voice_totals)
        self.doc_ids.extend(batch.doc_ids)
        for category, message, filename, lineno in batch.warnings:
            # As the rule gave it in the worker (same file and line), now in the caller's process.
            warnings.warn_explicit(message, category, filename, lineno, registry=self.registry)

    def finish(self) -> Voices:
        import pandas as pd

        from lib.voices import speech
        from lib.run.folder import EMPTY_CELLS

        tables = {}
        for name, (columns, keys, ascending) in _specs().items():
            df = pd.DataFrame(self.rows.pop(name), columns=columns)
            if len(df):
                df = df.sort_values(keys, ascending=ascending, kind="stable").reset_index(drop=True)
            tables[name] = df
        tables["voice_sentiment"].attrs = {EMPTY_CELLS: speech.VOICE_SENTIMENT_EMPTY}
        return Voices(**tables, term_counts=self.term_counts, term_documents=self.term_documents,
                      voice_totals=self.voice_totals, doc_ids=sorted(self.doc_ids))


def analyse_voices(path: str | Path, *, extra_stopwords: Iterable[str] = (), table_options=None,
                   scheduler: str | None = None, workers: int = 0) -> Voices:
    """Run the voices rules over the corpus at ``path``, batch by batch, in worker processes
    when there are several cores; return the merged tables.

    ``scheduler`` and ``workers`` as in :func:`lib.passes.pipeline.analyse_corpus` (a corpus under
    ``pipeline.SERIAL_BELOW_BYTES`` runs in this process). The result does not depend on
    where the work ran nor on the batch size. Warnings the rules give (an unmatched quote
    mark) are raised again here, in corpus order.
    """
    from lib.passes import pipeline
    from lib.text.stopwords import stopwords

    root = resolve(path)
    if not root.exists():
        raise CorpusError(f"corpus path does not exist: {root}")
    options = VoicesOptions(stop=stopwords(extra_stopwords))
    merger = _Merger()
    # Skipped files are left out here: notebook 01 lists them.
    for result in pipeline.stream_batches(root, functools.partial(analyse_batch, options=options),
                                          table_options=table_options, scheduler=scheduler, workers=workers,
                                          desc="voices"):
        merger.add(result)
    return merger.finish()
