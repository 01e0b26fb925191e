"""report.html: one self-contained page per run, escaped, reproducible, and read by a real browser."""
from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest

from lib.run import report
from lib.run.execute import run

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE = """World - Europe

<img src=x onerror="alert('headline')"> Troops cross the border

By Test Staff

Officials said <script>alert('body')</script> the troops crossed the border at dawn and the attack failed badly.

The ministry said the <b>bold</b> claims & "quotes" were false, and that the troops would return home within days.

Analysts said the war would continue for many months, and that both sides were preparing for a long winter campaign.
"""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Path:
    """A full run on an article whose headline and body carry HTML and script."""
    corpus = tmp_path_factory.mktemp("hostile_corpus")
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return run(corpus, tmp_path_factory.mktemp("hostile") / "run")


def _html(run_dir: Path) -> str:
    return (run_dir / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_report_is_in_the_manifest_and_reproducible(seed_run):
    manifest = json.loads((seed_run / "manifest.json").read_text())
    listed = {o["path"] for o in manifest["outputs"]}
    assert "report.html" in listed
    # Rebuilt from the manifest, byte for byte: no times, nothing random.
    assert report.build_from_manifest(seed_run) == _html(seed_run)


@pytest.mark.slow
def test_every_figure_is_embedded_and_every_link_resolves(seed_run):
    html = _html(seed_run)
    uris = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    pngs = {p.read_bytes() for p in seed_run.glob("*.png")}
    assert pngs and {base64.b64decode(u) for u in uris} == pngs
    assert len(uris) == len(pngs)
    assert not re.search(r'(src|href)="(https?:)?//', html), "the page must need no network"
    links = set(re.findall(r'href="([^"#][^"]*)"', html))
    assert {nb.name for nb in seed_run.glob("*.ipynb")} <= links
    assert {"terms.csv", "kwic.csv", "sentences.csv", "sentiment_arc.csv", "manifest.json"} <= links
    for link in links:
        assert (seed_run / link).is_file(), link
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html, anchor


@pytest.mark.slow
def test_report_reads_like_a_brief_with_no_code(seed_run):
    html = _html(seed_run)
    text = re.sub(r"<[^>]+>", " ", html)
    seed = json.loads((seed_run / "manifest.json").read_text())["inputs"][0]
    assert seed["sha256"] in html and seed["path"] in html
    assert "vaderSentiment 3.3.2" in text
    for title in ("01 · The corpus", "02 · Terms", "03 · Sentiment"):
        assert title in html
    assert "Keyness against general English" in text
    assert "first 8 of" in text  # tables are cut to their first rows
    for code in ("out.table(", "out.figure(", "import ", "RunFolder", "pipeline.build_corpus", "In&nbsp;["):
        assert code not in html, code
    assert "<script" not in html.lower()
    assert "<h1>" in html and html.count("<h1>") == 1


@pytest.mark.slow
def test_article_text_is_escaped(hostile_run):
    html = _html(hostile_run)
    assert "<script" not in html.lower() and "<b>bold" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html  # a sentence, in sentences.csv
    assert "&lt;img src=x onerror=" in html  # the headline, in documents.csv


def test_markdown_raw_html_is_escaped():
    assert str(report.markdown_html("*a* <script>x</script>")) == "<p><em>a</em> &lt;script&gt;x&lt;/script&gt;</p>\n"
    assert "<img" not in str(report.markdown_html('<img src=x onerror="alert(1)">\n\ntext'))


def _open_in_chromium(run_dir: Path, profile: Path) -> dict:
    """Load report.html in headless Chromium; return console errors, requests, dialogs and images."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    seen = {"errors": [], "requests": [], "dialogs": []}
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(profile), executable_path=str(CHROMIUM),
                                                    headless=True, args=CHROMIUM_ARGS)
        try:
            page = ctx.new_page()
            page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
            page.goto((run_dir / "report.html").as_uri(), wait_until="load", timeout=30_000)
            seen["images"] = page.evaluate(
                "Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth, i.naturalHeight])")
            seen["scripts"] = page.evaluate("document.scripts.length")
            seen["text"] = page.evaluate("document.body.innerText")
            page.screenshot(path=str(run_dir / "report_screenshot.png"), full_page=True)
        finally:
            ctx.close()
    return seen


@pytest.mark.slow
def test_report_in_headless_chromium(seed_run, tmp_path):
    run_dir = tmp_path / "run"  # a copy: the screenshot must not change the tested run folder
    shutil.copytree(seed_run, run_dir)
    profile = tmp_path / "profile"
    profile.mkdir()
    seen = _open_in_chromium(run_dir, profile)
    assert seen["errors"] == []
    assert len(seen["images"]) == len(list(seed_run.glob("*.png"))) > 0
    for alt, complete, width, height in seen["images"]:
        assert complete and width > 0 and height > 0, f"{alt} did not decode"
    assert all(u.startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]
    assert seen["scripts"] == 0
    assert (run_dir / "report_screenshot.png").stat().st_size > 10_000


@pytest.mark.slow
def test_hostile_report_runs_no_script_in_chromium(hostile_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(hostile_run, run_dir)
    profile = tmp_path / "profile"
    profile.mkdir()
    seen = _open_in_chromium(run_dir, profile)
    assert seen["dialogs"] == [] and seen["scripts"] == 0 and seen["errors"] == []
    assert "<script>alert('body')</script>" in seen["text"]  # shown as text, not run
