"""The gate before ``word_info`` in ``ReferentIndex.learn`` (round 30's speed work) drops no mention word.

On a first pass the index learns thousands of new word types; it now asks
:func:`~trustlex.matching.referent_index.mention_gate`'s cheap tests (a term,
a phrase's last word, a cased term, a hyphen, a slash, a wildcard's prefix or
suffix) before :func:`~trustlex.matching.mentions.word_info`. These tests
hold the gate to ``word_info`` word by word, what ``learn`` records to what
``info`` finds type by type, and the referents of new word types (wildcard
compounds, hyphen and slash compounds, cased terms, phrase ends) through the
real pipeline to the plain rules.
"""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER

from tests.referent_rows import plain_referent
from trustlex.matching.mentions import MIN_STEM, word_info
from trustlex.matching.referent_index import ReferentIndex, mention_gate
from trustlex.pipeline import scoring_engine

# unseen word types (invented compounds) next to known ones: learn() meets them on the scan
SENTENCES = {
    "en": [
        "The qxz-management team does not communicate and HR/qxzops lies.",
        "Our TL is honest but the qxzdept manager does not care.",
        "The head of qxzsales is transparent, the board of directors is not.",
        "Upper management never listens and the ELT is dishonest.",
    ],
    "nl": [
        "De qxzgemeente communiceert slecht en de qxzdirectie liegt.",
        "Het qxz-personeel vertrouwt de HR/qxzteam niet.",
        "De raad van bestuur is niet transparant, het MT wel.",
        "De qxzinspecteurs handelen integer, de qxzbond niet.",
    ],
}


def _gated(gate: tuple, word: str) -> bool:
    terms, prefixes, suffixes = gate
    return (
        word in terms
        or "-" in word
        or "/" in word
        or bool(prefixes and word.startswith(prefixes))
        or bool(suffixes and word.endswith(suffixes))
    )


def _words(lang: str) -> set[str]:
    """Words of the taxonomy, their compounds, affix neighbours and the sentences' tokens."""
    nlp, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    base = set(tax.words) | set(tax.phrases) | set(tax.cased) | set(tax.lemmas)
    for phrases in tax.phrases.values():
        for phrase, _ in phrases:
            base.update(phrase)
    stem = "x" * MIN_STEM
    words = set(base)
    words.update(p + stem for p in tax.prefixes)
    words.update(stem + s for s in tax.suffixes)
    words.update(p + "x" for p in tax.prefixes)  # too short a stem: no wildcard match
    words.update(w[1:] for w in base if len(w) > 1)
    words.update(w + "s" for w in base)
    for w in list(base)[:200]:
        words.update({f"{w}-x", f"x-{w}", f"{w}/x", f"x/{w}", f"-{w}", f"{w}/"})
    for text in SENTENCES[lang]:
        words.update(t.lower_ for t in nlp.make_doc(text))
    return words


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_gate_shuts_out_only_words_without_info(lang):
    _, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    gate = mention_gate(tax)
    shut = kept = 0
    for word in _words(lang):
        if _gated(gate, word):
            kept += 1
        else:
            assert word_info(tax, word, None) is None, word
            shut += 1
    assert shut >= 10
    assert kept >= 100


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_learn_records_what_info_finds_per_type(lang):
    nlp, engine = scoring_engine(lang)
    strings = nlp.vocab.strings
    types = set()
    for text in SENTENCES[lang]:
        types.update(engine.index.canonical_lowers(nlp.make_doc(text).to_array(LOWER).tolist()))
    for word in _words(lang):
        types.add(strings.add(word))
    learnt = ReferentIndex(None, strings, lang)
    learnt.learn(types)
    plain = ReferentIndex(None, strings, lang)
    live = set()
    for low in types:
        info = plain.info(low)
        assert learnt.cache.get(low, ()) == info  # a type the gate shuts out has no entry: ()
        if info:
            live.add(low)
            assert (low in learnt.solid) == (info[0] is not None or info[2] is not None)
            # a unit's word ("directie") too: its text and the next one's tell a name (rules.units)
            unit = strings[low].lower() in learnt.taxonomy.rules.units
            assert (low in learnt.cased) == (info[2] is not None or unit)
    assert learnt.live == live
    assert live.issubset(learnt.either)
    assert len(live) >= 20


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_new_word_types_get_the_referents_of_the_plain_rules(lang):
    nlp, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    named = 0
    for text in SENTENCES[lang]:
        doc = nlp.make_doc(text)
        hits, sents, _ = engine.scan(doc)
        assert hits, text
        lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        for hit in hits:
            lo, hi = sents.sentence(hit.sent)
            want, m = plain_referent(nlp, tax, doc, hit, lo, hi, lowers)
            named += m is not None
            assert (hit.referent, hit.referent_text, hit.referent_how) == want, (text, hit.entry.concept)
    assert named >= 4


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_learn_from_the_scans_texts_records_what_learn_from_ids_does(lang):
    # the scan teaches the index each type's id with its text (read off its per-type tuple): the
    # same mention words, clause boundaries and line breaks as ids alone, decoded from the strings
    nlp, engine = scoring_engine(lang)
    strings = nlp.vocab.strings
    types = set()
    for text in [*SENTENCES[lang], "Pros:\n\nGreat team, but - honestly - HR; (and) the CEO?"]:
        types.update(engine.index.canonical_lowers(nlp.make_doc(text).to_array(LOWER).tolist()))
    for word in _words(lang):
        types.add(strings.add(word))
    by_ids = ReferentIndex(None, strings, lang)
    by_ids.learn(types)
    by_texts = ReferentIndex(None, strings, lang)
    by_texts.learn({low: strings[low] for low in types})
    for name in ("live", "marks", "breaks", "solid", "cased", "seen", "words", "cache"):
        assert getattr(by_texts, name) == getattr(by_ids, name), name
    assert by_texts.marks
    assert by_texts.breaks
    assert by_texts.live
    plain = strings.add("honestly")  # in no term: the gate shuts it out, and info() still answers ()
    assert plain in types
    assert plain not in by_texts.cache
    assert by_texts.info(plain) == ()
