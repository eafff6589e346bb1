"""spaCy token patterns as trustlex runs them (trustlex.matching.patterns), row by row.

tests/test_pattern_equivalence.py holds the interpreter to spaCy's Matcher on
every shipped pattern; these rows pin down the pieces on small patterns.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.strings import StringStore

from trustlex import load_lexicon
from trustlex.lexicon import Entry
from trustlex.lexicon.resources import resolve_lexicons
from trustlex.matching.index import pattern_error
from trustlex.matching.patterns import (
    FORM,
    LEMMA_EXACT,
    _op_range,
    anchor_offsets,
    apostrophe_variants,
    compile_pattern,
    ends_on_punctuation,
    head_test,
    literal_words,
    pattern_anchors,
    pattern_length,
    pattern_variants,
    plainly_valid,
    required_words,
    run_pattern,
    word_ranks,
)

KEEP = [{"LEMMA": "keep"}, {"LOWER": {"IN": ["his", "her", "their"]}, "OP": "?"}, {"LOWER": "word"}]


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        (None, (1, 1)),
        ("?", (0, 1)),
        ("*", (0, None)),
        ("+", (1, None)),
        ("!", (0, 1)),
        ("{2}", (2, 2)),
        ("{1,3}", (1, 3)),
        ("{,2}", (0, 2)),
        ("{2,}", (2, None)),
    ],
)
def test_op_range(op, expected):
    assert _op_range(op) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [(KEEP, 3), ([{"LOWER": "a"}, {"OP": "*"}, {"LOWER": "b"}], None), ([{"LOWER": "a", "OP": "{1,4}"}], 4)],
)
def test_pattern_length(pattern, expected):
    assert pattern_length(pattern) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("word", {"word"}),
        ({"IN": ["a", "b"]}, {"a", "b"}),
        ({"NOT_IN": ["a"]}, None),
        ({"IN": [1]}, None),
        (3, None),
        ({"REGEX": "^(voldoen|voldoet|voldaan)$"}, {"voldoen", "voldoet", "voldaan"}),
        ({"REGEX": "^aanwijzing(en)?$"}, {"aanwijzing", "aanwijzingen"}),
        ({"REGEX": "^[-/]$"}, {"-", "/"}),
        ({"REGEX": "^(risico('s|\u2019s|s)?)$"}, {"risico", "risico's", "risico\u2019s", "risicos"}),
        ({"REGEX": "^vast(te)?stel"}, None),  # open at the end: every word it starts
        ({"REGEX": "vaststel$"}, None),  # open at the start
        ({"REGEX": "^\\w*norm$"}, None),  # any number of letters
        ({"REGEX": "^(a|b)+$"}, None),  # a repeat other than ?
        ({"REGEX": "(?i)^ab$"}, None),  # a flag: "AB" too
        ({"REGEX": "^(?i:ab)$"}, None),
        ({"REGEX": "^a?$"}, None),  # the empty string
        ({"REGEX": "^don't$"}, None),  # trustlex would add the typographic twin to a literal word
        ({"REGEX": "^[a-z]$"}, None),  # a range, not single characters
        ({"REGEX": "^(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)$"}, None),  # 128 words: too many
        ({"REGEX": "^(unclosed$"}, None),
    ],
)
def test_literal_words(value, expected):
    assert literal_words(value) == expected


def test_a_spelled_out_regex_anchors_and_runs_as_its_words():
    pattern = [{"LOWER": {"REGEX": "^(voldoen|voldoet)$"}}, {"LOWER": "niet", "OP": "?"}, {"LOWER": "aan"}]
    assert pattern_anchors(pattern, {"aan": 20, "niet": 30}) == ({"voldoen", "voldoet"}, set())
    assert required_words(pattern) == [{"voldoen", "voldoet"}, {"aan"}]
    assert pattern_variants(pattern) == [
        [(FORM, ["voldoen", "voldoet"]), (FORM, ["niet"]), (FORM, ["aan"])],
        [(FORM, ["voldoen", "voldoet"]), (FORM, ["aan"])],
    ]
    strings = StringStore()
    steps = compile_pattern([*pattern, {"LOWER": {"REGEX": "^[a-z]+$"}}], strings)
    assert head_test(steps) == (0, frozenset({strings["voldoen"], strings["voldoet"]}))
    words = [strings.add(w) for w in "zij voldoet aan normen".split()]
    assert run_pattern(steps, 1, 4, words, words, strings) == {4}
    assert run_pattern(steps, 0, 4, words, words, strings) == set()


def test_apostrophe_variants():
    assert apostrophe_variants("don't") == ("don't", "don\u2019t")
    assert apostrophe_variants("trust") == ("trust",)


def test_variants_expand_optional_tokens():
    variants = pattern_variants(KEEP)
    assert variants == [
        [(LEMMA_EXACT, ["keep"]), (FORM, ["her", "his", "their"]), (FORM, ["word"])],
        [(LEMMA_EXACT, ["keep"]), (FORM, ["word"])],
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a"}, {"OP": "*"}],  # a wildcard token
        [{"LOWER": "a", "OP": "+"}],  # an operator other than ?
        [{"LOWER": "a", "LEMMA": "a"}],  # two constraints on one token
        [{"POS": "NOUN"}],  # another attribute
        [{"LOWER": {"REGEX": "^a"}}],
        [{"LOWER": "x", "OP": "?"}] * 4,  # more than three optional tokens
    ],
)
def test_non_literal_patterns_have_no_variants(pattern):
    assert pattern_variants(pattern) is None


def test_anchor_is_the_rarest_required_word():
    ranks = {"keep": 5, "word": 900}
    assert pattern_anchors(KEEP, ranks) == (set(), {"keep"}) or pattern_anchors(KEEP, ranks) == (
        {"word"},
        set(),
    )
    assert pattern_anchors(KEEP, ranks) == ({"word"}, set())  # rarer: ranked further down
    assert pattern_anchors(KEEP, {"keep": 900, "word": 5}) == (set(), {"keep"})
    assert pattern_anchors([{"LOWER": "a", "OP": "?"}, {"OP": "*"}]) == (set(), set())


@pytest.mark.parametrize(
    ("pattern", "key", "expected"),
    [
        (KEEP, "M:keep", (0, 0)),
        (KEEP, "L:word", (1, 2)),  # after "keep" and perhaps a pronoun
        ([{"LOWER": "a"}, {"OP": "*"}, {"LOWER": "b"}], "L:b", (1, None)),
        (KEEP, "L:absent", (0, None)),
    ],
)
def test_anchor_offsets(pattern, key, expected):
    assert anchor_offsets(pattern, key) == expected


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_word_ranks_are_read_once_per_language_and_cannot_be_changed(lang):
    # every engine built asks for them (2,398 in test_pattern_equivalence.py, one entry each)
    ranks = word_ranks(lang)
    assert word_ranks(lang) is ranks
    assert ranks["management" if lang == "en" else "de"] < 200
    with pytest.raises(TypeError):
        ranks["vertrouwen"] = 0  # type: ignore[index]
    assert "vertrouwen" not in word_ranks(lang)  # a rare word stays rare for the next engine


def test_required_words_skip_optional_and_negated_tokens():
    pattern = [{"LOWER": "not", "OP": "!"}, *KEEP, {"ORTH": "Now"}]
    assert required_words(pattern) == [{"keep"}, {"word"}, {"now"}]


def run(pattern, words, lemmas=None, start=0):
    strings = StringStore()
    steps = compile_pattern(pattern, strings)
    lowers = [strings.add(w) for w in words]
    lems = [strings.add(w) for w in lemmas] if lemmas else lowers
    return sorted(run_pattern(steps, start, len(words), lowers, lems, strings))


@pytest.mark.parametrize(
    ("pattern", "words", "lemmas", "ends"),
    [
        (KEEP, ["kept", "their", "word"], ["keep", "their", "word"], [3]),
        (KEEP, ["kept", "word"], ["keep", "word"], [2]),
        (KEEP, ["kept", "our", "word"], ["keep", "our", "word"], []),
        (KEEP, ["keep", "word"], ["kept", "word"], []),  # LEMMA reads the lemma, not the form
        ([{"LOWER": "a"}, {"OP": "*"}], ["a", "b", "c"], None, [1, 2, 3]),  # every end of every match
        ([{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}], ["a", "b", "b", "c"], None, [2, 3]),
        ([{"LOWER": "a"}, {"LOWER": "not", "OP": "!"}, {"LOWER": "b"}], ["a", "x", "b"], None, [3]),
        ([{"LOWER": "a"}, {"LOWER": "not", "OP": "!"}, {"LOWER": "b"}], ["a", "not", "b"], None, []),
        ([{"LOWER": {"NOT_IN": ["no"]}}, {"LOWER": "trust"}], ["full", "trust"], None, [2]),
        ([{"LOWER": {"NOT_IN": ["no"]}}, {"LOWER": "trust"}], ["no", "trust"], None, []),
        ([{"LOWER": {"REGEX": "^vertrouw"}}], ["vertrouwelijk"], None, [1]),
        ([{"LOWER": "don't"}], ["don\u2019t"], None, [1]),  # the typographic apostrophe too
        ([{"LOWER": "a", "OP": "?"}], ["b"], None, []),  # no empty matches
    ],
)
def test_run_pattern(pattern, words, lemmas, ends):
    assert run(pattern, words, lemmas) == ends


def test_unsupported_patterns_are_left_to_spacy():
    strings = StringStore()
    assert compile_pattern([{"POS": "NOUN"}], strings) is None
    assert compile_pattern([{"LOWER": {"FUZZY": "trust"}}], strings) is None
    assert compile_pattern([{"LOWER": 3}], strings) is None


def test_sentence_start_is_the_first_token_of_its_sentence():
    strings = StringStore()
    steps = compile_pattern([{"LOWER": "enforce", "IS_SENT_START": True}, {"LOWER": "it"}], strings)
    assert steps is not None  # run by trustlex, not left to spaCy's Matcher
    words = [strings.add(w) for w in ["bad", ".", "enforce", "it"]]
    assert run_pattern(steps, 2, 4, words, words, strings, first=2) == {4}
    assert run_pattern(steps, 2, 4, words, words, strings, first=0) == set()
    not_first = compile_pattern([{"LOWER": "enforce", "IS_SENT_START": False}], strings)
    assert run_pattern(not_first, 2, 4, words, words, strings, first=0) == {3}


def test_like_num_needs_the_language_test():
    strings = StringStore()
    pattern = [{"LIKE_NUM": True, "OP": "?"}, {"LOWER": "banen"}]
    assert compile_pattern(pattern, strings) is None  # no test given: left to spaCy's Matcher
    steps = compile_pattern(pattern, strings, like_num=str.isdigit)
    words = [strings.add(w) for w in ["500", "banen", "vele", "banen"]]
    assert run_pattern(steps, 0, 4, words, words, strings) == {2}
    assert run_pattern(steps, 2, 4, words, words, strings) == set()  # "vele" is no number
    assert run_pattern(steps, 3, 4, words, words, strings) == {4}


@pytest.mark.parametrize(
    ("pattern", "field", "first_words"),
    [
        (KEEP, 1, {"keep"}),  # LEMMA: tested on the lemma column
        ([{"LOWER": {"IN": ["no", "zero"]}}, {"LOWER": "trust"}], 0, {"no", "zero"}),
        ([{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}], 0, {"a"}),
        ([{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}], None, None),  # the match may start at "b"
        ([{"LOWER": "not", "OP": "!"}, {"LOWER": "b"}], None, None),
        ([{}, {"LOWER": "b"}], None, None),  # any token
        ([{"LOWER": {"NOT_IN": ["no"]}}, {"LOWER": "b"}], None, None),
        ([{"LOWER": {"REGEX": "^a"}}, {"LOWER": "b"}], None, None),
    ],
)
def test_head_test(pattern, field, first_words):
    strings = StringStore()
    got = head_test(compile_pattern(pattern, strings))
    if field is None:
        assert got is None
    else:
        assert got[0] == field
        assert {strings[h] for h in got[1]} == first_words


def test_head_test_never_rejects_a_start_run_pattern_accepts():
    # every start where run_pattern finds a match passes the head test
    words = "no a a b zero trust keep our word kept word a not b".split()
    for pattern in (
        KEEP,
        [{"LOWER": {"IN": ["no", "zero"]}}, {"OP": "*"}, {"LOWER": "trust"}],
        [{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}],
    ):
        strings = StringStore()
        program = compile_pattern(pattern, strings)
        field, ids = head_test(program)
        lowers = [strings.add(w) for w in words]
        lemmas = [strings.add("keep" if w == "kept" else w) for w in words]
        column = lowers if field == 0 else lemmas
        starts = {
            s for s in range(len(words)) if run_pattern(program, s, len(words), lowers, lemmas, strings)
        }
        assert starts
        assert all(column[s] in ids for s in starts)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([{"LOWER": "care"}, {"LOWER": {"IN": [",", ".", "!", "…"]}}], True),
        ([{"LOWER": "care"}, {"ORTH": "."}], True),
        ([{"LOWER": "care"}, {"IS_PUNCT": True}], True),
        ([{"LOWER": "care"}, {"LOWER": {"IN": [",", "."]}, "OP": "?"}], False),  # may be absent
        ([{"LOWER": "care"}, {"LOWER": {"IN": [",", "about"]}}], False),  # a word may end it
        ([{"LOWER": "care"}, {"LOWER": {"NOT_IN": [",", "."]}}], False),
        ([{"LOWER": "care"}, {"LOWER": ".", "LEMMA": "."}], False),
        ([{"LOWER": "."}], True),
        ([], False),
    ],
)
def test_ends_on_punctuation(pattern: list, expected: bool) -> None:
    assert ends_on_punctuation(pattern) is expected


def _shipped_patterns():
    return [
        e
        for lang in ("en", "nl")
        for path in resolve_lexicons(None, lang)
        for e in load_lexicon(str(path)).entries
        if e.kind == "pattern"
    ]


def test_the_patterns_loading_leaves_unvalidated_are_those_spacy_accepts():
    vocab = spacy.blank("en").vocab
    plain = [e for e in _shipped_patterns() if plainly_valid(e.value)]
    assert len(plain) > 500  # most shipped patterns skip spaCy's validation at load
    for e in plain:
        Matcher(vocab, validate=True).add("check", [e.value])  # raises on a pattern spaCy refuses


@pytest.mark.parametrize(
    "pattern",
    [
        [],
        {"LOWER": "x"},
        [{"LOWER": 1}],
        [{"LOWER": {"IN": "abc"}}],  # a string, not a list
        [{"LOWER": {"IN": ["a", 1]}}],
        [{"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}}],
        [{"LOWER": "x", "OP": "+"}],  # valid, but not what the quick test reads
        [{"LOWER": "x", "LEMMA": "y"}],
        [{"lower": "x"}],
        [{"TEXT": "x"}],
        [{"OP": "?"}],
        [{"LOWER": {"REGEX": "^(a|b)$"}}],
        [{"LOWER": "x"}, "y"],
    ],
)
def test_any_other_pattern_goes_through_spacys_validation(pattern):
    assert not plainly_valid(pattern)


def test_a_pattern_spacy_refuses_is_still_refused_at_load():
    bad = Entry("x", "integrity", "+", "pattern", [{"LOWER": {"IN": "abc"}}])
    assert pattern_error(bad, spacy.blank("en").vocab) is not None
    good = Entry("y", "integrity", "+", "pattern", [{"LOWER": {"IN": ["a", "b"]}, "OP": "?"}])
    assert pattern_error(good, spacy.blank("en").vocab) is None
