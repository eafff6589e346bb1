"""Round 18 taxonomy words: what they take away must leave the party where it is named (guards)."""

from __future__ import annotations

import pytest

import trustlex


def _referents(text: str, lang: str) -> dict[str, set[str]]:
    rows = trustlex.score_texts([text], lang=lang, level="match")
    return {str(c): set(rows.loc[rows.concept == c, "referent"].astype(str)) for c in rows.concept.unique()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a driver is no bestuurder of an organisation, but the board's bestuurder still is
        (
            "De bestuurder is verantwoordelijk voor het beleid van de stichting.",
            {"responsibility": {"leadership"}},
        ),
        ("De beginnende bestuurder krijgt een boete opgelegd.", {"control": {"none"}}),
    ],
)
def test_dutch_drivers_are_no_leadership(text, expected):
    assert _referents(text, "nl") == expected
