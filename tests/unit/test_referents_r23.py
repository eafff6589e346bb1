"""English referents 0.18.0 (round 23): employees who dare not speak up are the party of courage."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # employees alone named: theirs is the silence (a review of the train split, round 6+)
        (
            "- Low Morale: High turnover; many employees stay silent or leave due to burnout or frustration.",
            "employees",
        ),
        ("Employees are afraid to speak up.", "employees"),
        # another party named wins, as for care and pressure: the codebook's rule for employees
        ("Management is afraid to speak up for employees.", "leadership"),
        # a pronoun or "people" alone still names nobody
        ("People are afraid to speak up.", "none"),
    ],
)
def test_courage_of_employees_where_nobody_else_is_named(text, expected):
    assert by_concept(text)["courage"] == {expected}
