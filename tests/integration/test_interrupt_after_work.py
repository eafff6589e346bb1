"""A Ctrl-C once ``trustlex score`` has written its output ends it with the run's own exit status, not 130.

A user trial pressed Ctrl-C while the command seemed to hang after its
summary (Python's teardown of the pipelines takes a second or more): the
run had lost nothing, yet it ended with status 130, "interrupted". Each test
runs the real command in a subprocess through :func:`trustlex.cli.main`,
made slow to end in one phase of its shutdown by a small starter script,
and sends a real SIGINT once the process is in that phase.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from runs import live_ctrl_c

# the command, made slow to end: a thread Python waits for at exit, or an object whose deallocation in
# the last part of Python's teardown (when the sys module is cleared, after every exit handler) is slow
STARTER = """
import os, sys, threading, time


class SlowTeardown:
    def __del__(self, write=os.write, sleep=time.sleep):
        write(2, b"tearing down\\n")
        sleep(3)


if __name__ == "__main__":  # Dask and spawned workers import this file: they must not run the command
    if sys.argv[1] == "thread":
        threading.Thread(target=time.sleep, args=(60,)).start()
    else:
        sys.slow_teardown = SlowTeardown()
    sys.argv[:2] = ["trustlex"]
    from trustlex.cli import main

    main()
"""


def _interrupted(tmp_path: Path, slow: str, after: str, *args: str) -> tuple[int, float, str]:
    """Run the command slowed down by ``slow``; send SIGINT when stderr shows ``after``.

    Returns the exit status, the seconds from the signal to the end, and stderr.
    """
    starter = tmp_path / "starter.py"
    starter.write_text(STARTER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(starter), slow, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        preexec_fn=live_ctrl_c,  # Ctrl-C as at a terminal, also in a suite started with SIGINT ignored
    )
    seen = []
    sent = None
    assert proc.stderr is not None
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(after):
            proc.send_signal(signal.SIGINT)
            sent = time.monotonic()
            break
    _out, rest = proc.communicate(timeout=120)
    assert sent is not None, "".join(seen) + rest
    return proc.returncode, time.monotonic() - sent, "".join(seen) + rest


def _survey(tmp_path: Path, *, broken: bool = False) -> Path:
    table = tmp_path / "survey.csv"
    rows = "respondent,comment\nR1,We do not trust the board.\nR2,Fine.\n"
    table.write_text(rows + ('R3,"never closed\n' if broken else ""), encoding="utf-8")
    return table


def test_ctrl_c_while_python_waits_to_end_exits_with_the_runs_status_at_once(tmp_path):
    table = _survey(tmp_path)
    args = ["score", str(table), "--out", str(tmp_path / "out.csv"), "--lang", "en"]
    code, seconds, stderr = _interrupted(tmp_path, "thread", "scored 1 file", *args)
    assert code == 0, stderr  # was 130: interrupted, though the output was complete
    assert seconds < 20, stderr  # at once, not after the 60 s thread
    assert "interrupted" not in stderr
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("survey.csv") == 2


def test_ctrl_c_in_the_last_part_of_pythons_teardown_is_ignored(tmp_path):
    table = _survey(tmp_path, broken=True)  # a reported error: status 1, and it stays 1
    args = ["score", str(table), "--out", str(tmp_path / "out.csv"), "--lang", "en"]
    code, _seconds, stderr = _interrupted(tmp_path, "object", "tearing down", *args)
    assert code == 1, stderr  # was killed by the signal (-2, 130 in a shell)
    assert "malformed-row" in stderr
    assert "scored 1 file" in stderr


def test_printing_to_the_terminal_counts_as_the_work(tmp_path):
    # without --out the table on the terminal is the output: once printed, Ctrl-C loses nothing either
    table = _survey(tmp_path)
    code, seconds, stderr = _interrupted(tmp_path, "thread", "scored 1 file", "score", str(table))
    assert code == 0, stderr
    assert seconds < 20, stderr
