"""The ``pattern`` rule of referent attribution: a party in the hit, right next to it, or in its clause.

The first rule of :mod:`trustlex.matching.referents`, over token lists: a
referent mention that is part of the hit itself ("toezichthouder", "law
enforcement"); a possessive or compound right before it ("leadership 's
honesty", "HR processes"); the noun the hit modifies right after it
("friendly coworkers"); then, within the hit's clause (:func:`clause`: up to
a comma, colon, dash or a contrastive conjunction), the object of trust
words ("trust in X") or the subject of other predicates ("management
lies"; of "bewoners van de gemeente", the head). A party after "by"/"door"
just after the hit is the actor of a passive ("treated unfairly by the
company"), and one after "from" inside the hit is its source ("support from
HR"). :func:`pattern_rule` also hands the nearest rule the last mention
before the hit and the first after it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import default_rules
from trustlex.matching.mentions import GOVERNMENT, PUBLIC_HEADS, Mention
from trustlex.matching.referent_conjuncts import leading
from trustlex.matching.referent_parties import is_boundary, linked_by

# concepts whose hit word takes its referent as object: "trust in X", "depend on X"
OBJECT_FIRST = frozenset({"trust"})
# parties named as the object of a hit ("helping employees", "ignore customers") rather than described by it
OBJECTS = frozenset({"employees", "customers"})
# tokens a possessive or compound may have between mention and hit
TRANSPARENT = frozenset({"'s", "\u2019s", "s", "'", "\u2019", "-"})
# The words of a language the rules read are data: the [rules] table of its referent file (ReferentWords,
# Taxonomy.rules); only punctuation that no language changes stays here (referent_parties).
REACH_BEFORE = 6
REACH_AFTER = 5


def clause(
    words: Sequence[str],
    start: int,
    end: int,
    marks: Sequence[int] | None = None,
    rules: ReferentWords | None = None,
) -> tuple[int, int]:
    """Return the token range of the clause around tokens ``start`` to ``end`` within ``words``.

    A clause ends at punctuation that separates (comma, colon, dash, ...),
    a line break, or a contrastive conjunction of ``rules.boundaries`` ("but",
    "maar"; None: the shipped English and Dutch words). ``marks``, the
    indexes of those tokens in order, saves looking at every word.
    """
    if marks is not None:
        i = bisect_left(marks, start)
        j = bisect_left(marks, end, i)
        return (marks[i - 1] + 1 if i else 0), (marks[j] if j < len(marks) else len(words))
    bounds = (rules or default_rules()).boundaries
    lo = start
    while lo > 0 and not is_boundary(words[lo - 1], bounds):
        lo -= 1
    hi = end
    while hi < len(words) and not is_boundary(words[hi], bounds):
        hi += 1
    return lo, hi


def _conjunct(words: Sequence[str], lo: int, hi: int, rules: ReferentWords) -> bool:
    """Whether ``words[lo:hi]`` is a conjunction alone, or one and a determiner ("and", "en de")."""
    return (
        0 < hi - lo <= 2
        and words[lo] in rules.conjunctions
        and (hi - lo == 1 or words[lo + 1] in rules.determiners)
    )


def by_pattern(
    start: int,
    end: int,
    concept: str,
    mentions: list[Mention],
    words: Sequence[str],
    marks: Sequence[int] | None = None,
    rules: ReferentWords | None = None,
) -> Mention | None:
    """Return the mention the hit at ``start:end`` is attributed to by the pattern rules, or None.

    Parameters
    ----------
    start, end : int
        The hit's tokens (indexes into ``words``).
    concept : str
        The hit's concept (trust takes its referent as object).
    mentions : list of Mention
        The mentions of the same token list, by start.
    words : sequence of str
        Lowercase forms of the tokens.
    marks : sequence of int or None
        The indexes of the clause boundaries among ``words`` (see :func:`clause`).
    rules : ReferentWords or None
        The language's rule words (the taxonomy's ``rules``); None: the shipped
        English and Dutch words.

    Returns
    -------
    Mention or None
    """
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    rules = rules or default_rules()
    m = pattern_rule(start, end, concept in OBJECT_FIRST, mentions, starts, ends, words, marks, rules)[0]
    return leading(m, start, end, mentions, starts, words, rules)


def pattern_rule(
    start: int,
    end: int,
    object_first: bool,
    parties: Sequence[Mention],
    starts: Sequence[int],
    ends: Sequence[int],
    words: Sequence[str],
    marks: Sequence[int] | None,
    rules: ReferentWords,
) -> tuple[Mention | None, Mention | None, Mention | None]:
    """:func:`by_pattern` by bisection over non-overlapping mentions in order (``starts``, ``ends``).

    Returns (the mention or None, the last mention before the hit and the
    first after it, either None when a conjunction alone joins it to the
    hit): where the nearest rule looks next.
    """
    n = len(parties)
    i = bisect_right(ends, start)  # parties[i:] end after the hit starts
    inside = truster = None
    if i < n and parties[i].start < end:  # the first mention that overlaps the hit
        m = parties[i]
        if object_first and m.start <= start < m.end < end:
            truster = m  # "collega's vertrouwen (het management niet)": trusted is what follows, if named
        elif m.start <= start or object_first:
            # the hit names the party itself ("toezichthouder", "trust in management")
            return _public_body(m, i, parties, words, rules), None, None
        else:
            inside = m  # an object inside the hit ("care about their people"): after a subject
    j = bisect_left(starts, end, i)
    if marks is not None:  # clause() inlined: this runs once per hit
        a = bisect_left(marks, start)
        b = bisect_left(marks, end, a)
        lo, hi = (marks[a - 1] + 1 if a else 0), (marks[b] if b < len(marks) else len(words))
    else:
        lo, hi = clause(words, start, end, rules=rules)
    # the last mention before the hit and the first after it; an earlier (later) one is farther
    # and no more inside the clause
    before = prev = parties[i - 1] if i else None
    # _conjunct() reads at most two words between: most hits have more, and no call is made for them
    if prev is not None and 0 < start - prev.end <= 2 and _conjunct(words, prev.end, start, rules):
        before = prev = None
    # a mention that holds a boundary ("co - workers", "higher - ups", "c - suite") is in the clause
    # it ends in: the hyphen of a compound ends no clause
    if prev is not None and (prev.end < lo or start - prev.end > REACH_BEFORE):
        prev = None
    if prev is not None and i >= 2:
        prev = _of_whom(parties[i - 2], prev, lo, words, rules)
    after = nxt = parties[j] if j < n else None
    if nxt is not None and 0 < nxt.start - end <= 2 and _conjunct(words, end, nxt.start, rules):
        after = nxt = None
    if nxt is not None and (nxt.start >= hi or nxt.start - end >= REACH_AFTER):
        nxt = None
    if truster is not None:
        return nxt or truster, before, after
    # the truster of "trusted by X" is not whom the trust is in
    agent = None if object_first else _agent(start, end, hi, parties, i, words, rules)
    if agent is not None:
        return agent, before, after
    # the hit's first word describes the party inside it ("experienced managers"): a party right
    # before it is no possessor ("Great Company Horrible Management" is about the management)
    describes = (
        inside is not None
        and inside.start == start + 1
        and inside.end == end
        and inside.referent not in OBJECTS
    )
    if (
        prev is not None
        and all(w in TRANSPARENT for w in words[prev.end : start])
        and not (object_first and nxt is not None)
        and not describes
    ):  # the party right before a trust word trusts the one after it: "HR trusts management"
        return prev, before, after  # possessive or compound: "leadership 's honesty", "HR processes"
    if nxt is not None and nxt.start == end and words[nxt.start] not in rules.determiners:
        return nxt, before, after  # the noun the hit modifies: "friendly coworkers", "vertrouwen management"
    if inside is not None:
        m = _owner_inside(inside, prev, describes, start, words, rules)
        return (_public_body(m, i, parties, words, rules) if m is inside else m), before, after
    first, second = (nxt, prev) if object_first else (prev, nxt)
    return first or second, before, after


def _of_whom(head: Mention, prev: Mention, lo: int, words: Sequence[str], rules: ReferentWords) -> Mention:
    """The subject of "X van de Y" / "X of the Y" before a hit (``head`` X, ``prev`` Y), else ``prev``.

    The head is the subject ("bewoners van de gemeente", "the CEO of the
    company") when it is in the clause (from ``lo``); a public body's own
    leader is the body ("de voorzitter van de commissie", "the director of
    the planning department" are the government's).
    """
    public = prev.referent == GOVERNMENT and head.referent in PUBLIC_HEADS
    if not public and head.end >= lo and linked_by(words, head.end, prev.start, rules.genitives, rules):
        return head
    return prev


def _public_body(
    m: Mention, i: int, parties: Sequence[Mention], words: Sequence[str], rules: ReferentWords
) -> Mention:
    """The public body whose leaders the hit's own party ``m`` (``parties[i]``) names, else ``m``.

    As of a head before the hit (:func:`_of_whom`), a public body's own
    leaders are the body: "better management of the police department" and
    "de leiding van de gemeente" are the government's.
    """
    if m.referent in PUBLIC_HEADS and i + 1 < len(parties):
        body = parties[i + 1]
        if body.referent == GOVERNMENT and linked_by(words, m.end, body.start, rules.genitives, rules):
            return body
    return m


def _owner_inside(
    inside: Mention,
    prev: Mention | None,
    describes: bool,
    start: int,
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention:
    """Whose a hit is that holds a party after its first word (``inside``): that party or ``prev``.

    The party inside wins where the hit describes it ("experienced managers")
    or where a word of ``rules.sources`` comes before it (a determiner may
    come between): "a manager with support from HR" is HR's support. Else a
    subject before the hit wins ("management doesn't care about its people").
    """
    k = inside.start - 1 - (words[inside.start - 1] in rules.determiners)
    if describes or (k >= start and words[k] in rules.sources):
        return inside
    return prev or inside


def _agent(
    start: int,
    end: int,
    hi: int,
    parties: Sequence[Mention],
    j: int,
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """The actor of a passive: a party after "by" or "door" that follows the hit ``start:end``.

    ``parties[j]`` is the first mention that ends after the hit starts
    (inside the hit, as in "ignored by the city", or after it). "by" comes
    inside the hit or at most two words after it ("treated very unfairly
    by"), or right after that first mention, the object of the hit
    ("treatment of citizens by APD"); ``hi`` ends the clause.
    """
    lo = start if j < len(parties) and parties[j].start < end else end
    for k in (j, j + 1):
        if k >= len(parties):
            break
        m = parties[k]
        if m.start >= hi:
            break
        p = m.start - 1 - (m.start >= 2 and words[m.start - 1] in rules.determiners)
        if p >= lo and words[p] in rules.agents and (p - end <= 2 or (k > j and p == parties[j].end)):
            return m
    return None
