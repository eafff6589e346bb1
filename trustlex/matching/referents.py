"""Referent attribution: who each hit is about (management, colleagues, the government, ...).

The rules are pure functions over token lists, like the context rules in
:mod:`trustlex.matching.context`, applied in order:

1. ``pattern`` (:mod:`~trustlex.matching.referent_patterns`): a referent
   mention that is part of the hit itself ("toezichthouder", "law
   enforcement"); a possessive or compound right
   before it ("leadership 's honesty", "HR processes"); the noun the hit
   modifies right after it ("friendly coworkers"); then, within the hit's
   clause (up to a comma, colon, dash or a contrastive conjunction), the
   object of trust words ("trust in X", "vertrouwen in X", "don't trust
   X") or the subject of other predicates ("management lies", "mijn
   leidinggevende luistert niet"; of "bewoners van de gemeente", the
   head). A party joined to the hit by a conjunction alone ("bad management
   and office politics") is a conjunct: neither this rule nor ``nearest``
   takes it. Of a subject pair ("HR and management lie") the first wins
   (:func:`~trustlex.matching.referent_conjuncts.leading`; also where the
   second is employees, dropped beside another party). A party after
   "by"/"door" just after the hit is the actor of a passive ("treated
   unfairly by the company") and wins over the subject (not for trust
   words); so does one after "from" inside the hit ("support from HR"). A customer
   whom the hit is addressed to ("listen to the residents", "lie to the
   public") is no candidate for it (:func:`~trustlex.matching.referent_parties.addressed`);
2. ``parse``: when the doc has a dependency parse, the mention closest to
   the hit in the tree;
3. ``nearest``: the nearest mention in the same sentence, but not a party the hit
   is for ("rules for the banks": :func:`~trustlex.matching.referent_parties.benefiting`),
   nor, for a felt concept (``rules.felt``: pressure, workload, job security), one in a
   later point of a labelled list ("Cons: long hours, distant management":
   :func:`~trustlex.matching.referent_parties.listed_apart`), nor a law (``rules.laws``) for a concept but
   control, communication or norms (:func:`~trustlex.matching.referent_parties.cites_law`: it looks past it,
   as the pattern rule does);
4. otherwise ``none``, with empty text.

Mentions come from a :class:`~trustlex.lexicon.referents.Taxonomy` (words, phrases, lemmas, compound
wildcards). Pronouns are not mentions. A party set against another ("unlike HR") is no candidate where
another is named (:func:`uncontrasted`). The ``employees`` referent counts only where no other party is
named ("management doesn't care about employees" is leadership), but for the concepts they feel, such as
pressure (:func:`~trustlex.matching.referent_parties.felt`). Managers in the plural are one's own bosses
where the sentence says so (:mod:`~trustlex.matching.referent_bosses`).
:class:`trustlex.matching.referent_index.ReferentIndex` caches the per-word-type look-ups and applies
these rules, so attribution costs little and only sentences with hits are looked at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import NONE, default_rules
from trustlex.matching.mentions import Mention, named_parties
from trustlex.matching.referent_bosses import pair_party, settled
from trustlex.matching.referent_conjuncts import leading
from trustlex.matching.referent_parties import (
    ADDRESS_REACH,
    ADDRESSEES,
    FELT_BY_THE_PUBLIC,
    LAW_CONCEPTS,
    UNADDRESSED,
    addressed,
    benefiting,
    cites_law,
    felt,
    listed_apart,
    resumed,
    uncontrasted,
)
from trustlex.matching.referent_patterns import OBJECT_FIRST, pattern_rule

HOWS: tuple[str, ...] = ("pattern", "parse", "nearest", NONE)
"""How a referent was found, most direct first (the sentence level prefers the first)."""
HOW_RANK = {h: i for i, h in enumerate(HOWS)}

NEAREST_REACH = 40  # the nearest rule looks no farther, in tokens


def by_tree(
    start: int, end: int, mentions: list[Mention], heads: Sequence[int], max_steps: int = 3
) -> Mention | None:
    """Return the mention nearest the hit in a dependency tree (at most ``max_steps`` arcs), or None.

    Parameters
    ----------
    start, end : int
        The hit's tokens.
    mentions : list of Mention
        Candidate mentions.
    heads : sequence of int
        The head index of every token (a root is its own head).
    max_steps : int
        The longest path allowed between the hit and a mention.

    Returns
    -------
    Mention or None
    """

    def path_up(i: int) -> dict[int, int]:
        out = {i: 0}
        while heads[i] != i and len(out) <= max_steps * 2:
            i = heads[i]
            out[i] = len(out)
        return out

    hit_up = path_up(end - 1)
    best: tuple[int, int] | None = None
    for n, m in enumerate(mentions):
        steps = None
        for i in range(m.start, m.end):
            up = path_up(i)
            common = [hit_up[k] + d for k, d in up.items() if k in hit_up]
            if common:
                s = min(common)
                steps = s if steps is None else min(steps, s)
        if steps is not None and steps <= max_steps and (best is None or steps < best[0]):
            best = (steps, n)
    return mentions[best[1]] if best is not None else None


def nearest(
    start: int,
    end: int,
    mentions: list[Mention],
    words: Sequence[str] | None = None,
    breaks: Sequence[int] | None = None,
) -> Mention | None:
    """Return the mention nearest the hit (by tokens between them; a tie goes to the earlier one).

    With ``words``, a mention counts only on the hit's line (survey answers and
    reviews list unrelated points on lines of their own) and within
    ``NEAREST_REACH`` tokens. ``breaks``, the indexes of the tokens holding a
    line break in order, saves looking at the words between.
    """
    best = None
    best_d = 0
    for m in mentions:
        d = start - m.end if m.end <= start else m.start - end
        if words is not None:
            if d > NEAREST_REACH:
                continue
            lo, hi = (m.end, start) if m.end <= start else (end, m.start)
            if breaks is not None:
                i = bisect_left(breaks, lo)
                if i < len(breaks) and breaks[i] < hi:
                    continue
            elif any("\n" in w for w in words[lo:hi]):
                continue
        if best is None or d < best_d:
            best, best_d = m, d
    return best


def attribute(
    start: int,
    end: int,
    concept: str,
    mentions: list[Mention],
    words: Sequence[str],
    heads: Sequence[int] | None = None,
    rules: ReferentWords | None = None,
) -> tuple[Mention | None, str]:
    """Return (the mention a hit is attributed to or None, how: pattern, parse, nearest or none).

    Parameters
    ----------
    start, end : int
        The hit's tokens, as indexes into ``words`` (one sentence).
    concept : str
        The hit's concept.
    mentions : list of Mention
        The sentence's mentions (see :func:`find_mentions`).
    words : sequence of str
        Lowercase forms of the sentence's tokens.
    heads : sequence of int or None
        Head indexes of a dependency parse, in the same numbering; None without a parse.
    rules : ReferentWords or None
        The language's rule words (the taxonomy's ``rules``); None: the shipped
        English and Dutch words.

    Returns
    -------
    tuple
        (Mention or None, how).

    Examples
    --------
    >>> from trustlex.lexicon.referents import Taxonomy
    >>> from trustlex.matching.mentions import find_mentions
    >>> tax = Taxonomy("en")
    >>> tax.add_term("management", "leadership")
    >>> words = "i do n't trust management".split()
    >>> m, how = attribute(3, 4, "trust", find_mentions(words, None, tax), words)
    >>> (m.referent, how)
    ('leadership', 'pattern')
    """
    rules = rules or default_rules()
    breaks = [k for k, w in enumerate(words) if "\n" in w]
    mentions = uncontrasted(mentions, words, rules)
    if (e := felt(concept, mentions, start, end, breaks, words, rules)) is not None:
        return e, "pattern"
    parties = named_parties(mentions, breaks)
    m, how = _attribute(start, end, concept, parties, words, heads, None, breaks, rules)
    if m is None and (m := pair_party(start, end, concept, mentions, parties, words, rules)) is not None:
        return m, "pattern"
    return m, how


def _attribute(
    start: int,
    end: int,
    concept: str,
    parties: list[Mention],
    words: Sequence[str],
    heads: Sequence[int] | None,
    marks: Sequence[int] | None,
    breaks: Sequence[int] | None,
    rules: ReferentWords,
    spans: tuple[list[int], list[int]] | None = None,
) -> tuple[Mention | None, str]:
    """:func:`attribute` over mentions reduced to :func:`named_parties` (``spans``: their starts and ends)."""
    if rules.recipients and concept not in UNADDRESSED:
        parties, spans = _unaddressed(start, end, parties, spans, words, rules)
    if not parties:
        return None, NONE
    starts, ends = spans if spans is not None else ([m.start for m in parties], [m.end for m in parties])
    m, before, after = pattern_rule(
        start, end, concept in OBJECT_FIRST, parties, starts, ends, words, marks, rules
    )
    if m is not None and concept not in LAW_CONCEPTS and cites_law(m, words, rules):
        # as for the nearest rule below: a law is whom control, communication or norms are about, not
        # an ability in its title ("Wet op de expertisecentra") nor an object of trust ("de wet")
        return _attribute(
            start, end, concept, [p for p in parties if p is not m], words, heads, marks, breaks, rules
        )
    if m is not None and len(parties) > 1:  # leading() reads the party before m: none where m is alone
        m = leading(m, start, end, parties, starts, words, rules)
    if m is not None:  # settled() leaves None where the hit is nobody's (employees an ability is not about)
        m = settled(m, start, end, concept, parties, words, rules)
        return (m, "pattern") if m is not None else (None, NONE)
    if heads is not None:
        m = by_tree(start, end, parties, heads)
        if m is not None:
            m = settled(m, start, end, concept, parties, words, rules)
            return (m, "parse") if m is not None else (None, NONE)
    # no mention overlaps the hit here: the nearest is the last before it or the first after it (an
    # earlier or later one is farther, and a line break before the nearer one is before it too)
    if breaks is None:
        breaks = [k for k, w in enumerate(words) if "\n" in w]
    if concept not in FELT_BY_THE_PUBLIC:  # unreached(), inlined: two calls per hit that reaches here
        if before is not None and before.referent in ADDRESSEES:
            before = None
        if after is not None and after.referent in ADDRESSEES:
            after = None
    if after is not None and (
        benefiting(after, end, words, rules)
        or (concept in rules.felt and listed_apart(after, start, end, words, breaks, rules))
    ):
        after = None
    m = _nearest_of(start, end, before, after, resumed(breaks, start, words, rules) if breaks else breaks)
    if m is None:
        return None, NONE
    if concept not in LAW_CONCEPTS and cites_law(m, words, rules):
        # a law cited near the hit is not whom a concept but control, communication or norms is about
        rest = [p for p in parties if p is not m]
        return _attribute(start, end, concept, rest, words, heads, marks, breaks, rules)
    m = settled(m, start, end, concept, parties, words, rules)
    return (m, "nearest") if m is not None else (None, NONE)


def _unaddressed(
    start: int,
    end: int,
    parties: list[Mention],
    spans: tuple[list[int], list[int]] | None,
    words: Sequence[str],
    rules: ReferentWords,
) -> tuple[list[Mention], tuple[list[int], list[int]] | None]:
    """``parties`` without those the hit addresses (and ``spans``, None where a party was dropped)."""
    # only a party starting after the hit's start and at most ADDRESS_REACH tokens after its end can be
    # addressed: bisect to those (a long sentence without stops names hundreds of parties)
    firsts = spans[0] if spans is not None else [m.start for m in parties]
    lo, hi = bisect_right(firsts, start), bisect_right(firsts, end + ADDRESS_REACH)
    # most hits have no party in reach: no comprehension (a call in itself) run for none
    gone = [k for k in range(lo, hi) if addressed(parties[k], start, end, words, rules)] if lo < hi else ()
    if not gone:
        return parties, spans
    return [m for k, m in enumerate(parties) if k not in gone], None


def _nearest_of(
    start: int, end: int, before: Mention | None, after: Mention | None, breaks: Sequence[int] | None
) -> Mention | None:
    """The nearer of the mention right before and right after a hit, within reach and on its line."""
    best = None
    best_d = 0
    for m in (before, after):
        if m is None:
            continue
        d = start - m.end if m.end <= start else m.start - end
        if d > NEAREST_REACH:
            continue
        if breaks:
            lo, hi = (m.end, start) if m.end <= start else (end, m.start)
            k = bisect_left(breaks, lo)
            if k < len(breaks) and breaks[k] < hi:
                continue
        if best is None or d < best_d:
            best, best_d = m, d
    return best


def distance(start: int, end: int, m: Mention | None) -> int:
    """Return the number of tokens between a hit and its mention (0 when they touch or overlap)."""
    if m is None:
        return 1 << 30
    return max(0, start - m.end, m.start - end)
