"""Sources, cue classes and the source phrase rules, on the seed, Reuters and the traps."""
import pytest

from lib import attribution
from tests.voices_helpers import tables_of


@pytest.fixture(scope="module")
def seed_sources(seed):
    from lib.voices import voice_tables
    return voice_tables(seed)["sources"]


def test_seed_news_outlets_report(seed_sources):
    out = seed_sources[seed_sources["source_type"] == "news outlet"]
    assert list(out["source"]) == ["The New York Times", "The Associated Press"]
    assert set(out["cue"]) == {"report"} and set(out["cue_class"]) == {"neutral"}
    assert "The New York Times newspaper" in set(out["surface"])


def test_seed_according_to_an_agency(seed_sources):
    row = seed_sources[seed_sources["cue"] == "according to"].iloc[0]
    assert row["source"] == "Ukraine's military intelligence agency"
    assert row["source_type"] == "organisation or agency"


def test_seed_kirby_is_a_named_person_with_role_and_org(seed_sources):
    k = seed_sources[seed_sources["source"] == "John Kirby"]
    assert len(k) == 3 and set(k["source_type"]) == {"named person"}
    first = k.iloc[0]
    assert (first["role"], first["org"]) == ("spokesman", "U.S. National Security Council")


def test_us_inside_an_organisation_name_stays_in_it():
    s = attribution.parse_source("U.S. National Security Council spokesman John Kirby".split())
    assert (s.name, s.role, s.org) == ("John Kirby", "spokesman", "U.S. National Security Council")
    s = attribution.parse_source("U.S. Agriculture Secretary Richard Lyng".split())
    assert (s.name, s.role, s.org) == ("Richard Lyng", "Agriculture Secretary", "U.S.")


@pytest.mark.parametrize("verb, lemma, cls", [
    ("said", "say", "neutral"), ("told reporters", "tell", "neutral"), ("reported", "report", "neutral"),
    ("claimed", "claim", "distancing"), ("alleged", "allege", "distancing"),
    ("confirmed", "confirm", "confirming"), ("acknowledged", "acknowledge", "confirming"),
    ("warned", "warn", "emotive"), ("slammed", "slam", "emotive"),
])
def test_cue_classes(tmp_path, verb, lemma, cls):
    s = tables_of(tmp_path, f"Officials {verb} that the border crossing would stay closed all week.\n")["sources"]
    assert list(zip(s["source"], s["source_type"], s["cue"], s["cue_class"])) == \
        [("officials", "unnamed official", lemma, cls)]


def test_cue_list_is_documented_and_complete():
    lex = attribution.cue_lexicon()
    assert {c.cue_class for c in lex.values()} == set(attribution.CUE_CLASSES)
    assert lex[("according", "to")].lemma == "according to"


def test_told_y_makes_x_the_source_not_y(tmp_path):
    t = "Ontario Hydro spokeswoman Christina Warren told Reuters the blackout occurred during maintenance.\n"
    s = tables_of(tmp_path, t)["sources"]
    assert list(s["source"]) == ["Christina Warren"]
    assert (s.loc[0, "role"], s.loc[0, "org"], s.loc[0, "cue"]) == ("spokeswoman", "Ontario Hydro", "tell")


def test_said_x_inverted_order_with_apposition(tmp_path):
    t = '"This is a breakthrough for our sales," said the group\'s chief executive, Kjell Nilsson.\n'
    s = tables_of(tmp_path, t)["sources"]
    assert s.loc[0, "source"] == "Kjell Nilsson" and s.loc[0, "role"] == "group's chief executive"


def test_name_then_apposition_then_cue(tmp_path):
    t = ("Brazil can export more coffee this year, Carlos Calmon, president of the Brazilian Coffee "
         "Institute, said on Monday.\n")
    s = tables_of(tmp_path, t)["sources"]
    assert (s.loc[0, "source"], s.loc[0, "role"], s.loc[0, "org"]) == \
        ("Carlos Calmon", "president", "Brazilian Coffee Institute")


def test_he_said_resolves_to_the_last_named_person_not_an_addressee(tmp_path):
    t = ("Shanghai plans to rely on soft loans, Mayor Jiang Zemin said on Monday.\n\n"
         "Jiang told Reuters general manager Michael Nelson that he hoped work would start soon.\n\n"
         "He said the city would invite foreign companies to the tender.\n")
    s = tables_of(tmp_path, t)["sources"]
    assert list(s["source"]) == ["Jiang Zemin", "Jiang Zemin", "Jiang Zemin"]


def test_outlet_normalisation():
    assert attribution.outlet_name("The New York Times newspaper".split()) == "The New York Times"
    assert attribution.outlet_name("the official newspaper El Peruano".split()) == "El Peruano"
    assert attribution.outlet_name("Tanjug news agency".split()) == "Tanjug"
    assert attribution.outlet_name("Ukraine 's military intelligence agency".split()) is None


def test_the_newspaper_refers_to_the_outlet_named_before(tmp_path):
    t = ("The daily Ming Pao said the leader wants fewer grain imports this year.\n\n"
         "The newspaper said he spoke to officials in Beijing on Monday.\n")
    s = tables_of(tmp_path, t)["sources"]
    assert list(s["source"]) == ["Ming Pao", "Ming Pao"] and set(s["source_type"]) == {"news outlet"}


@pytest.mark.parametrize("phrase, expected", [
    ("Customs figures show imports rose sharply in March.", ("customs figures", "document or video")),
    ("Western business sources in Shanghai said the project was delayed.", ("western business sources", "unnamed official")),
    ("The government said the strike was illegal and must end.", ("government", "organisation or agency")),
])
def test_source_types(tmp_path, phrase, expected):
    s = tables_of(tmp_path, phrase + "\n")["sources"]
    assert (s.loc[0, "source"].lower(), s.loc[0, "source_type"]) == expected


def test_no_source_without_a_source_head(tmp_path):
    t = "The U.S. also has received reports of soldiers committing suicide to avoid capture.\n"
    assert tables_of(tmp_path, t)["sources"].empty


def test_reuters_story_sources(tmp_path):
    from tests.conftest import reuters_articles
    art = next(a for a in reuters_articles(16100) if a["id"] == 16061)
    s = tables_of(tmp_path, art["text"])["sources"]
    named = s[s["source_type"] == "named person"].drop_duplicates("source")
    assert list(named["source"]) == ["Christina Warren", "John Kolosky", "Brian Smith"]
    assert list(named["org"]) == ["Ontario Hydro", "Toronto Stock Exchange", "Bank of Montreal"]
