"""SuggestOptions: the tuning of suggest_terms as a frozen dataclass, keywords still accepted."""

from __future__ import annotations

import dataclasses

import pytest

from trustlex.errors import SuggestError, TrustlexError
from trustlex.workbench import SHARE_WEIGHT, SuggestOptions, suggest_terms
from trustlex.workbench.suggest import _options


def test_defaults_are_the_keyword_defaults_of_before():
    assert dataclasses.asdict(SuggestOptions()) == {
        "top": 25,
        "min_count": 5,
        "window": 5,
        "dims": 100,
        "examples": 3,
        "seed": 0,
        "share_weight": SHARE_WEIGHT,
    }


def test_options_are_frozen():
    options = SuggestOptions()
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.top = 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("min_count", 0, "min_count, window and dims must be at least 1, got 0, 5, 100"),
        ("window", 0, "min_count, window and dims must be at least 1, got 5, 0, 100"),
        ("dims", -1, "min_count, window and dims must be at least 1, got 5, 5, -1"),
        ("share_weight", 1.5, "share_weight must be between 0 and 1, got 1.5"),
        ("share_weight", -0.1, "share_weight must be between 0 and 1, got -0.1"),
    ],
)
def test_invalid_options_raise_suggest_error(field, value, message):
    with pytest.raises(SuggestError) as info:
        SuggestOptions(**{field: value})
    assert str(info.value) == message
    assert isinstance(info.value, TrustlexError)
    assert isinstance(info.value, ValueError)


def test_keywords_override_the_options_object():
    base = SuggestOptions(top=7, dims=20)
    assert _options(base, {"dims": 30, "seed": 2}) == SuggestOptions(top=7, dims=30, seed=2)
    assert _options(None, {}) == SuggestOptions()
    assert _options(base, {}) == base


def test_invalid_keywords_raise_through_suggest_terms():
    with pytest.raises(SuggestError, match="share_weight must be between 0 and 1"):
        suggest_terms(["We trust them."], "trust", lang="en", share_weight=2.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'topp'"):
        suggest_terms(["We trust them."], "trust", lang="en", topp=3)


def test_concept_is_checked_before_the_options():
    # both wrong: the concept error comes first, as it did when the options were keywords only
    with pytest.raises(SuggestError, match="unknown concept 'trustt'"):
        suggest_terms(["We trust them."], "trustt", lang="en", min_count=0)
