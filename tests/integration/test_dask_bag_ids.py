"""A Dask Bag's ids keep their type: integer ids come back as integers, on real worker processes."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("distributed")

import trustlex
from trustlex.errors import TrustlexError

TEXTS = ["I trust my manager.", "HR keeps us in the dark.", "Geen vertrouwen in de directie.", "Nothing."]


@pytest.fixture(scope="module")
def client():
    """A real LocalCluster of two worker processes (forked: no re-import of the test module)."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        yield client


@pytest.mark.parametrize("level", ["doc", "sentence"])
def test_integer_ids_of_a_bag_come_back_as_integers_equal_to_score_texts(client, level, tmp_path):
    import dask.bag as db

    ids = [101, 202, 303, 404]
    bag = db.from_sequence(list(zip(ids, TEXTS, strict=True)), npartitions=2)
    lazy = trustlex.score_dask(bag, lang="auto", level=level)
    assert lazy.dtypes["doc_id"] == "int64"  # declared before anything is scored
    got = lazy.compute().reset_index(drop=True)
    expected = trustlex.score_texts(pd.Series(TEXTS, index=ids), lang="auto", level=level)
    assert got["doc_id"].dtype == "int64"  # was string: "101"
    pd.testing.assert_frame_equal(got, expected)
    lazy.to_parquet(tmp_path / "out", write_index=False)
    assert pd.read_parquet(tmp_path / "out")["doc_id"].tolist() == expected["doc_id"].tolist()


def test_text_ids_of_a_bag_stay_text(client):
    import dask.bag as db

    bag = db.from_sequence([("a", TEXTS[0]), ("b", TEXTS[1])], npartitions=2)
    got = trustlex.score_dask(bag, lang="en", level="doc").compute()
    assert got["doc_id"].tolist() == ["a", "b"]
    assert isinstance(got["doc_id"].dtype, pd.StringDtype)


def test_ids_of_several_types_are_refused_naming_one_that_differs(client):
    import dask.bag as db

    bag = db.from_sequence([(1, TEXTS[0]), (2, TEXTS[1]), ("x3", TEXTS[2]), (4, TEXTS[3])], npartitions=2)
    with pytest.raises(TrustlexError, match=r"ids are of several types: .*int64.*'x3' \(str\)"):
        trustlex.score_dask(bag, lang="auto", level="doc").compute()
