"""From a corpus path to the tables every notebook starts from: the one pass.

:func:`analyse_corpus` streams the corpus in batches to worker processes; each document is read
once (:func:`lib.passes.document.read_document`) and :func:`analyse_document_stats` turns it into
everything the notebooks need (document, cleaning, sentence and evidence rows, readability,
shingles, the voices tables, the words as ids to count), a pure function of one document, so it can
run in any process. The parent merges the batches in corpus order into :class:`CorpusStats`
(counts in memory, rows in the spool of :mod:`lib.passes.cache`). :func:`analyse_document` and
:func:`build_corpus` give the token-level view (every token as a row) of chosen documents, for
KWIC, dispersion, ``tokens.csv`` and tests.
"""
from __future__ import annotations

import functools
import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is built: a worker of the pass never
    import pandas as pd  # needs it, which saves ~0.6 s per worker start (measured)

    from lib.voices.document import VoiceRows

import numpy as np
from tqdm import tqdm

from lib.passes.cache import Spool, cache_key, cached, discard, input_bytes, keep, new_spool
from lib.passes.counts import BatchCounts, CorpusCounts, Vocabulary, count_batch
from lib.passes.voices import BatchVoices, VoiceCounts, Voices, batch_voices, spool_rows, voices_of

from lib.ingest.corpus import CorpusError, Document, Skipped, find_documents, iter_corpus, load_corpus
from lib.text.language import check_paragraphs as check_language
from lib.measures.readability import stats_rows
from lib.paths import resolve
from lib.text.stopwords import stopwords
from lib.passes.document import DocumentText, Sentence, read_document
from lib.stories.shingles import batch_reuse, shingled_columns

DOCUMENT_COLUMNS = ["doc_id", "encoding", "sha256", "bytes", "headline", "byline",
                    "paragraphs", "sentences", "tokens", "words", "removed_lines", "language_check"]
CLEANING_COLUMNS = ["doc_id", "line_no", "start", "end", "role", "rule", "text"]
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token_id", "start", "end", "text", "norm", "kind", "is_stop"]
SKIPPED_COLUMNS = ["path", "reason"]


@dataclass
class Corpus:
    """The tables of one corpus. Offsets point into ``texts[doc_id]``."""

    documents: pd.DataFrame
    cleaning: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    skipped: pd.DataFrame
    texts: dict[str, str]
    headlines: dict[str, str]


@dataclass
class DocumentResult:
    document: dict
    cleaning: list[dict]
    sentences: list[dict]
    tokens: list[dict]


def analyse_document(doc: Document, stop: frozenset[str]) -> DocumentResult:
    """The token-level view of one document: its document row, cleaning rows, sentences and every
    token (for KWIC, dispersion and ``tokens.csv`` on the documents shown, and for tests)."""
    dt = read_document(doc)
    tokens: list[dict] = []
    for s, toks in zip(dt.sentences, dt.tokens):
        for tok in toks:
            tokens.append(dict(doc_id=doc.doc_id, sentence_id=s.sentence_id, token_id=len(tokens) + 1,
                               start=tok.start, end=tok.end, text=tok.text, norm=tok.norm,
                               kind=tok.kind, is_stop=tok.norm in stop))
    document = document_row(doc, dt.cleaned, sentences=len(dt.sentences), tokens=len(tokens),
                            words=sum(1 for t in tokens if t["kind"] == "word"))
    return DocumentResult(document, cleaning_rows(dt), [sentence_row(dt, s) for s in dt.sentences], tokens)


def cleaning_rows(dt: DocumentText) -> list[dict]:
    """The ``CLEANING_COLUMNS`` rows of a document: each line the cleaner removed, and why."""
    return [dict(doc_id=dt.doc_id, line_no=r.line_no, start=r.start, end=r.end, role=r.role, rule=r.rule, text=r.text)
            for r in dt.cleaned.removed]


