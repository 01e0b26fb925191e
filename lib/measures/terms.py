"""Term statistics: frequencies, n-grams, collocations, concordance, dispersion, keyness.

Every function takes the ``tokens`` table of :func:`lib.passes.pipeline.build_corpus`
(or any subset of its rows) and returns a DataFrame with sorted rows.

Definitions used throughout:

* **word tokens** are the rows with ``kind == "word"``; "U.S." and
  "ill-prepared" are one word token each (see :mod:`lib.text.tokens`). Numbers,
  punctuation, symbols, clitics ("'s", "n't") and URLs are never word tokens.
* **terms** are the ``norm`` (typography-normalised, case-folded) of word
  tokens that are not stopwords (``is_stop`` is False).
* **rates** are per 1,000 word tokens, counting *all* word tokens of the
  corpus, stopwords included.
* a **run** is a stretch of word tokens that stand next to each other in one
  sentence: any other token between two words (punctuation, a number, a clitic,
  a symbol, a URL) ends the run, and so does a sentence end or a gap in
  ``token_id`` (rows filtered out by the caller). N-grams, collocations and
  phrase queries never cross a run boundary, so "Korea's troops" gives no
  bigram "korea troops" and "troops, deployed" gives no "troops deployed".
"""
from __future__ import annotations

import re
from importlib.metadata import version
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import wordfreq

from lib.text.tokens import tokenize

WORD_KIND = "word"
# Tokens counted by the KWIC ``window``; punctuation and clitics between them are shown but not counted.
CONTEXT_KINDS = frozenset({"word", "number"})
RATE_BASE = 1_000
DECIMALS = 4
# wordfreq's English "best" (large) list stops at Zipf 1.0, i.e. a frequency of 1e-8
# (its smallest entry is 1.02e-8); a word it does not list is given this floor.
REFERENCE_FLOOR = 1e-8
REFERENCE_WORDLIST = "best"
# Keyness terms: letters, or a dotted initialism ("u.s."). Hyphenated words are left out
# because wordfreq splits them and returns an estimate, not a listed frequency.
_KEYNESS_TERM = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")

# Forms of reporting cues that are nouns (or adjectives) at least as often as verbs in news: they
# name what the text is about ("the trade report", "insurance claims", "inflation fears"), so they
# stay terms when the reporting verbs are left out.
REPORTING_NOUNS = frozenset("""report reports estimate estimates forecast forecasts note notes quote quotes
states remarks replies points call calls claim claims fear fears show shows blasts vows welcome questions
promises pledges tweet tweets recalls""".split())

TERM_COLUMNS = ["term", "count", "rate_per_1000", "documents"]
NGRAM_COLUMNS = ["ngram", "n", "count", "rate_per_1000", "documents"]
COLLOCATION_COLUMNS = ["bigram", "w1", "w2", "count", "w1_pairs", "w2_pairs", "g2", "pmi", "reliable"]
KWIC_COLUMNS = ["doc_id", "query", "offset", "left", "match", "right"]
DISPERSION_COLUMNS = ["doc_id", "query", "offset", "token_index", "relative_position"]
KEYNESS_COLUMNS = ["term", "observed", "expected", "reference_per_million", "g2", "log_ratio",
                   "direction", "ref_floored"]


def _example_tokens(text: str) -> pd.DataFrame:
    """The tokens table of ``text`` as one document (used by the doctests)."""
    from lib.ingest.corpus import Document
    from lib.passes.pipeline import TOKEN_COLUMNS, analyse_document
    from lib.text.stopwords import stopwords

    doc = Document("example.txt", "example.txt", text, "utf-8", "", len(text.encode()))
    return pd.DataFrame(analyse_document(doc, stopwords()).tokens, columns=TOKEN_COLUMNS)


