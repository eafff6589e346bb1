"""English referents 0.22.0 (round 26): read on other uncoded reviews and privacy policies.

A district manager by the initials "DM", fellow baristas, the site owner of another web site and public
bodies of privacy policies by their name are named; Microsoft Teams, people skills, customer inquiries, a
web site experience, and "store" and "place" the verbs name nobody.
"""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


def _all(text: str) -> set[str]:
    got = by_concept(text)
    assert got, text
    return {r for refs in got.values() for r in refs}


def test_dm_in_capitals_is_the_district_manager():
    assert by_concept("DMs are very untrustworthy.")["trust"] == {"leadership"}
    assert by_concept("Our DM had no empathy for the staff.")["benevolence"] == {"leadership"}
    # a direct message in lowercase is nobody
    assert mentions("send me a dm about it", cased=True) == []


def test_fellow_workers_are_the_colleagues():
    text = "Reviewers praise the supportive relationships they have built with their fellow baristas."
    assert by_concept(text)["benevolence"] == {"colleagues"}
    assert ("fellow employee", "colleagues") in mentions("a fellow employee will help you")
    assert mentions("a research fellowship") == []


def test_microsoft_teams_is_no_team():
    text = "There are unrealistic deadlines, like moving everyone to Microsoft Teams within a month."
    assert by_concept(text)["vulnerability"] == {"none"}
    # the teams of one's employer stay the colleagues
    assert by_concept("There are unrealistic deadlines set by the teams upstream.")["vulnerability"] == {
        "colleagues"
    }


def test_people_skills_are_the_skilled_ones():
    assert by_concept("Supportive managers with great people skills.")["ability"] == {"leadership"}
    # people who are able stay the colleagues
    assert by_concept("Great people, very talented.")["ability"] == {"colleagues"}


def test_customer_inquiries_name_no_customer():
    text = "The training prepared me to handle customer inquiries with confidence."
    assert _all(text) == {"none"}
    assert mentions("rude customer complaints") == []
    assert ("customers", "customers") in mentions("customers have confidence in us")


def test_site_owner_is_an_organisation():
    text = "Before you go, the site owner is responsible for what is on their site."
    assert by_concept(text)["responsibility"] == {"organisation"}
    # an owner of the business stays a manager
    assert by_concept("The owner is responsible for every mistake.")["responsibility"] == {"leadership"}


@pytest.mark.parametrize(
    "text",
    [
        "If you turn cookies off, you lose features that make your Site experience more efficient.",
        "We welcome your questions, comments, and concerns about this Site.",
        "We have adopted this policy to explain how we collect, store, disclose and protect your data.",
        "Our system does not read or place anything on your hard drive when checking your browser's "
        "capabilities.",
    ],
)
def test_site_experience_and_the_verbs_store_and_place_name_nobody(text):
    assert _all(text) == {"none"}


def test_store_and_place_the_nouns_stay_the_organisation():
    assert by_concept("Customers harassed me and the store did nothing to help.")["responsibility"] == {
        "organisation"
    }
    assert ("place", "organisation") in mentions("a great place to work")


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "The National Archives is not responsible for the accuracy of information on linked sites.",
            "responsibility",
        ),
        (
            "The Federal Reserve Bank monitors this site for unauthorized attempts to change information.",
            "control",
        ),
        (
            "We would share your e-mail with another federal government agency only if your inquiry related "
            "to that agency.",
            "communication",
        ),
    ],
)
def test_public_bodies_of_privacy_policies_are_the_government(text, concept):
    assert by_concept(text)[concept] == {"government"}


def test_a_bare_agency_or_administration_stays():
    assert by_concept("The agency is not responsible for delays.")["responsibility"] == {"organisation"}
    assert ("records administration", "government") in mentions(
        "the national archives and records administration"
    )
    assert ("administration", "leadership") in mentions("the administration never listens")


def test_college_as_a_benefit_names_nobody():
    text = "Pros: 30% discount, diversity, fast paced, chill dress code, free online college through asu"
    assert _all(text) == {"none"}
    assert mentions("they pay your college tuition") == []
    # the college as the employer stays the organisation
    assert ("the college", "organisation") in mentions("the college does not care about its staff")