def sentence_row(dt: DocumentText, s: Sentence) -> dict:
    """The ``SENTENCE_COLUMNS`` of one body sentence."""
    return dict(doc_id=dt.doc_id, sentence_id=s.sentence_id, paragraph_id=s.paragraph_id, start=s.start, end=s.end,
                text=dt.text[s.start:s.end])


def document_row(doc: Document, cleaned, *, sentences: int, tokens: int, words: int,
                 paragraph_words=()) -> dict:
    """The ``DOCUMENT_COLUMNS`` of one document (the pass and the token view build their row here);
    ``paragraph_words`` as :func:`lib.text.language.check_paragraphs` takes them."""
    text = doc.text
    headline = text[slice(*cleaned.headline)] if cleaned.headline else doc.meta.get("title", "")
    byline = text[slice(*cleaned.byline)] if cleaned.byline else ""
    return dict(doc_id=doc.doc_id, encoding=doc.encoding, sha256=doc.sha256,
                bytes=doc.n_bytes, headline=headline, byline=byline,
                paragraphs=len(cleaned.paragraphs), sentences=sentences, tokens=tokens,
                words=words, removed_lines=len(cleaned.removed),
                language_check=check_language(text, cleaned.paragraphs, paragraph_words))


def _frame(rows: Iterable[dict], columns: list[str], sort: list[str]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=columns)
    return df.sort_values(sort, kind="stable").reset_index(drop=True) if len(df) else df


def build_corpus(path: str | Path, *, extra_stopwords: Iterable[str] = ()) -> Corpus:
    """Load, clean, split and tokenize every document under ``path``.

    ``path`` may be relative to the project root (``"seeds"``).
    """
    docs, skipped = load_corpus(resolve(path))
    stop = stopwords(extra_stopwords)
    return _corpus_from([analyse_document(d, stop) for d in docs], docs, skipped)


# --- The streaming pass: compact aggregates per document, merged in corpus order -------------

SENTIMENT_COLUMNS = ["mean_compound", "share_negative", "share_neutral", "share_positive"]
# From the near-duplicates found after the pass (lib.stories.reuse.document_stories).
STORY_COLUMNS = ["story_group", "reused_share"]
# Metadata columns every documents table has (empty for plain text files), before any other
# metadata a JSONL or CSV corpus names.
BASE_META_COLUMNS = ["title", "date", "source"]
SCORED_SENTENCE_COLUMNS = SENTENCE_COLUMNS + ["compound", "pos", "neu", "neg", "label"]
SENTENCE_LENGTH_COLUMNS = ["doc_id", "sentence_id", "words"]
# Documents per batch sent to a worker: large enough that pickling is cheap, small
# enough that two cores stay busy on a corpus of a few hundred documents.
BATCH_DOCUMENTS = 32
# Below this many input bytes a pool costs more (starting workers, ~2 s) than it saves.
SERIAL_BELOW_BYTES = 100_000


@dataclass(frozen=True)
class PassOptions:
    """What the per-document pass computes (picklable, sent to every worker)."""

    stop: frozenset
    ngram_sizes: tuple = (2, 3)
    evidence: bool = True  # also build sentiment_evidence rows (a second VADER look per sentence)
    voices: bool = True  # also run the voices rules (lib.voices.document.analyse): quotes, sources, entities, ...


@dataclass
class DocStats:
    """The compact result of one document: rows for the per-document tables and the
    counter of its terms (for tf-idf), never its tokens."""

    doc_id: str
    document: dict  # DOCUMENT_COLUMNS + SENTIMENT_COLUMNS + metadata
    readability: dict | None
    cleaning: list
    sentences: list  # SCORED_SENTENCE_COLUMNS rows
    sentence_words: list  # word tokens per sentence, in sentence order
    evidence: list
    reuse: object  # lib.stories.shingles.DocumentReuse: the body's shingles and MinHash signature
    n_bytes: int = 0


