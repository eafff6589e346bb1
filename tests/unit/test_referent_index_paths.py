"""The short cuts of referent attribution find what the plain look-ups find (round 27's speed work).

The index finds a sentence's mention tokens and clause ends in one pass over
the token ids, skips sentences whose only taxonomy words end phrases that do
not end there (:func:`~trustlex.matching.mentions.ends_phrase`), and
:func:`~trustlex.matching.mentions.find_mentions` tests a neighbouring word
before it compares a phrase or an ``exclude`` phrase. Each row here goes
through the real pipeline; the expected mentions come from the taxonomy's
phrases and exclude phrases compared word by word, and the expected
referents from the plain rules, which look at every word.
"""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER

from tests.referent_rows import plain_referent
from trustlex.matching.mentions import (
    Mention,
    _as_written,
    _longest,
    ends_phrase,
    find_mentions,
    phrase_table,
    word_info,
)
from trustlex.matching.referents import distance
from trustlex.pipeline import scoring_engine

# sentences with a hit whose only taxonomy words end phrases ("of", "culture", "office", "up"), with
# phrases that end there or not, exclude phrases beside a term, and terms on lines of their own
SENTENCES = {
    "en": [
        "The culture of this place is toxic and nobody is honest.",
        "Lack of trust is the culture here.",
        "Upper management lies and senior leadership does not care.",
        "The head of the department is honest, the office manager is not.",
        "Time management is poor, but my manager is supportive.",
        "Risk management failed and the company culture suffers from distrust.",
        "Pros: honest people\nCons: upper management does not listen to the team members",
        "They keep changing things up and there is no accountability whatsoever.",
        "The chief of staff lies, the board of directors does not care about integrity.",
        "Customer service is rude but the store manager is honest with the customers.",
        "The TL is honest but the ELT does not communicate.",
        "My team lead is honest and supportive.",
        "The higher ups do not communicate at all.",
        "The school board is not transparent.",
    ],
    "nl": [
        "Er is geen vertrouwen in de leiding van de afdeling.",
        "De raad van bestuur communiceert slecht met het personeel.",
        "Het openbaar ministerie handelt integer, de afdeling niet.",
        "Vertrouwen is onzichtbaar.\nDe HR-afdeling communiceert slecht met de medewerkers.",
        "Het college van burgemeester en wethouders is niet transparant.",
        "De Autoriteit Consument en Markt houdt toezicht op de naleving.",
        "Ik vertrouw mijn teamleider niet, het MT is eerlijk.",
        "De rechterlijke macht is onafhankelijk en integer.",
        "Human resources communiceert niet transparant.",
        "De raad van toezicht controleert onvoldoende.",
    ],
}


def _naive_mentions(words: list[str], texts: list[str], tax) -> list:
    """Mentions as find_mentions defines them, each phrase and exclude phrase compared word by word."""
    cands, phrases = [], False
    for i, w in enumerate(words):
        info = word_info(tax, w, None)
        if not info:
            continue
        single, ends, cased = info
        if ends:
            best = None  # the longest phrase ending here; of the same phrase twice, the first referent
            for phrase, ref in tax.phrases.get(w, ()):
                k = len(phrase)
                if i + 1 >= k and tuple(words[i - k + 1 : i + 1]) == phrase and (best is None or k > best[0]):
                    best = (k, ref)
            if best is not None:
                cands.append(Mention(i - best[0] + 1, i + 1, best[1]))
                phrases = True
        if cased is not None and _as_written(texts[i], cased[0]):
            cands.append(Mention(i, i + 1, cased[1]))
        elif single is not None:
            cands.append(Mention(i, i + 1, single))
    found = _longest(cands) if phrases else cands
    # an exclude phrase covering the whole mention cancels it
    return [
        m
        for m in found
        if not any(
            tuple(words[a : a + len(p)]) == p
            for p in tax.exclude
            for a in range(max(0, m.end - len(p)), m.start + 1)
        )
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_mentions_equal_word_by_word_comparison(lang):
    nlp, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    seen = 0
    for text in SENTENCES[lang]:
        doc = nlp.make_doc(text)
        lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        words = [nlp.vocab.strings[x] for x in lowers]
        texts = [t.text for t in doc]
        got = find_mentions(words, None, tax, texts=texts, table=phrase_table(tax))
        want = _naive_mentions(words, texts, tax)
        if tax.rules.courts:  # the court rule rewrites some mentions afterwards: left out of the comparison
            got = [m for m in got if words[m.start] not in tax.rules.courts]
            want = [m for m in want if words[m.start] not in tax.rules.courts]
        assert got == want, text
        seen += len(got)
    assert seen >= 8


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_ends_phrase_is_whether_a_phrase_mention_ends_there(lang):
    nlp, engine = scoring_engine(lang)
    tax, index = engine.referents.taxonomy, engine.referents
    table = phrase_table(tax)
    found = missed = 0
    for text in SENTENCES[lang]:
        doc = nlp.make_doc(text)
        ids = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        index.learn(set(ids).difference(index.seen))
        words = [index.words[x] for x in ids]
        for i, w in enumerate(words):
            info = word_info(tax, w, None)
            if not (info and info[1]):
                continue
            # a phrase mention ends at i when the word-by-word look-up finds one of the phrases ending in w
            want = any(
                i + 1 >= len(p) and tuple(words[i - len(p) + 1 : i + 1]) == p for p, _ in tax.phrases[w]
            )
            assert ends_phrase(index.words, ids, [i], table) == want, (text, w)
            found += want
            missed += not want
    assert found
    assert missed


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_index_short_cuts_agree_with_the_plain_rules(lang):
    # the engine's index (one pass for mention tokens and clause ends, sentences of phrase ends only
    # skipped) against the plain functions, which look at every word: every hit gets the same referent
    nlp, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    named = nobody = 0
    for text in SENTENCES[lang]:
        doc = nlp.make_doc(text)
        hits, sents, _ = engine.scan(doc)
        assert hits, text
        lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        for hit in hits:
            lo, hi = sents.sentence(hit.sent)
            want, m = plain_referent(nlp, tax, doc, hit, lo, hi, lowers)
            assert (hit.referent, hit.referent_text, hit.referent_how) == want, (text, hit.entry.concept)
            if m is not None:
                assert hit.referent_dist == distance(hit.start - lo, hit.end - lo, m)
                named += 1
            else:
                nobody += 1
    assert named >= 5
    assert nobody >= 1
