"""Round 21 taxonomy words: services and structures name nobody, the city of safety is the place (guards)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client care support", []),
        ("high turnover in client support", []),
        ("a customer success manager", [("manager", "direct_manager")]),
        ("patient care is rushed", []),
        ("the org structures are complicated", []),
        ("the org is complicated", [("org", "organisation")]),
        ("the organizational culture is political", [("organizational culture", "organisation")]),
        ("our clients are rude", [("clients", "customers")]),
    ],
)
def test_a_customer_of_a_service_or_an_org_structure_names_nobody(text, expected):
    assert mentions(text) == expected


def test_the_city_of_safety_and_affordability_is_the_place_but_it_still_acts():
    # English referents 0.15.0: "city" and "the city" name the government for every concept but
    # risk and vulnerability, where the city is the place one lives in
    assert by_concept("The city is becoming far too expensive to live in.") == {"vulnerability": {"none"}}
    assert by_concept("The city does a poor job of planning.") == {"ability": {"government"}}
    assert by_concept("The city should stop lying to residents.") == {"integrity": {"government"}}
    assert by_concept("Police are dangerous here.") == {"risk": {"government"}}


def test_those_one_serves_cause_pressure_but_the_public_feels_it_and_customers_stay_parties():
    # English referents 0.15.0: customers, clients, guests, patients and users name no party of
    # vulnerability; residents, citizens and the public still do, and customers do of other concepts
    assert by_concept("Cons: rude customers make the job draining.") == {"vulnerability": {"none"}}
    assert by_concept("Residents are being priced out.") == {"vulnerability": {"customers"}}
    assert by_concept("They do not care about their clients.") == {"benevolence": {"customers"}}
    assert mentions("better customer service please") == []
