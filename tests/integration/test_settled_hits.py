"""Hits that no cue near them can change skip the context rules, with the valences and cues they had.

:func:`trustlex.matching.hit_context.apply_cues` sends a hit through the clause
and context rules only when a cue near it may change it (``settle``). The
regression cases' sentences and the shipped entries' examples, scanned with and
without that shortcut, must give the same hits, valences, cues, hedges and
referents: the shortcut drops no cue's effect.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustlex.pipeline import scoring_engine

CASES = Path(__file__).parent.parent / "regression"


def _texts(engine, lang: str) -> list[str]:
    texts = [t for e in engine.entries for t in (*e.examples, *e.counter_examples)]
    for path in sorted(CASES.glob("cases_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if case.get("lang") == lang and case.get("text"):
                texts.append(case["text"])
    return list(dict.fromkeys(texts))


def _hits(engine, nlp, text: str) -> list[tuple]:
    hits, _, _ = engine.scan(nlp.make_doc(text))
    return [
        (h.entry.id, h.start, h.end, h.valence, h.cues, h.cue_kind, h.cue, h.hedge, h.referent) for h in hits
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_settled_hits_keep_the_valence_and_cues_the_rules_give(lang):
    nlp, engine = scoring_engine(lang)
    texts = _texts(engine, lang)
    assert len(texts) > 1000
    try:
        engine.settle = False
        ruled = [_hits(engine, nlp, text) for text in texts]
    finally:
        engine.settle = True
    settled = [_hits(engine, nlp, text) for text in texts]
    assert settled == ruled
    hits = [h for row in ruled for h in row]
    # the rows are ones where cues act: negated, modified, hedged hits, and hits a cue leaves as they are
    assert sum(h[4] != () for h in hits) > 100
    assert sum(h[7] is not None for h in hits) > 5


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_docs_whose_cues_change_no_hit_skip_the_cue_path(lang):
    """A doc whose cue candidates can change none of its hits keeps the hits the whole cue path gives."""
    nlp, engine = scoring_engine(lang)
    settled = engine._settled
    kinds = {k: engine.cues[k].kind for k in range(len(engine.cues))}
    # a + hit keeps its valence beside a positive word or a terminator; a negation may change any hit
    assert {kinds[k] for k in settled[frozenset("+")]} == {"positive", "termination", "anchor"}
    assert not {kinds[k] for k in settled[frozenset("+-0")]} & {"negation", "pseudo", "negative", "hedge"}
    texts = {
        "en": ["Pros: great people and good benefits, honest managers.", "Management is not honest."],
        "nl": ["Fijne collega's en een eerlijke leidinggevende, goede sfeer.", "De directie is niet eerlijk"],
    }[lang]
    try:
        engine.settle = False
        ruled = [_hits(engine, nlp, text) for text in texts]
    finally:
        engine.settle = True
    assert [_hits(engine, nlp, text) for text in texts] == ruled
    assert all(ruled)
    assert ruled[1][0][3] == "-"  # the negated hit
    assert all(h[4] == () for h in ruled[0])  # the first text's hits keep their entries' valences, no cue
