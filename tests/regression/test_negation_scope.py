"""A negation stays with its own hit: not across a joiner into a new clause, nor to a repeated concept."""

from __future__ import annotations

import trustlex


def _valences(text: str, lang: str) -> list[tuple[str, str, str]]:
    rows = trustlex.score_texts([text], lang=lang, level="match")
    return list(zip(rows["text"], rows["concept"], rows["valence"], strict=True))


def test_a_repeated_concept_after_a_comma_keeps_its_own_valence():
    assert _valences("No communication, open communication.", "en") == [
        ("No communication", "communication", "-"),
        ("open communication", "communication", "+"),
    ]


def test_a_negation_still_reaches_a_conjunct_of_another_concept():
    # the guard of the rule above: "no trust and respect" denies both
    assert [v for _, _, v in _valences("There is no trust and respect.", "en")] == ["-", "-"]
    assert [v for _, _, v in _valences("Er is geen vertrouwen en respect.", "nl")] == ["-", "-"]
