"""Sources, cue classes and the source phrase rules, on the seed, Reuters and the traps."""
import pytest

from lib.text.tokens import tokenize
from lib.voices import attribution
from tests.conftest import SEED_FILE
from tests.voices_helpers import tables_of


@pytest.fixture(scope="module")
def seed_sources(seed_text):
    return tables_of(seed_text, SEED_FILE.name)["sources"]


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
def test_cue_classes(verb, lemma, cls):
    s = tables_of(f"Officials {verb} that the border crossing would stay closed all week.\n")["sources"]
    assert list(zip(s["source"], s["source_type"], s["cue"], s["cue_class"])) == \
        [("officials", "unnamed official", lemma, cls)]


def test_cue_list_is_documented_and_complete():
    lex = attribution.cue_lexicon()
    assert {c.cue_class for c in lex.values()} == set(attribution.CUE_CLASSES)
    assert lex[("according", "to")].lemma == "according to"


def test_told_y_makes_x_the_source_not_y():
    t = "Ontario Hydro spokeswoman Christina Warren told Reuters the blackout occurred during maintenance.\n"
    s = tables_of(t)["sources"]
    assert list(s["source"]) == ["Christina Warren"]
    assert (s.loc[0, "role"], s.loc[0, "org"], s.loc[0, "cue"]) == ("spokeswoman", "Ontario Hydro", "tell")


def test_said_x_inverted_order_with_apposition():
    t = '"This is a breakthrough for our sales," said the group\'s chief executive, Kjell Nilsson.\n'
    s = tables_of(t)["sources"]
    assert s.loc[0, "source"] == "Kjell Nilsson" and s.loc[0, "role"] == "group's chief executive"


def test_name_then_apposition_then_cue():
    t = ("Brazil can export more coffee this year, Carlos Calmon, president of the Brazilian Coffee "
         "Institute, said on Monday.\n")
    s = tables_of(t)["sources"]
    assert (s.loc[0, "source"], s.loc[0, "role"], s.loc[0, "org"]) == \
        ("Carlos Calmon", "president", "Brazilian Coffee Institute")


def test_he_said_resolves_to_the_last_named_person_not_an_addressee():
    t = ("Shanghai plans to rely on soft loans, Mayor Jiang Zemin said on Monday.\n\n"
         "Jiang told Reuters general manager Michael Nelson that he hoped work would start soon.\n\n"
         "He said the city would invite foreign companies to the tender.\n")
    s = tables_of(t)["sources"]
    assert list(s["source"]) == ["Jiang Zemin", "Jiang Zemin", "Jiang Zemin"]


def test_outlet_normalisation():
    assert attribution.outlet_name("The New York Times newspaper".split()) == "The New York Times"
    assert attribution.outlet_name("the official newspaper El Peruano".split()) == "El Peruano"
    assert attribution.outlet_name("Tanjug news agency".split()) == "Tanjug"
    assert attribution.outlet_name("Ukraine 's military intelligence agency".split()) is None


def test_the_newspaper_refers_to_the_outlet_named_before():
    t = ("The daily Ming Pao said the leader wants fewer grain imports this year.\n\n"
         "The newspaper said he spoke to officials in Beijing on Monday.\n")
    s = tables_of(t)["sources"]
    assert list(s["source"]) == ["Ming Pao", "Ming Pao"] and set(s["source_type"]) == {"news outlet"}


@pytest.mark.parametrize("phrase, expected", [
    ("Customs figures show imports rose sharply in March.", ("customs figures", "document or video")),
    ("Western business sources in Shanghai said the project was delayed.", ("western business sources", "unnamed official")),
    ("The government said the strike was illegal and must end.", ("government", "organisation or agency")),
])
def test_source_types(phrase, expected):
    s = tables_of(phrase + "\n")["sources"]
    assert (s.loc[0, "source"].lower(), s.loc[0, "source_type"]) == expected


def test_no_source_without_a_source_head():
    t = "The U.S. also has received reports of soldiers committing suicide to avoid capture.\n"
    assert tables_of(t)["sources"].empty


