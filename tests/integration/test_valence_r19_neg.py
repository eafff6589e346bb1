"""Match-level valence of round 19b's coordination rule: a negation's reach over a list of predicates.

A sentence's unit label is one valence per concept, so the second
predicate's hit may hide behind another hit of its concept; these rows read
each hit, and the ones the rule must leave as they are.
"""

from __future__ import annotations

import pytest

import trustlex


@pytest.mark.parametrize(
    ("lang", "text", "hit", "valence"),
    [
        # a verb's negation reaches the second predicate of its list, over the first one's object
        (
            "en",
            "They do not listen to your concerns or care about you, you are a number.",
            "care about you, you",
            "-",
        ),
        (
            "en",
            "Management is kind but does not listen to the concerns of the staff or show respect.",
            "respect",
            "-",
        ),
        ("en", "They never listen to our ideas or show appreciation.", "appreciation", "-"),
        # an object negation ends its phrase before the coordinator
        ("en", "Some employees do practically nothing and get special treatment.", "special treatment", "-"),
        # a finite verb after the coordinator opens a predicate of its own; a neutral mention stays a topic
        ("en", "If you can't get to them or are overwhelmed by crowds, it is no use.", "overwhelmed", "+"),
        ("en", "We may not be able to process your orders or inquiries.", "inquiries", "0"),
    ],
)
def test_match_valence(lang, text, hit, valence):
    frame = trustlex.score_texts([text], lang=lang, level="match")
    rows = frame[frame["text"] == hit]
    assert len(rows) == 1, frame[["text", "concept", "valence"]].to_string()
    assert rows["valence"].iloc[0] == valence
