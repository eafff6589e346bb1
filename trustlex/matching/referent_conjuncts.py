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
from trustlex.matching.referent_parties import linked_by


def leading(
    m: Mention | None,
    start: int,
    end: int,
    parties: Sequence[Mention],
    starts: Sequence[int],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """Return the first of the parties joined to ``m`` by a conjunction, where ``m`` is a hit's subject.

    ``m`` is the mention the pattern rule gave the hit at tokens ``start``
    to ``end``; it counts as the subject when words stand between it and
    the hit, or when the hit starts with it and holds two words more
    ("coworkers are nice"; a party right before the hit, or one word more,
    may be a compound: "team atmosphere", "team support"). The party right before ``m``, joined to it by a
    conjunction alone or with a determiner ("HR and management", "the
    managers and the staff"), is returned instead; else ``m``. ``parties``
    are the sentence's named parties in order and ``starts`` their starts.
    One look back: only the party next to ``m`` is read, so a list of three
    gives its middle one.
    """
    # a party right before the hit, or the hit's first word with one more, may be a compound's
    # modifier in a list ("good management and team atmosphere", "great supervisor and team
    # support"): only a subject with words between, or one the hit says something of ("managers and
    # coworkers are nice": a verb and a quality at least), is said of both
    if m is None or m.start > start or m.end == start or not rules.conjunctions:
        return m
    if m.end > start and end - m.end < 2:
        return m
    k = bisect_left(starts, m.start)
    if k == 0 or k >= len(parties) or parties[k] != m:
        return m
    first = parties[k - 1]
    if first.referent != m.referent and linked_by(words, first.end, m.start, rules.conjunctions, rules):
        return first
    return m
