"""Where a negation's clause ends: the negations that another hit or a new clause keeps from a hit.

A negation before a hit reaches it within its scope (see
:mod:`trustlex.matching.context`), but not across a joiner into a clause of its
own: "Nobody takes responsibility and management lies" leaves "lies"
negative, and "Nobody trusts management and communication is open" leaves
"communication" unnegated. These rules read only the lowercase words of the
doc, so they are tested row by row in tests/unit/test_clauses.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from trustlex.matching.context import CueHit, Target, Words

# words that join two clauses or list items: a negation before one does not cross them into a
# new clause ("Niemand neemt verantwoordelijkheid en de directie liegt")
CLAUSE_JOINERS = frozenset([",", ";", "and", "en", "but", "maar"])
# a determiner or possessive may stand between the joiner and the new subject ("and the communication is")
SUBJECT_OPENERS = frozenset(
    ["the", "our", "their", "my", "his", "her", "its", "this", "that", "all", "de", "het"]
)
# a finite verb right after the word following a joiner shows that word is the subject of a new clause
# ("and communication is open", "and management lies"), not a conjunct of the negated phrase ("no trust and
# respect for staff")
CLAUSE_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "remains",
        "remain",
        "seems",
        "seem",
        "feels",
        "gets",
        "will",
        "can",
        "'s",
        "\u2019s",
        "wordt",
        "worden",
        "zijn",
        "waren",
        "blijft",
    ]
)


def negation_spent(
    negation: CueHit, target: Target, others: Iterable[tuple[int, int, str]], words: Words
) -> bool:
    """Whether a negation before the target stays with another hit between them, across a joiner.

    A negation before (or inside) another hit does not cross a joiner into
    a new clause: "Nobody takes responsibility and management lies" leaves
    "lies" negative, as does "Niemand neemt verantwoordelijkheid en de
    directie liegt". Nor does it reach a second hit of the same concept
    ("No communication, open communication" keeps the second +). It still
    reaches a conjunct right after the joiner ("no trust and respect").
    ``others`` are the (start, end, concept) of the sentence's other hits.
    """
    ns, ne = negation.start, negation.end
    if ne > target.start:
        return False
    for hs, he, concept in others:
        if he > target.start or he <= ns or (ne > hs and not hs <= ns):
            continue  # not between the negation and the target, nor holding the negation
        # the joiner nearest the target decides; reading backwards stops there
        last = next((j for j in range(target.start - 1, he - 1, -1) if words[j] in CLAUSE_JOINERS), None)
        if last is not None and (last + 1 < target.start or concept == target.concept):
            return True
    return False


def new_subject(negation: CueHit, target: Target, words: Words, size: int) -> bool:
    """Whether the target opens a clause of its own after a joiner, beyond the negation before it.

    The target stands right after a joiner (a determiner may come between)
    that follows the negation, and a finite verb follows the target: it is
    that clause's subject ("Nobody trusts management and communication is
    open"), which the first clause's negation does not reach. The first
    clause has two words or more between the negation and the joiner, and no
    other joiner: a conjunct or list item of the negated phrase keeps it ("no
    trust and respect is shown", "no trust, respect and care are given").
    ``size`` is the doc's length in tokens.
    """
    if negation.end > target.start or target.end >= size or words[target.end] not in CLAUSE_VERBS:
        return False
    j = target.start - 1
    if j > negation.end and words[j] in SUBJECT_OPENERS:
        j -= 1
    if j - negation.end < 2 or words[j] not in CLAUSE_JOINERS:
        return False  # "No trust and respect is shown": one noun between is a conjunct, no clause
    if words[j - 1] == ",":
        j -= 1  # ", and" joins clauses as "and" does
    return all(words[k] not in CLAUSE_JOINERS for k in range(negation.end, j))  # nor a list


# words that open a clause of their own after the hit: a Dutch clause-final "niet" in it is not the hit's
# ("Ik vertrouw hem omdat hij niet liegt", "Ik vertrouw de directeur en hij komt niet")
SUBORDINATORS = frozenset(
    [
        "dat",
        "omdat",
        "zodat",
        "als",
        "wanneer",
        "waar",
        "wat",
        "hoewel",
        "terwijl",
        "nadat",
        "voordat",
        "tenzij",
        "indien",
        "mits",
        "zodra",
        "doordat",
        "waardoor",
        "waarbij",
        "waarin",
        "waarvan",
        "waarop",
        "waarmee",
    ]
)
# a relative pronoun after a noun hit may describe the hit itself ("communicatie die niet deugt"): only the
# long reach stops there
RELATIVES = frozenset(["die", "welke"])
SUBJECT_PRONOUNS = frozenset(
    ["ik", "je", "jij", "hij", "zij", "ze", "we", "wij", "u", "jullie", "men", "er", "dit"]
)
# a finite verb right after a comma opens the main clause after a fronted one
# ("indien ..., wordt de informatie niet eerder verstrekt")
FINITE_VERBS = CLAUSE_VERBS | frozenset(
    [
        "heeft",
        "hebben",
        "werd",
        "werden",
        "kan",
        "kunnen",
        "moet",
        "moeten",
        "zal",
        "zullen",
        "mag",
        "mogen",
        "mocht",
        "lijkt",
        "lijken",
        "blijkt",
        "bleek",
        "gaat",
        "komt",
        "staat",
        "wil",
        "zou",
        "zouden",
        "ben",
        "heb",
    ]
)


DASHES = frozenset(["\u2013", "\u2014", "(", ")"])  # an insertion between the hit and a clause-final "niet"


def new_clause_after(negation: CueHit, target: Target, words: Words) -> bool:
    """Whether a clause of its own opens between the target and a negation after it.

    Dutch puts "niet" at the end of its clause ("Ik vertrouw de directeur en
    het bestuur niet"), so a negation after the hit reaches it over the
    object; but not over a subordinator ("omdat", "dat", "waarbij") or a
    joiner ("en", "of", a comma) that a subject pronoun or a determiner, a
    noun and a finite verb follow: "Ik vertrouw hem, hij komt niet" keeps
    trust. The long reach of a following "niet" also stops at a finite verb,
    a dash or bracket and a relative pronoun ("die").
    """
    lo, hi = target.end, negation.start
    # the long reach after the hit is for a verb's clause-final "niet": one over another finite verb is
    # that verb's ("de ondersteuning van ... is verzekerde niet aangewezen"); the short two-way cue still
    # reaches it
    final = negation.cue.direction == "following" and words[negation.start] in ("niet", "nooit")
    for k in range(lo, hi):
        word = words[k]
        if (
            word in SUBORDINATORS
            or word == ";"
            or (final and (word in FINITE_VERBS or word in DASHES or word in RELATIVES))
        ):
            return True
        if word in CLAUSE_JOINERS and k + 1 < hi:
            nxt = words[k + 1]
            if nxt in SUBJECT_PRONOUNS:
                return True
            if nxt in SUBJECT_OPENERS and k + 3 < hi and words[k + 3] in CLAUSE_VERBS:
                return True
    return False


def unspent_cues(
    cue_hits: list[CueHit], target: Target, others: Iterable[tuple[int, int, str]], words: Words, size: int
) -> list[CueHit]:
    """Return ``cue_hits`` less the negations that another hit or a new clause keeps from the target.

    See :func:`negation_spent` and :func:`new_subject`. ``others`` are the
    (start, end, concept) of the hits of the target's sentence; they are read
    only when a negation stands before the target. ``size`` is the doc's
    length in tokens.
    """
    if not any(c.cue.kind == "negation" for c in cue_hits):
        return cue_hits
    after = [c for c in cue_hits if c.cue.kind == "negation" and c.start >= target.end]
    if after:
        spent = {id(c) for c in after if new_clause_after(c, target, words)}
        if spent:
            cue_hits = [c for c in cue_hits if id(c) not in spent]
    if not any(c.cue.kind == "negation" and c.end <= target.start for c in cue_hits):
        return cue_hits
    before = [o for o in others if o[1] <= target.start]
    return [
        c
        for c in cue_hits
        if c.cue.kind != "negation"
        or not (negation_spent(c, target, before, words) or new_subject(c, target, words, size))
    ]
