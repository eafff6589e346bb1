"""Match-level valence of round 19's scope rules (reasons, brackets, coordination) that one label hides.

A sentence's unit label is one valence per concept, so a hit that the
rule changes may hide behind another hit of its concept ("Ik durf mijn
mening niet te geven uit angst voor represailles" is courage ``-`` either
way); these rows read each hit.
"""

from __future__ import annotations

import pytest

import trustlex


@pytest.mark.parametrize(
    ("lang", "text", "hit", "valence"),
    [
        # a negation inside another hit does not reach past a phrase of reason: the fear is there
        (
            "nl",
            "Ik durf mijn mening niet te geven uit angst voor represailles",
            "angst voor represailles",
            "-",
        ),
        ("en", "I don't speak up for fear of retaliation", "fear of retaliation", "-"),
        # the objects of a negated verb stay in its scope
        ("en", "They don't care about work ethic", "work ethic", "-"),
        # whoever makes no promises breaks none; one not kept stays -
        ("nl", "Het management doet geen beloftes.", "beloftes", "0"),
        ("nl", "Het management maakt geen beloftes waar.", "beloftes", "-"),
        # a hit in brackets is out of reach of a negation after them
        (
            "nl",
            "Ik vind de karakters erg plat (door hun overdreven gedrag) en de dialogen niet realistisch.",
            "gedrag",
            "0",
        ),
        # the legal frame's noun needs legal prose in its sentence
        ("nl", "Ik krijg al maanden geen vergunning en de gemeente communiceert niet.", "communiceert", "-"),
        ("nl", "Het is verboden zonder vergunning van de toezichthouder te werken.", "toezichthouder", "0"),
        # round 19b: the coordination rule (a negation's reach over a list of predicates)
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
        # round 23: a subject pronoun after "or" or "and" opens a clause that a negation before it misses
        ("en", "Do not speak up or they will fire you.", "will fire you", "+"),
        ("en", "You cannot say anything or you get fired.", "get fired", "+"),
        ("en", "No raises and they lie to us.", "lie", "-"),
        # a list under the negation keeps it, with no pronoun to open a clause
        ("en", "We have no trust or respect for management.", "respect", "-"),
    ],
)
def test_match_valence(lang, text, hit, valence):
    frame = trustlex.score_texts([text], lang=lang, level="match")
    rows = frame[frame["text"] == hit]
    assert len(rows) == 1, frame[["text", "concept", "valence"]].to_string()
    assert rows["valence"].iloc[0] == valence
