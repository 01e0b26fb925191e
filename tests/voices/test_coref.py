"""People within a document: pronoun gender from the text, "he"/"she" and role nouns resolved."""
from lib.voices import coref


def _people(text: str, names: list[str]) -> list[tuple[int, str]]:
    """(offset, full name) of every mention of each name in ``text``, in full or by its last word (as
    the entity rules give them: the offset of the mention's first word)."""
    import re
    out = []
    for name in names:
        full = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
        last = [m.start() for m in re.finditer(rf"\b{re.escape(name.split()[-1])}\b", text)
                if not any(f <= m.start() < f + len(name) for f in full)]
        out += [(at, name) for at in full + last]
    return sorted(out)


def test_mrs_and_mr_say_which_pronoun_is_whose():
    # PolNeAR nyt_2016-03-04_republicans-have-stake-in-a-deal (tune part): "she" is Mrs. Clinton,
    # although Mr. Obama is named after her.
    t = ("Should they continue to rebuff any nominee, there is also the possibility that Mrs. Clinton, if elected, "
         "might nominate Mr. Obama himself, a prospect sure to horrify many Republicans. She said so in Iowa "
         "earlier this year in response to a voter's question.")
    people = _people(t, ["Hillary Clinton", "Barack Obama"])
    genders = coref.person_genders(coref.sentence_tokens(t), people)
    assert genders == {"Hillary Clinton": "f", "Barack Obama": "m"}
    assert coref.resolve_pronoun("She", t.index("She said"), people, genders) == "Hillary Clinton"
    assert coref.resolve_pronoun("he", t.index("She said"), people, genders) == "Barack Obama"


def test_a_pronoun_follows_the_mention_it_refers_to():
    t = "Ann Lee met reporters. She said no. Later Bob Day left; he was late."
    people = _people(t, ["Ann Lee", "Bob Day"])
    assert coref.person_genders(coref.sentence_tokens(t), people) == {"Ann Lee": "f", "Bob Day": "m"}


def test_names_and_pronouns_inside_quotation_marks_are_left_out():
    t = 'Ann Lee spoke first. "I told Bob Day he was wrong," she said.'
    people = _people(t, ["Ann Lee", "Bob Day"])
    quote = (t.index('"') + 1, t.index(',"'))
    assert coref.resolve_pronoun("she", t.index("she said"), people, {}, quotes=[quote]) == "Ann Lee"
    assert coref.person_genders(coref.sentence_tokens(t), people, [quote]) == {"Ann Lee": "f"}


def test_roles_come_from_titles_and_appositions():
    # PolNeAR wash-post and politico tune sentences: "White House press secretary Josh Earnest";
    # "Sen. Tammy Baldwin of Wisconsin"
    t = ("White House press secretary Josh Earnest spoke on Monday. Sen. Tammy Baldwin of Wisconsin, "
         "a Democrat and a former lawmaker in the state assembly, said nothing.")
    people = _people(t, ["Josh Earnest", "Tammy Baldwin"])
    roles = coref.person_roles(coref.sentence_tokens(t), people)
    assert roles == {"Josh Earnest": {"secretary"}, "Tammy Baldwin": {"senator", "lawmaker"}}
    assert coref.resolve_role(["the", "senator"], len(t), people, roles) == "Tammy Baldwin"
    assert coref.resolve_role(["the", "spokesman"], len(t), people, roles) is None  # nobody's role, no protagonist role


def test_inside_checker_merges_overlapping_spans():
    inside = coref.inside_checker([(5, 9), (0, 3), (8, 12)])
    assert [x for x in range(14) if inside(x)] == [0, 1, 2, 5, 6, 7, 8, 9, 10, 11]
