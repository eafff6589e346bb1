"""Every schema problem in a lexicon or context file fails with file, line, entry and field."""

from __future__ import annotations

import re

import pytest

import trustlex
from trustlex.errors import LexiconError
from trustlex.lexicon import load_context_file, load_lexicon_file

HEADER = """
[lexicon]
name = "t"
language = "nl"
version = "1.0"
"""


def entry_file(write_toml, body: str):
    return write_toml(HEADER + '\n[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "ok"\n\n' + body)


@pytest.mark.parametrize(
    ("body", "line", "field", "fragment"),
    [
        (
            '[[entry]]\nconcept = "trust"\nvalence = "negative"\nterm = "x"\n',
            13,
            "valence",
            "'valence' must be one of '+', '-', '0', got 'negative'",
        ),
        (
            '[[entry]]\nconcept = "trusst"\nvalence = "+"\nterm = "x"\n',
            12,
            "concept",
            "'concept' must be one of trust, control",
        ),
        (  # a typo gets the nearest concept; a concept of one's own is refused, saying so
            '[[entry]]\nconcept = "trusst"\nvalence = "+"\nterm = "x"\n',
            12,
            "concept",
            "got 'trusst'; did you mean 'trust'?",
        ),
        (
            '[[entry]]\nconcept = "voice"\nvalence = "+"\nterm = "x"\n',
            12,
            "concept",
            "got 'voice'; a lexicon adds words to these codebook concepts and cannot add a concept",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalnce = "+"\nterm = "x"\n',
            13,
            "valnce",
            "unknown field 'valnce'; allowed: id, concept, valence, term, lemma, wildcard, pattern, weight, "
            "exclude, example, counter_example, gap, note, source; did you mean 'valence'?",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\npolarity = "+"\nterm = "x"\n',
            14,
            "polarity",
            "unknown field 'polarity'; allowed: id, concept",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\n',
            11,
            None,
            "needs exactly one of term, lemma, wildcard, pattern; found none",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\nlemma = "y"\n',
            11,
            None,
            "found term, lemma",
        ),
        ('[[entry]]\nconcept = "trust"\nvalence = "+"\nwildcard = "in*"\n', 14, "wildcard", "too broad"),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nwildcard = "last onder*"\n',
            14,
            "wildcard",
            "must be one token",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\nweight = 0\n',
            15,
            "weight",
            "greater than 0",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\ngap = 2\n',
            15,
            "gap",
            "only applies to multi-word",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\nexample = 3\n',
            15,
            "example",
            "string or a list of strings",
        ),
        (
            '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "ok"\n',
            11,
            "id",
            "duplicate id 'nl:trust:term:ok' (first at line 6)",
        ),
    ],
    ids=[
        "valence",
        "concept",
        "concept-typo",
        "concept-of-ones-own",
        "field-typo",
        "unknown-field",
        "no-kind",
        "two-kinds",
        "broad-wildcard",
        "multiword-wildcard",
        "weight",
        "gap",
        "example-type",
        "duplicate-id",
    ],
)
def test_entry_errors_name_file_line_and_field(write_toml, body, line, field, fragment):
    # Arrange
    path = entry_file(write_toml, body)
    # Act
    with pytest.raises(LexiconError) as info:
        load_lexicon_file(path)
    # Assert
    err = info.value
    assert str(err).startswith(f"{path}:{line}: entry 2")
    assert fragment in str(err)
    assert err.field == field
    assert err.line == line


def test_toml_syntax_error_has_line(write_toml):
    path = write_toml(HEADER + '\n[[entry]]\nconcept = "trust"\nvalence = +\n')
    with pytest.raises(LexiconError, match=re.escape(f"{path}:8: invalid TOML")):
        load_lexicon_file(path)


def test_missing_header_fields(write_toml):
    path = write_toml('[lexicon]\nname = "t"\nlanguage = "de"\nversion = "1"\n')
    with pytest.raises(LexiconError, match=r":3: \[lexicon\]: 'language' must be one of nl, en, got 'de'"):
        load_lexicon_file(path)
    path = write_toml('[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\n')
    with pytest.raises(LexiconError, match="missing \\[lexicon\\] header"):
        load_lexicon_file(path)


def test_invalid_spacy_pattern_is_reported_at_build_time(write_toml):
    path = write_toml(HEADER + '\n[[entry]]\nconcept = "trust"\nvalence = "+"\npattern = [{LEMMMA = "x"}]\n')
    with pytest.raises(LexiconError, match=rf"{re.escape(str(path))}:6: entry .*invalid spaCy token pattern"):
        trustlex.load("nl", lexicons=[str(path)])


def test_language_mismatch_is_refused(write_toml):
    path = write_toml(HEADER + '\n[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\n')
    with pytest.raises(LexiconError, match=r"none of the lexicons given .* is for 'en'"):
        trustlex.load("en", lexicons=[str(path)])


