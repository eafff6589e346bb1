"""The faster paths of the scan (round 26) against what they replaced: the same hits, valences and referents.

Each test runs real sentences through the shipped lexicons and checks an
invariant the old code kept: sentence rows made of exactly the match rows of
their sentence and concept, context that acts within a sentence whatever
else the doc holds, a count skipped only where nobody reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import trustlex
from trustlex.lexicon import Cue, Entry, load_context_file
from trustlex.matching.context import CueHit, Target
from trustlex.matching.coordination import coordinated_cues
from trustlex.matching.units import Hit, collapse
from trustlex.pipeline import scoring_engine

EN = [
    "I do not trust management and my manager lies to us.",
    "Management is not transparent, they do not listen to your concerns or care about you.",
    "Maybe the leadership is honest, but HR is not helpful and nobody takes responsibility.",
    "Great culture, honest leadership, no communication and no trust in the CEO.",
    "My boss is honest and honest again, and he supports me.",
    "No communication and management lies.",
    "Nobody listens and we are ignored, no respect, no support from senior leadership.",
    "They don't care about work ethic and there is no accountability for poor culture.",
]
NL = [
    "Ik vertrouw de directeur en het bestuur niet.",
    "Geen communicatie en de directie liegt.",
    "De manager is eerlijk, maar de directie liegt en er is géén transparantie.",
    "Ik vertrouw hem, hij komt niet, en de communicatie is slecht.",
    "Niemand neemt verantwoordelijkheid en de directie liegt over de integriteit van het bestuur.",
    "Er is geen gebrek aan communicatie en de leiding is betrouwbaar en eerlijk.",
]


@pytest.mark.parametrize(("lang", "sentences"), [("en", EN), ("nl", NL)])
def test_sentence_rows_are_made_of_their_match_rows(lang, sentences):
    text = " ".join(sentences)
    matches = trustlex.score_texts([text], lang=lang, level="match")
    rows = trustlex.score_texts([text], lang=lang, level="sentence")
    assert len(rows) >= len(sentences)  # several concepts and hits per sentence: the paths are exercised
    for row in rows.itertuples():
        own = matches[(matches.sent_id == row.sent_id) & (matches.concept == row.concept)]
        assert row.n_matches == len(own)
        assert row.terms == "; ".join(own.text)
        assert row.entry_ids == "; ".join(dict.fromkeys(own.entry_id))
        assert row.hedged == bool(own.hedged.any())
        named = own[(own.referent != "none") & (own.valence == row.valence)]
        if named.empty:
            assert (row.referent, row.referent_how) == ("none", "none")
        else:
            assert row.referent in set(named.referent)
        assert text[row.start_char : row.end_char] == row.sentence


@pytest.mark.parametrize(("lang", "sentences"), [("en", EN), ("nl", NL)])
def test_context_in_a_long_doc_is_that_of_each_sentence_alone(lang, sentences):
    # many hits and cues in one doc: the pointers over hits and cues must find what a sentence alone finds
    doc = trustlex.score_texts([" ".join(sentences * 3)], lang=lang, level="match")
    alone = trustlex.score_texts(sentences, lang=lang, level="match")
    keys = ["text", "concept", "valence", "cue", "cue_kind", "hedge"]
    per_sentence = [list(map(tuple, g[keys].values)) for _, g in alone.groupby("doc_id", sort=True)]
    in_doc = [list(map(tuple, g[keys].values)) for _, g in doc.groupby("sent_id", sort=True)]
    assert in_doc == per_sentence * 3


@pytest.mark.parametrize(
    ("lang", "sentence", "term"),
    [
        ("en", "No communication and management lies.", "lies"),
        ("nl", "Geen communicatie en de directie liegt.", "liegt"),
    ],
)
def test_a_negation_stays_with_the_earlier_hit_in_a_long_doc(lang, sentence, term):
    # the earlier hits of the sentence (found by a pointer) spend the negation: the lie stays a lie
    others = EN if lang == "en" else NL
    doc = trustlex.score_texts([" ".join([*others, sentence] * 3)], lang=lang, level="match")
    lies = doc[doc.text == term]
    assert len(lies) >= 3
    assert set(lies.valence) == {"-"}


def test_scan_rows_skips_the_sentence_count_only_when_asked():
    from trustlex.frame import scan_rows

    nlp, engine = scoring_engine("en")
    text = "I do not trust management.\n\nMy manager is honest.\n"
    doc = nlp.make_doc(text)
    counted = scan_rows(engine, doc, text, {}, "sentence")
    skipped = scan_rows(engine, nlp.make_doc(text), text, {}, "sentence", count_sents=False)
    assert skipped[0] == counted[0]
    assert skipped[1] == counted[1]
    assert (counted[2], skipped[2]) == (2, 0)
    # a long document scored in blocks still numbers its sentences on across blocks
    long = trustlex.score_texts([" ".join([text] * 4000)], lang="en", level="sentence")
    assert long.sent_id.is_monotonic_increasing
    assert long.sent_id.max() >= 4000


def test_collapse_counts_an_entry_once_at_its_strongest_and_sums_valences():
    weak = Entry(id="w", concept="communication", valence="+", kind="term", value="overleg", weight=0.5)
    other = Entry(id="o", concept="communication", valence="-", kind="term", value="stilte", weight=0.5)
    said_twice = [(0, "communication", "+", 0.5, Hit(k, k + 1, weak)) for k in (0, 3)]
    assert collapse(said_twice, 1.0) == []  # one weak entry twice is still weak evidence
    both = [*said_twice, (0, "communication", "-", 0.5, Hit(5, 6, other))]
    (row,) = collapse(both, 1.0)
    assert (row["weight"], row["valence"], row["n_matches"]) == (1.0, "+", 3)  # + sums 1.0 against - 0.5
    keys = collapse([(1, "trust", "0", 0.0, "a"), (1, "trust", "0", 1.0, None)], 1.0)
    assert [(r["sent"], r["weight"]) for r in keys] == [(1, 1.0)]


def test_coordinated_cues_hands_back_the_same_list_when_no_negation_changes():
    clauses = load_context_file(Path(__file__).resolve().parents[2] / "lexicons/en/context.toml").clauses
    neg = Cue(kind="negation", direction="preceding", max_scope=4)
    pos = Cue(kind="positive", direction="preceding", max_scope=3)
    words = "they really do not listen to your concerns or care about you".split()
    target = Target(9, 12, "benevolence", "+")  # "care about you"
    near = [CueHit(1, 2, pos)]
    assert coordinated_cues(near, target, words, len(words), clauses) is near
    mixed = [CueHit(1, 2, pos), CueHit(3, 4, neg), CueHit(12, 13, pos)]
    out = coordinated_cues(mixed, target, words, len(words), clauses)
    assert [c.start for c in out] == [1, 3, 12]
    assert out[0] is mixed[0]
    assert out[2] is mixed[2]
    assert out[1].cue.max_scope == 5
    assert mixed[1].cue.max_scope == 4


@pytest.mark.parametrize(("lang", "sentences"), [("en", EN), ("nl", NL)])
def test_new_word_types_give_the_hits_of_known_ones(lang, sentences):
    # a doc holding types the engine has not seen takes the KeyError path of Engine.scan (its types are
    # decided then); the same doc again reads them all from the cache
    nlp, engine = scoring_engine(lang)
    for k, sentence in enumerate(sentences):
        text = f"{sentence} Qzxv{k}wordnotseen{lang} en zo."
        new = nlp.make_doc(text)
        assert any(t.lower not in engine.index.type_cache for t in new)
        first, _, words = engine.scan(new)
        again, _, words_again = engine.scan(nlp.make_doc(text))
        assert all(t.lower in engine.index.type_cache for t in new)
        key = [(h.entry.id, h.start, h.end, h.valence, h.cues, h.referent) for h in first]
        assert key == [(h.entry.id, h.start, h.end, h.valence, h.cues, h.referent) for h in again]
        assert words == words_again
        assert key
