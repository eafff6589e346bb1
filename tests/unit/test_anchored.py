"""Anchored patterns (trustlex.matching.anchored): all of a language's patterns in one engine.

Each pattern of an anchor key comes as one record (LexiconIndex.runs); a doc of
many sentences makes the scan test every pattern's required words per
sentence. The matches must be spaCy Matcher's, within a sentence: no hit
dropped, none added.
"""

from __future__ import annotations

import dataclasses

import pytest
from shipped import shipped_lexicons
from spacy.matcher import Matcher

from trustlex.matching.scan import Engine


def _patterns(lang):
    return [
        dataclasses.replace(e, exclude=())
        for lex in shipped_lexicons()
        if lex.language == lang
        for e in lex.entries
        if e.kind == "pattern"
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_pattern_in_one_engine_finds_what_spacy_finds_in_a_long_doc(lang, shipped_nlp):
    nlp = shipped_nlp[lang]
    entries = _patterns(lang)
    engine = Engine(nlp.vocab, entries, None, lang=lang)
    assert any(len(runs) > 1 for runs in engine.index.runs.values())  # keys shared by patterns
    matcher = Matcher(nlp.vocab)
    for idx, e in enumerate(entries):
        matcher.add(str(idx), [e.value])
    # every example, counter-example, one doc: sentences that lack a pattern's words sit
    # beside those that hold them
    text = " ".join(t.rstrip(" .") + "." for e in entries for t in (*e.examples, *e.counter_examples))
    doc = nlp(text)
    assert len(list(doc.sents)) > 50
    # the Matcher sentence by sentence (on the whole doc its states pile up): matches within one
    expected = {
        (sent.start + s, sent.start + e, int(nlp.vocab.strings[m]))
        for sent in doc.sents
        for m, s, e in matcher(sent)
    }
    number = {id(e): idx for idx, e in enumerate(entries)}
    got = {(s, e, number[id(entry)]) for s, e, entry in engine.candidates(doc)}
    assert got == expected
    assert len(got) > 20
