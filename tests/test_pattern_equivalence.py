"""trustlex runs spaCy token patterns itself (as sequences or its own interpreter) for speed.

These tests hold it to spaCy's Matcher: on every shipped pattern entry, over
the lexicons' own example sentences plus sentences written to stress the
operators, the (start, end) matches must be identical.
"""

from __future__ import annotations

import dataclasses

import pytest
from shipped import shipped_lexicons
from spacy.matcher import Matcher

from trustlex.concepts import LANGUAGES
from trustlex.matching.scan import Engine

EXTRA = {
    "en": [
        "They don't care about us and they never really cared, but leaders do not lead by example.",
        "Management does not keep its promises; they keep us in the dark and will not listen to staff.",
        "Great people, great culture, and the managers truly care about employees and their growth.",
    ],
    "nl": [
        "Ze komen hun afspraken niet na en de directie houdt zijn woord nooit,"
        " maar we durven niets te zeggen.",
        "Beloftes worden niet nagekomen en niemand neemt de verantwoordelijkheid voor de gevolgen.",
        "De leiding gaat met ons in gesprek en houdt zich aan de gemaakte afspraken.",
    ],
}


def pattern_cases():
    for lex in shipped_lexicons():  # language by language, file by file
        for entry in lex.entries:
            if entry.kind == "pattern":
                yield pytest.param(lex.language, entry, id=entry.id)


@pytest.fixture(scope="module")
def pipelines(shipped_nlp):
    return shipped_nlp


@pytest.fixture(scope="module")
def extra_docs(pipelines):
    """The EXTRA sentences of each language, parsed once: neither the Matcher nor the engine changes a doc."""
    return {lang: [pipelines[lang](text) for text in EXTRA[lang]] for lang in LANGUAGES}


@pytest.mark.parametrize(("lang", "entry"), list(pattern_cases()))
def test_pattern_matches_equal_spacy_matcher(pipelines, extra_docs, lang, entry):
    nlp = pipelines[lang]
    alone = Engine(nlp.vocab, [dataclasses.replace(entry, exclude=())], None, lang=lang)
    matcher = Matcher(nlp.vocab)
    matcher.add("p", [entry.value])
    docs = [*(nlp(text) for text in (*entry.examples, *entry.counter_examples)), *extra_docs[lang]]
    for doc in docs:
        text = doc.text
        sent_of = {t.i: s.start for s in doc.sents for t in s}
        expected = {(s, e) for _, s, e in matcher(doc) if sent_of[s] == sent_of[e - 1]}
        got = {(s, e) for s, e, _ in alone.candidates(doc)}
        assert got == expected, text
