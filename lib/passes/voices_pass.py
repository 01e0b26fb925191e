"""The voices pass of notebook 04: :func:`lib.voices.document.analyse` per document, batch by batch,
the rows merged in corpus order.

Every voices rule works on one document at a time (quotation marks pair inside a paragraph,
"he" resolves to a person of the same document, entities are merged per document), so
:func:`analyse_voices` streams the corpus like :func:`lib.passes.pipeline.analyse_corpus`:
batches of ``pipeline.BATCH_DOCUMENTS`` documents go to worker processes
(:func:`lib.passes.pipeline.stream_batches`); a worker reads each document once
(:func:`lib.passes.document.read_document`), scores its sentences and runs
:func:`lib.voices.document.analyse` on it, and sends back table rows and Counters of the voice
terms, never tokens. The parent concatenates the rows in corpus order and sorts each table by
document id (stably: a document's rows keep the order the rules gave them), so the tables do not
depend on where the work ran nor on the batch size (``tests/test_voices_pass.py``).
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


def _columns() -> dict[str, list[str]]:
    """Each table of :class:`Voices` and its columns: the per-document tables of
    :data:`lib.voices.document.COLUMNS` and the scored sentences."""
    from lib.passes.pipeline import SCORED_SENTENCE_COLUMNS
    from lib.voices.document import COLUMNS

    return {**COLUMNS, "sentences": SCORED_SENTENCE_COLUMNS}


@dataclass(frozen=True)
class VoicesOptions:
    """What the voices pass needs besides the documents (picklable, sent to every worker)."""

    stop: frozenset  # stopwords: left out of the voice terms


@dataclass
class BatchVoices:
    """The compact result of one batch: table rows and voice-term counters, no tokens."""

    rows: dict[str, list[tuple]]  # table name -> rows in the table's column order (named tuples)
    term_counts: dict[str, Counter]  # voice -> non-stopword word norm -> count
    term_documents: dict[str, Counter]  # voice -> term -> documents with the term in that voice
    voice_totals: Counter  # voice -> word tokens (stopwords included)
    doc_ids: list[str]
    warnings: list[tuple[type, str, str, int]]  # (category, message, filename, lineno) of each warning, in order
    n_bytes: int = 0

    @property
    def n_documents(self) -> int:
        return len(self.doc_ids)


def analyse_batch(docs: list[Document], options: VoicesOptions) -> BatchVoices:
    """:func:`lib.voices.document.analyse` over a batch of documents, each read once and its
    sentences scored: the unit of work a worker receives."""
    from lib.passes.document import read_document
    from lib.sentiment.scores import score_text
    from lib.voices.document import COLUMNS, analyse

    out = BatchVoices(rows={name: [] for name in _columns()}, term_counts={}, term_documents={}, voice_totals=Counter(),
                      doc_ids=[], warnings=[], n_bytes=sum(d.n_bytes for d in docs))
    for doc in docs:
        dt = read_document(doc)
        scored = [score_text(dt.text[s.start:s.end]) for s in dt.sentences]
        v = analyse(dt, [sc["compound"] for sc in scored], stop=options.stop)
        for name in COLUMNS:
            out.rows[name] += getattr(v, name)
        out.rows["sentences"] += [(dt.doc_id, s.sentence_id, s.paragraph_id, s.start, s.end, dt.text[s.start:s.end],
                                   sc["compound"], sc["pos"], sc["neu"], sc["neg"], sc["label"])
                                  for s, sc in zip(dt.sentences, scored)]
        _add_counts(out, v.term_counts, v.term_documents, v.voice_totals)
        out.doc_ids.append(dt.doc_id)
        out.warnings += [tuple(w) for w in v.warnings]
    return out


def _add_counts(into, term_counts: dict[str, Counter], term_documents: dict[str, Counter], totals: Counter) -> None:
    """Add voice-term Counters (of a document or a batch) to ``into``'s."""
    for voice, c in term_counts.items():
        into.term_counts.setdefault(voice, Counter()).update(c)
    for voice, c in term_documents.items():
        into.term_documents.setdefault(voice, Counter()).update(c)
    into.voice_totals.update(totals)


@dataclass
class Voices:
    """The voices tables of a corpus, merged from every batch in corpus order and sorted by document
    (see the module docstring)."""

    mentions: pd.DataFrame  # mentions.csv: entities.Mention rows
    sources: pd.DataFrame  # sources.csv: attribution.Attribution rows
    quotes: pd.DataFrame  # quotes.csv: quotes.Quote rows
    numbers: pd.DataFrame  # numbers.csv: quantities.NumericClaim rows
    voice_words: pd.DataFrame  # speech.VoiceWords rows
    voice_sentiment: pd.DataFrame  # speech.VoiceSentiment rows
    entities: pd.DataFrame  # entities.csv: entities.EntitySummary rows
    entity_sentiment: pd.DataFrame  # entities.EntitySentiment rows
    cooccurrence: pd.DataFrame  # entity_cooccurrence.csv: entities.EntityPair rows
    sentences: pd.DataFrame  # sentences.csv: every body sentence with its VADER scores
    term_counts: dict  # voice -> Counter of terms (non-stopword word norms)
    term_documents: dict  # voice -> Counter of documents per term
    voice_totals: Counter  # voice -> word tokens
    doc_ids: list  # every document analysed, sorted

    def voice_terms(self):
        """``voice_terms.csv``: :func:`lib.voices.speech.voice_terms` of the counters summed over the documents."""
        from lib.voices import speech

        return speech.voice_terms(self.term_counts, self.term_documents, self.voice_totals)

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
        self.rows: dict[str, list[tuple]] = {name: [] for name in _columns()}
        self.term_counts: dict[str, Counter] = {}
        self.term_documents: dict[str, Counter] = {}
        self.voice_totals: Counter = Counter()
        self.doc_ids: list[str] = []
        self.registry: dict = {}  # which warnings were shown, as a module's __warningregistry__ (a repeated one shows once)

    def add(self, batch: BatchVoices) -> None:
        for name, rows in batch.rows.items():
            self.rows[name].extend(rows)
        _add_counts(self, batch.term_counts, batch.term_documents, batch.voice_totals)
        self.doc_ids.extend(batch.doc_ids)
        for category, message, filename, lineno in batch.warnings:
            # As the rule gave it in the worker (same file and line), now in the caller's process.
            warnings.warn_explicit(message, category, filename, lineno, registry=self.registry)

    def finish(self) -> Voices:
        import pandas as pd

        from lib.voices import speech
        from lib.run.folder import EMPTY_CELLS

        tables = {}
        for name, columns in _columns().items():
            df = pd.DataFrame(self.rows.pop(name), columns=columns)
            if len(df):  # documents in id order; a document's rows keep the order its rules gave them
                df = df.sort_values("doc_id", kind="stable").reset_index(drop=True)
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
