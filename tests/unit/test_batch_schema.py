"""The declared Parquet column types of folder outputs: every column of every level, nothing guessed."""

from __future__ import annotations

import pyarrow as pa
import pytest

from trustlex.batch import Options, output_columns
from trustlex.batch.schema import COLUMN_TYPES, MODEL_COLUMNS, column_type
from trustlex.frame import level_columns


@pytest.mark.parametrize("level", ["doc", "sentence", "match"])
def test_every_column_of_a_level_is_declared_and_nothing_else(level):
    assert list(COLUMN_TYPES[level]) == [c for c in level_columns(level) if c != "doc_id"]


@pytest.mark.parametrize("level", ["doc", "sentence", "match"])
@pytest.mark.parametrize("model", [None, "sha256:x"])
def test_every_output_column_has_an_arrow_type(level, model):
    lead = output_columns(Options(level=level, id_column="id", model=model if level == "sentence" else None))
    types = {c: pa.type_for_alias(column_type(c, level, lead)) for c in lead}
    assert types["path"] == pa.string()
    assert types["row"] == pa.int64()
    assert types["doc_id"] == pa.string()
    if level == "doc":
        assert types["trust_pos"] == types["trust_n"] == pa.int64()
        assert types["trust_rate"] == types["trust_net"] == pa.float64()
    else:
        assert types["hedged"] == pa.bool_()
        assert types["weight"] == pa.float64()
        assert types["sent_id"] == types["start_char"] == pa.int64()
    if model and level == "sentence":
        assert lead[-2:] == list(MODEL_COLUMNS)
        assert types["probability"] == pa.float64()
        assert types["source"] == pa.string()


def test_a_carried_column_is_text_whatever_its_name():
    lead = output_columns(Options(level="doc"))
    assert column_type("team_n", "doc", lead) == "string"  # a table's own column ending like a count
    assert column_type("weight", "doc", lead) == "string"  # trustlex's name, but not at this level
    with pytest.raises(KeyError, match="no declared type"):
        column_type("weight", "doc", [*lead, "weight"])
