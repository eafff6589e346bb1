"""Where a negation's clause ends: the negations that another hit or a new clause keeps from a hit.

A negation before a hit reaches it within its scope (see
:mod:`trustlex.matching.context`), but not across a joiner into a clause of its
own: "Nobody takes responsibility and management lies" leaves "lies"
negative, and "Nobody trusts management and communication is open" leaves
"communication" unnegated. These rules read only the lowercase words of the
doc, so they are tested row by row in tests/unit/test_clauses.py.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from itertools import pairwise

from trustlex.lexicon import ClauseWords, Cue
from trustlex.matching.context import CueHit, Target, Words
from trustlex.matching.coordination import coordinated_cues, reaching_before

# the words these rules read are the language's, from the [clauses] table of its context file
# (trustlex.lexicon.ClauseWords); only punctuation that no language changes stays here
DASHES = frozenset(["\u2013", "\u2014", "(", ")"])  # an insertion between the hit and a clause-final "niet"
LIST_TAIL = 6  # how far after a list item its "or"/"and" may come ("not clean, consistent, or balanced")
CLAUSE_ENDS = frozenset([".", "!", "?", ":", ";"])  # where reading back for a clause's opening word stops
CLAUSE_REACH = 12  # the most words read back from a negation for the subordinator that opens its clause
# the most words between a hit and a clause-final negation after it that need not end its clause: beyond,
# over a long object ("Ik vertrouw de mensen van het team op de derde verdieping niet"), it closes the clause
FINAL_REACH = 6
# the most words between a negation and the privative it cancels ("can't speak up without")
PRIVATIVE_REACH = 4
# the cues a pseudo cue's double negation stands for: "no lack of communication" negates the hit's own lack,
# "no lack of support" / "geen gebrek aan communicatie" affirms the hit after it
DOUBLE_NEGATION = Cue(kind="negation", direction="preceding", max_scope=0, terms=("double negation",))
AFFIRMED = Cue(kind="positive", direction="preceding", max_scope=0, terms=("double negation",))


def negation_spent(
    negation: CueHit,
    target: Target,
    others: Iterable[tuple[int, int, str]],
    words: Words,
    clauses: ClauseWords,
) -> bool:
    """Whether a negation before the target stays with another hit between them, across a joiner.

    A negation before (or inside) another hit does not cross a joiner into
    a new clause: "Nobody takes responsibility and management lies" leaves
    "lies" negative, as does "Niemand neemt verantwoordelijkheid en de
    directie liegt". Nor does it reach a second hit of the same concept
    ("No communication, open communication" keeps the second +). It still
    reaches a conjunct right after the joiner ("no trust and respect").
    ``others`` are the (start, end, concept) of the sentence's other hits;
    ``clauses`` the language's words (its ``joiners`` here).
    """
    joiners = clauses.joiners
    ns, ne = negation.start, negation.end
    if ne > target.start:
        return False
    for hs, he, concept in others:
        if he > target.start or he <= ns or (ne > hs and not hs <= ns):
            continue  # not between the negation and the target, nor holding the negation
        # the joiner nearest the target decides; reading backwards stops there
        last = next((j for j in range(target.start - 1, he - 1, -1) if words[j] in joiners), None)
        if last is not None and (last + 1 < target.start or concept == target.concept):
            return True
    return False


def reason_between(negation: CueHit, target: Target, words: Words, clauses: ClauseWords) -> bool:
    """Whether a phrase of reason opens between a negation and the target after it.

    A negation is of its clause's predicate and the objects that follow it
    ("They don't care about work ethic" is norms ``-``), not of the reason
    the clause gives: "I don't speak up for fear of retaliation" and "Ik durf
    mijn mening niet te geven uit angst voor represailles" say the fear is
    there (courage ``-``). The phrase is one of the language's ``reasons``
    (one to three words: "for fear", "uit angst"); it starts after the
    negation and before the target, and may hold the target's first word.
    """
    reasons = clauses.reasons
    if not reasons:
        return False
    firsts = _first_words(reasons)
    for k in range(negation.end, target.start):
        if words[k] not in firsts:
            continue  # most words start no phrase: no string is joined for them
        for n in (1, 2, 3):
            if " ".join(words[j] for j in range(k, min(k + n, target.end))) in reasons:
                return True
    return False


@functools.lru_cache(maxsize=8)
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """Return the first word of each phrase (as :func:`reason_between` joins words: by one space)."""
    return frozenset(p.split(" ")[0] for p in phrases)


def bracket_between(negation: CueHit, target: Target, words: Words, clauses: ClauseWords) -> bool:
    """Whether a bracket sets the target apart from the negation: one of them stands in an aside.

    A hit inside brackets, with the negation after the closing one,
    belongs to the aside ("de karakters erg plat (door hun overdreven
    gedrag) en de dialogen niet realistisch" keeps the behaviour as it
    is); so does a hit after an opening bracket that the negation before it
    stands outside of ("No raises (the communication is good though)"). A
    bracket closed between them ("not (fully) transparent") is no aside, nor
    one that opens with a disjunction ("it wasn't consistent (or enforced?)"):
    a list goes on in it.
    """
    # the words between are read at C level (map, set, list.index): this runs per negation and hit
    if negation.start >= target.end:
        after = set(map(words.__getitem__, range(target.end, negation.start)))
        return ")" in after and "(" not in after
    between = list(map(words.__getitem__, range(negation.end, target.start)))
    if "(" not in between:
        return False
    opening = negation.end + between.index("(")
    return words[opening + 1] not in clauses.disjunctions and ")" not in between


def condition_closed(negation: CueHit, target: Target, words: Words, size: int, clauses: ClauseWords) -> bool:
    """Whether a comma that closes a fronted condition stands between a negation and the target after it.

    A Dutch condition may open the sentence with its verb ("Werkt het
    systeem niet, neem dan contact op") or with a subordinator ("Als hij
    niet reageert, kun je naar HR"); its negation is the condition's, and
    does not reach the main clause after the comma. The comma closes a
    condition when one of the language's ``consequents`` ("dan") follows it
    within two words, or when the negation's clause opens the sentence with
    one of its ``subordinators``.
    """
    commas = [c for c in range(negation.end, target.start) if words[c] == ","]
    if not commas:
        return False
    consequents = clauses.consequents
    if consequents and any(
        words[c + 1] in consequents or (c + 2 < size and words[c + 2] in consequents) for c in commas
    ):
        return True
    subordinators = clauses.subordinators
    for k in range(negation.start - 1, max(negation.start - CLAUSE_REACH, 0) - 1, -1):
        word = words[k]
        if word in subordinators:  # fronted: it opens the sentence ("Ik vind dat er geen X, Y ..." lists on)
            return k == 0 or words[k - 1] in CLAUSE_ENDS or "\n" in words[k - 1]
        if word in CLAUSE_ENDS or word in clauses.joiners or "\n" in word:
            return False
    return False


def new_subject(negation: CueHit, target: Target, words: Words, size: int, clauses: ClauseWords) -> bool:
    """Whether the target opens a clause of its own after a joiner, beyond the negation before it.

    The target stands right after a joiner (a determiner may come between)
    that follows the negation, and a finite verb follows the target's first
    word (after the target or inside it): it is that clause's subject
    ("Nobody trusts management and communication is open"), which the first
    clause's negation does not reach. The first clause has two words or more
    between the negation and the joiner, and no other joiner: a conjunct or
    list item of the negated phrase keeps it ("no trust and respect is
    shown", "no trust, respect and care are given").
    ``size`` is the doc's length in tokens, ``clauses`` the language's words.
    """
    joiners = clauses.joiners
    if negation.end > target.start:
        return False
    # the verb after the hit ("and open communication is valued") or inside it ("and leadership is bad")
    verbs = clauses.clause_verbs
    inside = target.end - target.start > 1 and words[target.start + 1] in verbs
    if not inside and (target.end >= size or words[target.end] not in verbs):
        return False
    j = target.start - 1
    if j > negation.end and words[j] in clauses.subject_openers:
        j -= 1
    if j - negation.end < 2 or words[j] not in joiners:
        return False  # "No trust and respect is shown": one noun between is a conjunct, no clause
    if words[j - 1] == ",":
        j -= 1  # ", and" joins clauses as "and" does
    return all(words[k] not in joiners for k in range(negation.end, j))  # nor a list


def pronoun_clause(negation: CueHit, target: Target, words: Words, clauses: ClauseWords) -> bool:
    """Whether a subject pronoun right after a joiner opens a clause between a negation and the target.

    A negation is of its own clause: "Don't speak up or they will fire you"
    and "You can't say anything or you get fired" say the threat is there
    (vulnerability ``+``), and "Nobody listens and we are ignored" keeps
    "ignored" to its clause. The pronoun stands right after one of the
    language's ``joiners`` or ``predicate_joiners`` ("or", "and", a comma)
    and may be the target's first word. A list under the negation keeps it
    ("no trust or respect"), since no pronoun opens its items.
    """
    pronouns = clauses.subject_pronouns
    if not pronouns or negation.end > target.start:
        return False
    links = clauses.joiners | clauses.predicate_joiners
    # a loop, not any() over a generator: no call per word
    for k in range(negation.end, target.start):  # noqa: SIM110
        if words[k] in links and words[k + 1] in pronouns:
            return True
    return False


def new_clause_after(negation: CueHit, target: Target, words: Words, clauses: ClauseWords, size: int) -> bool:
    """Whether a clause of its own opens between the target and a negation after it.

    Dutch puts "niet" at the end of its clause ("Ik vertrouw de directeur en
    het bestuur niet"), so a negation after the hit reaches it over the
    object; but not over a subordinator ("omdat", "dat", "waarbij") or a
    joiner ("en", "of", a comma) that a subject pronoun or a determiner, a
    noun and a finite verb follow: "Ik vertrouw hem, hij komt niet" keeps
    trust. The long reach of a following "niet" also stops at a finite verb,
    a dash or bracket and a relative pronoun ("die"). A negation right after
    a comma opens a segment of its own ("Slechte communicatie, niet veel
    uitleg") unless at most one word follows it before the sentence ends
    ("Ik vertrouw hem, eerlijk gezegd, niet"). ``clauses`` holds the
    language's words: those named here and its ``final_negations``; ``size``
    is the doc's length in tokens.

    A clause-final negation (one that closes its clause, see
    :func:`_closes_clause`) is the main verb's however long the object
    before it: beyond :data:`FINAL_REACH` words it reaches the hit when it
    closes the clause, no comma and no joiner before a determiner ("en de
    directie luistert niet") stand between, and no subordinator opens the
    hit's clause ("Ik vertrouw de mensen van het team op de derde verdieping
    niet"). Before a negation that is its clause's last word, a
    subordinator that no subject pronoun follows opens no clause: "als" is a
    preposition in "Ik vertrouw de gemeente als werkgever niet" (a
    subordinate clause puts its verb after its "niet": "als de directie niet
    luistert"), and "dat" a demonstrative in "Ik vertrouw dat niet".
    """
    lo, hi = target.end, negation.start
    # the long reach after the hit is for a verb's clause-final "niet": one over another finite verb is
    # that verb's ("de ondersteuning van ... is verzekerde niet aangewezen"); the short two-way cue still
    # reaches it
    final = negation.cue.direction == "following" and words[negation.start] in clauses.final_negations
    after_comma = negation.start > lo and words[negation.start - 1] == ","
    if after_comma and not _closes_sentence(negation.end, words, size):
        # a "niet" that opens a comma's segment is of what follows ("Slechte communicatie, niet veel
        # uitleg", "een onderneming, niet zijnde ..."); one that ends the sentence is the clause's own,
        # after an aside ("Ik vertrouw hem, eerlijk gezegd, niet") or as an answer ("Goede sfeer, niet echt")
        return True
    # a "niet" that closes the clause is the main verb's, however long its object; one word may follow it
    # ("niet echt"), but not before a subordinator's clause is passed: that word may be the clause's verb
    closing = final and _closes_clause(negation.end, words, size, clauses)
    last = closing and _clause_end(negation.end, words, size, clauses)
    if final and hi - lo > FINAL_REACH:
        between = list(map(words.__getitem__, range(lo, hi)))
        if not closing or "," in between or _subordinate(target.start, words, clauses):
            return True  # beyond the short reach: a main clause's negation that closes it, no comma between
        if any(w in clauses.joiners and n in clauses.subject_openers for w, n in pairwise(between)):
            return True  # nor "en de ...": a subject of its own may follow ("en de directie luistert niet")
    joiners, openers, verbs = clauses.joiners, clauses.subject_openers, clauses.clause_verbs
    for k in range(lo, hi):
        word = words[k]
        if (
            (word in clauses.subordinators and not (last and _no_subject_after(k, hi, words, clauses)))
            or word == ";"
            or (final and (word in clauses.finite_verbs or word in DASHES or word in clauses.relatives))
        ):
            return True
        if word in joiners and k + 1 < hi:
            nxt = words[k + 1]
            if nxt in clauses.subject_pronouns:
                return True
            if nxt in openers and k + 3 < hi and words[k + 3] in verbs:
                return True
    return False


def uncoordinated_list(
    negation: CueHit, target: Target, words: Words, size: int, clauses: ClauseWords
) -> bool:
    """Whether a comma between a negation and the target after it opens a list item not the negation's.

    A negation reaches over a comma into a coordinated list ("not accurate,
    truthful or complete", "no trust, respect and care"): one of the
    language's ``disjunctions`` ("or", "and"; "of", "en") stands after the
    comma, before the target or at most :data:`LIST_TAIL` words after it in
    its clause. A list with none is a row of items each of its own, as in the
    cons of a review ("No raises, management lies to us", "Not flexible, time
    demanding"): the negation keeps to its own item. ``size`` is the doc's
    length in tokens.
    """
    comma = next((k for k in range(negation.end, target.start) if words[k] == ","), None)
    if comma is None:
        return False
    coordinators = clauses.disjunctions - {","}
    if any(words[k] in coordinators for k in range(comma + 1, target.start)):
        return False
    for k in range(target.end, min(target.end + LIST_TAIL, size)):
        word = words[k]
        if word in coordinators:
            return False
        if word in CLAUSE_ENDS or "\n" in word:
            break
    return True


def cancelled_privatives(
    cue_hits: list[CueHit], target: Target, words: Words, clauses: ClauseWords
) -> set[int]:
    """Return the ids of the negations before the target that cancel out: a negation and a privative after it.

    A privative (one of the language's ``privatives``: "without", "zonder")
    that a negation of its own clause precedes, at most
    :data:`PRIVATIVE_REACH` words before it, is cancelled by that negation,
    and for a hit after the privative both are spent: "not without drama"
    and "You can't speak up without being harassed" say the drama and the
    harassment are there. A joiner or a clause end between keeps them apart
    ("No raise, and without any feedback"), and so does a negation whose
    scope ends before the privative ("low level management believe anything
    without verifying"). A hit between the two (the "speak up" above) keeps
    the first negation.
    """

    def reach(n: CueHit) -> int:
        return min(n.cue.max_scope, PRIVATIVE_REACH)

    privatives = clauses.privatives
    spent: set[int] = set()
    for p in cue_hits:
        if p.cue.kind != "negation" or p.end > target.start or words[p.start] not in privatives:
            continue
        for n in cue_hits:
            gap = p.start - n.end
            if (
                n is p
                or n.cue.kind != "negation"
                or n.cue.direction == "following"
                or not 0 <= gap <= reach(n)
            ):
                continue
            if not any(
                words[k] in clauses.joiners or words[k] in CLAUSE_ENDS or "\n" in words[k]
                for k in range(n.end, p.start)
            ):
                spent.update((id(n), id(p)))
    return spent


def double_negation(
    cue_hits: list[CueHit], target: Target, words: Words, clauses: ClauseWords
) -> list[CueHit]:
    """Return ``cue_hits`` with the double negation that a pseudo cue holding a privative makes of the target.

    A pseudo cue such as "no lack of" or "geen gebrek aan" keeps its words
    from negating what follows; but it says something itself. A hit that
    starts inside it with the privative ("There is no lack of
    communication", the hit being "lack of communication") is negated by
    the pseudo cue's head ("no"); a hit right after it ("no lack of
    support", "geen gebrek aan communicatie") is affirmed. Only a pseudo cue
    whose privative is neither its first word ("without a doubt" is no
    double negation) nor, for a hit after it, its last ("niet zonder
    toestemming" keeps the hit as it is).
    """
    privatives = clauses.privatives
    if not privatives:
        return cue_hits
    for s, e, cue in cue_hits:
        if cue.kind != "pseudo" or s >= target.start or e < target.start:
            continue
        inside = e > target.start and words[target.start] in privatives
        before = e == target.start and any(words[k] in privatives for k in range(s + 1, e - 1))
        if inside or before:
            made = CueHit(s, target.start, DOUBLE_NEGATION) if inside else CueHit(s, e, AFFIRMED)
            return sorted([*cue_hits, made], key=lambda c: c.start)
    return cue_hits


def _closes_clause(k: int, words: Words, size: int, clauses: ClauseWords) -> bool:
    """Whether at most one word follows token ``k`` before its clause ends (``size``: the doc's tokens).

    A clause ends with its sentence, a comma, a joiner ("en", "maar") or a
    subordinator ("omdat", "als"): "niet.", "niet echt.", "niet, omdat ...".
    """
    return _clause_end(k, words, size, clauses) or _clause_end(k + 1, words, size, clauses)


def _clause_end(k: int, words: Words, size: int, clauses: ClauseWords) -> bool:
    """Whether a clause ends at token ``k``: the doc's or sentence's end, a comma, joiner or subordinator."""
    if k >= size:
        return True
    word = words[k]
    return word in CLAUSE_ENDS or "\n" in word or word in clauses.joiners or word in clauses.subordinators


def _subordinate(k: int, words: Words, clauses: ClauseWords) -> bool:
    """Whether a subordinator opens the clause of token ``k``, read back to a comma or the sentence's start.

    Such a clause (with "om": an infinitive's) puts its verb last, so a negation far after a hit in it is
    the next clause's: "een convenant dat verplicht om agrariërs te informeren over de introductie van
    ... planten maakt dit niet anders".
    """
    for j in range(k - 1, max(k - CLAUSE_REACH, 0) - 1, -1):
        word = words[j]
        if word in clauses.subordinators:
            return True
        if word in CLAUSE_ENDS or word == "," or "\n" in word:
            return False
    return False


def _no_subject_after(k: int, hi: int, words: Words, clauses: ClauseWords) -> bool:
    """Whether no subject pronoun follows the subordinator at token ``k`` (before the negation at ``hi``)."""
    return k + 1 >= hi or words[k + 1] not in clauses.subject_pronouns


def _closes_sentence(k: int, words: Words, size: int) -> bool:
    """Whether at most one word follows token ``k`` before its sentence or the doc (``size`` tokens) ends."""
    return any(j >= size or words[j] in CLAUSE_ENDS or "\n" in words[j] for j in (k, k + 1))


def unspent_cues(
    cue_hits: list[CueHit],
    target: Target,
    others: Iterable[tuple[int, int, str]],
    words: Words,
    size: int,
    clauses: ClauseWords,
) -> list[CueHit]:
    """Return ``cue_hits`` less the negations that another hit or a new clause keeps from the target.

    See :func:`negation_spent`, :func:`reason_between`, :func:`new_subject`, :func:`pronoun_clause`,
    :func:`condition_closed` and, for the reach over a coordinator,
    :func:`trustlex.matching.coordination.coordinated_cues`. ``others`` are the (start, end, concept)
    of the hits of the target's sentence; they are read only when a negation
    stands before the target. ``size`` is the doc's length in tokens,
    ``clauses`` the words of the language (from its context file): a
    language without them gets no clause rules.
    """
    if not clauses.active:
        return cue_hits
    cue_hits = double_negation(cue_hits, target, words, clauses)
    cue_hits = coordinated_cues(cue_hits, target, words, size, clauses)  # a predicate list's negation
    for c in cue_hits:  # a loop, not any() over a generator: this runs per hit with cues
        if c.cue.kind == "negation":
            break
    else:
        return cue_hits
    after = [c for c in cue_hits if c.cue.kind == "negation" and c.start >= target.end]
    if after:
        spent = {
            id(c)
            for c in after
            if new_clause_after(c, target, words, clauses, size) or bracket_between(c, target, words, clauses)
        }
        if spent:
            cue_hits = [c for c in cue_hits if id(c) not in spent]
    ruled = reaching_before(cue_hits, target)  # the negations before the target that reach it
    if not ruled:
        return cue_hits
    before = [o for o in others if o[1] <= target.start]
    cancelled = cancelled_privatives(cue_hits, target, words, clauses) if clauses.privatives else set()
    return [
        c
        for c in cue_hits
        if id(c) not in ruled
        or not (
            id(c) in cancelled
            or negation_spent(c, target, before, words, clauses)
            or reason_between(c, target, words, clauses)
            or bracket_between(c, target, words, clauses)
            or new_subject(c, target, words, size, clauses)
            or pronoun_clause(c, target, words, clauses)
            or condition_closed(c, target, words, size, clauses)
            or uncoordinated_list(c, target, words, size, clauses)
        )
    ]
