"""English referents 0.21.0 (round 25): read on uncoded reviews, survey comments and privacy policies.

A web site where one visits or data is kept, an organization as tidiness, a user id, the administration of
a programme and the Better Business Bureaus name nobody; a permit department, the police chief and the
C-suite by their full titles are named; employees willing to help are the colleagues.
"""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions
from trustlex.lexicon.referents import shipped_taxonomy


def _all(text: str) -> set[str]:
    got = by_concept(text)
    assert got, text
    return {r for refs in got.values() for r in refs}


@pytest.mark.parametrize(
    "text",
    [
        # a privacy policy's site as the place one visits: the hits are the writer's ("we"), no party's
        "If you use the Contact Us form on our site, we will respond to your inquiry and delete the "
        "information provided after your request has been fulfilled.",
        "If you are located outside of the U.S., you use this Site at your own risk and initiative and you, "
        "not us, are responsible for compliance with any applicable local and national laws.",
        "We use the information that you provide for such purposes as responding to your requests, "
        "customizing future browsing for you, improving our site, and communicating with you.",
    ],
)
def test_site_as_a_place_names_nobody(text):
    assert _all(text) == {"none"}


def test_site_as_the_subject_stays_the_organisation():
    text = (
        "This Site is committed to complying with the Self-Regulatory Principles for Online Behavioral "
        "Advertising."
    )
    assert _all(text) == {"organisation"}
    assert ("site", "organisation") in mentions("the site is committed to privacy")
    assert mentions("visit our site") == []
    assert mentions("visit the safe harbor web site") == []


def test_organization_as_tidiness_names_nobody():
    text = (
        "Cons: Holiday pay is taken away, lack of organization, delivery trucks are poorly maintained and "
        "sometimes unsafe"
    )
    assert _all(text) == {"none"}
    assert mentions("no organization at all") == []
    # the organization as the employer stays
    assert ("organization", "organisation") in mentions("the organization does not value its people")


def test_user_id_names_no_user():
    # the tokenizer splits "ID" into "I D": both spellings are excluded
    text = (
        "You are solely responsible for maintaining the strict confidentiality of your User ID, "
        "if applicable."
    )
    assert by_concept(text)["control"] == {"none"}
    assert mentions("your user id") == []
    assert mentions("post user content") == []
    # users who act stay the customers
    got = by_concept("Users are solely responsible for their own conduct.")
    assert got["responsibility"] == {"customers"}


def test_administration_of_a_programme_names_nobody():
    assert mentions("contacting you regarding the administration of your account") == []
    assert mentions("to the extent that administration of the program requires us") == []
    assert ("administration", "leadership") in mentions("the administration never listens")


def test_better_business_bureaus_are_no_government():
    text = (
        "We use the BBB EU Safe Harbor Program, which is operated by the Council of Better Business Bureaus."
    )
    assert "government" not in _all(text)
    assert ("the city council", "government") in mentions("the city council ignores us")


def test_owner_of_the_information_is_no_manager():
    assert mentions("redorbit is the sole owner of the information collected on this site") == []
    assert ("owner", "leadership") in mentions("the owner is rude to staff")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Permit dept. is a disaster.", "control"),
        ("FIX THE PERMIT REVIEW DEPT, DEVELOPMENT IS NOT GOING AWAY", "control"),
    ],
)
def test_permit_department_is_the_government(text, concept):
    assert by_concept(text)[concept] == {"government"}


def test_police_and_fire_chiefs_are_the_government():
    assert ("police chief", "government") in mentions("the police chief")
    assert ("chief of police", "government") in mentions("the chief of police")
    assert ("fire chief", "government") in mentions("the fire chief")


def test_chief_officers_are_leadership():
    text = (
        "The previous Chief Data Officer (CDO), coming from a consulting background, lacked the expertise "
        "to manage operations effectively."
    )
    assert by_concept(text)["ability"] == {"leadership"}
    assert ("chief operating officer", "leadership") in mentions("the chief operating officer")


def test_employees_willing_to_help_are_the_colleagues():
    assert by_concept("Pros: Employees are very kind and willing to help.")["benevolence"] == {"colleagues"}
    assert "willing" in shipped_taxonomy("en").rules.qualities
    # employees as the object of care stay theirs
    assert by_concept("Constant change with little to no thought in how it affects frontline employees.")[
        "benevolence"
    ] == {"employees"}


def test_a_lack_of_staff_is_nobody_s():
    text = "Streets have potholes, pools are closed for lack of staff."
    assert by_concept(text)["vulnerability"] == {"none"}
    # overworked staff stay the employees, who feel it
    assert by_concept("Staff are overworked and underpaid.")["vulnerability"] == {"employees"}


def test_college_as_a_stage_of_life_is_no_organisation():
    assert mentions("i want to go into politics after college") == []
    assert ("the college", "organisation") in mentions("the college is not responsible for external links")
