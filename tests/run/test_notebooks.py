"""Contract of every notebook, and one papermill run of each on the seed."""
import ast
import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from lib.paths import FIGURES_DIR, SEEDS_DIR
from lib.run.execute import notebooks

NOTEBOOKS = notebooks()


def test_the_three_foundation_notebooks_exist():
    names = [nb.name for nb in NOTEBOOKS]
    assert names[:3] == ["01_corpus.ipynb", "02_terms.ipynb", "03_sentiment.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_contract(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and "**Question:**" in "".join(cells[0]["source"])
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    for c in cells:
        if c["cell_type"] == "code":
            assert not c.get("outputs") and c.get("execution_count") is None, "outputs must be stripped"
            tree = ast.parse("".join(c["source"]))
            assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
    # every parameter line: a typed literal with a one-line meaning
    for line in "".join(params[0]["source"]).splitlines():
        assert ":" in line.split("=")[0] and "#" in line, line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_help_notebook_lists_type_default_and_meaning(path):
    out = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert 'corpus: str (default "seeds")' in out.stdout
    assert "file or folder of .txt/.md articles" in out.stdout
    assert 'out_dir: str (default "runs/lab")' in out.stdout


@pytest.mark.slow
def test_run_folder_is_complete(seed_run):
    names = {p.name for p in seed_run.iterdir()}
    assert {nb.name for nb in NOTEBOOKS} <= names
    assert "manifest.json" in names
    for png in seed_run.glob("*.png"):
        assert (seed_run / f"{png.stem}.svg").exists() and (seed_run / f"{png.stem}.csv").exists(), png.stem
        assert len(pd.read_csv(seed_run / f"{png.stem}.csv")) > 0, f"{png.stem}.png drawn from an empty table"
    manifest = json.loads((seed_run / "manifest.json").read_text())
    seed_bytes = (SEEDS_DIR / "000_0cd70d5b161d91d4.txt").read_bytes()
    assert manifest["inputs"] == [{"path": "000_0cd70d5b161d91d4.txt",
                                   "sha256": hashlib.sha256(seed_bytes).hexdigest(), "bytes": 3354}]
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    assert listed["terms.csv"] == hashlib.sha256((seed_run / "terms.csv").read_bytes()).hexdigest()
    assert manifest["packages"]["vaderSentiment"] == "3.3.2"
    assert {"started", "finished"} <= set(manifest["times"])


@pytest.mark.slow
def test_figures_with_nothing_to_draw_are_a_sentence(seed_run):
    """One article has no date and no group: no blank frames, a sentence in the notebook and the report."""
    assert not (seed_run / "trends.png").exists() and not (seed_run / "group_sentiment_box.png").exists()
    report = (seed_run / "report.html").read_text(encoding="utf-8")
    assert "No figure. trends: No document has a date, so there is nothing to draw over time." in report
    assert "No figure. group_sentiment_box: No group by &#39;topics&#39; has 5 or more documents" in report
    nb = json.loads((seed_run / "05_compare.ipynb").read_text())
    shown = ["".join(o["data"]["text/plain"]) for c in nb["cells"] if 'out.figure("trends"' in "".join(c["source"])
             for o in c["outputs"] if o["output_type"] == "execute_result"]
    assert shown == ["No document has a date, so there is nothing to draw over time."]


@pytest.mark.slow
def test_seed_top_terms_are_what_the_article_is_about(seed_run):
    """No reporting verb and no function word among the top 10 terms; "said" still counts in 04's cues."""
    from lib.text.stopwords import stopwords
    from lib.measures.terms import reporting_verbs

    top = pd.read_csv(seed_run / "terms.csv")["term"].head(10).tolist()
    assert not set(top) & (reporting_verbs() | stopwords()), top
    assert "said" not in set(pd.read_csv(seed_run / "ngrams.csv")["ngram"].str.split().explode())
    assert "said" in set(pd.read_csv(seed_run / "keyness.csv")["term"])  # the full table keeps every word
    assert "said" not in set(pd.read_csv(seed_run / "top_keyness.csv")["term"])
    assert "say" in set(pd.read_csv(seed_run / "sources.csv")["cue"])


@pytest.mark.slow
def test_report_opens_with_findings(seed_run):
    """One screen of findings before provenance, each from a table of the run, linking to its section."""
    report = (seed_run / "report.html").read_text(encoding="utf-8")
    findings = report[report.index('<section id="findings">'):report.index('<section id="provenance">')]
    assert '<a href="#nb-02_terms">Top terms</a>' in findings and "north (11), korean (9)" in findings
    assert "mean compound -0.22 over 19 sentences" in findings
    assert "John Kirby (4 quotations)" in findings
    assert "story groups" not in findings.lower()  # one document: no group, so no line


@pytest.mark.slow
def test_corpus_notebook_tables(seed_run):
    docs = pd.read_csv(seed_run / "documents.csv")
    assert docs.loc[0, "sentences"] == 19 and docs.loc[0, "byline"] == "FORUM Staff"
    cleaning = pd.read_csv(seed_run / "cleaning.csv")
    assert "Back to top button" in set(cleaning["text"])
    assert pd.read_csv(seed_run / "skipped.csv").empty
    read = pd.read_csv(seed_run / "readability.csv")
    assert 0 < read.loc[0, "mattr"] <= 1 and read.loc[0, "words"] == docs.loc[0, "words"]


@pytest.mark.slow
def test_sentiment_notebook_tables(seed_run):
    s = pd.read_csv(seed_run / "sentences.csv")
    assert list(s.columns) == ["doc_id", "sentence_id", "paragraph_id", "start", "end", "text",
                               "compound", "pos", "neu", "neg", "label"]
    assert len(s) == 19 and s["compound"].mean() < 0
    arc = pd.read_csv(seed_run / "sentiment_arc.csv")
    assert len(arc) == 19
    ev = pd.read_csv(seed_run / "sentiment_evidence.csv", keep_default_na=False)
    assert "haven't" in set(ev["unseen_negation"])


@pytest.mark.slow
def test_committed_seed_run_matches_the_code(seed_run):
    """figures/ holds the seed run; it must be what the code produces now."""
    committed = sorted(p.name for p in FIGURES_DIR.glob("*.csv"))
    produced = sorted(p.name for p in seed_run.glob("*.csv"))
    assert committed == produced, "rerun `make run` and commit figures/"
    for name in produced:
        assert (FIGURES_DIR / name).read_bytes() == (seed_run / name).read_bytes(), \
            f"figures/{name} differs from what the code produces: rerun `make run` and commit figures/"


@pytest.mark.slow
def test_terms_notebook_keeps_full_tables_beside_chart_tables(seed_run):
    keyness = pd.read_csv(seed_run / "keyness.csv")
    top = pd.read_csv(seed_run / "top_keyness.csv")
    assert set(keyness["direction"]) == {"over", "under"}  # the chart's table never overwrites the full one
    assert len(top) <= 25 < len(keyness)
    assert list(top["term"][:3]) == ["korean", "troops", "north"]
