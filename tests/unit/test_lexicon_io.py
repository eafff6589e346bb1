"""Import and export of lexicons: LIWC .dic, LIWC-22 .dicx, quanteda YAML, CSV and TOML."""

from __future__ import annotations

import dataclasses
import itertools
import re
import tomllib
import warnings
from pathlib import Path

import pytest
import yaml

import trustlex
from trustlex.concepts import CONCEPTS
from trustlex.errors import LexiconError
from trustlex.lexicon import Entry, Lexicon, _default_id, load_lexicon_file
from trustlex.lexicon.formats import LexiconFormatWarning, read_dictionary, write_dictionary, write_toml
from trustlex.lexicon.formats.globs import _glob_regex, _regex_glob
from trustlex.lexicon.formats.toml import _toml_string
from trustlex.lexicon.formats.wordlists import _default_target
from trustlex.lexicon.formats.yaml import _StringLoader

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (ROOT / "lexicons").glob("*/*.toml") if p.stem not in ("context", "referents"))
WORD_FORMATS = (".dic", ".dicx", ".yml")


def bare(entry: Entry) -> Entry:
    """An entry without where it was read from, for comparing entries across files."""
    return dataclasses.replace(entry, path="", line=0, lexicon="")


def matches(lexicon: Lexicon) -> set[tuple[str, str, str, str]]:
    return {(e.concept, e.valence, e.kind, repr(e.value)) for e in lexicon.entries}


def read_quiet(path: Path, **kwargs) -> Lexicon:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconFormatWarning)
        return read_dictionary(path, **kwargs)


def write_quiet(items, path: Path) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconFormatWarning)
        return write_dictionary(items, path)


def make_lexicon(entries: list[dict], language: str = "nl") -> Lexicon:
    """Build a Lexicon from entry dicts; entries without an id get the loader's default id."""
    lex = Lexicon(name="hand", language=language, version="1.0")
    for raw in entries:
        fields = {"weight": 1.0, "exclude": (), "examples": (), "counter_examples": (), "gap": 0, **raw}
        fields.setdefault(
            "id", _default_id(language, raw["concept"], raw["kind"], raw["value"], raw["valence"])
        )
        lex.entries.append(Entry(language=language, lexicon=lex.label, **fields))
    return lex


def toml_file(tmp_path: Path, text: str, name: str = "hand.toml") -> Path:
    path = tmp_path / name
    path.write_text(text.lstrip(), encoding="utf-8")
    return path


# -- TOML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'a "quoted" word and a \\ backslash',
        "tab\there, newline\nthere, return\r, form feed\f, backspace\b",
        "\x00\x01\x1f\x7f controls",
        "café \u2019s 😀 ü",
        "'single' and '''triple'''",
        '"""',
        "a literal \\u0041 and \\n",
        "",
    ],
)
def test_toml_string_escapes_every_character(text):
    assert tomllib.loads(f"x = {_toml_string(text)}")["x"] == text


HAND_TOML = r"""
[lexicon]
name = "hand"
language = "nl"
version = "2.0"
codebook = "1"
license = "CC-BY-4.0"
description = "A \"quoted\" description with a \\ backslash"

[[entry]]
concept = "trust"
valence = "+"
lemma = "vertrouwen"
exclude = ["vertrouwd met", "a, b; c"]
example = ["Ik heb vertrouwen.", "Zij \"vertrouwt\" hem."]
counter_example = "Vertrouwd met Excel."
note = "line one\nline two\ttabbed"
source = "codebook"

[[entry]]
id = "nl:trust:explicit"
concept = "trust"
valence = "-"
term = "gebrek aan vertrouwen"
weight = 0.25
gap = 2

[[entry]]
concept = "risk"
valence = "0"
wildcard = "*risico*"

[[entry]]
concept = "discipline"
valence = "+"
pattern = [
    {LEMMA = "houden"},
    {LOWER = {IN = ["zijn", "hun"]}, OP = "?"},
    {LOWER = {REGEX = "^wo\\.rd$"}},
    {OP = "{0,2}"},
    {IS_PUNCT = true, LENGTH = {">=" = 1}},
    {},
]
"""


def test_write_toml_keeps_every_field(tmp_path):
    lex = load_lexicon_file(toml_file(tmp_path, HAND_TOML))
    out = tmp_path / "out.toml"
    assert write_toml(lex, out) == out
    back = load_lexicon_file(out)
    assert [bare(e) for e in back.entries] == [bare(e) for e in lex.entries]
    for key in ("name", "language", "version", "codebook", "license", "description"):
        assert getattr(back, key) == getattr(lex, key)
    text = out.read_text(encoding="utf-8")
    assert 'id = "nl:trust:explicit"' in text
    assert text.count("id = ") == 1  # default ids are left to the loader


def test_write_toml_tricky_entry_objects(tmp_path):
    lex = make_lexicon(
        [
            {
                "concept": "integrity",
                "valence": "-",
                "kind": "term",
                "value": 'liegt "altijd" \\ nooit',
                "note": "\x01control\x7f",
                "examples": ('He said "no" \\ twice',),
                "weight": 1e-05,
            },
            {
                "concept": "control",
                "valence": "0",
                "kind": "pattern",
                "value": [{"LOWER": {"REGEX": "^['\u2019]s\\.$"}}, {"TEXT": {"NOT_IN": ["a b", 'c"d']}}],
            },
        ]
    )
    out = write_toml(lex, tmp_path / "tricky.toml")
    back = load_lexicon_file(out)
    assert [bare(e) for e in back.entries] == [bare(e) for e in lex.entries]


def test_write_toml_refuses_duplicate_ids(tmp_path):
    entry = {"concept": "trust", "valence": "+", "kind": "term", "value": "x", "id": "same"}
    lex = make_lexicon([entry, {**entry, "value": "y"}])
    with pytest.raises(LexiconError, match="share the id 'same'"):
        write_toml(lex, tmp_path / "dup.toml")
    assert not (tmp_path / "dup.toml").exists()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_write_toml_reproduces_shipped_lexicons(path, tmp_path):
    lex = load_lexicon_file(path)
    back = load_lexicon_file(write_toml(lex, tmp_path / path.name))
    assert [bare(e) for e in back.entries] == [bare(e) for e in lex.entries]
    assert (back.name, back.version, back.description) == (lex.name, lex.version, lex.description)


