"""pypdf's warnings about a damaged PDF name the file: in the error or note, never as a bare stderr line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.formats import write_pdf
from trustlex.errors import ReadError
from trustlex.readers import read_text_document
from trustlex.readers.backends import use_readers

ROOT = Path(__file__).resolve().parents[2]


def _damaged(tmp_path: Path) -> dict[str, Path]:
    whole = write_pdf(tmp_path / "heel.pdf", ["Ik vertrouw mijn leidinggevende volledig."]).read_bytes()
    cut = tmp_path / "half.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    pointer = tmp_path / "verschoven.pdf"  # a wrong xref offset: pypdf repairs it and reads the text
    pointer.write_bytes(re.sub(rb"startxref\n\d+", b"startxref\n9999", whole))
    return {"cut": cut, "pointer": pointer}


def test_the_error_and_the_note_carry_pypdf_s_words(tmp_path):
    files = _damaged(tmp_path)
    with use_readers("plain"):
        with pytest.raises(ReadError) as info:
            "".join(read_text_document(files["cut"], "in/half.pdf").blocks)
        doc = read_text_document(files["pointer"], "in/verschoven.pdf")
        text = "".join(doc.blocks)
    assert info.value.kind == "corrupt"
    assert str(info.value).startswith("in/half.pdf: ")
    assert "(pypdf: " in str(info.value)
    assert "EOF marker not found" in str(info.value)
    assert "vertrouw" in text
    assert doc.note is not None
    assert doc.note.startswith("damaged PDF")
    assert "startxref" in doc.note


def test_warnings_of_another_thread_stay_out_of_a_file_s_note(tmp_path):
    import logging

    files = _damaged(tmp_path)
    started, release = threading.Event(), threading.Event()

    def other() -> None:  # a second reader's warning, logged while this thread reads
        started.set()
        release.wait(5)
        logging.getLogger("pypdf._reader").warning("from another thread")

    worker = threading.Thread(target=other)
    worker.start()
    started.wait(5)
    with use_readers("plain"):
        doc = read_text_document(files["pointer"], "verschoven.pdf")
        release.set()
        worker.join(5)
    assert "another thread" not in (doc.note or "")


def test_the_command_line_prints_no_nameless_pypdf_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = _damaged(folder)
    write_pdf(folder / "goed.pdf", ["We trust our manager."])
    env = {**os.environ, "TRUSTLEX_READERS": "plain", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "trustlex", "score", str(folder), "--out", str(tmp_path / "out.csv")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    # before, pypdf's own lines ("EOF marker not found", "incorrect startxref pointer(2)") stood alone
    assert not [line for line in lines if "EOF marker" in line and files["cut"].name not in line]
    assert not [line for line in lines if "startxref" in line and "verschoven.pdf" not in line]
    assert any(line.startswith("error: half.pdf: corrupt") for line in lines), lines
    assert any(line.startswith("note: verschoven.pdf: damaged PDF") for line in lines), lines
