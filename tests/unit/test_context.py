"""The ConText valence rules (trustlex.matching.context), row by row, without a spaCy pipeline.

Each row is a sentence written as words, the hit's tokens and base valence,
and the cues found in it; the expected valence, the applied cues (role and
words) and the hedge follow the rules of lexicons/README.md.
"""

from __future__ import annotations

import pytest

from trustlex.lexicon import Cue
from trustlex.matching.context import (
    LINE_END,
    CueHit,
    Target,
    apply_context,
    cue_distance,
    modified,
    one_per_slot,
)
from trustlex.matching.context_lines import starts_item

NEG = Cue(kind="negation", direction="both", max_scope=3)
NEG_BEFORE = Cue(kind="negation", direction="preceding", max_scope=3)
NEG_AFTER = Cue(kind="negation", direction="following", max_scope=3)
POS = Cue(kind="positive", direction="both", max_scope=3)
NEGATIVE = Cue(kind="negative", direction="both", max_scope=3)
NEGATIVE_BEFORE = Cue(kind="negative", direction="preceding", max_scope=4)
HEDGE = Cue(kind="hedge", direction="both", max_scope=3)
STOP = Cue(kind="termination", direction="both", max_scope=0)
PSEUDO = Cue(kind="pseudo", direction="both", max_scope=0)
ONLY_TRUST = Cue(kind="negation", direction="preceding", max_scope=3, concepts=frozenset({"trust"}))
NOT_TRUST = Cue(kind="negation", direction="preceding", max_scope=3, not_concepts=frozenset({"trust"}))
REQUEST = Cue(kind="negative", direction="preceding", max_scope=3, and_after=("nodig",))
ANCHOR = Cue(kind="anchor", direction="following", max_scope=3, terms=("nodig",))
MENTION = Cue(kind="mention", direction="both", max_scope=3)
LACKING = Cue(kind="mention", direction="both", max_scope=3, lacking=True)  # r18: the legal frame of a lack
OPENING_REQUEST = Cue(kind="negative", direction="preceding", max_scope=8, opens=True)
DISJUNCTIONS = frozenset(["of", "or", ","])  # a language's, as its context file's [clauses] gives them


def run(sentence, hit, valence, cues, concept="trust"):
    words = sentence.lower().split()
    start, end = hit
    out = apply_context(Target(start, end, concept, valence), [CueHit(*c) for c in cues], words, DISJUNCTIONS)
    applied = [(a.kind, " ".join(words[a.start : a.end])) for a in out.cues]
    hedge = " ".join(words[slice(*out.hedge)]) if out.hedge else None
    return out.valence, applied, hedge


