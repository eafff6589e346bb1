"""The command line, through typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_tag_shows_valence_and_cue():
    result = runner.invoke(app, ["tag", "--lang", "nl", "Er is geen vertrouwen in de directie."])
    assert result.exit_code == 0, result.output
    assert "trust" in result.output
    assert "geen" in result.output


def test_tag_shows_a_missing_cue_or_hedge_as_an_empty_cell():
    texts = ["I do not trust them.", "We trust our manager."]
    result = runner.invoke(app, ["tag", "--lang", "en", *texts])
    assert result.exit_code == 0, result.output
    assert "NaN" not in result.output
    assert "<NA>" not in result.output
    header, negated, plain = result.output.splitlines()
    assert header.split() == [
        "doc_id",
        "text",
        "concept",
        "base_valence",
        "valence",
        "cue",
        "hedge",
        "entry_id",
    ]
    assert negated.split() == ["0", "trust", "trust", "+", "-", "not", "en:trust:lemma:trust"]
    assert plain.split() == ["1", "trust", "trust", "+", "+", "en:trust:lemma:trust"]
    frame = trustlex.score_texts(texts, lang="en", level="match")  # the frame keeps its missing values
    assert frame["cue"].isna().tolist() == [False, True]
    assert frame["hedge"].isna().all()


def test_lang_is_read_in_any_case_and_an_unknown_one_is_bad_usage_everywhere():
    text = "Er is geen vertrouwen in de directie."
    upper = runner.invoke(app, ["tag", "--lang", "NL", text])
    assert upper.exit_code == 0, upper.output
    assert upper.stdout == runner.invoke(app, ["tag", "--lang", "nl", text]).stdout
    scored = runner.invoke(app, ["score", str(ROOT / "samples"), "--lang", "EN", "--quiet"])
    assert scored.exit_code == 0, scored.output
    assert set(scored.stdout.split()) >= {"en"}
    assert "nl" not in scored.stdout.split()
    assert runner.invoke(app, ["kwic", str(ROOT / "samples"), "--lang", "Auto"]).exit_code == 0
    for command in (["tag", "x"], ["score", str(ROOT / "samples")], ["kwic", str(ROOT / "samples")]):
        result = runner.invoke(app, [*command, "--lang", "de"])
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr == "error: --lang must be nl, en or auto, got 'de'\n"
    listed = runner.invoke(app, ["lexicon", "list", "--lang", "EN"])
    assert listed.exit_code == 0, listed.output
    assert "en/trust " in listed.stdout


def test_an_unknown_lexicon_is_bad_usage_in_tag_as_in_score():
    for command in (["tag", "I trust you."], ["score", str(ROOT / "samples")]):
        result = runner.invoke(app, [*command, "--lexicon", "xx/trust"])
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.startswith("error: unknown lexicon 'xx/trust'")


def test_score_samples_prints_table():
    result = runner.invoke(app, ["score", str(ROOT / "samples"), "--level", "sentence", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "employee-survey.csv" in result.output  # paths are relative to the folder given
    assert "intranet-meldpunt.html" in result.output
    assert str(ROOT) not in result.output
    assert "integriteit" in result.output.lower()
    assert "scored 4 files (22 documents)" in result.output


def test_score_writes_csv_and_parquet(tmp_path):
    frames = []
    for name in ("out.csv", "out.parquet"):
        out = tmp_path / name
        result = runner.invoke(app, ["score", str(ROOT / "samples"), "--out", str(out)])
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out) if name.endswith(".csv") else pd.read_parquet(out)
        assert len(frame) == 22  # ten + ten comments, one circular, one web page
        assert frame["n_words"].gt(0).all()
        assert "department" in frame.columns  # the tables' other columns come along
        frames.append(frame)
    assert frames[0]["trust_n"].tolist() == frames[1]["trust_n"].tolist()


def test_score_missing_path_is_usage_error(tmp_path):
    result = runner.invoke(app, ["score", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_score_csv_without_text_column(tmp_path):
    (tmp_path / "c.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(tmp_path / "c.csv"), "--text-column", "comment"])
    assert result.exit_code == 1
    assert "c.csv" in result.output
    assert "'comment'" in result.output
    assert "a, b" in result.output


def test_evaluate_own_gold(tmp_path):
    gold = tmp_path / "gold.jsonl"
    records = [
        {"id": "a", "lang": "nl", "text": "Er is geen vertrouwen in de directie.", "labels": {"trust": "-"}},
        {"id": "b", "lang": "en", "text": "The weather was lovely.", "labels": {}},
        {
            "id": "c",
            "lang": "en",
            "text": "Nobody takes responsibility here.",
            "labels": {"responsibility": "-"},
        },
    ]
    gold.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--errors-out", str(tmp_path / "err.csv")])
    assert result.exit_code == 0, result.output
    assert "micro_f1" in result.output
    assert (tmp_path / "err.csv").exists()


def test_evaluate_bad_gold_names_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"text": "x", "labels": {}}\n{"text": "y", "labels": {"trust": "neg"}}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 1
    assert f"{gold}:2: field 'labels' has 'trust': 'neg'" in result.output


def test_lexicon_check_reports_each_bad_file(tmp_path):
    good = ROOT / "lexicons" / "nl" / "trust.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[lexicon]\nname = "b"\nlanguage = "nl"\nversion = "1"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "x"\nterm = "y"\n'
    )
    result = runner.invoke(app, ["lexicon", "check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:8: schema: entry 1 (term 'y'): 'valence' must be one of" in result.output
    assert "2 paths checked, 1 problem (1 schema)" in result.output


def test_lexicon_list():
    result = runner.invoke(app, ["lexicon", "list", "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.count("entries") == 12


def test_console_script_runs_as_module():
    out = subprocess.run(
        [sys.executable, "-m", "trustlex", "tag", "--lang", "en", "They never keep their promises."],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "discipline" in out.stdout


def test_kwic_command_shows_hits_with_their_context():
    result = runner.invoke(
        app, ["kwic", str(ROOT / "samples"), "--concept", "responsibility", "--valence", "-"]
    )
    assert result.exit_code == 0, result.output
    assert "[nobody takes responsibility]" in result.output
    count, word = result.output.splitlines()[-1].split()  # "1 hit", "3 hits"
    assert word == ("hit" if count == "1" else "hits")
    assert runner.invoke(app, ["kwic", str(ROOT / "samples"), "--concept", "nope"]).exit_code == 2


def test_lexicon_show_and_stats():
    shown = runner.invoke(app, ["lexicon", "show", "nl/trust", "--concept", "trust"])
    assert shown.exit_code == 0, shown.output
    assert "nl:trust:lemma:vertrouwen" in shown.output
    stats = runner.invoke(app, ["lexicon", "stats"])
    assert stats.exit_code == 0, stats.output
    lines = stats.output.splitlines()
    assert any(line.split()[:2] == ["en", "ability"] for line in lines)
    assert "entries in 2 languages" in stats.output


def test_help_lists_the_commands_in_their_order():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = ["tag", "score", "evaluate", "train", "kwic", "report", "lexicon"]
    at = [result.output.index(f"│ {name} ") for name in names]
    assert at == sorted(at), result.output
    sub = runner.invoke(app, ["lexicon", "--help"]).output
    names = ["check", "import", "export", "suggest", "audit", "reliability", "list", "show", "stats"]
    at = [sub.index(f"│ {name} ") for name in names]
    assert at == sorted(at), sub


def test_kwic_skips_a_bad_file_and_reads_the_files_batched_with_it(tmp_path):
    (tmp_path / "a.txt").write_text("Wij vertrouwen de directie niet.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    (tmp_path / "c.txt").write_text("Niemand neemt verantwoordelijkheid.", encoding="utf-8")
    result = runner.invoke(app, ["kwic", str(tmp_path), "--lang", "nl"])
    assert result.exit_code == 1, result.output  # as score: finished, with reported errors
    assert "error: b.pdf: " in result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["a.txt", "c.txt"]
    assert "2 hits; 1 file or row could not be read" in result.stderr
    (tmp_path / "b.pdf").unlink()
    assert runner.invoke(app, ["kwic", str(tmp_path), "--lang", "nl"]).exit_code == 0


def test_kwic_counts_one_hit_in_the_singular(tmp_path):
    (tmp_path / "a.txt").write_text("Wij vertrouwen de directie niet.", encoding="utf-8")
    result = runner.invoke(app, ["kwic", str(tmp_path), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "1 hit"


def test_kwic_refuses_an_unknown_valence_before_reading(tmp_path):
    (tmp_path / "a.txt").write_text("Wij vertrouwen de directie niet.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    result = runner.invoke(app, ["kwic", str(tmp_path), "--valence", "x"])
    assert result.exit_code == 2, result.output
    assert result.stderr == "error: unknown valence 'x'; valences are +, -, 0\n"  # no file read yet
    assert runner.invoke(app, ["kwic", str(tmp_path), "--valence", "-"]).exit_code == 1  # b.pdf


def test_kwic_shows_line_breaks_and_tabs_in_the_text_as_spaces(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Wij\tvertrouwen de\ndirectie niet.\n\nNiemand\tneemt\r\nverantwoordelijkheid.", encoding="utf-8"
    )
    result = runner.invoke(app, ["kwic", str(tmp_path), "--lang", "nl", "--window", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # one line per hit
    assert "2 hits" in result.stderr
    assert not any(c in result.stdout for c in "\t\r")
    assert all(line.startswith("a.txt ") for line in lines)
    assert "[Wij vertrouwen] de directie " in lines[0]  # the subject entry reaches across the tab
    assert "Niemand [neemt verantwoordelijkheid] ." in lines[1]  # the hit itself spans a line break


@pytest.mark.parametrize(
    ("command", "status"),
    [
        (["evaluate", "{gold}", "--errors-out", "{tmp}/misses.csv"], 0),
        (["score", "{tmp}/docs", "--level", "sentence", "-q"], 1),  # broken.docx: its own status 1
        (["tag", "--lang", "en", "I trust my manager."], 0),
        (["kwic", "{tmp}/docs"], 1),
        (["lexicon", "list"], 0),
    ],
    ids=["evaluate", "score", "tag", "kwic", "lexicon-list"],
)
def test_a_closed_stdout_drops_the_rest_quietly_and_keeps_the_status(tmp_path, command, status):
    # `trustlex evaluate gold.jsonl | head` ended in "error: could not finish: Broken pipe", exit 3
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": f"g{i}", "text": f"The weather was fine on day {i}.", "labels": {"trust": "+"}}
        for i in range(50)
    ]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("I trust my manager. HR keeps us in the dark.\n" * 50, encoding="utf-8")
    (docs / "broken.docx").write_bytes(b"not a zip archive")
    args = [part.format(gold=gold, tmp=tmp_path) for part in command]
    process = subprocess.Popen(
        [sys.executable, "-m", "trustlex", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    process.stdout.close()  # the reader is gone before the first line, as after `| head -0`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == status, stderr
    assert "pipe" not in stderr.lower()
    assert "Traceback" not in stderr
    if command[0] == "evaluate":  # the command runs on past the closed pipe to its end
        assert len(pd.read_csv(tmp_path / "misses.csv")) == 50


def test_evaluate_checks_lang_as_every_command_does_and_names_a_language_without_units(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "I do not trust HR.", "labels": {"trust": "-"}}\n', encoding="utf-8")
    unknown = runner.invoke(app, ["evaluate", str(gold), "--lang", "fr"])
    assert unknown.exit_code == 2, unknown.output
    assert unknown.stderr == "error: --lang must be nl or en, got 'fr'\n"
    assert "micro_f1" not in unknown.stdout  # no all-zero table
    upper = runner.invoke(app, ["evaluate", str(gold), "--lang", "EN"])
    assert upper.exit_code == 0, upper.output
    assert " en      1 " in upper.stdout
    none = runner.invoke(app, ["evaluate", str(gold), "--lang", "nl"])
    assert none.exit_code == 1, none.output
    assert none.stderr == f"error: {gold}: no units in 'nl' to evaluate (the gold has 1 in 'en')\n"
    with pytest.raises(trustlex.LanguageError, match="lang must be nl or en, got 'fr'"):
        trustlex.evaluate(gold, lang="fr")
    with pytest.raises(trustlex.GoldError, match=r"^gold: no units in 'nl' to evaluate \(the gold has 1 in"):
        trustlex.evaluate([{"text": "I do not trust HR.", "labels": {}}], lang="nl")


@pytest.mark.parametrize("address", ["nonsense", "tcp://127.0.0.1", "tcp://host:abc", "nosuch://x:1"])
def test_a_malformed_dask_address_is_one_line_of_bad_usage(tmp_path, address):
    (tmp_path / "a.txt").write_text("I do not trust management.", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["score", str(tmp_path), "--dask", address, "--out", str(out), "-q"])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: dask address {address!r} is not 'local' or a scheduler address such as ")
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not (tmp_path / "out.csv.parts").exists()


def test_an_unreachable_scheduler_says_no_part_was_finished(tmp_path):
    (tmp_path / "a.txt").write_text("I do not trust management.", encoding="utf-8")
    env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}  # refused at once, not after 30 s
    cmd = [sys.executable, "-m", "trustlex", "score", str(tmp_path), "--dask", "tcp://127.0.0.1:9"]
    done = subprocess.run(
        [*cmd, "--out", str(tmp_path / "out.csv"), "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: could not finish: ")
    assert done.stderr.strip().endswith("; no part was finished")
    assert "parts are kept" not in done.stderr