def analyse_document_stats(doc: Document, options: PassOptions,
                           vocab: Vocabulary) -> tuple[DocStats, list[int], VoiceRows | None, tuple]:
    """Everything the notebooks need from one document, read once (:func:`lib.passes.document.read_document`).

    The result is the per-document rows (document, cleaning, sentences with their VADER scores,
    evidence), the document's tokens as ids of ``vocab`` (-1 for a token that is not a word, and
    after each sentence), which :func:`lib.passes.counts.count_batch` counts and from which the
    readability row is computed, with ``options.voices`` the voices tables of
    :func:`lib.voices.document.analyse`, and the shingled tokens' starts, ends and norms
    (:func:`lib.stories.shingles.shingled_columns`); the tokens themselves are dropped. The
    readability row and the shingles are array measures, computed for the whole batch at once by
    :func:`analyse_batch`.
    """
    from lib.sentiment.scores import evidence_rows, score_text
    from lib.voices.document import analyse as analyse_voices

    dt = read_document(doc)
    text, cleaned = dt.text, dt.cleaned
    cleaning = cleaning_rows(dt)
    sentences, sentence_words, evidence = [], [], []
    # Every token's word norm, None for any other token and after each sentence: what
    # lib.passes.counts reads runs from (a None ends a run).
    stream: list[str | None] = []
    n_tokens = 0
    # Each paragraph's word norms for the language check, or None where its sentences are
    # not separated by whitespace alone (then a paragraph's tokens may differ from theirs).
    paragraph_words: list[list[str] | None] = []
    at = 0  # the next sentence
    for pid, (p_start, p_end) in enumerate(cleaned.paragraphs, start=1):
        p_first = len(stream)
        tiled, prev = True, p_start
        while at < len(dt.sentences) and dt.sentences[at].paragraph_id == pid:
            sentence = dt.sentences[at]
            sid, _, s_start, s_end = sentence
            gap = text[prev:s_start]
            if (gap and not gap.isspace()) or (not gap and prev != p_start):
                tiled = False
            prev = s_end
            s_text = text[s_start:s_end]
            toks = dt.tokens[at]
            at += 1
            n_tokens += len(toks)
            marks = [t[3] if t[4] == "word" else None for t in toks]  # norm if kind is "word"; indexed: ~30 % cheaper than unpacking
            marks.append(None)
            sentence_words.append(len(marks) - marks.count(None))
            stream += marks
            sentences.append(sentence_row(dt, sentence) | score_text(s_text))
            if options.evidence:
                evidence.extend(evidence_rows(doc.doc_id, sid, s_start, s_text))
        tail = text[prev:p_end]
        paragraph_words.append([w for w in stream[p_first:] if w is not None]
                               if tiled and (not tail or tail.isspace()) else None)
    sid = len(dt.sentences)
    ids = vocab.ids_of(stream)
    n_words = sum(sentence_words)
    row = document_row(doc, cleaned, sentences=sid, tokens=n_tokens, words=n_words,
                       paragraph_words=paragraph_words)
    labels = [s["label"] for s in sentences]
    n_s = len(sentences)
    row.update(
        mean_compound=round(sum(s["compound"] for s in sentences) / n_s, 4) if n_s else None,
        share_negative=round(labels.count("negative") / n_s, 4) if n_s else None,
        share_neutral=round(labels.count("neutral") / n_s, 4) if n_s else None,
        share_positive=round(labels.count("positive") / n_s, 4) if n_s else None,
    )
    meta = dict(doc.meta)
    meta.setdefault("source", doc.doc_id.split("#")[0])  # the file it came from
    for col in BASE_META_COLUMNS:
        meta.setdefault(col, "")
    row.update({k: v for k, v in meta.items() if k not in row})
    voices = analyse_voices(dt, [s["compound"] for s in sentences], stop=options.stop) if options.voices else None
    stats = DocStats(doc.doc_id, row, None, cleaning, sentences, sentence_words, evidence, None, doc.n_bytes)
    return stats, ids, voices, shingled_columns([t for toks in dt.tokens for t in toks])


