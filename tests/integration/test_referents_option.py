"""An own referent taxonomy where a user scores text: --referents (CLI) and referents= (Python).

Each test uses a referent id that only the user's file has ("union"): the
shipped taxonomies make nobody of a works council or an "ondernemingsraad"
(an employee body, no public authority).
"""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.batch import EXIT_OK, EXIT_UNFINISHED, EXIT_USAGE
from trustlex.cli import app
from trustlex.errors import LexiconError, TrustlexError

EN = "The works council is honest and I trust them."
NL = "De ondernemingsraad is eerlijk en ik vertrouw hen."


def _referents(path, lang: str, terms: list[str], extra: str = "") -> str:
    quoted = ", ".join(f'"{t}"' for t in terms)
    text = (
        f'[referents]\nlanguage = "{lang}"\nversion = "1"\n\n[[referent]]\nid = "union"\nterms = [{quoted}]\n'
    )
    path.write_text(text + extra, encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(NL + "\n", encoding="utf-8")
    en = _referents(tmp_path / "en-referents.toml", "en", ["works council"])
    nl = _referents(tmp_path / "nl-referents.toml", "nl", ["ondernemingsraad"])
    return folder, en, nl


def test_score_texts_takes_an_own_taxonomy(files):
    _, en, nl = files
    rows = trustlex.score_texts([EN, NL], lang="auto", referents=[en, nl])
    assert rows["referent"].tolist() == ["union"] * 4
    assert set(rows["referent_text"]) == {"works council", "ondernemingsraad"}
    # without it, the shipped taxonomy: the works council and the ondernemingsraad are nobody
    assert set(trustlex.score_texts([EN, NL], lang="auto")["referent"]) == {"none"}


def test_an_edited_referent_file_is_read_again(files, tmp_path):
    _, en, _ = files
    assert set(trustlex.score_texts([EN], lang="en", referents=en)["referent"]) == {"union"}
    _referents(tmp_path / "en-referents.toml", "en", ["works council is"])  # another size: a new stamp
    rows = trustlex.score_texts(["The works council is honest."], lang="en", referents=en)
    assert rows["referent_text"].str.endswith("council is").tolist() == [True]


def test_score_folder_in_processes_takes_an_own_taxonomy(files):
    folder, en, nl = files
    report = trustlex.score_folder(folder, level="sentence", workers=2, referents=[en, nl], progress=False)
    assert report.errors.empty
    assert report.frame.groupby("path")["referent"].unique().map(list).to_dict() == {
        "a.txt": ["union"],
        "b.txt": ["union"],
    }


def test_cli_score_and_tag_take_referents(files, tmp_path):
    folder, en, nl = files
    out = tmp_path / "out.csv"
    runner = CliRunner()
    args = ["score", str(folder), "--level", "sentence", "-o", str(out), "-q", "--referents", en]
    result = runner.invoke(app, [*args, "--referents", nl])
    assert result.exit_code == EXIT_OK, result.output
    assert pd.read_csv(out)["referent"].tolist() == ["union"] * 4
    tagged = runner.invoke(app, ["tag", EN, "--lang", "en", "--referents", en])
    assert tagged.exit_code == EXIT_OK, tagged.output
    # the match table has no referent column: the component's rows do, with the user's id
    assert "trust" in tagged.output


def test_cli_report_takes_referents(files, tmp_path):
    folder, en, nl = files
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", str(folder), "-o", str(out), "--referents", en, "--referents", nl]
    )
    assert result.exit_code == EXIT_OK, result.output
    html = out.read_text(encoding="utf-8")
    assert "union" in html
    assert "government" not in html


def test_a_resumed_run_with_other_or_edited_referents_is_refused(files, tmp_path):
    folder, en, _ = files
    out = tmp_path / "out.csv"
    out.mkdir()  # the output cannot be written: the run stops at the end with its parts kept
    runner = CliRunner()
    first = ["score", str(folder / "a.txt"), "-o", str(out), "-q", "--lang", "en", "--referents", en]
    assert runner.invoke(app, [*first, "--force"]).exit_code == EXIT_UNFINISHED
    assert (tmp_path / "out.csv.parts" / "manifest.json").is_file()
    other = runner.invoke(app, first[:-2])  # the shipped taxonomy this time
    assert other.exit_code == EXIT_USAGE
    said = " ".join(other.output.split())
    assert f"unfinished run of a different command (--referents: ['{en}'] there, None here)" in said
    _referents(tmp_path / "en-referents.toml", "en", ["works council", "staff"])
    edited = runner.invoke(app, first)  # the same command, its file edited since
    assert edited.exit_code == EXIT_USAGE
    assert f"--referents: '{en}' changed since that run started" in " ".join(edited.output.split())


