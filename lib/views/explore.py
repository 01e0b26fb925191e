"""Interactive views for JupyterLab: pick a term or a sentence, see the evidence.

Each explorer is an ipywidgets box (a dropdown and an HTML pane) whose
callbacks call the same ``lib`` functions the notebooks use. The pane's HTML
is built by a pure function (:func:`term_view`, :func:`sentence_view`), and
the box also carries that HTML as its ``text/html`` representation: an
executed notebook (papermill, nbconvert, a viewer without a kernel) shows
the default selection statically, JupyterLab shows the live widget. Nothing
waits for input, so a batch run never blocks. Article text is HTML-escaped
before any markup is added.
"""
from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from lib.measures import concordance
from lib.views import plots
from lib.passes.pipeline import Corpus

MAX_KWIC_LINES = 30  # KWIC lines shown in the term view (all are counted)
OPTIONS = 40  # terms and phrases offered in the term explorer (each)
POSITIVE_MARK, NEGATIVE_MARK = "#cfe0f3", "#f6d0d0"


def figure_img(fig: Figure, *, alt: str) -> str:
    """An ``<img>`` with ``fig`` embedded as a PNG data URI (nothing is written to disk)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}" style="max-width:100%">'


def _table(rows: pd.DataFrame, columns: list[str], *, align: dict[str, str] | None = None) -> str:
    align = align or {}
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(
        f'<td style="text-align:{align.get(c, "left")};padding:1px 6px">{html.escape(str(v))}</td>'
        for c, v in zip(columns, r)) + "</tr>" for r in rows[columns].itertuples(index=False))
    return f'<table class="newslens-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def term_view(c: Corpus, query: str, *, window: int = 8) -> str:
    """HTML for one term or phrase: its KWIC lines and its dispersion plot.

    >>> from lib.passes.pipeline import build_corpus
    >>> page = term_view(build_corpus("seeds"), "korean troops")
    >>> "4 matches" in page and "<mark>Korean troops</mark>" in page
    True
    """
    lines = concordance.kwic(c.tokens, c.texts, [query], window=window)
    where = concordance.dispersion(c.tokens, [query])
    title = f"<h4>{html.escape(query)}: {len(lines)} match{'' if len(lines) == 1 else 'es'}</h4>"
    if lines.empty:
        return title + "<p>No match in the body text.</p>"
    multi = lines["doc_id"].nunique() > 1
    rows = "".join(
        "<tr>" + (f"<td>{html.escape(d)}</td>" if multi else "")
        + f'<td style="text-align:right">{html.escape(left)}</td>'
        + f"<td><mark>{html.escape(match)}</mark></td><td>{html.escape(right)}</td></tr>"
        for d, left, match, right in lines[["doc_id", "left", "match", "right"]].head(MAX_KWIC_LINES)
        .itertuples(index=False))
    more = f"<p>First {MAX_KWIC_LINES} of {len(lines)} lines.</p>" if len(lines) > MAX_KWIC_LINES else ""
    fig = plots.dispersion_plot(where, queries=[query], title=f"Where “{query}” occurs")
    return (title + f'<table class="newslens-kwic">{rows}</table>' + more
            + figure_img(fig, alt=f"dispersion of {query}"))


class Explorer(widgets.VBox):
    """A box of controls and an HTML pane, displayed statically where widgets cannot run."""

    def __init__(self, control: widgets.Widget, pane: widgets.HTML, **kwargs):
        super().__init__([control, pane], **kwargs)
        self.control, self.pane = control, pane

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/html"] = self.pane.value  # the static view of the current selection
        return data


class _Refresh:
    """Callback that re-renders the pane from the control's value (kept here, not in a notebook)."""

    def __init__(self, pane: widgets.HTML, render):
        self.pane, self.render = pane, render

    def __call__(self, change: dict) -> None:
        if change.get("new") is not None:
            self.pane.value = self.render(change["new"])


def term_explorer(c: Corpus, term_table: pd.DataFrame, ngram_table: pd.DataFrame | None = None, *,
                  window: int = 8, n: int = OPTIONS) -> Explorer:
    """Pick a term or phrase (the top ``n`` of each table) and see its KWIC lines and dispersion."""
    options = list(term_table["term"].head(n))
    if ngram_table is not None:
        options += [g for g in ngram_table["ngram"].head(n) if g not in options]
    if not options:
        return Explorer(widgets.Label("No terms to explore."), widgets.HTML("<p>No terms to explore.</p>"))
    pick = widgets.Dropdown(options=options, value=options[0], description="term",
                            layout=widgets.Layout(width="28em"))
    pane = widgets.HTML(term_view(c, options[0], window=window))
    pick.observe(_Refresh(pane, lambda q: term_view(c, q, window=window)), names="value")
    return Explorer(pick, pane)


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """``text`` HTML-escaped, with each ``(start, end, title, background)`` span wrapped in ``<mark>``.

    Spans are offsets into ``text``; overlapping or invalid spans are skipped.

    >>> highlight("a <b> good day", [(6, 10, "+1.9", "#cfe0f3")])
    'a &lt;b&gt; <mark style="background:#cfe0f3" title="+1.9">good</mark> day'
    """
    out, cursor = [], 0
    for start, end, title, background in sorted(spans):
        if start < cursor or end <= start or end > len(text):
            continue
        out += [html.escape(text[cursor:start]),
                f'<mark style="background:{html.escape(background)}" title="{html.escape(title)}">'
                f"{html.escape(text[start:end])}</mark>"]
        cursor = end
    return "".join(out) + html.escape(text[cursor:])


