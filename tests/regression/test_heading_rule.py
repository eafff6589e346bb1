"""lexicons/README.md rule 8 on the shipped lexicons: a heading governs no phrase with its own positive."""

from __future__ import annotations

import pytest

import trustlex


@pytest.mark.parametrize(
    "text", ["Cons: long hours, open communication", "Cons:\n- long hours\n- open communication"]
)
def test_the_documented_cons_example_keeps_open_communication_positive(text):
    rows = trustlex.score_texts([text], lang="en", level="match")
    found = dict(zip(rows["text"], rows["valence"], strict=True))
    assert found["open communication"] == "+"


def test_a_cons_heading_still_makes_a_bare_concept_negative():
    rows = trustlex.score_texts(["Cons: communication"], lang="en", level="match")
    assert rows["valence"].tolist() == ["-"]