def test_bad_referent_files_give_one_line_naming_the_file(files, tmp_path):
    folder, en, _ = files
    runner = CliRunner()
    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[referents]\nlanguage = "en"\nversion = "1"\n\n[[referent]]\nid = "union"\n', encoding="utf-8"
    )
    for path, said in [
        (broken, f"error: {broken}:5: "),
        (tmp_path / "gone.toml", f"error: {tmp_path / 'gone.toml'}: referent file"),
    ]:
        result = runner.invoke(app, ["score", str(folder), "--referents", str(path)])
        assert result.exit_code == EXIT_USAGE, result.output
        assert result.output.startswith(said), result.output
    # a file of another language than the texts is refused, as the component refuses it
    other = runner.invoke(app, ["score", str(folder / "b.txt"), "--lang", "nl", "--referents", en])
    assert other.exit_code == EXIT_USAGE
    assert f"{en}:1: referent file is for language 'en' but the pipeline (or text) is 'nl'" in " ".join(
        other.output.split()
    )
    with pytest.raises(LexiconError, match=r"broken\.toml:5: "):
        trustlex.score_texts([EN], lang="en", referents=str(broken))
    with pytest.raises(TrustlexError, match="referents= works with trustlex's own pipeline"):
        trustlex.score_texts([EN], nlp=trustlex.load("en"), referents=en)


def test_score_dask_takes_an_own_taxonomy(files):
    _, en, _ = files
    texts = dd.from_pandas(
        pd.DataFrame({"text": [EN, "I trust my manager."]}, index=["a", "b"]), npartitions=2
    )
    lazy = trustlex.score_dask(texts, level="sentence", referents=en)  # lang="auto", English texts only
    with dask.config.set(scheduler="processes", num_workers=1):  # a worker process reads the file
        rows = lazy.compute()
    assert rows.groupby("doc_id")["referent"].unique().map(list).to_dict() == {
        "a": ["union"],
        "b": ["direct_manager"],
    }


def test_names_may_use_the_referent_ids_of_an_own_file(files, tmp_path):
    """A party named per text or per row may take an id only the user's file has ("union")."""
    _, en, nl = files
    text = "Unite is honest and I trust Unite."
    rows = trustlex.score_texts([text], lang="en", referents=en, names={"union": "Unite"})
    assert set(zip(rows["referent"], rows["referent_text"], strict=True)) == {("union", "Unite")}
    # without the file the id is unknown, and said to be so, naming the taxonomy's ids
    with pytest.raises(TrustlexError, match=r"'union' is not a referent id; the taxonomy has colleagues, "):
        trustlex.score_texts([text], lang="en", names={"union": "Unite"})
    table = tmp_path / "comments.csv"
    texts = [text, "FNV is eerlijk en ik vertrouw FNV."]
    pd.DataFrame({"text": texts, "org": ["Unite", "FNV"]}).to_csv(table, index=False)
    out = tmp_path / "out.csv"
    args = ["score", str(table), "--level", "sentence", "-o", str(out), "-q", "--name-column", "union=org"]
    result = CliRunner().invoke(app, [*args, "--referents", en, "--referents", nl])
    assert result.exit_code == EXIT_OK, result.output
    assert set(pd.read_csv(out)["referent"]) == {"union"}
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == EXIT_USAGE
    assert "'union' is not a referent id" in " ".join(refused.output.split())
    frame = dd.from_pandas(pd.DataFrame({"text": [text], "org": ["Unite"]}), npartitions=1)
    names = {"union": "org"}
    lazy = trustlex.score_dask(frame, lang="en", level="sentence", referents=en, name_columns=names)
    assert set(lazy.compute()["referent"]) == {"union"}
