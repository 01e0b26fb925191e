"""Bad input: every good document analysed, every bad file named with its reason, nothing fatal.

One folder holds a good article beside each kind of bad file a scraper leaves
behind; the corpus is built once, and each test checks one file's fate. The
run through every notebook checks that ``skipped.csv`` in the run folder says
the same. Readers of .html, .jsonl and .csv files belong to ``lib.ingest.readers``;
their tests switch on when that module exists.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from lib.ingest import corpus as corpus_mod
from lib.ingest.corpus import CorpusError, load_corpus, read_file
from lib.passes.pipeline import analyse_corpus, build_corpus
from lib.text.sentences import MAX_SENTENCE_CHARS
from trust_corpus import ARTICLE, FILES, NO_PUNCT, ODD_NAMES, SKIPPED, write_bad_folder

HAS_READERS = importlib.util.find_spec("lib.ingest.readers") is not None
needs_readers = pytest.mark.skipif(not HAS_READERS, reason="lib.ingest.readers (.html/.jsonl/.csv input) is not there yet")

@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    return write_bad_folder(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def bad(bad_folder):
    return build_corpus(bad_folder)


def reasons(c) -> dict[str, str]:
    return dict(zip(c.skipped["path"], c.skipped["reason"]))


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_each_bad_file_is_skipped_with_a_reason_that_says_why(bad, name):
    got = reasons(bad)
    assert name in got, f"{name} was not skipped"
    assert SKIPPED[name] in got[name]


def test_the_reasons_name_the_line_where_it_makes_sense(bad):
    got = reasons(bad)
    assert got["utf8_bom_broken.txt"] == ("starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                                          "at byte 42 (line 2)")
    assert "(line 3)" in got["utf16_broken.txt"]


def test_good_documents_are_all_analysed(bad):
    analysed = set(bad.documents["doc_id"])
    expected = {n for n in FILES if n not in SKIPPED}
    assert "dup_a.txt" in expected and len(expected) == 10
    assert analysed == expected
    assert (bad.documents["sentences"] > 0).all() and (bad.documents["words"] > 0).all()
    # Every file is in exactly one of the two tables.
    on_disk = set(FILES) | {"loop.txt", "loop_b.txt", "loop_c.md", "dangling.txt"}
    assert analysed | set(bad.skipped["path"]) == on_disk
    assert not analysed & set(bad.skipped["path"])


def test_duplicates_are_reported_once_each_and_analysed_once(bad):
    got = reasons(bad)
    assert got["dup_b.md"] == "duplicate of dup_a.txt (same sha256)"
    assert got["good.txt"] == "duplicate of dup_a.txt (same sha256)"
    assert list(bad.skipped["path"]).count("good.txt") == 1
    assert bad.documents["sha256"].is_unique


@pytest.mark.parametrize("name, encoding, phrase", [
    ("utf16_bom.txt", "utf-16", "tunnel"),
    ("utf8_bom.txt", "utf-8-sig", "station"),
    ("cp1252.txt", "cp1252 (fallback: not valid UTF-8 at line 2)", "\u201cmajor\u201d"),
    ("latin1.txt", "cp1252 (fallback: not valid UTF-8 at line 1)", "caf\u00e9 na\u00efve"),
    ("crlf.txt", "utf-8", "ferry"),
    ("cr.txt", "utf-8", "canal"),
])
def test_encodings_are_decoded_and_recorded(bad, name, encoding, phrase):
    row = bad.documents.set_index("doc_id").loc[name]
    assert row["encoding"] == encoding
    assert phrase in bad.texts[name]
    assert not bad.texts[name].startswith("\ufeff")


@pytest.mark.parametrize("name", ["crlf.txt", "cr.txt"])
def test_crlf_and_lone_cr_give_the_same_sentences_as_lf(bad, name):
    lf = build_corpus_text(ARTICLE.replace("bridge", "ferry" if name == "crlf.txt" else "canal"))
    got = bad.sentences[bad.sentences["doc_id"] == name]
    assert [" ".join(t.split()) for t in got["text"]] == [" ".join(t.split()) for t in lf["text"]]
    text = bad.texts[name]
    assert all(text[s:e] == t for s, e, t in zip(got["start"], got["end"], got["text"]))


def build_corpus_text(text: str) -> pd.DataFrame:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "a.txt").write_text(text, encoding="utf-8", newline="")
        return build_corpus(d).sentences


def test_text_without_sentence_punctuation_is_analysed_whole(bad):
    row = bad.documents.set_index("doc_id").loc["no_punct.txt"]
    assert row["words"] == len(NO_PUNCT.split())
    sents = bad.sentences[bad.sentences["doc_id"] == "no_punct.txt"]
    assert (sents["end"] - sents["start"]).max() <= MAX_SENTENCE_CHARS
    assert len(sents) >= len(NO_PUNCT) // MAX_SENTENCE_CHARS


@pytest.mark.parametrize("name, script", [("cyrillic.txt", "Cyrillic"), ("korean.txt", "Hangul")])
def test_non_english_text_is_analysed_and_flagged(bad, name, script):
    row = bad.documents.set_index("doc_id").loc[name]
    assert row["words"] > 5 and row["sentences"] >= 1
    assert row["language_check"].startswith(f"not english: mostly {script} script")
    assert bad.documents.set_index("doc_id").loc["dup_a.txt", "language_check"] == "english"


@pytest.mark.slow
def test_a_ten_megabyte_single_line_is_analysed(tmp_path):
    """The whole pass, voices rules included, on one 10 MB line (about 2 min: README, Trust)."""
    # Half prose with full stops, half a run with none: Punkt is fed in bounded pieces
    # (NLTK's 5-second regex guard used to raise on 10 MB) and no sentence exceeds the cap.
    prose = "Officials said the bridge would open in May and residents welcomed it. " * 72_000
    run_on = "officials said the bridge would open in may and residents welcomed it " * 72_000
    (tmp_path / "huge.txt").write_text(prose + run_on, encoding="utf-8")
    assert (tmp_path / "huge.txt").stat().st_size >= 10_000_000
    stats = analyse_corpus(tmp_path, cache=False)
    row = stats.documents().iloc[0]
    assert row["words"] == 2 * 72_000 * 12
    sentences = stats.sentences()
    assert (sentences["end"] - sentences["start"]).max() <= MAX_SENTENCE_CHARS
    assert row["sentences"] >= 72_000
    assert len(stats.voices().sources) >= 72_000  # "Officials said" in every sentence of the prose half


def test_a_missing_corpus_path_is_one_clear_error(tmp_path):
    with pytest.raises(CorpusError, match=f"corpus path does not exist: {tmp_path / 'nowhere'}"):
        build_corpus(tmp_path / "nowhere")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "secret.txt").write_text(ARTICLE + " More.")
    (tmp_path / "secret.txt").chmod(0)
    try:
        docs, skipped = load_corpus(tmp_path)
    finally:
        (tmp_path / "secret.txt").chmod(0o644)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert skipped[0].path == "secret.txt" and "permission denied" in skipped[0].reason


def test_an_unreadable_file_is_skipped_even_as_root(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "secret.txt").write_text(ARTICLE + " More.")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good.txt"]
    assert [(s.path, s.reason) for s in skipped] == [("secret.txt", "permission denied (cannot read the file)")]


def test_a_file_that_vanishes_after_listing_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + " Gone soon.")
    listed = corpus_mod.list_files

    def list_then_delete(root):
        files = listed(root)
        (tmp_path / "b.txt").unlink()
        return files

    monkeypatch.setattr(corpus_mod, "list_files", list_then_delete)
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["a.txt"]
    assert [(s.path, s.reason) for s in skipped] == [("b.txt", "file vanished before it could be read")]


def test_read_file_never_raises_on_a_folder_or_a_loop(tmp_path):
    (tmp_path / "sub").mkdir()
    os.symlink("me.txt", tmp_path / "me.txt")
    assert "folder" in read_file(tmp_path / "sub", doc_id="sub").reason
    assert "symlink loop" in read_file(tmp_path / "me.txt", doc_id="me.txt").reason


# --- readers owned by lib.ingest.readers: expected behaviour, on when the module lands ----------------

@needs_readers
def test_html_with_script_keeps_the_text_and_drops_the_script(tmp_path):
    page = ("<html><head><title>Bridge opens</title><script>document.title='pwned'</script></head><body>"
            "<article><h1>Bridge opens in May</h1><p>" + ARTICLE.replace("\n", " ") + "</p>"
            "<script>alert('x')</script><p>Officials said more work was planned for the next year "
            "and that the bridge would carry trains.</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    c = build_corpus(tmp_path)
    text = c.texts["page.html"]
    assert "bridge would open in May" in text
    assert "document.title" not in text and "alert(" not in text and "<script" not in text


@needs_readers
def test_a_jsonl_with_one_broken_line_skips_that_line_and_names_it(tmp_path):
    rows = [json.dumps({"id": i, "text": ARTICLE.replace("bridge", f"bridge {i}")}) for i in range(3)]
    rows[1] = '{"id": 1, "text": "unterminated'
    (tmp_path / "stories.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    c = build_corpus(tmp_path)
    assert len(c.documents) == 2
    got = reasons(c)
    assert list(got) == ["stories.jsonl:2"], got
    assert "JSON" in got["stories.jsonl:2"]


@needs_readers
def test_a_csv_without_the_text_column_is_named_with_the_column(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "table.csv").write_text("id,body\n1,Some body text that is not in a text column.\n")
    c = build_corpus(tmp_path)  # the rest of the corpus is still analysed
    assert "good.txt" in set(c.documents["doc_id"])
    assert reasons(c)["table.csv"] == "CSV has no text column 'text' (columns: id, body); name it with text_column"


# --- through the run command: skipped.csv in the run folder -------------------------------------

@pytest.mark.slow
def test_the_run_analyses_the_good_and_lists_the_bad_in_skipped_csv(trust_run, bad):
    """``trust_run`` is the bad folder plus three articles with odd names (conftest.py)."""
    skipped = pd.read_csv(trust_run / "skipped.csv", keep_default_na=False)
    assert dict(zip(skipped["path"], skipped["reason"])) == reasons(bad)
    documents = pd.read_csv(trust_run / "documents.csv", keep_default_na=False)
    assert set(documents["doc_id"]) == set(bad.documents["doc_id"]) | set(ODD_NAMES)
    flagged = set(documents.loc[documents["language_check"].str.startswith("not english"), "doc_id"])
    assert flagged == {"cyrillic.txt", "korean.txt"}
    assert (trust_run / "manifest.json").exists()