@dataclass
class BatchStats:
    """The results of one batch of documents: per-document rows, and the batch's counts
    (:class:`lib.passes.counts.BatchCounts`), so the parent merges once per batch, not once per
    document (the parent's share of a two-core pass fell from ~16 % of the CPU time; measured)."""

    docs: list[DocStats]
    counts: BatchCounts
    voices: BatchVoices | None  # the documents' voices tables (None without options.voices)

    @property
    def n_documents(self) -> int:
        return len(self.docs)

    @property
    def n_bytes(self) -> int:
        return sum(r.n_bytes for r in self.docs)


def _batch_measures(results: list[DocStats], ids: list[list[int]], shingled: list[tuple], vocab: Vocabulary) -> None:
    """Each document's readability row and shingles, filled into its stats: array expressions over
    the whole batch (:func:`lib.measures.readability.stats_rows`, :func:`lib.stories.shingles.batch_reuse`)."""
    worded = [i for i, r in enumerate(results) if r.document["words"]]
    rows = stats_rows([results[i].doc_id for i in worded], [[w for w in ids[i] if w >= 0] for i in worded],
                      vocab.words, [len(results[i].sentences) for i in worded])
    for i, row in zip(worded, rows):
        results[i].readability = row
    for r, reuse in zip(results, batch_reuse([r.doc_id for r in results], shingled)):
        r.reuse = reuse


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused for the block. A batch allocates hundreds of thousands of
    tuples, lists and dicts (tokens, rows), which start a collection every 700 of them; nearly all
    are freed by reference counting alone, and any cycle is collected after the block. Saves
    ~4 % of the pass's CPU (measured: the first 3,000 Reuters stories, one core)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def analyse_batch(docs: list[Document], options: PassOptions) -> BatchStats:
    """:func:`analyse_document_stats` over a batch, then its counts: the unit of work a worker receives."""
    vocab = Vocabulary()
    results, words, voices, shingled = [], [], [], []
    with _cycle_collection_paused():
        for d in docs:
            r, w, v, sh = analyse_document_stats(d, options, vocab)
            results.append(r)
            words.append(w)
            voices.append(v)
            shingled.append(sh)
        _batch_measures(results, words, shingled, vocab)
    return BatchStats(results, count_batch(words, vocab, options.stop, options.ngram_sizes),
                      batch_voices(voices) if options.voices else None)


