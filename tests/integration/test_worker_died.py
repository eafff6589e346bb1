"""A --workers process that dies mid-run (the out-of-memory killer): one line, status 3, resumable."""

from __future__ import annotations

import os
import re
import signal
import time
from functools import partial
from pathlib import Path

from typer.testing import CliRunner

from trustlex.batch import EXIT_OK, EXIT_UNFINISHED, finished_parts, folder_run, score_folder
from trustlex.batch.parts import score_and_pack
from trustlex.batch.units import Unit
from trustlex.cli import app

EN = "Management keeps us in the dark and nobody trusts them."
LAST_RANGE = 2_000  # the table's second range (rows from 2,000) is the one whose worker dies


def _dies_on_last_range(parts: Path, unit: Unit, **options: object) -> object:
    """Score ``unit`` as a worker does, but SIGKILL this worker process on the table's last range.

    It waits for a finished part first, so that the run has something to keep
    (the main process writes a part as soon as a unit's result arrives).
    """
    if unit.kind == "table" and unit.start == LAST_RANGE:
        deadline = time.time() + 30
        while time.time() < deadline and not any(parts.glob("*.jsonl")):
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGKILL)
    return score_and_pack(unit, **options)


def test_a_killed_worker_stops_the_run_with_one_line_and_it_resumes(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    rows = ["text,n"] + [f'"{EN} ({i})",{i}' for i in range(LAST_RANGE + 1)]
    (src / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    reference = score_folder(src, tmp_path / "reference.csv", level="sentence").out

    out = tmp_path / "out.csv"
    monkeypatch.setenv("TRUSTLEX_START_METHOD", "fork")  # the forked workers inherit the patched work
    # a real pool whose worker really dies: only the work of one unit is replaced, by one that kills
    dies = partial(_dies_on_last_range, tmp_path / "out.csv.parts")
    monkeypatch.setattr(folder_run, "score_and_pack", dies)
    args = ["score", str(src), "--out", str(out), "--level", "sentence", "--workers", "2", "--quiet"]
    killed = CliRunner().invoke(app, args)
    assert killed.exit_code == EXIT_UNFINISHED, killed.output
    assert "Traceback" not in killed.output
    assert "BrokenProcessPool" not in killed.output
    kept = finished_parts(out)
    assert kept >= 1
    line = (
        f"error: a worker process died (killed, or out of memory?); {kept} part{'s' if kept > 1 else ''} "
        f"finished in {out}.parts; run the same command again to resume where it stopped"
    )
    assert re.sub(r"\s+", " ", killed.output).strip() == line
    assert not out.exists()

    monkeypatch.setattr(folder_run, "score_and_pack", score_and_pack)
    resumed = CliRunner().invoke(app, args)
    assert resumed.exit_code == EXIT_OK, resumed.output
    assert f"({kept} part{'s' if kept > 1 else ''} resumed)" in resumed.output
    assert out.read_bytes() == Path(reference).read_bytes()
