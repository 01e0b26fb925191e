"""Voice split, speakers and per-voice tables; one papermill run of 04_voices on the seed."""
import pandas as pd
import pytest

from lib.voices import speech
from lib.paths import SEEDS_DIR
from lib.passes.document import read_text
from tests.conftest import SEED_FILE
from tests.voices_helpers import frames, tables_of, voices_of


@pytest.fixture(scope="module")
def seed_voices(seed_text):
    v = voices_of(seed_text, SEED_FILE.name)
    tabs = frames([v])
    tokens = [t for toks in read_text(SEED_FILE.name, seed_text).tokens for t in toks]
    tabs["tokens"] = tokens
    tabs["quote_ids"] = speech.token_quotes(tokens, v.quotes)
    tabs["rows"] = v
    return tabs


def test_every_word_is_quoted_or_narrator(seed, seed_voices):
    tokens, quote_ids = seed_voices["tokens"], seed_voices["quote_ids"]
    assert len(tokens) == len(seed.tokens) and {bool(q) for q in quote_ids} == {True, False}
    words = seed_voices["voice_words"]
    assert words["words"].sum() == seed.documents["words"].sum()
    quoted = words.set_index("voice").loc["quoted", "words"]
    # Kirby's four quotations; "cannon fodder" stays the narrator's
    assert quoted == sum(seed_voices["quotes"].query("kind != 'scare'")["words"])
    assert sum(1 for t, q in zip(tokens, quote_ids) if t.kind == "word" and q) == quoted
    fodder = [q for t, q in zip(tokens, quote_ids) if t.norm == "fodder"]
    assert fodder == [0]


def test_voice_terms(seed_voices):
    v = seed_voices["rows"]
    t = speech.voice_terms(v.term_counts, v.term_documents, v.voice_totals)
    quoted = t[t["voice"] == "quoted"].set_index("term")
    assert quoted.loc["troops", "count"] == 2 and "kirby" not in quoted.index  # "these troops", "foreign troops"
    narr = t[t["voice"] == "narrator"].set_index("term")
    assert narr.loc["north", "count"] == 11 - quoted["count"].get("north", 0)


def test_voice_sentiment(seed_voices):
    vs = seed_voices["voice_sentiment"].set_index("voice")
    assert vs.loc["quoted", "segments"] == 4
    assert vs.loc["narrator", "segments"] == 18  # sentence 7 is all quotation (Kirby's floating quote)
    assert -1 <= vs.loc["quoted", "mean_compound"] <= 1


def test_speakers_table(seed_voices):
    sp = speech.speakers(seed_voices["quotes"])
    assert list(sp.columns) == speech.SPEAKER_COLUMNS
    row = sp.iloc[0]
    assert (row["speaker"], row["quotes"], row["roles"], row["orgs"]) == \
        ("John Kirby", 4, "spokesman", "U.S. National Security Council")
    q = seed_voices["quotes"]
    assert row["words_quoted"] == q[q["speaker"] == "John Kirby"]["words"].sum()
    assert row["mean_compound"] == round(q[q["speaker"] == "John Kirby"]["compound"].mean(), 4)


def test_text_without_quotes_is_all_narrator_and_runs():
    tabs = tables_of("Prices of wheat rose sharply in March after a dry winter in the plains.\n")
    assert tabs["quotes"].empty and tabs["sources"].empty
    assert tabs["voice_words"].set_index("voice")["words"].to_dict() == {"narrator": 14, "quoted": 0}
    vs = tabs["voice_sentiment"].set_index("voice")
    assert vs.loc["quoted", "segments"] == 0 and vs.loc["narrator", "segments"] == 1
    assert pd.isna(vs.loc["quoted", "mean_compound"])
    assert speech.speakers(tabs["quotes"]).empty


def test_source_type_counts_cover_every_type(seed_voices):
    counts = speech.source_type_counts(seed_voices["sources"])
    assert len(counts) == 5 * 4
    assert counts.groupby("source_type")["attributions"].sum()["news outlet"] == 2


@pytest.mark.slow
def test_notebook_run_writes_the_voices_tables(seed_run):
    q = pd.read_csv(seed_run / "quotes.csv", keep_default_na=False)
    assert list(q.columns[:11]) == ["doc_id", "quote_id", "start", "end", "text", "speaker", "speaker_role",
                                    "speaker_org", "cue", "kind", "sentence_ids"]
    kirby = q[q["speaker"] == "John Kirby"]
    assert len(kirby) == 4 and set(kirby["speaker_org"]) == {"U.S. National Security Council"}
    assert q[q["text"] == "cannon fodder"].iloc[0]["kind"] == "scare"
    s = pd.read_csv(seed_run / "sources.csv", keep_default_na=False)
    outlets = s[s["source_type"] == "news outlet"]
    assert list(outlets["source"]) == ["The New York Times", "The Associated Press"]
    assert set(outlets["cue"]) == {"report"}
    n = pd.read_csv(seed_run / "numbers.csv", keep_default_na=False).set_index("surface")
    assert n.loc["About 11,000", "interval"] == "approximate"
    assert n.loc["more than 13,000", "interval"] == "lower bound"
    assert n.loc["February 2022", "type"] == "date"
    e = pd.read_csv(seed_run / "entities.csv").set_index("entity")
    assert e.loc["North Korea", "kind"] == "place"
    es = pd.read_csv(seed_run / "entity_sentiment.csv")
    sent = pd.read_csv(seed_run / "sentences.csv")
    row = es[es["entity"] == "John Kirby"].iloc[0]
    ids = [int(x) for x in row["sentence_ids"].split()]
    assert round(sent[sent["sentence_id"].isin(ids)]["compound"].mean(), 4) == row["mean_compound"]
    sp = pd.read_csv(seed_run / "speakers.csv")
    assert sp.loc[0, "speaker"] == "John Kirby"
    for stem in ("quoted_speakers", "source_types", "voice_sentiment", "entity_mentions", "entity_tone",
                 "entity_cooccurrence"):
        assert (seed_run / f"{stem}.png").exists() and (seed_run / f"{stem}.csv").exists(), stem
    for table in ("voice_terms", "voice_words", "speakers"):
        assert (seed_run / f"{table}.csv").exists()
    m = pd.read_csv(seed_run / "mentions.csv", keep_default_na=False)
    assert list(m.columns) == ["doc_id", "sentence_id", "start", "end", "surface", "entity", "kind"]
    seed_text = (SEEDS_DIR / m["doc_id"].iloc[0]).read_text(encoding="utf-8")
    assert all(seed_text[a:b] == s for a, b, s in zip(m["start"], m["end"], m["surface"]))
    assert (m["entity"] == "John Kirby").sum() == 3  # the seed names him three times


def test_speakers_merge_a_surname_into_the_one_full_name_it_ends_in():
    import pandas as pd
    rows = [("a.txt", "Donald Trump", 4), ("b.txt", "Trump", 2), ("c.txt", "Clinton", 3),
            ("c.txt", "Bill Clinton", 1), ("d.txt", "Hillary Clinton", 5)]
    q = pd.DataFrame([dict(doc_id=d, speaker=s, speaker_type="named person", words=w, compound=0.0, kind="full",
                           speaker_role="", speaker_org="") for d, s, w in rows])
    sp = speech.speakers(q).set_index("speaker")
    assert sp.loc["Donald Trump", ["documents", "quotes", "words_quoted", "aliases"]].tolist() == \
        [2, 2, 6, "Donald Trump; Trump"]
    assert "Clinton" in sp.index and sp.loc["Clinton", "aliases"] == "Clinton"  # two full names end in it
