"""A model trained with the user's own lexicon is used with those lexicons, everywhere a model is taken."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.batch import score_folder
from trustlex.cli import app
from trustlex.errors import TrustlexError
from trustlex.models import TrustClassifier

runner = CliRunner()
OURS = (
    '[lexicon]\nname = "ours-en"\nlanguage = "en"\nversion = "0.1.0"\n\n'
    '[[entry]]\nconcept = "trust"\nvalence = "-"\nterm = "gaslighting"\n'
)
CODED = [
    ("I do not trust HR.", {"trust": "-"}),
    ("Management lies to us.", {"integrity": "-"}),
    ("We trust each other.", {"trust": "+"}),
    ("The canteen is fine.", {}),
    ("They keep gaslighting us.", {"trust": "-"}),
] * 4
GASLIGHTING = "They keep gaslighting us."


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(folder, lexicon file, the model) of a model trained with an own lexicon, saved."""
    tmp = tmp_path_factory.mktemp("own")
    lexicon = tmp / "ours.toml"
    lexicon.write_text(OURS, encoding="utf-8")
    model = TrustClassifier(lang="en", lexicons=[str(lexicon)])
    model.fit([t for t, _ in CODED], [lab for _, lab in CODED])
    model.save(tmp / "model")
    return tmp / "model", lexicon, model


def _lexicon_rows(frame):
    """The rows the own lexicon found: its one term, in the sentence that has it."""
    return frame[(frame["concept"] == "trust") & (frame["terms"].astype(str) == "gaslighting")]


def test_cli_scores_and_evaluates_with_a_model_on_an_own_lexicon(trained, tmp_path):
    folder, lexicon, _ = trained
    table = tmp_path / "c.csv"
    table.write_text(f"id,text\n1,{GASLIGHTING}\n", encoding="utf-8")
    out = tmp_path / "scored.csv"
    args = ["score", str(table), "--model", str(folder), "--lexicon", str(lexicon), "--quiet"]
    scored = runner.invoke(app, [*args, "--out", str(out)])
    assert scored.exit_code == 0, scored.output
    rows = trustlex.read_results(out)
    assert _lexicon_rows(rows)["valence"].astype(str).tolist() == ["-"]
    assert _lexicon_rows(rows)["source"].astype(str).isin(["lexicon", "both"]).all()
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": GASLIGHTING, "labels": {"trust": "-"}}) + "\n", encoding="utf-8")
    evaluated = runner.invoke(app, ["evaluate", str(gold), "--model", str(folder), "--lexicon", str(lexicon)])
    assert evaluated.exit_code == 0, evaluated.output
    # one unit, found by the own lexicon: micro precision and recall 1
    assert re.search(r"^ all\s+1\s+1\.000\s+1\.000", evaluated.stdout, flags=re.MULTILINE), evaluated.stdout
    without = runner.invoke(app, ["score", str(table), "--model", str(folder), "--quiet"])
    assert without.exit_code == 1, without.output
    assert "own_lexicons: " in without.stderr
    assert "--lexicon FILE on the command line" in without.stderr
    other = runner.invoke(app, [*args[:4], "--lexicon", "en/trust", "--quiet"])
    assert other.exit_code == 1, other.output
    # the command line names its own flags, not the Python arguments
    assert other.stderr == (
        f"error: --model {folder}: the model was made with own ours-en 0.1.0, but --lexicon gives "
        "shipped en/trust; give --lexicon the files it was made with\n"
    )
    default = runner.invoke(app, ["evaluate", str(gold), "--model", "default", "--lexicon", str(lexicon)])
    assert default.exit_code == 1, default.output
    assert default.stderr.startswith(
        "error: --model default: the model was made with the shipped lexicons of each text's language, "
        "but --lexicon gives own ours-en 0.1.0"
    )
    assert "lexicons=" not in default.stderr + other.stderr
    assert "(model=" not in default.stderr + other.stderr