def test_a_list_of_both_languages_lexicons_gives_each_pipeline_its_own(write_toml):
    dutch = write_toml(HEADER + '\n[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "zeker"\n', "nl.toml")
    english = write_toml(
        HEADER.replace('"nl"', '"en"').replace('"t"', '"t-en"')
        + '\n[[entry]]\nconcept = "risk"\nvalence = "0"\nterm = "surely"\n',
        "en.toml",
    )
    both = [str(english), str(dutch)]
    nl_rows = trustlex.to_frame(trustlex.load("nl", lexicons=both)("Dat is zeker. Surely."))
    en_rows = trustlex.to_frame(trustlex.load("en", lexicons=both)("Dat is zeker. Surely."))
    assert nl_rows["concept"].tolist() == ["trust"]
    assert en_rows["concept"].tolist() == ["risk"]


def test_an_id_of_another_loaded_file_is_refused(write_toml):
    # the user's entry takes the id of a shipped one: rows would name the shipped entry as evidence
    entry = '[[entry]]\nid = "en:trust:lemma:trust"\nconcept = "trust"\nvalence = "-"\nterm = "gaslighting"\n'
    ours = write_toml(HEADER.replace('"nl"', '"en"') + "\n" + entry, "ours.toml")
    shipped = trustlex.load_lexicon("en/trust")
    with pytest.raises(LexiconError) as caught:
        trustlex.load("en", lexicons=["en/*", str(ours)])
    err = caught.value
    assert (err.path, err.line, err.field) == (str(ours), 6, "id")
    shipped_line = next(e.line for e in shipped.entries if e.id == "en:trust:lemma:trust")
    assert f"'en:trust:lemma:trust' is already the id of an entry at {shipped.path}:{shipped_line}" in str(
        err
    )


def test_one_file_loaded_twice_is_no_id_clash():
    nlp = trustlex.load("en", lexicons=["en/*", "en/trust"])
    assert trustlex.to_frame(nlp("I trust HR."), level="match")["entry_id"].tolist() == [
        "en:trust:lemma:trust"
    ]


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(HEADER.encode() + b'\n[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "caf\xe9"\n')
    with pytest.raises(LexiconError, match=":10: lexicon files must be UTF-8") as err:
        load_lexicon_file(path)
    # where the bad byte is and what to do: the file was saved in another encoding
    assert "byte 0xe9 at column 12 is not UTF-8" in str(err.value)
    assert "save the file as UTF-8" in str(err.value)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('[[cue]]\nkind = "negator"\nterms = ["geen"]\n', "cue 1: 'kind' must be one of negation, hedge"),
        (
            '[[cue]]\nkind = "negation"\ndirection = "left"\nterms = ["geen"]\n',
            "'direction' must be one of preceding",
        ),
        ('[[cue]]\nkind = "negation"\n', "needs 'terms' or 'lemmas'"),
        ('[[cue]]\nkind = "negation"\nterms = ["geen"]\nconcepts = ["trusst"]\n', "unknown concept 'trusst'"),
        ('[[cue]]\nkind = "negation"\nterms = ["geen"]\nscope = 3\n', "unknown field 'scope'"),
        (
            '[[cue]]\nkind = "negative"\ndirection = "both"\nterms = ["meer"]\nand_after = ["nodig"]\n',
            "'and_after' needs direction = \"preceding\"",
        ),
        (
            '[[cue]]\nkind = "negative"\ndirection = "preceding"\nterms = ["meer"]\nand_after = [1]\n',
            "'and_after' must be a string or a list of strings",
        ),
        (
            '[[cue]]\nkind = "negative"\ndirection = "following"\nterms = ["please"]\nopens = true\n',
            "'opens' needs direction = \"preceding\"",
        ),
        (
            '[[cue]]\nkind = "negative"\ndirection = "preceding"\nterms = ["please"]\nopens = "yes"\n',
            "'opens' must be true or false, got 'yes'",
        ),
        (
            '[[cue]]\nkind = "negative"\ndirection = "preceding"\nterms = ["cons"]\nacross_lines = 1\n',
            "'across_lines' must be true or false, got 1",
        ),
        (
            '[[cue]]\nkind = "mention"\nterms = ["artikel"]\nlacking = "yes"\n',
            "'lacking' must be true or false",
        ),
        ('[[cue]]\nkind = "negation"\nterms = ["geen"]\nlacking = true\n', "'lacking' is for mention cues"),
        # a line break is whitespace to the tokenizer: as a cue it crashed the engine
        ('[[cue]]\nkind = "termination"\nterms = ["\\n"]\n', "'terms' holds an empty or whitespace-only"),
        ('[[cue]]\nkind = "negation"\nlemmas = ["geen", " "]\n', "'lemmas' holds an empty or whitespace"),
        (
            '[[cue]]\nkind = "mention"\nterms = ["vergunning"]\nin_sentence_with = [" "]\n',
            "'in_sentence_with' holds an empty or whitespace",
        ),
        (
            '[[cue]]\nkind = "mention"\nterms = ["vergunning"]\nin_sentence_with = [3]\n',
            "'in_sentence_with' must be a string or a list of strings",
        ),
    ],
)
def test_context_errors(write_toml, body, fragment):
    path = write_toml('[context]\nlanguage = "nl"\nversion = "1"\n\n' + body, name="context.toml")
    with pytest.raises(LexiconError, match=re.escape(fragment)) as info:
        load_context_file(path)
    assert str(info.value).startswith(f"{path}:")


