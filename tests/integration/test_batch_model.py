"""Folder scoring with a model: score_texts(model=...) rows, with workers, Dask, resuming and errors."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import trustlex
from trustlex.batch import (
    EXIT_ERRORS,
    ROWS_PER_UNIT,
    errors_path,
    model_fingerprint,
    read_output,
    score_folder,
)
from trustlex.errors import TrustlexError
from trustlex.models import TrustClassifier, default_model

ROOT = Path(__file__).resolve().parents[2]

NL = "Er is geen vertrouwen in de directie. Niemand neemt verantwoordelijkheid voor de risico's."
EN = "Management keeps us in the dark and nobody trusts them. Communication is open and honest."
NL2 = "De leiding controleert alles. We durven geen fouten te melden, want dan volgt straf."
EN2 = "Our manager is honest with us and we can speak up about mistakes without fear."


def _row_text(i: int) -> str:
    return [f"{EN} ({i})", f"{NL2} Team {i}.", f"{EN2} Number {i}.", f"{NL} ({i})"][i % 4]


def build_folder(root: Path, rows: int) -> tuple[list[tuple[str, int | None]], list[str]]:
    """Write text files, a table of ``rows`` rows with a broken one, and a broken document.

    Returns the (path, row) and text of every document, in the order a run scores them.
    """
    root.mkdir(parents=True)
    docs = {
        "a.txt": f"{NL}\n\n{EN2}\n",
        "b.md": f"# Verslag\n\n{NL2} {NL}\n",
        "c.txt": f"{EN} {EN2}\n" * 3,
        "sub/d.txt": "",
    }
    for rel, text in docs.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    lines = ["text,team"] + [f'"{_row_text(i)}",T{i % 3}' for i in range(rows)]
    lines.insert(7, '"too",many,fields')  # a broken row: reported, the others scored
    (root / "survey.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "bad.docx").write_bytes(b"PK\x03\x04 this is not a zip file at all")
    keys = [(rel, None) for rel in ("a.txt", "b.md", "c.txt")]
    texts = [docs[rel] for rel, _ in keys]
    row_numbers = [n for n in range(1, rows + 2) if n != 7]  # the broken row is data row 7
    keys += [("survey.csv", n) for n in row_numbers]
    texts += [_row_text(i) for i in range(rows)]
    keys.append(("sub/d.txt", None))  # empty: no rows
    texts.append("")
    return keys, texts


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("model") / "in"
    keys, texts = build_folder(root, rows=40)  # a unit of text files and one of table rows
    return root, keys, texts


# hand-coded sentences for a small model that reads words only, so that it disagrees with the lexicon
CODED = [
    ("Management keeps us in the dark about everything.", {"communication": "-"}),
    ("We never hear anything from leadership until it is too late.", {"communication": "-"}),
    ("Nobody tells us what is going on with the reorganisation.", {"communication": "-"}),
    ("Leadership shares updates every week and answers questions.", {"communication": "+"}),
    ("I trust my team lead completely.", {"trust": "+"}),
    ("There is no trust between staff and the board.", {"trust": "-"}),
    ("The canteen food is fine.", {}),
    ("Parking is free and close to the office.", {}),
    ("Er is geen vertrouwen in de directie.", {"trust": "-"}),
    ("Het management zwijgt als het graf.", {"communication": "-"}),
    ("De koffie is lekker.", {}),
    ("Ik vertrouw mijn leidinggevende.", {"trust": "+"}),
] * 2


@pytest.fixture(scope="module")
def word_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word-model")
    TrustClassifier(use_lexicon=False).fit([t for t, _ in CODED], [lab for _, lab in CODED]).save(folder)
    return folder


def _expected(keys: list, texts: list[str], model: object) -> pd.DataFrame:
    """score_texts(texts, model=model), with each document's path and row instead of its doc_id."""
    expected = trustlex.score_texts(texts, lang="auto", level="sentence", model=model)
    where = pd.DataFrame([keys[i] for i in expected["doc_id"]], columns=["path", "row"])
    return pd.concat([where, expected.drop(columns="doc_id")], axis=1).astype(
        {"path": "string", "row": "Int64"}
    )


def test_default_model_rows_equal_score_texts_with_one_or_two_workers_and_dask(folder, tmp_path, dask_local):
    root, keys, texts = folder
    expected = _expected(keys, texts, "default")
    assert len(expected) > 40
    in_memory = score_folder(root, level="sentence", model="default", progress=False)
    got = in_memory.frame
    assert list(got.columns) == [*expected.columns, "team"]  # then the table's other column
    # the frame of a run has pandas' own string columns; the values must be the same
    pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)

    outputs = {}
    for name, kw in {
        "one": {"workers": 1},
        "two": {"workers": 2},
        "dask": {"dask": dask_local, "workers": 2},
    }.items():
        out = tmp_path / f"{name}.csv"
        report = score_folder(root, out, level="sentence", model="default", progress=False, **kw)
        assert report.exit_code == EXIT_ERRORS
        outputs[name] = (out.read_bytes(), errors_path(out).read_bytes())
    assert outputs["one"] == outputs["two"] == outputs["dask"]
    from_csv = read_output(tmp_path / "one.csv")  # with the frames' dtypes again (read_results)
    pd.testing.assert_frame_equal(from_csv[expected.columns], expected)

    # the same errors, documents and words as without a model
    plain = score_folder(root, level="sentence", progress=False)
    pd.testing.assert_frame_equal(in_memory.errors, plain.errors)
    assert set(in_memory.errors["path"]) == {"bad.docx", "survey.csv"}
    assert (in_memory.files, in_memory.docs, in_memory.words) == (plain.files, plain.docs, plain.words)


