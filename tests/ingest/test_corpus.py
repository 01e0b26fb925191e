
import pytest

from lib.ingest.corpus import CorpusError, decode_bytes, load_corpus
from lib.passes.pipeline import build_corpus


def test_seed_is_one_utf8_document(seed):
    assert list(seed.documents["doc_id"]) == ["000_0cd70d5b161d91d4.txt"]
    assert seed.documents.loc[0, "encoding"] == "utf-8"
    assert seed.skipped.empty


@pytest.mark.parametrize("data, text, encoding", [
    ("“smart” quotes".encode("cp1252"), "“smart” quotes", "cp1252 (fallback: not valid UTF-8 at line 1)"),
    ("naïve café".encode("latin-1"), "naïve café", "cp1252 (fallback: not valid UTF-8 at line 1)"),
    (b"\x81\x8d caf\xe9", "\x81\x8d café", "latin-1 (fallback: not valid UTF-8 at line 1, nor cp1252)"),
    ("\ufeffBOM text".encode("utf-8"), "BOM text", "utf-8-sig"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text", "utf-16"),
])
def test_decoding_fallbacks_are_recorded_and_lossless(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_bad_files_are_skipped_with_reasons_and_the_rest_analysed(tmp_path, seed_text):
    (tmp_path / "good.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "z_copy.md").write_text(seed_text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "nul.txt").write_bytes(b"abc\x00def")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "win.txt").write_bytes("The minister said it was a \x93major\x94 step.".encode("latin-1"))
    c = build_corpus(tmp_path)
    assert list(c.documents["doc_id"]) == ["good.txt", "win.txt"]
    assert dict(zip(c.skipped["path"], c.skipped["reason"])) == {
        "blank.txt": "only whitespace",
        "empty.txt": "empty file (0 bytes)",
        "image.txt": "binary file (PNG image)",
        "notes.pdf": "not a .txt, .md, .html, .htm, .jsonl or .csv file",
        "nul.txt": "binary file (contains NUL bytes; the first at byte 3)",
        "z_copy.md": "duplicate of good.txt (same sha256)",
    }
    win = c.documents.set_index("doc_id").loc["win.txt"]
    assert win["encoding"].startswith("cp1252")
    assert "\u201cmajor\u201d" in c.texts["win.txt"]


def test_missing_path_names_it(tmp_path):
    with pytest.raises(CorpusError, match="does not exist: .*nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no readable"):
        load_corpus(tmp_path)


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second story has words enough to count here.")
    (tmp_path / "a.md").write_text("First story has words enough to count here.")
    (tmp_path / "b" / "c.txt").write_text("Third story has words enough to count here too.")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["a.md", "b/c.txt", "b/z.txt"]
    assert skipped == []
