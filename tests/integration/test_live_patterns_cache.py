"""Anchored patterns' live sets, cached across docs by the words they test, change no hit.

:func:`trustlex.matching.anchored.live_patterns` keeps its answer per anchor
key and the doc's words among those its gate and patterns test. Scanning the
shipped lexicons' pattern examples and counter-examples one after the other
(cache warm, in two orders) must give the hits that each doc gets with the
cache emptied first.
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
def test_a_warm_live_cache_gives_the_hits_of_an_empty_one(lang):
    nlp, engine = scoring_engine(lang)
    texts = _texts(engine)
    assert len(texts) > 100
    live = engine.index.live_cache
    fresh = {}
    for text in texts:
        live.clear()
        fresh[text] = _hits(engine, nlp, text)
    live.clear()
    for order in (texts, texts[::-1]):
        for text in order:
            assert _hits(engine, nlp, text) == fresh[text], text
    # a full cache starts afresh mid-run, with the same hits
    live.clear()
    saved, engine.index.live_room = engine.index.live_room, 3
    try:
        for text in texts[:20]:
            assert _hits(engine, nlp, text) == fresh[text], text
        assert engine.index.live_room > 3  # it was emptied and counts down from the full size
    finally:
        engine.index.live_room = saved
    live.clear()
    for text in texts:
        _hits(engine, nlp, text)
    # the cache holds differing answers for one key (docs that hold different words of its patterns)
    by_key: dict[str, set] = {}
    for (key, _), runs in live.items():
        by_key.setdefault(key, set()).add(tuple(r[0] for r in runs))
    assert any(len(answers) > 1 for answers in by_key.values())