def _rules(row) -> str:
    named = [r for r in ("negated", "boosted", "but_weighted", "all_caps") if bool(row[r])]
    if isinstance(row["unseen_negation"], str) and row["unseen_negation"]:
        named.append(f"unseen negation “{row['unseen_negation']}”")
    return ", ".join(named)


def sentence_view(scored: pd.DataFrame, evidence: pd.DataFrame, key: tuple[str, int]) -> str:
    """HTML for one sentence: its paragraph for context, the sentence in bold, each lexicon word
    that counted highlighted (blue positive, red negative, the valence as a tooltip), and the evidence rows.

    ``scored`` is the sentences table with scores, ``evidence`` the evidence table (document offsets).
    """
    doc_id, sid = key
    doc = scored[scored["doc_id"] == doc_id]
    s = doc[doc["sentence_id"] == sid].iloc[0]
    para = doc[doc["paragraph_id"] == s["paragraph_id"]].sort_values("sentence_id")
    ev = evidence[(evidence["doc_id"] == doc_id) & (evidence["sentence_id"] == sid)]
    spans = [(int(r.start) - int(s["start"]), int(r.end) - int(s["start"]), f"valence {float(r.valence):+.2f}",
              POSITIVE_MARK if r.valence > 0 else NEGATIVE_MARK)
             for r in ev.itertuples(index=False) if r.start >= 0]
    marked = highlight(str(s["text"]), spans)
    before = " ".join(html.escape(str(t)) for t in para[para["sentence_id"] < sid]["text"])
    after = " ".join(html.escape(str(t)) for t in para[para["sentence_id"] > sid]["text"])
    head = (f"<h4>{html.escape(doc_id)}, sentence {sid}: {html.escape(str(s['label']))} "
            f"(compound {float(s['compound']):+.3f})</h4>")
    context = (f'<p style="color:#666;line-height:1.6">{before} <strong style="color:#000">{marked}</strong> '
               f"{after}</p>")
    if ev.empty:
        return head + context + "<p>No lexicon word counted in this sentence.</p>"
    table = ev.assign(rules=[_rules(r) for _, r in ev.iterrows()])
    return head + context + _table(table, ["word", "lexicon_valence", "valence", "rules"],
                                   align={"lexicon_valence": "right", "valence": "right"})


def sentence_explorer(scored: pd.DataFrame, evidence: pd.DataFrame, *, doc_ids: list[str] | None = None) -> Explorer:
    """Pick a sentence (document order, with its score) and see its sentiment evidence in context.

    Only the sentences of ``doc_ids`` are offered (all when None); the first
    selection is the one with the largest absolute compound.

    >>> from lib.passes.pipeline import build_corpus
    >>> from lib.sentiment import scores
    >>> s = build_corpus("seeds").sentences
    >>> box = sentence_explorer(scores.score_sentences(s), scores.evidence_table(s))
    >>> '<mark style="background:#f6d0d0" title="valence -3.50">suicide</mark>' in box._repr_mimebundle_()["text/html"]
    True
    """
    if doc_ids is not None:
        scored = scored[scored["doc_id"].isin(doc_ids)]
    if scored.empty:
        return Explorer(widgets.Label("No sentences."), widgets.HTML("<p>No sentences to explore.</p>"))
    options = [(f"{d} #{sid} ({comp:+.2f}) {t[:70]}{'…' if len(t) > 70 else ''}".replace("\n", " "), (d, int(sid)))
               for d, sid, comp, t in scored[["doc_id", "sentence_id", "compound", "text"]].itertuples(index=False)]
    strongest = scored.loc[scored["compound"].abs().idxmax()]
    first = (strongest["doc_id"], int(strongest["sentence_id"]))
    pick = widgets.Dropdown(options=options, value=first, description="sentence",
                            layout=widgets.Layout(width="60em"))
    pane = widgets.HTML(sentence_view(scored, evidence, first))
    pick.observe(_Refresh(pane, lambda k: sentence_view(scored, evidence, k)), names="value")
    return Explorer(pick, pane)


