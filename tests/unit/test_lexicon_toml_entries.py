"""formats.toml.entries_toml: [[entry]] tables without a header, as suggest's candidates need them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from trustlex.errors import LexiconFormatWarning, TrustlexError
from trustlex.lexicon import Entry, load_lexicon_file
from trustlex.lexicon.formats import LexiconFormatWarning as Reexported
from trustlex.lexicon.formats import entries_toml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (ROOT / "lexicons").glob("*/*.toml") if p.stem not in ("context", "referents"))


def bare(entry: Entry) -> Entry:
    return dataclasses.replace(entry, path="", line=0, lexicon="")


def header(lang: str) -> str:
    return f'[lexicon]\nname = "x"\nlanguage = "{lang}"\nversion = "1"\n\n'


@pytest.mark.parametrize("path", SHIPPED[:4], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_entries_under_a_header_load_back_as_the_same_entries(tmp_path, path):
    lex = load_lexicon_file(path)
    out = tmp_path / "x.toml"
    out.write_text(header(lex.language) + entries_toml(lex.entries, lex.language), encoding="utf-8")
    again = load_lexicon_file(out)
    assert [bare(e) for e in again.entries] == [bare(e) for e in lex.entries]


def test_commented_tables_are_the_plain_ones_with_every_line_commented_out():
    entries = [
        Entry(id="", concept="trust", valence="+", kind="term", value="vertrouwen", note='a "quoted" note'),
        Entry(id="nl:own", concept="risk", valence="-", kind="wildcard", value="risico*", weight=2.0),
    ]
    plain = entries_toml(entries, "nl")
    commented = entries_toml(entries, "nl", commented=True)
    assert plain.endswith("\n")
    assert plain.count("[[entry]]") == 2
    assert "\n\n[[entry]]\n" in plain  # tables are separated by one blank line
    lines = commented.splitlines()
    assert all(line.startswith("# ") for line in lines if line)
    assert "\n".join(line.removeprefix("# ") for line in lines) + "\n" == plain


def test_an_empty_id_is_the_default_one_and_is_not_written(tmp_path):
    entry = Entry(id="", concept="trust", valence="+", kind="term", value="vertrouwen")
    text = entries_toml([entry], "nl")
    assert "id =" not in text
    assert 'id = "nl:own"' in entries_toml([dataclasses.replace(entry, id="nl:own")], "nl")
    out = tmp_path / "x.toml"
    out.write_text(header("nl") + text, encoding="utf-8")
    assert load_lexicon_file(out).entries[0].id == "nl:trust:term:vertrouwen"


def test_no_entries_give_no_text():
    assert entries_toml([], "nl") == ""


def test_the_format_warning_lives_in_errors_and_is_a_user_warning():
    assert Reexported is LexiconFormatWarning
    assert issubclass(LexiconFormatWarning, UserWarning)
    assert not issubclass(LexiconFormatWarning, TrustlexError)  # a warning, never raised


def test_single_strings_write_one_item_lists_as_the_string_and_load_the_same(tmp_path):
    entry = Entry(
        id="", concept="trust", valence="+", kind="term", value="vertrouwen", examples=("Ik vertrouw je.",)
    )
    assert 'example = ["Ik vertrouw je."]' in entries_toml([entry], "nl")
    text = entries_toml([entry], "nl", single_strings=True)
    assert 'example = "Ik vertrouw je."' in text
    two = dataclasses.replace(entry, examples=("a b", "c d"))
    assert 'example = ["a b", "c d"]' in entries_toml([two], "nl", single_strings=True)
    out = tmp_path / "x.toml"
    out.write_text(header("nl") + text, encoding="utf-8")
    assert bare(load_lexicon_file(out).entries[0]) == bare(
        dataclasses.replace(entry, id="nl:trust:term:vertrouwen", language="nl")
    )
