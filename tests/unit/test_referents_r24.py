"""English referents 0.20.0 (round 24): the hiring team is HR; a pronoun opening a line takes up the party."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions
from trustlex.lexicon.referents import shipped_taxonomy


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun opening the hit's line takes up the party on the line before (a survey comment)
        ("The mayor is doing a great job\nHe appears to care for all .", "government"),
        ("Cons: Management\nThey never listen", "leadership"),
        # without the pronoun the nearest rule stays on the hit's line
        ("The mayor is doing a great job\nAppears to care for all .", "none"),
        # a pronoun in another sentence takes up nobody: the party must be in the sentence itself
        ("The mayor is doing a great job.\nHe appears to care for all.", "none"),
    ],
)
def test_pronoun_opening_a_line_takes_up_the_party_before(text, expected):
    concept = "communication" if "listen" in text else "benevolence"
    assert by_concept(text)[concept] == {expected}


def test_pronouns_are_english_rule_words():
    assert {"he", "she", "they"} <= shipped_taxonomy("en").rules.pronouns
    assert not shipped_taxonomy("nl").rules.pronouns  # Dutch keeps its nearest rule on the hit's line
