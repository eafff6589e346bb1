"""A table's other columns come along under names that never collide with trustlex's or each other."""

from __future__ import annotations

import pytest

from trustlex.batch import read_output, score_folder


@pytest.mark.parametrize("level", ["doc", "sentence", "match"])
def test_a_tables_own_meta_column_keeps_its_values_beside_a_renamed_one(tmp_path, level):
    # 'lang' is trustlex's own column, so the table's 'lang' is renamed; the table's own
    # 'meta_lang' must not be overwritten by it
    table = tmp_path / "survey.csv"
    table.write_text(
        "text,meta_lang,lang,doc_id,sent_id,meta_meta_lang\n"
        '"Ik vertrouw de directie niet.",OWN_META,nl-NL,D1,S1,DEEPER\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    score_folder(table, out, level=level, progress=False)
    frame = read_output(out)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["meta_lang"] == "nl-NL"
    assert row["meta_meta_lang"] == "OWN_META"
    assert row["meta_meta_meta_lang"] == "DEEPER"
    assert row["meta_doc_id"] == "D1"
    assert row["lang"] == "nl"
    if level != "doc":
        assert row["meta_sent_id"] == "S1"
    assert len(set(frame.columns)) == len(frame.columns)


def test_a_column_gets_the_same_name_with_and_without_a_model(tmp_path):
    # a model adds 'source' and 'probability'; a table's own columns of those names must be
    # named alike in a run without the model, or a script written on one run breaks on the other
    table = tmp_path / "s.csv"
    table.write_text(
        'text,source,probability\n"I do not trust management.",web form,high\n', encoding="utf-8"
    )
    lexicon = read_output(score_folder(table, tmp_path / "lex.csv", level="sentence", progress=False).out)
    model = read_output(
        score_folder(table, tmp_path / "mod.csv", level="sentence", model="default", progress=False).out
    )
    carried = ["meta_source", "meta_probability"]
    assert [c for c in lexicon.columns if c not in model.columns] == []
    assert lexicon[carried].iloc[0].tolist() == ["web form", "high"]
    assert model[carried].iloc[0].tolist() == ["web form", "high"]
    assert model["source"].iloc[0] in {"lexicon", "model", "both"}
