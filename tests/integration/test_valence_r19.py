"""Match-level valence of round 19's scope rules: what a sentence's one label cannot show.

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
    ],
)
def test_match_valence(lang, text, hit, valence):
    frame = trustlex.score_texts([text], lang=lang, level="match")
    rows = frame[frame["text"] == hit]
    assert len(rows) == 1, frame[["text", "concept", "valence"]].to_string()
    assert rows["valence"].iloc[0] == valence
