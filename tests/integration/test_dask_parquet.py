"""score_dask's lazy frame written with Dask's to_parquet reads back as .compute() gave it."""

from __future__ import annotations

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest

import trustlex

TEXTS = ["I trust my manager.", "HR keeps us in the dark.", "Geen vertrouwen.", "Nothing here."]


def _collection(kind: str):
    if kind == "frame-text-ids":
        frame = pd.DataFrame({"text": TEXTS}, index=["a", "b", "c", "d"])
        return dd.from_pandas(frame, npartitions=2)
    if kind == "series-int-ids":
        return dd.from_pandas(pd.Series(TEXTS, index=[10, 20, 30, 40]), npartitions=2)
    return db.from_sequence(list(zip(["a", "b", "c", "d"], TEXTS, strict=True)), npartitions=2)


@pytest.mark.parametrize("kind", ["frame-text-ids", "series-int-ids", "bag"])
@pytest.mark.parametrize("level", ["doc", "sentence", "match"])
def test_score_dask_to_parquet_reads_back_equal_to_compute(tmp_path, level, kind):
    lazy = trustlex.score_dask(_collection(kind), lang="auto", level=level)
    with dask.config.set(scheduler="synchronous"):
        computed = lazy.compute()
        lazy.to_parquet(tmp_path / "out", write_index=False)
    back = pd.read_parquet(tmp_path / "out")
    # the declared types are the computed ones, so the Parquet file holds them as well
    assert computed.dtypes.to_dict() == lazy.dtypes.to_dict()
    pd.testing.assert_frame_equal(back, computed.reset_index(drop=True))
    ids = [10, 20, 30, 40] if kind == "series-int-ids" else ["a", "b", "c", "d"]
    # a document without trust language has a row only at level doc
    assert computed["doc_id"].drop_duplicates().tolist() == (ids if level == "doc" else ids[:3])
