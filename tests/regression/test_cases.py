"""End-to-end cases on the shipped lexicons: our own sentences, with the expected unit labels.

Each case lists the concepts that must be found with their valence, and
optionally concepts that must not be found (false friends). Known misses are
listed in KNOWN_MISSES and run as strict xfails, so a fix is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustlex.evaluate import predict_units

HERE = Path(__file__).parent
KNOWN_MISSES: dict[str, str] = {}


def load_cases():
    cases = []
    for lang in ("nl", "en"):
        lines = [
            line
            for path in sorted(HERE.glob(f"cases_{lang}*.jsonl"))  # cases_en.jsonl, cases_en_<topic>.jsonl
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        lines += [  # files of several languages (cases_prec_r12.jsonl): each case names its "lang"
            line
            for path in sorted(HERE.glob("cases_*.jsonl"))
            if not path.name.startswith(("cases_nl", "cases_en"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line).get("lang") == lang
        ]
        for line in lines:
            case = json.loads(line)
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case["id"]])]
                if case["id"] in KNOWN_MISSES
                else []
            )
            cases.append(pytest.param(lang, case, id=case["id"], marks=marks))
    return cases


@pytest.fixture(scope="module")
def pipelines(shipped_nlp):
    return shipped_nlp


@pytest.mark.parametrize(("lang", "case"), load_cases())
def test_case(pipelines, lang, case):
    (pred,) = predict_units([case["text"]], lang, nlp=pipelines[lang])
    for concept, valence in case["labels"].items():
        assert pred.get(concept) == valence, (
            f"{concept}: expected {valence}, got {pred.get(concept)}; all: {pred}"
        )
    for concept in case.get("absent", []):
        assert concept not in pred, f"{concept} should not fire; all: {pred}"


# Line breaks are read by the case of the next line (a capital starts a new point), which text in
# capitals cannot show: cases with a line break are about that and stay out of this test.
@pytest.mark.parametrize(("lang", "case"), [p for p in load_cases() if "\n" not in p.values[1]["text"]])
def test_case_in_capitals(pipelines, lang, case):
    # A comment written in capitals means the same: contractions such as DON'T must still
    # split so their negation counts (spaCy's tokenizer exceptions are case-sensitive).
    (pred,) = predict_units([case["text"]], lang, nlp=pipelines[lang])
    (upper,) = predict_units([case["text"].upper()], lang, nlp=pipelines[lang])
    assert upper == pred, f"{case['text'].upper()!r}: {upper} against {pred} in ordinary case"
