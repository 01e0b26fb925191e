"""Language resources come from PyPI packages and the project, never from a download."""
import os
import subprocess
import sys

from lib.paths import LIB_DIR, NOTEBOOKS_DIR, PROJ_ROOT

PROBE = """
from lib.text.sentences import split_sentences
from lib.text.stopwords import english_stopwords
from lib.sentiment.scores import score_text
t = "The U.S. troops left. It isn't good."
assert [t[s:e] for s, e in split_sentences(t)] == ["The U.S. troops left.", "It isn't good."]
assert "the" in english_stopwords()
assert score_text("It isn't good.")["compound"] < 0
import nltk
print("ok", nltk.data.path)
"""


def test_works_in_a_fresh_process_with_an_empty_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    env.update(HOME=str(home), PYTHONPATH=str(PROJ_ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")
    assert not (home / "nltk_data").exists()


def test_nothing_calls_nltk_download():
    sources = list(LIB_DIR.rglob("*.py")) + list(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert sources
    for p in sources:
        assert "nltk.download(" not in p.read_text(encoding="utf-8"), p