@dataclass(kw_only=True)
class CorpusStats:
    """Everything the notebooks need from one pass over a corpus.

    The counts (:class:`lib.passes.counts.CorpusCounts`, vocabulary-sized) live in memory;
    per-document and per-sentence rows and the document-word matrix live in a
    :class:`Spool` on disk and become DataFrames or a sparse matrix on request.
    ``n_words`` counts every word token, the denominator of every rate.
    """

    corpus: str
    options: PassOptions
    table_options: object
    spool: Spool
    counts: CorpusCounts
    n_documents: int = 0
    n_words: int = 0
    n_bytes: int = 0
    meta_columns: list = field(default_factory=list)
    voice_counts: VoiceCounts = field(default_factory=VoiceCounts)  # the voice-term counters (lib.passes.voices)
    # Near-duplicates at the default thresholds (lib.stories.reuse), found once the pass is done:
    # every notebook reads them (documents.csv, the deduplicated view); 06 reads the pairs.
    pairs: object = None  # pd.DataFrame of near_duplicates
    stories: object = None  # pd.DataFrame of document_stories

    def add(self, batch: BatchStats) -> None:
        """Merge one batch of results (in corpus order)."""
        results = batch.docs
        c = batch.counts
        self.spool.write("dtm", [(c.doc_indptr, self.counts.add(c), c.doc_data)])
        for r in results:
            self.n_documents += 1
            self.n_words += r.document["words"]
            self.n_bytes += r.n_bytes
            for k in r.document:
                if k not in DOCUMENT_COLUMNS and k not in SENTIMENT_COLUMNS and k not in self.meta_columns:
                    self.meta_columns.append(k)
        sp = self.spool
        sp.write("documents", [r.document for r in results])
        sp.write("readability", [r.readability for r in results if r.readability])
        sp.write("cleaning", [row for r in results for row in r.cleaning])
        sp.write("sentences", [row for r in results for row in r.sentences])
        sp.write("sentence_lengths", [dict(doc_id=r.doc_id, sentence_id=i, words=w) for r in results
                                      for i, w in enumerate(r.sentence_words, start=1) if w])
        sp.write("evidence", [row for r in results for row in r.evidence])
        sp.write("reuse", [r.reuse for r in results])
        if batch.voices is not None:
            spool_rows(sp, batch.voices)
            self.voice_counts.add(batch.voices.counts)

    # Tables, sorted as build_corpus sorts them.
    def document_columns(self) -> list[str]:
        """The columns of :meth:`documents`, in order (the story columns once the pass has found them)."""
        extra = sorted(c for c in self.meta_columns if c not in BASE_META_COLUMNS)
        story = STORY_COLUMNS if self.stories is not None else []
        return DOCUMENT_COLUMNS + SENTIMENT_COLUMNS + story + BASE_META_COLUMNS + extra

    def documents(self) -> pd.DataFrame:
        """``documents.csv``; the sentiment columns are empty for a document without a body sentence."""
        from lib.run.folder import EMPTY_CELLS

        columns = [c for c in self.document_columns() if c not in STORY_COLUMNS]
        out = _frame(self.spool.read("documents"), columns, ["doc_id"])
        if self.stories is not None:  # story_group and reused_share after the sentiment columns
            at = len(DOCUMENT_COLUMNS) + len(SENTIMENT_COLUMNS)
            story = self.stories.set_index("doc_id")
            for i, col in enumerate(STORY_COLUMNS):
                out.insert(at + i, col, out["doc_id"].map(story[col]).astype(story[col].dtype))
        out.attrs = {EMPTY_CELLS: {**dict.fromkeys(SENTIMENT_COLUMNS, "the document has no body sentence to score"),
                                   **(self.stories.attrs.get(EMPTY_CELLS, {}) if self.stories is not None else {})}}
        return out

    def skipped(self) -> pd.DataFrame:
        return _frame(self.spool.read("skipped"), SKIPPED_COLUMNS, ["path"])

    def cleaning(self) -> pd.DataFrame:
        return _frame(self.spool.read("cleaning"), CLEANING_COLUMNS, ["doc_id", "start"])

    def sentences(self) -> pd.DataFrame:
        """``sentences.csv``: every body sentence with its VADER scores."""
        return _frame(self.spool.read("sentences"), SCORED_SENTENCE_COLUMNS, ["doc_id", "sentence_id"])

    def evidence(self) -> pd.DataFrame:
        from lib.sentiment.scores import EVIDENCE_COLUMNS

        return _frame(self.spool.read("evidence"), EVIDENCE_COLUMNS, ["doc_id", "sentence_id", "word_index"])

    def readability(self) -> pd.DataFrame:
        from lib.measures.readability import STAT_COLUMNS

        return _frame(self.spool.read("readability"), STAT_COLUMNS, ["doc_id"])

    def sentence_lengths(self) -> pd.DataFrame:
        return _frame(self.spool.read("sentence_lengths"), SENTENCE_LENGTH_COLUMNS, ["doc_id", "sentence_id"])

    def matrix(self):
        """The document-word matrix: a ``scipy.sparse.csr_matrix`` of counts, a row per document
        in corpus order (:meth:`matrix_doc_ids`), a column per word id of ``counts.vocab``
        (every word norm, stopwords included)."""
        from scipy import sparse

        indptr, indices, data = [np.zeros(1, dtype=np.int64)], [], []
        for ptr, cols, vals in self.spool.read("dtm"):
            indptr.append(ptr[1:] + indptr[-1][-1])
            indices.append(cols)
            data.append(vals)
        return sparse.csr_matrix((np.concatenate(data) if data else np.zeros(0, np.int32),
                                  np.concatenate(indices) if indices else np.zeros(0, np.int32),
                                  np.concatenate(indptr)),
                                 shape=(self.n_documents, len(self.counts.vocab.words)))

    def voices(self) -> Voices:
        """The voices tables (:func:`lib.passes.voices.voices_of`); the rules' warnings are raised again here."""
        if not self.options.voices:
            raise ValueError("this pass ran without the voices rules (analyse_corpus(..., voices=False))")
        return voices_of(self)

    def find_stories(self) -> None:
        """Near-duplicate pairs and each document's story columns, at the default thresholds.

        :mod:`lib.stories.reuse` reads the spooled shingles a few times over and keeps only the
        signatures, then the shingle sets of documents in candidate pairs, then the positions of
        documents in verified pairs (see :meth:`reuse`)."""
        from lib.stories import reuse

        self.spool.close()  # flush the rows written so far, so they can be read back
        items, docs = self.reuse(), self.documents()
        self.pairs = reuse.near_duplicates(items, docs)
        self.stories = reuse.document_stories(items, reuse.story_groups(items, self.pairs, docs), docs)

    def near_duplicates(self, *, min_containment: float, min_shared_words: int):
        """:func:`lib.stories.reuse.near_duplicates` at these thresholds (the pass's own pairs at the defaults)."""
        from lib.stories import reuse

        if (min_containment, min_shared_words) == (reuse.DEFAULT_MIN_CONTAINMENT, reuse.DEFAULT_MIN_SHARED_WORDS):
            return self.pairs
        return reuse.near_duplicates(self.reuse(), self.documents(), min_containment=min_containment,
                                     min_shared_words=min_shared_words)

    def reuse(self) -> SpooledReuse:
        """Every document's shingles and MinHash signature (:class:`lib.stories.shingles.DocumentReuse`),
        in corpus order, read from the spool each time it is iterated (never all in memory): the
        input of :mod:`lib.stories.reuse`. ``list(stats.reuse())`` holds them all."""
        return SpooledReuse(self)

    def matrix_doc_ids(self) -> list[str]:
        """The documents of :meth:`matrix`'s rows, in corpus order."""
        return [d["doc_id"] for d in self.spool.read("documents")]

    def headlines(self) -> dict[str, str]:
        return {d["doc_id"]: d["headline"] for d in self.spool.read("documents")}

    def doc_ids(self) -> list[str]:
        return sorted(d["doc_id"] for d in self.spool.read("documents"))

    def select(self, documents: Iterable[str] = (), *, first: int = 12) -> list[str]:
        """The documents a per-document figure shows: those named (in the order named), else the first ``first``.

        A name that is not a document id raises ValueError listing a few ids.
        """
        return choose_documents(self.doc_ids(), documents, first=first)

    def corpus_of(self, doc_ids: Iterable[str]) -> Corpus:
        """The v1 :class:`Corpus` (tokens table and all) of only these documents, for
        KWIC, dispersion and tokens.csv, which need every token."""
        docs = find_documents(self.corpus, doc_ids, table_options=self.table_options)
        results = [analyse_document(d, self.options.stop) for d in docs]
        return _corpus_from(results, docs, [])


