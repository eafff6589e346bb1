"""How far a negation reaches over a coordinator: a list of predicates, and an object negation.

A verb's negation is of every predicate of its list with one subject: "They
do not listen to your concerns or care about you" denies the care as it
denies the listening, however many words the first predicate's object takes
("Ze luisteren niet naar onze zorgen of geven om ons"). A negation that is
the verb's object ("do practically nothing and get special treatment") is
no negation of the second predicate: its phrase ends with it. Both rules
read the language's ``[clauses]`` words only (``predicate_joiners``,
``verb_negations``, ``object_negations``), so a language without them keeps
the cues' own reach; they are tested row by row in
tests/unit/test_coordination.py.
"""

from __future__ import annotations

import dataclasses

from trustlex.lexicon import ClauseWords
from trustlex.matching.context import CueHit, Target, Words

# the most words of the first predicate between its negation and the coordinator ("listen to your concerns");
# two more when the second predicate's verb shows ("listen to the concerns of the staff or show respect"):
# without it a long first predicate's last noun has a conjunct ("informed of duties and responsibilities")
FIRST_PREDICATE = 6
SHOWN_VERB = 2
# punctuation that ends the first predicate's clause: the list goes on only over the coordinator itself
CLAUSE_BREAKS = frozenset([",", ";", ":", ".", "!", "?", "(", ")", "\u2013", "\u2014", "-"])


def _term(hit: CueHit, words: Words) -> str:
    """The negation's words as one lowercase string ("n't", "no one")."""
    return " ".join(words[k] for k in range(hit.start, hit.end))


def second_predicate(negation: CueHit, target: Target, words: Words, size: int, clauses: ClauseWords) -> bool:
    """Whether the target opens the second predicate of a list whose first one the negation negates.

    The target carries a valence of its own (a neutral mention so far off
    is a policy's topic: "we may not be able to process your orders or
    inquiries"). The negation is one of the language's ``verb_negations``
    ("not", "n't", "never"; "niet", "nooit") before the target; the target
    starts right after one of its ``predicate_joiners`` ("or", "nor"; "of",
    "noch") or after one of them ("and", "en" too) and one word, the second
    verb ("or show respect", "and show respect"; no subject opener, pronoun
    or finite verb): a coordinator that is also one of the ``joiners`` joins
    nouns as well ("not comprehend the challenges and uncertainties"). One
    to ``FIRST_PREDICATE`` words (two more with the verb shown) stand
    between the negation and that coordinator, none of them punctuation, a
    joiner, a subordinator or a relative (one clause, one subject). A negation that
    opens its clause or follows a comma or a coordinator contrasts a phrase
    ("not hiring graduates or talented young techs"). A target that a
    finite verb follows is a new clause's subject ("They don't pay well and
    management is rude"), not a predicate; unless a comma inside the target
    ends the predicate before that verb ("or care about you, you are a number").
    ``size`` is the doc's length in tokens, ``clauses`` the language's words.
    """
    if (
        target.valence == "0"
        or negation.end >= target.start
        or _term(negation, words) not in clauses.verb_negations
    ):
        return False  # a neutral mention far off is a policy's topic ("not be based on your behavior or ...")
    stops = clauses.joiners | clauses.predicate_joiners | clauses.subordinators | clauses.relatives
    joiner, longest = target.start - 1, FIRST_PREDICATE
    if words[joiner] not in clauses.predicate_joiners:
        # the second verb may stand before the hit ("or show respect"); a subject there opens a clause, and a
        # finite verb a predicate of its own ("if you can't get to them or are overwhelmed", "and will talk")
        verb = words[joiner]
        openers = clauses.subject_openers | clauses.subject_pronouns | clauses.finite_verbs
        if verb in stops or verb in openers or verb in CLAUSE_BREAKS:
            return False
        joiner, longest = joiner - 1, FIRST_PREDICATE + SHOWN_VERB
    if words[joiner] not in clauses.predicate_joiners or not 1 <= joiner - negation.end <= longest:
        return False
    if joiner == target.start - 1 and words[joiner] in clauses.joiners:
        # "and" also joins a noun to the object ("not comprehend the challenges and uncertainties"): the hit
        # right after it is a predicate only when its verb shows; "or" under a negation denies each item
        return False
    before = words[negation.start - 1] if negation.start else "."
    if before in stops or before in CLAUSE_BREAKS or "\n" in before:
        return False  # a contrast ("retire, not be pushed out by taxes and greedy developers") is no verb's
    if any(
        words[k] in stops or words[k] in CLAUSE_BREAKS or "\n" in words[k]
        for k in range(negation.end, joiner)
    ):
        return False
    verbs = clauses.clause_verbs
    if any(words[k] in CLAUSE_BREAKS for k in range(target.start, target.end)):
        return True  # a hit that runs over a comma ("care about you, you are ...") ends its predicate there
    inside = target.end - target.start > 1 and words[target.start + 1] in verbs
    return not inside and not (target.end < size and words[target.end] in verbs)


def object_spent(negation: CueHit, target: Target, words: Words, clauses: ClauseWords) -> bool:
    """Whether a negation that is an object ends its phrase before a coordinator that the target follows.

    One of the language's ``object_negations`` ("nothing"; "niets") right
    before one of its ``predicate_joiners`` is a whole phrase: "do
    practically nothing and get special treatment" says the treatment is
    there (integrity ``-`` by its entry, not ``+``).
    """
    return (
        negation.end < target.start
        and words[negation.end] in clauses.predicate_joiners
        and _term(negation, words) in clauses.object_negations
    )


def coordinated_cues(
    cue_hits: list[CueHit], target: Target, words: Words, size: int, clauses: ClauseWords
) -> list[CueHit]:
    """Return ``cue_hits`` with each negation's reach set by the coordinator between it and the target.

    A verb's negation beyond its ``max_scope`` that negates the first
    predicate of a list (:func:`second_predicate`) reaches the target that
    opens the second: its cue is widened to that distance, so the hit's
    ``cue`` shows the negation. An object negation before the coordinator
    (:func:`object_spent`) is dropped. Other cues pass unchanged; a language
    without ``predicate_joiners`` gets the list back as it is.
    """
    if not clauses.predicate_joiners:
        return cue_hits
    # ``cue_hits`` itself comes back when no cue changes (most hits): a new list only from the first change
    out: list[CueHit] | None = None
    for k, hit in enumerate(cue_hits):
        if hit.cue.kind == "negation" and hit.end <= target.start:
            if object_spent(hit, target, words, clauses):
                if out is None:
                    out = cue_hits[:k]
                continue
            gap = target.start - hit.end
            if gap > hit.cue.max_scope and second_predicate(hit, target, words, size, clauses):
                hit = CueHit(hit.start, hit.end, dataclasses.replace(hit.cue, max_scope=gap))
                if out is None:
                    out = cue_hits[:k]
        if out is not None:
            out.append(hit)
    return cue_hits if out is None else out


def reaching_before(cue_hits: list[CueHit], target: Target) -> set[int]:
    """Return the ids of the negations before the target that reach it (after :func:`coordinated_cues`).

    The clause rules of :func:`trustlex.matching.clauses.unspent_cues` spend
    such negations only: one out of its direction or ``max_scope`` reaches
    nothing (:func:`trustlex.matching.context.cue_distance`), spent or not,
    and most negations near a hit of a review are (no rule is read for them).
    """
    start = target.start
    return {
        id(c)
        for c in cue_hits
        if c.cue.kind == "negation"
        and c.end <= start
        and c.cue.direction != "following"
        and start - c.end <= c.cue.max_scope
    }
