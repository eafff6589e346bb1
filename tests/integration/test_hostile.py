"""Hostile and real-world input: nothing destroyed, nothing lost, nothing wrong, nothing run.

Each test builds the real thing on disk (a FIFO, a symbolic link, a zip bomb, a
file the size limit cuts off) and runs the real command line in a subprocess
where the finding was about the command line. The numbers in the test names
follow the findings of the hardening issue.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import trustlex
from trustlex.batch import plan, read_output, score_folder
from trustlex.errors import ReadError
from trustlex.pipeline import scoring_pipeline
from trustlex.readers import BLOCK_CHARS, read_text_document

NL = "Er is geen vertrouwen in de directie. De communicatie is slecht."
EN = "I do not trust management. Nobody takes responsibility."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def cli(*args: str, timeout: float = 120, limits: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """Run ``python -m trustlex ARGS`` for real; ``limits`` are resource limits for the child."""

    def preexec() -> None:
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))
        if limits and resource.RLIMIT_FSIZE in limits:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG

    return subprocess.run(
        [sys.executable, "-m", "trustlex", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec,
        check=False,
        **kw,
    )


# Linux starts a child's peak memory (ru_maxrss) at its parent's when it execs, and pytest
# itself can be past 1 GB late in a full run: a small launcher process runs the command and
# reports the command's own peak, which then starts from the launcher's few megabytes.
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured(*args: str, timeout: float = 300) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``python -m trustlex ARGS``; return the result and the command's own peak memory in KB."""
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        command = [sys.executable, "-m", "trustlex", *args]
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(peak), *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        result.args = command
        return result, int(peak.read_text())


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout


def folder_of_docs(path: Path, n: int = 3) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (path / f"doc{i}.txt").write_text(NL if i % 2 else EN, encoding="utf-8")
    return path


def docx(path: Path, paragraphs_xml: str) -> Path:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{paragraphs_xml}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    return path


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# -- 1, 5: the output never destroys or reads an input ------------------------------------


def test_01_out_equal_to_an_input_is_refused_even_with_force(tmp_path):
    table = tmp_path / "s.csv"
    table.write_text("text\nGeen vertrouwen.\n", encoding="utf-8")
    before = table.read_bytes()
    result = cli("score", str(table), "--out", str(table), "--force", "--quiet")
    assert result.returncode == 2
    assert "one of the inputs" in result.stderr
    no_traceback(result)
    assert table.read_bytes() == before


