"""read_corpus: every document under some paths, one text per document or table row."""

from __future__ import annotations

import json
import os

import pytest

from trustlex.batch.corpus import read_corpus
from trustlex.errors import TrustlexError


def test_documents_and_table_rows_indexed_by_where_they_came_from(tmp_path):
    (tmp_path / "b.txt").write_text("Wij vertrouwen de directie.", encoding="utf-8")
    (tmp_path / "a.csv").write_text("id,comment\n7,Geen vertrouwen.\n8,Goed werk.\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.md").write_text("# Kop\n\nTekst.", encoding="utf-8")
    texts = read_corpus([tmp_path])
    assert texts.to_dict() == {
        "a.csv:1": "Geen vertrouwen.",
        "a.csv:2": "Goed werk.",
        "b.txt": "Wij vertrouwen de directie.",
        "sub/c.md": "# Kop\n\nTekst.",
    }
    assert texts.dtype == object


def test_text_column_chooses_the_column_of_tables(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("text,note\nfirst,other one\nsecond,other two\n", encoding="utf-8")
    assert read_corpus([table]).tolist() == ["first", "second"]
    assert read_corpus([table], "note").tolist() == ["other one", "other two"]


def test_a_bad_file_is_reported_and_the_files_batched_with_it_are_still_read(tmp_path):
    # small text files are planned together in one unit: one bad one must not drop the rest
    (tmp_path / "a.txt").write_text("eerste", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "c.txt").write_text("derde", encoding="utf-8")
    problems: list[str] = []
    texts = read_corpus([tmp_path], on_error=problems.append)
    assert texts.to_dict() == {"a.txt": "eerste", "c.txt": "derde"}
    assert len(problems) == 1
    assert problems[0].startswith("b.pdf: ")


def test_a_bad_row_is_reported_and_the_rows_around_it_kept(tmp_path):
    lines = [json.dumps({"text": f"rij {i}"}) for i in range(3)]
    lines.insert(1, "{not json")
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems: list[str] = []
    texts = read_corpus([path], on_error=problems.append)
    assert texts.to_dict() == {"c.jsonl:1": "rij 0", "c.jsonl:3": "rij 1", "c.jsonl:4": "rij 2"}
    assert len(problems) == 1
    assert problems[0].startswith("c.jsonl: row 2: ")


def test_a_table_without_the_text_column_is_one_problem(tmp_path):
    (tmp_path / "c.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    problems: list[str] = []
    assert read_corpus([tmp_path / "c.csv"], "comment", on_error=problems.append).empty
    assert len(problems) == 1
    assert "'comment'" in problems[0]


def test_what_the_planner_refuses_is_reported_with_its_kind(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("buiten", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "here.txt").write_text("binnen", encoding="utf-8")
    os.symlink(outside, folder / "link.txt")
    problems: list[str] = []
    texts = read_corpus([folder], on_error=problems.append)
    assert texts.tolist() == ["binnen"]
    assert len(problems) == 1
    assert problems[0].startswith("link.txt: outside-link: a symbolic link to ")


def test_a_link_to_a_folder_outside_is_reported_not_lost(tmp_path):
    # the walk never enters a link to a folder (a loop would trap it): one outside was lost without a word
    nas = tmp_path / "nas"
    nas.mkdir()
    (nas / "far.txt").write_text("ver weg", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "here.txt").write_text("binnen", encoding="utf-8")
    os.symlink(nas, folder / "archive")
    os.symlink("..", folder / "sub" / "up")  # a loop back into the folder: its files are read where they are
    problems: list[str] = []
    texts = read_corpus([folder], on_error=problems.append)
    assert texts.tolist() == ["binnen"]
    assert len(problems) == 1
    assert problems[0].startswith(f"archive: folder-link: a symbolic link to the folder {nas}")


def test_problems_are_skipped_silently_without_on_error(tmp_path):
    (tmp_path / "a.txt").write_text("goed", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    assert read_corpus([tmp_path]).tolist() == ["goed"]


def test_a_missing_path_raises(tmp_path):
    with pytest.raises(TrustlexError, match="no such file or folder"):
        read_corpus([tmp_path / "nope"])
