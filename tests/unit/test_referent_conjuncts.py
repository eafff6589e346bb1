"""Two parties joined by "and" as a hit's subject: the first named is whose the hit is (round 22)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept
from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_conjuncts import leading

RULES = ReferentWords(
    boundaries=frozenset({"but"}),
    determiners=frozenset({"the", "my"}),
    conjunctions=frozenset({"and", "&", "or"}),
)


def _pair(text: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> tuple:
    words = text.split()
    parties = [Mention(*first), Mention(*second)]
    return words, parties, [m.start for m in parties]


@pytest.mark.parametrize(
    ("text", "first", "second", "hit", "expected"),
    [
        # words between the pair and the hit: the subject of both
        ("hr and management never listen", (0, 1, "hr"), (2, 3, "leadership"), (4, 5), "hr"),
        (
            "the managers and the staff are rude",
            (1, 2, "leadership"),
            (4, 5, "colleagues"),
            (6, 7),
            "leadership",
        ),
        # the hit starts with the second and says something of it (two words more)
        ("managers and coworkers are nice", (0, 1, "leadership"), (2, 3, "colleagues"), (2, 5), "leadership"),
        # touching the hit: only a pair that opens its clause
        ("hr and management sabotage", (0, 1, "hr"), (2, 3, "leadership"), (3, 4), "hr"),
        ("pros : hr and management sabotage", (2, 3, "hr"), (4, 5, "leadership"), (5, 6), "hr"),
        (
            "good management and team atmosphere",
            (1, 2, "leadership"),
            (3, 4, "colleagues"),
            (4, 5),
            "colleagues",
        ),
        # a hit of the party and one word more may be a compound: "team support"
        (
            "great supervisor and team support",
            (1, 2, "direct_manager"),
            (3, 4, "colleagues"),
            (3, 5),
            "colleagues",
        ),
        # no conjunction alone between them, or the same party twice
        ("hr , management never listen", (0, 1, "hr"), (2, 3, "leadership"), (4, 5), "leadership"),
        ("hr but management never listen", (0, 1, "hr"), (2, 3, "leadership"), (4, 5), "leadership"),
    ],
)
def test_the_first_of_a_subject_pair(text, first, second, hit, expected):
    words, parties, starts = _pair(text, first, second)
    got = leading(parties[1], *hit, parties, starts, words, RULES)
    assert got.referent == expected


def test_a_party_after_the_hit_none_and_rules_without_conjunctions_stay():
    words, parties, starts = _pair("trust between hr and management", (2, 3, "hr"), (4, 5, "leadership"))
    assert leading(parties[1], 0, 1, parties, starts, words, RULES) is parties[1]  # an object, after the hit
    assert leading(None, 0, 1, parties, starts, words, RULES) is None
    words, parties, starts = _pair("hr and management never listen", (0, 1, "hr"), (2, 3, "leadership"))
    assert leading(parties[1], 4, 5, parties, starts, words, ReferentWords()) is parties[1]


def test_the_shipped_conjunctions_are_each_languages_own():
    assert {"and", "&", "or"} <= shipped_taxonomy("en").rules.conjunctions
    assert "en" in shipped_taxonomy("nl").rules.conjunctions


def test_the_tagger_keeps_a_list_item_and_an_object_pair():
    # an item of a list whose second party modifies the hit, and the pair after a trust word
    assert by_concept("Pros: Great supervisor and team support.") == {"benevolence": {"colleagues"}}
    assert by_concept("Cons: Lots of micro management and corporate red tape.")["control"] == {
        "leadership",
        "organisation",
    }
    assert by_concept("There is distrust between the management and the staff.") == {"trust": {"leadership"}}