def test_score_texts_and_score_folder_load_a_model_folder_with_the_lexicons_given(trained, tmp_path):
    folder, lexicon, model = trained
    frame = trustlex.score_texts([GASLIGHTING], lang="en", model=str(folder), lexicons=[str(lexicon)])
    assert _lexicon_rows(frame)["valence"].astype(str).tolist() == ["-"]
    # the same file spelt another way is the same lexicon, for a model object too
    other_spelling = str(lexicon.parent / "." / lexicon.name)
    again = trustlex.score_texts([GASLIGHTING], lang="en", model=model, lexicons=[other_spelling])
    assert again[["concept", "valence", "source"]].equals(frame[["concept", "valence", "source"]])
    (tmp_path / "a.txt").write_text(GASLIGHTING, encoding="utf-8")
    report = score_folder(tmp_path, level="sentence", model=folder, lexicons=[str(lexicon)], progress=False)
    assert _lexicon_rows(report.frame)["valence"].astype(str).tolist() == ["-"]
    evaluated = trustlex.evaluate([{"text": GASLIGHTING, "labels": {"trust": "-"}}], model=model)
    assert evaluated.predictions[0].get("trust") == "-"  # the model's own lexicon, as score_texts uses
    with pytest.raises(TrustlexError, match="lexicons the model was trained with"):
        trustlex.score_texts([GASLIGHTING], lang="en", model=model, lexicons=["en/trust"])
    with pytest.raises(TrustlexError, match="lexicons the model was trained with"):
        trustlex.evaluate([{"text": GASLIGHTING, "labels": {}}], model=model, lexicons=["en/trust"])


@pytest.mark.parametrize("command", ["score", "evaluate"])
def test_a_model_path_that_does_not_exist_is_bad_usage(tmp_path, command):
    target = tmp_path / "gold.jsonl"
    target.write_text('{"text": "I do not trust HR.", "labels": {"trust": "-"}}\n', encoding="utf-8")
    missing = Path(tmp_path, "no-such-model")
    result = runner.invoke(app, [command, str(target), "--model", str(missing)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: --model {missing}: no such model folder or file\n"


def test_cli_train_takes_lexicon_as_score_does(tmp_path):
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text(OURS, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps({"text": t, "labels": lab}) + "\n" for t, lab in CODED), encoding="utf-8"
    )
    trained = runner.invoke(
        app, ["train", str(gold), "--lang", "en", "--lexicon", str(lexicon), "--out", str(tmp_path / "m")]
    )
    assert trained.exit_code == 0, trained.output
    body = json.loads(json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))["body"])
    assert body["own_lexicons"] == [{"name": "ours-en", "version": "0.1.0"}]
    table = tmp_path / "c.csv"
    table.write_text(f"id,text\n1,{GASLIGHTING}\n", encoding="utf-8")
    args = ["score", str(table), "--model", str(tmp_path / "m"), "--lexicon", str(lexicon), "-q"]
    scored = runner.invoke(app, [*args, "--out", str(tmp_path / "s.csv")])
    assert scored.exit_code == 0, scored.output
    assert _lexicon_rows(trustlex.read_results(tmp_path / "s.csv"))["valence"].astype(str).tolist() == ["-"]
    # weak supervision learns the labels of the lexicons given: only ours knows "gaslighting"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (text, _) in enumerate(CODED):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    weak = ["train", str(corpus), "--from-lexicon", "--lang", "en", "--out", str(tmp_path / "w")]
    with pytest.warns(UserWarning, match="trust has one valence only"):  # ours has only '-'
        assert runner.invoke(app, [*weak, "--lexicon", str(lexicon)]).exit_code == 0
    model = TrustClassifier.load(tmp_path / "w", lexicons=[str(lexicon)])
    assert model.predict([GASLIGHTING]).loc[0, "trust"] == "-"


