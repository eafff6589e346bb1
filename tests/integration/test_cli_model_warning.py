"""A model file's version warning is printed as the CLI's other warnings are, not as a Python warning."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import warnings

from trustlex.models import TrustClassifier


def test_score_prints_a_model_version_warning_as_a_warning_line(tmp_path):
    texts = ["I trust my manager.", "Nobody trusts HR.", "Lunch is fine."] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few examples
        model = TrustClassifier(lang="en").fit(texts, [{"trust": "+"}, {"trust": "-"}, {}] * 3)
    path = model.save(tmp_path / "m")
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    body["trustlex"] = "0.0.1"  # as a file written by another version
    doc["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "c.csv").write_text("text\nI trust HR.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "trustlex", "score", "c.csv", "--model", "m", "--out", "o.csv", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("warning: m/model.json: model made with other versions (trustlex 0.0.1 -> ")
    assert "UserWarning" not in done.stderr
    assert ".py:" not in done.stderr
