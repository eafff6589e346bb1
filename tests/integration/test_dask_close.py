"""``--dask local`` ends quietly: its workers exit when closed, no nanny kills them (round 25).

A spawned worker that had loaded spaCy pipelines took seconds to tear its
interpreter down, the nanny killed it after 4 s, and ``trustlex score ...
--dask local`` ended with two ``distributed.nanny - WARNING - Worker process
still alive after 4.0 seconds, killing`` lines under its own output.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os

import pytest

pytest.importorskip("distributed")

from trustlex.batch.dask import _local_start_method, dask_client


def _score_one() -> int:
    """Load the English pipeline in the worker and score a sentence, as a folder unit does."""
    import trustlex

    return len(trustlex.score_texts(["We do not trust the board."], lang="en"))


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.skipif("forkserver" not in mp.get_all_start_methods(), reason="no fork server here (Windows)")
def test_the_local_clusters_workers_exit_when_closed_without_being_killed():
    client, close = dask_client("local", workers=2)
    nanny = logging.getLogger("distributed.nanny")
    records = _Records()
    nanny.addHandler(records)
    try:
        assert set(client.run(_score_one).values()) == {1}  # pipelines loaded in both workers
        # forked from the fork server, not spawned by this process: they end with os._exit
        parents = set(client.run(os.getppid).values())
        assert os.getpid() not in parents
    finally:
        close()
        nanny.removeHandler(records)
    assert not [m for m in records.messages if "still alive" in m], records.messages


def test_a_start_method_the_user_configured_is_kept():
    assert _local_start_method("fork") == "fork"
    assert _local_start_method("forkserver") == "forkserver"
    expected = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    assert _local_start_method("spawn") == expected