class SpooledReuse:
    """The ``items`` of :mod:`lib.stories.reuse` for a pass (:meth:`CorpusStats.reuse`): each
    iteration reads every document's :class:`lib.stories.shingles.DocumentReuse` from the spool
    a batch at a time, so a reader keeps only the documents it needs."""

    def __init__(self, stats: CorpusStats) -> None:
        self.stats = stats  # not its spool: a cached pass moves its spool when it is kept

    def __iter__(self) -> Iterator:
        return self.stats.spool.read("reuse")


def choose_documents(ids: list[str], documents: Iterable[str] = (), *, first: int = 12) -> list[str]:
    """``documents`` (in the order named) if any, else the first ``first`` of ``ids``; a name that is
    not in ``ids`` raises ValueError listing a few ids.

    >>> choose_documents(["a", "b", "c"], first=2), choose_documents(["a", "b", "c"], ["c", "a"])
    (['a', 'b'], ['c', 'a'])
    """
    named = list(documents or [])
    if named:
        known = set(ids)
        unknown = [d for d in named if d not in known]
        if unknown:
            raise ValueError(f"not document ids: {unknown}; ids look like {ids[:3]}")
        return named
    return ids[:first]


def _corpus_from(results: list[DocumentResult], docs: list[Document], skipped: list[Skipped]) -> Corpus:
    return Corpus(
        documents=_frame((r.document for r in results), DOCUMENT_COLUMNS, ["doc_id"]),
        cleaning=_frame((row for r in results for row in r.cleaning), CLEANING_COLUMNS, ["doc_id", "start"]),
        sentences=_frame((row for r in results for row in r.sentences), SENTENCE_COLUMNS, ["doc_id", "sentence_id"]),
        tokens=_frame((row for r in results for row in r.tokens), TOKEN_COLUMNS, ["doc_id", "token_id"]),
        skipped=_frame(({"path": s.path, "reason": s.reason} for s in skipped), SKIPPED_COLUMNS, ["path"]),
        texts={d.doc_id: d.text for d in docs},
        headlines={r.document["doc_id"]: r.document["headline"] for r in results},
    )


