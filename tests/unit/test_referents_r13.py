"""Referent attribution rules and taxonomy terms of round 13, on the shipped taxonomies.

Rows are sentences written as space-separated tokens (as the tokenizer
splits it), the hit's words, its concept and the expected referent, mention
and rule, as in tests/unit/test_referent_rules.py.
"""

from __future__ import annotations

import pytest
from referent_rows import run


@pytest.mark.parametrize(
    ("sentence", "hit", "concept", "expected"),
    [
        # the hyphen of "co-workers" or "higher-ups" ends no clause: the party is the hit's subject
        ("My co - workers are dishonest", "dishonest", "integrity",
         ("colleagues", "co - workers", "pattern")),
        ("The higher - ups lie constantly", "lie", "integrity", ("leadership", "higher - ups", "pattern")),
        ("Honest co - workers", "Honest", "integrity", ("colleagues", "co - workers", "pattern")),
        # a hyphen between two points still ends the clause
        ("Great pay - management lies", "Great pay", "vulnerability",
         ("leadership", "management", "nearest")),
    ],
)  # fmt: skip
def test_a_hyphen_inside_a_mention_ends_no_clause(sentence, hit, concept, expected):
    assert run("en", sentence, hit, concept) == expected


@pytest.mark.parametrize(
    ("sentence", "hit", "concept", "expected"),
    [
        # two phrases of one length overlap: the leftmost won, "our team" over "team lead"
        ("Our team lead is dishonest", "dishonest", "integrity",
         ("direct_manager", "Our team lead", "pattern")),
        # an HR manager is HR, the city manager the city's; neither is one's own manager
        ("The HR manager lied to us", "lied", "integrity", ("hr", "HR manager", "pattern")),
        ("The city manager is dishonest", "dishonest", "integrity",
         ("government", "The city manager", "pattern")),
        # common misspellings and names of the top
        ("Middle managment is dishonest", "dishonest", "integrity",
         ("leadership", "Middle managment", "pattern")),
        ("The executive team is dishonest", "dishonest", "integrity",
         ("leadership", "executive team", "pattern")),
        ("The board members are dishonest", "dishonest", "integrity",
         ("leadership", "The board members", "pattern")),
        ("The department head is dishonest", "dishonest", "integrity",
         ("leadership", "department head", "pattern")),
        # sales and service reps under pressure are employees
        ("Reps are overworked", "overworked", "vulnerability", ("employees", "Reps", "pattern")),
    ],
)  # fmt: skip
def test_english_party_words(sentence, hit, concept, expected):
    assert run("en", sentence, hit, concept) == expected


@pytest.mark.parametrize(
    ("sentence", "hit", "concept", "expected"),
    [
        # "staff members" and "crew members" were customers ("members"; the modifier drops out)
        ("Staff members are kind and helpful", "helpful", "benevolence",
         ("colleagues", "Staff members", "pattern")),
        ("The people I work with are helpful", "helpful", "benevolence",
         ("colleagues", "The people I work with", "pattern")),
        ("My superiors are dishonest", "dishonest", "integrity",
         ("direct_manager", "My superiors", "pattern")),
        ("Human resource is dishonest", "dishonest", "integrity", ("hr", "Human resource", "pattern")),
        ("The governor is dishonest", "dishonest", "integrity", ("government", "governor", "pattern")),
    ],
)  # fmt: skip
def test_more_english_party_words(sentence, hit, concept, expected):
    assert run("en", sentence, hit, concept) == expected


@pytest.mark.parametrize(
    ("sentence", "hit", "concept", "expected"),
    [
        # "*leiding" would take "opleiding" and "begeleiding": the leadership compounds one by one
        ("De concernleiding liegt", "liegt", "integrity", ("leadership", "concernleiding", "pattern")),
        ("De schoolleiding communiceert slecht", "communiceert", "communication",
         ("leadership", "schoolleiding", "pattern")),
        ("De ziekenhuisdirectie communiceert slecht", "communiceert", "communication",
         ("leadership", "ziekenhuisdirectie", "pattern")),
        ("Het hoofdkantoor communiceert slecht", "communiceert", "communication",
         ("organisation", "hoofdkantoor", "pattern")),
        ("B&W zijn verantwoordelijk", "verantwoordelijk", "responsibility", ("government", "B&W", "pattern")),
        ("De begeleiding is eerlijk", "eerlijk", "integrity", ("none", "", "none")),
    ],
)  # fmt: skip
def test_dutch_party_words(sentence, hit, concept, expected):
    assert run("nl", sentence, hit, concept) == expected


def test_who_writes_about_management_leads_nobody():
    # "management*" took "managementgoeroe": a guru or consultant of management is no leader
    sentence = "De managementgoeroe Stephen Covey schreef over vertrouwen"
    assert run("nl", sentence, "vertrouwen", "trust") == ("none", "", "none")
    assert run("nl", "Het managementteam liegt", "liegt", "integrity") == (
        "leadership",
        "managementteam",
        "pattern",
    )


def test_a_hit_that_describes_a_party_beats_the_party_right_before_it():
    # "Horrible Management" is about the management, not the company named right before it
    sentence = "Great Company Horrible Management"
    assert run("en", sentence, "Horrible Management", "ability") == ("leadership", "Management", "pattern")
    # the employees inside a hit stay its object: the party before it acts
    sentence = "Our company supporting employees"
    assert run("en", sentence, "supporting employees", "benevolence") == (
        "organisation",
        "company",
        "pattern",
    )
