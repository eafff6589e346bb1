"""English referents 0.23.0 (round 27): read on other uncoded reviews.

"patient" the adjective is no patient, a team as a manner of working ("team oriented", "team-based", "team
players") is no team, leadership skills are nobody's, one's direct superiors are one's own bosses, and an
industry or market leader is a company.
"""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    "text",
    [
        "Everybody is super helpful and patient with you",
        "Decent hours but trainers aren't patient with you.",
        "Role is for clinical support and is patient facing but sales pressure is still present.",
    ],
)
def test_patient_the_adjective_is_no_customer(text):
    assert "customers" not in {r for refs in by_concept(text).values() for r in refs}


def test_patients_the_nouns_stay_the_customers():
    assert ("patient", "customers") in mentions("the patient was treated with respect")
    assert by_concept("The nurses do not care about the patients.")["benevolence"] == {"colleagues"}
    assert ("patients", "customers") in mentions("patients trust the nurses")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Pros: The work environment was team-based, collaborative, consistent.", "discipline"),
        ("Pros: Hybrid opportunities, Team oriented, learning new tools and skills is encouraged", "ability"),
        ("Plus, the culture doesn't promote heroes but rather asks everyone to be team players.", "norms"),
        ("Team Oriented atmosphere, even when working in a sales based position.", "norms"),
    ],
)
def test_a_team_as_a_manner_of_working_is_no_team(text, concept):
    assert by_concept(text)[concept] == {"none"}


def test_the_team_itself_stays_the_colleagues():
    assert by_concept("Pros: The team is collaborative and consistent.")["discipline"] == {"colleagues"}
    assert by_concept("Supportive team, flexible culture.")["benevolence"] == {"colleagues"}


def test_leadership_skills_are_nobodys():
    text = (
        "Promotions are not based on qualifications, knowledge, leadership skills, but based on who you are "
        "related to or your kissing up skills."
    )
    assert by_concept(text)["integrity"] == {"none"}
    assert mentions("great leadership skills") == []
    # leadership stays the managers, management skills stay nobody's as before
    assert by_concept("Leadership lacks the skills to run this place.")["ability"] == {"leadership"}
    assert mentions("good management skills") == []


def test_direct_superiors_are_ones_own_bosses():
    text = "You have to figure things out on your own as your direct superiors do not support you at all."
    assert by_concept(text)["benevolence"] == {"direct_manager"}
    # superiors alone stay management
    assert by_concept("Superiors do not support you at all.")["benevolence"] == {"leadership"}


def test_an_industry_leader_is_a_company():
    text = "Cons: While being a technology industry leader, TI falls short on communication overall."
    assert by_concept(text)["communication"] == {"organisation"}
    assert ("market leader", "organisation") in mentions("a market leader in payments")
    # a leader alone stays a manager
    assert by_concept("Our leader never communicates with the team.")["communication"] == {"leadership"}