def test_a_saved_model_adds_and_drops_rows_as_score_texts_does(folder, word_model, tmp_path):
    root, keys, texts = folder
    expected = _expected(keys, texts, str(word_model))
    assert set(expected["source"]) == {"lexicon", "model", "both"}
    got = score_folder(root, level="sentence", model=str(word_model), progress=False).frame
    # the frame of a run has pandas' own string columns; the values must be the same
    pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)
    out = tmp_path / "two.csv"
    score_folder(root, out, level="sentence", model=word_model, workers=2, progress=False)
    pd.testing.assert_frame_equal(read_output(out)[expected.columns], expected)
    # the model adds rows; the lexicon's own rows stand as they are
    plain = score_folder(root, level="sentence", progress=False).frame
    lexicon_rows = got[got["source"] != "model"][list(plain.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(lexicon_rows, plain)


def test_model_parquet_types_come_from_the_schema(folder, tmp_path):
    root, _, _ = folder
    out = tmp_path / "scores.parquet"
    score_folder(root, out, level="sentence", model="default", progress=False)
    schema = pq.read_schema(out)
    types = {f.name: str(f.type) for f in schema}
    assert types["source"] == "dictionary<values=string, indices=int8, ordered=0>"  # a Categorical
    assert types["probability"] == "double"
    assert types["weight"] == "double"  # NaN on the model's own rows
    assert types["hedged"] == "bool"
    assert types["team"] == "string"
    frame = pd.read_parquet(out)
    from_memory = score_folder(root, level="sentence", model="default", progress=False).frame
    pd.testing.assert_frame_equal(frame, from_memory)


def test_a_model_object_and_its_saved_folder_are_the_same_command(tmp_path):
    model = default_model()
    saved = tmp_path / "model"
    model.save(saved)
    assert model_fingerprint(model) == model_fingerprint(TrustClassifier.load(saved, key=False))
    other = TrustClassifier.load(saved, key=False).set_params(threshold=0.9)
    assert model_fingerprint(other) != model_fingerprint(model)


def test_model_arguments_are_checked_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text(NL, encoding="utf-8")
    with pytest.raises(TrustlexError, match="level must be 'sentence'"):
        score_folder(tmp_path, level="doc", model="default", progress=False)
    with pytest.raises(TrustlexError, match="lexicons the model was trained with"):
        score_folder(tmp_path, level="sentence", model="default", lexicons=["nl/trust"], progress=False)


def _script(folder: Path, out: Path) -> list[str]:
    code = (
        "import sys; from trustlex.batch import score_folder; "
        "report = score_folder(sys.argv[1], sys.argv[2], level='sentence', model='default', progress=False); "
        "print(report.summary())"
    )
    return [sys.executable, "-c", code, str(folder), str(out)]


def test_a_killed_model_run_resumes_to_identical_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = ["text,n"] + [f'"{_row_text(i)}",{i}' for i in range(4 * ROWS_PER_UNIT)]
    (folder / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    reference = tmp_path / "reference.csv"
    subprocess.run(_script(folder, reference), check=True, timeout=900, env=env)

    out = tmp_path / "out.csv"
    parts = tmp_path / "out.csv.parts"
    proc = subprocess.Popen(_script(folder, out), env=env)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None:
        if parts.is_dir() and len(list(parts.glob("*.jsonl"))) >= 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed; make the table bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    # without the model (or with another) it is another command, which must not mix with this one
    with pytest.raises(TrustlexError, match=r"a different command \(--model: one there, none here\)"):
        score_folder(folder, out, level="sentence", progress=False)
    # in a process of its own, as the runs before it: this one's memory stays small for the tests after it
    resumed = subprocess.run(_script(folder, out), env=env, capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stderr
    assert re.search(r"\([2-4] parts resumed\)", resumed.stdout), resumed.stdout
    assert out.read_bytes() == reference.read_bytes()
    assert not parts.exists()


def test_score_dask_with_a_model_equals_score_texts(word_model):
    import dask.bag as db
    import dask.dataframe as dd

    texts = [NL, EN, NL2, EN2, *sorted({t for t, _ in CODED})]
    texts = pd.Series(texts, index=[f"t{i:02d}" for i in range(len(texts))])
    model = TrustClassifier.load(word_model)
    expected = trustlex.score_texts(texts, lang="auto", level="sentence", model=model)
    assert set(expected["source"]) == {"lexicon", "model", "both"}
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)
    got = trustlex.score_dask(frame, lang="auto", level="sentence", model=model).compute()
    # Dask's concatenation gives its own dtypes; the values must be the same
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    bag = db.from_sequence(list(texts.items()), npartitions=2)
    got = trustlex.score_dask(bag, lang="auto", level="sentence", model=word_model).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_a_model_that_cannot_be_saved_is_refused_by_name_not_pickled(tmp_path):
    saved = tmp_path / "model"
    default_model().save(saved)
    unsaveable = TrustClassifier.load(saved, key=False).set_params(threshold=1.5)  # outside 0..1
    with pytest.raises(TrustlexError, match=r"must be one that can be saved.*params\.threshold"):
        model_fingerprint(unsaveable)
    (tmp_path / "a.txt").write_text(NL, encoding="utf-8")
    with pytest.raises(TrustlexError, match="must be one that can be saved"):
        score_folder(tmp_path / "a.txt", level="sentence", model=unsaveable, progress=False)
    with pytest.raises(TrustlexError, match="must be one that can be saved"):
        model_fingerprint(object())  # not a trustlex model at all
    assert "pickle" not in model_fingerprint(TrustClassifier.load(saved, key=False))
