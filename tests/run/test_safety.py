"""Article text is data, never markup or code; parameters arrive as the strings typed; names
from documents never become paths; nothing unpickles or evaluates input files.

``trust_run`` (conftest.py) is one run through the command line on ``tests/trust_corpus.py``:
an article with ``<script>``, ``<img onerror>``, ``<svg onload>`` and ``<iframe
src=javascript:>`` in its headline and body, files named after titles with markup, shell
syntax and 240 characters, and parameters with quotes, newlines and backslashes.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from lib.paths import LIB_DIR, NOTEBOOKS_DIR, PROJ_ROOT
from trust_corpus import EVIL_ARTICLE, ODD_NAMES, STOPWORDS_PARAM, TEXT_COLUMN_PARAM, write_trust_corpus

CHROMIUM = Path("/usr/bin/chromium")
# Strings that would be live markup if the article text were rendered unescaped.
LIVE = ["<script>document.title='pwned", "<img src=x onerror", "<svg onload", "<iframe src=\"javascript",
        "<b>bold</b>"]


def executed(run_dir: Path) -> list[Path]:
    return sorted(run_dir.glob("*.ipynb"))


def html_outputs(nb: dict) -> list[str]:
    """Every text/html output and every widget's HTML value of an executed notebook."""
    found = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html")
            if html:
                found.append("".join(html) if isinstance(html, list) else html)
    state = nb["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        if model.get("model_name") in ("HTMLModel", "HTMLMathModel"):
            found.append(str(model.get("state", {}).get("value", "")))
    return found


@pytest.mark.slow
def test_the_article_text_reached_the_notebooks(trust_run):
    """Guard: the checks below mean something only if the hostile text is in the outputs."""
    name = next(n for n, t in ODD_NAMES.items() if t == EVIL_ARTICLE)
    text = "\n".join(h for nb in executed(trust_run) for h in html_outputs(json.loads(nb.read_text())))
    assert "&lt;script&gt;" in text or "&lt;b&gt;" in text
    assert name.split(" ")[0] in text


@pytest.mark.slow
@pytest.mark.parametrize("live", LIVE)
def test_html_outputs_escape_article_markup(trust_run, live):
    for nb in executed(trust_run):
        for html in html_outputs(json.loads(nb.read_text())):
            assert live not in html, f"{nb.name}: unescaped {live!r}"


def test_pandas_html_repr_escapes():
    import pandas as pd

    html = pd.DataFrame({"text": ["<script>alert(1)</script>"]})._repr_html_()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _dump_dom(html_file: Path, profile: Path) -> str:
    proc = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=5000", f"--user-data-dir={profile}", "--dump-dom", html_file.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium "
                                                   "(.ci/run does)")
