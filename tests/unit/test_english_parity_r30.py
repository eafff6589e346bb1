"""Round 30, the two English errors of the Dutch parity trial.

"We only trust ourselves" says distrust of everyone else (trust -, it was +), and feedback that is
vague says communication is failing (communication -, it was +). Sentences written for this test,
through the real pipeline; the near cases keep their reading.
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
        ("After the last round of layoffs we only trust ourselves.", "trust", "-"),
        ("In this team you can only trust yourself.", "trust", "-"),
        ("Honestly I trust no one but myself here.", "trust", "-"),
        ("The feedback from my manager is always vague.", "communication", "-"),
        ("Performance reviews give vague feedback and no direction.", "communication", "-"),
        ("Their feedback is unhelpful and meaningless.", "communication", "-"),
        # near cases
        ("I trust my manager completely.", "trust", "+"),
        ("Trust yourself and make the call.", "trust", "+"),
        ("My manager gives clear and honest feedback.", "communication", "+"),
    ],
)
def test_english_parity_wordings(text, concept, valence):
    assert labels(text).get(concept) == valence, labels(text)