# sentence, hit tokens, base valence, cues (start, end, cue), expected valence, applied cues, hedge
ROWS = [
    ("no trust", (1, 2), "+", [(0, 1, NEG)], "-", [("negation", "no")], None),
    ("trust no", (0, 1), "+", [(1, 2, NEG)], "-", [("negation", "no")], None),
    ("no risk", (1, 2), "-", [(0, 1, NEG)], "+", [("negation", "no")], None),
    ("no control", (1, 2), "0", [(0, 1, NEG)], "-", [("negation", "no")], None),
    # direction: a preceding-only cue after the hit, a following-only cue before it
    ("trust not", (0, 1), "+", [(1, 2, NEG_BEFORE)], "+", [], None),
    ("not trust", (1, 2), "+", [(0, 1, NEG_AFTER)], "+", [], None),
    # scope: three tokens between still reach, four do not
    ("no a b c trust", (4, 5), "+", [(0, 1, NEG)], "-", [("negation", "no")], None),
    ("no a b c d trust", (5, 6), "+", [(0, 1, NEG)], "+", [], None),
    # a terminator between cue and hit ends the scope; one outside it does not
    ("no , but trust", (3, 4), "+", [(0, 1, NEG), (2, 3, STOP)], "+", [], None),
    ("but no trust", (2, 3), "+", [(0, 1, STOP), (1, 2, NEG)], "-", [("negation", "no")], None),
    # cues that act on nothing themselves
    ("no doubt trust", (2, 3), "+", [(0, 2, PSEUDO)], "+", [], None),
    ("trust", (0, 1), "+", [(0, 1, NEG)], "+", [], None),  # a cue inside the hit is the entry's own
    # the nearest cue of a group wins
    ("never no trust", (2, 3), "+", [(0, 1, NEG), (1, 2, NEG)], "-", [("negation", "no")], None),
    # modifiers: a positive one lifts a neutral hit, a negative one lowers a neutral or positive hit
    ("good control", (1, 2), "0", [(0, 1, POS)], "+", [("positive", "good")], None),
    ("good risk", (1, 2), "-", [(0, 1, POS)], "-", [], None),
    ("eroded trust", (1, 2), "+", [(0, 1, NEGATIVE)], "-", [("negative", "eroded")], None),
    ("eroded risk", (1, 2), "-", [(0, 1, NEGATIVE)], "-", [], None),
    # a negative modifier before a nearer positive one governs: "eroding our great culture"
    (
        "eroding our great trust",
        (3, 4),
        "+",
        [(0, 1, NEGATIVE_BEFORE), (2, 3, POS)],
        "-",
        [("negative", "eroding")],
        None,
    ),
    # a negation scoping over a modifier before the hit flips the modified valence
    ("no real complaints", (2, 3), "-", [(0, 1, NEG), (1, 2, NEGATIVE)], "+", [("negation", "no")], None),
    # a negation on the hit's other side than the modifier negates the hit first
    (
        "no accountability for poor culture",
        (1, 2),
        "+",
        [(0, 1, NEG_BEFORE), (3, 4, NEGATIVE)],
        "-",
        [("negation", "no")],
        None,
    ),
    # a request that opens the line and holds the negation is the modifier: what it asks to stop is done now
    ("do n't lie to us", (2, 3), "-", [(0, 2, OPENING_REQUEST), (1, 2, NEG_BEFORE)], "-", [], None),
    (
        "do n't trust them",
        (2, 3),
        "+",
        [(0, 2, OPENING_REQUEST), (1, 2, NEG_BEFORE)],
        "-",
        [("negative", "do n't")],
        None,
    ),
    ("do not let them lie", (4, 5), "-", [(0, 2, OPENING_REQUEST), (1, 2, NEG_BEFORE)], "-", [], None),
    # a longer phrase before the hit that does not open the line leaves the negation its own
    (
        "do n't lie",
        (2, 3),
        "-",
        [(0, 2, NEGATIVE_BEFORE), (1, 2, NEG_BEFORE)],
        "+",
        [("negation", "n't")],
        None,
    ),
    # a negation right before a modifier after the hit is the modifier's own: "not encouraged"
    (
        "openness is not encouraged",
        (0, 1),
        "0",
        [(2, 3, NEG), (3, 4, POS)],
        "-",
        [("negative", "not encouraged")],
        None,
    ),
    (
        "openness not punished",
        (0, 1),
        "0",
        [(1, 2, NEG), (2, 3, NEGATIVE)],
        "+",
        [("positive", "not punished")],
        None,
    ),
    # ... unless a disjunction stands between them: "geen of onvoldoende"
    # (there the negation, after the hit, negates the modified valence)
    (
        "verantwoording geen of onvoldoende",
        (0, 1),
        "0",
        [(1, 2, NEG), (3, 4, NEGATIVE)],
        "+",
        [("negative", "onvoldoende"), ("negation", "geen")],
        None,
    ),
    (
        "verantwoording geen echt onvoldoende",
        (0, 1),
        "0",
        [(1, 2, NEG), (3, 4, NEGATIVE)],
        "+",
        [("positive", "geen echt onvoldoende")],
        None,
    ),
    # one word in both roles is a negation: "lack of integrity"
    ("lack integrity", (1, 2), "+", [(0, 1, NEG), (0, 1, NEGATIVE)], "-", [("negation", "lack")], None),
    # a negation inside the hit: no negation from outside
    ("no not transparent", (1, 3), "-", [(0, 1, NEG), (1, 2, NEG)], "-", [], None),
    # hedges leave the valence and are reported
    ("maybe trust", (1, 2), "+", [(0, 1, HEDGE)], "+", [], "maybe"),
    ("maybe no trust", (2, 3), "+", [(0, 1, HEDGE), (1, 2, NEG)], "-", [("negation", "no")], "maybe"),
    # concept filters on cues
    ("no trust", (1, 2), "+", [(0, 1, ONLY_TRUST)], "-", [("negation", "no")], None),
    ("no trust", (1, 2), "+", [(0, 1, NOT_TRUST)], "+", [], None),
    # a cue with and_after counts only when that word follows the hit within scope, no terminator between
    (
        "meer vertrouwen nodig",
        (1, 2),
        "+",
        [(0, 1, REQUEST), (2, 3, ANCHOR)],
        "-",
        [("negative", "meer")],
        None,
    ),
    ("meer vertrouwen dan ooit", (1, 2), "+", [(0, 1, REQUEST)], "+", [], None),
    ("meer vertrouwen , nodig", (1, 2), "+", [(0, 1, REQUEST), (2, 3, STOP), (3, 4, ANCHOR)], "+", [], None),
    # a line end before a new point is a terminator like any other
    ("no x trust", (2, 3), "+", [(0, 1, NEG), (1, 2, LINE_END)], "+", [], None),
    # a mention cue (a penal frame) makes a hit 0, after every other cue, a negation included
    ("fraude is strafbaar", (0, 1), "-", [(1, 3, MENTION)], "0", [("mention", "is strafbaar")], None),
    ("eerlijk is strafbaar", (0, 1), "+", [(1, 3, MENTION)], "0", [("mention", "is strafbaar")], None),
    ("integriteit is strafbaar", (0, 1), "0", [(1, 3, MENTION)], "0", [], None),
    (
        "geen fraude is strafbaar",
        (1, 2),
        "-",
        [(0, 1, NEG), (2, 4, MENTION)],
        "0",
        [("negation", "geen"), ("mention", "is strafbaar")],
        None,
    ),
    ("fraude ; is strafbaar", (0, 1), "-", [(1, 2, STOP), (2, 4, MENTION)], "-", [], None),
    # r18: a "lacking" mention cue (a legal subject or reference) makes a hit that reads - a mention, not a +
    (
        "de minister verleent geen vergunning",
        (4, 5),
        "0",
        [(0, 2, LACKING), (3, 4, NEG)],
        "0",
        [("negation", "geen"), ("mention", "de minister")],
        None,
    ),
    ("geen toezicht artikel", (0, 2), "-", [(2, 3, LACKING)], "0", [("mention", "artikel")], None),
    ("goed overleg artikel", (1, 2), "+", [(2, 3, LACKING)], "+", [], None),
    ("goed overleg artikel", (1, 2), "0", [(0, 1, POS), (2, 3, LACKING)], "+", [("positive", "goed")], None),
]