def document_batches(items: Iterable, on_skipped: Callable[[Skipped], None] | None = None,
                     size: int | None = None) -> Iterator[list[Document]]:
    """The documents of ``items`` in batches of ``size`` (:data:`BATCH_DOCUMENTS`); each
    :class:`Skipped` goes to ``on_skipped`` (or is left out)."""
    size = size or BATCH_DOCUMENTS
    batch: list[Document] = []
    for got in items:
        if isinstance(got, Skipped):
            if on_skipped is not None:
                on_skipped(got)
            continue
        batch.append(got)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def stream_batches(root: Path, func: Callable, *, table_options=None, scheduler: str | None = None,
                   workers: int = 0, desc: str = "documents",
                   on_skipped: Callable[[Skipped], None] | None = None,
                   size: int | None = None, set_aside: dict[str, str] | None = None) -> Iterator:
    """``func`` over the corpus at ``root`` in batches of documents, results in corpus order,
    with a progress bar in bytes of input. Each result must have ``n_bytes`` and
    ``n_documents``. ``set_aside`` maps doc ids to the reason they are left out (each becomes a
    :class:`Skipped`). ``scheduler``/``workers`` as in :func:`analyse_corpus`; a corpus under
    :data:`SERIAL_BELOW_BYTES` runs in this process unless a scheduler is named."""
    from lib.passes import parallel

    total = input_bytes(root)
    if not scheduler and total < SERIAL_BELOW_BYTES:
        scheduler = parallel.SERIAL
    bar = tqdm(total=total, unit="B", unit_scale=True, desc=desc, disable=_quiet(),
               mininterval=1.0, file=sys.stderr)
    done = 0
    try:
        items = iter_corpus(root, table_options=table_options)
        if set_aside:  # documents left out of this pass, each a skipped row with the reason
            items = (Skipped(d.doc_id, set_aside[d.doc_id]) if isinstance(d, Document) and d.doc_id in set_aside
                     else d for d in items)
        batches = document_batches(items, on_skipped, size)
        for result in parallel.map_ordered(func, batches, scheduler=scheduler,
                                           workers=workers or parallel.default_workers()):
            yield result
            done += result.n_documents
            bar.update(result.n_bytes)
            bar.set_postfix(docs=done, refresh=False)
    finally:
        bar.close()


