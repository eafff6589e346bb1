"""End-to-end referent cases on the shipped lexicons and taxonomies: who each concept is attributed to.

Each line of ``cases_ref_*.jsonl`` names its ``lang``, the ``text``, the
concepts it must find (``labels``, checked by test_cases.py as any case) and
``referents``: per concept, the referent every hit of that concept must get.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import trustlex

HERE = Path(__file__).parent


def load_cases() -> list:
    cases = []
    for path in sorted(HERE.glob("cases_ref_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                cases.append(pytest.param(case, id=case["id"]))
    return cases


@pytest.mark.parametrize("case", load_cases())
def test_referent_case(case):
    frame = trustlex.score_texts([case["text"]], lang=case["lang"], level="match")
    for concept, referent in case["referents"].items():
        got = frame.loc[frame.concept.astype(str) == concept, "referent"].astype(str).tolist()
        assert got, f"{concept} not found in {case['text']!r}"
        assert set(got) == {referent}, f"{concept}: expected {referent}, got {got} in {case['text']!r}"
