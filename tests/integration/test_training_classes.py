"""Training data a concept's models cannot learn from is refused or named, never learnt as 'always'."""

from __future__ import annotations

import json
import warnings

import pytest
from typer.testing import CliRunner

from trustlex.cli import app
from trustlex.models import TrustClassifier

runner = CliRunner()
COMPLAINTS = [f"I do not trust HR number {i}." for i in range(20)]
OTHERS = [
    "The weather is nice today.",
    "We had pizza for lunch.",
    "The printer on the second floor is new.",
    "Parking is easy near the office.",
    "The canteen serves soup on Fridays.",
] * 2


def _write(path, texts, labels):
    path.write_text(
        "".join(json.dumps({"text": t, "labels": lab}) + "\n" for t, lab in zip(texts, labels, strict=True)),
        encoding="utf-8",
    )


def test_a_concept_coded_in_every_text_is_refused_by_name():
    with pytest.raises(
        ValueError, match=r"^TrustClassifier\.fit: trust is coded in all 20 texts \(one class only\)"
    ) as info:
        TrustClassifier(lang="en").fit(COMPLAINTS, [{"trust": "-"}] * 20)
    assert "add texts without it" in str(info.value)
    with pytest.raises(
        ValueError, match=r"fit: trust, integrity are coded in all 20 texts \(one class only\)"
    ):
        TrustClassifier(lang="en").fit(COMPLAINTS, [{"trust": "-", "integrity": "-"}] * 20)


def test_cli_train_refuses_it_and_writes_no_model(tmp_path):
    coded = tmp_path / "coded.jsonl"
    _write(coded, COMPLAINTS, [{"trust": "-"}] * 20)
    result = runner.invoke(app, ["train", str(coded), "--out", str(tmp_path / "model")])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        "error: TrustClassifier.fit: trust is coded in all 20 texts (one class only)"
    )
    assert not (tmp_path / "model" / "model.json").exists()


def test_a_concept_with_one_valence_is_named_and_found_only_where_it_is():
    texts, labels = COMPLAINTS + OTHERS, [{"trust": "-"}] * 20 + [{}] * len(OTHERS)
    with pytest.warns(UserWarning, match=r"^TrustClassifier\.fit: trust has one valence only \('-'\)"):
        model = TrustClassifier(lang="en").fit(texts, labels)
    new = ["The weather is nice.", "We had pizza for lunch.", "I do not trust HR."]
    assert model.predict(new)["trust"].tolist() == ["", "", "-"]
    assert model.predict_proba(new)["trust"].iloc[0] < 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # two valences: nothing to say
        TrustClassifier(lang="en").fit(texts + ["We trust HR."] * 3, labels + [{"trust": "+"}] * 3)


def test_cli_train_prints_the_warning_as_a_line_of_its_own(tmp_path):
    coded = tmp_path / "coded.jsonl"
    _write(coded, COMPLAINTS + OTHERS, [{"trust": "-"}] * 20 + [{}] * len(OTHERS))
    result = runner.invoke(app, ["train", str(coded), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: TrustClassifier.fit: trust has one valence only ('-')")
    assert (tmp_path / "model" / "model.json").is_file()


def test_a_concept_coded_once_is_one_coded_text():
    # 150 coded survey comments had one sentence of courage: "in 1 coded texts" read wrong
    texts = COMPLAINTS + OTHERS + ["Nobody dares to speak up here."]
    labels = [{"trust": "-"}] * 20 + [{}] * len(OTHERS) + [{"courage": "-"}]
    with pytest.warns(UserWarning, match="one valence only") as caught:
        TrustClassifier(lang="en").fit(texts, labels)
    said = [str(w.message) for w in caught]
    assert any("courage has one valence only ('-') in 1 coded text, so" in m for m in said), said
    assert any("trust has one valence only ('-') in 20 coded texts, so" in m for m in said), said
