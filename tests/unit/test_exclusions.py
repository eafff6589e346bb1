"""An entry's ``exclude`` phrases (trustlex.matching.exclusions) against a plain reading of the rule.

:meth:`Exclusions.excluded` files phrases by one word each and refuses a match
at once when none of those words is near it; the answer must be the plain
rule's: some phrase of the entry, within the match's sentence, overlaps it.
"""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER

from trustlex.matching.exclusions import Exclusions
from trustlex.pipeline import scoring_engine


def _plain(ex: Exclusions, r, lowers, sent_of) -> bool:
    start, end, idx = r
    for phrase in ex[idx]:
        k = len(phrase)
        for s in range(len(lowers) - k + 1):
            if s >= end or s + k <= start or len({sent_of[j] for j in range(s, s + k)}) > 1:
                continue
            if all(
                lowers[s + j] == t if type(t) is int else ex.strings[lowers[s + j]].startswith(t)
                for j, t in enumerate(phrase)
            ):
                return True
    return False


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_excluded_is_the_plain_rule_on_the_phrases_of_shipped_entries(lang):
    nlp, engine = scoring_engine(lang)
    ex = engine.index.exclusions
    assert isinstance(ex, dict)
    assert len(ex) > 20
    said = {True: 0, False: 0}
    for idx in list(ex)[:150]:
        entry = engine.entries[idx]
        # the phrases themselves, then the entry's own examples: some matches excluded, some not
        texts = [*entry.exclude[:4], *entry.examples[:2], " ".join(entry.exclude[:2]) + ". Nothing else."]
        for text in texts:
            doc = nlp(text)
            lowers = doc.to_array(LOWER).tolist()
            sent_of = [0] * len(doc)
            for k, sent in enumerate(doc.sents):
                sent_of[sent.start : sent.end] = [k] * len(sent)
            for start in range(len(doc)):
                for end in (start + 1, min(len(doc), start + 2)):
                    r = (start, end, idx)
                    got = ex.excluded(r, lowers, sent_of)
                    assert got == _plain(ex, r, lowers, sent_of), (entry.id, text, start, end)
                    said[got] += 1
    assert said[True] > 100
    assert said[False] > 100


def test_entries_without_phrases_are_not_in_it():
    _, engine = scoring_engine("en")
    ex = engine.index.exclusions
    plain = [i for i, e in enumerate(engine.entries) if not e.exclude]
    assert plain
    assert not any(i in ex for i in plain)
    assert all(i in ex for i, e in enumerate(engine.entries) if e.exclude)