def test_executed_notebooks_rendered_to_html_run_no_article_script_in_chromium(trust_run, tmp_path):
    from nbconvert import HTMLExporter

    # Positive control: the same browser run does execute a script of the page itself.
    control = tmp_path / "control.html"
    control.write_text("<html><head><title>t</title></head><body>"
                       "<script>document.title='control-ran'</script></body></html>")
    assert "<title>control-ran</title>" in _dump_dom(control, tmp_path / "profile0")
    texts = []
    for i, nb_path in enumerate(executed(trust_run)):
        body, _ = HTMLExporter().from_notebook_node(nbformat.read(nb_path, as_version=4))
        page = tmp_path / f"{nb_path.stem}.html"
        page.write_text(body, encoding="utf-8")
        dom = _dump_dom(page, tmp_path / f"profile{i + 1}")
        # Widget state is JSON inside <script type="application/vnd.jupyter.widget-state+json">,
        # with "/" escaped by nbconvert so that no "</script>" can end it early: data, not markup.
        # Were it to end early, what followed would be live and caught below.
        dom = re.sub(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', "", dom, flags=re.S)
        title = re.search(r"<title>(.*?)</title>", dom, re.S)
        assert title and "pwned" not in title.group(1), f"{nb_path.name}: title {title and title.group(1)!r}"
        assert not re.search(r"<[a-z]+[^<>]*\sdata-pwned=", dom), f"{nb_path.name}: the article's script ran"
        for live in LIVE:
            assert live not in dom, f"{nb_path.name}: {live!r} is live markup in the DOM"
        texts.append(dom)
    # The markup is there, shown as text (pandas cuts long cells, so match the start of a tag).
    assert any("&lt;img src=x onerror" in dom or "&lt;script&gt;document" in dom for dom in texts), \
        "the article's markup is not shown as text"


def injected_parameters(nb_path: Path) -> dict:
    nb = json.loads(nb_path.read_text())
    cell = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
    values = {}
    for node in ast.parse("".join(cell["source"])).body:
        assert isinstance(node, ast.Assign), ast.dump(node)  # assignments of literals only
        values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


@pytest.mark.slow
def test_command_line_parameters_arrive_as_the_same_strings(trust_run):
    declared_by = {"extra_stopwords": 0, "text_column": 0}
    for nb in executed(trust_run):
        got = injected_parameters(nb)
        if "extra_stopwords" in got:
            assert got["extra_stopwords"] == STOPWORDS_PARAM
            declared_by["extra_stopwords"] += 1
        if "text_column" in got:
            assert got["text_column"] == TEXT_COLUMN_PARAM
            declared_by["text_column"] += 1
    assert all(declared_by.values()), declared_by


@pytest.mark.slow
def test_parameters_cannot_inject_code(trust_run):
    base = trust_run.parent.parent.parent  # pytest's base temp: the run's working folder
    assert not list(base.rglob("pwned")), "a parameter or a file name ran as code"
    assert not list(PROJ_ROOT.glob("pwned"))


@pytest.mark.slow
def test_a_string_parameter_reaches_the_kernel_unchanged(tmp_path):
    """Straight through papermill to a kernel: the value the cell sees is the value typed."""
    from lib.run.execute import execute, literal

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('value = ""\nout = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("open(out, 'w', encoding='utf-8').write(repr(value))")]
    src = tmp_path / "probe.ipynb"
    nbformat.write(nb, src)
    for raw in [TEXT_COLUMN_PARAM, "\"\"\"; import os; os.system('touch pwned') #", "a\\\\nb\r\n\t\\'"]:
        for value in (raw, literal(raw)):
            out = tmp_path / "value.txt"
            execute(src, tmp_path / "probe_out.ipynb", {"value": value, "out": str(out)})
            assert ast.literal_eval(out.read_text(encoding="utf-8")) == value
    assert not list(tmp_path.rglob("pwned")) and not (NOTEBOOKS_DIR / "pwned").exists()


@pytest.mark.slow
def test_document_names_never_become_paths(trust_run, seed_run):
    """No per-document file is written: every file of a run folder is a name the notebooks save under
    (a figure with nothing to draw is not written, so a folder may hold fewer), whatever the corpus."""
    from lib.run.report import SAVE_CALL
    from lib.run.execute import notebooks

    allowed = {"manifest.json", "report.html"}
    for nb in notebooks():
        allowed.add(nb.name)
        for kind, stem in SAVE_CALL.findall(nb.read_text(encoding="utf-8").replace('\\"', '"')):
            allowed.update({f"{stem}.csv"} | ({f"{stem}.png", f"{stem}.svg"} if kind == "figure" else set()))
    names = {p.name for p in trust_run.iterdir()}
    assert names <= allowed and {p.name for p in seed_run.iterdir()} <= allowed
    assert {"terms.csv", "sentences.csv", "quotes.csv", "top_terms.png"} <= names
    assert [p.name for p in trust_run.parent.iterdir()] == ["run"]
    for name in ODD_NAMES:
        stem = Path(name).stem
        assert not any(stem[:20] in n for n in names)


def test_nothing_unpickles_or_evaluates_input(tmp_path):
    """Pickle-shaped and Python-shaped input files are data: reading them runs nothing."""
    import pickle

    from lib.passes.pipeline import build_corpus

    class Boom:
        def __reduce__(self):
            return (Path(tmp_path / "pwned").touch, ())

    payload = pickle.dumps(Boom(), protocol=0)
    (tmp_path / "corpus").mkdir()
    write_trust_corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "stats.pkl").write_bytes(payload)
    (tmp_path / "corpus" / "pickled.txt").write_bytes(payload)
    (tmp_path / "corpus" / "code.txt").write_text("__import__('pathlib').Path(%r).touch()\n" % str(tmp_path / "pwned"))
    c = build_corpus(tmp_path / "corpus")
    assert "code.txt" in set(c.documents["doc_id"])
    assert not (tmp_path / "pwned").exists()


FORBIDDEN = re.compile(r"\beval\(|\bexec\(|yaml\.load\(|read_pickle|marshal\.loads?|shelve\.open|joblib\.load"
                       r"|pickle\.loads?\(|dill\.")


def test_no_eval_exec_or_unpickling_in_the_code():
    """Static check over lib/ and the notebooks. The one allowed unpickling is lib/passes/cache.py's
    spool and cache: files the project itself wrote under runs/.cache or a fresh temp folder,
    never a corpus file."""
    hits = []
    sources = [(p, p.read_text()) for p in sorted(LIB_DIR.rglob("*.py"))]
    sources += [(p, "\n".join("".join(c["source"]) for c in json.loads(p.read_text())["cells"]))
                for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))]
    for path, text in sources:
        for n, line in enumerate(text.splitlines(), start=1):
            code = line.split("#")[0]
            if FORBIDDEN.search(code) and not (path == LIB_DIR / "passes" / "cache.py" and "pickle.load(" in code):
                hits.append(f"{path.relative_to(PROJ_ROOT)}:{n}: {line.strip()}")
    assert hits == []
