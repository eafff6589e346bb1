"""Round 20 taxonomy words: companies in general name nobody, the reviewer's employer still does (guards)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("like most large companies , pay is low", []),
        ("compared to other employers the pay is low", []),
        ("one of the best companies to work for", [("best companies", "organisation")]),
        ("one of the best employers i have worked for", [("best employers", "organisation")]),
        ("the company is great", [("the company", "organisation")]),
        ("a great employer", [("employer", "organisation")]),
    ],
)
def test_companies_in_the_plural_name_nobody_but_the_best_ones_are_the_employer(text, expected):
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One of the best companies to work for, great culture.", {"norms": {"organisation"}}),
        ("The company does not care about anyone.", {"benevolence": {"organisation"}}),
        ("One of the few companies that truly care about employees.", {"benevolence": {"organisation"}}),
    ],
)
def test_the_employer_keeps_its_hits(text, expected):
    assert by_concept(text, "en") == expected


def test_a_driver_under_influence_is_no_bestuurder_but_the_board_still_is():
    assert mentions("bestuurders onder invloed van alcohol", "nl") == []
    assert by_concept("De bestuurders zijn verantwoordelijk voor het beleid.", "nl") == {
        "responsibility": {"leadership"}
    }