@pytest.mark.parametrize(("sentence", "hit", "valence", "cues", "expected", "applied", "hedge"), ROWS)
def test_context_rules(sentence, hit, valence, cues, expected, applied, hedge):
    assert run(sentence, hit, valence, cues) == (expected, applied, hedge)


@pytest.mark.parametrize(
    ("cue_tokens", "hit", "terms", "expected"),
    [
        ((0, 1, NEG), (2, 3), [], 1),
        ((3, 4, NEG), (0, 2), [], 1),
        ((0, 1, NEG_AFTER), (2, 3), [], None),
        ((4, 5, NEG_BEFORE), (2, 3), [], None),
        ((0, 1, NEG), (2, 3), [(1, 2)], None),
        ((0, 1, NEG), (2, 3), [(3, 4)], 1),
        ((1, 3, NEG), (2, 4), [], None),  # overlapping
        ((0, 1, NEG), (5, 6), [], None),  # beyond max_scope 3
    ],
)
def test_cue_distance(cue_tokens, hit, terms, expected):
    assert cue_distance(Target(*hit, "trust", "+"), CueHit(*cue_tokens), terms) == expected


@pytest.mark.parametrize(
    ("valence", "kind", "expected"),
    [
        ("0", "positive", "+"),
        ("+", "positive", "+"),
        ("-", "positive", "-"),
        ("0", "negative", "-"),
        ("+", "negative", "-"),
        ("-", "negative", "-"),
    ],
)
def test_modified(valence, kind, expected):
    assert modified(valence, kind) == expected


@pytest.mark.parametrize(
    ("found", "kept"),
    [
        # a longer cue of the same slot covers the shorter ones inside it
        ([(0, 1, NEG), (0, 2, NEG), (1, 2, NEG)], [(0, 2, NEG)]),
        # different slots both stay
        ([(0, 1, NEG), (0, 1, HEDGE)], [(0, 1, NEG), (0, 1, HEDGE)]),
        # a pseudo cue covers every other cue it overlaps
        ([(0, 1, NEG), (0, 2, PSEUDO), (2, 3, NEG)], [(0, 2, PSEUDO), (2, 3, NEG)]),
        # one cue per token and slot
        ([(1, 2, NEG), (1, 2, NEG)], [(1, 2, NEG)]),
    ],
)
def test_one_per_slot(found, kept):
    assert one_per_slot([CueHit(*c) for c in found]) == [CueHit(*c) for c in kept]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Management", True),
        ("A", True),
        ("3", True),
        ("-", True),
        ("\u2022", True),
        ("management", False),
        ("NO", False),
        ("(", False),
        ("", False),
    ],
)
def test_starts_item(word, expected):
    assert starts_item(word) is expected


@pytest.mark.parametrize("concepts", [(), ("trust",), ("risk",), ("trust", "risk")])
@pytest.mark.parametrize("not_concepts", [(), ("trust",), ("risk",)])
@pytest.mark.parametrize("concept", ["trust", "risk"])
def test_nearest_cues_takes_a_cue_exactly_where_it_applies_to_the_concept(concepts, not_concepts, concept):
    # nearest_cues tests a cue's concepts inline (no call per cue): it must agree with Cue.applies_to
    from trustlex.matching.context import nearest_cues

    cue = Cue(kind="negation", direction="preceding", max_scope=3, concepts=frozenset(concepts),
              not_concepts=frozenset(not_concepts))  # fmt: skip
    found = nearest_cues(Target(1, 2, concept, "+"), [CueHit(0, 1, cue)], ["no", concept])
    assert ("negation" in found) is cue.applies_to(concept)