def _quiet() -> bool:
    """Progress bars are off under pytest and when NEWSLENS_QUIET is set."""
    return bool(os.environ.get("PYTEST_CURRENT_TEST") or os.environ.get("NEWSLENS_QUIET"))


DEDUPE = ("none", "groups")


def analyse_corpus(path: str | Path, *, extra_stopwords: Iterable[str] = (), ngram_sizes: Iterable[int] = (2, 3),
                   evidence: bool = True, voices: bool = True, table_options=None, scheduler: str | None = None,
                   workers: int = 0, cache: bool = True, dedupe: str = "none") -> CorpusStats:
    """One streaming pass over the corpus at ``path``: every document cleaned, split,
    tokenized, counted, scored and, with ``voices``, read for its quotations, sources, entities
    and numbers (:meth:`CorpusStats.voices`), in worker processes when there are several cores.
    Every notebook reads this one pass.

    ``scheduler``: ``None``/``""`` for the local process pool (in-process on one core
    or for a single batch), ``"serial"``, ``"local"`` for a Dask LocalCluster, or a
    Dask scheduler address (see :mod:`lib.passes.parallel`); ``workers`` 0 means every core.
    The results are the same whichever runs the work. With ``cache`` the pass is kept
    under ``runs/.cache`` (keyed by the input files, the options and the code) so the
    notebooks of one run share it. Once every document is read, near-duplicates are found
    (:mod:`lib.stories.reuse`, default thresholds): ``documents()`` gains ``story_group`` and
    ``reused_share``. ``dedupe="groups"`` counts each story once: the pass runs again with the
    later documents of each story group set aside (``skipped.csv`` names the first of their group).
    """
    if dedupe not in DEDUPE:
        raise ValueError(f"dedupe must be one of {', '.join(DEDUPE)}, not {dedupe!r}")
    common = dict(extra_stopwords=extra_stopwords, ngram_sizes=ngram_sizes, evidence=evidence, voices=voices,
                  table_options=table_options, scheduler=scheduler, workers=workers, cache=cache)
    if dedupe == "groups":
        from lib.stories.reuse import copies

        return _analyse(path, set_aside=copies(analyse_corpus(path, **common).stories), **common)
    return _analyse(path, **common)


def _analyse(path: str | Path, *, extra_stopwords: Iterable[str], ngram_sizes: Iterable[int], evidence: bool,
             voices: bool, table_options, scheduler: str | None, workers: int, cache: bool,
             set_aside: dict[str, str] | None = None) -> CorpusStats:
    """The pass of :func:`analyse_corpus`, with ``set_aside`` documents left out."""
    root = resolve(path)
    if not root.exists():
        raise CorpusError(f"corpus path does not exist: {root}")
    options = PassOptions(stop=stopwords(extra_stopwords), ngram_sizes=tuple(sorted(set(ngram_sizes))),
                          evidence=evidence, voices=voices)
    key = cache_key(root, (str(root), sorted(options.stop), options.ngram_sizes, evidence, voices, repr(table_options),
                           sorted((set_aside or {}).items())))
    if cache and (stats := cached(key)) is not None:
        return stats
    spool = new_spool(key, cache=cache)
    stats = CorpusStats(corpus=str(root), options=options, table_options=table_options, spool=spool,
                        counts=CorpusCounts(options.ngram_sizes))

    def skipped(s: Skipped) -> None:
        spool.write("skipped", [{"path": s.path, "reason": s.reason}])

    try:
        for batch in stream_batches(root, functools.partial(analyse_batch, options=options),
                                    table_options=table_options, scheduler=scheduler, workers=workers,
                                    on_skipped=skipped, set_aside=set_aside):
            stats.add(batch)
        stats.find_stories()
    except BaseException:
        discard(spool)
        raise
    return keep(stats, key, cache=cache)


