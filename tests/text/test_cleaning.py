import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.text.cleaning import _FURNITURE, clean_text, ends_like_sentence, has_furniture_phrase
from lib.text.normalize import normalize_typography


def test_seed_furniture_roles_and_rules(seed_text):
    doc = clean_text(seed_text)
    got = [(r.role, r.rule, r.text) for r in doc.removed]
    assert got == [
        ("boilerplate", "breadcrumb", "Conflicts - TensionsNortheast Asia"),
        ("headline", "first_title_line",
         "\u2018Expendable\u2019 North Korean troops ordered on futile missions in Russia\u2019s illegal war"),
        ("byline", "byline_pattern", "FORUM Staff"),
        ("boilerplate", "furniture_phrase", "Related Articles"),
        ("boilerplate", "furniture_phrase", "Leave a Reply"),
        ("boilerplate", "furniture_phrase",
         "Your email address will not be published. Required fields are marked *"),
        ("boilerplate", "furniture_phrase", "Back to top button"),
    ]
    assert len(doc.paragraphs) == 11
    body = " ".join(seed_text[s:e] for s, e in doc.paragraphs)
    assert body.startswith("North Korea\u2019s ill-prepared troops")
    assert body.endswith("\u201d Kirby said.")
    assert "Leave a Reply" not in body and "FORUM Staff" not in body


def test_offsets_point_into_the_original(seed_text):
    doc = clean_text(seed_text)
    for r in doc.removed:
        assert seed_text[r.start:r.end] == r.text
    assert seed_text[slice(*doc.headline)].startswith("\u2018Expendable")


def test_rules_are_general_on_another_page():
    page = ("Home > World > Europe\n\nPort strike spreads to three cities\n\nBy Maria Lopez\n\n"
            "March 3, 2025\n\nDock workers walked out on Monday, the union said, halting exports.\n\n"
            "Officials expect talks to resume next week, according to the ministry.\n\n"
            "Share this article\n\nAdvertisement\n\nSubscribe to our newsletter\n")
    doc = clean_text(page)
    rules = {r.text: (r.role, r.rule) for r in doc.removed}
    assert rules == {
        "Home > World > Europe": ("boilerplate", "breadcrumb"),
        "Port strike spreads to three cities": ("headline", "first_title_line"),
        "By Maria Lopez": ("byline", "byline_pattern"),
        "March 3, 2025": ("boilerplate", "date_line"),
        "Share this article": ("boilerplate", "furniture_phrase"),
        "Advertisement": ("boilerplate", "furniture_phrase"),
        "Subscribe to our newsletter": ("boilerplate", "furniture_phrase"),
    }
    assert len(doc.paragraphs) == 2


def test_crlf_and_lone_cr_line_ends():
    for nl in ("\r\n", "\r"):
        text = nl.join(["Markets rally", "", "Shares rose sharply on Tuesday after the central bank cut rates.", "", "Back to top"])
        doc = clean_text(text)
        assert [r.rule for r in doc.removed] == ["first_title_line", "furniture_phrase"]
        assert text[slice(*doc.paragraphs[0])] == "Shares rose sharply on Tuesday after the central bank cut rates."


def test_reuters_keeps_tables_and_drops_only_the_signoff(reuters_corpus):
    rules = set(reuters_corpus.cleaning["rule"])
    assert "wire_signoff" in rules
    # every document keeps a body, and hard-wrapped prose is never cut as furniture
    assert (reuters_corpus.documents["sentences"] > 0).all()
    assert reuters_corpus.cleaning["text"].str.split().str.len().max() <= 8
    # the earnings tables of results stories stay in the body
    assert reuters_corpus.tokens["norm"].eq("shr").sum() > 20
    # a wire story's hard-wrapped first line is never taken for a headline
    assert (reuters_corpus.cleaning["role"] == "headline").sum() <= 2


# The fast checks of lib/text/cleaning.py answer exactly what the regular expressions they replace answer.
_OLD_TERMINAL = re.compile(r"""[.!?:;]["')\]]*\s*$""")
_CLEANING_PIECES = ["Related Articles", "RELATED posts", "share", "Share this", "next", "Next article", "print",
                    "Advertisement", "copyright", "\u00a9", "Click HERE", "said", ".", "?", "!", ":", ";", "\"", "'",
                    ")", "]", "\u201d", "\u2019", " ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "x", "\u017fhare",
                    "PR\u0130NT", "\u212aeep", "subscribe to", "follow us", "comments"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_CLEANING_PIECES), max_size=12).map("".join))
def test_fast_checks_equal_the_regexes(text):
    assert ends_like_sentence(text) == bool(_OLD_TERMINAL.search(normalize_typography(text)))
    assert has_furniture_phrase(text) == bool(_FURNITURE.search(text))
    assert has_furniture_phrase(text.strip()) == bool(_FURNITURE.search(text.strip()))
