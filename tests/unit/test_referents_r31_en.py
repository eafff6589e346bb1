"""English referents (round 31): more frames that say a name is an employer, and the employees they take."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.proper_names import learned_names


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # what the name is taken as: a culture, a company
        ("HCA as a culture doesn\u2019t care.", "benevolence"),
        ("Pros: ADP does have a great culture.", "norms"),
        # who cares for, values or treats its employees is an employer; the employees lose the hit to it,
        # as they do to any other party named
        ("Pros: ADM Cares for its employees", "benevolence"),
        ("Union Pacific does not value their employees.", "benevolence"),
        ("9 Amazing Years \u2013 Salesforce Truly Cares About Its People", "benevolence"),
    ],
)
def test_a_new_frame_makes_the_name_the_organisation(text, concept):
    assert by_concept(text)[concept] == {"organisation"}


@pytest.mark.parametrize(
    ("text", "concept", "referent"),
    [
        # no name: a pronoun, a party's own term with a capital, a name that is no subject of the caring
        ("They care about their employees.", "benevolence", "employees"),
        ("Management really cares about their employees.", "benevolence", "leadership"),
        ("Derek values his employees.", "benevolence", "employees"),
    ],
)
def test_no_name_where_none_cares(text, concept, referent):
    assert by_concept(text)[concept] == {referent}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name as short as it can be, less the adverb and verb a title capitalises
        ("9 Amazing Years \u2013 Salesforce Truly Cares About Its People", ("Salesforce",)),
        ("Bank of America really takes care of its employees.", ("Bank of America",)),
        ("Great Place, Truly Cares About Its People", ()),
        ("HCA as a culture doesn't care. Amazon as an employer is fine.", ("HCA", "Amazon")),
    ],
)
def test_the_names_the_new_frames_learn(text, expected):
    got = learned_names(text, shipped_taxonomy("en").rules)
    assert got == ((("organisation", expected),) if expected else ())


def test_a_term_with_a_capital_is_no_name():
    tax = shipped_taxonomy("en")
    text = "Management really cares about their employees. Leadership has a toxic culture."
    assert learned_names(text, tax.rules) == (("organisation", ("Leadership", "Management")),)
    assert learned_names(text, tax.rules, tax.words, tax.cased) == ()


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        # employees an ability hit describes, as their adjective or predicate, are the colleagues
        ("Pros: Benefits, office setting, competent staff", "colleagues"),
        ("Cons: Inexperienced employees as they focus on lower pay.", "colleagues"),
        ("Employees are generally knowledgeable.", "colleagues"),
        ("Old staff that don\u2019t really know what they\u2019re doing.", "colleagues"),
        # employees it does not describe (an object, a conjunct, out of reach) are nobody, as before
        ("Better training of utility employees!", "none"),
        ("No focus on employee growth or talent.", "none"),
        ("They purchase without foresight into how to integrate staff.", "none"),
        # another party named still comes first
        ("Management is incompetent and the employees suffer.", "leadership"),
    ],
)
def test_employees_an_ability_describes_are_the_colleagues(text, referent):
    assert by_concept(text)["ability"] == {referent}


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        # the employees trusted, with nobody else named, are the party of trust (coded so in train)
        ("Micromanagement; little trust if the employees", "employees"),
        ("They do not trust employees to do their work.", "employees"),
        # another party named comes first, truster or trusted
        ("Employees do not trust management.", "leadership"),
        ("Management does not trust the employees.", "leadership"),
    ],
)
def test_the_employees_trusted_are_the_party_of_trust(text, referent):
    assert by_concept(text)["trust"] == {referent}