def test_reuters_story_sources():
    from tests.conftest import reuters_articles
    art = next(a for a in reuters_articles(16100) if a["id"] == 16061)
    s = tables_of(art["text"])["sources"]
    named = s[s["source_type"] == "named person"].drop_duplicates("source")
    assert list(named["source"]) == ["Christina Warren", "John Kolosky", "Brian Smith"]
    assert list(named["org"]) == ["Ontario Hydro", "Toronto Stock Exchange", "Bank of Montreal"]


# Failure cases fixed for issue 11, each a sentence of the PolNeAR train tune part (file named).

def _quotes(text: str):
    return tables_of(text)["quotes"]


def test_title_abbreviation_and_state_stay_out_of_the_name():
    # politico_2016-06-21_sanders-anti-superdelegate-push-
    t = ("“I want Bernie in the fold, I want him enthusiastic,” said Sen. Sherrod Brown of Ohio, another "
         "potential VP choice. “I’m fine with whatever they negotiate, I just don’t care about superdelegates.”\n")
    q = _quotes(t)
    assert list(q["speaker"]) == ["Sherrod Brown", "Sherrod Brown"]
    assert q.loc[0, "speaker_role"] == "Sen." and q.loc[0, "speaker_rule"] == "same_sentence"


def test_an_initial_stays_in_the_name():
    # huff-post_2016-03-23_how-the-democratic-elite-betraye
    t = ("“The white American underclass is in thrall to a vicious, selfish culture,” writes Kevin D. "
         "Williamson, one of several vocal Trump critics on staff at National Review.\n")
    assert _quotes(t).loc[0, "speaker"] == "Kevin D. Williamson"


@pytest.mark.parametrize("words, name, role, org", [
    ("Meenakshi Ganguly of Human Rights Watch", "Meenakshi Ganguly", "", "Human Rights Watch"),
    ("Secretary of State Hillary Clinton", "Hillary Clinton", "Secretary of State", ""),
    ("New York Times columnist David Brooks", "David Brooks", "columnist", "New York Times"),
    ("Air Force 1st Lt. Tyler Livingston", "Tyler Livingston", "1st Lt.", "Air Force"),
    ("official news agency Tanjug", "", "", ""),  # an agency's descriptor is no person's role
])
def test_parse_source_splits_name_role_and_organisation(words, name, role, org):
    s = attribution.parse_source(words.split())
    assert (s.name, s.role, s.org) == (name, role, org)


def test_a_person_named_in_full_beats_a_demonym():
    # politico_2016-05-22_mark-cuban-i-d-consider-a-future
    t = ("Mark Cuban said on Sunday he would consider a run for office one day.\n\n"
         "\"It's too early to tell,\" said Cuban, who is also a host on the TV show \"Shark Tank.\"\n")
    q = _quotes(t)
    assert q.loc[0, "speaker"] == "Mark Cuban" and q.loc[0, "speaker_type"] == "named person"


def test_a_participle_after_a_comma_takes_the_clause_subject_not_the_addressee():
    # breitbart_2016-06-26_clinton-swipes-at-trump-over-bre
    t = ("Donald Trump arrived in Scotland on Friday to reopen his golf resort.\n\n"
         "Trump has hailed Britain’s vote to leave the European Union as “fantastic,” telling reporters during "
         "a visit to Scotland on Friday that he thinks the Brexit is “a great thing.”\n")
    q = _quotes(t)
    assert list(q["speaker"]) == ["Donald Trump", "Donald Trump"] and list(q["cue"]) == ["tell", "tell"]


def test_a_day_is_never_the_source():
    # west-journal_2016-08-26_glenn-beck-says-trump-alt-right-
    t = "Much of Beck’s ire was also directed at Bannon, who Beck on Wednesday called “a horrible, despicable human being.”\n"
    q = _quotes(t)
    assert q.loc[0, "speaker"] == "Beck" and q.loc[0, "cue"] == "call"


def test_a_fragment_takes_the_cue_before_it():
    # wash-post_2016-01-18_a-sharper-tone-as-stakes-rise: "asking" after the fragment is someone else's
    t = 'Frustrated, Sanders said he "cannot walk down the street" without reporters asking him to attack Hillary Clinton.\n'
    q = _quotes(t)
    assert (q.loc[0, "speaker"], q.loc[0, "cue"]) == ("Sanders", "say")


