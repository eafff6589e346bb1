"""Attribution reads a sentence's words from the scan's per-type tuples (round 30's speed work).

``Engine.scan`` passes its per-token tuples (``LexiconIndex.type_info``, whose
last field is the text of the type's lookup key) to
``ReferentIndex.attribute``, which reads the words from them rather than from
its own dict of every type met. These tests hold the two to the same words
(odd types too: stress accents, curly apostrophes, capitals, no-break spaces,
new types) and the same hits and referents through the real pipeline.
"""

from __future__ import annotations

import dataclasses

import pytest
from spacy.attrs import LOWER

from trustlex.matching.scan import Engine
from trustlex.pipeline import scoring_engine

TEXTS = {
    "en": [
        "Management doesn\u2019t care and HR is NOT honest.",
        "The\u00a0manager is\u00a0honest, unlike HR, who lies to the customers.",
        "I don't trust Qzxvnewcorp management or its qzxv-leadership.",
        "Pros: great team\nCons: distant management, low pay, the TL never listens",
        "Upper management  lies\tand the board of directors does not care about integrity.",
    ],
    "nl": [
        "Er is g\u00e9\u00e9n vertrouwen in de directie.",
        "De leidinggevende\u00a0luistert niet, HR wel, maar het MT liegt.",
        "De qzxvgemeente communiceert slecht met de bewoners.",
        "HR 12 maart 2019 oordeelde dat de werkgever verantwoordelijk is.",
        "De raad van bestuur is niet transparant en de Belastingdienst/Douane liegt.",
    ],
}

_FIELDS = ("referent", "referent_text", "referent_how", "referent_dist")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_scan_tuples_hold_the_words_of_the_referent_index(lang):
    nlp, engine = scoring_engine(lang)
    index, cache = engine.referents, engine.index.type_cache
    for text in TEXTS[lang]:
        doc = nlp.make_doc(text)
        engine.scan(doc)  # decides the new types and teaches them to the referent index
        raw = doc.to_array(LOWER).tolist()
        lowers = engine.index.canonical_lowers(raw)
        index.learn(set(lowers).difference(index.seen))
        assert [cache[low][-1] for low in raw] == [index.words[low] for low in lowers], text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_referents_from_the_scan_tuples_equal_those_from_the_dict(lang, monkeypatch):
    nlp, engine = scoring_engine(lang)
    seen: list = []
    attribute = type(engine.referents).attribute

    def spy(self, hits, doc, bounds, lowers, lemmas, parsed=True, learned=False, types=None, text=None):
        assert types is not None  # the scan passes its tuples
        plain = [dataclasses.replace(h) for h in hits]  # the hits before attribution
        attribute(self, plain, doc, bounds, lowers, lemmas, parsed, learned)  # words from the dict
        attribute(self, hits, doc, bounds, lowers, lemmas, parsed, learned, types, text)
        seen.append((hits, plain))

    monkeypatch.setattr(type(engine.referents), "attribute", spy)
    named = 0
    for text in TEXTS[lang]:
        seen.clear()
        hits, _, _ = Engine.scan(engine, nlp.make_doc(text))
        assert hits, text
        assert len(seen) == 1
        got, plain = seen[0]
        assert got is hits
        for a, b in zip(got, plain, strict=True):
            assert (a.start, a.end, a.entry.id, a.valence) == (b.start, b.end, b.entry.id, b.valence)
            assert [getattr(a, f) for f in _FIELDS] == [getattr(b, f) for f in _FIELDS], text
            named += a.referent != "none"
    assert named >= 4
