"""A gold file is read whole: one error names every bad line (line, field, what to do), or skip_bad."""

from __future__ import annotations

import json
import warnings

import pytest

import trustlex
from trustlex.errors import GoldError, GoldWarning
from trustlex.gold_file import MAX_LISTED


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _good(i):
    return json.dumps({"id": f"u{i}", "text": f"We trust our manager {i}.", "labels": {"trust": "+"}})


@pytest.fixture
def five_bad(tmp_path):
    lines = [_good(i) for i in range(30)]
    lines[4] = lines[4].replace('"labels"', '"label"')
    lines[9] = lines[9].replace('"+"', '"pos"')
    lines[14] = lines[14][:-2]  # cut short
    lines[19] = json.dumps({"id": "u0", "text": "Again.", "labels": {}})
    lines[24] = json.dumps({"id": "x", "text": "I trust HR.", "labels": {"trust": "+"}, "referents": []})
    return _write(tmp_path / "g.jsonl", lines)


def test_every_bad_line_is_named_with_its_field_in_one_error(five_bad):
    with pytest.raises(GoldError) as info:
        trustlex.read_gold(five_bad)
    text = str(info.value)
    assert text.startswith(f"{five_bad}: 5 bad lines of 30; nothing is read")
    assert [(n, field) for n, field, _ in info.value.problems] == [
        (5, "labels"),
        (10, "labels"),
        (15, None),
        (20, "id"),
        (25, "referents"),
    ]
    for said in (
        ":5: field 'labels' is missing (found 'label'); write {}",
        ":10: field 'labels' has 'trust': 'pos'",
        ":15: not valid JSON (",
        ":20: id 'u0' repeats line 1; give each unit its own id",
        ":25: field 'referents' must be an object",
    ):
        assert f"{five_bad}{said}" in text


def test_a_long_list_stops_at_the_limit_and_says_how_many_more(tmp_path):
    bad = json.dumps({"text": "x", "labels": {"trust": "bad"}})
    path = _write(tmp_path / "g.jsonl", [bad] * (MAX_LISTED + 7) + [_good(1)])
    with pytest.raises(GoldError) as info:
        trustlex.read_gold(path)
    assert len(info.value.problems) == MAX_LISTED + 7
    assert str(info.value).count("field 'labels' has 'trust': 'bad'") == MAX_LISTED
    assert str(info.value).endswith("... and 7 more bad lines")


def test_skip_bad_reads_the_good_lines_and_says_how_many_it_skipped(five_bad):
    with pytest.warns(
        GoldWarning, match=r"g\.jsonl: skipped 5 bad line\(s\) of 30 and read 25 \(the first: line 5"
    ):
        items = trustlex.read_gold(five_bad, skip_bad=True)
    assert len(items) == 25
    assert (items[0].line, items[-1].line) == (1, 30)


def test_skip_bad_on_a_file_of_bad_lines_only_still_raises(tmp_path):
    path = _write(tmp_path / "g.jsonl", ["[1]", "{"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(GoldError, match=r"2 bad lines of 2") as info:
            trustlex.read_gold(path, skip_bad=True)
    assert ":1: not a JSON object" in str(info.value)


def test_evaluate_scores_nothing_from_a_file_with_bad_lines_unless_asked(five_bad):
    with pytest.raises(GoldError, match="5 bad lines"):
        trustlex.evaluate(five_bad, lang="en")
    with pytest.warns(GoldWarning, match="skipped 5"):
        report = trustlex.evaluate(five_bad, lang="en", skip_bad=True)
    assert report.per_concept.query("lang == 'all' and concept == 'trust'")["support"].tolist() == [25]


def test_unknown_referents_are_all_named_with_their_lines_before_tagging(tmp_path):
    rows = [
        json.dumps(
            {"id": f"r{i}", "text": "I trust HR.", "labels": {"trust": "+"}, "referents": {"trust": "union"}}
        )
        for i in range(3)
    ]
    path = _write(tmp_path / "g.jsonl", [_good(0), *rows])
    with pytest.raises(GoldError) as info:
        trustlex.evaluate(path)
    text = str(info.value)
    assert text.startswith(f"{path}: 3 referents the taxonomy lacks")
    for line, unit in ((2, "r0"), (3, "r1"), (4, "r2")):
        assert f"{path}:{line}: unit '{unit}': field 'referents' gives 'trust' the referent 'union'" in text


def test_the_commands_list_every_bad_line_or_skip_them_on_request(five_bad, tmp_path):
    from typer.testing import CliRunner

    from trustlex.cli import app

    runner = CliRunner()
    for args in (["evaluate", str(five_bad)], ["lexicon", "audit", str(five_bad), "--lang", "en"]):
        refused = runner.invoke(app, args)
        assert refused.exit_code == 1, refused.output
        assert f"error: {five_bad}: 5 bad lines of 30" in refused.output
        assert f"{five_bad}:25: field 'referents'" in refused.output
    done = runner.invoke(app, ["evaluate", str(five_bad), "--skip-bad-lines", "--errors", "0"])
    assert done.exit_code == 0, done.output
    assert f"warning: {five_bad}: skipped 5 bad line(s) of 30 and read 25" in done.output


def test_a_line_not_in_utf8_is_one_bad_line_and_a_byte_order_mark_is_no_problem(tmp_path):
    path = tmp_path / "g.jsonl"
    latin = '{"text": "We trust the caf\xe9.", "labels": {}}'.encode("latin-1")
    path.write_bytes(
        b"\xef\xbb\xbf" + _good(0).encode() + b"\r\n" + latin + b"\n" + _good(2).encode() + b"\n"
    )
    with pytest.raises(GoldError) as info:
        trustlex.read_gold(path)
    assert str(info.value).startswith(f"{path}:2: not UTF-8: byte 0xe9 at column 27")
    with pytest.warns(GoldWarning, match="skipped 1 bad line"):
        assert [it.id for it in trustlex.read_gold(path, skip_bad=True)] == ["u0", "u2"]


def test_gold_records_given_to_evaluate_are_checked_as_lines_every_bad_one_named():
    records = [
        {"labels": {}},
        {"text": "We trust them.", "labels": {"trust": "yes"}},
        {"text": "Fine.", "labels": {}},
    ]
    with pytest.raises(GoldError) as info:  # was a KeyError: 'text'
        trustlex.evaluate(records)
    assert str(info.value).splitlines() == [
        "2 bad gold records:",
        "  gold record 0: field 'text' is missing or not a string",
        f"  gold record 1: {info.value.problems[1][2]}",
    ]
    assert [(n, field) for n, field, _ in info.value.problems] == [(0, "text"), (1, "labels")]
