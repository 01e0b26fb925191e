"""One document read once: its cleaning, body sentences and tokens, the input of every rule.

:func:`read_text` is the only place a document's text is cleaned, split into sentences and
tokenized; the pass, the voices rules and the tests all start from its :class:`DocumentText`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from lib.ingest.corpus import Document
from lib.text.cleaning import CleanedDocument, clean_text
from lib.text.sentences import split_sentences
from lib.text.tokens import Token, tokenize


class Sentence(NamedTuple):
    """A body sentence: 1-based ids in document order, offsets into the document text."""

    sentence_id: int
    paragraph_id: int
    start: int
    end: int


@dataclass
class DocumentText:
    """A document's text with its cleaning, body sentences and each sentence's tokens."""

    doc_id: str
    text: str
    cleaned: CleanedDocument
    sentences: list[Sentence]
    tokens: list[list[Token]]  # tokens[i]: the tokens of sentences[i]

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]


def read_text(doc_id: str, text: str) -> DocumentText:
    """Clean ``text``, split its body paragraphs into sentences and tokenize each sentence.

    >>> d = read_text("a.txt", "Troops moved north on Monday, officials said. They left.")
    >>> [(s.sentence_id, s.paragraph_id, d.text[s.start:s.end]) for s in d.sentences]
    [(1, 1, 'Troops moved north on Monday, officials said.'), (2, 1, 'They left.')]
    >>> [t.norm for t in d.tokens[1]]
    ['they', 'left', '.']
    """
    cleaned = clean_text(text)
    sentences: list[Sentence] = []
    tokens: list[list[Token]] = []
    make = tuple.__new__  # a Sentence from its tuple in C, as lib.text.tokens makes Tokens: ~0.005 s per 3,000 stories
    for pid, (p_start, p_end) in enumerate(cleaned.paragraphs, start=1):
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentences.append(make(Sentence, (len(sentences) + 1, pid, s_start, s_end)))
            tokens.append(tokenize(text, s_start, s_end))
    return DocumentText(doc_id, text, cleaned, sentences, tokens)


def read_document(doc: Document) -> DocumentText:
    """:func:`read_text` of a corpus document."""
    return read_text(doc.doc_id, doc.text)
