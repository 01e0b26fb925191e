"""The voices tables of a corpus, from the one pass.

Every voices rule works on one document at a time (quotation marks pair inside a paragraph,
"he" resolves to a person of the same document, entities are merged per document), so the pass
runs them in its workers beside everything else (:func:`lib.passes.pipeline.analyse_document_stats`
calls :func:`lib.voices.document.analyse` on the document it has already read and scored). The
rows of each table go to the pass's spool (:func:`spool_rows`); the voice-term counters add up,
per batch in the worker and then in memory (:class:`VoiceCounts`, vocabulary-sized); the warnings the rules gave are kept as data.
:func:`voices_of` turns them into :class:`Voices`, each table sorted by document id (stably: a
document's rows keep the order the rules gave them), so the tables do not depend on where the
work ran nor on the batch size (``tests/passes/test_voices_pass.py``), and raises the warnings again,
in corpus order, in the process that reads them.
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pandas as pd

    from lib.voices.document import VoiceRows

# The spool name of each voices table's rows, and of the warnings.
SPOOL_PREFIX = "voices."
WARNINGS = "voices.warnings"


@dataclass
class VoiceCounts:
    """The voice-term counters of a corpus: they add up over documents."""

    term_counts: dict[str, Counter] = field(default_factory=dict)  # voice -> non-stopword word norm -> count
    term_documents: dict[str, Counter] = field(default_factory=dict)  # voice -> term -> documents using it
    voice_totals: Counter = field(default_factory=Counter)  # voice -> word tokens (stopwords included)

    def add(self, rows: VoiceRows | VoiceCounts) -> None:
        """Add the counters of one document (its :class:`VoiceRows`) or of a batch."""
        for voice, c in rows.term_counts.items():
            self.term_counts.setdefault(voice, Counter()).update(c)
        for voice, c in rows.term_documents.items():
            self.term_documents.setdefault(voice, Counter()).update(c)
        self.voice_totals.update(rows.voice_totals)


@dataclass
class BatchVoices:
    """The voices of a batch of documents, as a worker sends them: each table's rows as plain tuples
    (a named tuple pickles with its class, ~3x slower), the counters summed over the batch, the warnings."""

    rows: dict[str, list[tuple]]
    counts: VoiceCounts
    warnings: list[tuple]  # (category, message, filename, lineno)


def batch_voices(docs: list[VoiceRows]) -> BatchVoices:
    """The :class:`BatchVoices` of the documents' :class:`VoiceRows`, in their order."""
    from lib.voices.document import COLUMNS

    out = BatchVoices({name: [] for name in COLUMNS}, VoiceCounts(), [])
    for v in docs:
        for name in COLUMNS:
            out.rows[name] += map(tuple, getattr(v, name))
        out.counts.add(v)
        out.warnings += map(tuple, v.warnings)
    return out


def spool_rows(spool, batch: BatchVoices) -> None:
    """Write a batch's table rows and warnings to the pass's spool."""
    for name, rows in batch.rows.items():
        spool.write(SPOOL_PREFIX + name, rows)
    spool.write(WARNINGS, batch.warnings)


@dataclass
class Voices:
    """The voices tables of a corpus (see the module docstring)."""

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
    counts: VoiceCounts
    doc_ids: list  # every document analysed, sorted

    def voice_terms(self):
        """``voice_terms.csv``: :func:`lib.voices.speech.voice_terms` of the counters summed over the documents."""
        from lib.voices import speech

        c = self.counts
        return speech.voice_terms(c.term_counts, c.term_documents, c.voice_totals)

    def select(self, documents: Iterable[str] = (), *, first: int = 12) -> list[str]:
        """The documents a per-document view shows: those named (in the order named), else the first
        ``first`` in id order (:func:`lib.passes.pipeline.choose_documents`)."""
        from lib.passes.pipeline import choose_documents

        return choose_documents(self.doc_ids, documents, first=first)


def voices_of(stats) -> Voices:
    """The :class:`Voices` of a pass (:class:`lib.passes.pipeline.CorpusStats`), its warnings raised again here."""
    import pandas as pd

    from lib.run.folder import EMPTY_CELLS
    from lib.voices import speech
    from lib.voices.document import COLUMNS

    registry: dict = {}  # which warnings were shown, as a module's __warningregistry__ (a repeated one shows once)
    for category, message, filename, lineno in stats.spool.read(WARNINGS):
        # As the rule gave it in the worker (same file and line), now in the reader's process.
        warnings.warn_explicit(message, category, filename, lineno, registry=registry)
    tables = {}
    for name, columns in COLUMNS.items():
        df = pd.DataFrame(list(stats.spool.read(SPOOL_PREFIX + name)), columns=columns)
        if len(df):  # documents in id order; a document's rows keep the order its rules gave them
            df = df.sort_values("doc_id", kind="stable").reset_index(drop=True)
        tables[name] = df
    tables["voice_sentiment"].attrs = {EMPTY_CELLS: speech.VOICE_SENTIMENT_EMPTY}
    return Voices(**tables, sentences=stats.sentences(), counts=stats.voice_counts, doc_ids=stats.doc_ids())