# -- CSV ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_csv_round_trip_keeps_every_field(path, tmp_path):
    lex = load_lexicon_file(path)
    out = tmp_path / "lex.csv"
    with pytest.warns(LexiconFormatWarning, match="no lexicon header"):
        messages = write_dictionary(lex, out)
    assert len(messages) == 1
    back = read_dictionary(out, language=lex.language)
    assert [bare(e) for e in back.entries] == [bare(e) for e in lex.entries]


def test_csv_round_trip_hand_written(tmp_path):
    lex = load_lexicon_file(toml_file(tmp_path, HAND_TOML))
    out = tmp_path / "hand.csv"
    write_quiet(lex, out)
    back = read_dictionary(out, language="nl", name="hand")
    assert [bare(e) for e in back.entries] == [bare(e) for e in lex.entries]
    assert back.name == "hand"
    assert back.entries[0].lexicon == "hand@0.1.0"


CSV_HAND = (
    "id,concept,valence,kind,value,weight,exclude,example,counter_example,gap,note,source\n"
    ',trust,+,pattern,"[{""LOWER"": ""vol""}, {""LOWER"": {""IN"": [""vertrouwen"", ""hoop""]}}]",'
    '0.5,"[""vol vertrouwen, maar"", ""a;b""]","[""Ik heb vol vertrouwen.""]",,,'
    '"a note, with a comma\nand a second line",survey\n'
    "my:id,control,-,term,onder toezicht,,trust fund,,,,,\n"
    "\n"
    ",risk,0,wildcard,Risico*,2,,,,,,\n"
)


def test_csv_import_pattern_and_exclusion_with_comma(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(CSV_HAND, encoding="utf-8")
    lex = read_dictionary(path, language="nl")
    first, second, third = lex.entries
    assert first.kind == "pattern"
    assert first.value == [{"LOWER": "vol"}, {"LOWER": {"IN": ["vertrouwen", "hoop"]}}]
    assert first.exclude == ("vol vertrouwen, maar", "a;b")
    assert first.examples == ("Ik heb vol vertrouwen.",)
    assert first.weight == 0.5
    assert first.note == "a note, with a comma\nand a second line"
    assert first.source == "survey"
    assert (second.id, second.kind, second.value, second.exclude) == (
        "my:id",
        "term",
        "onder toezicht",
        ("trust fund",),
    )
    assert (third.value, third.weight, third.line) == (
        "risico*",
        2.0,
        6,
    )  # lowercased; the note spans two lines
    assert second.line == 4


def test_csv_semicolon_excel_export(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "concept;valence;kind;value\r\ntrust;-;term;wantrouwen\r\ntrust;+;term;café\r\n".encode("cp1252")
    )
    with pytest.warns(LexiconFormatWarning, match="read as cp1252"):
        lex = read_dictionary(path, language="nl")
    assert [(e.valence, e.value) for e in lex.entries] == [("-", "wantrouwen"), ("+", "café")]


CSV_GOOD_ROWS = 'concept,valence,kind,value,weight,gap,exclude\ntrust,+,term,"two\nlines",,,\n'


@pytest.mark.parametrize(
    ("row", "field", "fragment"),
    [
        ("trust,positive,term,x,,,", "valence", "'valence' must be one of"),
        ("trusst,+,term,x,,,", "concept", "'concept' must be one of trust"),
        ("trust,+,regex,x,,,", "kind", "'kind' must be one of term, lemma, wildcard, pattern"),
        ("trust,+,pattern,[{LOWER: 1},,,", "value", "JSON list of token objects"),
        ('trust,+,pattern,"{""LOWER"": ""x""}",,,', "value", "non-empty list of token tables"),
        ("trust,+,wildcard,in*,,,", "value", "too broad"),
        ("trust,+,term,x,heavy,,", "weight", "must be a number greater than 0"),
        ("trust,+,term,x,-1,,", "weight", "must be a number greater than 0"),
        ("trust,+,term,x,,2,", "gap", "only applies to multi-word"),
        ('trust,+,term,x,,,"[""a"", 3]"', "exclude", "must be a string or a list of strings"),
        ('trust,+,term,x,,,"[""a"",', "exclude", "JSON list of strings"),
        ('trust,+,term,"two\nlines",,,', "id", "duplicate id"),
    ],
)
def test_csv_bad_row_names_file_line_and_field(tmp_path, row, field, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(CSV_GOOD_ROWS + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), 4, field)
    assert str(err).startswith(f"{path}:4: entry 2")
    assert fragment in str(err)


def test_csv_every_bad_row_is_named_in_one_error(tmp_path):
    path = tmp_path / "bad.csv"
    rows = ["trusst,+,term,x,,,", "trust,+,term,fine,,,", "trust,positive,term,y,,,", "trust,+,term,z,-1,,"]
    path.write_text(CSV_GOOD_ROWS + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    err = info.value
    # the first problem leads (its line and field); before, the others took a run each to find
    assert (err.line, err.field) == (4, "concept")
    lines = str(err).splitlines()
    assert lines[0].startswith(f"{path}:4: entry 2")
    assert lines[0].endswith("(2 more below)")
    assert lines[1].startswith(f"{path}:6: entry 4")
    assert "'valence' must be one of" in lines[1]
    assert lines[2].startswith(f"{path}:7: entry 5")
    assert "greater than 0" in lines[2]
    assert len(lines) == 3


def test_csv_unknown_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("concept,valence,kind,value,polarity\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv:1: unknown columns \['polarity'\]"):
        read_dictionary(path, language="nl")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ('trust,+,pattern,"' + "[" * 100_000 + "]" * 100_000 + '",,,', "value"),
        # deep enough that json.loads still parses it, too deep for what reads it next
        ('trust,+,pattern,"[{""LOWER"": {""IN"": ' + "[" * 900 + "]" * 900 + '}}]",,,', "value"),
        ('trust,+,term,x,,,"' + "[" * 100_000 + "]" * 100_000 + '"', "exclude"),
    ],
    ids=["pattern", "pattern-in-list", "exclude"],
)
def test_csv_deep_json_is_a_lexicon_error(tmp_path, row, field):
    path = tmp_path / "deep.csv"
    path.write_text(CSV_GOOD_ROWS + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="JSON nested more than 100 levels deep") as info:
        read_dictionary(path, language="nl")
    assert (info.value.path, info.value.line, info.value.field) == (str(path), 4, field)


