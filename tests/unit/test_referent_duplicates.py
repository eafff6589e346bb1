"""A referent file that gives a term to two referents (the later table silently wins) is a check problem."""

from __future__ import annotations

from typer.testing import CliRunner

from trustlex.cli import app
from trustlex.lexicon.referents import load_referent_file
from trustlex.workbench import check_lexicons

SLIPS = """[referents]
language = "en"
version = "0.1.0"

[[referent]]
id = "hr"
terms = ["the suits", "people ops",
         "personnel"]

[[referent]]
id = "leadership"
terms = ["the suits"]

[[referent]]
id = "hr"
terms = ["personnel", "payroll team"]
"""


def test_lexicon_check_names_a_term_of_two_referents_and_a_repeat(tmp_path):
    path = tmp_path / "my-referents.toml"
    path.write_text(SLIPS, encoding="utf-8")
    problems = check_lexicons([path])
    assert [(p.line, p.kind) for p in problems] == [(12, "duplicate"), (16, "duplicate")]
    two, repeat = (p.message for p in problems)
    assert "'the suits'" in two
    assert "leadership" in two
    assert "hr at line 7" in two
    assert "'personnel'" in repeat
    assert "line 8" in repeat
    result = CliRunner().invoke(app, ["lexicon", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:12: duplicate:" in result.output
    # loading is not refused, as duplicate entries of a concept lexicon are not: the later table wins
    taxonomy, _ = load_referent_file(path)
    assert {" ".join(w): r for w, r in taxonomy.phrases["suits"]}["the suits"] == "leadership"


def test_a_term_each_referent_gives_once_is_no_problem(tmp_path):
    path = tmp_path / "mine.toml"
    once = SLIPS.replace('["the suits"]', '["the bosses"]').replace('"personnel", "pay', '"pay')
    path.write_text(once, encoding="utf-8")
    assert check_lexicons([path]) == []
