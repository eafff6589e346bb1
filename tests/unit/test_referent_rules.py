"""Referent attribution rules of this round, row by row on the shipped taxonomies, without pipelines.

Each row is a sentence written as space-separated tokens (as the tokenizer
splits it), the hit's words, its concept, and the expected referent,
mention and rule (see tests/unit/test_referents.py for the older rules).
"""

from __future__ import annotations

import pytest
from referent_rows import run

CONJUNCTS = [
    # a party joined to the hit by a conjunction alone is a conjunct, not whose the hit is; the
    # nearest rule does not take it either
    (
        "en",
        "Cons : Absent leadership and unrealistic expectations",
        "unrealistic expectations",
        "vulnerability",
    ),
    ("en", "Cons : Weak management and office politics", "office politics", "norms"),
    ("en", "Pros : Nice crew , supervisors and culture", "culture", "norms"),
    ("en", "Strong work culture and team", "work culture", "norms"),
    ("en", "Pros : Solid job security and employee perks .", "job security", "vulnerability"),
    ("nl", "Er is veel onzekerheid en de directie zwijgt", "onzekerheid", "vulnerability"),
]


@pytest.mark.parametrize(("lang", "sentence", "hit", "concept"), CONJUNCTS)
def test_a_conjunct_party_is_not_the_referent(lang, sentence, hit, concept):
    assert run(lang, sentence, hit, concept) == ("none", "", "none")


@pytest.mark.parametrize(
    ("lang", "sentence", "hit", "concept", "expected"),
    [
        # a coordinated subject still counts when more than the conjunction stands between
        ("en", "Management lies and cheats", "cheats", "integrity", ("leadership", "Management", "pattern")),
        # of two parties joined as the subject, the first named (round 22: the coders' convention)
        ("en", "HR and management never listen", "listen", "communication",
         ("hr", "HR", "pattern")),
        ("nl", "Het bestuur en de directie communiceren slecht", "communiceren", "communication",
         ("leadership", "directie", "pattern")),
    ],
)  # fmt: skip
def test_a_party_before_more_than_a_conjunction_still_counts(lang, sentence, hit, concept, expected):
    assert run(lang, sentence, hit, concept) == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "hit", "concept", "expected"),
    [
        # a hit of a word and the party it describes is about that party, not one named before it
        ("en", "Pros : established firm with experienced managers", "experienced managers", "ability",
         ("leadership", "managers", "pattern")),
        ("nl", "Een groot bedrijf met betrokken leidinggevenden", "betrokken leidinggevenden", "benevolence",
         ("leadership", "leidinggevenden", "pattern")),
        # employees and customers inside a hit are its object: the party before it acts
        ("en", "Our company keeps supporting employees", "supporting employees", "benevolence",
         ("organisation", "company", "pattern")),
    ],
)  # fmt: skip
def test_a_party_a_hit_describes_is_its_referent(lang, sentence, hit, concept, expected):
    assert run(lang, sentence, hit, concept) == expected


@pytest.mark.parametrize(
    ("sentence", "hit", "concept", "expected"),
    [
        # the city one lives in is a place, not its government
        ("We need more safety in the city", "safety", "risk", ("none", "", "none")),
        ("Rents will push me out of the city soon", "push", "vulnerability", ("none", "", "none")),
        ("I miss the culture this city had", "culture", "norms", ("none", "", "none")),
        # a mention that goes on past the phrase is still the government
        ("I have no trust in the city council", "trust", "trust",
         ("government", "the city council", "pattern")),
        ("The city lies to us", "lies", "integrity", ("government", "The city", "pattern")),
    ],
)  # fmt: skip
def test_the_city_as_a_place_is_no_government(sentence, hit, concept, expected):
    assert run("en", sentence, hit, concept) == expected
