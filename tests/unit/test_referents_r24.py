"""English referents 0.20.0 (round 24): the hiring and recruitment team is HR."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who recruit for the employer, as the recruiting team does (a review of the train split, round 6+)
        (
            "- Hiring Team will make promises that will not be honored once hired, only thing they can "
            "promise is your starting pay, everything else is fluff.",
            "hr",
        ),
        ("The recruitment team lied about the salary range.", "hr"),
    ],
)
def test_hiring_team_is_hr(text, expected):
    got = by_concept(text)
    assert got, text
    assert {r for refs in got.values() for r in refs} == {expected}


def test_hiring_manager_stays_leadership():
    # the boss one is hired by is no recruiter: the longer "hiring manager" keeps its table
    assert ("hiring manager", "leadership") in mentions("the hiring manager was rude")
    assert ("hiring team", "hr") in mentions("the hiring team was rude")
    assert ("recruiting manager", "hr") in mentions("the recruiting manager was rude")
