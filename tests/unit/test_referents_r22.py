"""English referents 0.17.0 (round 22): managers alone stay leadership, one's own managers and team leads."""

from __future__ import annotations

import pytest

from tests.referent_rows import mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the coders give "managers" alone leadership (30 to 5 pairs in train), also of a branch or assistants
        ("managers are supportive", [("managers", "leadership")]),
        ("the branch managers lie", [("branch", "organisation"), ("managers", "leadership")]),  # a compound
        ("assistant managers lie", [("managers", "leadership")]),
        # one's own managers, as the singular terms
        ("my managers lie", [("my managers", "direct_manager")]),
        ("line managers lie", [("line managers", "direct_manager")]),
        ("direct managers lie", [("direct managers", "direct_manager")]),
        ("my direct managers lie", [("my direct managers", "direct_manager")]),
        ("immediate managers lie", [("immediate managers", "direct_manager")]),
    ],
)
def test_managers_alone_and_ones_own_managers(text, expected):
    assert mentions(text) == expected


def test_a_team_lead_by_its_initials_counts_only_in_capitals():
    def found(text: str) -> list[str]:
        return [referent for _, referent in mentions(text, cased=True)]

    assert found("TL Tasha is awful") == ["direct_manager"]
    assert found("the TLs lie") == ["direct_manager"]
    assert found("the tl lies") == []
