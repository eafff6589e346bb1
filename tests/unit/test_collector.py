"""score_texts keeps the collector off the objects that exist before it (trustlex/collector.py)."""

from __future__ import annotations

import gc

import pytest

import trustlex
from trustlex.collector import frozen_before
from trustlex.errors import LanguageError


def _watched(seen: list[int]):
    """Texts that note the freeze count while score_texts reads them (inside the call)."""
    for text in ["We trust our manager.", "Management does not listen."]:
        seen.append(gc.get_freeze_count())
        yield text


def test_objects_from_before_the_call_are_frozen_during_it_and_unfrozen_after():
    assert gc.get_freeze_count() == 0
    seen: list[int] = []
    rows = trustlex.score_texts(_watched(seen), lang="en", level="sentence")
    assert set(rows["concept"]) == {"trust", "communication"}
    assert seen
    assert min(seen) > 0
    assert gc.get_freeze_count() == 0


def test_a_programs_own_frozen_objects_stay_frozen_and_nothing_is_added():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        seen: list[int] = []
        trustlex.score_texts(_watched(seen), lang="en", level="sentence")
        assert set(seen) == {before}
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_a_collector_turned_off_is_left_off_and_nothing_is_frozen():
    gc.disable()
    try:
        seen: list[int] = []
        trustlex.score_texts(_watched(seen), lang="en", level="sentence")
        assert set(seen) == {0}
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_the_call_unfreezes():
    with pytest.raises(LanguageError):
        trustlex.score_texts(["Vertrouwen."], lang="fr")
    assert gc.get_freeze_count() == 0


def test_nested_calls_unfreeze_when_the_outermost_ends():
    counts: list[int] = []

    @frozen_before
    def inner() -> None:
        counts.append(gc.get_freeze_count())

    @frozen_before
    def outer() -> None:
        inner()
        counts.append(gc.get_freeze_count())  # the inner call's end did not unfreeze

    outer()
    assert len(counts) == 2
    assert min(counts) > 0
    assert gc.get_freeze_count() == 0