def test_continued_is_a_cue_only_next_to_a_quotation():
    # wash-post_2016-04-18_sanders-says-his-private-meeting and huff-post_2016-07-18_more-offensive-things-donald-tru
    t = ('"And he is a very beautiful man," Sanders continued. "When you meet him, you see something very, very '
         'special in his face."\n\nOn the same day of the deadlock, Trump continued to portray “illegal” immigrants '
         'as violent criminals.\n')
    tabs = tables_of(t)
    s = tabs["sources"]
    assert list(s["cue"]) == ["continue"] and list(s["source"]) == ["Sanders"]
    assert list(tabs["quotes"]["speaker"][:2]) == ["Sanders", "Sanders"]


def test_colon_after_the_clause_gives_its_subject():
    # wash-post_2016-01-18_a-sharper-tone-as-stakes-rise
    t = ("Bernie Sanders and Hillary Clinton met in a debate on Sunday night.\n\n"
         'Sanders delivered a snappy retort: "No one is tearing this up. We\'re going to go forward."\n')
    q = _quotes(t)
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"], q.loc[0, "kind"]) == \
        ("Bernie Sanders", "clause_subject", "full")


def test_the_next_sentence_continues_the_attribution_before_it():
    # politico_2016-08-11_pence-blames-media-for-trump-s-o
    t = ("Mike Pence spoke to a crowd in Iowa on Thursday.\n\n"
         "“Mason let me tell you, how big is that wall going to be?” Pence said in response. “As big as it needs to be.”\n")
    q = _quotes(t)
    assert list(q["speaker"]) == ["Mike Pence", "Mike Pence"]
    assert list(q["speaker_rule"]) == ["adjacent", "adjacent"]  # the splitter ends a sentence after "?""


def test_the_senator_is_the_person_the_story_names_most():
    # politico_2015-11-09_sanders-endorsements-prove-clint
    t = ("Bernie Sanders says the endorsements show Hillary Clinton is the establishment candidate.\n\n"
         "Sanders spoke to CNN's Gloria Borger on Monday, and Sanders did not hold back.\n\n"
         '"So that would be you?" Borger asked.\n\n'
         '"That would be me, yes. I think that\'s probably right," the senator said.\n')
    q = _quotes(t)
    row = q[q["text"].str.startswith("That would be me")].iloc[0]
    assert (row["speaker"], row["speaker_rule"]) == ("Bernie Sanders", "role_noun")


def test_a_passive_cue_takes_its_agent():
    # usa-today_2015-11-20_campaign-cash-tied-to-turkish-gr
    t = ('This feature of the movement has been called "strategic ambiguity" by Joshua Hendrick, a professor at '
         'Loyola University Maryland, and it makes it impossible to trace the root source of funding.\n')
    tabs = tables_of(t)
    assert list(tabs["sources"]["source"]) == ["Joshua Hendrick"]
    assert tabs["quotes"].loc[0, "speaker"] == "Joshua Hendrick"
    assert attribution.is_passive(tokenize("it was described as"), 1, 2)


def test_a_paragraph_ending_in_a_colon_introduces_the_next():
    # breitbart_2015-12-04_san-bernardino-terror-suspect-na
    t = ("CNN's coverage of the attack went on for hours that night in Benghazi.\n\n"
         "Reporter Jomana Karadsheh says:\n\n"
         '"Well Anderson, according to the eyewitness up to about an hour ago he describes the situation there '
         'as a frontline."\n')
    q = tables_of(t)["quotes"]
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Jomana Karadsheh", "adjacent")


def test_a_name_and_a_colon_label_the_quotation():
    # huff-post_2016-02-03_huffpollster-a-seismic-shift-amo
    t = ("RED STATES OUTNUMBER BLUE STATES - Gallup's Jeffrey M. Jones writes about party affiliation by state.\n\n"
         "What that means for this year’s presidential election - More from Jones: “The partisanship of the state "
         "population is a starting point in determining a state’s likely vote.”\n")
    q = tables_of(t)["quotes"]
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Jeffrey M. Jones", "clause_subject")