def test_csv_json_brackets_inside_strings_do_not_count(tmp_path):
    path = tmp_path / "ok.csv"
    regex = "^" + "[a]" * 200 + "$"
    path.write_text(
        CSV_GOOD_ROWS + f'trust,+,pattern,"[{{""LOWER"": {{""REGEX"": ""{regex}""}}}}]",,,\n',
        encoding="utf-8",
    )
    assert read_dictionary(path, language="nl").entries[1].value == [{"LOWER": {"REGEX": regex}}]


# -- LIWC .dic ------------------------------------------------------------------------------------

LIWC_NL = (
    "%\r\n"
    "1\ttrust_pos\r\n"
    "2\tTrust-\r\n"
    "03   risk\r\n"
    "4\tfunct\r\n"
    "%\r\n"
    "\r\n"
    "beloofd\t1\r\n"
    "café\t1\t4\r\n"
    "vertrouw*\t1\r\n"
    "wantrouwen 2 3\r\n"
    "gebrek aan vertrouw*\t2\r\n"
    "gel*\t1\r\n"
    "op losse schroeven\t3\r\n"
    "de\t4\r\n"
)


def test_liwc_import_crlf_cp1252_spaces_and_phrases(tmp_path):
    path = tmp_path / "dict.dic"
    path.write_bytes(LIWC_NL.encode("cp1252"))
    with pytest.warns(LexiconFormatWarning, match="not UTF-8.*read as cp1252"):
        lex = read_dictionary(path, language="nl", category_map={"funct": None})
    got = [(e.concept, e.valence, e.kind, e.value) for e in lex.entries]
    assert got == [
        ("trust", "+", "term", "beloofd"),
        ("trust", "+", "term", "café"),
        ("trust", "+", "wildcard", "vertrouw*"),
        ("trust", "-", "term", "wantrouwen"),
        ("risk", "0", "term", "wantrouwen"),
        (
            "trust",
            "-",
            "pattern",
            [{"LOWER": "gebrek"}, {"LOWER": "aan"}, {"LOWER": {"REGEX": "^vertrouw.*$"}}],
        ),
        ("trust", "+", "pattern", [{"LOWER": {"REGEX": "^gel.*$"}}]),
        ("risk", "0", "term", "op losse schroeven"),
    ]
    assert lex.language == "nl"
    assert lex.name == "dict"
    assert lex.entries[0].line == 8
    assert lex.entries[0].source == "dict.dic [trust_pos]"
    assert len({e.id for e in lex.entries}) == len(lex.entries)


def test_liwc_utf8_with_bom_reads_without_warning(tmp_path):
    path = tmp_path / "bom.dic"
    path.write_bytes(b"\xef\xbb\xbf%\n1\ttrust\n%\ncaf\xc3\xa9\t1\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LexiconFormatWarning)
        lex = read_dictionary(path, language="nl")
    assert [(e.valence, e.value) for e in lex.entries] == [("0", "café")]


def test_liwc_undefined_category_names_file_and_line(tmp_path):
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\ttrust_pos\n%\nvertrouwen\t1\n\nwantrouwen\t1\t7\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    assert (info.value.path, info.value.line) == (str(path), 6)
    assert str(info.value).startswith(f"{path}:6: word 'wantrouwen' names category 7")
    assert "defined: 1" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("1\ttrust\n%\nx\t1\n", 1, "starts with a '%' line"),
        ("%\n1\ttrust\nvertrouwen\t1\n", 3, "expected 'number<TAB>category'"),
        ("%\n1\ttrust\n", 2, "not closed"),
        ("%\n1\ttrust\n1\trisk\n%\n", 3, "defined twice"),
        ("%\n1\ttrust\n%\n\t1\n", 4, "needs the word"),
    ],
)
def test_liwc_malformed_files(tmp_path, text, line, fragment):
    path = tmp_path / "bad.dic"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(fragment)) as info:
        read_dictionary(path, language="en")
    assert (info.value.path, info.value.line) == (str(path), line)


def test_liwc_every_bad_line_is_named_in_one_error(tmp_path):
    # line 7 names an undefined category, line 8 a code that is no number, line 9 none at all
    path = tmp_path / "ours.dic"
    path.write_text("%\n1\ttrust\n2\ttrust_neg\n%\nvertrouw*\t1\nwantrouw*\t2\ngeheim\t3\nfoo\tx\nbar\n")
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), 7, "category")
    lines = str(err).splitlines()
    assert lines[0].startswith(f"{path}:7: word 'geheim' names category 3")
    assert lines[0].endswith("(1 more below)")
    assert lines[1].startswith(f"{path}:8: word 'foo': category code 'x' is no number")
    assert lines[2] == f"also: {path}: 1 word without a category skipped (lines 9)"
    assert len(lines) == 3


def test_liwc2007_conditional_codes_are_skipped_with_a_warning(tmp_path):
    path = tmp_path / "old.dic"
    path.write_text("%\n1\ttrust\n2\trisk\n%\nlike\t1 02/2\t(1)2\nalone\n", encoding="utf-8")
    with pytest.warns(LexiconFormatWarning) as record:
        lex = read_dictionary(path, language="en")
    text = " | ".join(str(w.message) for w in record)
    assert "skipped 2 conditional category codes" in text
    assert "1 word without a category skipped (lines 6)" in text
    assert [(e.concept, e.value) for e in lex.entries] == [("trust", "like")]


