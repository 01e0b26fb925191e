"""Quotation marks, kinds and speakers: the seed's quotes and the traps of real news text."""
import pytest

from lib.voices import quotes
from tests.conftest import SEED_FILE
from tests.voices_helpers import frames, tables_of, voices_of


@pytest.fixture(scope="module")
def seed_tables(seed_text):
    return tables_of(seed_text, SEED_FILE.name)


def test_every_kirby_quote_is_his_with_role_and_org(seed_tables):
    q = seed_tables["quotes"]
    kirby = q[q["speaker"] == "John Kirby"]
    starts = ["These human wave tactics", "It is clear that Russian", "likely out of fear",
              "It remains deeply troubling"]
    assert [t[:len(s)] for t, s in zip(kirby["text"], starts)] == starts
    assert len(kirby) == 4
    assert set(kirby["speaker_role"]) == {"spokesman"}
    assert set(kirby["speaker_org"]) == {"U.S. National Security Council"}
    assert list(kirby["kind"]) == ["full", "floating", "partial", "full"]
    assert set(kirby["cue"]) == {"say"}


def test_cannon_fodder_is_a_scare_quote_without_speaker(seed_tables):
    q = seed_tables["quotes"]
    row = q[q["text"] == "cannon fodder"].iloc[0]
    assert row["kind"] == "scare" and row["speaker"] == ""


def test_offsets_point_at_the_quote_text(seed, seed_tables):
    for d, s, e, t in seed_tables["quotes"][["doc_id", "start", "end", "text"]].itertuples(index=False):
        assert seed.texts[d][s:e] == t


def test_curly_and_straight_marks_pair():
    t = '\u201cIt is clear,\u201d he said. "We agree," she said.'
    assert [t[q.start:q.end] for q in quotes.pair_marks(t, [(0, len(t))])] == ["It is clear,", "We agree,"]


def test_quote_over_two_sentences_is_one_quote():
    t = ('Officials met on Monday to discuss the plan in detail.\n\n'
         '"The plan is sound. We will carry it out next year," Finance Minister Anna Berg said on Tuesday.\n')
    q = tables_of(t)["quotes"]
    assert len(q) == 1
    assert q.loc[0, "sentence_ids"] == "2 3"
    assert q.loc[0, "speaker"] == "Anna Berg" and q.loc[0, "speaker_role"] == "Finance Minister"


def test_said_inside_a_quotation_is_not_an_attribution():
    t = ('"The minister said nothing about the price of grain," trade union leader Paul Hart said on Friday.\n')
    tabs = tables_of(t)
    assert list(tabs["sources"]["source"]) == ["Paul Hart"]
    assert tabs["quotes"].loc[0, "speaker"] == "Paul Hart"


def test_two_speakers_in_one_paragraph():
    t = ('"Prices will fall before the summer," said economist Maria Lopez. "They will rise again '
         'by winter," replied trader Tom Hill, who has followed the market for years.\n')
    q = tables_of(t)["quotes"]
    assert list(q["speaker"]) == ["Maria Lopez", "Tom Hill"]
    assert list(q["speaker_role"]) == ["economist", "trader"]


def test_speaker_before_the_quote_with_colon():
    t = 'Kenya Coffee Board chairman James Otieno said: "We expect a larger crop this year."\n'
    q = tables_of(t)["quotes"]
    assert q.loc[0, "speaker"] == "James Otieno" and q.loc[0, "kind"] == "full"
    assert q.loc[0, "speaker_org"] == "Kenya Coffee Board" and q.loc[0, "speaker_role"] == "chairman"


def test_floating_paragraph_goes_to_the_previous_speaker():
    t = ('"We have enough grain for the winter," Agriculture Minister Ivan Petrov told reporters.\n\n'
         '"There is no reason for panic buying in the shops."\n')
    q = tables_of(t)["quotes"]
    assert list(q["kind"]) == ["full", "floating"]
    assert list(q["speaker"]) == ["Ivan Petrov", "Ivan Petrov"]


def test_pronoun_cue_resolves_to_the_last_named_person():
    t = ('On Monday central bank governor Sara Lind met bankers in the capital.\n\n'
         '"Rates will stay where they are for now," she said.\n')
    q = tables_of(t)["quotes"]
    assert q.loc[0, "speaker"] == "Sara Lind"
    assert q.loc[0, "speaker_role"] == "central bank governor"


def test_unmatched_mark_warns_and_flags_but_never_stops():
    t = 'The chairman said the plan "would fail within a year and nobody listened to him at all.\n'
    v = voices_of(t)
    assert [(w.category, w.message) for w in v.warnings] == [
        (UserWarning, "story.txt: unmatched quote mark at offset 27 (opening mark never closed); the quotation is flagged")]
    assert v.warnings[0].filename == quotes.__file__  # the rule's file, where the pass raises it again
    q = frames([v])["quotes"]
    assert bool(q.loc[0, "unmatched"]) and q.loc[0, "text"].startswith("would fail")
    with pytest.warns(UserWarning, match=r"d: unmatched quote mark at offset 27"):  # the rule itself warns
        quotes.pair_marks(t, [(0, len(t))], doc_id="d")