def _in_order(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens.sort_values(["doc_id", "token_id"], kind="stable").reset_index(drop=True)


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Word tokens in reading order, with ``pos`` (row in :func:`_in_order`),
    ``run`` (see the module docstring) and ``word_index`` (0-based among the
    document's word tokens)."""
    t = _in_order(tokens)
    is_word = t["kind"].eq(WORD_KIND)
    continues = (is_word.shift(fill_value=False)
                 & t["doc_id"].eq(t["doc_id"].shift())
                 & t["sentence_id"].eq(t["sentence_id"].shift())
                 & t["token_id"].eq(t["token_id"].shift() + 1))
    run = (is_word & ~continues).cumsum()
    words = t[is_word].assign(pos=t.index[is_word], run=run[is_word]).reset_index(drop=True)
    words["word_index"] = words.groupby("doc_id", sort=False).cumcount()
    return words


def _rate(count: pd.Series, n_words: int) -> pd.Series:
    return (count * RATE_BASE / n_words).round(DECIMALS) if n_words else count * 0.0


def term_table(terms: Sequence[str], counts: Sequence[int], documents: Sequence[int], n_words: int, *,
               exclude: Iterable[str] = ()) -> pd.DataFrame:
    """``term, count, rate_per_1000, documents`` from terms with their counts and documents.

    ``n_words`` (all word tokens, stopwords included) is the denominator of the
    rate; terms in ``exclude`` (reporting verbs, see :func:`reporting_verbs`)
    are left out. Sorted by count (descending), then term.

    >>> term_table(["troops", "said", "drones"], [3, 4, 3], [2, 2, 1], 20, exclude={"said"})
         term  count  rate_per_1000  documents
    0  drones      3          150.0          1
    1  troops      3          150.0          2
    """
    out = pd.DataFrame({"term": pd.Series(terms, dtype=str), "count": np.asarray(counts, dtype=np.int64),
                        "documents": np.asarray(documents, dtype=np.int64)})
    out = out[~out["term"].isin(frozenset(exclude))]
    if out.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    out["rate_per_1000"] = _rate(out["count"], n_words)
    out = out.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return out[TERM_COLUMNS].reset_index(drop=True)


def term_frequencies(tokens: pd.DataFrame, *, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Count each term: ``term, count, rate_per_1000, documents`` (see :func:`term_table`).

    ``rate_per_1000`` divides by all word tokens (stopwords included);
    ``documents`` is how many documents contain the term. Sorted by count
    (descending), then term, so ``count`` sums to the number of non-stopword
    word tokens.

    >>> toks = _example_tokens("The U.S. said North Korean troops left. North Korean drones hit 3 tanks.")
    >>> tf = term_frequencies(toks)
    >>> tf.head(3).values.tolist()
    [['korean', 2, 166.6667, 1], ['north', 2, 166.6667, 1], ['drones', 1, 83.3333, 1]]
    >>> "u.s." in set(tf["term"]), "the" in set(tf["term"]), int(tf["count"].sum())
    (True, False, 11)
    """
    words = tokens[tokens["kind"].eq(WORD_KIND)]
    terms = words[~words["is_stop"].astype(bool)]
    g = terms.groupby("norm")
    return term_table(list(g.size().index), g.size().to_numpy(), g["doc_id"].nunique().to_numpy(), len(words),
                      exclude=exclude)


def _windows(words: pd.DataFrame, n: int) -> pd.DataFrame:
    """Every window of ``n`` word tokens inside one run: ``doc_id, first, ngram``."""
    same_run = words["run"].shift(-(n - 1)).eq(words["run"])
    parts = [words["norm"].shift(-k) for k in range(n)]
    gram = parts[0].str.cat(parts[1:], sep=" ") if n > 1 else parts[0]
    first = np.flatnonzero(same_run.to_numpy())
    return pd.DataFrame({"doc_id": words["doc_id"].to_numpy()[first], "first": first,
                         "ngram": gram.to_numpy()[first]})


def ngram_table(grams: Sequence[str], counts: Sequence[int], documents: Sequence[int], n_words: int, *,
                sizes: Iterable[int] = (2, 3), min_count: int = 1, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """``ngram, n, count, rate_per_1000, documents`` from n-grams ("w1 w2 [w3]") with their counts
    and documents.

    Keeps the n-grams of the given ``sizes`` seen at least ``min_count`` times
    and containing no word of ``exclude`` (a reporting verb anywhere in a
    phrase: "kirby said" says who spoke, not what about). Sorted by count
    (descending), n, ngram.

    >>> ngram_table(["north korean", "kirby said", "north korean troops"], [2, 3, 1], [1, 1, 1], 10,
    ...             exclude={"said"})[["ngram", "n", "count"]].values.tolist()
    [['north korean', 2, 2], ['north korean troops', 3, 1]]
    """
    sizes = sorted(set(sizes))
    if not sizes or sizes[0] < 1 or min_count < 1:
        raise ValueError("sizes must be positive integers and min_count at least 1")
    skip = frozenset(exclude)
    out = pd.DataFrame({"ngram": pd.Series(grams, dtype=str), "count": np.asarray(counts, dtype=np.int64),
                        "documents": np.asarray(documents, dtype=np.int64)})
    parts = out["ngram"].str.split(" ")
    out["n"] = parts.str.len()
    keep = (out["count"] >= min_count) & out["n"].isin(sizes)
    if skip:
        keep &= ~parts.apply(lambda p: not skip.isdisjoint(p)).astype(bool)
    out = out[keep]
    if out.empty:
        return pd.DataFrame(columns=NGRAM_COLUMNS)
    out = out.assign(rate_per_1000=_rate(out["count"], n_words))
    out = out.sort_values(["count", "n", "ngram"], ascending=[False, True, True], kind="stable")
    return out[NGRAM_COLUMNS].reset_index(drop=True)


def ngrams(tokens: pd.DataFrame, *, sizes: Iterable[int] = (2, 3), min_count: int = 1,
           exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Count contiguous word sequences: ``ngram, n, count, rate_per_1000, documents``.

    An n-gram is ``n`` word tokens of one run (punctuation, numbers and
    clitics break it, as do sentence ends); its text is their norms joined by
    a space. N-grams that start or end with a stopword are dropped, so none is
    made only of stopwords ("north of korea" stays, "of korea" does not).
    Rates are per 1,000 word tokens. Sorted by count (descending), n, ngram
    (see :func:`ngram_table`).

    >>> toks = _example_tokens("North Korean troops left. The North Korean drones, troops said, hit 3 tanks.")
    >>> ngrams(toks, sizes=(2,))[["ngram", "count"]].values.tolist()
    [['north korean', 2], ['korean drones', 1], ['korean troops', 1], ['troops left', 1], ['troops said', 1]]
    """
    sizes = sorted(set(sizes))
    if not sizes or sizes[0] < 1 or min_count < 1:
        raise ValueError("sizes must be positive integers and min_count at least 1")
    words = _words(tokens)
    stop = words["is_stop"].astype(bool).to_numpy()
    frames = []
    for n in sizes:
        win = _windows(words, n)
        keep = ~stop[win["first"].to_numpy()] & ~stop[win["first"].to_numpy() + n - 1]
        frames.append(win[keep])
    g = pd.concat(frames, ignore_index=True).groupby("ngram")
    return ngram_table(list(g.size().index), g.size().to_numpy(), g["doc_id"].nunique().to_numpy(), len(words),
                       sizes=sizes, min_count=min_count, exclude=exclude)


def collocations(tokens: pd.DataFrame, *, min_count: int = 1, reliable_count: int = 3,
                  exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Score adjacent word pairs: ``bigram, w1, w2, count, w1_pairs, w2_pairs, g2, pmi, reliable``.

    The pairs are counted inside runs (so no pair crosses punctuation, a
    clitic, a number or a sentence end), stopwords in place, and scored by
    :func:`collocation_table`; pairs with a stopword or a word of ``exclude``
    are not listed. ``count`` equals the 2-gram count of :func:`ngrams`.

    >>> toks = _example_tokens("North Korean troops left. The North Korean drones, troops said, hit 3 tanks.")
    >>> collocations(toks)[["bigram", "count", "g2", "pmi", "reliable"]].head(2).values.tolist()
    [['north korean', 2, 8.3758, 1.8074, False], ['korean drones', 1, 2.969, 1.8074, False]]
    """
    from lib.passes.counts import Vocabulary, unique_rows

    words = _words(tokens)
    vocab = Vocabulary()
    ids = np.array(vocab.ids_of(words["norm"].to_list()), dtype=np.int64)
    runs = words["run"].to_numpy()
    same = np.flatnonzero(runs[1:] == runs[:-1])
    pairs, counts = unique_rows(np.stack([ids[same], ids[same + 1]], axis=1))
    stop = frozenset(words.loc[words["is_stop"].astype(bool), "norm"])
    return collocation_table(pairs, counts, vocab.words, hide=stop | frozenset(exclude), n_words=len(words),
                             min_count=min_count, reliable_count=reliable_count)


def collocation_table(pairs: np.ndarray, counts: np.ndarray, words: Sequence[str], *, hide: frozenset[str],
                      n_words: int, min_count: int = 1, reliable_count: int = 3) -> pd.DataFrame:
    """Score word pairs from their 2×2 contingency tables: count, G², PMI and the ``reliable`` flag.

    ``pairs`` (k, 2) holds every distinct adjacent pair as ids into ``words``, ``counts`` how often
    each occurs. The table of a pair (w1, w2) is built from the pair counts themselves,
    which is what a bigram contingency table means: *n_ii* = the pair's
    count, *n_ix* (``w1_pairs``) = pairs whose first word is w1, *n_xi*
    (``w2_pairs``) = pairs whose second word is w2, *N* = all pairs, so every
    cell (*n_io* = n_ix − n_ii, *n_oi* = n_xi − n_ii, *n_oo* = N − n_ix − n_xi
    + n_ii) is a count of pairs and never negative. ``g2`` is Dunning's
    log-likelihood 2 Σ O ln(O/E) with E = row·column/N and 0 ln 0 = 0 (the
    value of NLTK's ``BigramAssocMeasures.likelihood_ratio`` for these
    marginals; a test checks it); ``pmi`` = log₂(n_ii·N/(n_ix·n_xi)). Every
    listed pair has n_ii ≥ 1, so both are finite. Pairs with a word of
    ``hide`` (stopwords, reporting verbs) or seen fewer than ``min_count``
    times are not listed but still count in the marginals. ``reliable`` =
    ``count >= reliable_count``. Floats rounded to 4 decimals; sorted by g2
    (descending), then bigram.

    One word repeated gives one pair type, a table with three empty cells, and no association:

    >>> one = collocation_table(np.array([[0, 0]]), np.array([40]), ["korean"], hide=frozenset(), n_words=41)
    >>> one["count"].tolist(), one["g2"].tolist(), one["pmi"].tolist()
    ([40], [0.0], [0.0])
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    counts = np.asarray(counts, dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    n = float(counts.sum())
    attrs = {"measure": "contingency table of word pairs: n_ix = pairs starting with w1, n_xi = pairs ending "
                        "with w2, N = all pairs; g2 = 2 sum O ln(O/E); pmi = log2(n_ii N / (n_ix n_xi))",
             "n_words": int(n_words), "n_pairs": int(n), "min_count": min_count, "reliable_count": reliable_count}
    size = len(words)
    first = np.bincount(pairs[:, 0], weights=counts, minlength=size)[pairs[:, 0]]
    second = np.bincount(pairs[:, 1], weights=counts, minlength=size)[pairs[:, 1]]
    hidden = np.fromiter((w in hide for w in words), dtype=bool, count=size)
    keep = (counts >= min_count) & ~hidden[pairs[:, 0]] & ~hidden[pairs[:, 1]]
    o11, r1, c1 = counts[keep].astype(float), first[keep], second[keep]
    w1 = [words[i] for i in pairs[keep, 0]]
    w2 = [words[i] for i in pairs[keep, 1]]
    out = pd.DataFrame({"bigram": pd.Series([f"{a} {b}" for a, b in zip(w1, w2)], dtype=str),
                        "w1": pd.Series(w1, dtype=str), "w2": pd.Series(w2, dtype=str),
                        "count": counts[keep], "w1_pairs": r1.astype(np.int64), "w2_pairs": c1.astype(np.int64),
                        "g2": g2_contingency(o11, r1, c1, n).round(DECIMALS)})
    with np.errstate(divide="ignore"):
        out["pmi"] = np.log2(o11 * n / (r1 * c1)).round(DECIMALS) if len(out) else np.zeros(0)
    out["reliable"] = out["count"] >= reliable_count
    out = out.sort_values(["g2", "bigram"], ascending=[False, True], kind="stable")
    out = out[COLLOCATION_COLUMNS].reset_index(drop=True)
    out.attrs = attrs
    return out


def g2_contingency(o11: np.ndarray, r1: np.ndarray, c1: np.ndarray, n: float) -> np.ndarray:
    """Dunning's G² of 2×2 tables given by the cell count ``o11``, its row total ``r1``, its column total
    ``c1`` and the grand total ``n`` (all the other cells follow); 0 ln 0 = 0, never below 0.

    >>> [round(float(x), 4) for x in g2_contingency(np.array([9.0, 1.0]), np.array([11.0, 1.0]), np.array([9.0, 1.0]), 20.0)]
    [17.0945, 7.9406]
    """
    obs = np.stack([o11, r1 - o11, c1 - o11, n - r1 - c1 + o11])
    rows = np.stack([r1, r1, n - r1, n - r1])
    cols = np.stack([c1, n - c1, c1, n - c1])
    with np.errstate(divide="ignore", invalid="ignore"):
        exp = rows * cols / n
        cells = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return np.maximum(2 * cells.sum(axis=0), 0.0)


def _parse_query(query: str) -> tuple[str, ...]:
    """The norms of a query's word tokens, split exactly as the text is.

    >>> _parse_query("North  Korean"), _parse_query("U.S.")
    (('north', 'korean'), ('u.s.',))
    """
    toks = tokenize(query)
    if not toks or any(t.kind != WORD_KIND for t in toks):
        bad = [t.text for t in toks if t.kind != WORD_KIND]
        raise ValueError(f"query {query!r} must be one or more words; it has {bad or 'no words'}")
    return tuple(t.norm for t in toks)


def _matches(words: pd.DataFrame, queries: str | Iterable[str]) -> pd.DataFrame:
    """Where each query occurs as consecutive word tokens of one run.

    Returns ``doc_id, query, first, last`` (rows of ``words``) and ``offset``
    (start character of the match). Overlapping matches are all kept.
    """
    parsed = sorted({_parse_query(q) for q in ([queries] if isinstance(queries, str) else queries)})
    norms, runs = words["norm"], words["run"]
    found = []
    for q in parsed:
        hit = runs.shift(-(len(q) - 1)).eq(runs)
        for k, norm in enumerate(q):
            hit &= norms.shift(-k).eq(norm)
        first = np.flatnonzero(hit.to_numpy())
        found.append(pd.DataFrame({"query": " ".join(q), "first": first, "last": first + len(q) - 1}))
    out = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=["query", "first", "last"])
    out["doc_id"] = words["doc_id"].to_numpy()[out["first"].to_numpy(dtype=int)]
    out["offset"] = words["start"].to_numpy()[out["first"].to_numpy(dtype=int)]
    return out.sort_values(["doc_id", "offset", "query"], kind="stable").reset_index(drop=True)


def _surface(rows: pd.DataFrame, text: str) -> str:
    """Tokens' surface text, with any gap between two tokens shown as one space."""
    parts: list[str] = []
    prev_end = None
    for start, end in zip(rows["start"], rows["end"]):
        if prev_end is not None and start > prev_end:
            parts.append(" ")
        parts.append(text[start:end])
        prev_end = end
    return "".join(parts)


def kwic(tokens: pd.DataFrame, texts: Mapping[str, str], queries: str | Iterable[str], *,
         window: int = 8) -> pd.DataFrame:
    """Keyword-in-context lines: ``doc_id, query, offset, left, match, right``.

    A query is one word or a phrase ("north korean"), split by the project
    tokenizer and matched case-insensitively against the norms of consecutive
    word tokens of one run, so no punctuation, clitic or sentence end may lie
    between its words; a query containing anything but words raises
    ValueError. ``query`` is the normalised query. ``match`` is the original
    text slice (``texts[doc_id][offset:offset + len(match)] == match``; it
    keeps a line break that falls inside a phrase). ``left``/``right`` show
    the ``window`` word or number tokens before/after the match, in the same
    document, with the punctuation and clitics among them; whitespace between
    tokens becomes one space, and text that is not in the tokens table (lines
    the cleaner removed) is never shown. Sorted by doc_id, offset, query.

    >>> text = "The U.S. said North\\nKorean troops left. North Korean drones hit 3 tanks."
    >>> toks = _example_tokens(text)
    >>> kwic(toks, {"example.txt": text}, ["North Korean"], window=3)[["left", "match", "right"]].values.tolist()
    [['The U.S. said', 'North\\nKorean', 'troops left. North'], ['Korean troops left.', 'North Korean', 'drones hit 3']]
    """
    if window < 0:
        raise ValueError("window must be 0 or more")
    t = _in_order(tokens)
    words = _words(t)
    found = _matches(words, queries)
    is_ctx = t["kind"].isin(CONTEXT_KINDS).to_numpy()
    row_in_doc = t.groupby("doc_id", sort=False).cumcount().to_numpy()
    doc_size = t.groupby("doc_id", sort=False).size()
    pos = words["pos"].to_numpy()
    rows = []
    for m in found.itertuples(index=False):
        text = texts[m.doc_id]
        first_pos, last_pos = int(pos[m.first]), int(pos[m.last])
        doc_start = first_pos - int(row_in_doc[first_pos])
        doc_end = doc_start + int(doc_size[m.doc_id])
        before = np.flatnonzero(is_ctx[doc_start:first_pos]) + doc_start
        after = np.flatnonzero(is_ctx[last_pos + 1:doc_end]) + last_pos + 1
        left_from = int(before[max(len(before) - window, 0)]) if window and len(before) else first_pos
        right_to = int(after[min(window, len(after)) - 1]) + 1 if window and len(after) else last_pos + 1
        end = int(words["end"].iat[m.last])
        rows.append(dict(doc_id=m.doc_id, query=m.query, offset=int(m.offset),
                         left=_surface(t.iloc[left_from:first_pos], text),
                         match=text[int(m.offset):end],
                         right=_surface(t.iloc[last_pos + 1:right_to], text)))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def dispersion(tokens: pd.DataFrame, queries: str | Iterable[str]) -> pd.DataFrame:
    """Where each query falls in its document: ``doc_id, query, offset, token_index, relative_position``.

    Queries match as in :func:`kwic`. ``token_index`` is the 0-based index of
    the match's first word among the document's word tokens and
    ``relative_position = token_index / words_in_doc``, in [0, 1) (not
    rounded, so it never reaches 1). Sorted by doc_id, offset, query.

    >>> toks = _example_tokens("North Korean troops left. North Korean drones hit 3 tanks.")
    >>> d = dispersion(toks, "north korean")
    >>> d["token_index"].tolist(), d["relative_position"].round(4).tolist()
    ([0, 4], [0.0, 0.4444])
    """
    words = _words(tokens)
    found = _matches(words, queries)
    per_doc = words.groupby("doc_id")["norm"].size()
    index = words["word_index"].to_numpy()[found["first"].to_numpy(dtype=int)]
    out = found.assign(token_index=index)
    out["relative_position"] = out["token_index"] / out["doc_id"].map(per_doc).astype(float)
    return out[DISPERSION_COLUMNS].reset_index(drop=True)


@lru_cache(maxsize=1 << 16)
def reference_frequency(term: str, lang: str = "en") -> float:
    """A word's frequency in general text, from wordfreq's "best" wordlist (0.0 if unlisted).

    >>> reference_frequency("the") > reference_frequency("troops") > 0.0 == reference_frequency("xqzt")
    True
    """
    return wordfreq.word_frequency(term, lang, wordlist=REFERENCE_WORDLIST)


def _g2_goodness_of_fit(observed: np.ndarray, expected: np.ndarray, n: int) -> np.ndarray:
    """2 * (O ln(O/E) + (N-O) ln((N-O)/(N-E))), with 0 ln 0 taken as 0."""
    rest_o, rest_e = n - observed, n - expected
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        b = np.where(rest_o > 0, rest_o * np.log(rest_o / rest_e), 0.0)
    return 2 * (a + b)


def keyness_table(words: Sequence[str], counts: Sequence[int], n_words: int, *, min_count: int = 2,
                  lang: str = "en") -> pd.DataFrame:
    """Which words are over- or under-used against general English, from every word norm and its count.

    Columns: ``term, observed, expected, reference_per_million, g2,
    log_ratio, direction, ref_floored``. Unlike the other tables this one
    keeps stopwords, so a reader can see that function words are not key;
    a candidate is a word that is letters only or a dotted initialism
    ("u.s."), seen at least ``min_count`` times. N = ``n_words`` (every word
    token, ``attrs["n_words"]``). The reference frequency ``f_ref`` is
    ``wordfreq.word_frequency(term, lang)`` from its "best" wordlist; a word
    wordfreq does not list gets ``REFERENCE_FLOOR`` (1e-8, the Zipf 1.0
    bottom of that list) and ``ref_floored`` True. Then ``expected`` E =
    f_ref * N, ``g2`` = 2 * (O ln(O/E) + (N-O) ln((N-O)/(N-E))), the
    log-likelihood goodness-of-fit of this word against the rest of the
    corpus (0 ln 0 = 0; no correction for multiple tests), ``log_ratio`` =
    log2((O/N) / f_ref) and ``direction`` "over" if O > E else "under".
    Every value is finite: O ≥ 1, f_ref > 0 and N ≥ O. Floats rounded to 4
    decimals. Sorted "over" first, then g2 (descending), then term.

    >>> keyness_table(["troops", "the", "said", "12"], [3, 3, 2, 5], 11)[["term", "observed", "direction"]].values.tolist()
    [['troops', 3, 'over'], ['said', 2, 'over'], ['the', 3, 'over']]
    """
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    n = int(n_words)
    counts = np.asarray(counts, dtype=np.int64)
    cand = [(words[i], int(counts[i])) for i in np.flatnonzero(counts >= min_count) if _KEYNESS_TERM.fullmatch(words[i])]
    out = pd.DataFrame(cand, columns=["term", "observed"]).astype({"term": str, "observed": int})
    f_ref = np.array([reference_frequency(w, lang) for w in out["term"]], dtype=float)
    out["ref_floored"] = f_ref <= 0.0
    f_ref = np.where(out["ref_floored"], REFERENCE_FLOOR, f_ref)
    observed = out["observed"].to_numpy(dtype=float)
    expected = f_ref * n
    out["expected"] = expected.round(DECIMALS)
    out["reference_per_million"] = (f_ref * 1e6).round(DECIMALS)
    out["g2"] = _g2_goodness_of_fit(observed, expected, n).round(DECIMALS)
    out["log_ratio"] = np.log2(observed / max(n, 1) / f_ref).round(DECIMALS)
    out["direction"] = np.where(observed > expected, "over", "under")
    out = out.assign(_under=out["direction"].eq("under"))
    out = out.sort_values(["_under", "g2", "term"], ascending=[True, False, True], kind="stable")
    out = out[KEYNESS_COLUMNS].reset_index(drop=True)
    out.attrs = {"measure": "g2 = 2*(O ln(O/E) + (N-O) ln((N-O)/(N-E))), E = f_ref*N",
                 "reference": f"wordfreq {version('wordfreq')} '{REFERENCE_WORDLIST}' {lang}",
                 "reference_floor": REFERENCE_FLOOR, "n_words": n, "min_count": min_count}
    return out


def keyness_vs_reference(tokens: pd.DataFrame, *, min_count: int = 2, lang: str = "en") -> pd.DataFrame:
    """:func:`keyness_table` of a tokens table's word tokens.

    >>> toks = _example_tokens("Troops said the troops left. The drones said the troops hit tanks.")
    >>> keyness_vs_reference(toks)[["term", "observed", "direction"]].values.tolist()
    [['troops', 3, 'over'], ['said', 2, 'over'], ['the', 3, 'over']]
    """
    words = tokens[tokens["kind"].eq(WORD_KIND)]
    counts = words["norm"].value_counts(sort=False)
    return keyness_table(list(counts.index), counts.to_numpy(), len(words), min_count=min_count, lang=lang)


def key_terms(keyness: pd.DataFrame, *, n: int, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """The ``n`` most over-used terms of a keyness table, leaving out ``exclude`` (reporting verbs).

    >>> key_terms(keyness_table(["troops", "said", "the"], [3, 2, 3], 8), n=5, exclude={"said"})["term"].tolist()
    ['troops', 'the']
    """
    over = keyness[keyness["direction"].eq("over") & ~keyness["term"].isin(frozenset(exclude))]
    return over.head(n).reset_index(drop=True)


@lru_cache(maxsize=1)
def _reporting_verb_forms() -> frozenset[str]:
    from lib.voices.attribution import cue_lexicon

    # Single-word cues, without the verbs that report speech only beside a quotation ("continued",
    # "offered", "posted": subject "quote" in the file), and "according", which never stands alone.
    forms = {words[0] for words, cue in cue_lexicon().items() if len(words) == 1 and cue.subject != "quote"}
    return frozenset((forms | {"according"}) - REPORTING_NOUNS)


def reporting_verbs(*, keep: bool = False) -> frozenset[str]:
    """The words left out of term tables unless ``keep``: every single-word form of a reporting cue
    of ``lib/data/reporting_verbs.tsv`` ("said", "says", "told", "warned", …) and "according", except
    the verbs that report speech only beside a quotation ("continued", "offered") and
    :data:`REPORTING_NOUNS`, forms that are nouns at least as often as verbs in news.

    >>> {"said", "says", "told", "according"} <= reporting_verbs(), {"report", "offers", "went"} & reporting_verbs()
    (True, set())
    >>> reporting_verbs(keep=True)
    frozenset()
    """
    return frozenset() if keep else _reporting_verb_forms()
