"""JupyterLab in a real browser: open 02_terms, run all cells, see a figure and a live widget.

JupyterLab serves a temporary copy of the project (lib/, notebooks/, seeds/),
so its autosave and the notebook's default ``runs/lab`` output never touch
the repository. Chromium is Debian's (``/usr/bin/chromium``), driven by
Playwright from PyPI: no browser is downloaded.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lib.paths import PROJ_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTEBOOK = "notebooks/02_terms.ipynb"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)")

# Every code cell has run, and the errors among the outputs (JupyterLab's own model, via its app object).
CELLS_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const cells = w.content.model.cells;
  let code = 0, done = 0; const errors = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    code++;
    if (c.executionCount) done++;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j).toJSON();
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
    }
  }
  return {code, done, errors, busy: w.sessionContext.session?.kernel?.status};
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))}


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a copy of the project; yields (url, project copy); stopped afterwards."""
    proj = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in ("lib", "notebooks", "seeds"):
        shutil.copytree(PROJ_ROOT / part, proj / part, ignore=ignore)
    home = tmp_path / "home"
    home.mkdir()
    news = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}', encoding="utf-8")  # no "official Jupyter news?" toast
    port = _free_port()
    env = {**os.environ, "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"),
           "PYTHONPATH": str(proj)}  # the kernel imports the copy's lib, so it writes into the copy
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.token=", "--ServerApp.password=",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--ServerApp.root_dir={proj}", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp_path / "lab.log", "wb")
    server = subprocess.Popen(cmd, cwd=proj, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text(errors="replace")[-3000:])
            time.sleep(0.3)
        yield url, proj
    finally:
        server.send_signal(signal.SIGTERM)  # the server shuts its kernels down
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # this server's own process group
            server.wait(timeout=10)
        log.close()


@pytest.mark.slow
def test_02_terms_runs_in_jupyterlab_with_a_figure_and_a_live_widget(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    url, proj = lab
    before = _digest(PROJ_ROOT / "notebooks")
    profile = tmp_path / "profile"
    profile.mkdir()
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(profile), executable_path=str(CHROMIUM), headless=True,
                                                    args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{url}/lab/tree/{NOTEBOOK}", wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
            page.wait_for_function("""async () => {
                const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                if (!w || !w.sessionContext) return false;
                await w.context.ready; await w.sessionContext.ready;
                return w.sessionContext.session?.kernel?.status === 'idle';
            }""", polling=500)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(f"() => {{ const s = ({CELLS_STATE})(); "
                                   "return s.errors.length > 0 || (s.done === s.code && s.busy === 'idle'); }",
                                   polling=500, timeout=90_000)
            state = page.evaluate(CELLS_STATE)
            assert state["errors"] == [] and state["done"] == state["code"], state
            figures = page.locator(".jp-OutputArea-output img[src^='data:image/png']")
            assert figures.count() >= 5  # top_terms, top_ngrams, top_collocations, dispersion, keyness
            assert figures.first.evaluate("i => i.complete && i.naturalWidth > 0")
            dropdown = page.locator(".jp-OutputArea-output .widget-dropdown select")
            dropdown.wait_for(state="visible")
            pane = page.locator(".jp-OutputArea-output .widget-html").last
            assert "north: 11 matches" in pane.inner_text()
            dropdown.select_option("troops")  # the callback runs in the kernel and redraws the pane
            page.wait_for_function("() => Array.from(document.querySelectorAll('.widget-html'))"
                                   ".some(e => e.innerText.includes('troops: 9 matches'))", timeout=30_000)
            dropdown.scroll_into_view_if_needed()
            (proj / "runs" / "lab").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(proj / "runs" / "lab" / "lab_screenshot.png"))
        finally:
            ctx.close()
    assert (proj / "runs" / "lab" / "terms.csv").exists()  # the notebook wrote into the copy
    assert (proj / "runs" / "lab" / "lab_screenshot.png").stat().st_size > 10_000
    assert _digest(PROJ_ROOT / "notebooks") == before, "the repository's notebooks must not change"
    assert not (PROJ_ROOT / "runs" / "lab" / "lab_screenshot.png").exists()
