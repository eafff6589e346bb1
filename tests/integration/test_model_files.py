"""Model files: loading reads only checked values, and a signature made with the user's key.

Every edit here is one anyone can make, since the sha256 checksum has no key:
each test rewrites a real model.json on disk and recomputes the checksum.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trustlex.errors import ModelError
from trustlex.lexicon.resources import lexicon_dir
from trustlex.models.checks import _PARAMS
from trustlex.models.classifier import TrustClassifier
from trustlex.models.features import WordFeatures
from trustlex.models.modelfile import KEY_ENV

CODED = [
    ("Management keeps us in the dark about everything.", {"communication": "-"}),
    ("Nobody tells us what is going on with the reorganisation.", {"communication": "-"}),
    ("Leadership shares updates every week and answers questions.", {"communication": "+"}),
    ("The CEO explains the plans openly in town halls.", {"communication": "+"}),
    ("I trust my team lead completely.", {"trust": "+"}),
    ("There is no trust between staff and the board.", {"trust": "-"}),
    ("People do not trust HR with complaints.", {"trust": "-"}),
    ("The canteen food is fine.", {}),
    ("Parking is free and close to the office.", {}),
    ("Er is geen vertrouwen in de directie.", {"trust": "-"}),
    ("Ik vertrouw mijn leidinggevende.", {"trust": "+"}),
    ("De koffie is lekker.", {}),
] * 2
TEXTS = [t for t, _ in CODED]
LABELS = [lab for _, lab in CODED]
PROBE = ["Nobody tells us anything.", "Ik vertrouw de directie niet.", "The food is fine."]


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)


@pytest.fixture(scope="module")
def model():
    return TrustClassifier().fit(TEXTS, LABELS)


def edit(folder: Path, change) -> Path:
    """Apply ``change`` to the parsed body of folder/model.json and recompute its sha256, as anyone can."""
    path = folder / "model.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    change(body)
    doc["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _weighted(body: dict) -> str:
    """A concept whose detector has weights (not a constant)."""
    return next(c for c, d in body["detectors"].items() if d["coef"] is not None)


def _set(*keys, value):
    def change(body):
        target = body
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value

    return change


def _nan_weight(body):
    body["detectors"][_weighted(body)]["coef"][3] = math.nan


def _infinite_valence_weight(body):
    concept = next(c for c, v in body["valence"].items() if v["coef"] is not None)
    body["valence"][concept]["coef"][0][0] = math.inf


def _index_out_of_range(body):
    vocabulary = body["word"]["vocabulary"]
    vocabulary[next(iter(vocabulary))] = len(vocabulary) + 7


def _index_twice(body):
    vocabulary = body["word"]["vocabulary"]
    first, second = list(vocabulary)[:2]
    vocabulary[second] = vocabulary[first]


def _idf_short(body):
    body["word"]["idf"].pop()


def _short_weights(body):
    body["detectors"][_weighted(body)]["coef"].pop()


def _string_weight(body):
    body["detectors"][_weighted(body)]["coef"][0] = "1e3"


REFUSED = {
    # free-form TF-IDF settings, wherever they are put
    "token_pattern in the word vectorizer": (
        _set("word", "token_pattern", value=r"(a+)+$"),
        r"word\.token_pattern: not allowed",
    ),
    "token_pattern as a parameter": (
        _set("params", "token_pattern", value=r"(a+)+$"),
        r"params\.token_pattern",
    ),
    "input=filename in the word vectorizer": (_set("word", "input", value="filename"), r"word\.input"),
    "a character vectorizer": (_set("char", value={"vocabulary": {}, "idf": []}), r"char"),
    "input=filename as a parameter": (_set("params", "input", value="filename"), r"params\.input"),
    "the old format's vectorizer parameters": (
        _set("word", "params", value={"analyzer": "word", "input": "filename"}),
        r"word\.params",
    ),
    "analyzer as a parameter": (_set("params", "analyzer", value="char"), r"params\.analyzer"),
    # lexicons and languages that are paths
    "a relative lexicon path": (
        _set("params", "lexicons", value=["../../../etc/x"]),
        r"params\.lexicons\[0\]",
    ),
    "an absolute lexicon path": (_set("params", "lexicons", value=["/etc/x.toml"]), r"params\.lexicons\[0\]"),
    "a lexicon folder name": (_set("params", "lexicons", value=["en/trust", "nl"]), r"params\.lexicons\[1\]"),
    "a lexicon outside the shipped set": (
        _set("params", "lexicons", value=["en/../../x"]),
        r"params\.lexicons",
    ),
    "a lang that is a path": (_set("params", "lang", value="../x"), r"params\.lang: must be one of"),
    # values of the wrong type or out of range
    "a huge n-gram range": (_set("params", "word_ngrams", value=[1, 5000]), r"params\.word_ngrams"),
    "character n-grams": (_set("params", "char_ngrams", value=[2, 5]), r"params\.char_ngrams"),
    "a C given as text": (_set("params", "C", value="4.0"), r"params\.C: must be a number"),
    "a threshold above 1": (_set("params", "threshold", value=2.0), r"params\.threshold"),
    "use_lexicon given as 1": (_set("params", "use_lexicon", value=1), r"params\.use_lexicon"),
    "a missing parameter": (lambda b: b["params"].pop("C"), r"params\.C: missing"),
    # weights and vocabularies
    "a NaN weight": (_nan_weight, r"detectors\.\w+\.coef\[3\]: must be a finite number, got nan"),
    "an infinite valence weight": (
        _infinite_valence_weight,
        r"valence\.\w+\.coef\[0\]\[0\]: must be a finite",
    ),
    "a weight given as text": (_string_weight, r"detectors\.\w+\.coef\[0\]: must be a number"),
    "too few weights": (_short_weights, r"detectors\.\w+\.coef: must hold \d+ numbers"),
    "a vocabulary index out of range": (_index_out_of_range, r"word\.vocabulary: term .* outside 0\.\.\d+"),
    "two terms on one column": (_index_twice, r"word\.vocabulary: column \d+ is given to two terms"),
    "idf shorter than the vocabulary": (_idf_short, r"word\.vocabulary: \d+ terms for \d+ idf values"),
    "a missing concept": (lambda b: b["valence"].pop("trust"), r"valence\.trust: missing"),
    "an extra field": (_set("pickle", value="gASV"), r"pickle: not a field"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_edited_model_file_is_refused_naming_the_field(model, tmp_path, case):
    change, field = REFUSED[case]
    model.save(tmp_path / "m")
    path = edit(tmp_path / "m", change)
    with pytest.raises(ModelError, match=field) as caught:
        TrustClassifier.load(tmp_path / "m")
    assert str(caught.value).startswith(f"{path}: ")


def test_a_key_given_twice_in_the_body_is_refused(model, tmp_path):
    path = model.save(tmp_path / "m")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["body"] = doc["body"].replace('"C":4.0', '"C":4.0,"C":400000.0')  # json keeps the last one
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match=r"params\.C: given twice"):
        TrustClassifier.load(tmp_path / "m")


def test_a_file_of_the_first_format_is_refused_with_advice(model, tmp_path):
    path = model.save(tmp_path / "m")
    doc = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**doc, "format_version": 1}), encoding="utf-8")
    with pytest.raises(ModelError, match="model format 1, this trustlex reads 3 and 4; train the model"):
        TrustClassifier.load(tmp_path / "m")


def test_word_features_are_rebuilt_from_vocabulary_and_idf_only(model, tmp_path):
    model.save(tmp_path / "m")
    again = TrustClassifier.load(tmp_path / "m")
    assert type(again.word_) is WordFeatures
    assert again.word_.vocabulary == model.word_.vocabulary
    np.testing.assert_allclose(again.word_.idf, model.word_.idf, rtol=1e-4)
    pd.testing.assert_frame_equal(again.predict_proba(PROBE), model.predict_proba(PROBE), atol=1e-3)


def test_every_constructor_parameter_has_one_line_in_the_table():
    assert sorted(p.name for p in _PARAMS) == sorted(TrustClassifier().get_params())


def test_save_refuses_what_load_would_refuse():
    with pytest.raises(ValueError, match=r"word_ngrams must be \(1, 1\) or \(1, 2\)"):
        TrustClassifier(word_ngrams=(1, 9), use_lexicon=False).fit(TEXTS, LABELS)
    wide = TrustClassifier(use_lexicon=False).fit(TEXTS, LABELS)
    wide.word_ngrams = (1, 9)  # changed after fitting
    with pytest.raises(ValueError, match=r"cannot save this model: params\.word_ngrams"):
        wide.save("never-written")
    assert not Path("never-written").exists()


def test_shipped_lexicon_names_load_as_the_shipped_files_whatever_the_working_folder(tmp_path, monkeypatch):
    model = TrustClassifier(lang="en", lexicons=["en/trust", "en/communication"]).fit(TEXTS[:9], LABELS[:9])
    path = model.save(tmp_path / "m")
    body = json.loads(json.loads(path.read_text(encoding="utf-8"))["body"])
    assert body["params"]["lexicons"] == ["en/trust", "en/communication"]
    before = model.scan(PROBE).units
    # a folder that the bare name 'en/trust' would otherwise resolve to
    (tmp_path / "en" / "trust").mkdir(parents=True)
    (tmp_path / "en" / "trust" / "x.toml").write_text(
        '[lexicon]\nname = "x"\nlanguage = "en"\nversion = "1"\n\n'
        '[[entry]]\nconcept = "risk"\nvalence = "-"\nterm = "food"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    again = TrustClassifier.load(tmp_path / "m")
    root = lexicon_dir().resolve()
    assert again.lexicons == [str(root / "en" / "trust.toml"), str(root / "en" / "communication.toml")]
    assert again.scan(PROBE).units == before


# -- signatures ---------------------------------------------------------------------------------


def test_a_signed_model_loads_only_with_its_key(model, tmp_path):
    path = model.save(tmp_path / "m", key="correct horse")
    doc = json.loads(path.read_text(encoding="utf-8"))
    expected = hmac.new(b"correct horse", doc["body"].encode("utf-8"), hashlib.sha256).hexdigest()
    assert doc["hmac_sha256"] == expected  # an HMAC-SHA256 of the body, checkable with other tools
    again = TrustClassifier.load(tmp_path / "m", key="correct horse")
    # weights are stored to five significant digits, so a reload agrees to about 1e-6
    pd.testing.assert_frame_equal(again.predict_proba(PROBE), model.predict_proba(PROBE), atol=1e-4)
    TrustClassifier.load(tmp_path / "m", key=b"correct horse")
    with pytest.raises(ModelError, match=r"hmac_sha256: signature mismatch with the key \(key=\)"):
        TrustClassifier.load(tmp_path / "m", key="battery staple")
    TrustClassifier.load(tmp_path / "m")  # without a key: checksum only (nothing to check a signature with)


def test_an_unsigned_model_is_refused_when_a_key_is_given(model, tmp_path):
    model.save(tmp_path / "m")
    with pytest.raises(ModelError, match="hmac_sha256: the model is not signed, but a key was given"):
        TrustClassifier.load(tmp_path / "m", key="k")
    path = model.save(tmp_path / "s", key="k")
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["hmac_sha256"]  # stripping the signature does not help
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match="the model is not signed"):
        TrustClassifier.load(tmp_path / "s", key="k")


def test_one_changed_weight_breaks_the_signature_even_with_a_fresh_checksum(model, tmp_path):
    model.save(tmp_path / "m", key="k")

    def flip(body):
        concept = _weighted(body)
        coef = body["detectors"][concept]["coef"]
        coef[0] = -coef[0] + 1.0

    edit(tmp_path / "m", flip)
    with pytest.raises(ModelError, match="hmac_sha256: signature mismatch"):
        TrustClassifier.load(tmp_path / "m", key="k")
    TrustClassifier.load(tmp_path / "m")  # the checksum alone cannot tell: it was recomputed


def test_the_key_may_come_from_the_environment(model, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "from-env")
    path = model.save(tmp_path / "m")
    assert "hmac_sha256" in json.loads(path.read_text(encoding="utf-8"))
    TrustClassifier.load(tmp_path / "m", key="from-env")
    TrustClassifier.load(tmp_path / "m")
    monkeypatch.setenv(KEY_ENV, "another")
    with pytest.raises(
        ModelError, match=f"signature mismatch with the key \\(environment variable {KEY_ENV}\\)"
    ):
        TrustClassifier.load(tmp_path / "m")
    with pytest.raises(ValueError, match="key is empty"):
        model.save(tmp_path / "e", key="")


def test_cli_signs_and_checks_with_key_env_in_a_subprocess(tmp_path):
    gold = tmp_path / "coded.jsonl"
    gold.write_text(
        "\n".join(json.dumps({"text": t, "labels": lab}) for t, lab in CODED) + "\n", encoding="utf-8"
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Management keeps us in the dark. The food is fine.", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != KEY_ENV}
    env.update(OUR_KEY="s3cret", WRONG_KEY="guess")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "trustlex", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )

    model = tmp_path / "model"
    trained = run("train", str(gold), "--out", str(model), "--key-env", "OUR_KEY")
    assert trained.returncode == 0, trained.stderr
    doc = json.loads((model / "model.json").read_text(encoding="utf-8"))
    assert doc["hmac_sha256"] == hmac.new(b"s3cret", doc["body"].encode("utf-8"), hashlib.sha256).hexdigest()
    scored = run("score", str(docs), "--model", str(model), "--key-env", "OUR_KEY")
    assert scored.returncode == 0, scored.stderr
    assert "communication" in scored.stdout
    evaluated = run("evaluate", str(gold), "--model", str(model), "--key-env", "WRONG_KEY")
    assert evaluated.returncode == 1
    assert "hmac_sha256: signature mismatch" in evaluated.stderr
    unset = run("score", str(docs), "--model", str(model), "--key-env", "NO_SUCH_VARIABLE")
    assert unset.returncode == 2
    assert "NO_SUCH_VARIABLE" in unset.stderr


def test_a_truncated_model_file_is_called_damaged_and_says_what_to_do(model, tmp_path):
    # a copy cut short (a full disk, an interrupted download) is a trustlex model file, just damaged
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    path.write_bytes(path.read_bytes()[:3000])
    with pytest.raises(ModelError, match="damaged trustlex model file") as err:
        TrustClassifier.load(tmp_path / "m")
    assert str(err.value).startswith(f"{path}: ")
    assert "copy it again or train the model again" in str(err.value)
    other = tmp_path / "other.json"
    other.write_text("not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not a trustlex model"):
        TrustClassifier.load(other)