def test_unknown_lexicon_name():
    with pytest.raises(LexiconError, match="unknown lexicon 'nl/vertrouwen'"):
        trustlex.load("nl", lexicons=["nl/vertrouwen"])
    with pytest.raises(LexiconError, match=re.escape("lexicon file 'missing/ours.toml' does not exist")):
        trustlex.load("nl", lexicons=["missing/ours.toml"])


def test_lexicon_to_frame(write_toml):
    lex = load_lexicon_file(
        entry_file(write_toml, '[[entry]]\nconcept = "risk"\nvalence = "0"\nwildcard = "Risico*"\n')
    )
    frame = lex.to_frame()
    assert list(frame["id"]) == ["nl:trust:term:ok", "nl:risk:wildcard:risico*"]
    assert list(frame["lexicon"].unique()) == ["t@1.0"]
    assert list(frame["line"]) == [6, 11]


# -- deep nesting: a LexiconError naming the file, never a RecursionError -------------------------

DEEP = 100_000


def deep_entry(write_toml, line: str):
    """A lexicon whose first entry ends with ``line``, on line 10."""
    return write_toml(HEADER + f'\n[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "x"\n{line}\n')


@pytest.mark.parametrize(
    "line",
    [
        "note = " + "[" * DEEP + "]" * DEEP,
        "note = " + "{a = " * DEEP + "1" + "}" * DEEP,
        "note = " + "[{a = " * DEEP + "1" + "}]" * DEEP,
        # dotted keys nest without recursion in tomllib, but in time quadratic in their parts
        "note." + ".".join(["a"] * 5000) + " = 1",
        "[entry." + ".".join(["a"] * 5000) + "]",
    ],
    ids=["arrays", "inline-tables", "both", "dotted-key", "table-header"],
)
def test_deep_toml_is_a_lexicon_error(write_toml, line):
    path = deep_entry(write_toml, line)
    with pytest.raises(LexiconError, match="TOML nested more than 100 levels deep") as info:
        load_lexicon_file(path)
    assert (info.value.path, info.value.line) == (str(path), 10)


def test_dotted_keys_in_nested_inline_tables_count_as_levels(write_toml):
    dotted = ".".join(["a"] * 60)
    path = deep_entry(write_toml, f"note = {{{dotted} = {{{dotted} = 1}}}}")
    with pytest.raises(LexiconError, match="TOML nested more than 100 levels deep") as info:
        load_lexicon_file(path)
    assert info.value.path == str(path)


def test_toml_nested_to_the_limit_reaches_the_schema_check(write_toml):
    # the document, the list of entries and the entry are three levels: 97 arrays make 100
    path = deep_entry(write_toml, "note = " + "[" * 97 + "]" * 97)
    with pytest.raises(LexiconError, match="'note' must be a string"):
        load_lexicon_file(path)
    path = deep_entry(write_toml, "note = " + "[" * 98 + "]" * 98)
    with pytest.raises(LexiconError, match="TOML nested more than 100 levels deep"):
        load_lexicon_file(path)


def test_brackets_and_dots_in_strings_and_comments_do_not_count(write_toml):
    many = "[{" * 150 + "." * 150
    path = deep_entry(
        write_toml,
        f'note = "{many} \\" {many}"\n'
        f"source = '{many}'\n"
        f"# {many}\n"
        f'example = """\n{many} \\""" {many}\n"""" # a quote before the closing three\n'
        f"counter_example = '''{many}\n{many}'''''",
    )
    (entry,) = load_lexicon_file(path).entries
    assert entry.note == f'{many} " {many}'
    assert entry.examples == (f'{many} """ {many}\n"',)
    assert entry.counter_examples == (f"{many}\n{many}''",)


def test_deep_context_file_is_a_lexicon_error(write_toml):
    path = write_toml(
        '[context]\nlanguage = "nl"\nversion = "1"\n\n[[cue]]\nkind = "negation"\n'
        "terms = " + "[" * DEEP + "]" * DEEP + "\n",
        name="context.toml",
    )
    with pytest.raises(LexiconError, match="TOML nested more than 100 levels deep") as info:
        load_context_file(path)
    assert (info.value.path, info.value.line) == (str(path), 7)
