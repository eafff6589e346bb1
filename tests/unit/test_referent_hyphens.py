"""Referent terms written with a hyphen match in both languages; ``lexicon check`` names unmatchable ones."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.lexicon.referent_terms import spaced_hyphens
from trustlex.lexicon.referents import Taxonomy, load_referent_file
from trustlex.matching.mentions import find_mentions
from trustlex.workbench import check_lexicons

EN = """[referents]
language = "en"
version = "0.1.0"

[[referent]]
id = "leadership"
terms = ["top-brass", "Vice-President", "senior-leadership team"]

[[referent]]
id = "colleagues"
terms = ["team-mates"]
"""

NL = """[referents]
language = "nl"
version = "0.1.0"

[[referent]]
id = "leadership"
terms = ["Top-Management"]

[[referent]]
id = "hr"
terms = ["P&O-adviseur"]
"""


def _referents(texts, lang, path):
    frame = trustlex.score_texts(texts, lang=lang, level="match", referents=str(path))
    return frame.groupby("doc_id")["referent"].first().astype(str).tolist()


def test_spaced_hyphens_splits_a_hyphen_between_letters_only():
    assert spaced_hyphens("co-workers") == "co - workers"
    assert spaced_hyphens("senior-leadership team") == "senior - leadership team"
    assert spaced_hyphens("co - workers") is None
    assert spaced_hyphens("management") is None
    assert spaced_hyphens("top-*") is None  # a wildcard matches inside one token


def test_a_hyphenated_term_is_filed_as_written_and_as_english_splits_it():
    tax = Taxonomy("en")
    tax.add_term("co-workers", "colleagues")
    assert tax.words["co-workers"] == "colleagues"
    words = ["my", "co", "-", "workers", "lie"]
    assert [(m.start, m.end, m.referent) for m in find_mentions(words, words, tax)] == [(1, 4, "colleagues")]
    assert find_mentions(["co-workers"], None, tax)[0].referent == "colleagues"


def test_hyphenated_terms_of_an_english_file_match(tmp_path):
    path = tmp_path / "en.toml"
    path.write_text(EN, encoding="utf-8")
    texts = [
        "The top-brass lies.",
        "Our Vice-President is dishonest.",
        "My team-mates are honest.",
        "The senior-leadership team lies.",
    ]
    assert _referents(texts, "en", path) == ["leadership", "leadership", "colleagues", "leadership"]


def test_a_capitalised_hyphen_term_keeps_its_parts_in_lower_case(tmp_path):
    # "Top-Management" matches only as written; "top-management" still names the management
    path = tmp_path / "nl.toml"
    path.write_text(NL, encoding="utf-8")
    texts = ["Het Top-Management liegt.", "Het top-management liegt.", "De P&O-adviseur liegt."]
    assert _referents(texts, "nl", path) == ["leadership", "leadership", "hr"]


@pytest.mark.parametrize(
    ("text", "referent"),
    [("Mijn team-leider liegt.", "direct_manager"), ("De HR-afdeling liegt.", "hr")],
)
def test_a_dutch_compound_with_a_hyphen_is_the_compound_without_it(text, referent):
    # "team-leider" is a "teamleider", not the team of its first part
    frame = trustlex.score_texts([text], lang="nl", level="match")
    assert frame["referent"].astype(str).tolist() == [referent]


def test_lexicon_check_names_a_term_the_tokenizer_splits_otherwise(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        EN.replace('"team-mates"', '"team-mates", "leadership\'s team", "mgmt."'), encoding="utf-8"
    )
    problems = check_lexicons([path])
    assert [(p.line, p.kind) for p in problems] == [(11, "never-matches"), (11, "never-matches")]
    assert '"leadership \'s team"' in problems[0].message
    assert "'mgmt .'" in problems[1].message
    result = CliRunner().invoke(app, ["lexicon", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:11: never-matches:" in result.output
    # loading is not refused: the term is there, it just never meets its tokens
    taxonomy, _ = load_referent_file(path)
    assert taxonomy.words["mgmt."] == "colleagues"


def test_lexicon_check_passes_hyphenated_and_abbreviated_terms(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(EN.replace('"team-mates"', '"team-mates", "inc.", "h.r."'), encoding="utf-8")
    assert check_lexicons([path]) == []
