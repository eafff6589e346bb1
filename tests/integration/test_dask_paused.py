"""A Dask worker paused for memory ends the run with what to do, instead of a run that waits forever.

Dask pauses a worker at a fraction of its memory limit (80 % by default) and waits for memory that
spaCy's loaded pipelines never give back. Here a real one-worker ``LocalCluster``'s first unit
lowers its worker's pause fraction near zero, as loading the pipelines fills a small limit, and the
run must end within seconds with the worker named, the first unit's result kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed")

from trustlex.batch.dask import WorkersPausedError, run_dask
from trustlex.batch.folder_run import worker_paused


def _fill_memory(unit: int) -> int:
    """A unit after which its worker is paused for memory (Dask's memory monitor looks every 50 ms)."""
    import time

    from distributed import get_worker

    get_worker().memory_manager.memory_pause_fraction = 0.0001
    time.sleep(0.3)  # the monitor pauses the worker before its next unit starts (2 in 12 runs ran all 8)
    return unit


def _one_worker(**memory: object):
    """A real one-worker process cluster with a 1 GB limit, whose memory monitor looks every 50 ms."""
    import dask
    from distributed import Client, LocalCluster

    settings = {
        "distributed.worker.memory.monitor-interval": "50ms",
        "distributed.worker.multiprocessing-method": "fork",
        **{f"distributed.worker.memory.{k}": v for k, v in memory.items()},
    }
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="1GB"
        )
    return cluster, Client(cluster)


def test_a_worker_paused_for_memory_ends_the_run_naming_it_and_what_to_do():
    cluster, client = _one_worker()
    try:
        address = next(iter(client.scheduler_info()["workers"]))
        done: list = []
        with pytest.raises(WorkersPausedError) as info:
            run_dask(list(range(8)), client, _fill_memory, done.append, paused_after=1.0)
        assert len(done) < 8  # the units after the pause never ran
        assert info.value.worker == address
        assert info.value.seconds >= 1.0
    finally:
        client.close()
        cluster.close()
    line = worker_paused(Path("/nowhere/results.csv"), info.value)
    assert line.startswith(f"Dask worker {address} paused for memory for ")
    assert "(memory limit 954 MiB) while no unit finished" in line
    assert "dask worker --memory-limit 1GB or more" in line
    assert line.endswith("no part was finished; run the same command again to resume where it stopped")


def test_workers_paused_before_the_run_starts_end_it_with_the_same_message():
    """Every worker paused from its start: Dask's scatter gave up after 30 s with its own error."""
    import time

    cluster, client = _one_worker(pause=0.0001)  # paused as soon as the monitor looks
    try:
        address = next(iter(client.scheduler_info()["workers"]))
        while client.scheduler_info()["workers"][address]["status"] != "paused":
            time.sleep(0.05)  # the monitor pauses it within 50 ms of its start
        done: list = []
        t0 = time.monotonic()
        with pytest.raises(WorkersPausedError) as info:
            run_dask(list(range(4)), client, _fill_memory, done.append, paused_after=1.0)
        assert time.monotonic() - t0 < 20  # not Dask's 30 s scatter timeout
        assert done == []
        assert info.value.worker == address
    finally:
        client.close()
        cluster.close()
    line = worker_paused(None, info.value)
    assert line.startswith(f"Dask worker {address} paused for memory for ")
    assert line.endswith("then run it again (without an output file nothing was kept)")
