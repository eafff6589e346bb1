"""coded/rounds.py: each coding round's lexicons from before it, and rows scanned with them."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "coded"))

from rounds import FRESH, UNSEEN, old_lexicons, round_of, unseen_scans  # noqa: E402

from trustlex.models import TrustClassifier  # noqa: E402


def _in_git() -> bool:
    done = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True, check=False)
    return done.returncode == 0


needs_git = pytest.mark.skipif(not _in_git(), reason="needs a git checkout (the old lexicons come from git)")

# Sentences written for these tests (not from the coded corpus).
ROWS = [
    {"id": "x1", "lang": "en", "round": 24, "text": "I do not trust the new director."},
    {"id": "x2", "lang": "nl", "text": "De toezichthouder controleert de naleving."},
    {"id": "x3", "lang": "en", "text": "Management is honest with us."},
    {"id": "x4", "lang": "en", "round": 5, "text": "Parking is easy."},
]


def test_every_round_from_1_has_a_commit_and_fresh_ones_keep_theirs():
    assert sorted(UNSEEN) == list(range(1, max(FRESH) + 1))
    assert all(UNSEEN[k] == FRESH[k] for k in FRESH)
    assert [round_of(r) for r in ROWS] == [24, 1, 1, 5]


@needs_git
def test_each_commit_holds_both_languages_concept_lexicons(tmp_path):
    for commit in sorted(set(UNSEEN.values())):
        for lang in ("en", "nl"):
            names = {Path(f).stem for f in old_lexicons(commit, lang, tmp_path)}
            assert {"trust", "control", "integrity"} <= names, (commit, lang)


@needs_git
def test_rows_are_scanned_with_their_rounds_lexicons_in_their_language(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        scanned, order = unseen_scans(ROWS, tmp_path)
    assert [r["id"] for r in order] == ["x3", "x2", "x4", "x1"]  # by round, then language
    assert len(scanned) == 4
    for k, row in enumerate(order):
        lexicons = old_lexicons(UNSEEN[round_of(row)], row["lang"], tmp_path)
        alone = TrustClassifier(lang=row["lang"], lexicons=lexicons).scan([row["text"]])
        assert scanned.units[k] == alone.units[0]
        assert scanned.words[k] == alone.words[0]
    assert ("trust", "-") in scanned.units[3]
    assert ("control", "0") in scanned.units[1]


def test_a_row_of_a_round_without_a_commit_is_refused(tmp_path):
    with pytest.raises(KeyError):
        unseen_scans([{**ROWS[0], "round": 99}], tmp_path)
