"""Round 29, the wrong party: one's own managers addressed to the reader.

"your managers" are the reader's own bosses, as "my managers" ("managers" alone stay leadership).
"""

from __future__ import annotations

from tests.referent_rows import by_concept, mentions


def test_your_managers_are_ones_own():
    assert ("your managers", "direct_manager") in mentions("your managers are pretty lenient")
    assert by_concept("Pros: You work your own hours and your managers are pretty lenient.")["control"] == {
        "direct_manager"
    }


def test_managers_alone_stay_leadership():
    assert ("managers", "leadership") in mentions("the managers are pretty lenient")
    assert by_concept("Pros: You work your own hours and the managers are pretty lenient.")["control"] == {
        "leadership"
    }
