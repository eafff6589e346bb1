"""score_texts(model=...)'s sentences as flat arrays give the features and text of the per-sentence build."""

from __future__ import annotations

import numpy as np
import pytest

from trustlex.matching.records import Offsets, trimmed, unit_records
from trustlex.models import default_model
from trustlex.models.features import Scanned, word_hashes
from trustlex.models.sentences import SentenceScan
from trustlex.pipeline import scoring_engine

TEXTS = {
    "en": [
        "I do not trust my manager.  Communication is open!\n\nThe pay is fine",
        "   ",
        "",
        "Management doesn't care about us. HR is helpful, but nobody listens.\n",
        "Great team - no micromanagement; honest feedback.",
    ],
    "nl": [
        "Ik vertrouw mijn leidinggevende niet. Er is geen communicatie.\n\nDe sfeer is goed.",
        "Goede samenwerking met collega's, maar het management luistert niet",
    ],
}


def _both(code: str) -> tuple[SentenceScan, Scanned, list[tuple]]:
    """The texts' sentences kept both ways: flat (as score_texts now) and per sentence (as before)."""
    nlp, engine = scoring_engine(code, None)
    flat, per_sentence, spans = SentenceScan(), Scanned(), []
    for doc_id, text in enumerate(TEXTS[code]):
        doc = nlp.make_doc(text)
        hits, sents, _n = engine.scan(doc)
        starts = sents.starts if len(doc) else []
        first = flat.add(doc, starts, doc_id, code, 0, text, 5)
        units: list[list[tuple[str, str]]] = [[] for _ in starts]
        for record in unit_records(doc, hits, sents, engine.min_weight, text, {}) if hits else []:
            units[record["sent_id"]].append((record["concept"], record["valence"]))
            flat.found.append((first + record["sent_id"], record["concept"], record["valence"]))
        negated = [(h.sent, h.entry.concept) for h in hits if h.cue_kind == "negation"]
        flat.negated.extend((first + k, c) for k, c in negated)
        bounds = [sents.sentence(k) for k in range(len(starts))]
        offsets = Offsets(doc)
        for k, (lo, hi) in enumerate(bounds):
            per_sentence.add(word_hashes(doc, bounds)[k], units[k], [c for s, c in negated if s == k])
            start, end = trimmed(text, *offsets.span(lo, hi))
            spans.append((doc_id, code, k, text[start:end], start + 5, end + 5))
    return flat, per_sentence, spans


@pytest.mark.parametrize("code", ["en", "nl"])
def test_flat_sentences_give_the_features_of_the_per_sentence_build(code):
    flat, per_sentence, _ = _both(code)
    assert len(flat) == len(per_sentence) > len(TEXTS[code])
    words, lengths = flat.words()
    assert [list(map(int, w)) for w in np.split(words, np.cumsum(lengths)[:-1])] == [
        list(w) for w in per_sentence.words
    ]
    model = default_model()
    got, expected = flat.features(model), model.features_of(per_sentence)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0  # exactly equal, not only close
    assert flat.lexicon().any()  # the lexicon's decisions and negations are there to compare


@pytest.mark.parametrize("code", ["en", "nl"])
def test_a_sentence_s_text_and_offsets_are_those_of_its_tokens(code):
    flat, _, spans = _both(code)
    assert [flat.fields(i) for i in range(len(flat))] == spans
    assert flat.codes() == [code] * len(flat)
