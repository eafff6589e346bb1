"""The short cuts of round 29's speed work give the referents the rules gave before them.

Each short cut skips a call whose answer is known: :func:`settled` only for
the parties its rules may rename, :func:`leading` only beside another party,
:func:`addressed` only for parties in its reach, :func:`resumed` only across a
line break, ``_conjunct`` only for a gap of two words at most, and
:func:`named_parties` and :func:`uncontrasted` not for one mention alone. The
sentence index reads the words as a tuple (one token: a tuple of one), and
looks for concept-limited terms ("people") only where a mention starts with
the first word of one. The rows go through the real pipeline; their
referents are those of the code before these short cuts (commit ecd32ae).
"""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.attrs import LOWER

import trustlex
from trustlex.lexicon.referents import REFERENTS, Taxonomy
from trustlex.matching.mentions import Mention, named_parties
from trustlex.matching.referent_bosses import SETTLED, head_office, own_bosses, settled
from trustlex.matching.referent_index import ReferentIndex
from trustlex.matching.referent_qualities import described
from trustlex.pipeline import scoring_engine

# (lang, text, concept, valence, referent, referent_text, how), one row per hit
ROWS = [
    # leading(): a subject pair, the first wins; a party alone skips it
    ("en", "HR and management never listen to us.", "communication", "-", "hr", "HR", "pattern"),
    ("en", "Management never listens to us.", "communication", "-", "leadership", "Management", "pattern"),
    # addressed(): the customers lied to are no candidate; the nearest rule then looks past them
    (
        "en",
        "They lie to the customers all the time and management is dishonest.",
        "integrity",
        "-",
        "leadership",
        "management",
        "nearest",
    ),
    ("en", "Great job security for the customers.", "vulnerability", "-", "none", None, "none"),
    # resumed(): a pronoun opening the line takes up the party of the line before
    (
        "en",
        "The mayor is doing a great job\nHe appears to care for all",
        "benevolence",
        "+",
        "government",
        "mayor",
        "nearest",
    ),
    # a conjunct is no party of the hit; the pair's first word is
    ("en", "Bad management and office politics, no trust.", "norms", "-", "none", None, "none"),
    (
        "en",
        "Bad management and office politics, no trust.",
        "trust",
        "-",
        "leadership",
        "management",
        "nearest",
    ),
    # settled(): the head office, one's own bosses, employees described as colleagues
    (
        "en",
        "Corporate is distant and does not care.",
        "benevolence",
        "-",
        "leadership",
        "Corporate",
        "pattern",
    ),
    (
        "en",
        "Managers I worked with were awesome and supportive.",
        "benevolence",
        "+",
        "direct_manager",
        "Managers",
        "pattern",
    ),
    (
        "en",
        "The people here are friendly and the city does not care about its people.",
        "benevolence",
        "+",
        "colleagues",
        "people",
        "pattern",
    ),
    (
        "en",
        "The people here are friendly and the city does not care about its people.",
        "benevolence",
        "-",
        "government",
        "the city",
        "pattern",
    ),
    # felt(): the employees named beside the party that causes the pressure
    (
        "en",
        "Employees are stressed because management announced layoffs for all employees.",
        "vulnerability",
        "+",
        "employees",
        "Employees",
        "pattern",
    ),
    # the actor of a passive
    (
        "en",
        "We were treated unfairly by the company and HR lied.",
        "integrity",
        "-",
        "organisation",
        "the company",
        "pattern",
    ),
    (
        "en",
        "Pros: good pay\nCons: long hours, stressful, distant management",
        "vulnerability",
        "+",
        "none",
        None,
        "none",
    ),
    (
        "nl",
        "De directie en HR luisteren niet naar de medewerkers.",
        "communication",
        "-",
        "leadership",
        "directie",
        "pattern",
    ),
    ("nl", "De gemeente liegt tegen de burgers.", "integrity", "-", "government", "gemeente", "pattern"),
    ("nl", "Het personeel is eerlijk.", "integrity", "+", "none", None, "none"),
    (
        "nl",
        "Er is veel werkdruk voor de medewerkers, de leiding luistert niet.",
        "vulnerability",
        "+",
        "leadership",
        "de leiding",
        "nearest",
    ),
    # a sentence of one token that is both the hit and the mention: the words are a tuple of one
    ("nl", "Toezichthouder", "control", None, "government", "Toezichthouder", "pattern"),
]


# a sentence with two hits of one concept and valence has a row for each
ROWS += [
    (
        "en",
        "They lie to the customers all the time and management is dishonest.",
        "integrity",
        "-",
        "leadership",
        "management",
        "pattern",
    ),
    (
        "en",
        "Employees are stressed because management announced layoffs for all employees.",
        "vulnerability",
        "+",
        "employees",
        "employees",
        "pattern",
    ),
    ("en", "We were treated unfairly by the company and HR lied.", "integrity", "-", "hr", "HR", "pattern"),
]
EXPECTED: dict[tuple, set] = {}
for _lang, _text, _concept, _valence, *_got in ROWS:
    EXPECTED.setdefault((_lang, _text, _concept, _valence), set()).add(tuple(_got))


