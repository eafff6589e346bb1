"""A Dask worker that runs another trustlex is refused before anything is scored, naming it and both versions.

A nightly run on a cluster whose workers had been upgraded one by one mixed the outputs of two
versions without a word. Here a real worker process is started from a copy of trustlex whose
version says otherwise (another PYTHONPATH), beside a scheduler in this process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import trustlex
from trustlex.batch import score_folder
from trustlex.errors import RunError


def test_a_worker_with_another_trustlex_version_is_refused_naming_it(tmp_path):
    from distributed import Client, LocalCluster

    other = tmp_path / "other"
    shutil.copytree(
        Path(trustlex.__file__).parent,
        other / "trustlex",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    (other / "trustlex" / "_version.py").write_text('__version__ = "0.0.9"\n', encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "memo.txt").write_text("We trust our manager.", encoding="utf-8")
    cluster = LocalCluster(
        n_workers=0, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster)
    env = {**os.environ, "PYTHONPATH": str(other)}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distributed.cli.dask_worker",
            cluster.scheduler_address,
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
        worker.terminate()
        worker.wait(timeout=30)
        client.close()
        cluster.close()
