"""Worker pools under spawn: pipelines loaded once a worker, output as under fork, errors, resuming."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from runs import live_ctrl_c

import trustlex
from trustlex.batch import EXIT_OK, errors_path, plan, score_folder
from trustlex.batch.executors import START_METHOD_ENV, WORKER_LOG_ENV, start_method

ROOT = Path(__file__).resolve().parents[2]
NL = "Er is geen vertrouwen in de directie. Niemand neemt verantwoordelijkheid voor de risico's."
EN = "Management keeps us in the dark and nobody trusts them. Communication is open and honest."


def build_folder(root: Path, rows: int) -> None:
    """Copy the sample files; add small documents in both languages, two broken files, a table of ``rows``."""
    shutil.copytree(ROOT / "samples", root)
    for i in range(4):
        (root / f"note{i}.txt").write_text(f"{NL}\n\n{EN} ({i})\n", encoding="utf-8")
    (root / "bad.docx").write_bytes(b"PK\x03\x04 this is not a zip file at all")
    (root / "random.txt").write_bytes(bytes(range(256)) * 8)
    lines = ["comment,n"] + [f'"{EN if i % 3 else NL} ({i})",{i}' for i in range(rows)]
    (root / "comments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_spawned_workers_load_once_and_score_as_forked_ones(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    build_folder(folder, rows=2_500)  # two row ranges: with the samples, more units than workers
    units, _, _ = plan([folder], None, [])
    outputs = {}
    for method in ("fork", "spawn"):
        log = tmp_path / f"{method}.jsonl"
        monkeypatch.setenv(WORKER_LOG_ENV, str(log))
        out = tmp_path / f"{method}.csv"
        report = score_folder(folder, out, level="sentence", workers=2, start_method=method, progress=False)
        errors = report.errors.set_index("path")["kind"]
        assert errors["bad.docx"] == "corrupt"  # reported and skipped, the others scored
        assert errors["random.txt"] == "binary"
        assert {"employee-survey.csv", "medewerkersonderzoek.csv", "comments.csv"} <= set(
            report.frame["path"]
        )
        outputs[method] = (out.read_bytes(), errors_path(out).read_bytes())
    assert outputs["spawn"] == outputs["fork"]

    records = read_log(tmp_path / "spawn.jsonl")
    starts = [r for r in records if r["event"] == "start"]
    ran = [r for r in records if r["event"] == "unit"]
    pids = {r["pid"] for r in starts}
    # one initialisation per worker process, each a fresh interpreter started by multiprocessing.spawn
    assert len(starts) == len(pids) <= 2
    assert all("multiprocessing.spawn" in r["argv"] and r["method"] == "spawn" for r in starts)
    assert os.getpid() not in pids
    # every unit ran once, in a worker that had started, with the pipelines its initializer loaded:
    # one pipeline object per language in every worker, however many units it ran
    assert sorted(r["unit"] for r in ran) == sorted(u.key for u in units)
    assert {r["pid"] for r in ran} <= pids
    for r in ran:
        assert r["pipelines"] == {"nl|None|None": 1, "en|None|None": 1}, r
    assert max(Counter(r["pid"] for r in ran).values()) >= 2  # a worker reused its pipelines
    # forked workers start with this process's pipelines: nothing to load
    forked = [r for r in read_log(tmp_path / "fork.jsonl") if r["event"] == "start"]
    assert forked
    assert all("multiprocessing" not in r["argv"] for r in forked)


def _cmd(folder: Path, out: Path) -> list[str]:
    score = ["score", str(folder), "--out", str(out), "--quiet", "--lang", "en", "--workers", "2"]
    return [sys.executable, "-m", "trustlex", *score]


def test_an_interrupted_spawn_run_resumes_to_the_same_output(tmp_path):
    folder = tmp_path / "in"
    build_folder(folder, rows=4_000)  # two row ranges, five units in all
    reference = tmp_path / "reference.csv"
    expected = score_folder(folder, reference, lang="en", progress=False)
    env = {**os.environ, START_METHOD_ENV: "spawn", WORKER_LOG_ENV: str(tmp_path / "log.jsonl")}
    out = tmp_path / "out.csv"
    parts = tmp_path / "out.csv.parts"
    # Ctrl-C as at a terminal: a shell that starts a job in the background ignores SIGINT for it, and
    # an ignored signal is inherited, so this test's process may pass it on; the child gets the default
    proc = subprocess.Popen(
        _cmd(folder, out),
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=live_ctrl_c,
    )
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if parts.is_dir() and list(parts.glob("*.jsonl")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted; make the table bigger"
    os.kill(proc.pid, signal.SIGINT)  # Ctrl-C to the main process: the pool winds down, parts stay
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode != EXIT_OK, stderr
    assert not out.exists()
    finished = len(list(parts.glob("*.jsonl")))
    assert 0 < finished < len(plan([folder], None, [out])[0])
    started = [r for r in read_log(tmp_path / "log.jsonl") if r["event"] == "start"]
    assert started
    assert all("multiprocessing.spawn" in r["argv"] for r in started)

    resumed = subprocess.run(_cmd(folder, out), env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == expected.exit_code, resumed.stderr  # 1: the broken files are reported
    assert f"({finished} part{'' if finished == 1 else 's'} resumed)" in resumed.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert errors_path(out).read_bytes() == errors_path(reference).read_bytes()
    assert not parts.exists()


def test_the_start_method_is_checked_before_any_work(tmp_path, monkeypatch):
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    default = "fork" if sys.platform.startswith("linux") else multiprocessing.get_all_start_methods()[0]
    assert start_method() == default
    assert start_method("spawn") == "spawn"
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    assert start_method() == "spawn"
    monkeypatch.setenv(START_METHOD_ENV, "thread")
    with pytest.raises(trustlex.TrustlexError, match=r"TRUSTLEX_START_METHOD must be one of .*got 'thread'"):
        score_folder(ROOT / "samples", tmp_path / "out.csv", workers=2, progress=False)
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(trustlex.TrustlexError, match="start_method must be one of"):
        score_folder(ROOT / "samples", workers=2, start_method="threads", progress=False)
    # one worker needs no pool, so no start method either: the bad setting does not matter
    frame = score_folder(ROOT / "samples", level="doc", workers=1, progress=False).frame
    assert set(frame["path"]) == {p.name for p in (ROOT / "samples").iterdir() if p.name != "SOURCES"}


def test_a_lexicon_a_spawned_worker_cannot_load_stops_the_run_as_under_fork(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[lexicon]\nname = "bad"\nlanguage = "en"\n[[entry]]\nconcept = "trust"\nvalence = \n')
    errors = {}
    for method in ("fork", "spawn"):
        with pytest.raises(trustlex.TrustlexError) as caught:
            score_folder(ROOT / "samples", lang="en", lexicons=[str(bad)], workers=2, start_method=method)
        errors[method] = (type(caught.value), str(caught.value))
    # not a BrokenProcessPool from the failed initializer: the lexicon error itself, by file and line
    assert errors["spawn"] == errors["fork"]
    assert "bad.toml" in errors["spawn"][1]