def test_evaluate_with_an_english_lexicon_on_dutch_units_is_an_error_not_the_shipped_lexicons(tmp_path):
    # the Dutch units were labelled by the shipped Dutch lexicons and reported as the user's
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text(OURS, encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    units = [
        {"lang": "nl", "text": "Ik vertrouw mijn leidinggevende niet.", "labels": {"trust": "-"}},
        {"lang": "en", "text": "They keep gaslighting us.", "labels": {"trust": "-"}},
    ]
    gold.write_text("".join(json.dumps(u) + "\n" for u in units), encoding="utf-8")
    both = runner.invoke(app, ["evaluate", str(gold), "--lexicon", str(lexicon)])
    assert both.exit_code != 0
    assert "none of the lexicons given" in both.output
    assert "'nl'" in both.output
    english = runner.invoke(app, ["evaluate", str(gold), "--lexicon", str(lexicon), "--lang", "en"])
    assert english.exit_code == 0, english.output


def test_lexicons_that_share_some_with_the_models_name_only_what_differs(tmp_path):
    # the descriptions list every lexicon (two dozen shipped names with en/* and nl/*): the message ends
    # with what only one side has, so the user sees the one file they left out
    from trustlex.errors import ModelError

    lexicon = tmp_path / "ours.toml"
    lexicon.write_text(OURS, encoding="utf-8")
    model = TrustClassifier(lang="en", lexicons=["en/trust", "en/integrity", str(lexicon)])
    model.fit([t for t, _ in CODED], [lab for _, lab in CODED])
    folder = model.save(tmp_path / "model")
    with pytest.raises(ModelError, match=r"\(only the model's: own ours-en 0\.1\.0; only given: nothing\)"):
        TrustClassifier.load(folder, lexicons=["en/trust", "en/integrity"])
    with pytest.raises(ModelError, match=r"\(only the model's: shipped en/integrity; only given: nothing\)"):
        trustlex.score_texts([GASLIGHTING], lang="en", model=model, lexicons=["en/trust", str(lexicon)])
    (tmp_path / "a.txt").write_text(GASLIGHTING, encoding="utf-8")
    cli = ["score", str(tmp_path / "a.txt"), "--model", str(folder), "--quiet"]
    result = runner.invoke(app, [*cli, "--lexicon", "en/trust", "--lexicon", str(lexicon)])
    assert result.exit_code == 1, result.output
    differ = "(only the model's: shipped en/integrity; only given: nothing); give --lexicon the files it was"
    assert differ in result.stderr
    # two sets with nothing in common are short enough as they are: no such part
    with pytest.raises(ModelError) as caught:
        TrustClassifier.load(folder, lexicons=["en/risk"])
    assert "only the model's" not in str(caught.value)


def test_a_model_on_the_shipped_lexicons_and_an_own_one_says_to_give_both(tmp_path):
    # an HR analyst trains on en/* and nl/* plus her own file; loading without --lexicon must say to give
    # the shipped ones too (her own file alone is refused), and name them as she gave them, not 24 names
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text(OURS, encoding="utf-8")
    given = ["en/*", "nl/*", str(lexicon)]
    model = TrustClassifier(lang="auto", lexicons=given)
    model.fit([t for t, _ in CODED], [lab for _, lab in CODED])
    folder = model.save(tmp_path / "model")
    table = tmp_path / "c.csv"
    table.write_text(f"id,text\n1,{GASLIGHTING}\n", encoding="utf-8")
    without = runner.invoke(app, ["score", str(table), "--model", str(folder), "--quiet"])
    assert without.exit_code == 1, without.output
    assert "--lexicon 'en/*' --lexicon 'nl/*' --lexicon FILE" in without.stderr, without.stderr
    assert "lexicons=['en/*', 'nl/*', ...]" in without.stderr
    cli = ["score", str(table), "--model", str(folder), "-q"]
    own_only = runner.invoke(app, [*cli, "--lexicon", str(lexicon)])
    assert own_only.exit_code == 1, own_only.output
    assert "the model was made with shipped en/*, nl/*; own ours-en 0.1.0, but" in own_only.stderr
    assert "en/ability" not in own_only.stderr  # the full sets are named by their globs
    # following the advice loads it
    both = runner.invoke(app, [*cli, *(arg for g in given for arg in ("--lexicon", g))])
    assert both.exit_code == 0, both.output
    # a subset of a language's files is still named file by file
    part = TrustClassifier(lang="en", lexicons=["en/trust", str(lexicon)])
    part.fit([t for t, _ in CODED], [lab for _, lab in CODED])
    with pytest.raises(TrustlexError, match=r"--lexicon 'en/trust' --lexicon FILE"):
        TrustClassifier.load(part.save(tmp_path / "part"))
