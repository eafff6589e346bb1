"""Gold sniffing: is_gold_file and read_gold_or_corpus (what lexicon audit reads)."""

from __future__ import annotations

import json

import pytest

from trustlex.errors import GoldError
from trustlex.evaluate import GoldItem
from trustlex.workbench.gold import is_gold_file, read_gold_or_corpus

GOLD = [
    {"id": "a", "lang": "nl", "text": "Geen vertrouwen in de directie.", "labels": {"trust": "-"}},
    {"id": "b", "lang": "en", "text": "The weather was lovely.", "labels": {}},
]


def write_jsonl(path, records, head: str = ""):
    path.write_text(head + "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_jsonl_file_whose_first_record_has_labels_is_gold(tmp_path):
    assert is_gold_file(write_jsonl(tmp_path / "g.jsonl", GOLD))
    assert is_gold_file(str(tmp_path / "g.jsonl"))  # a str path too


def test_blank_lines_and_a_byte_order_mark_before_the_first_record(tmp_path):
    assert is_gold_file(write_jsonl(tmp_path / "g.jsonl", GOLD, head="\ufeff\n  \n"))


def test_records_without_labels_other_suffixes_and_folders_are_not_gold(tmp_path):
    assert not is_gold_file(write_jsonl(tmp_path / "c.jsonl", [{"text": "x"}]))
    assert not is_gold_file(write_jsonl(tmp_path / "g.json", GOLD))
    assert not is_gold_file(tmp_path / "missing.jsonl")
    (tmp_path / "dir.jsonl").mkdir()
    assert not is_gold_file(tmp_path / "dir.jsonl")
    assert not is_gold_file(write_jsonl(tmp_path / "empty.jsonl", []))


def test_undecodable_bytes_are_not_gold_and_do_not_raise(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\xff\xfe\x00\x80 garbage\n")
    assert not is_gold_file(path)


def test_gold_files_give_gold_items(tmp_path):
    first = write_jsonl(tmp_path / "g1.jsonl", GOLD[:1])
    second = write_jsonl(tmp_path / "g2.jsonl", GOLD[1:])
    items = read_gold_or_corpus([first, second])
    assert all(isinstance(it, GoldItem) for it in items)
    assert [(it.id, it.labels) for it in items] == [("a", {"trust": "-"}), ("b", {})]


def test_anything_else_gives_the_texts_of_the_corpus(tmp_path):
    table = write_jsonl(tmp_path / "c.jsonl", [{"text": "een"}, {"text": "twee"}])
    gold = write_jsonl(tmp_path / "g.jsonl", GOLD)
    assert read_gold_or_corpus([table]) == ["een", "twee"]
    # gold together with a folder is a corpus: the gold file is read as a table of texts
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.txt").write_text("drie", encoding="utf-8")
    assert read_gold_or_corpus([gold, tmp_path / "docs"]) == ["drie", GOLD[0]["text"], GOLD[1]["text"]]


def test_corpus_problems_go_to_on_error(tmp_path):
    (tmp_path / "a.txt").write_text("goed", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    problems: list[str] = []
    assert read_gold_or_corpus([tmp_path], on_error=problems.append) == ["goed"]
    assert [p.split(":")[0] for p in problems] == ["b.pdf"]


def test_the_first_file_decides_and_a_later_non_gold_record_raises(tmp_path):
    gold = write_jsonl(tmp_path / "g.jsonl", GOLD)
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"note": "no text field"}])
    with pytest.raises(GoldError, match=r"c\.jsonl:1: field 'text'"):
        read_gold_or_corpus([gold, corpus])


@pytest.mark.parametrize(
    ("records", "said"),
    [
        # a misspelt key was read as "coded: no concept", and evaluate and train went on
        (
            [{"id": "a", "text": "I trust my manager.", "label": {"trust": "+"}}],
            r"g\.jsonl:1: field 'labels' is missing \(found 'label'\)",
        ),
        (
            [GOLD[0], {"id": "c", "text": "No trust in leadership."}],
            r"g\.jsonl:2: field 'labels' is missing; write \{\}",
        ),
        # one id twice was counted twice, whatever its two codings said
        ([GOLD[0], {**GOLD[0], "labels": {"trust": "+"}}], r"g\.jsonl:2: id 'a' repeats line 1"),
        ([], r"g\.jsonl: no coded units"),
        # a blank unit was counted as a miss by evaluate and learnt from by train
        ([GOLD[0], {"id": "e", "text": "", "labels": {"trust": "-"}}], r"g\.jsonl:2: field 'text' is empty"),
        ([GOLD[0], {"id": "e", "text": " \t\n", "labels": {}}], r"g\.jsonl:2: field 'text' is empty"),
    ],
)
def test_read_gold_refuses_what_it_used_to_read_silently(tmp_path, records, said):
    from trustlex import read_gold

    path = write_jsonl(tmp_path / "g.jsonl", records)
    with pytest.raises(GoldError, match=said):
        read_gold(path)


def test_cli_evaluate_and_train_stop_on_a_unit_without_labels(tmp_path):
    from typer.testing import CliRunner

    from trustlex.cli import app

    path = write_jsonl(tmp_path / "coded.jsonl", [*GOLD, {"id": "c", "text": "No trust here.", "label": {}}])
    for args in (["evaluate", str(path)], ["train", str(path), "--out", str(tmp_path / "m")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code != 0, result.output
        assert "coded.jsonl:3: field 'labels' is missing (found 'label')" in result.output
    assert not (tmp_path / "m").exists()


def test_cli_evaluate_and_train_stop_on_a_unit_with_blank_text(tmp_path):
    from typer.testing import CliRunner

    from trustlex.cli import app

    path = write_jsonl(
        tmp_path / "coded.jsonl", [*GOLD, {"id": "c", "text": "   ", "labels": {"trust": "-"}}]
    )
    for args in (["evaluate", str(path)], ["train", str(path), "--out", str(tmp_path / "m")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code != 0, result.output
        assert "coded.jsonl:3: field 'text' is empty or blank" in result.output
    assert not (tmp_path / "m").exists()


def test_evaluate_and_train_take_the_items_of_read_gold(tmp_path):
    # an analyst reads her coded file and holds a third out: evaluate must take read_gold's own items
    import trustlex
    from trustlex.models import TrustClassifier

    more = [
        {"id": "c", "lang": "en", "text": "I do not trust management.", "labels": {"trust": "-"}},
        {"id": "d", "lang": "en", "text": "Nobody tells us anything.", "labels": {"communication": "-"}},
        {"id": "e", "lang": "en", "text": "We trust our manager.", "labels": {"trust": "+"}, "doc": "r7"},
        {"id": "f", "text": "HR lies.", "labels": {"integrity": "-"}, "referents": {"integrity": "hr"}},
    ]
    items = trustlex.read_gold(write_jsonl(tmp_path / "g.jsonl", GOLD + more))
    assert isinstance(items[0], GoldItem)
    from_items = trustlex.evaluate(items[1:])
    from_dicts = trustlex.evaluate((GOLD + more)[1:])
    assert from_items.summary.equals(from_dicts.summary)
    assert from_items.errors.equals(from_dicts.errors)  # the referent of 'f' is scored from both
    model = TrustClassifier(lang="en").fit([i.text for i in items[1:]] * 3, [i.labels for i in items[1:]] * 3)
    assert trustlex.evaluate(items[1:], model=model).summary["micro_f1"].notna().all()
    with pytest.raises(GoldError, match=r"id 'c' repeats record 0"):
        trustlex.evaluate([items[2], items[2]])  # checked as records are: one id twice
