"""A party in a later point of a labelled list is not whom the nearest rule gives a felt hit to (round 26)."""

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


def test_the_nearest_rule_leaves_a_felt_point_without_its_party_at_none():
    # pressure, workload and job security are felt (the [rules] felt concepts): a party in a later point is
    # not whose they are
    assert by_concept("Cons: long hours, distant management, low pay")["vulnerability"] == {"none"}
    assert by_concept("Pros: job security, great leadership, good pay")["vulnerability"] == {"none"}


def test_the_nearest_rule_keeps_a_party_joined_unlabelled_or_of_a_concept_not_felt():
    # a conjunction between, or no label opening the line: the nearest party stays
    assert by_concept("Cons: stressful, and the management never listens")["vulnerability"] == {"leadership"}
    assert by_concept("The job is stressful, management never listens.")["vulnerability"] == {"leadership"}
    # not a felt concept: the coders split on the culture of a list ("work culture, strong leadership")
    assert by_concept("Pros: innovative culture, talented coworkers, free lunch")["norms"] == {"colleagues"}
    # Dutch names no felt concept in its [rules] table
    assert by_concept("Minpunten: veel werkdruk, een afwezige directie", "nl")["vulnerability"] == {
        "leadership"
    }
