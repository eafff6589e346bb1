"""Referent attribution rules of round 12, on the shipped taxonomies.

Rows are sentences written as space-separated tokens (as the tokenizer
splits it), the hit's words, its concept and the expected referent, mention
and rule, as in tests/unit/test_referent_rules.py; line breaks and the
concepts a term is limited to go through a real pipeline.
"""

from __future__ import annotations

import pytest
from referent_rows import run

import trustlex
from trustlex.matching.mentions import Mention, named_parties


def test_dutch_judges_by_their_court_and_departments_are_the_government():
    # "kinderrechter", "kantonrechter" are judges; a "departement" is a ministry
    assert run("nl", "de bevoegdheden van de kinderrechter worden beperkt", "bevoegdheden", "control") == (
        "government",
        "kinderrechter",
        "pattern",
    )
    assert run("nl", "De kantonrechter toetst de ontbinding", "toetst", "control") == (
        "government",
        "kantonrechter",
        "pattern",
    )
    assert run(
        "nl", "de departementale accountantsdienst kan de gegevens controleren", "controleren", "control"
    ) == (
        "government",
        "departementale",
        "pattern",
    )
    # a referee is no judge
    assert run("nl", "De scheidsrechter bleek omkoopbaar", "omkoopbaar", "integrity") == ("none", "", "none")


def test_the_modifier_of_a_compound_names_no_party():
    # "branch managers": the managers, not the branch
    assert run(
        "en", "lack of communication between branch managers and staff", "communication", "communication"
    ) == (
        "leadership",
        "managers",
        "pattern",
    )


def test_named_parties_drop_a_compound_modifier():
    modifier, head = Mention(2, 3, "organisation"), Mention(3, 4, "leadership")
    assert named_parties([modifier, head]) == [head]
    apart = [Mention(0, 1, "organisation"), Mention(2, 3, "leadership")]
    assert named_parties(apart) == apart


def test_employees_give_way_only_to_a_party_on_their_line():
    employees, leaders = Mention(5, 6, "employees"), Mention(1, 2, "leadership")
    assert named_parties([leaders, employees], breaks=[3]) == [leaders, employees]
    assert named_parties([leaders, employees], breaks=[7]) == [leaders]
    assert named_parties([leaders, employees]) == [leaders]


@pytest.fixture(scope="module")
def english(nlp_en):
    return nlp_en


def test_a_review_line_of_its_own_keeps_its_employees(english):
    text = "Pros: Transparent leadership\nFlexibility\nFocus on employee well-being and growth"
    rows = trustlex.score_texts([text], lang="en", level="match", nlp=english)
    got = {(r.concept, r.referent, r.referent_text) for r in rows.itertuples() if r.concept == "benevolence"}
    assert got == {("benevolence", "employees", "employee")}
    # on one line, the leadership named there still speaks for the hit
    rows = trustlex.score_texts([text.replace("\n", " ")], lang="en", level="match", nlp=english)
    got = {(r.concept, r.referent) for r in rows.itertuples() if r.concept == "benevolence"}
    assert got == {("benevolence", "leadership")}


GENITIVES = [
    # the party after "van" / "of" is the complement of the one before it, which is the subject
    (
        "nl",
        "Bewoners van de gemeente voelen zich onveilig",
        "voelen zich onveilig",
        "vulnerability",
        ("customers", "Bewoners", "pattern"),
    ),
    (
        "nl",
        "De directeur van het bedrijf is niet eerlijk",
        "is niet eerlijk",
        "integrity",
        ("leadership", "directeur", "pattern"),
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "hit", "concept", "expected"), GENITIVES)
def test_the_head_of_a_genitive_is_the_subject(lang, sentence, hit, concept, expected):
    assert run(lang, sentence, hit, concept) == expected
    # the complement alone is the subject as before
    alone = sentence.split(" van ")[1]
    assert (
        run(lang, alone, hit, concept)[0]
        == {"gemeente": "government", "bedrijf": "organisation"}[alone.split()[1]]
    )


def test_a_dutch_code_of_law_is_the_government_as_a_law_is():
    # "wet" was a term, its codes ("Wetboek van Strafvordering", "Burgerlijk Wetboek") were not
    assert run("nl", "de toets van het Burgerlijk Wetboek", "toets", "control") == (
        "government",
        "Wetboek",
        "pattern",
    )
    assert run("nl", "een toets volgens het Belastingwetboek", "toets", "control") == (
        "government",
        "Belastingwetboek",
        "pattern",
    )
