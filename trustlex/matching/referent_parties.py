"""Which of a sentence's mentions may be a hit's party: none set against another, none addressed.

Two filters of :mod:`trustlex.matching.referents` over the candidates of
attribution. A party set against another ("unlike HR", "in tegenstelling
tot HR") is no candidate where another is named (:func:`uncontrasted`, once
per sentence). A customer, resident or user whom a hit is addressed to
("listen to the residents", "lie to the public", "verantwoording aan de
burgers") is no candidate for that hit (:func:`addressed`): the codebook
attributes a concept to the one who communicates, is honest or responsible.
Nor is a party the hit is for ("regels voor de banken", "making life miserable
for their teams") one the nearest rule reaches (:func:`benefiting`). Pressure
is the employees' where they are named, beside any other party (:func:`felt`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import default_rules
from trustlex.matching.mentions import Mention

# tokens that end a clause for the pattern rule (the nearest rule ignores them)
BOUNDARY_PUNCT = frozenset(',;:()[]!?.-\u2013\u2014\u2022|*"\u201c\u201d')
# parties named as whom a hit is addressed to ("listen to residents", "lie to the public"): the referent is
# who communicates, is honest or responsible (coded/referents.md), and the public served never is that
ADDRESSEES = frozenset({"customers"})
# concepts whose party after "to" or "with" is still whom they are about: trust in X, risk or pressure on
# X, the culture shared with X
UNADDRESSED = frozenset({"trust", "risk", "vulnerability", "norms"})
# concepts a customer or resident named apart from the hit (the nearest rule) may still be about: the
# pressure they feel ("the citizens that make Austin weird are being priced out of the city")
FELT_BY_THE_PUBLIC = frozenset({"vulnerability"})
# the party that a hit for it may still be about: employees as the object of care (coded/referents.md)
EMPLOYEES = "employees"
# the concepts a law (``rules.laws``) the nearest rule reaches may be about: a law controls, informs and
# sets norms, but is not trusted, honest, able, caring, responsible or at risk ("de betrouwbaarheid van
# een persoon als bedoeld in artikel 4:10 van de Wet", "valsheid in geschrift ... artikel 225 Wetboek")
LAW_CONCEPTS = frozenset({"control", "communication", "norms"})


def is_boundary(word: str, boundaries: frozenset[str]) -> bool:
    """Whether ``word`` ends a clause for attribution: a boundary word, short punctuation, a line break."""
    return word in boundaries or (len(word) <= 2 and word in BOUNDARY_PUNCT) or "\n" in word


def uncontrasted(
    mentions: list[Mention], words: Sequence[str], rules: ReferentWords | None = None
) -> list[Mention]:
    """Return ``mentions`` less those set against another party, when some other party is named.

    A party right after a contrast ("unlike HR", "except my manager", "apart
    from the team", "in tegenstelling tot de directie", "behalve HR", ", not
    HR"; an article or possessive may come between) is not the one the
    sentence's concepts are attributed to: "Our manager, unlike HR, is very
    honest" is about the manager. Alone in the sentence it stays ("except
    HR, nobody listens" has no other party to give the hit to). The
    contrasts are ``rules.contrasts`` (None: the shipped English and Dutch ones).
    """
    if len(mentions) < 2:
        return mentions
    rules = rules or default_rules()
    kept = [m for m in mentions if not _contrasted(m.start, words, rules)]
    return kept if kept else mentions


def _contrasted(k: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether the words before token ``k`` end with one of ``rules.contrasts`` (and an article at most)."""
    if k and words[k - 1] in rules.determiners:
        k -= 1
    if not k or words[k - 1] not in rules.contrast_last:
        return False
    return any(n <= k and tuple(words[k - n : k]) in rules.contrasts for n in rules.contrast_lengths)


# the farthest a party addressed by a hit starts after the hit's end (a recipient word at most two words
# after the hit, then at most two words before the party): see addressed()
ADDRESS_REACH = 5


def addressed(m: Mention, start: int, end: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether ``m`` is whom the hit ``start:end`` is addressed to ("listen to the residents").

    That is a party of ``ADDRESSEES`` after a word of ``rules.recipients``
    that comes inside the hit or at most two words after it, with at most
    two words between it and the party, one at most not a determiner
    ("communicate with Austin residents", "responsibility to all citizens");
    or the hit's object, right after it with an article or possessive between
    ("gouging the public", "cheating our customers", "bedriegen de klanten"):
    the one cheated or ignored is no more whose the hit is than the one lied to.
    Without the article the party may be what the hit describes ("rude customers").
    """
    if m.referent not in ADDRESSEES or m.start <= start:
        return False
    if 0 < m.start - end <= 2 and all(w in rules.determiners for w in words[end : m.start]):
        return True
    if m.start == end and words[m.start] in rules.determiners:  # a term that opens so: "the public"
        return True
    p = _link_before(m, start, words, rules.recipients, rules)
    return p is not None and p - end <= 2


def benefiting(m: Mention, end: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether ``m``, after the hit that ends at ``end``, is whom the hit is for (for the nearest rule).

    That is a party right after a word of ``rules.beneficiaries`` ("for",
    "voor"), at most two words between, one at most not a determiner
    ("flexibiliteit voor zowel werkgevers", "clear expectations for all team
    members"). Named apart from the hit, the one a rule, risk or burden is
    for is not whose it is; the coders leave such hits at none. Employees
    stay: for them the codebook counts the object of care ("support for
    employees") where no other party is named.
    """
    if m.referent == EMPLOYEES or m.start <= end:
        return False
    return _link_before(m, end, words, rules.beneficiaries, rules) is not None


LABEL_REACH = 4  # a label opening a line ("pros :", "advice to management :") ends this many tokens in


def listed_apart(
    m: Mention, start: int, end: int, words: Sequence[str], breaks: Sequence[int], rules: ReferentWords
) -> bool:
    """Whether ``m``, after the hit ``start:end``, is named in a later point of a labelled list.

    For the nearest rule, for the concepts the employees feel (``rules.felt``):
    under a label that opens the hit's line ("Cons : long hours , distant
    management , low pay"), commas part the points, and a party named in a
    later point than the hit is not whose the pressure is (the coders leave
    it at none). A conjunction between ("stressful , and the management never
    listens") keeps it.
    """
    between = words[end : m.start]
    if not any(w in {",", ";"} for w in between) or any(w in rules.conjunctions for w in between):
        return False
    k = bisect_left(breaks, start) - 1  # the last line break before the hit
    first = breaks[k] + 1 if k >= 0 else 0
    return ":" in words[first + 1 : min(first + LABEL_REACH, start)]


def _link_before(
    m: Mention, lo: int, words: Sequence[str], links: frozenset[str], rules: ReferentWords
) -> int | None:
    """Where a word of ``links`` stands before ``m`` (from ``lo`` on): at most one non-determiner between."""
    others = 0
    for p in range(m.start - 1, max(lo, m.start - 3) - 1, -1):
        if words[p] in links:
            return p
        if words[p] not in rules.determiners:
            others += 1
            if others > 1 or is_boundary(words[p], rules.boundaries):
                return None
    return None


def linked_by(words: Sequence[str], lo: int, hi: int, links: frozenset[str], rules: ReferentWords) -> bool:
    """Whether ``words[lo:hi]`` is one of ``links`` alone or with a determiner ("and the", "of the")."""
    return 0 < hi - lo <= 2 and words[lo] in links and (hi - lo == 1 or words[lo + 1] in rules.determiners)


def _joined(m: Mention, start: int, end: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether ``m`` is a conjunct of the hit ``start:end``: a conjunction alone (and a determiner)."""
    lo, hi = (m.end, start) if m.end <= start else (end, m.start)
    return linked_by(words, lo, hi, rules.conjunctions, rules)


def felt(
    concept: str,
    mentions: Sequence[Mention],
    start: int,
    end: int,
    breaks: Sequence[int],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """The employees a hit of ``concept`` is felt by: the nearest named on its line, or None.

    For the concepts of ``rules.felt`` (English: vulnerability) the party is
    whoever is under the pressure or insecurity (coded/referents.md), the
    employees where they are named, even beside the party that causes it:
    "Management announced a 45 hour week for all employees" and "drastic
    cuts to the number of employees" are the employees'; a conjunct is not
    ("job security and employee perks"). ``mentions`` are the sentence's
    mentions before :func:`~trustlex.matching.mentions.named_parties` drops
    the employees beside another party; ``breaks`` the line breaks, ``words``
    the lowercase tokens.
    """
    if concept not in rules.felt:
        return None
    line = bisect_left(breaks, start)
    on_line = [
        m
        for m in mentions
        if m.referent == EMPLOYEES
        and bisect_left(breaks, m.start) == line
        and not _joined(m, start, end, words, rules)
    ]
    return min(on_line, key=lambda m: max(start - m.end, m.start - end), default=None)


def unreached(m: Mention | None) -> Mention | None:
    """Return ``m``, or None where it is a customer, resident or user (``ADDRESSEES``).

    For the nearest rule: a hit that no pattern ties to the public served
    is nearly never theirs. Named apart from the hit, customers are whom it
    is done for, to or about ("Build trust, and communicate with Austin
    residents", "Do not ignore the needs of long-time residents", "making it
    unsafe for tourists and locals"), so the coders leave it at none; a
    pattern still attributes to them ("customers are rude", "the citizens
    are being priced out").
    """
    return None if m is not None and m.referent in ADDRESSEES else m


def resumed(breaks: Sequence[int], start: int, words: Sequence[str], rules: ReferentWords) -> Sequence[int]:
    """Return ``breaks`` without the line break that opens the hit's line where a pronoun opens that line.

    For the nearest rule: "The mayor is doing a great job / He appears to
    care for all" is the mayor's care; the pronoun (``rules.pronouns``)
    takes up the party named on the line before, in the same sentence.
    """
    if not rules.pronouns or not breaks:
        return breaks
    k = bisect_left(breaks, start) - 1  # the last break before the hit
    if k < 0:
        return breaks
    first = next((i for i in range(breaks[k], start + 1) if words[i].strip()), None)
    if first is None or words[first] not in rules.pronouns:
        return breaks
    return [b for i, b in enumerate(breaks) if i != k]


def cites_law(m: Mention, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether mention ``m`` names a law: a word of it in ``rules.laws``, or its last ending as a ``*`` one.

    For the nearest rule: a law cited near a hit of a concept outside
    ``LAW_CONCEPTS`` is not whom the hit is about ("de betrouwbaarheid van
    een persoon als bedoeld in artikel 4:10 van de Wet op het financieel
    toezicht"), and the rule looks past it. A word of ``rules.laws`` before the
    last of a longer mention names one too ("bij algemene maatregel van
    bestuur": the word "maatregel", where "bestuur" alone is a board).
    """
    if not rules.laws:
        return False
    w = words[m.end - 1]
    if w in rules.laws or (rules.law_suffixes and w.endswith(rules.law_suffixes)):
        return True
    return m.end - m.start > 1 and any(x in rules.laws for x in words[m.start : m.end - 1])
