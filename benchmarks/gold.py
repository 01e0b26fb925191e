"""Gold sentences and tokens from a CoNLL-U treebank, and how we score against them.

Each ``# newdoc`` document becomes one text: the ``# text`` lines of the
sentences of a paragraph (``# newpar``) joined with one space, paragraphs
joined with ``"\\n\\n"``. Gold sentence spans are the ``# text`` lines in
that text; gold token spans come from aligning the token forms to the
sentence text in order.

Tokens follow UD word segmentation where the text allows it: a multiword
token ("1-2 don't") is replaced by its words ("do", "n't") when the words
concatenate to the surface form, and kept whole otherwise. Empty nodes
("8.1") have no surface and are skipped.

Scores:

* sentences, *end boundary*: a predicted sentence counts when its end offset
  is a gold sentence end (start is ignored, so a stray split that leaves the
  true end intact still loses only one boundary);
* sentences, *exact span*: ``(start, end)`` must match exactly (stricter:
  every wrong split or join costs two spans);
* tokens, *exact span*: ``(start, end)`` must match exactly.

All comparisons are on ``(doc_id, ...)`` keys, so spans never collide across
documents.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

Span = tuple[int, int]

# Characters that join a compound word when written without spaces:
# ASCII hyphen-minus, Unicode hyphen and non-breaking hyphen. Dashes (en, em)
# mark ranges or asides and are left alone.
HYPHENS = frozenset("-\u2010\u2011")


@dataclass
class GoldDocument:
    doc_id: str
    text: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    # Token spans per sentence, aligned with ``sentences``.
    tokens: list[list[Span]] = field(default_factory=list)
    # For each sentence: the gold paragraph index it belongs to.
    sentence_paragraph: list[int] = field(default_factory=list)

    @property
    def all_tokens(self) -> list[Span]:
        return [t for sent in self.tokens for t in sent]


@dataclass(frozen=True)
class PRF:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------
# Reading


def _parse_misc(misc: str) -> dict[str, str]:
    if misc == "_":
        return {}
    out = {}
    for item in misc.split("|"):
        key, _, value = item.partition("=")
        out[key] = value
    return out


def _resolve_words(rows: list[list[str]]) -> tuple[list[str], list[bool]]:
    """Forms and space-after flags of one sentence's token rows.

    A multiword range is split into its words when they spell the surface
    form ("don't" -> "do" "n't"), else kept whole. SpaceAfter comes from the
    range line for the last word of a range; there is no space inside a range.
    """
    forms: list[str] = []
    space: list[bool] = []
    i = 0
    while i < len(rows):
        cols = rows[i]
        tid = cols[0]
        if "." in tid:  # empty node: no surface
            i += 1
            continue
        if "-" in tid:
            a, b = (int(x) for x in tid.split("-"))
            n = b - a + 1
            words: list[list[str]] = []
            i += 1  # past the range line
            while i < len(rows) and len(words) < n:
                if "." not in rows[i][0]:  # empty nodes inside a range have no surface
                    words.append(rows[i])
                i += 1
            surface_space = _parse_misc(cols[9]).get("SpaceAfter") != "No"
            word_forms = [w[1] for w in words]
            if "".join(word_forms) == cols[1]:
                forms.extend(word_forms)
                space.extend([False] * (len(word_forms) - 1) + [surface_space])
            else:
                forms.append(cols[1])
                space.append(surface_space)
            continue
        forms.append(cols[1])
        space.append(_parse_misc(cols[9]).get("SpaceAfter") != "No")
        i += 1
    return forms, space


def align_forms(text: str, forms: list[str], offset: int = 0) -> list[Span]:
    """Spans of ``forms`` in ``text``, searched forward in order.

    Robust to missing or wrong SpaceAfter marks: each form is looked up from
    the end of the previous one, whatever lies between. A form not found (a
    treebank typo) gets an empty span at the current position; on UD EWT dev
    every form is found.

    >>> align_forms("I don't know.", ["I", "do", "n't", "know", "."])
    [(0, 1), (2, 4), (4, 7), (8, 12), (12, 13)]
    """
    spans: list[Span] = []
    pos = 0
    for form in forms:
        i = text.find(form, pos)
        if i < 0:
            spans.append((offset + pos, offset + pos))
            continue
        spans.append((offset + i, offset + i + len(form)))
        pos = i + len(form)
    return spans


def iter_conllu_sentences(path: str | Path) -> Iterator[tuple[dict[str, str], list[list[str]]]]:
    """Yield ``(comments, rows)`` per sentence; comments maps "text", "newdoc id", ...

    ``# newdoc`` and ``# newpar`` without a value are recorded with "" as value.
    """
    comments: dict[str, str] = {}
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if rows:
                    yield comments, rows
                comments, rows = {}, []
            elif line.startswith("#"):
                key, sep, value = line[1:].partition("=")
                comments[key.strip()] = value.strip() if sep else ""
            else:
                rows.append(line.split("\t"))
    if rows:
        yield comments, rows


def read_conllu(path: str | Path) -> list[GoldDocument]:
    """Documents of a CoNLL-U file with rebuilt text and gold spans."""
    docs: list[GoldDocument] = []
    doc: GoldDocument | None = None
    par_sentences: list[str] = []
    par_tokens: list[list[str]] = []

    def flush_paragraph() -> None:
        if doc is None or not par_sentences:
            return
        if doc.text:
            doc.text += "\n\n"
        p_start = len(doc.text)
        for k, (sent_text, forms) in enumerate(zip(par_sentences, par_tokens)):
            if k:
                doc.text += " "
            s = len(doc.text)
            doc.text += sent_text
            doc.sentences.append((s, len(doc.text)))
            doc.tokens.append(align_forms(sent_text, forms, s))
            doc.sentence_paragraph.append(len(doc.paragraphs))
        doc.paragraphs.append((p_start, len(doc.text)))
        par_sentences.clear()
        par_tokens.clear()

    for comments, rows in iter_conllu_sentences(path):
        new_doc = "newdoc id" in comments or "newdoc" in comments
        if new_doc or doc is None:
            flush_paragraph()
            doc_id = comments.get("newdoc id") or f"doc{len(docs) + 1}"
            doc = GoldDocument(doc_id)
            docs.append(doc)
        elif "newpar id" in comments or "newpar" in comments:
            flush_paragraph()
        forms, space = _resolve_words(rows)
        # Without a "# text" line the text is rebuilt from forms and SpaceAfter.
        par_sentences.append(comments.get("text") or
                             "".join(f + (" " if sp else "") for f, sp in zip(forms, space)).rstrip())
        par_tokens.append(forms)
    flush_paragraph()
    return docs


# --------------------------------------------------------------------------
# Hyphen compounds


def merge_hyphen_compounds(text: str, spans: list[Span]) -> list[Span]:
    """Join word + hyphen + word written without spaces into one span.

    UD splits "front-line" into "front" "-" "line"; our tokenizer keeps
    hyphenated words whole by design, so the merged gold measures the
    tokenizer against its own convention. Chains merge too
    ("state-of-the-art"). A hyphen with a space on either side ("pre- and
    post-war", "A - B") is not a compound hyphen and stays separate.

    >>> t = "a front-line state-of-the-art pre- war"
    >>> from benchmarks.gold import align_forms
    >>> sp = align_forms(t, "a front - line state - of - the - art pre - war".split())
    >>> [t[s:e] for s, e in merge_hyphen_compounds(t, sp)]
    ['a', 'front-line', 'state-of-the-art', 'pre', '-', 'war']
    """
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        j = i
        while (j + 2 < len(spans)
               and _is_hyphen(text, spans[j + 1])
               and spans[j][1] == spans[j + 1][0]
               and spans[j + 1][1] == spans[j + 2][0]
               and _has_alnum(text, spans[j])
               and _has_alnum(text, spans[j + 2])):
            e = spans[j + 2][1]
            j += 2
        out.append((s, e))
        i = j + 1
    return out


def _is_hyphen(text: str, span: Span) -> bool:
    return span[1] - span[0] == 1 and text[span[0]] in HYPHENS


def _has_alnum(text: str, span: Span) -> bool:
    return any(c.isalnum() for c in text[span[0]:span[1]])


# --------------------------------------------------------------------------
# Scoring


def score_spans(pred: Iterable[tuple], gold: Iterable[tuple]) -> PRF:
    """Exact-match P/R/F1 of two collections of hashable keys (spans with doc ids).

    >>> r = score_spans([("d", 0, 3), ("d", 4, 9)], [("d", 0, 3), ("d", 4, 6), ("d", 7, 9)])
    >>> (r.tp, r.n_pred, r.n_gold, round(r.f1, 3))
    (1, 2, 3, 0.4)
    """
    p, g = set(pred), set(gold)
    return PRF(len(p & g), len(p), len(g))


def score_sentence_ends(pred: Iterable[tuple[str, int, int]], gold: Iterable[tuple[str, int, int]]) -> PRF:
    """Boundary P/R/F1: ``(doc_id, start, end)`` spans compared on ``(doc_id, end)`` only."""
    return score_spans({(d, e) for d, _s, e in pred}, {(d, e) for d, _s, e in gold})


def score_inner_sentence_ends(pred: Iterable[tuple[str, int, int]], gold: Iterable[tuple[str, int, int]],
                              paragraph_ends: Iterable[tuple[str, int]]) -> PRF:
    """Boundary P/R/F1 leaving out paragraph ends.

    A splitter called once per paragraph gets every paragraph end for free;
    this score counts only the decisions it had to make.
    """
    skip = set(paragraph_ends)
    return score_spans({(d, e) for d, _s, e in pred} - skip, {(d, e) for d, _s, e in gold} - skip)


# --------------------------------------------------------------------------
# Evaluation of a splitter and a tokenizer

# split(text, start, end) -> sentence spans within text[start:end], as offsets into text
Splitter = Callable[[str, int, int], list[Span]]
# tokenize(text, start, end) -> token spans within text[start:end], as offsets into text
Tokenizer = Callable[[str, int, int], list[Span]]


@dataclass
class SentenceScores:
    ends: PRF  # end-boundary P/R/F1, all sentence ends
    inner_ends: PRF  # end-boundary P/R/F1 without the paragraph ends given to the splitter
    spans: PRF  # exact (start, end) match
    predicted: list[tuple[str, int, int]]


@dataclass
class TokenScores:
    strict: PRF  # against UD tokens
    merged: PRF  # against UD tokens with hyphen compounds merged
    predicted: list[tuple[str, int, int]]


def gold_sentence_keys(docs: list[GoldDocument]) -> list[tuple[str, int, int]]:
    return [(d.doc_id, s, e) for d in docs for s, e in d.sentences]


def gold_token_keys(docs: list[GoldDocument], merge_hyphens: bool = False) -> list[tuple[str, int, int]]:
    keys = []
    for d in docs:
        for sent in d.tokens:
            spans = merge_hyphen_compounds(d.text, sent) if merge_hyphens else sent
            keys.extend((d.doc_id, s, e) for s, e in spans)
    return keys


def evaluate_sentences(docs: list[GoldDocument], split: Splitter) -> SentenceScores:
    """Run ``split`` once per gold paragraph, as the pipeline does, and score it."""
    pred = [(d.doc_id, s, e) for d in docs for ps, pe in d.paragraphs for s, e in split(d.text, ps, pe)]
    gold = gold_sentence_keys(docs)
    par_ends = [(d.doc_id, pe) for d in docs for _ps, pe in d.paragraphs]
    return SentenceScores(score_sentence_ends(pred, gold), score_inner_sentence_ends(pred, gold, par_ends),
                          score_spans(pred, gold), pred)


def evaluate_tokens(docs: list[GoldDocument], tokenize: Tokenizer) -> TokenScores:
    """Run ``tokenize`` once per gold sentence, so sentence errors do not leak in."""
    pred = [(d.doc_id, s, e) for d in docs for ss, se in d.sentences for s, e in tokenize(d.text, ss, se)]
    return TokenScores(score_spans(pred, gold_token_keys(docs)),
                       score_spans(pred, gold_token_keys(docs, merge_hyphens=True)), pred)
