"""Round 30, communication and integrity probed from the codebook's meaning.

Sentences written for this test (none from a corpus), one or more per sub-meaning that the round's
entries and cues cover, through the real pipeline with the concept and valence the codebook gives;
near cases must keep their reading or stay untagged.
"""

from __future__ import annotations

import pytest

import trustlex


def labels(text: str) -> dict[str, str]:
    frame = trustlex.score_texts([text], lang="en", level="sentence")
    return dict(zip(frame["concept"], frame["valence"], strict=True))


@pytest.mark.parametrize(
    ("text", "concept", "valence"),
    [
        # informing, being informed, kept in the dark
        ("Our supervisor keeps everyone updated on the planning.", "communication", "+"),
        ("Throughout the merger we were fully informed.", "communication", "+"),
        ("The night shift is poorly informed about changes.", "communication", "-"),
        ("Most of us heard about the merger via the grapevine.", "communication", "-"),
        ("We found out about the new schedule from customers.", "communication", "-"),
        ("They changed the rota without any prior warning.", "communication", "-"),
        # secrecy, listening, dialogue, questions
        ("Head office withholds crucial information from the stores.", "communication", "-"),
        ("Important details are often withheld from the team.", "communication", "-"),
        ("For once I feel heard by my director.", "communication", "+"),
        ("The ministry started a structured dialogue with the unions.", "communication", "0"),
        ("The manager refused to speak with the workers about the cuts.", "communication", "-"),
        ("Our lead is always willing to talk problems through.", "communication", "+"),
        ("Nobody ever answers our emails.", "communication", "-"),
        ("Communication across the sites is a complete mess.", "communication", "-"),
        ("Management is open and transparent about the budget.", "communication", "+"),
        # hearing parties and notifying duties in legal text
        ("The tenant must be heard before the lease is ended.", "communication", "0"),
        ("The licensee shall be notified of the outcome within ten days.", "communication", "0"),
        # honesty, hypocrisy, covering up
        ("The director keeps telling outright lies to the press.", "integrity", "-"),
        ("The report distorts the facts to protect the board.", "integrity", "-"),
        ("Every incident gets swept under the carpet.", "integrity", "-"),
        ("Many of us doubt the honesty of the new CEO.", "integrity", "-"),
        ("The union says the company is far from honest.", "integrity", "-"),
        # favouritism, double standards, fairness
        ("Shifts go to friends of the manager first.", "integrity", "-"),
        ("The best projects go to the director's buddies.", "integrity", "-"),
        ("Cronyism decides who gets promoted.", "integrity", "-"),
        ("The dress code is enforced selectively.", "integrity", "-"),
        ("Every application is assessed fairly and quickly.", "integrity", "+"),
        ("Older staff are treated unfairly in the reviews.", "integrity", "-"),
        # fraud, corruption, confidences
        ("The treasurer misappropriated club funds.", "integrity", "-"),
        ("Donations were siphoned off by the organisers.", "integrity", "-"),
        ("She is known as an incorruptible inspector.", "integrity", "+"),
        ("HR betrayed my confidence by telling my team.", "integrity", "-"),
        # definitions in encyclopedic prose are 0
        ("Ethics is the study of right and wrong conduct.", "integrity", "0"),
    ],
)
def test_probe_wordings(text, concept, valence):
    assert labels(text).get(concept) == valence, labels(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("It is fair to say that the new building looks better.", "integrity"),
        ("The game is mostly dialogue between the characters.", "communication"),
        ("The pop-up dialog box asks for your password.", "communication"),
        ("They handled the rush fairly well.", "integrity"),
        ("Grapevine is a city in Texas.", "communication"),
        ("The house was badly designed.", "communication"),
    ],
)
def test_probe_near_cases(text, concept):
    assert concept not in labels(text), labels(text)


def labels_nl(text: str) -> dict[str, str]:
    frame = trustlex.score_texts([text], lang="nl", level="sentence")
    return dict(zip(frame["concept"], frame["valence"], strict=True))


@pytest.mark.parametrize(
    ("text", "concept", "valence"),
    [
        ("Het schandaal werd jarenlang in de doofpot gehouden.", "integrity", "-"),
        ("Klachten worden gewoon onder het tapijt geveegd.", "integrity", "-"),
        ("De woordvoerder draait het verhaal om.", "integrity", "-"),
        ("Subsidiegeld werd jarenlang verduisterd.", "integrity", "-"),
        ("De interne communicatie is één grote puinhoop.", "communication", "-"),
        ("Er is een goede dialoog tussen directie en personeel.", "communication", "+"),
    ],
)
def test_probe_wordings_dutch(text, concept, valence):
    assert labels_nl(text).get(concept) == valence, labels_nl(text)


def test_probe_dutch_near_case():
    assert "integrity" not in labels_nl("Hij draait de schroef om.")
