"""Evaluating attribution against one's own coded referents: evaluate(), read_gold and the command.

The gold below is written for these tests: each unit's referent is what the
codebook gives it, except unit 3, whose coder calls the union "colleagues"
(the shipped taxonomy knows no union, so trustlex leaves it at none), and
unit 5, whose concept the lexicon does not find ("missed").
"""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.errors import GoldError, LexiconError

GOLD = [
    {"id": "1", "text": "I do not trust management.", "lang": "en", "labels": {"trust": "-"},
     "referents": {"trust": "leadership"}},
    {"id": "2", "text": "The pay is good and nobody lies.", "lang": "en", "labels": {"integrity": "+"},
     "referents": {"integrity": "none"}},
    {"id": "3", "text": "The union never tells us anything.", "lang": "en", "labels": {"communication": "-"},
     "referents": {"communication": "colleagues"}},
    {"id": "4", "text": "Ik vertrouw mijn leidinggevende niet.", "lang": "nl", "labels": {"trust": "-"},
     "referents": {"trust": "direct_manager"}},
    {"id": "5", "text": "The canteen is fine.", "lang": "en", "labels": {"trust": "+"},
     "referents": {"trust": "organisation"}},
]  # fmt: skip
UNION = '[referents]\nlanguage = "en"\nversion = "1"\n\n[[referent]]\nid = "union"\nterms = ["union"]\n'


def _write(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_evaluate_scores_attribution_per_language_where_the_gold_has_referents():
    report = trustlex.evaluate(GOLD)
    summary = report.referents.summary.set_index("lang")
    en, nl = summary.loc["en"], summary.loc["nl"]
    # en: three pairs scored (unit 5's concept is missed), two naming a party, one of them right;
    # trustlex says none twice (units 2 and 3), rightly once
    assert (en["pairs"], en["named"], en["missed"]) == (3, 2, 1)
    assert (en["accuracy_named"], en["none_precision"], en["none_recall"]) == (0.5, 0.5, 1.0)
    assert (nl["pairs"], nl["named"], nl["accuracy_named"], nl["missed"]) == (1, 1, 1.0, 0)
    assert math.isnan(nl["none_precision"])  # trustlex left no Dutch pair at none
    wrong = report.errors[report.errors["kind"] == "referent"]
    assert wrong[["id", "concept", "gold", "pred"]].values.tolist() == [
        ["3", "communication", "colleagues", "none"]
    ]
    how = report.referents.by_how.set_index(["lang", "how"])
    assert how.loc[("en", "pattern"), ["right", "total"]].tolist() == [1, 1]
    assert "Referents (pairs whose concept was found" in str(report)


def test_without_referents_in_the_gold_nothing_about_them_is_scored():
    report = trustlex.evaluate([{k: v for k, v in r.items() if k != "referents"} for r in GOLD])
    assert report.referents is None
    assert "Referents" not in str(report)
    assert "referent" not in set(report.errors["kind"])


def test_an_own_taxonomy_file_gives_its_ids_and_its_parties(tmp_path):
    own = tmp_path / "union.toml"
    own.write_text(UNION, encoding="utf-8")
    gold = [dict(GOLD[2], referents={"communication": "union"})]
    with pytest.raises(GoldError, match=r"unit '3'.*'union', which the taxonomy lacks.*referents="):
        trustlex.evaluate(gold)
    summary = trustlex.evaluate(gold, referents=str(own)).referents.summary
    assert summary[["lang", "named", "accuracy_named"]].values.tolist() == [["en", 1, 1.0]]


def test_a_missing_referent_file_is_an_error_even_where_the_gold_names_no_referent(tmp_path):
    plain = [{k: v for k, v in r.items() if k != "referents"} for r in GOLD]
    with pytest.raises(LexiconError, match=r"nope\.toml"):
        trustlex.evaluate(plain, referents=str(tmp_path / "nope.toml"))


@pytest.mark.parametrize(
    ("referents", "message"),
    [
        ('"leadership"', r"gold.jsonl:2: field 'referents' must be an object"),
        (
            '{"benevolence": "leadership"}',
            r"gold.jsonl:2: field 'referents' has 'benevolence', which is not among",
        ),
        (
            '{"trust": ""}',
            r"gold.jsonl:2: field 'referents' gives 'trust' ''; write a referent id or \"none\"",
        ),
    ],
)
def test_read_gold_names_the_line_of_bad_referents(tmp_path, referents, message):
    path = tmp_path / "gold.jsonl"
    good = json.dumps(GOLD[0])
    path.write_text(
        good + "\n" + f'{{"text": "I trust HR.", "labels": {{"trust": "+"}}, "referents": {referents}}}\n',
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match=message):
        trustlex.read_gold(path)


def test_read_gold_keeps_the_referents(tmp_path):
    plain = {k: v for k, v in GOLD[1].items() if k != "referents"}
    items = trustlex.read_gold(_write(tmp_path / "gold.jsonl", [GOLD[0], plain]))
    assert [it.referents for it in items] == [{"trust": "leadership"}, {}]


def test_the_command_prints_the_referent_figures_and_takes_own_files(tmp_path):
    runner = CliRunner()
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    result = runner.invoke(app, ["evaluate", gold])
    assert result.exit_code == 0, result.output
    assert "Referents (pairs whose concept was found" in result.stdout
    assert "3 referent" in result.stdout
    assert "gold=colleagues pred=none" in result.stdout
    own = tmp_path / "union.toml"
    own.write_text(UNION, encoding="utf-8")
    union = _write(tmp_path / "union.jsonl", [dict(GOLD[2], referents={"communication": "union"})])
    refused = runner.invoke(app, ["evaluate", union])
    assert refused.exit_code != 0
    assert "'union', which the taxonomy lacks" in refused.output
    # the message names the gold file and the option that gives a taxonomy, not a Python keyword alone
    assert f"error: {union}:1: unit '3': field 'referents'" in refused.output
    assert "--referents FILE" in refused.output
    taken = runner.invoke(app, ["evaluate", union, "--referents", str(own)])
    assert taken.exit_code == 0, taken.output
    table = taken.stdout.split("Referents (")[1].splitlines()
    assert table[2].split() == ["en", "1", "1", "1.000", "NaN", "NaN", "0"]  # the one named pair right