def test_imported_terms_are_tokenized_like_trustlex(tmp_path):
    path = tmp_path / "en.dic"
    path.write_text("%\n1\ttrust_neg\n%\ncan't trust\t1\nco-work*\t1\n", encoding="utf-8")
    with pytest.warns(LexiconFormatWarning, match="tokenizer splits off.*co-work\\*"):
        lex = read_dictionary(path, language="en")
    assert [e.value for e in lex.entries] == ["ca n't trust", "co-work*"]


# -- LIWC-22 .dicx --------------------------------------------------------------------------------


def test_dicx_import(tmp_path):
    path = tmp_path / "dict.dicx"
    path.write_text(
        "\ufeffDicTerm,Trust_Positive,risk_neg,other\n"
        "vertrouwen,X,,\n"
        "risico*,,x,\n"
        '"in goede handen, echt",X,,\n'
        "niks,,,\n"
        "weg*,,,1\n",
        encoding="utf-8",
    )
    lex = read_dictionary(path, language="nl", category_map={"OTHER": "norms:-"})
    got = [(e.concept, e.valence, e.kind, e.value, e.line) for e in lex.entries]
    assert got == [
        ("trust", "+", "term", "vertrouwen", 2),
        ("risk", "-", "wildcard", "risico*", 3),
        ("trust", "+", "term", "in goede handen , echt", 4),
        ("norms", "-", "pattern", [{"LOWER": {"REGEX": "^weg.*$"}}], 6),
    ]


def test_dicx_needs_dicterm_column(tmp_path):
    path = tmp_path / "dict.dicx"
    path.write_text("Word,trust\nx,X\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"dict\.dicx:1: .*first column is 'DicTerm'"):
        read_dictionary(path, language="nl")


def test_dicx_import_names_every_broken_row_with_its_line(tmp_path):
    path = tmp_path / "dict.dicx"
    path.write_text(
        "DicTerm,trust_pos,trust_neg\nvertrouwen,X,\n,X,\ngoed,X,,X\nslecht,,X\n,,X\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    lines = str(info.value).splitlines()
    assert lines == [
        f"{path}:3: a row with category marks but no DicTerm (2 more below)",
        f"{path}:4: row has 4 cells but the header names only 3 columns",
        f"{path}:6: a row with category marks but no DicTerm",
    ]


# -- quanteda YAML --------------------------------------------------------------------------------

YAML_TRAPS = """\
trust:
  positive: [yes, y, on, true, 1.5, 2020-01-01]
  negative:
    - no
    - n
    - off
    - false
    - ~
    - 0x1F
  neutral: 'null'
risk_neg:
  - "no risk"
  - no way
"""


def test_yaml_keeps_boolean_and_number_words_as_written(tmp_path):
    path = tmp_path / "traps.yml"
    path.write_text(YAML_TRAPS, encoding="utf-8")
    lex = read_dictionary(path, language="en")
    got = {(e.concept, e.valence, e.value) for e in lex.entries}
    assert got == {
        ("trust", "+", "yes"),
        ("trust", "+", "y"),
        ("trust", "+", "on"),
        ("trust", "+", "true"),
        ("trust", "+", "1.5"),
        ("trust", "+", "2020 - 01 - 01"),  # the date as written, split as the English tokenizer splits it
        ("trust", "-", "no"),
        ("trust", "-", "n"),
        ("trust", "-", "off"),
        ("trust", "-", "false"),
        ("trust", "-", "0x1f"),
        ("trust", "0", "null"),
        ("risk", "-", "no risk"),
        ("risk", "-", "no way"),
    }
    assert all(isinstance(e.value, str) and e.kind == "term" for e in lex.entries)
    assert lex.entries[0].line == 2


def test_string_loader_resolves_no_implicit_types():
    data = yaml.load("a: [no, on, off, yes, 1.5, 2020-01-01, 007]\nno: x\n", Loader=_StringLoader)
    assert data == {"a": ["no", "on", "off", "yes", "1.5", "2020-01-01", "007"], "no": "x"}
    assert issubclass(_StringLoader, yaml.SafeLoader)


def test_yaml_globs_keep_their_meaning(tmp_path):
    path = tmp_path / "globs.yaml"
    path.write_text(
        "control:\n  pos: ['*toezicht', 'wom?n', 'contr*le', 'lack of trust*', 'a.b*']\n",
        encoding="utf-8",
    )
    lex = read_dictionary(path, language="en")
    got = [(e.kind, e.value) for e in lex.entries]
    assert got == [
        ("wildcard", "*toezicht"),
        ("pattern", [{"LOWER": {"REGEX": "^wom.n$"}}]),
        ("pattern", [{"LOWER": {"REGEX": "^contr.*le$"}}]),
        ("pattern", [{"LOWER": "lack"}, {"LOWER": "of"}, {"LOWER": {"REGEX": "^trust.*$"}}]),
        ("pattern", [{"LOWER": {"REGEX": "^a\\.b.*$"}}]),
    ]
    assert [e.id for e in lex.entries][1] == "en:control:pattern:wom?n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("trust: !!python/object/apply:os.system ['echo hi']\n", 1, "unsupported YAML tag"),
        ("trust:\n  - [a, b]\n", 2, "only words"),
        ("trust: [a, b\nrisk: [c]\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "mapping of category names"),
        ("a: &x [b]\nc: !custom [d]\n", 2, "unsupported YAML tag '!custom'"),
    ],
)
def test_yaml_errors_name_file_and_line(tmp_path, text, line, fragment):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(fragment)) as info:
        read_dictionary(path, language="en", category_map={"*": "trust:0"})
    assert (info.value.path, info.value.line) == (str(path), line)


