"""The progress bar shows on a terminal that reports no size (round 28).

A pseudo-terminal whose size was never set (``script``, ``docker exec -t``
on some hosts, CI runners) reports 0 columns; tqdm drew a bar of 0
characters and ``trustlex score`` showed no progress at all.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(pty, "openpty"), reason="no pseudo-terminals here")

_BAR = (
    "from trustlex.batch.executors import progress\n"
    "bar = progress(4, 0, None)\n"
    "bar.update(1234)\n"
    "bar.close()\n"
)


def test_the_bar_shows_on_a_terminal_of_zero_columns():
    leader, follower = pty.openpty()  # a new pseudo-terminal: 0 rows, 0 columns
    assert os.get_terminal_size(follower).columns == 0
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        subprocess.run([sys.executable, "-c", _BAR], stderr=follower, check=True, env=env, timeout=120)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal has nothing more to give
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert b"1/4" in seen
    assert b"1,234 words" in seen
