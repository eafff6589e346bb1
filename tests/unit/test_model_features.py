"""What the classifier keeps per unit while a corpus is scored stays out of the garbage collector's sight."""

from __future__ import annotations

import gc

from trustlex.models.features import Scanned


def _tracked(scanned: Scanned) -> list[object]:
    # a tuple of atoms is untracked by a collection that sees it; a tuple of such tuples by the
    # next one (long before it would reach the oldest generation)
    gc.collect()
    gc.collect()
    stored = [*scanned.words, *scanned.units, *scanned.negated]
    return [x for x in stored if gc.is_tracked(x)]


def test_units_added_as_lists_are_kept_as_untracked_tuples():
    scanned = Scanned()
    for k in range(50):
        scanned.add([k, k + 1, k + 2], [("trust", "-"), ("communication", "+")], ["trust"])
    scanned.add([], [], [])
    assert len(scanned) == 51
    assert scanned.words[3] == (3, 4, 5)
    assert scanned.units[0] == (("trust", "-"), ("communication", "+"))
    assert scanned.negated[0] == ("trust",)
    # lists would stay tracked: a corpus scored with a model then made Python run full
    # collections over everything trustlex had loaded
    assert _tracked(scanned) == []