def test_yaml_every_bad_key_and_word_is_named_in_one_error(tmp_path):
    path = tmp_path / "ours.yml"
    text = "trust_pos:\n  - vertrouw*\n  - [a, b]\n  - !!binary aGVsbG8=\n"
    path.write_text(text + "trust_neg:\n  - {x: y}\n  - wantrouw*\n? [k]\n: [z]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="nl")
    lines = str(info.value).splitlines()
    assert info.value.line == 3
    assert lines[0].endswith("only words, not lists or mappings (3 more below)")
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [f"{path}:{n}" for n in (4, 6, 8)]
    assert "unsupported YAML tag" in lines[1]
    assert "plain names" in lines[3]


def laughs(leaf: str, *, levels: int = 9, fan: int = 10) -> str:
    """A billion laughs through mappings: each level maps ``fan`` keys to an alias of the level below."""
    lines = [f"l0: &l0 {leaf}"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} {{" + ", ".join(f"k{j}: *l{i - 1}" for j in range(fan)) + "}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("leaf", "fragment"),
    [
        # empty lists: not one word, so a budget of words alone never runs out
        ("[]", "more than 1,000,000 characters of category names to read (aliases expanding?)"),
        ("{a: [], b: {c: []}}", "more than 1,000,000 characters of category names to read"),
        ("[" + ", ".join(f"w{i}" for i in range(100)) + "]", "more than 1,000,000 YAML nodes to read"),
        ("{? " + "k" * 2000 + " : [w]}", "more than 1,000,000 characters of category names to read"),
    ],
    ids=["empty-lists", "nested-mappings", "word-lists", "long-key"],
)
def test_yaml_alias_bomb_stops_with_a_clear_error(tmp_path, leaf, fragment):
    path = tmp_path / "bomb.yml"
    path.write_text(laughs(leaf), encoding="utf-8")
    assert path.stat().st_size < 3000
    with pytest.raises(LexiconError, match=re.escape(fragment)) as info:
        read_dictionary(path, language="en", category_map={"*": "trust:0"})
    assert info.value.path == str(path)
    assert info.value.line == 1  # the node the aliases lead to


def test_yaml_aliases_may_share_lists_and_nest(tmp_path):
    path = tmp_path / "shared.yml"
    words = ", ".join(f"w{i}" for i in range(1000))
    # 30 x 30 categories of the same 1,000 words: 900,000 words read, 1,000 entries
    path.write_text(
        f"words: &w [{words}]\n"
        "a: &a {" + ", ".join(f"k{j}: *w" for j in range(30)) + "}\n"
        "b: {" + ", ".join(f"j{j}: *a" for j in range(29)) + "}\n",
        encoding="utf-8",
    )
    lex = read_dictionary(path, language="en", category_map={"*": "trust:+"})
    assert [e.value for e in lex.entries] == [f"w{i}" for i in range(1000)]
    assert {e.source for e in lex.entries} == {"shared.yml [words]"}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("trust: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "YAML nested more than 100 levels deep"),
        ("trust: " + "{a: " * 100_000 + "x" + "}" * 100_000 + "\n", 1, "YAML nested more than 100 levels"),
        ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200)), 101, "YAML nested more than 100 levels"),
        (
            "".join(
                f"c{i}: &c{i} " + "{a: " * 50 + (f"*c{i - 1}" if i else "[w]") + "}" * 50 + "\n"
                for i in range(3)
            ),
            1,
            "YAML categories nested more than 100 levels deep (through aliases)",
        ),
        ("a: &a {b: [x], c: *a}\n", 1, "recursive YAML alias"),
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "through-aliases", "recursive"],
)
def test_deep_yaml_is_a_lexicon_error(tmp_path, text, line, fragment):
    path = tmp_path / "deep.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(fragment)) as info:
        read_dictionary(path, language="en", category_map={"*": "trust:0"})
    assert (info.value.path, info.value.line) == (str(path), line)


def test_yaml_nested_to_the_limit_still_reads(tmp_path):
    path = tmp_path / "nested.yml"
    path.write_text("trust: " + "{a: " * 98 + "[vertrouwen]" + "}" * 98 + "\n", encoding="utf-8")
    (entry,) = read_dictionary(path, language="nl", category_map={"*": "trust:+"}).entries
    assert entry.value == "vertrouwen"
    assert entry.source == "nested.yml [trust" + ".a" * 98 + "]"


# -- categories -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("trust", ("trust", "0")),
        ("TRUST", ("trust", "0")),
        ("trust+", ("trust", "+")),
        ("trust-", ("trust", "-")),
        ("trust0", ("trust", "0")),
        ("trust_pos", ("trust", "+")),
        ("Risk_Neg", ("risk", "-")),
        ("norms_neu", ("norms", "0")),
        ("ability_positive", ("ability", "+")),
        ("ability_negative", ("ability", "-")),
        ("ability_neutral", ("ability", "0")),
        ("trust.positive", ("trust", "+")),
        ("trust.-", ("trust", "-")),
        ("trust.neu", ("trust", "0")),
        ("trustworthy", None),
        ("posemo", None),
        ("trust_good", None),
    ],
)
def test_default_category_names(name, target):
    assert _default_target(name) == target


def test_nested_yaml_categories_with_every_subkey(tmp_path):
    path = tmp_path / "nested.yml"
    path.write_text(
        "Trust:\n  Positive: [a1]\n  '+': [a2]\n  pos: [a3]\n  negative: [b1]\n  '-': [b2]\n  neg: [b3]\n"
        "  neutral: [c1]\n  '0': [c2]\n  neu: [c3]\n",
        encoding="utf-8",
    )
    lex = read_dictionary(path, language="en")
    assert [(e.valence, e.value) for e in lex.entries] == [
        ("+", "a1"),
        ("+", "a2"),
        ("+", "a3"),
        ("-", "b1"),
        ("-", "b2"),
        ("-", "b3"),
        ("0", "c1"),
        ("0", "c2"),
        ("0", "c3"),
    ]


