"""A Dask worker that runs another trustlex is refused before anything is scored, naming it and both versions.

A nightly run on a cluster whose workers had been upgraded one by one mixed the outputs of two
versions without a word. Here a real worker process is started from a copy of trustlex whose
version says otherwise (another PYTHONPATH), beside a scheduler in this process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import trustlex
from trustlex.batch import score_folder
from trustlex.errors import RunError


@contextlib.contextmanager
def _other_worker(tmp_path: Path, scheduler: str) -> Iterator[None]:
    """Run one `dask worker` process of a copy of trustlex whose version says 0.0.9."""
    other = tmp_path / "other"
    shutil.copytree(
        Path(trustlex.__file__).parent,
        other / "trustlex",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    (other / "trustlex" / "_version.py").write_text('__version__ = "0.0.9"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(other)}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distributed.cli.dask_worker",
            scheduler,
            "--nthreads",
            "1",
            "--no-nanny",
            "--no-dashboard",
        ],
        env=env,
        cwd=tmp_path,  # python -m puts the working folder first on the path: not this checkout
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _cluster():
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=0, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    )


def test_a_worker_with_another_trustlex_version_is_refused_naming_it(tmp_path):
    from distributed import Client

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "memo.txt").write_text("We trust our manager.", encoding="utf-8")
    cluster = _cluster()
    client = Client(cluster)
    try:
        with _other_worker(tmp_path, cluster.scheduler_address):
            client.wait_for_workers(1, timeout=60)
            address = next(iter(client.scheduler_info()["workers"]))
            with pytest.raises(RunError) as info:
                score_folder(folder, tmp_path / "out.csv", dask=client, progress=False)
        said = str(info.value)
        assert said.startswith(
            f"Dask worker {address} runs trustlex 0.0.9, this client {trustlex.__version__}"
        )
        assert "install the same trustlex on every worker" in said
        assert not (tmp_path / "out.csv").exists()
    finally:
        client.close()
        cluster.close()


def test_score_dask_refuses_such_a_worker_when_called_and_when_computed(tmp_path):
    """score_dask asks the client's workers at once; its lazy frame, computed later, asks in each task."""
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client

    texts = dd.from_pandas(pd.DataFrame({"text": ["We trust our manager."]}, index=["a"]), npartitions=1)
    cluster = _cluster()
    lazy = trustlex.score_dask(texts, lang="en", level="sentence")  # no client yet: nothing to ask
    client = Client(cluster)
    try:
        with _other_worker(tmp_path, cluster.scheduler_address):
            client.wait_for_workers(1, timeout=60)
            address = next(iter(client.scheduler_info()["workers"]))
            expected = f"Dask worker {address} runs trustlex 0.0.9, this client {trustlex.__version__}"
            with pytest.raises(RunError, match=expected):
                lazy.compute()  # on the worker: refused in the task, before it scores
            with pytest.raises(RunError, match=expected):
                trustlex.score_dask(texts, lang="en", level="sentence")  # with the client: at once
    finally:
        client.close()
        cluster.close()
