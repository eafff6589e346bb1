"""Anchored patterns tested per sentence and key change no hit.

:func:`trustlex.matching.anchored.pattern_matches` runs a key's patterns at an
anchor only when the anchor's sentence holds every word they require (the key's
gate first). The shipped lexicons' pattern examples and counter-examples, each
alone and all in one doc of many sentences, must give the hits of an engine
whose tables let every pattern of a key run at every anchor (no gate, no
required words): the filter drops no hit and adds none.
"""

from __future__ import annotations

import pytest

from trustlex.pipeline import scoring_engine


def _texts(engine) -> list[str]:
    texts = [t for e in engine.entries if e.kind == "pattern" for t in (*e.examples, *e.counter_examples)]
    return list(dict.fromkeys(texts))


def _hits(engine, nlp, text: str) -> list[tuple]:
    hits, _, _ = engine.scan(nlp.make_doc(text))
    return [(h.entry.id, h.start, h.end, h.valence, h.referent) for h in hits]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_per_sentence_pattern_filter_drops_and_adds_no_hit(lang):
    nlp, engine = scoring_engine(lang)
    texts = _texts(engine)
    assert len(texts) > 100
    joined = " ".join(t.rstrip(" .") + "." for t in texts)
    docs = [*texts, joined, joined.replace(". ", "\n\n")]
    filtered = [_hits(engine, nlp, text) for text in docs]
    ix = engine.index
    gates, runs = ix.key_gates, ix.runs
    assert any(g is not None for g in gates.values())  # some keys have a gate to skip
    try:
        ix.key_gates = dict.fromkeys(gates)
        ix.runs = {k: tuple((r[0], (), *r[2:]) for r in v) for k, v in runs.items()}
        unfiltered = [_hits(engine, nlp, text) for text in docs]
    finally:
        ix.key_gates, ix.runs = gates, runs
    assert filtered == unfiltered
    assert sum(map(len, filtered)) > 100
    # the filter does skip patterns: some example's sentence lacks a word another pattern of its key needs
    assert len(filtered[-2]) > 50
