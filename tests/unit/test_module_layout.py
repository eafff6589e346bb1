"""Names moved to a module of their own stay importable where tests, benchmarks and docs import them."""

from __future__ import annotations

import importlib

import pytest

import trustlex

# (the module a name lives in now, the module it was imported from before the split, the name)
MOVED = [
    ("trustlex.gold_file", "trustlex.evaluate", "read_gold"),
    ("trustlex.gold_file", "trustlex.evaluate", "GoldItem"),
    ("trustlex.analysis.bootstrap", "trustlex.analysis.indices", "mean_interval"),
    ("trustlex.analysis.bootstrap", "trustlex.analysis.indices", "resample_batches"),
    ("trustlex.analysis.bootstrap", "trustlex.analysis.indices", "resample_sums"),
    ("trustlex.analysis.bootstrap", "trustlex.analysis.indices", "BOOT_CELLS"),
    ("trustlex.analysis.bootstrap", "trustlex.analysis", "mean_interval"),
    ("trustlex.batch.folder_run", "trustlex.batch.folder", "repeated_id_notes"),
    ("trustlex.workbench.problems", "trustlex.workbench", "PROBLEM_KINDS"),
    ("trustlex.workbench.problems", "trustlex.workbench", "Problem"),
    ("trustlex.workbench.entry_checks", "trustlex.workbench", "wildcard_regex"),
]


@pytest.mark.parametrize(("home", "old", "name"), MOVED)
def test_a_moved_name_is_the_same_object_where_it_was(home, old, name):
    assert getattr(importlib.import_module(old), name) is getattr(importlib.import_module(home), name)


def test_the_top_package_reads_gold_with_the_gold_file_reader(tmp_path):
    path = tmp_path / "gold.jsonl"
    record = '{"id": "a", "text": "We trust our manager.", "labels": {"trust": "+"}}'
    path.write_text(record + "\n", encoding="utf-8")
    items = trustlex.read_gold(path)
    assert [(it.id, it.lang, it.labels) for it in items] == [("a", "en", {"trust": "+"})]
    assert type(items[0]) is importlib.import_module("trustlex.gold_file").GoldItem
