"""What the auditor's trial (round 31) found: grouping per document, units of a small folder, the report of
a results file and its errors, Ctrl-C before any part, and the local cluster's HTTP port."""

from __future__ import annotations

import socket
import warnings

import pytest
import typer

import trustlex
from trustlex.batch import plan, read_results, score_folder
from trustlex.batch.plan import BATCH_FILES, SPREAD_UNITS

POLICY = (
    "De gemeente heeft geen vertrouwen in de aanbieder. Het college informeert de raad niet. "
    "De organisatie neemt geen verantwoordelijkheid. De minister houdt toezicht."
)


@pytest.fixture
def scored(tmp_path):
    folder = tmp_path / "beleid"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(POLICY if i != 1 else "De gemeente vertrouwt de burger.", "utf-8")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "results.csv"
    score_folder(folder, out=out, level="sentence", progress=False)
    return folder, out


def test_compare_and_climate_group_by_a_document_key_and_referent(scored):
    folder, out = scored
    rows = read_results(out)
    # by=["path", "referent"] failed: "Grouper for 'path' not 1-dimensional" ("cannot insert path" in climate)
    table = trustlex.compare(rows, by=["path", "referent"], n_boot=40)
    for path, part in rows.groupby("path", observed=True):
        alone = trustlex.compare(part, by="referent", n_boot=40)
        mine = table[table["path"] == path]
        assert mine["units"].sum() == alone["units"].sum() == len(part)
        assert set(mine["referent"].astype(str)) == set(alone["group"].astype(str))
    climate = trustlex.climate(rows, by=["path", "referent"], n_boot=40)
    assert set(climate["path"]) == set(rows["path"])
    assert (climate["n_docs"] == 1).all()  # one document per path
    docs = score_folder(folder, level="doc", progress=False).frame
    with_docs = trustlex.compare(rows, by=["path", "referent"], docs=docs, n_boot=40)
    assert with_docs["rate"].notna().any()  # per 1,000 words of the document


def test_a_small_folder_is_cut_into_several_units(tmp_path):
    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text("Wij vertrouwen de gemeente.", "utf-8")
    units, _, _ = plan([tmp_path])
    # 40 small files were one unit: one Dask worker scored them all, and Ctrl-C kept nothing
    assert len(units) == SPREAD_UNITS
    assert sorted(f for u in units for _, f in u.files) == sorted(f"{i:02d}.txt" for i in range(40))
    for i in range(40, 1000):
        (tmp_path / f"{i:03d}.txt").write_text("x", "utf-8")
    units, _, _ = plan([tmp_path])
    assert max(len(u.files) for u in units) == BATCH_FILES  # many small files: batched as before
    assert len(units) == 10


def test_a_report_of_a_results_file_names_the_files_its_run_could_not_read(scored, tmp_path):
    _, out = scored
    page = trustlex.html_report(out, tmp_path / "report.html").read_text("utf-8")
    assert "1 file or table row could not be read and is not in this report: kapot.pdf." in page
    assert (
        "could not be read" not in trustlex.html_report(read_results(out), tmp_path / "r2.html").read_text()
    )


def test_ctrl_c_before_any_part_is_finished_says_so(tmp_path, capsys):
    from trustlex.cli.tagging import _resume_hint

    with pytest.raises(typer.Exit) as info, _resume_hint(tmp_path / "results.csv"):
        raise KeyboardInterrupt
    assert info.value.exit_code == 130
    said = capsys.readouterr().err
    assert said == "interrupted: no part was finished yet; the same command scores from the start\n"


def test_a_local_cluster_takes_a_free_http_port_without_dasks_warning():
    from trustlex.batch.dask import dask_client

    held = socket.socket()
    try:
        held.bind(("127.0.0.1", 8787))
        held.listen()
    except OSError:
        pass  # in use already: by another cluster on this machine, the case of the trial
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            client, close = dask_client("local", 2)
            try:
                assert len(client.scheduler_info()["workers"]) == 2
            finally:
                close()
        assert not [w for w in caught if "already in use" in str(w.message)]
    finally:
        held.close()


def test_a_text_file_named_docx_is_said_to_be_plain_text(tmp_path):
    (tmp_path / "notulen.docx").write_text(
        "Notulen van de raad\n\nGeen vertrouwen in het college.\n", "utf-8"
    )
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 this is not a zip file at all")
    errors = score_folder(tmp_path, progress=False).errors.set_index("path")["message"]
    assert errors["notulen.docx"] == (
        "corrupt or unreadable DOCX: File is not a zip file; it holds plain text, not a Word document: "
        "rename it to .txt to score it"
    )
    assert "plain text" not in errors["kapot.docx"]  # a broken Word file is only corrupt
