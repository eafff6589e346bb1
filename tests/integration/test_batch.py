"""Folder scoring on real files of every format: nothing lost, resumable, parallel, on Dask."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from formats import write_docx, write_pdf, write_xlsx
from runs import score_cmd
from typer.testing import CliRunner

import trustlex
from trustlex.batch import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, errors_path, score_document, score_folder
from trustlex.batch import Options as BatchOptions
from trustlex.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

NL = "Er is geen vertrouwen in de directie. Niemand neemt verantwoordelijkheid voor de risico's."
EN = "Management keeps us in the dark and nobody trusts them. Communication is open and honest."


def build_folder(root: Path) -> dict[str, str]:
    """Write one good document of every format (and mixed encodings), plus broken ones.

    Returns {relative path: expected error kind} for the broken files.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "plain.txt").write_text(NL + "\n", encoding="utf-8")
    (root / "notes.md").write_text("# Notes\n\n" + EN + "\n", encoding="utf-8")
    (root / "bom.txt").write_text("Één keer " + NL, encoding="utf-8-sig")
    (root / "wide.txt").write_text("Het risico is bekend. " + NL, encoding="utf-16")
    (root / "oud.txt").write_bytes(("Café-eigenaar: " + NL + " Kosten € 5.").encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "page.html").write_text(
        "<html><head><title>Titel</title><style>p{}</style><script>var trust=1;</script></head>"
        f"<body><h1>Beleid</h1><p>{NL}</p><!-- vertrouwen --></body></html>",
        encoding="utf-8",
    )
    write_docx(root / "beleid.docx", ["Integriteit", NL])
    write_pdf(root / "report.pdf", [EN])
    sub = root / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "nested.txt").write_text(EN, encoding="utf-8")
    (root / "survey.csv").write_bytes(
        ("id;opmerking;afdeling\n1;" + NL + ";HR\n2;Goed werk, geen klachten.;IT\n").encode("cp1252")
    )
    (root / "survey.tsv").write_text("respondent\ttext\n7\t" + EN + "\n", encoding="utf-8")
    (root / "comments.jsonl").write_text(
        '{"text": "' + EN + '", "team": "A"}\n{"text": oops}\n{"text": "Fine.", "team": "B"}\n',
        encoding="utf-8",
    )
    write_xlsx(root / "sheet.xlsx", ["comment", "score"], [[NL, 3], ["Geen mening.", 5]])
    (root / "broken.csv").write_text('text,n\n"ok row",1\n"too",many,fields\n"after",2\n', encoding="utf-8")
    # broken documents
    (root / "bad.docx").write_bytes(b"PK\x03\x04 this is not a zip file at all")
    good_pdf = (root / "report.pdf").read_bytes()
    (root / "bad.pdf").write_bytes(good_pdf[: len(good_pdf) // 3])
    (root / "bad.xlsx").write_bytes(os.urandom(2000))
    (root / "random.txt").write_bytes(bytes(range(256)) * 8)
    (root / "ignored.rtf").write_text("{\\rtf1 not supported}", encoding="utf-8")
    return {"bad.docx": "corrupt", "bad.pdf": "corrupt", "bad.xlsx": "corrupt", "random.txt": "binary"}


def test_every_format_scored_every_bad_file_reported(tmp_path):
    bad = build_folder(tmp_path / "in")
    out = tmp_path / "out.csv"
    report = score_folder(tmp_path / "in", out, level="doc", progress=False)
    frame = report.frame
    expected_files = {
        "plain.txt",
        "notes.md",
        "bom.txt",
        "wide.txt",
        "oud.txt",
        "empty.txt",
        "page.html",
        "beleid.docx",
        "report.pdf",
        "sub/nested.txt",
        "survey.csv",
        "survey.tsv",
        "comments.jsonl",
        "sheet.xlsx",
        "broken.csv",
    }
    assert set(frame["path"]) == expected_files
    by_path = frame.groupby("path")
    assert by_path.size()["survey.csv"] == 2
    assert by_path.size()["comments.jsonl"] == 2  # the bad line is reported, its neighbours scored
    assert by_path.size()["broken.csv"] == 2
    docs = frame[frame["row"].isna()].set_index("path")
    assert docs.loc["empty.txt", "n_words"] == 0
    assert docs.loc["plain.txt", "trust_neg"] == 1
    assert docs.loc["plain.txt", "lang"] == "nl"
    assert docs.loc["notes.md", "lang"] == "en"
    assert docs.loc["page.html", "n_words"] == len(("Beleid " + NL).split())  # no title, script or style
    # Dutch accents survive every encoding: the cp1252 table's text column was detected
    survey = frame[frame["path"] == "survey.csv"].sort_values("row")
    assert survey["afdeling"].tolist() == ["HR", "IT"]
    assert survey["trust_neg"].tolist() == [1, 0]
    assert any("oud.txt: read as cp1252" in n for n in report.notes)
    # errors: each bad file by name and kind, bad rows by number; the rest scored
    errors = report.errors
    for name, kind in bad.items():
        assert ((errors["path"] == name) & (errors["kind"] == kind)).any(), (name, errors)
    rows = errors[errors["row"].notna()]
    assert {(p, int(r)) for p, r in zip(rows["path"], rows["row"], strict=True)} == {
        ("comments.jsonl", 2),
        ("broken.csv", 2),
    }
    assert report.skipped["path"].tolist() == ["ignored.rtf"]
    assert report.exit_code == EXIT_ERRORS
    on_disk = pd.read_csv(errors_path(out))
    assert set(on_disk["path"]) == set(errors["path"])
    assert not out.with_name("out.csv.parts").exists()


def test_cli_exit_codes_and_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(NL, encoding="utf-8")
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--level", "sentence"])
    assert result.exit_code == EXIT_OK, result.output
    assert "scored 1 file (1 document), 3 rows," in result.output
    assert sorted(pd.read_parquet(out)["concept"]) == ["responsibility", "risk", "trust"]
    again = runner.invoke(app, ["score", str(folder), "--out", str(out)])
    assert again.exit_code == EXIT_USAGE
    assert "exists; pass --force" in again.output
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    forced = runner.invoke(app, ["score", str(folder), "--out", str(out), "--force"])
    assert forced.exit_code == EXIT_ERRORS
    assert "b.pdf" in forced.output
    assert runner.invoke(app, ["score", str(folder), "--level", "paragraph"]).exit_code == EXIT_USAGE


def test_killed_run_resumes_to_identical_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(150):
        (folder / f"doc{i:04d}.txt").write_text(f"{i}. {NL} {EN}\n" * 8, encoding="utf-8")
    # a table of 4 row ranges besides the 150 documents: enough parts to kill the run halfway
    lines = ["text,n"] + [f'"{EN} {NL} ({i})",{i}' for i in range(8_000)]
    (folder / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.csv"
    subprocess.run(score_cmd(folder, reference, "--level", "sentence"), check=True, timeout=600)

    out = tmp_path / "out.csv"
    parts = tmp_path / "out.csv.parts"
    proc = subprocess.Popen(score_cmd(folder, out, "--level", "sentence"))
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if parts.is_dir() and len(list(parts.glob("*.jsonl"))) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed; make the folder bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    # a different command must not mix with the unfinished run
    other = subprocess.run(score_cmd(folder, out, "--level", "doc"), capture_output=True, text=True)
    assert other.returncode == EXIT_USAGE
    assert "unfinished run of a different command" in other.stderr
    resumed = subprocess.run(score_cmd(folder, out, "--level", "sentence"), capture_output=True, text=True)
    assert resumed.returncode == EXIT_OK, resumed.stderr
    assert "parts resumed" in resumed.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert not parts.exists()


def test_workers_and_dask_give_identical_output(tmp_path, dask_local):
    folder = tmp_path / "in"
    build_folder(folder)
    for i in range(12):
        (folder / f"extra{i}.txt").write_text(f"{NL}\n{EN}\n" * (i + 1), encoding="utf-8")
    # three row ranges, each unit seeking to its mark; quoted line breaks and blank rows on the way
    rows = ["text,n"] + [f'"{EN}\n({i})",{i}' if i % 5 else "" for i in range(4_500)]
    (folder / "long.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    outputs = {}
    for name, kw in {
        "one": {"workers": 1},
        "two": {"workers": 2},
        "dask": {"dask": dask_local, "workers": 2},
    }.items():
        out = tmp_path / f"{name}.csv"
        report = score_folder(folder, out, level="match", progress=False, **kw)
        assert report.exit_code == EXIT_ERRORS
        long = pd.read_csv(out).query("path == 'long.csv'")
        assert sorted(set(long["row"].astype(int))) == [i + 1 for i in range(4_500) if i % 5]
        assert not long.duplicated().any()  # no row read by two units
        outputs[name] = (out.read_bytes(), errors_path(out).read_bytes())
    assert outputs["one"] == outputs["two"] == outputs["dask"]


def test_score_dask_collections_equal_score_texts():
    import dask.bag as db
    import dask.dataframe as dd

    texts = pd.Series([NL, EN, "Geen mening.", "I trust my team."], index=["a", "b", "c", "d"])
    expected = trustlex.score_texts(texts, lang="auto", level="sentence")
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)
    got = trustlex.score_dask(frame, lang="auto", level="sentence").compute()
    # doc_id has the type of the Dask frame's index (Dask's own string type)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.astype({"doc_id": frame.index.dtype}))
    bag = db.from_sequence(list(texts.items()), npartitions=2)
    got = trustlex.score_dask(bag, lang="auto", level="sentence").compute()
    # Dask's concatenation gives its own string dtype; the values must be the same
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


@pytest.mark.parametrize(
    "line", ["{NL} {EN} Regel {i}.\n", "{NL} {EN} Kop {i}\n\n"], ids=["lines", "blank-line-paragraphs"]
)
def test_long_document_in_blocks_equals_one_pass(line):
    # paragraphs without a full stop end at their blank line, also where a block cut falls in it
    text = "".join(line.format(NL=NL, EN=EN, i=i) for i in range(2000))  # ~385,000 characters
    assert len(text) > 3 * 100_000
    options = BatchOptions(level="doc", lang="nl")
    from trustlex.readers import BLOCK_CHARS

    blocks, start = [], 0
    while start < len(text):  # cut at line ends, as the reader does
        end = len(text)
        if start + BLOCK_CHARS < len(text):
            end = text.rfind("\n", start, start + BLOCK_CHARS) + 1
        blocks.append(text[start:end])
        start = end
    assert len(blocks) >= 4
    (row,), words = score_document(iter(blocks), {"path": "x", "row": None}, options)
    whole = trustlex.score_texts([text], lang="nl", level="doc").iloc[0]
    for column in ("n_words", "n_sents", "n_matches", "trust_neg", "responsibility_n", "risk_rate"):
        assert row[column] == pytest.approx(whole[column]), column
    assert words == whole["n_words"]
    sentence_rows, _ = score_document(iter(blocks), {}, BatchOptions(level="sentence", lang="nl"))
    whole_rows = trustlex.score_texts([text], lang="nl", level="sentence")
    keys = ["sent_id", "concept", "valence", "start_char", "end_char", "sentence"]
    assert [[r[k] for k in keys] for r in sentence_rows] == whole_rows[keys].to_numpy().tolist()


def test_pathological_word_does_not_stall(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "blob.txt").write_text(NL + " " + "x" * 5_000_000 + " " + NL, encoding="utf-8")
    report = score_folder(folder, level="sentence", progress=False)
    assert report.exit_code == EXIT_OK
    assert report.words == 2 * len(NL.split())  # the blob is blanked, the text around it scored
    assert set(report.frame["concept"]) == {"trust", "responsibility", "risk"}


def test_symlink_loops_broken_links_and_vanishing_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "doc.txt").write_text(NL, encoding="utf-8")
    (folder / "a" / "loop").symlink_to(folder)  # a folder link back up: never followed
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    report = score_folder(folder, level="doc", progress=False)
    assert report.frame["path"].tolist() == ["a/doc.txt"]
    assert report.errors[["path", "kind"]].to_dict("records") == [
        {"path": "dangling.txt", "kind": "vanished"}
    ]
    assert report.exit_code == EXIT_ERRORS


def test_a_table_cell_longer_than_a_block_keeps_its_words_whole(tmp_path):
    from trustlex.readers import BLOCK_CHARS

    # one line, no line breaks: "vertrouwen" straddles the block boundary unless cuts fall at spaces
    filler = "Het is een gewone dag op kantoor. " * (BLOCK_CHARS // 34)
    lead = " Wij hebben geen "
    text = filler[: BLOCK_CHARS - 4 - len(lead)] + lead + "vertrouwen in de directie. " + filler
    assert text.index("vertrouwen") < BLOCK_CHARS < text.index("vertrouwen") + len("vertrouwen")
    folder = tmp_path / "in"
    folder.mkdir()
    pd.DataFrame({"text": [text, "", "Geen vertrouwen."]}).to_csv(folder / "long.csv", index=False)
    out = tmp_path / "out.csv"
    score_folder(folder, out, level="match", lang="nl", progress=False)
    got = pd.read_csv(out)
    expected = trustlex.score_texts([text, "", "Geen vertrouwen."], lang="nl", level="match")
    assert got[["row", "concept", "valence", "start_char", "end_char"]].to_numpy().tolist() == (
        expected.assign(row=expected["doc_id"] + 1)[["row", "concept", "valence", "start_char", "end_char"]]
        .to_numpy()
        .tolist()
    )
    assert ((got["row"] == 1) & (got["text"] == "vertrouwen")).any()


def test_a_block_cut_inside_a_blank_line_counts_the_sentences_of_the_whole():
    text = "Geen vertrouwen in de directie\n\nOpen communicatie\n\nWeinig toezicht"
    whole = trustlex.score_texts([text], lang="nl", level="sentence")
    assert whole["sent_id"].tolist() == [0, 1, 2]
    cut = text.index("\n") + 1  # between the two line breaks of the first blank line
    for blocks in ([text[:cut], text[cut:]], [text[: cut + 1], text[cut + 1 :]]):
        rows, _ = score_document(iter(blocks), {}, BatchOptions(level="sentence", lang="nl"))
        keys = ["sent_id", "concept", "valence", "start_char", "end_char", "sentence"]
        assert [[r[k] for k in keys] for r in rows] == whole[keys].to_numpy().tolist()
        (doc,), _ = score_document(iter(blocks), {}, BatchOptions(level="doc", lang="nl"))
        assert doc["n_sents"] == 3


def test_score_dask_reads_a_language_code_in_any_case():
    pytest.importorskip("dask")
    import dask.bag as db

    import trustlex

    pairs = db.from_sequence([("x", "Er is geen vertrouwen.")], npartitions=1)
    lower = trustlex.score_dask(pairs, lang="nl", level="sentence")
    upper = trustlex.score_dask(pairs, lang="NL", level="sentence")
    # the frame's declared columns and types come from a probe text in that language
    assert upper._meta.dtypes.astype(str).to_dict() == lower._meta.dtypes.astype(str).to_dict()
    with __import__("dask").config.set(scheduler="synchronous"):
        got = upper.compute()
    assert got[["doc_id", "lang", "concept", "valence"]].values.tolist() == [["x", "nl", "trust", "-"]]


def test_zero_byte_tables_are_empty_not_errors(tmp_path):
    # docs/batch.md: an empty text file is a row with zero words; an empty table has no rows and a note
    folder = tmp_path / "in"
    folder.mkdir()
    for suffix in ("txt", "csv", "tsv", "jsonl"):
        (folder / f"empty.{suffix}").write_bytes(b"")
    (folder / "answers.csv").write_text("id;opmerking\n1;Geen vertrouwen.\n", encoding="utf-8")
    report = score_folder(folder, tmp_path / "out.csv", id_column="id", progress=False)
    assert report.exit_code == EXIT_OK
    assert report.errors.empty
    assert sorted(report.frame["path"]) == ["answers.csv", "empty.txt"]
    empty = [n for n in report.notes if "empty table" in n]
    assert sorted(n.split(":")[0] for n in empty) == ["empty.csv", "empty.jsonl", "empty.tsv"]


def test_empty_or_textless_pdf_and_docx_are_reported_not_zero_word_rows(tmp_path):
    # docs/batch.md: an empty .txt/.md/.html is an empty document; a .pdf or .docx of 0 bytes or without
    # text is an error naming the file and why (a scanned PDF: run OCR first), and the rest is scored
    from fpdf import FPDF

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("empty.txt", "empty.md", "empty.html", "empty.pdf", "empty.docx"):
        (folder / name).write_bytes(b"")
    scan = FPDF()
    scan.add_page()
    scan.rect(10, 10, 50, 50)  # a page with a picture and no text layer, as a scanner writes it
    scan.output(str(folder / "scan.pdf"))
    write_docx(folder / "pictures.docx", [])
    write_pdf(folder / "report.pdf", [EN])
    report = score_folder(folder, tmp_path / "out.csv", progress=False)
    assert report.exit_code == EXIT_ERRORS
    assert sorted(report.frame["path"]) == ["empty.html", "empty.md", "empty.txt", "report.pdf"]
    errors = dict(zip(report.errors["path"], report.errors["kind"], strict=True))
    assert errors == {
        "empty.pdf": "empty",
        "empty.docx": "empty",
        "scan.pdf": "no-text",
        "pictures.docx": "no-text",
    }
    scan_message = report.errors.set_index("path").loc["scan.pdf", "message"]
    assert "scanned PDF" in scan_message
    assert "OCR" in scan_message


def test_score_dask_language_fallback_does_not_depend_on_the_partitions():
    import dask.bag as db
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    # two Dutch texts first, then English: a partition of the first three is mostly Dutch, the whole
    # input mostly English; "Pros: #NAME?" has no evidence of either language
    texts = pd.Series(
        [
            "Ik vertrouw mijn leidinggevende niet.",
            "De directie luistert nooit.",
            "Pros: #NAME?",
            "I trust my manager.",
            "Management lies.",
            "HR never listens.",
            "Nobody takes responsibility.",
        ],
        index=[f"r{i}" for i in range(7)],
    )
    expected = trustlex.score_texts(texts, lang="auto", level="doc")
    assert expected.set_index("doc_id").loc["r2", "lang"] == "en"
    cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, Client(cluster):
        for n in (1, 2, 3):
            frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=n, sort=False)
            got = trustlex.score_dask(frame, level="doc").compute()
            pd.testing.assert_frame_equal(
                got.reset_index(drop=True), expected.astype({"doc_id": frame.index.dtype})
            )
            bag = db.from_sequence(list(texts.items()), npartitions=n)
            got = trustlex.score_dask(bag, level="doc").compute()
            pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
