"""Tokenizer searches remembered per string (affixes.Remembered): the same tokens, hits and referents.

spaCy calls each search through ``dict.__getitem__``; a string not seen
before goes to the faster search behind it. Each test runs real text through
the shipped pipeline or spaCy's own expressions and compares with what the
searches give unremembered.
"""

from __future__ import annotations

import copy
import random
import re

import pytest
import spacy
from spacy.tokenizer import Tokenizer

from trustlex.lang.affixes import Remembered, TailSearch, regex_of
from trustlex.lang.gates import InfixGate, UrlGate
from trustlex.pipeline import scoring_engine

NAMES = ("prefix_search", "suffix_search", "infix_finditer", "url_match")

# awkward strings: double spaces, tabs, no-break spaces, accents, URLs, abbreviations, emoticons, capitals,
# specials early in a text (spaCy's own cache then keeps nothing of it), and a long unpunctuated text
AWKWARD = {
    "en": [
        "Mgmt. doesn't  care;\tthey LIED to us\u00a0again. I don't trust   them (at all)!!",
        "See https://www.example.com/trust?x=1&y=2 or hr@corp.com :-) ;) :( <3 e.g. Mr. Smith vs. Dr. Jones",
        "-Poor management\n-Great people\n\u2022No trust, management(no communication) employee(s) [sic]",
        "THEY DON'T CARE. WE CAN'T TRUST IT, ISN'T IT? It's 25% better... really?! 'fair' \"honest\" 10km",
        "I don't trust my manager, he is not honest and the company is not reliable at all.",
        " ".join(["the managers lied to us and we do not trust them and nobody is reliable"] * 20),
    ],
    "nl": [
        "Dhr. J. de Vries c.q. mevr. A.B. Jansen: ik vertrouw hem níet,\tze zijn géén  betrouwbare partij!",
        "Zie https://www.overheid.nl/wet?id=3&x=4 (Stb. 2019, 123) of info@bol.com :) ;-) risico\u2019s",
        "Het e-mailadres, 2024-01-05 om 14:30u; BV. ART. 3 HR. de Minister v. BZK, o.a. 's avonds wat?!\n",
        "IK VERTROUW DE OVERHEID NIET. GEEN INTEGRITEIT!!! De gemeente is niet eerlijk... echt niet.",
        "Ik vertrouw de politie niet, want zij liegen en de overheid is onbetrouwbaar.",
        " ".join(["de overheid liegt en wij vertrouwen ze niet en niemand is betrouwbaar"] * 20),
    ],
}


def _plain(tok: Tokenizer) -> Tokenizer:
    """The same tokenizer with spaCy's own expressions: no faster search, no memory."""
    return Tokenizer(
        tok.vocab,
        rules=tok.rules,
        prefix_search=regex_of(tok.prefix_search).search,
        suffix_search=regex_of(tok.suffix_search).search,
        infix_finditer=regex_of(tok.infix_finditer).finditer,
        token_match=tok.token_match,
        url_match=regex_of(tok.url_match).match,
    )


def _hits(engine, doc) -> list[tuple]:
    hits, sents, n_words = engine.scan(doc)
    rows = [(h.start, h.end, h.entry.concept, h.valence, h.cue, h.referent, h.referent_text) for h in hits]
    return [*rows, ("sentences", tuple(sents.starts), n_words)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_scoring_tokenizer_remembers_and_gives_spacys_tokens_hits_and_referents(lang):
    nlp, engine = scoring_engine(lang)
    tok = nlp.tokenizer
    # or this proves nothing; the URL gate is not remembered (a miss cost more than its search)
    assert all(isinstance(getattr(tok, n).__self__, Remembered) for n in NAMES if n != "url_match")
    assert isinstance(tok.url_match.__self__, UrlGate)
    plain = _plain(tok)
    # the awkward texts and every review of the samples, three times: new strings, then remembered ones
    for text in AWKWARD[lang] * 3:
        doc, want = nlp.make_doc(text), plain(text)
        assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in want], text
        assert _hits(engine, doc) == _hits(engine, want), text
    assert sum(_hits(engine, nlp.make_doc(t))[:-1] != [] for t in AWKWARD[lang]) >= 3  # hits were compared
    remembered = tok.suffix_search.__self__
    assert remembered
    assert all(isinstance(k, str) for k in remembered)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_remembered_searches_find_what_spacys_expressions_find_and_restart_when_full(lang):
    spacys = spacy.blank(lang).tokenizer
    prefix, suffix = regex_of(spacys.prefix_search), regex_of(spacys.suffix_search)
    infix, url = regex_of(spacys.infix_finditer), regex_of(spacys.url_match)
    searches = {
        "prefix": (Remembered(prefix.search, prefix.pattern, max_size=50), prefix.search),
        "suffix": (Remembered(TailSearch(suffix).search, suffix.pattern, max_size=50), suffix.search),
        "url": (Remembered(UrlGate.build(url).match, url.pattern, max_size=50), url.match),
    }
    infixes = Remembered(InfixGate.build(infix).finditer, infix.pattern, many=True, max_size=50)
    rng = random.Random(5)
    alphabet = "abcéíXYZ019.,;:!?…'\"()[]%$€-\u2013/\n\u00a0@#+*"
    words = [w for text in AWKWARD[lang] for w in text.split()]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))) for _ in range(400)]
    for word in words + words:  # the second time from memory (or afresh: at most 50 kept)
        for memory, search in searches.values():
            got, want = memory[word], search(word)
            assert (got and got.span()) == (want and want.span()), word
            assert memory[word] is got or len(memory) == 1  # the same answer, unless it just restarted
        assert [m.span() for m in infixes[word]] == [m.span() for m in infix.finditer(word)], word
        assert isinstance(infixes[word], tuple)  # can be read more than once
    assert all(len(memory) <= 50 for memory, _ in searches.values())


def test_a_copy_starts_empty_with_the_same_search_and_pattern():
    regex = re.compile(r"\.$|\)$")
    memory = Remembered(regex.search, regex.pattern, max_size=7)
    assert memory["mgmt."].span() == (4, 5)
    again = copy.deepcopy(memory)
    assert (len(again), again.pattern, again.max_size, again.many) == (0, regex.pattern, 7, False)
    assert again["(ja)"].span() == (3, 4)
    assert again["ja"] is None


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_saved_scoring_tokenizer_stores_spacys_expressions(lang):
    nlp, _ = scoring_engine(lang)
    again = spacy.blank(lang)
    again.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    for name in NAMES:
        loaded = getattr(again.tokenizer, name).__self__
        assert isinstance(loaded, re.Pattern)
        assert loaded.pattern == regex_of(getattr(nlp.tokenizer, name)).pattern
    for text in AWKWARD[lang]:
        assert [t.text for t in again(text)] == [t.text for t in nlp.make_doc(text)]
