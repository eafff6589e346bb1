"""Pattern steps laid out for the scan (trustlex.matching.programs) against run_pattern, row by row.

run_program must give the ends run_pattern gives on the same steps, at every
start: on every shipped pattern the interpreter runs, over its entry's own
examples and counter-examples, and on small patterns that reach each branch.
"""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore

from trustlex.matching.patterns import compile_pattern, run_pattern
from trustlex.matching.programs import ANY, CHECKS, FORM_IN, LEMMA_IN, program, run_program
from trustlex.pipeline import scoring_engine


def _same_everywhere(steps, lowers, lemmas, strings, first=0):
    laid = program(steps)
    n = len(lowers)
    for start in range(n):
        for end in {n, min(n, start + 2)}:
            want = run_pattern(steps, start, end, lowers, lemmas, strings, first)
            got = run_program(laid, start, end, lowers, lemmas, strings, first)
            assert set(got) == want, (start, end)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_shipped_program_ends_where_run_pattern_ends(lang):
    nlp, engine = scoring_engine(lang)
    ix = engine.index
    assert len(ix.programs) > 50
    matched = 0
    for idx, steps in ix.programs.items():
        entry = engine.entries[idx]
        for text in (*entry.examples, *entry.counter_examples):
            doc = nlp(text)
            lowers = doc.to_array(LOWER).tolist()
            lemmas = doc.to_array(LEMMA).tolist()
            _same_everywhere(steps, lowers, lemmas, ix.strings)
            laid, n = program(steps), len(doc)
            matched += any(run_program(laid, s, n, lowers, lemmas, ix.strings) for s in range(n))
    assert matched > 50  # the examples do match: the rows test found ends, not only refusals


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "no"}, {"LOWER": "trust"}],  # fixed steps only
        [{"LOWER": "no"}, {"OP": "*"}, {"LOWER": "trust"}],  # any token, repeated
        [{"LOWER": "no"}, {"LOWER": "real", "OP": "?"}, {"LEMMA": "trust"}],
        [{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}],  # a repeated first step
        [{"LOWER": "no"}, {"LOWER": "a", "OP": "!"}, {"LOWER": "trust"}],  # negated
        [{"LOWER": {"NOT_IN": ["a", "b"]}}, {"LOWER": "trust"}],  # a check run_pattern's way
        [{"LOWER": "keep", "IS_SENT_START": True}, {"LOWER": {"REGEX": "^wo"}}],
        [{"LOWER": "no"}, {"LOWER": {"IN": ["a", "b"]}, "OP": "{1,2}"}],
        [{}],
        [],
    ],
)
def test_small_programs_end_where_run_pattern_ends(pattern):
    strings = StringStore()
    steps = compile_pattern(pattern, strings)
    words = "keep no a a b trust no real trusted word no trust keep words".split()
    lowers = [strings.add(w) for w in words]
    lemmas = [strings.add("trust" if w == "trusted" else w) for w in words]
    for first in (0, 6):
        _same_everywhere(steps, lowers, lemmas, strings, first)


def test_steps_are_filed_by_how_their_token_is_tested():
    strings = StringStore()
    steps = compile_pattern(
        [{"LOWER": "no"}, {}, {"LEMMA": "trust"}, {"LOWER": {"NOT_IN": ["a"]}, "OP": "?"}], strings
    )
    assert [s[0] for s in program(steps)] == [FORM_IN, ANY, LEMMA_IN, CHECKS]
    assert program(steps)[3][3:] == (0, 1)  # min and max tokens kept
