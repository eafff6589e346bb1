"""The context rules read a doc's lowercase words off the token ids (hit_context.LowerWords), not off Tokens.

The clause and coordination rules compare words ("but", "or", "(", ","); they get them by
position from ``LowerWords``, which reads the string store rather than making a spaCy Token
per word. The rows below depend on those words: a wrong or shifted word changes a valence,
a cue or a hit. Odd apostrophes (lookup keys differ from the words) and whitespace inside
sentences (the engine reads a view without it) are among them.
"""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.attrs import LOWER

import trustlex
from trustlex.matching.hit_context import LowerWords
from trustlex.pipeline import load

EN_ROWS = {
    "I don\u2019t trust management, but my team is great.": [("trust", "-", "n\u2019t", "leadership")],
    "They never listen (and I trust my manager) anyway.": [
        ("communication", "-", "never", "direct_manager"),
        ("trust", "+", None, "direct_manager"),  # the bracket keeps "never" off "trust"
    ],
    "No one is held accountable  for mistakes, and leadership is honest.": [
        ("responsibility", "-", None, "leadership"),
        ("integrity", "+", None, "leadership"),
    ],
    "They are not honest\tor transparent with us.": [  # "or" carries the negation on
        ("integrity", "-", "not", "none"),
        ("communication", "-", "not", "none"),
    ],
}
NL_ROWS = {
    "Ik vertrouw de directie niet, maar het team is eerlijk.": [
        ("trust", "-", "niet", "leadership"),
        ("integrity", "+", None, "colleagues"),
    ],
    "Er is geen  transparantie, en de leiding is betrouwbaar.": [
        ("communication", "-", "geen", "leadership"),
        ("trust", "+", None, "leadership"),
    ],
}


def _rows(text: str, lang: str) -> list[tuple]:
    df = trustlex.score_texts([text], lang=lang, level="match")
    return [(r.concept, r.valence, None if pd.isna(r.cue) else r.cue, r.referent) for r in df.itertuples()]


@pytest.mark.parametrize(("text", "expected"), EN_ROWS.items())
def test_english_context_rules_read_the_right_words(text, expected):
    assert _rows(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), NL_ROWS.items())
def test_dutch_context_rules_read_the_right_words(text, expected):
    assert _rows(text, "nl") == expected


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_lower_words_are_the_tokens_lowercase_text(lang):
    nlp = load(lang)
    texts = [*EN_ROWS, *NL_ROWS, "Don\u2019t  TRUST\u00a0them\tEVER.\n\n- Nee"]
    for text in texts:
        doc = nlp.make_doc(text)
        words = LowerWords(nlp.vocab.strings, doc.to_array(LOWER).tolist())
        assert [words[i] for i in range(len(doc))] == [t.lower_ for t in doc]
        assert words[-1] == doc[-1].lower_  # a position read as a doc reads it