def test_quote_running_on_into_the_next_paragraph_is_not_unmatched():
    t = ('The Dutch spokesman added, "The tender policy is squeezing the industry.\n\n'
         '"These are desperate actions, but we believe the sugar will be withdrawn."\n')
    v = voices_of(t)
    assert v.warnings == []
    q = frames([v])["quotes"]
    assert list(q["continued"]) == [True, False] and not q["unmatched"].any()
    assert list(q["speaker"]) == ["dutch spokesman", "dutch spokesman"]


def test_quote_kind_rules():
    assert quotes.quote_kind("cannon fodder", attributed=False) == "scare"
    assert quotes.quote_kind("It is over.", attributed=True) == "full"
    assert quotes.quote_kind("likely out of fear", attributed=True) == "partial"
    assert quotes.quote_kind("It is over.", attributed=False) == "floating"


def test_reuters_story_quotes():
    from tests.conftest import reuters_articles
    art = next(a for a in reuters_articles(4200) if a["id"] == 4096)
    q = tables_of(art["text"])["quotes"]
    assert len(q) == 3
    assert list(q["speaker"]) == ["spokesman", "dutch spokesman", "dutch spokesman"]
    assert list(q["kind"]) == ["full", "full", "floating"]


# Quotation kinds and speakers fixed for issue 11, on sentences of the PolNeAR train tune part (file named).

def test_quote_marks_inside_markup_are_no_quotations():
    # breitbart_2015-12-04_san-bernardino-terror-suspect-na: a scraped tweet
    t = ('Police scanners named a suspect hours before the media did, as several people tweeted.\n\n'
         '<tweet id="672139201337532417" author="@MissDBunker" datetime="2015-12-02">scanner: FAROOD SAYED '
         'named #sanbernadino #California</tweet>.\n')
    assert tables_of(t)["quotes"].empty
    assert quotes.markup_spans('a <b c="d">"x"</b>') == [(2, 11), (14, 18)]


def test_a_title_without_a_speaker_is_not_a_quotation():
    # wash-post_2015-11-08_all-eggs-in-n-h-and-iowa-baskets
    t = ('Inside many Iowa churches, Carson enjoys exalted status. Congregants pass around copies of his memoir, '
         '"Gifted Hands," and watch the biopic starring Cuba Gooding Jr.\n')
    q = tables_of(t)["quotes"]
    assert (q.loc[0, "text"], q.loc[0, "kind"], q.loc[0, "speaker"]) == ("Gifted Hands,", "scare", "")


def test_a_fragment_where_nobody_speaks_is_a_scare_quote():
    # breitbart_2015-12-04_san-bernardino-terror-suspect-na
    t = "In the meantime, the President, Democrat politicians and the media pushed the “gun violence” narrative.\n"
    q = tables_of(t)["quotes"]
    assert (q.loc[0, "kind"], q.loc[0, "speaker_rule"]) == ("scare", "none")


def test_a_fragment_in_a_persons_paraphrase_is_theirs():
    # huff-post_2015-11-09_bernie-sanders-promises-action-o
    t = ("Bernie Sanders spoke at a Las Vegas rally on Sunday.\n\n"
         "Sanders promised Sunday at a Las Vegas rally to end “the excessively wasteful $18 million deportation regime.”\n")
    q = tables_of(t)["quotes"]
    assert (q.loc[0, "speaker"], q.loc[0, "kind"], q.loc[0, "speaker_rule"]) == ("Bernie Sanders", "partial", "same_sentence")


def test_a_short_fragment_in_a_voiced_sentence_is_kept():
    # usa-today_2016-03-22_clinton-trump-s-view-of-the-worl: no reporting verb, a person named
    t = ("Hillary Clinton went on offense against Republican front-runner Donald Trump on Monday, saying he would "
         'abdicate U.S. leadership in the Middle East, his world view is "dangerously wrong" and he is a "bully" '
         "-- all without speaking his name.\n")
    q = tables_of(t)["quotes"]
    assert list(q["kind"]) == ["partial", "partial"] and set(q["speaker"]) == {"Hillary Clinton"}


@pytest.mark.parametrize("text, expected", [
    ("Meet the Press.", True), ("Fox & Friends,", True), ("Make America Great Again", True),
    ("cannon fodder", False), ("I will not let you down.", False), ("We are Orlando", False),
])
def test_is_title(text, expected):
    assert quotes.is_title(text) is expected


def test_speaker_rule_names_how_the_speaker_was_found():
    assert [quotes.speaker_rule(p, r) for p, r in [("same_sentence", ""), ("clause_subject", "pronoun"),
                                                   ("adjacent", "role_noun"), ("same_sentence", "outlet_noun")]] == \
        ["same_sentence", "pronoun", "role_noun", "role_noun"]
