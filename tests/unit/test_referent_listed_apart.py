"""A party in a later point of a labelled list is not whom the nearest rule gives a hit to (round 26)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import listed_apart

EN = shipped_taxonomy("en").rules


@pytest.mark.parametrize(
    ("text", "hit", "party", "expected"),
    [
        # "Pros :" labels the line and a comma parts the hit's point from the party's
        ("pros : innovative culture , talented coworkers", (3, 4), (6, 7), True),
        ("advice to management : fix the culture ; friendly coworkers", (6, 7), (9, 10), True),
        # a conjunction between: the words describe one party ("racist , cowardly and incompetent leaders")
        ("cons : racist , cowardly and incompetent leaders", (2, 3), (7, 8), False),
        # no label opening the line, or no comma between
        ("the office has a toxic culture , rude coworkers everywhere", (5, 6), (8, 9), False),
        ("pros : culture of talented coworkers", (2, 3), (5, 6), False),
        # the label must open the hit's own line
        ("pros : pay \n and then a culture , helpful coworkers", (9, 10), (12, 13), False),
    ],
)
def test_a_later_point_of_a_labelled_list(text, hit, party, expected):
    words = text.split(" ")
    breaks = [k for k, w in enumerate(words) if "\n" in w]
    m = Mention(party[0], party[1], "colleagues")
    assert listed_apart(m, hit[0], hit[1], words, breaks, EN) is expected


def test_the_nearest_rule_leaves_a_point_without_its_party_at_none():
    assert by_concept("Pros: innovative culture, talented coworkers, free lunch")["norms"] == {"none"}
    assert by_concept("Cons: toxic culture, distant management, low pay")["norms"] == {"none"}
    assert by_concept("Minpunten: slechte cultuur, onvriendelijke collega's", "nl")["norms"] == {"none"}


def test_the_nearest_rule_keeps_one_party_described_and_a_party_before_or_unlabelled():
    assert by_concept("Cons: dishonest, lazy and rude managers")["integrity"] == {"leadership"}
    # no label: the sentence runs on, and the nearest party stays
    assert by_concept("The office has a toxic culture, rude coworkers everywhere.")["norms"] == {"colleagues"}
    # the party is in an earlier point: the rule looks after the hit only
    assert by_concept("Pros: supportive leadership, healthy culture")["norms"] == {"leadership"}