def test_01_out_on_a_document_inside_the_input_folder_is_refused(tmp_path):
    folder = folder_of_docs(tmp_path / "in")
    export = folder / "export.csv"
    export.write_text("text\nGeen vertrouwen in HR.\n", encoding="utf-8")  # the user's own table
    before = export.read_bytes()
    result = cli("score", str(folder), "--out", str(export), "--force", "--quiet")
    assert result.returncode == 2
    assert "inside the input folder" in result.stderr
    assert export.read_bytes() == before
    # an earlier trustlex output in the folder is this command's own: replaced, never scored
    out = folder / "results.csv"
    assert cli("score", str(folder), "--out", str(out), "--quiet").returncode == 0
    again = cli("score", str(folder), "--out", str(out), "--force", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "results.csv" not in set(pd.read_csv(out)["path"])


def test_05_own_parts_are_not_read_through_a_symlinked_output_path(tmp_path):
    folder = folder_of_docs(tmp_path / "in")
    link = tmp_path / "link"
    link.symlink_to(folder)
    parts = folder / "out.csv.parts"
    parts.mkdir()
    (parts / "0a1b.jsonl").write_text('{"text": "Geen vertrouwen."}\n', encoding="utf-8")
    units, errors, _skipped = plan([folder], skip=[link / "out.csv", link / "out.csv.parts"])
    assert errors == []
    assert sorted(rel for u in units for _, rel in u.files) == ["doc0.txt", "doc1.txt", "doc2.txt"]


# -- 2, 3, 4: nothing silently lost -----------------------------------------------------


def test_02_a_bad_row_is_one_error_row_and_the_rows_around_it_are_scored(tmp_path):
    rows = [{"text": f"Geen vertrouwen nummer {i}."} for i in range(5)]
    lines = [json.dumps(r) for r in rows]
    lines[2] = '{"text": "kapot \\ud800 vertrouwen"}'  # a lone surrogate: valid JSON, no UTF-8
    lines.insert(4, "{not json")
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = score_folder(path, level="sentence", lang="nl", progress=False)
    assert sorted(report.frame["row"].unique()) == [1, 2, 3, 4, 6]  # the surrogate row scored too
    assert report.errors[["row", "kind"]].to_dict("records") == [{"row": 5, "kind": "malformed-row"}]
    out = tmp_path / "out.csv"
    done = score_folder(path, out, level="sentence", lang="nl", progress=False)
    assert done.rows == len(report.frame)
    assert "\ufffd" in out.read_text(encoding="utf-8")


def test_02_03_a_million_blank_lines_in_a_cell_or_a_file(tmp_path):
    cell = tmp_path / "cells.csv"
    with cell.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        writer.writerow(["Geen vertrouwen." + "\n" * 1_200_000 + "Geen communicatie."])
        writer.writerow(["Wel vertrouwen."])
    text = tmp_path / "spaces.txt"
    text.write_text(" " * 1_500_000 + "\n\n" * 600_000 + "Er is geen vertrouwen.", encoding="utf-8")
    report = score_folder([cell, text], level="match", lang="nl", progress=False)
    assert report.errors.empty, report.errors
    found = report.frame
    assert set(found[found.path == "cells.csv"]["row"]) == {1, 2}
    assert set(found[found.path == "cells.csv"]["concept"]) == {"trust", "communication"}
    hit = found[found.path == "spaces.txt"].iloc[0]
    assert text.read_text(encoding="utf-8")[hit.start_char : hit.end_char] == "vertrouwen"


def test_04_score_texts_beyond_spacys_length_limit_keeps_every_hit_and_offset(monkeypatch):
    # spaCy's limit (max_length, a million characters by default; trustlex never reads it, it cuts
    # at BLOCK_CHARS) is lowered to two blocks on the pipeline score_texts uses: a text of three
    # blocks is then beyond it, the same refusal without building a million characters
    nlp = scoring_pipeline("nl")
    monkeypatch.setattr(nlp, "max_length", 2 * BLOCK_CHARS)
    sentence = "Er is geen vertrouwen in de directie. "
    n = 2 * BLOCK_CHARS // len(sentence) + 1
    long_text = sentence * n  # 200,000 characters and one sentence more
    with pytest.raises(ValueError, match="E088"):
        nlp.make_doc(long_text)  # what one doc takes: refused whole
    frame = trustlex.score_texts([long_text, "Geen vertrouwen."], lang="nl", level="match")
    ours = frame[frame.doc_id == 0]
    assert len(ours) == n
    assert (ours["valence"] == "-").all()
    starts = ours["start_char"].to_numpy()
    assert all(long_text[s : s + 10] == "vertrouwen" for s in starts[::197])
    assert ours["sent_id"].max() == n - 1
    assert frame[frame.doc_id == 1]["concept"].tolist() == ["trust"]


def test_04_a_long_unpunctuated_text_with_many_hits_finds_them_all():
    # three blocks, cut at a space for want of a full stop: every hit found across the cuts (the time
    # such a text takes is measured by benchmarks/hostile.py, on 999,000 characters)
    text = "we do not trust management and there is no communication " * 4_000  # 232,000 characters
    assert len(text) > 2 * BLOCK_CHARS
    frame = trustlex.score_texts([text], lang="en", level="match")
    # a Categorical counts every concept of the codebook; the absent ones are 0
    assert frame["concept"].value_counts().loc[lambda n: n > 0].to_dict() == {
        "trust": 4_000,
        "communication": 4_000,
    }


# -- 6, 8, 9, 16: bounded, never blocked, never outside ------------------------------------


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A DOCX whose document.xml unpacks to ``megabytes`` MB of empty paragraphs."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    block = b"<w:p/>" * (1 << 17)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as xml,
    ):
        xml.write(head)
        for _ in range(megabytes * (1 << 20) // len(block)):
            xml.write(block)
        xml.write(b"</w:body></w:document>")
    return path


@pytest.mark.slow
def test_06_docx_zip_bomb_is_refused_in_bounded_memory(tmp_path):
    (tmp_path / "in").mkdir()
    bomb = zip_bomb(tmp_path / "in" / "bomb.docx", 200)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(ReadError) as info:
        "".join(read_text_document(bomb, "bomb.docx").blocks)
    assert info.value.kind == "too-large"
    (tmp_path / "in" / "ok.txt").write_text(NL, encoding="utf-8")
    result, peak_kb = measured("score", str(tmp_path / "in"), "--quiet")
    assert peak_kb < 1 << 20  # under 1 GB (reading it whole took 8.7 GB)
    assert result.returncode == 1
    assert "bomb.docx: too-large" in result.stderr
    assert "ok.txt" in result.stdout
    no_traceback(result)


def test_06_a_large_real_docx_still_reads(tmp_path):
    path = docx(tmp_path / "long.docx", "".join(para(f"Alinea {i}: geen vertrouwen.") for i in range(60_000)))
    text = "".join(read_text_document(path, "long.docx").blocks)
    assert text.count("geen vertrouwen") == 60_000


def test_08_named_pipes_are_reported_not_waited_for(tmp_path):
    folder = folder_of_docs(tmp_path / "in")
    os.mkfifo(folder / "p.txt")
    os.mkfifo(folder / "p.csv")
    result = cli("score", str(folder), "--quiet", timeout=120)
    assert result.returncode == 1
    assert "p.txt: not-a-file" in result.stderr
    assert "p.csv: not-a-file" in result.stderr
    assert "doc0.txt" in result.stdout
    alone = cli("score", str(folder / "p.txt"), "--quiet", timeout=120)
    assert alone.returncode == 1
    assert "named pipe" in alone.stderr


@pytest.mark.slow
def test_09_html_is_read_in_bounded_memory(tmp_path):
    page = tmp_path / "huge.html"
    with page.open("w", encoding="ascii") as fh:
        fh.write("<html><body><p>Er is geen vertrouwen. ")
        for _ in range(400):
            fh.write(" " * (1 << 20))  # 400 MB of blank inside one paragraph
        fh.write("Geen communicatie.</p>")
    result, peak_kb = measured("score", str(page), "--quiet", "--level", "sentence", "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "trust" in result.stdout
    assert "communication" in result.stdout
    assert peak_kb < 1 << 20  # under 1 GB (the whole file read at once took over 2 GB)


def test_16_symlinks_out_of_the_folder_are_reported_unless_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Geheim: geen vertrouwen in de kluis.", encoding="utf-8")
    folder = folder_of_docs(tmp_path / "in")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "doc0.txt")  # inside the folder: fine
    report = score_folder(folder, level="doc", progress=False)
    assert "link.txt" not in set(report.frame["path"])
    assert "inside.txt" in set(report.frame["path"])
    assert report.errors[["path", "kind"]].to_dict("records") == [
        {"path": "link.txt", "kind": "outside-link"}
    ]
    followed = score_folder(folder, level="doc", progress=False, follow_links=True)
    assert "link.txt" in set(followed.frame["path"])
    assert followed.errors.empty


# -- 13, 14: nothing injected -------------------------------------------------------------


def test_13_csv_cells_from_documents_never_start_a_formula(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "survey.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "dept", "score"])
        link = '=HYPERLINK("http://evil/"; "Er is geen vertrouwen in de directie")'
        writer.writerow([link, "@SUM(A1:A9)", "-1"])
        writer.writerow(["+geen vertrouwen", "\tHR", "+2.5"])
    (folder / "=cmd.txt").write_text("Geen vertrouwen.", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = cli("score", str(folder), "--out", str(out), "--level", "sentence", "--quiet")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    risky = [c for c in cells if c[:1] in ("=", "@", "\t", "\r") or (c[:1] in "+-" and len(c) > 1)]
    assert risky == ["-1", "+2.5"]  # plain numbers are no formulas
    assert "'=cmd.txt" in cells
    assert "'@SUM(A1:A9)" in cells
    back = read_output(out)
    assert "=cmd.txt" in set(back["path"])
    assert set(back["dept"].dropna()) == {"@SUM(A1:A9)", "\tHR"}
    raw = tmp_path / "raw.csv"
    cli("score", str(folder), "--out", str(raw), "--level", "sentence", "--quiet", "--raw-csv")
    with raw.open(encoding="utf-8", newline="") as fh:
        assert "=cmd.txt" in {cell for row in csv.reader(fh) for cell in row}


def test_14_control_characters_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = "evil\x1b]0;pwned\x07\x1b[2J.txt"
    (folder / evil).write_text("\x1b]52;c;ZWNobyBoaQ==\x07 Geen vertrouwen.\x9b31m", encoding="utf-8")
    (folder / "bad\x1b[31m.csv").write_text("a,b\n1,2,3\n", encoding="utf-8")
    for args in (
        ["score", str(folder), "--level", "sentence", "--quiet", "--lang", "nl"],
        ["score", str(folder), "--level", "match", "--quiet", "--lang", "nl"],
        ["kwic", str(folder), "--lang", "nl"],
    ):
        result = cli(*args)
        for stream in (result.stdout, result.stderr):
            assert not any(c in stream for c in "\x1b\x07\x9b"), (args, stream)
        assert "\\x1b" in result.stdout + result.stderr
        no_traceback(result)


# -- 17, 18, 20: nothing wrong ----------------------------------------------------------------


def test_17_invisible_and_compatibility_characters_hide_nothing():
    plain = trustlex.score_texts(["There is no trust in management."], lang="en", level="sentence")
    disguised = [
        "There is no tr\u200bust in management.",  # zero-width space inside the word
        "There is no \u200btrust in management.",
        "There is no trust\x00 in management.",  # a NUL next to the word
        "".join(chr(ord(c) + 0xFEE0) if c.isalpha() else c for c in "There is no trust in management."),
        "There is no tr\u00adust in management.",  # a soft hyphen
    ]
    frame = trustlex.score_texts(disguised, lang="en", level="match")
    want = plain[["concept", "valence"]].values.tolist()
    for i, text in enumerate(disguised):
        rows = frame[frame.doc_id == i]
        assert rows[["concept", "valence"]].values.tolist() == want, text
        row = rows.iloc[0]
        assert text[row.start_char : row.end_char] == row.text  # offsets still index the original


def test_18_docx_bullets_and_cells_are_separate_sentences(tmp_path):
    path = docx(
        tmp_path / "list.docx",
        para("Gebrek aan inspraak")
        + para("Open communicatie met het team")
        + "<w:tbl><w:tr><w:tc>"
        + para("Geen")
        + "</w:tc><w:tc>"
        + para("vertrouwen in de directie")
        + "</w:tc></w:tr></w:tbl>",
    )
    report = score_folder(path, level="sentence", lang="nl", progress=False)
    rows = report.frame.set_index("sentence")["valence"]
    alone = trustlex.score_texts(
        ["Open communicatie met het team", "vertrouwen in de directie"], lang="nl", level="sentence"
    )["valence"].tolist()
    # as each reads on its own: the negation of the bullet or cell before does not reach it
    assert [rows["Open communicatie met het team"], rows["vertrouwen in de directie"]] == alone
    assert "-" not in alone
    assert rows["Gebrek aan inspraak"] == "-"


def test_18_html_breadcrumb_heading_and_paragraph_are_separate_sentences(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<nav>Home \u203a Integriteit</nav><h1>Meldpunt</h1><p>Er is hier geen vertrouwen.</p>"
        "<ul><li>Geen inspraak</li><li>Open communicatie</li></ul>",
        encoding="utf-8",
    )
    report = score_folder(page, level="sentence", lang="nl", progress=False)
    sentences = report.frame.drop_duplicates("sent_id")["sentence"].tolist()
    assert "Er is hier geen vertrouwen." in sentences
    assert report.frame.set_index("sentence").loc["Open communicatie", "valence"] != "-"


def test_20_score_texts_takes_what_pandas_and_users_hand_it():
    texts = pd.Series(["Geen vertrouwen.", pd.NA, "Ook geen vertrouwen."], dtype="string")
    frame = trustlex.score_texts(texts, lang="nl", level="sentence")
    assert frame["doc_id"].tolist() == [0, 2]
    assert trustlex.score_texts([b"Geen vertrouwen."], lang="nl")["concept"].tolist() == ["trust"]
    by_key = trustlex.score_texts({"r1": "Geen vertrouwen."}, lang="nl")
    assert by_key["doc_id"].tolist() == ["r1"]  # a mapping scores its values, keyed
    with pytest.raises(TypeError, match="single bytes"):
        trustlex.score_texts(b"Geen vertrouwen.", lang="nl")
    surrogate = trustlex.score_texts(["kapot \ud800 geen vertrouwen"], lang="nl", level="match")
    assert surrogate["text"].tolist() == ["vertrouwen"]


# -- 21: leftovers, locks and full disks ---------------------------------------------------


def test_21_leftovers_of_a_killed_run_are_cleaned_and_the_rerun_finishes(tmp_path):
    folder = folder_of_docs(tmp_path / "in")
    out = tmp_path / "out.csv"
    (tmp_path / "out.csv.tmp4242").write_text("half", encoding="utf-8")
    (tmp_path / "out.csv.parts.done").mkdir()  # killed while removing its parts
    (tmp_path / "out.csv.parts").mkdir()  # killed before writing its manifest
    result = cli("score", str(folder), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.csv"]


def test_21_a_second_run_on_a_locked_output_exits_3(tmp_path):
    folder = folder_of_docs(tmp_path / "in")
    out = tmp_path / "out.csv"
    with (tmp_path / "out.csv.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("4242")
        lock.flush()
        result = cli("score", str(folder), "--out", str(out), "--quiet")
    assert result.returncode == 3
    assert "being written by another run (pid 4242)" in result.stderr
    no_traceback(result)
    assert not out.exists()


def test_21_a_full_disk_is_exit_3_with_one_line_and_the_rerun_resumes(tmp_path):
    table = tmp_path / "comments.csv"
    table.write_text("text\n" + "I do not trust management.\n" * 10_000, encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ("score", str(table), "--out", str(out), "--level", "sentence", "--quiet")
    # every file may grow to 1 MB: the parts (2,000 rows each) fit, the joined output does not
    full = cli(*args, limits={resource.RLIMIT_FSIZE: 1_000_000})
    assert full.returncode == 3, full.stderr
    assert full.stderr.count("\n") == 1, full.stderr
    assert full.stderr.startswith("error: could not finish"), full.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("out.csv.tmp*"))
    resumed = cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert "(5 parts resumed)" in resumed.stderr
    assert len(pd.read_csv(out)) == 10_000


# -- 19: short answers take the language around them ----------------------------------------


def test_19_short_dutch_answers_are_read_as_dutch(tmp_path):
    answers = ["Prima werkgever", "Te veel werkdruk", "Geen idee", "OK", "Top", "", "Goed geregeld"]
    frame = trustlex.score_texts(answers, lang="auto", level="doc")
    assert frame["lang"].tolist() == ["nl"] * len(answers)
    table = tmp_path / "antwoorden.csv"
    table.write_text("antwoord\n" + "\n".join(a or '""' for a in answers) + "\n", encoding="utf-8")
    report = score_folder(table, level="doc", progress=False)
    assert set(report.frame["lang"]) == {"nl"}
    english = trustlex.score_texts(["Great place", "OK", "Bad management"], lang="auto", level="doc")
    assert english["lang"].tolist() == ["en", "en", "en"]


# -- 10: long sheets are read once, range by range ------------------------------------------


@pytest.mark.slow
def test_10_a_40000_row_xlsx_is_cut_into_ranges_that_start_at_their_own_rows(tmp_path):
    import openpyxl

    path = tmp_path / "survey.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["id", "comment"])
    for r in range(40_000):
        sheet.append([r, "Geen vertrouwen in de directie." if r % 2 else "Goede communicatie."])
    book.save(path)
    units, errors, _ = plan([path])
    assert errors == []
    assert len(units) == 20
    # each range after the first starts at a mark: it unpacks the rows before it, parses only its own
    assert all(u.mark is not None and u.mark.start == u.start for u in units[1:])
    report = score_folder(path, level="doc", lang="nl", progress=False)
    assert report.rows == 40_000
    assert report.frame["row"].tolist() == list(range(1, 40_001))
    assert report.frame["trust_n"].sum() == 20_000
