"""Folder runs of ``trustlex score`` as real subprocesses, for the resume and interruption tests."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path


def score_cmd(folder: Path, out: Path, *extra: str) -> list[str]:
    """The command line of ``trustlex score FOLDER --out OUT --quiet`` with ``extra`` options."""
    return [sys.executable, "-m", "trustlex", "score", str(folder), "--out", str(out), "--quiet", *extra]


def live_ctrl_c() -> None:
    """Give SIGINT its default action, whatever the suite inherited (for ``preexec_fn`` and fixtures)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt_after_first_part(folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """Start scoring ``folder``, press Ctrl-C once its first part is written; return the finished process.

    The input must be long enough for the run to be still going when its
    first part appears; the assertion says so when it is not.
    """
    parts = out.with_name(out.name + ".parts")
    proc = subprocess.Popen(
        score_cmd(folder, out, *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as at a terminal: a suite started in the background (nohup, "&" in a script) ignores
        # SIGINT, and a child would inherit that and never stop (as test_spawn does)
        preexec_fn=live_ctrl_c,
    )
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if parts.is_dir() and any(parts.glob("*.jsonl")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted; make the input longer"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
