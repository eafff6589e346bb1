"""Two parties joined by "and" as the subject of a hit: the first named is whose the hit is.

In "HR and management sabotage opportunities" or "all managers and co
workers are respectful" the hit is said of both parties. The coders give
such a hit one referent, the party named first (coded/referents.md: of two
parties named for one concept, the one it is most directly attributed to;
in the train split they chose the first of a subject pair far more often
than the second). The pattern rule otherwise takes the party nearest the
hit, the second. Objects joined after a hit ("distrust between the
management and the staff") and the ``nearest`` rule are left as they are.
The conjunctions are the ``conjunctions`` words of a referent file's
``[rules]`` table (English "and", "&", "or"; Dutch "en", "of").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import is_boundary, linked_by


def leading(
    m: Mention | None,
    start: int,
    end: int,
    parties: Sequence[Mention],
    starts: Sequence[int],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """Return the first of two parties joined by a conjunction, where the second, ``m``, is a hit's subject.

    ``m`` is the mention the pattern rule gave the hit at tokens ``start``
    to ``end``, and the party right before it is joined to it by a
    conjunction alone or with a determiner ("HR and management", "the
    managers and the staff"); that party is returned where ``m`` is the
    hit's subject, else ``m``. ``m`` is the subject when words stand between
    it and the hit ("HR and management never listen"), when the hit starts
    with it and holds two words more ("managers and coworkers are nice"), or
    when it touches the hit and the pair opens its clause ("HR and
    management sabotage"). A party right before the hit, or starting a hit
    of one word more, may be a compound's modifier, and a pair after other
    words one item of a list: "good management and team atmosphere", "great
    supervisor and team support", "in court and the corp doesn't care" keep
    ``m``. ``parties`` are the sentence's named parties in order and
    ``starts`` their starts. Only the party next to ``m`` is read.
    """
    if m is None or m.start > start or not rules.conjunctions:
        return m
    if m.end > start and end - m.end < 2:
        return m
    k = bisect_left(starts, m.start)
    if k == 0 or k >= len(parties) or parties[k] != m:
        return m
    first = parties[k - 1]
    if first.referent == m.referent or not linked_by(words, first.end, m.start, rules.conjunctions, rules):
        return m
    if m.end == start and not _opens_clause(first.start, words, rules):
        return m
    return first


def _opens_clause(k: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether token ``k`` opens its clause: first, after a boundary, or after a determiner that is."""
    if k and words[k - 1] in rules.determiners:
        k -= 1
    return k == 0 or is_boundary(words[k - 1], rules.boundaries)


def dropped_pair(
    start: int,
    end: int,
    mentions: Sequence[Mention],
    parties: Sequence[Mention],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """Return the first of a subject pair whose second the named parties dropped, or None.

    "The managers and employees are really nice": the hit starts with the
    employees, whom :func:`~trustlex.matching.mentions.named_parties` drops
    beside another party, and the managers before them are joined by "and",
    so no rule takes either. Of a subject pair the first named is the party
    (as :func:`leading`): the party right before a mention of ``mentions``
    that opens the hit but is none of ``parties``, joined to it by a
    conjunction alone or with a determiner, where the hit holds two words
    more than the mention ("employees are nice"; "employees friendly" may be
    a compound's modifier).
    """
    if not rules.conjunctions or len(mentions) == len(parties):
        return None
    k = bisect_left([m.start for m in mentions], start)
    if k >= len(mentions) or mentions[k].start != start or mentions[k] in parties:
        return None
    second = mentions[k]
    if end - second.end < 2:
        return None
    first = next((p for p in reversed(parties) if p.end <= start), None)
    if first is None or first.referent == second.referent:
        return None
    return first if linked_by(words, first.end, second.start, rules.conjunctions, rules) else None
