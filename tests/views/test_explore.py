"""Interactive explorers: same lib functions, escaped article text, a static view in batch runs."""
from __future__ import annotations

import json

import pytest

from lib.measures import concordance, terms
from lib.sentiment import scores
from lib.views import explore
from lib.passes.pipeline import build_corpus

HOSTILE = """Officials said <script>alert('body')</script> the troops crossed the border at dawn and the attack failed badly.

The ministry said the <b>bold</b> claims were false, and that the troops would not return home within days.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_explore")
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    return build_corpus(folder)


def test_term_view_is_kwic_and_dispersion_of_the_same_functions(seed):
    page = explore.term_view(seed, "north korean", window=5)
    lines = concordance.kwic(seed.tokens, seed.texts, ["north korean"], window=5)
    assert f"north korean: {len(lines)} matches" in page and len(lines) == 9
    assert page.count("<mark>") == len(lines)
    assert page.count('<img alt="dispersion of north korean" src="data:image/png;base64,') == 1
    assert "No match" in explore.term_view(seed, "zanzibar")


def test_term_explorer_updates_on_selection_and_has_a_static_view(seed, seed_stats):
    term_table = terms.term_frequencies(seed_stats)
    box = explore.term_explorer(seed, term_table, terms.ngrams(seed_stats))
    assert box.control.value == "north" and "north korean troops" in box.control.options
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == box.pane.value and "<h4>north: 11 matches</h4>" in bundle["text/html"]
    box.control.value = "troops"  # what a click in JupyterLab does
    assert "<h4>troops: 9 matches</h4>" in box.pane.value
    assert "troops: 9 matches" in box._repr_mimebundle_()["text/html"]


def test_article_text_is_escaped_in_every_view(hostile):
    page = explore.term_view(hostile, "troops")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in page
    scored = scores.score_sentences(hostile.sentences)
    evidence = scores.evidence_table(hostile.sentences)
    for key in scored[["doc_id", "sentence_id"]].itertuples(index=False):
        view = explore.sentence_view(scored, evidence, tuple(key))
        assert "<script" not in view and "<b>" not in view
    assert "&lt;b&gt;bold&lt;/b&gt;" in view


def test_sentence_explorer_highlights_the_evidence(seed):
    scored = scores.score_sentences(seed.sentences)
    evidence = scores.evidence_table(seed.sentences)
    box = explore.sentence_explorer(scored, evidence)
    assert box.control.value == ("000_0cd70d5b161d91d4.txt", 11)  # the strongest: the suicide sentence
    assert len(box.control.options) == len(scored)
    kirby = scored[scored["text"].str.contains("all that effective")].iloc[0]
    box.control.value = (kirby["doc_id"], int(kirby["sentence_id"]))
    assert 'title="valence +' in box.pane.value and ">effective</mark>" in box.pane.value
    assert "unseen negation “haven&#x27;t”" in box.pane.value
    assert len(explore.sentence_explorer(scored, evidence, doc_ids=["nope"]).children) == 2


def _last_output(nb_path) -> dict:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "explore." in "".join(code[-1]["source"])
    (out,) = [o for o in code[-1]["outputs"] if o["output_type"] == "execute_result"]
    return out["data"]


@pytest.mark.slow
def test_batch_run_leaves_a_static_view_of_each_explorer(seed_run):
    terms_view = _last_output(seed_run / "02_terms.ipynb")
    assert "application/vnd.jupyter.widget-view+json" in terms_view
    html = "".join(terms_view["text/html"])
    assert "<mark>" in html and "data:image/png;base64," in html
    sent_view = "".join(_last_output(seed_run / "03_sentiment.ipynb")["text/html"])
    assert "<mark style=" in sent_view and "compound -0.863" in sent_view


@pytest.mark.slow
def test_executed_notebooks_show_their_figures(seed_run):
    """Figures are built without pyplot; lib.views.plots registers the PNG formatter so cells show them."""
    nb = json.loads((seed_run / "02_terms.ipynb").read_text(encoding="utf-8"))
    shown = [o["data"] for c in nb["cells"] if c["cell_type"] == "code" and 'out.figure("top_terms"' in "".join(c["source"])
             for o in c["outputs"] if o["output_type"] == "execute_result"]
    assert shown and "image/png" in shown[0]


def test_voice_explorer_marks_quotes_and_mentions_escaped(seed, hostile):
    from tests.conftest import SEED_FILE
    from tests.voices_helpers import tables_of

    tabs = tables_of(SEED_FILE.read_text(encoding="utf-8"), SEED_FILE.name)
    scored = scores.score_sentences(seed.sentences)
    box = explore.voice_explorer(scored, tabs["quotes"], tabs["mentions"])
    assert box.control.value == ("speaker", "John Kirby")
    assert "haven’t really been all that effective" in box.pane.value and "<mark" in box.pane.value
    box.control.value = ("entity", "Ukraine")
    assert box.pane.value.startswith("<h4>Named: Ukraine: ")
    hs = scores.score_sentences(hostile.sentences)
    marks = hs[["doc_id", "start", "end"]].head(1).assign(title="<i>t</i>")
    page = explore.marked_sentences(hs, marks, heading="<h1>x</h1>")
    assert "<script" not in page and "<h1>" not in page and "<i>" not in page and "&lt;script&gt;" in page


@pytest.mark.slow
def test_batch_run_leaves_a_static_view_of_the_voice_explorer(seed_run):
    if not (seed_run / "04_voices.ipynb").exists():
        pytest.skip("no 04_voices notebook")
    html = "".join(_last_output(seed_run / "04_voices.ipynb")["text/html"])
    assert "Quoted: John Kirby" in html and "<mark" in html
