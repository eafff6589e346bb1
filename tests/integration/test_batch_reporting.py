"""What a folder run tells its user: broken rows, bad lexicons, skipped files, stale parts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from formats import UNCLOSED
from runs import interrupt_after_first_part, score_cmd
from typer.testing import CliRunner

from trustlex.batch import EXIT_ERRORS, EXIT_USAGE, errors_path, score_folder
from trustlex.cli import app
from trustlex.errors import TrustlexError

runner = CliRunner()


def test_an_unclosed_quote_is_reported_and_no_row_is_folded_into_it(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "unclosed.csv").write_text(UNCLOSED, encoding="utf-8")
    out = tmp_path / "q_un.csv"
    result = runner.invoke(app, ["score", str(folder / "unclosed.csv"), "--out", str(out), "-q"])
    assert result.exit_code == EXIT_ERRORS, result.output
    assert "error: unclosed.csv: row 6: malformed-row: line 7: a quote opened on this line" in result.output
    assert f"errors listed in {errors_path(out)}\n" in result.output  # the summary says where the list is
    frame = pd.read_csv(out)
    assert frame["respondent"].tolist() == ["r1", "r2", "r3", "r4", "r5", "r7", "r8", "r9"]
    errors = pd.read_csv(errors_path(out))
    assert errors[["path", "row", "kind"]].values.tolist() == [["unclosed.csv", 6, "malformed-row"]]


def test_resuming_scores_again_a_file_that_changed_since_its_part(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    memo = folder / "a.txt"
    memo.write_text("Er is geen vertrouwen in de directie.", encoding="utf-8")
    # a table of four row ranges after it, still being scored when the run is interrupted (the
    # resumed run scores the rest: the table need not be longer than that)
    lines = ["text,n"] + [f'"Management keeps us in the dark ({i}).",{i}' for i in range(8_000)]
    (folder / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    interrupted = interrupt_after_first_part(folder, out)
    assert interrupted.returncode != 0
    assert not out.exists()
    memo.write_text("We trust our manager and the board, and they listen to us.", encoding="utf-8")
    resumed = subprocess.run(score_cmd(folder, out), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    row = pd.read_csv(out).set_index("path").loc["a.txt"]
    assert (row["lang"], row["n_words"], row["trust_pos"], row["trust_neg"]) == ("en", 12, 1, 0)


LEXICON = (
    '[lexicon]\nname = "my-nl"\nlanguage = "nl"\nversion = "0.1.0"\n\n'
    '[[entry]]\nconcept = "trust"\n{key} = "-"\nterm = "achterkamertjes"\n'
)


def _comments(folder: Path, n: int) -> None:
    folder.mkdir()
    rows = [json.dumps({"id": i, "text": f"Er wordt in achterkamertjes besloten ({i})."}) for i in range(n)]
    (folder / "r.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_a_bad_lexicon_is_one_usage_error_before_any_document_is_read(tmp_path):
    _comments(tmp_path / "in", 200)
    lexicon = tmp_path / "typo_key.toml"
    lexicon.write_text(LEXICON.format(key="valance"), encoding="utf-8")
    out = tmp_path / "out.csv"
    for spec in (str(lexicon), "nl/trsut"):
        result = runner.invoke(
            app, ["score", str(tmp_path / "in"), "--lexicon", spec, "--out", str(out), "-q"]
        )
        assert result.exit_code == EXIT_USAGE, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert lines[0].startswith("error: ")
        assert "row" not in lines[0]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "typo_key.toml"]  # nothing written
    first = runner.invoke(app, ["score", str(tmp_path / "in"), "--lexicon", str(lexicon), "-q"])
    assert f"error: {lexicon}:8: entry 1 (term 'achterkamertjes'): unknown field 'valance'" in first.output


def test_a_lexicon_of_one_language_under_lang_auto(tmp_path):
    _comments(tmp_path / "in", 3)
    (tmp_path / "in" / "en.txt").write_text("Management keeps us in the dark.", encoding="utf-8")
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(LEXICON.format(key="valence"), encoding="utf-8")
    auto = runner.invoke(
        app,
        ["score", str(tmp_path / "in"), "--lexicon", str(lexicon), "-q", "--out", str(tmp_path / "a.csv")],
    )
    # the Dutch texts are scored with it; the English one is reported once, plainly, and skipped
    assert auto.exit_code == EXIT_ERRORS, auto.output
    errors = [line for line in auto.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, auto.output
    assert errors[0].startswith("error: en.txt: LexiconError: ")
    assert "none of the lexicons given" in errors[0]
    assert "is for 'en'" in errors[0]
    scored = pd.read_csv(tmp_path / "a.csv")
    assert scored["path"].tolist() == ["r.jsonl"] * 3
    assert scored["trust_neg"].tolist() == [1, 1, 1]
    dutch = runner.invoke(
        app,
        [
            "score",
            str(tmp_path / "in"),
            "--lexicon",
            str(lexicon),
            "--lang",
            "nl",
            "-q",
            "--out",
            str(tmp_path / "o.csv"),
        ],
    )
    assert dutch.exit_code == 0, dutch.output
    frame = pd.read_csv(tmp_path / "o.csv")
    assert frame.loc[frame["path"] == "r.jsonl", "trust_neg"].tolist() == [1, 1, 1]


def test_lexicons_of_both_languages_under_lang_auto_each_score_their_own_texts(tmp_path):
    # one --lexicon list for a Dutch and English survey: it was a usage error (exit 2), nothing scored
    _comments(tmp_path / "in", 2)
    (tmp_path / "in" / "en.txt").write_text("Decisions are made in back rooms.", encoding="utf-8")
    dutch = tmp_path / "mine-nl.toml"
    dutch.write_text(LEXICON.format(key="valence"), encoding="utf-8")
    english = tmp_path / "mine-en.toml"
    english.write_text(
        LEXICON.format(key="valence")
        .replace('"my-nl"', '"my-en"')
        .replace('"nl"', '"en"')
        .replace("achterkamertjes", "back rooms"),
        encoding="utf-8",
    )
    out = tmp_path / "a.csv"
    args = ["score", str(tmp_path / "in"), "-q", "--out", str(out)]
    run = runner.invoke(app, [*args, "--lexicon", str(english), "--lexicon", str(dutch)])
    assert run.exit_code == 0, run.output
    scored = pd.read_csv(out).sort_values("path")
    assert scored["path"].tolist() == ["en.txt", "r.jsonl", "r.jsonl"]
    assert scored["lang"].tolist() == ["en", "nl", "nl"]
    assert scored["trust_neg"].tolist() == [1, 1, 1]


def test_score_folder_reads_a_language_code_in_any_case(tmp_path):
    (tmp_path / "a.txt").write_text("Management keeps us in the dark.", encoding="utf-8")
    upper = score_folder(tmp_path, lang="EN", progress=False)
    assert upper.frame["lang"].tolist() == ["en"]
    assert score_folder(tmp_path, lang=" Auto ", progress=False).frame["lang"].tolist() == ["en"]
    with pytest.raises(TrustlexError, match="lang must be one of nl, en or 'auto', got 'de'"):
        score_folder(tmp_path, lang="de", progress=False)


UNREAD_TYPES = (".doc", ".xls", ".odt", ".rtf", ".pptx", ".json")


def test_skipped_files_are_counted_by_type_in_the_summary(tmp_path):
    folder = tmp_path / "skip"
    folder.mkdir()
    (folder / "ok.txt").write_text("Er is geen vertrouwen.", encoding="utf-8")
    for suffix in UNREAD_TYPES:
        (folder / f"file{suffix}").write_bytes(b"something")
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "skip.csv"), "-q"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("scored 1 file (1 document), 1 row, 4 words, 0 errors in ")
    assert lines[1] == "skipped 6 files of types trustlex does not read: .doc, .json, .odt, .pptx, .rtf, .xls"


def test_readme_licence_and_credits_files_without_suffix_are_no_skipped_files(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "ok.txt").write_text("Er is geen vertrouwen.", encoding="utf-8")
    for name in ("SOURCES", "LICENSE", "Readme", "copying"):
        (folder / name).write_text("Credits, not a document.", encoding="utf-8")
    (folder / "notes").write_text("A file of no type is still counted.", encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "r.csv"), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1] == "skipped 1 file of a type trustlex does not read: (no suffix)"
    # named on its own, such a file is skipped as any other
    report = score_folder(folder / "SOURCES", progress=False)
    assert report.skipped["path"].tolist() == ["SOURCES"]


def test_no_document_to_score_is_said_plainly_with_exit_status_1(tmp_path):
    only = tmp_path / "onlyskip"
    only.mkdir()
    (only / "a.doc").write_bytes(b"x")
    (only / "b.DOC").write_bytes(b"x")
    empty = tmp_path / "empty"
    empty.mkdir()
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "memo.txt").write_text("We trust our manager.", encoding="utf-8")
    cases = {
        (
            str(only),
        ): f"error: no documents to score in {only}: 2 files, none of a type trustlex reads (.doc)",
        (str(empty),): f"error: no documents to score in {empty}: no files",
        (
            str(texts),
            "--glob",
            "*.pdf",
        ): f"error: no documents to score in {texts}: no file matches glob '*.pdf'",
    }
    for args, said in cases.items():
        for out in ([], ["--out", str(tmp_path / "o.csv"), "--force"]):
            result = runner.invoke(app, ["score", *args, "-q", *out])
            assert result.exit_code == EXIT_ERRORS, (args, result.output)
            assert "no trust language found" not in result.output
            assert result.stdout == ""
            assert result.stderr.startswith(said), result.stderr
    report = score_folder(only, progress=False)
    assert report.exit_code == EXIT_ERRORS
    assert report.nothing is not None
    assert report.files == 0


def test_files_that_could_not_be_read_are_not_counted_as_scored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("We trust our manager.", encoding="utf-8")
    (folder / "b.docx").write_bytes(b"not a zip file")
    (folder / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "d.csv").write_text('text\n"Management listens."\n"Geen inspraak."\n', encoding="utf-8")
    (folder / "e.xlsx").write_bytes(b"not a zip file")  # refused when its rows are counted
    result = runner.invoke(app, ["score", str(folder), "-q"])
    assert result.exit_code == EXIT_ERRORS, result.output
    assert "scored 2 of 5 files (3 documents; 3 files could not be read), " in result.stderr
    report = score_folder(folder, progress=False)
    assert (report.files, report.unread, report.docs) == (5, 3, 3)


def test_an_interrupted_run_says_how_to_resume_and_a_different_command_names_what_differs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # four row ranges: three still to score when the first one's part appears and Ctrl-C comes
    lines = ["text,n"] + [f'"Management keeps us in the dark ({i}).",{i}' for i in range(8_000)]
    (folder / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    interrupted = interrupt_after_first_part(folder, out)
    assert interrupted.returncode == 130, interrupted.stderr
    said = interrupted.stderr.strip().splitlines()
    assert len(said) == 1, interrupted.stderr
    assert said[0].startswith("interrupted: ")
    assert f"in {out}.parts; run the same command again to resume where it stopped" in said[0]
    other = runner.invoke(app, ["score", str(folder), "--out", str(out), "-q", "--level", "sentence"])
    assert other.exit_code == EXIT_USAGE, other.output
    assert (
        f"{out}.parts holds an unfinished run of a different command (--level: 'doc' there, " in other.stderr
    )
    assert "'sentence' here)" in other.stderr
    glob = runner.invoke(app, ["score", str(folder), "--out", str(out), "-q", "--glob", "*.csv"])
    assert "(--glob: None there, '*.csv' here)" in glob.stderr


def test_glob_matches_in_any_case_as_file_types_do(tmp_path):
    folder = tmp_path / "in"
    (folder / "Reports").mkdir(parents=True)
    (folder / "memo.txt").write_text("We trust our manager.", encoding="utf-8")
    (folder / "NOTES.TXT").write_text("Management never listens.", encoding="utf-8")
    (folder / "Reports" / "Q1.Txt").write_text("No trust in HR.", encoding="utf-8")
    (folder / "other.md").write_text("We trust our colleagues.", encoding="utf-8")
    # without --glob all four are read, REPORT-style names included: a glob must not silently drop them
    assert score_folder(folder, progress=False).files == 4
    report = score_folder(folder, glob="*.txt", progress=False)
    assert report.files == 3
    report = score_folder(folder, glob="reports/*.TXT", progress=False)
    assert report.files == 1
    out = tmp_path / "rows.csv"
    result = runner.invoke(
        app, ["score", str(folder), "-q", "--glob", "*.txt", "--level", "sentence", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(set(pd.read_csv(out)["path"])) == ["NOTES.TXT", "Reports/Q1.Txt", "memo.txt"]
