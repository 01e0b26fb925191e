"""Readers for HTML, JSONL and CSV corpora, dates, and metadata riding along."""
from __future__ import annotations

import json

import pytest

from lib.ingest.corpus import CorpusError, Document, Skipped, load_corpus
from lib.passes.pipeline import analyse_corpus
from lib.ingest.readers import parse_date
from tests.conftest import reuters_articles


def test_reuters_date_form_and_bad_dates():
    assert parse_date("26-FEB-1987 15:01:01.79") == ("1987-02-26T15:01:01", "")
    assert parse_date(" 5-MAR-1987 09:10:11.00") == ("1987-03-05T09:10:11", "")
    iso, problem = parse_date("31-FEB-1987 10:00:00.00")
    assert iso == "" and "unparseable" in problem


def test_jsonl_with_a_broken_line(tmp_path):
    arts = reuters_articles(3)
    lines = [json.dumps(arts[0]), "{not json", json.dumps(arts[1]), json.dumps({**arts[2], "date": "whenever"})]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == [f"wire.jsonl#{a['id']:06d}" for a in arts]
    assert [(s.path, s.reason.split(":")[0]) for s in skipped] == [("wire.jsonl:2", "broken JSON line")]
    assert docs[0].meta["date"] == "1987-02-26T15:01:01" and docs[0].meta["title"] == arts[0]["title"]
    assert docs[0].meta["places"] == ";".join(arts[0]["places"])
    assert docs[2].meta["date"] == "" and "whenever" in docs[2].meta["date_problem"]
    stats = analyse_corpus(tmp_path, cache=False)
    table = stats.documents()
    assert list(table["title"]) == [a["title"] for a in arts]
    assert {"topics", "places", "date_problem"} <= set(table.columns)
    assert list(stats.skipped()["path"]) == ["wire.jsonl:2"]
    assert stats.sentences()["doc_id"].nunique() == 3


def test_csv_without_text_column_names_file_and_column(tmp_path):
    (tmp_path / "a.csv").write_text("headline,body\nX,Some text here.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.csv.*'text'"):
        load_corpus(tmp_path)


def test_csv_rows_with_metadata(tmp_path):
    (tmp_path / "a.csv").write_text(
        'id,title,date,text,desk\n1,"Grain up","2024-03-01","Wheat prices rose sharply on Monday, traders said.",ag\n'
        '2,"Empty","2024-03-02","  ",ag\n', encoding="utf-8")
    from lib.ingest.readers import TableOptions

    docs, skipped = load_corpus(tmp_path, table_options=TableOptions(meta_columns=("title", "date", "desk")))
    assert [d.doc_id for d in docs] == ["a.csv#1"]
    assert docs[0].meta == {"source": "a.csv", "title": "Grain up", "date": "2024-03-01T00:00:00", "desk": "ag"}
    assert [(s.path, s.reason) for s in skipped] == [("a.csv:3", "empty 'text'")]


HTML = """<html><head><title>Troops move north | The Daily Wire</title>
<meta property="article:published_time" content="2024-11-03T10:00:00Z">
<script>var tracking = "SCRIPTSECRET should never be text";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Troops move north</h1>
<p>North Korean troops moved toward the front line on Sunday, according to officials who spoke on condition of anonymity.</p>
<p>The deployment was confirmed by satellite images showing long convoys on the main highway near the border.</p>
<p>Analysts said the move could change the course of the fighting in the region over the coming weeks.</p>
</article><footer>Subscribe to our newsletter. All rights reserved.</footer>
<script>document.write("SCRIPTSECRET2")</script></body></html>"""


def test_html_main_text_title_date_and_no_script(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "note.txt").write_text("A plain text note about the troops, long enough to count.\n", encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    page = next(d for d in docs if d.doc_id == "page.html")
    assert "SCRIPTSECRET" not in page.text and "tracking" not in page.text
    assert "North Korean troops moved" in page.text and "Subscribe" not in page.text
    assert page.meta["title"].startswith("Troops move north")
    assert page.meta["date"].startswith("2024-11-03")
    stats = analyse_corpus(tmp_path, cache=False)
    assert "scriptsecret" not in stats.counts.vocab
    assert set(stats.documents()["doc_id"]) == {"page.html", "note.txt"}


def test_mixed_folder_keeps_order_and_duplicates_once(tmp_path):
    art = reuters_articles(1)[0]
    (tmp_path / "a.txt").write_text(art["text"], encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(art) + "\n", encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["a.txt"]
    assert skipped == [Skipped("b.jsonl:1", "duplicate of a.txt (same sha256)")]
    assert isinstance(docs[0], Document)


def test_an_export_names_its_date_and_title_columns(tmp_path):
    """A CSV export with "published" and "headline" columns: date_column and title_column make them the
    documents' date and title, which trends, story groups and the report read."""
    import csv

    from lib.ingest.readers import TableOptions

    arts = reuters_articles(3)
    with open(tmp_path / "feed.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "body", "published", "headline", "desk"])
        for i, a in enumerate(arts):
            w.writerow([i + 1, a["text"], f"2025-03-0{i + 1}T10:00:00Z", f"Headline {i}", "economy"])
    options = TableOptions(text_column="body", meta_columns=("desk",), date_column="published",
                           title_column="headline")
    docs = analyse_corpus(tmp_path, scheduler="serial", cache=False, table_options=options).documents()
    assert docs["date"].tolist() == ["2025-03-01T10:00:00", "2025-03-02T10:00:00", "2025-03-03T10:00:00"]
    assert docs["title"].tolist() == ["Headline 0", "Headline 1", "Headline 2"]
    assert set(docs["desk"]) == {"economy"} and "published" not in docs.columns