@pytest.mark.parametrize(("lang", "text", "concept", "valence"), list(EXPECTED))
def test_short_cuts_keep_the_referents(lang, text, concept, valence):
    frame = trustlex.score_texts([text], lang=lang, level="match")
    rows = frame[frame["concept"] == concept]
    if valence is not None:
        rows = rows[rows["valence"] == valence]
    got = {
        (r.referent, None if pd.isna(r.referent_text) else r.referent_text, r.referent_how)
        for r in rows.itertuples()
    }
    assert got == EXPECTED[(lang, text, concept, valence)], text


@pytest.mark.parametrize(
    "text",
    [
        "Corporate is distant, helpful employees and managers who i had, my manager is nice.",
        "The managers, unlike the staff and the customers, are kind; the city and HR are not.",
    ],
)
def test_settled_renames_no_party_outside_its_set(text):
    # every referent at every position and every concept: settled() equals its three rules in turn,
    # so a rule that starts renaming another party fails here until SETTLED names it
    words = text.lower().replace(",", " ,").replace(".", " .").replace(";", " ;").split()
    rules = scoring_engine("en")[1].referents.taxonomy.rules
    director = Mention(len(words) - 2, len(words) - 1, "direct_manager")
    renamed = set()
    for referent in REFERENTS:
        for k in range(len(words)):
            m = Mention(k, k + 1, referent)
            parties = [m, director] if k < director.start else [director, m]
            for concept in ("benevolence", "integrity", "communication", "vulnerability"):
                for start in range(len(words) - 1):
                    end = start + 1 if start + 1 != k else start + 2
                    plain = head_office(
                        own_bosses(described(m, start, end, concept, words, rules), parties, words, rules),
                        words,
                        rules,
                    )
                    assert settled(m, start, end, concept, parties, words, rules) == plain
                    if plain != m:
                        renamed.add(referent)
    assert renamed
    assert renamed <= SETTLED


def test_named_parties_keeps_one_mention_alone():
    for m in (Mention(3, 4, "employees"), Mention(0, 2, "leadership")):
        assert named_parties([m]) == [m]
        assert named_parties([m], [1, 5]) == [m]
    # two: the modifier of a compound drops, and the employees beside another party
    assert named_parties([Mention(0, 1, "hr"), Mention(1, 2, "leadership")]) == [Mention(1, 2, "leadership")]
    assert named_parties([Mention(0, 1, "employees"), Mention(3, 4, "leadership")]) == [
        Mention(3, 4, "leadership")
    ]


@pytest.mark.parametrize(
    ("lang", "word", "referent"), [("nl", "toezichthouder", "government"), ("en", "management", "leadership")]
)
def test_a_sentence_of_one_token(lang, word, referent):
    nlp, engine = scoring_engine(lang)
    doc = nlp.make_doc(word)
    lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
    got = engine.referents.sentence(doc, 0, 1, lowers, lowers)
    lo, parties, words = got[:3]
    assert (lo, words) == (0, (word,))
    assert parties == [Mention(0, 1, referent)]


def _row(h) -> tuple:
    return (h.entry.concept, h.referent, h.referent_text, h.referent_how)


def test_a_taxonomy_with_lemmas_goes_through_its_own_path():
    # a lemma term ("guild" for "guilds") makes the index look at every token by form and lemma
    # (ReferentIndex._by_lemma); the referents are ecd32ae's
    nlp, engine = scoring_engine("en")
    tax = Taxonomy("en")
    tax.add_term("guild", "colleagues", lemma=True)
    tax.add_term("management", "leadership")
    tax.add_term("upper management", "leadership")
    own = engine.referents
    engine.referents = ReferentIndex(tax, nlp.vocab.strings, "en")
    try:
        got = [
            [_row(h) for h in engine.scan(nlp.make_doc(t))[0]]
            for t in (
                "The guilds are honest, but management lies.",
                "Upper management lies\nthe guilds are honest.",
                "Honest guilds and a caring upper management.",
            )
        ]
    finally:
        engine.referents = own
    assert got == [
        [
            ("integrity", "colleagues", "guilds", "pattern"),
            ("integrity", "leadership", "management", "pattern"),
        ],
        [
            ("integrity", "leadership", "Upper management", "pattern"),
            ("integrity", "colleagues", "guilds", "pattern"),
        ],
        [
            ("integrity", "colleagues", "guilds", "pattern"),
            ("benevolence", "leadership", "upper management", "pattern"),
        ],
    ]
