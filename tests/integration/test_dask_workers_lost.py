"""A Dask cluster that loses its workers under a folder run stops it with one line, no traceback (round 28).

``run_dask`` scatters the run's work to the workers once; when the worker
holding it died (a cluster of one, or every worker killed by the
out-of-memory killer at once), Dask cancelled every unit ("already
forgotten") and ``trustlex score --dask`` ended with a
``FutureCancelledError`` traceback.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from trustlex.batch.dask import WorkersLostError, dask_client, run_dask
from trustlex.batch.folder_run import worker_died


def _died(pid: int, seconds: float = 20.0) -> bool:
    """Whether process ``pid`` is gone or a zombie within ``seconds`` (its nanny reaps it when it will)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if Path("/proc").is_dir():  # Linux: a zombie still answers os.kill
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            else:
                os.kill(pid, 0)
                state = "alive"
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_a_worker_that_dies_with_the_runs_work_stops_the_run_with_one_line():
    client, close = dask_client("local", workers=1)
    try:
        pid = next(iter(client.run(os.getpid).values()))
        done: list = []
        # the work of each unit ends the worker's process, as the out-of-memory killer would
        with pytest.raises(WorkersLostError):
            run_dask([3, 3], client, os._exit, done.append)
        assert done == []
        assert _died(pid)  # the worker really died
    finally:
        close()
    line = worker_died(Path("/nowhere/results.csv"), dask=True)
    assert line == (
        "the Dask cluster lost its workers or its scheduler under this run (killed, or out of memory?); "
        "no part was finished; "
        "run the same command again to resume where it stopped"
    )
