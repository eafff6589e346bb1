"""The probability from which a model adds a concept the lexicon missed: add_above, the user's to set."""

from __future__ import annotations

import hashlib
import json
import warnings

import pytest

import trustlex
from trustlex.models import TrustClassifier

TEXTS = ["The team is great.", "The office is nice.", "The plan is bad.", "Coffee is fine."] * 5
LABELS = [{"trust": "+"}, {}, {"trust": "-"}, {}] * 5
NEW = ["The team plan is nice."]  # the model's P(trust) is about 0.68; the lexicon finds nothing


@pytest.fixture(scope="module")
def words_model() -> TrustClassifier:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few examples
        return TrustClassifier(lang="en", use_lexicon=False).fit(TEXTS, LABELS)


def _trust_rows(model: TrustClassifier) -> int:
    return int((trustlex.score_texts(NEW, lang="en", model=model)["concept"] == "trust").sum())


def test_add_above_decides_what_score_texts_adds(words_model):
    p = float(words_model.predict_proba(NEW)["trust"].iloc[0])
    assert 0.5 < p < 0.8
    assert _trust_rows(words_model) == 0  # the default, 0.8
    words_model.set_params(add_above=0.5)
    try:
        assert _trust_rows(words_model) == 1
        gold = [{"text": NEW[0], "lang": "en", "labels": {"trust": "+"}}]
        assert trustlex.evaluate(gold, model=words_model).summary["micro_f1"].tolist()[0] == 1.0
    finally:
        words_model.set_params(add_above=0.8)


def test_add_above_is_kept_in_the_model_file_and_an_older_file_reads_as_0_8(words_model, tmp_path):
    words_model.set_params(add_above=0.5)
    try:
        path = words_model.save(tmp_path / "m")
    finally:
        words_model.set_params(add_above=0.8)
    assert TrustClassifier.load(path).add_above == 0.5
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    del body["params"]["add_above"]  # as a file written before the parameter existed
    doc["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert TrustClassifier.load(path).add_above == 0.8
