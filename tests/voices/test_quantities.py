"""Numeric claims: values, hedges, intervals, what is counted, dates; seed and Reuters."""
import pytest

from lib.voices import quantities
from lib.text.tokens import tokenize


def numbers(text: str) -> list[quantities.NumberReading]:
    return quantities.sentence_numbers(tokenize(text))


@pytest.fixture(scope="module")
def seed_numbers(seed_text):
    from tests.conftest import SEED_FILE
    from tests.voices_helpers import tables_of
    return tables_of(seed_text, SEED_FILE.name)["numbers"]


def test_seed_hedged_quantities(seed_numbers):
    q = seed_numbers[seed_numbers["type"] == "quantity"].set_index("surface")
    row = q.loc["About 11,000"]
    assert (row["value"], row["hedge"], row["interval"], row["counted"]) == \
        (11000, "about", "approximate", "North Korean troops")
    row = q.loc["more than 13,000"]
    assert (row["value"], row["hedge"], row["interval"], row["counted"]) == \
        (13000, "more than", "lower bound", "containers of artillery rounds")
    assert q.loc["about 1,000", "counted"] == "deaths and injuries"


def test_seed_years_are_dates_not_quantities(seed_numbers):
    dates = seed_numbers[seed_numbers["type"] == "date"]
    assert list(dates["surface"]) == ["December 2024", "August 2024", "February 2022"]
    assert not seed_numbers[seed_numbers["type"] == "quantity"]["value"].isin([2022, 2024]).any()


def test_offsets_and_surface(seed, seed_numbers):
    for d, s, e, surface in seed_numbers[["doc_id", "start", "end", "surface"]].itertuples(index=False):
        assert " ".join(seed.texts[d][s:e].split()) == surface


@pytest.mark.parametrize("text, value, hedge, interval", [
    ("up to 110,000 tonnes of sugar", 110000, "up to", "upper bound"),
    ("at least 60 strikes", 60, "at least", "lower bound"),
    ("nearly 1,000 dockworkers", 1000, "nearly", "approximate"),
    ("under 10 mln bags", 10_000_000, "under", "upper bound"),
    ("some 2,500 tonnes", 2500, "some", "approximate"),
    ("around 24.5 billion dlrs", 24_500_000_000, "around", "approximate"),
    ("over three mln bags", 3_000_000, "over", "lower bound"),
    ("more than half of the payment", 0.5, "more than", "lower bound"),
    ("about one-third of the price", 0.3333, "about", "approximate"),
    ("about an eight-square-block section", 8, "about", "approximate"),
    ("two ships were sunk", 2, "none", "exact"),
    ("a dozen soldiers", 12, "none", "exact"),
    ("thousands of workers", 2000, "none", "lower bound"),
])
def test_values_hedges_and_intervals(text, value, hedge, interval):
    n = [r for r in numbers(text) if r.type == "quantity"][0]
    assert (n.value, n.hedge, n.interval) == (value, hedge, interval)


def test_thousands_of_counts_what_follows():
    assert numbers("thousands of workers marched")[0].counted == "workers"


@pytest.mark.parametrize("text, kind", [
    ("in February 2022 the war began", "date"), ("on Feb 26 prices fell", "date"),
    ("the 1985/86 season", "date"), ("at 10:30 GMT", "time"), ("around 1515 EDT", "time"),
    ("since 1981 it has grown", "date"), ("2000 tonnes of wheat", "quantity"),
    ("nearly 10.00 dlrs an ounce", "quantity"),
])
def test_dates_and_times(text, kind):
    assert numbers(text)[0].type == kind


def test_over_as_a_preposition_is_no_hedge():
    n = numbers("the accord rescheduling over 14 years")[0]
    assert (n.hedge, n.interval) == ("none", "exact")
    assert numbers("discussed for over 20 years")[0].hedge == "over"


def test_one_as_a_pronoun_is_no_number():
    assert numbers("one of the rigs burned") == []
    assert numbers("no one was hurt") == []


def test_source_of_a_number_in_a_quote_is_its_speaker():
    from tests.voices_helpers import tables_of
    t = '"We lost about 300 mln dlrs last year," finance director Jorge Marcano said on Monday.\n'
    n = tables_of(t)["numbers"]
    assert n.loc[0, "source"] == "Jorge Marcano" and n.loc[0, "value"] == 300_000_000


def test_reuters_story_numbers():
    from tests.conftest import reuters_articles
    from tests.voices_helpers import tables_of
    art = next(a for a in reuters_articles(4200) if a["id"] == 4096)
    n = tables_of(art["text"])["numbers"]
    hedged = n[n["hedge"] != "none"]
    assert list(zip(hedged["value"], hedged["hedge"])) == [(850000, "more than"), (2500, "some"), (110000, "up to")]
    assert n[n["hedge"] == "more than"].iloc[0]["source"] == "dutch sugar traders"
    assert n[n["hedge"] == "some"].iloc[0]["counted"] == "tonnes of sugar"