def test_category_map_overrides_drops_and_defaults(tmp_path):
    path = tmp_path / "map.yml"
    path.write_text(
        "trust_pos: [a]\nposemo: [b]\nfunct: [c]\nliwc:\n  social: [d]\n  family: [e]\nother: [f]\n",
        encoding="utf-8",
    )
    lex = read_dictionary(
        path,
        language="en",
        category_map={
            "trust_pos": "trust:neg",
            "PosEmo": "benevolence:+",
            "funct": None,
            "liwc": "norms",
            "*": None,
        },
    )
    assert [(e.concept, e.valence, e.value) for e in lex.entries] == [
        ("trust", "-", "a"),
        ("benevolence", "+", "b"),
        ("norms", "0", "d"),
        ("norms", "0", "e"),
    ]


def test_unmapped_categories_are_an_error_listing_them(tmp_path):
    path = tmp_path / "liwc.dic"
    path.write_text(
        "%\n1\tposemo\n2\ttrust\n3\tsocial\n4\tunused\n%\nhappy\t1\nfriend\t3\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError) as info:
        read_dictionary(path, language="en")
    message = str(info.value)
    assert message.startswith(f"{path}: no trustlex concept for the categories 'posemo', 'social'.")
    assert "unused" not in message  # categories without words do not need a mapping
    assert f"Known concept ids: {', '.join(CONCEPTS)}" in message
    assert "category_map={'posemo': 'trust:+'}" in message


@pytest.mark.parametrize("value", ["trusst:+", "trust:very", "trust:+:x"])
def test_bad_category_map_value(tmp_path, value):
    path = tmp_path / "d.yml"
    path.write_text("x: [a]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"category_map\['x'\].*expected 'concept:valence'"):
        read_dictionary(path, language="en", category_map={"x": value})


# -- formats and files ----------------------------------------------------------------------------


def test_unknown_suffix_names_the_file(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(
        LexiconError, match=r"dict\.txt: cannot tell the dictionary format from the suffix '\.txt'"
    ):
        read_dictionary(path, language="nl")
    with pytest.raises(LexiconError, match=r"dict\.txt: cannot tell"):
        write_dictionary([], path)
    with pytest.raises(LexiconError, match="unknown dictionary format 'xml'"):
        read_dictionary(path, "xml", language="nl")


def test_explicit_format_overrides_the_suffix(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("%\n1\ttrust\n%\nvertrouwen\t1\n", encoding="utf-8")
    assert [e.value for e in read_dictionary(path, "liwc", language="nl").entries] == ["vertrouwen"]


def test_missing_file_and_bad_language(tmp_path):
    with pytest.raises(LexiconError, match=r"nope\.dic: cannot read"):
        read_dictionary(tmp_path / "nope.dic", language="nl")
    with pytest.raises(LexiconError, match="language must be one of nl, en"):
        read_dictionary(tmp_path / "nope.dic", language="de")


def test_reading_toml_checks_the_language(tmp_path):
    path = toml_file(tmp_path, HAND_TOML)
    assert len(read_dictionary(path, language="nl").entries) == 4
    with pytest.raises(LexiconError, match="says language 'nl', but language='en'"):
        read_dictionary(path, language="en")


# -- wildcards keep their meaning: scored ---------------------------------------------------------


def matched(texts: list[str], lang: str, lexicon: Path) -> set[tuple[int, str]]:
    frame = trustlex.score_texts(texts, lang=lang, level="match", lexicons=[str(lexicon)])
    return {(int(d), t.lower()) for d, t in zip(frame["doc_id"], frame["text"], strict=True)}


def test_imported_wildcards_match_what_they_should_and_nothing_else(tmp_path):
    dic = tmp_path / "en.dic"
    dic.write_text(
        "%\n1\ttrust_pos\n2\ttrust_neg\n%\ntrustworth*\t1\ntru*\t1\nlack of faith*\t2\ncan't rely\t2\n",
        encoding="utf-8",
    )
    yml = tmp_path / "en.yml"
    yml.write_text("benevolence:\n  positive: ['wom?n', '*hearted']\n", encoding="utf-8")
    paths = []
    for src in (dic, yml):
        lex = read_dictionary(src, language="en")
        paths.append(write_toml(lex, tmp_path / f"{src.stem}-{src.suffix[1:]}.toml"))
    texts = [
        "She is trustworthy.",  # trustworth*
        "He is untrustworthy.",  # no: the wildcard is a prefix
        "That is true.",  # tru* (a regex pattern: only three letters)
        "They entrust us.",  # no: tru* is a prefix
        "A lack of faithfulness.",  # lack of faith*
        "A lack of confidence.",  # no
        "We can't rely on them.",  # can't rely, tokenized as ca n't rely
        "Women and a woman.",  # wom?n twice
        "A womxxn.",  # no: ? is one character
        "Kindhearted people.",  # *hearted
        "Their heartedness.",  # no: *hearted is a suffix
    ]
    got = matched(texts, "en", paths[0]) | matched(texts, "en", paths[1])
    assert got == {
        (0, "trustworthy"),
        (2, "true"),
        (4, "lack of faithfulness"),
        (6, "can't rely"),
        (7, "women"),
        (7, "woman"),
        (9, "kindhearted"),
    }


# -- export ---------------------------------------------------------------------------------------


def expected_phrases(pattern: list[dict]) -> list[str] | None:
    """The phrases of a pattern of plain LOWER words and IN lists, or None for any other pattern."""
    choices = []
    for token in pattern:
        if set(token) != {"LOWER"}:
            return None
        spec = token["LOWER"]
        if isinstance(spec, str):
            choices.append([spec])
        elif isinstance(spec, dict) and set(spec) == {"IN"}:
            choices.append(spec["IN"])
        else:
            return None
        choices[-1] = [w for w in choices[-1] if w == w.lower()]  # LOWER never equals a word with capitals
    return [" ".join(c) for c in itertools.product(*choices)]


@pytest.mark.parametrize("suffix", WORD_FORMATS)
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_word_formats_round_trip_shipped_lexicons(path, suffix, tmp_path):
    lex = load_lexicon_file(path)
    out = tmp_path / f"out{suffix}"
    with pytest.warns(LexiconFormatWarning) as record:
        messages = write_dictionary(lex, out)
    assert sorted(messages) == sorted(str(w.message) for w in record if w.category is LexiconFormatWarning)
    back = read_quiet(out, language=lex.language)
    held = matches(back)
    joined = "\n".join(messages)
    leading = [e for e in lex.entries if e.kind == "wildcard" and e.value.startswith("*")]
    for e in lex.entries:
        if e.kind in ("term", "wildcard") and not (e in leading and suffix != ".yml"):
            assert (e.concept, e.valence, e.kind, repr(e.value)) in held, e.id
        elif e.kind == "lemma":
            assert (e.concept, e.valence, "term", repr(e.value)) in held or "more than" in joined, e.id
        elif e.kind == "pattern":
            phrases = expected_phrases(e.value)
            if phrases and len(phrases) <= 1000:
                for phrase in phrases:
                    assert (e.concept, e.valence, "term", repr(phrase.replace("\u2019", "'"))) in held, e.id
    if leading and suffix != ".yml":
        assert f"skipped {len(leading)} entr" in joined
        assert "leading or inner '*'" in joined
    checks = {
        "weight other than 1.0": any(e.weight != 1.0 for e in lex.entries),
        "'exclude' phrases": any(e.exclude for e in lex.entries),
        "examples or counter-examples": any(e.examples or e.counter_examples for e in lex.entries),
    }
    for fragment, expected in checks.items():
        assert joined.count(fragment) == int(expected), fragment  # one message per kind of loss
    has_lemmas = any(e.kind == "lemma" for e in lex.entries)
    assert joined.count("lemma-based") == 1 if has_lemmas else joined.count("lemma-based") <= 1
    # what came back writes the same file again: nothing else was lost on the way
    again, third = tmp_path / f"again{suffix}", tmp_path / f"third{suffix}"
    write_quiet(back, again)
    back2 = read_quiet(again, language=lex.language)
    write_quiet(back2, third)
    assert matches(back2) == held
    assert again.read_text(encoding="utf-8") == third.read_text(encoding="utf-8")


HAND_EXPORT = [
    {"concept": "trust", "valence": "+", "kind": "term", "value": "vertrouwen"},
    {"concept": "trust", "valence": "-", "kind": "term", "value": "geen", "weight": 0.5},
    {"concept": "trust", "valence": "-", "kind": "term", "value": "no", "weight": 0.5},
    {"concept": "trust", "valence": "-", "kind": "wildcard", "value": "wantrouw*", "weight": 2.0},
    {"concept": "risk", "valence": "0", "kind": "wildcard", "value": "*risico*", "id": "lead"},
    {"concept": "courage", "valence": "+", "kind": "lemma", "value": "durven", "exclude": ("durf ik",)},
    {
        "concept": "control",
        "valence": "-",
        "kind": "pattern",
        "value": [{"LOWER": "onder"}, {"LOWER": {"REGEX": "^toezicht.*$"}}],
        "id": "glob",
    },
    {
        "concept": "control",
        "valence": "0",
        "kind": "pattern",
        "value": [{"LOWER": {"IN": ["strak", "strikt"]}}, {"LOWER": "beleid", "OP": "?"}],
        "id": "in-list",
    },
    {
        "concept": "norms",
        "valence": "-",
        "kind": "pattern",
        "value": [{"LOWER": "slecht"}, {"OP": "*"}, {"LOWER": "voorbeeld"}],
        "id": "complex",
    },
    {
        "concept": "norms",
        "valence": "+",
        "kind": "pattern",
        "value": [{"LOWER": {"REGEX": "^v.rbeeld$"}}],
        "id": "q",
    },
    {
        "concept": "integrity",
        "valence": "+",
        "kind": "term",
        "value": "eerlijk gezegd",
        "gap": 1,
        "note": "n",
    },
]


@pytest.mark.parametrize("suffix", WORD_FORMATS)
def test_word_formats_round_trip_hand_written(suffix, tmp_path):
    lex = make_lexicon(HAND_EXPORT)
    out = tmp_path / f"hand{suffix}"
    with pytest.warns(LexiconFormatWarning):
        messages = write_dictionary(lex, out)
    back = read_quiet(out, language="nl")
    got = {(e.concept, e.valence, e.kind, repr(e.value)) for e in back.entries}
    kept = [
        ("trust", "+", "term", "'vertrouwen'"),
        ("trust", "-", "term", "'geen'"),
        ("trust", "-", "term", "'no'"),
        ("trust", "-", "wildcard", "'wantrouw*'"),
        ("courage", "+", "term", "'durven'"),
        ("courage", "+", "term", "'durfde'"),  # a generated inflection
        ("control", "-", "pattern", repr([{"LOWER": "onder"}, {"LOWER": {"REGEX": "^toezicht.*$"}}])),
        ("control", "0", "term", "'strak'"),
        ("control", "0", "term", "'strikt beleid'"),
        ("integrity", "+", "term", "'eerlijk gezegd'"),
    ]
    for item in kept:
        assert item in got
    assert not any(e.concept == "norms" and e.valence == "-" for e in back.entries)
    joined = "\n".join(messages)
    assert "skipped 1 entry that" in joined
    assert "(complex)" in joined
    assert "3 entries with a weight other than 1.0" in joined
    assert "1 entry with 'exclude' phrases" in joined
    assert "1 entry with a gap between their words" in joined
    assert "1 entry with a note or source" in joined
    assert "entries with an explicit id" in joined
    assert "1 lemma-based entry written as" in joined
    if suffix == ".yml":
        assert "3 pattern entries written as 6 word sequences" in joined
    else:
        assert "2 pattern entries written as 5 word sequences" in joined
    yaml_kept = (
        ("risk", "0", "wildcard", "'*risico*'"),
        ("norms", "+", "pattern", repr(HAND_EXPORT[9]["value"])),
    )
    if suffix == ".yml":
        assert all(item in got for item in yaml_kept)
        assert "leading or inner" not in joined
    else:
        assert not any(item in got for item in yaml_kept)
        assert "skipped 1 entry with a leading or inner '*' (lead)" in joined
        assert "(q)" in joined
        assert "one-character wildcard" in joined


def test_liwc_export_file_layout(tmp_path):
    out = tmp_path / "hand.dic"
    write_quiet(make_lexicon(HAND_EXPORT[:4]), out)
    assert out.read_text(encoding="utf-8") == (
        "%\n1\ttrust_pos\n2\ttrust_neg\n%\ngeen\t2\nno\t2\nvertrouwen\t1\nwantrouw*\t2\n"
    )


def test_dicx_export_file_layout(tmp_path):
    out = tmp_path / "hand.dicx"
    write_quiet(make_lexicon(HAND_EXPORT[:4]), out)
    assert out.read_text(encoding="utf-8").splitlines() == [
        "DicTerm,trust_pos,trust_neg",
        "geen,,X",
        "no,,X",
        "vertrouwen,X,",
        "wantrouw*,,X",
    ]


def test_yaml_export_quotes_words_yaml_would_misread(tmp_path):
    lex = make_lexicon(
        [
            {"concept": "trust", "valence": "-", "kind": "term", "value": w}
            for w in ("no", "off", "on", "1.5", "null")
        ]
    )
    out = tmp_path / "bools.yml"
    assert write_dictionary(lex, out) == []
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == {
        "trust": {"negative": ["no", "off", "on", "1.5", "null"]}
    }


def test_lemma_export_spells_out_inflections(tmp_path):
    nl = make_lexicon([{"concept": "trust", "valence": "+", "kind": "lemma", "value": "vertrouwen"}])
    en = make_lexicon(
        [{"concept": "trust", "valence": "+", "kind": "lemma", "value": "trust"}], language="en"
    )
    with pytest.warns(LexiconFormatWarning, match="another lemmatizer may match forms not listed"):
        write_dictionary(nl, tmp_path / "nl.dic")
    with pytest.warns(LexiconFormatWarning, match="lemma-based"):
        write_dictionary(en, tmp_path / "en.dic")
    nl_words = {
        line.split("\t")[0] for line in (tmp_path / "nl.dic").read_text(encoding="utf-8").splitlines()
    }
    en_words = {
        line.split("\t")[0] for line in (tmp_path / "en.dic").read_text(encoding="utf-8").splitlines()
    }
    assert {"vertrouwen", "vertrouwde", "vertrouwt", "vertrouw", "vertrouwd"} <= nl_words
    assert {"trust", "trusts", "trusted", "trusting"} <= en_words


def test_export_several_lexicons_and_entries(tmp_path):
    nl = make_lexicon(HAND_EXPORT[:1])
    en = make_lexicon([{"concept": "risk", "valence": "-", "kind": "term", "value": "danger"}], language="en")
    with pytest.warns(LexiconFormatWarning, match=r"several languages \(en, nl\)"):
        write_dictionary([nl, *en.entries], tmp_path / "both.csv")
    assert [e.value for e in read_dictionary(tmp_path / "both.csv", language="nl").entries] == [
        "vertrouwen",
        "danger",
    ]
    with pytest.raises(LexiconError, match="one language"):
        write_dictionary([nl, en], tmp_path / "both.toml")
    assert write_dictionary(nl.entries[0], tmp_path / "one.toml") == []
    assert load_lexicon_file(tmp_path / "one.toml").name == "one"


@pytest.mark.parametrize(
    "token",
    [
        ("a", "b", "c", "\x00*"),
        ("\x00*", "x", "'", "s"),
        ("a", ".", "b", "\x00?", "(", ")", "[", "$", "^", "+", "|", "\\"),
    ],
)
def test_glob_regex_inverts(token):
    assert _regex_glob(_glob_regex(token)) == token
    assert re.search(_glob_regex(("d", "o", "n", "'", "t")), "don\u2019t")


@pytest.mark.parametrize(
    ("regex", "glob"),
    [("^manag", "manag*"), ("ment$", "*ment"), ("abc", "*abc*"), ("^a\\$", "a$*"), ("^a\\\\$", "a\\")],
)
def test_regex_glob_reads_unanchored_sides_as_wildcards(regex, glob):
    token = _regex_glob(regex)
    assert token is not None
    assert "".join("*" if a == "\x00*" else a for a in token) == glob


@pytest.mark.parametrize("regex", [r"^\d+$", "^a|b$", "^[ab]$", "^Abc$", "^a b$", "^a+$", "^$", ""])
def test_regex_glob_refuses_real_regexes(regex):
    assert _regex_glob(regex) is None


def test_import_and_export_commands(tmp_path):
    from typer.testing import CliRunner

    from trustlex.cli import app

    runner = CliRunner()
    dic = tmp_path / "ours.dic"
    dic.write_bytes(
        "%\r\n1\tvertrouwen\r\n2\tgeheim\r\n%\r\nvertrouw*\t1\r\nachterkamer\t2\r\n".encode("cp1252")
    )
    out = tmp_path / "ours.toml"
    failed = runner.invoke(app, ["lexicon", "import", str(dic), "--to", str(out), "--lang", "nl"])
    assert failed.exit_code == 1
    assert "geheim" in failed.output
    assert "--map CATEGORY=concept:valence" in failed.output
    args = ["lexicon", "import", str(dic), "--to", str(out), "--lang", "nl"]
    result = runner.invoke(app, [*args, "--map", "vertrouwen=trust:+", "--map", "geheim=communication:-"])
    assert result.exit_code == 0, result.output
    assert "2 entries (1 term, 1 wildcard)" in result.output
    lex = load_lexicon_file(out)
    assert {(e.concept, e.valence, e.kind, e.value) for e in lex.entries} == {
        ("trust", "+", "wildcard", "vertrouw*"),
        ("communication", "-", "term", "achterkamer"),
    }
    yml = tmp_path / "trust.yml"
    exported = runner.invoke(app, ["lexicon", "export", "nl/trust", "--to", str(yml), "--strict"])
    assert exported.exit_code == 1  # weights, exclusions and examples do not fit in YAML
    assert "warning:" in exported.output
    assert "exclude" in exported.output
    assert yml.read_text(encoding="utf-8").startswith("trust:")
