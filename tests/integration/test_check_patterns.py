"""lexicon check names a broken token pattern with the file's other problems, at the pattern's line."""

from __future__ import annotations

from trustlex.workbench import check_lexicons

MINE = """[lexicon]
name = "mine"
language = "en"
version = "0.1.0"

[[entry]]
concept = "fairness"
valence = "+"
lemma = "fair"

[[entry]]
concept = "integrity"
valence = "+"
pattern = [{LOWR = "fair"}]

[[entry]]
concept = "integrity"
valence = "positive"
lemma = "just"
"""


def test_a_broken_pattern_is_listed_with_the_other_problems_at_its_line(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    problems = check_lexicons([path])
    assert [(p.line, p.kind) for p in problems] == [(7, "unknown-concept"), (14, "schema"), (18, "schema")]
    assert "invalid spaCy token pattern" in problems[1].message
    assert "LOWR" in problems[1].message
    assert str(problems[1]).startswith(f"{path}:14: schema: ")


def test_a_broken_pattern_alone_is_a_problem_not_an_error(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(MINE.replace('"fairness"', '"integrity"').replace('"positive"', '"+"'), encoding="utf-8")
    assert [(p.line, p.kind) for p in check_lexicons([path])] == [(14, "schema")]