def marked_sentences(scored: pd.DataFrame, marks: pd.DataFrame, *, heading: str, color: str = "#fde9a9") -> str:
    """HTML: every sentence that overlaps a mark (``doc_id, start, end, title``, document offsets), with
    the marked stretch highlighted inside it (cut to the sentence), its compound, in document order."""
    if marks.empty:
        return f"<h4>{html.escape(heading)}</h4><p>Nothing found.</p>"
    rows = []
    for (doc_id, sid, s_start, s_end, text, comp), group in _overlaps(scored, marks):
        spans = [(max(a, s_start) - s_start, min(b, s_end) - s_start, t, color) for a, b, t in group]
        rows.append(f'<tr><td style="white-space:nowrap;padding:2px 6px">{html.escape(doc_id)} #{sid}'
                    f"<br>{comp:+.2f}</td><td style=\"padding:2px 6px\">{highlight(text, spans)}</td></tr>")
    return (f"<h4>{html.escape(heading)}: {len(rows)} sentence{'' if len(rows) == 1 else 's'}</h4>"
            f'<table class="newslens-table">{"".join(rows)}</table>')


def _overlaps(scored: pd.DataFrame, marks: pd.DataFrame):
    """(sentence fields, [(start, end, title) of marks overlapping it]) in document order."""
    out = []
    for doc_id, m in marks.groupby("doc_id", sort=True):
        doc = scored[scored["doc_id"] == doc_id].sort_values("sentence_id")
        for s in doc[["doc_id", "sentence_id", "start", "end", "text", "compound"]].itertuples(index=False):
            hits = [(int(a), int(b), str(t)) for a, b, t in m[["start", "end", "title"]].itertuples(index=False)
                    if a < s.end and b > s.start]
            if hits:
                out.append(((s.doc_id, int(s.sentence_id), int(s.start), int(s.end), str(s.text),
                             float(s.compound)), hits))
    return out


def voice_view(scored: pd.DataFrame, quote_table: pd.DataFrame, mentions: pd.DataFrame,
               choice: tuple[str, str]) -> str:
    """HTML for ``("speaker", name)``: the sentences holding their quotations, each quotation marked;
    or for ``("entity", name)``: the sentences naming the entity, each mention marked."""
    kind, name = choice
    if kind == "speaker":
        q = quote_table[quote_table["speaker"] == name]
        marks = q.assign(title=[f"quote {i} ({k}, cue: {c})" for i, k, c in q[["quote_id", "kind", "cue"]]
                                .itertuples(index=False)])
        return marked_sentences(scored, marks[["doc_id", "start", "end", "title"]], heading=f"Quoted: {name}")
    m = mentions[mentions["entity"] == name]
    marks = m.assign(title=[f"{k}: {s}" for s, k in m[["surface", "kind"]].itertuples(index=False)])
    return marked_sentences(scored, marks[["doc_id", "start", "end", "title"]], heading=f"Named: {name}")


def voice_explorer(scored: pd.DataFrame, quote_table: pd.DataFrame, mentions: pd.DataFrame, *,
                   doc_ids: list[str] | None = None) -> Explorer:
    """Pick a quoted speaker (most quoted first) or an entity (most mentioned first) and read their sentences.

    >>> from lib.passes.pipeline import analyse_corpus
    >>> v = analyse_corpus("seeds", scheduler="serial").voices()
    >>> box = voice_explorer(v.sentences, v.quotes, v.mentions)
    >>> box.control.value, "Quoted: John Kirby: 4 sentences" in box.pane.value
    (('speaker', 'John Kirby'), True)
    """
    if doc_ids is not None:
        scored = scored[scored["doc_id"].isin(doc_ids)]
        quote_table = quote_table[quote_table["doc_id"].isin(doc_ids)]
        mentions = mentions[mentions["doc_id"].isin(doc_ids)]
    speakers = quote_table[quote_table["speaker"].fillna("") != ""]["speaker"].value_counts()
    named = mentions["entity"].value_counts()
    options = ([(f"speaker: {s} ({n} quote{'' if n == 1 else 's'})", ("speaker", s))
                for s, n in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))]
               + [(f"entity: {e} ({n} mention{'' if n == 1 else 's'})", ("entity", e))
                  for e, n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))])
    if not options:
        return Explorer(widgets.Label("No speakers or entities."), widgets.HTML("<p>No speakers or entities found.</p>"))
    pick = widgets.Dropdown(options=options, value=options[0][1], description="voice",
                            layout=widgets.Layout(width="36em"))
    pane = widgets.HTML(voice_view(scored, quote_table, mentions, options[0][1]))
    pick.observe(_Refresh(pane, lambda ch: voice_view(scored, quote_table, mentions, ch)), names="value")
    return Explorer(pick, pane)
