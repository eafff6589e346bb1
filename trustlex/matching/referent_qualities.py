"""Employees described as kind or unkind are the colleagues: they act, they are not cared for.

The codebook gives ``employees`` to the employees as the object of care
("they care about their employees", "employees are not valued"). Employees
whom a hit describes by a quality of their own ("Helpful employees", "Staff
is nice", "the associates are kind") are the people one works with, whom
the coders give ``colleagues``, as they do "friendly coworkers". The
qualities are the ``qualities`` words of a referent file's ``[rules]``
table; a file without them keeps every such hit the employees'.
"""

from __future__ import annotations

from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.matching.mentions import EMPLOYEES, Mention

COLLEAGUES = "colleagues"
# the concepts whose quality words describe the people themselves: goodwill (ability has no
# `employees` referent; pressure, risk and duty are the employees' as their object)
DESCRIBED = frozenset({"benevolence"})
# the concept whose hit is itself the quality: employees so described are the colleagues ("competent staff",
# "Employees are knowledgeable"), others named for it are nobody ("training of employees", "integrate staff")
ABLE = "ability"
ABLE_REACH = 5  # at most so many words from the employees as its subject to the hit


def described(
    m: Mention, start: int, end: int, concept: str, words: Sequence[str], rules: ReferentWords
) -> Mention | None:
    """Return ``m`` as a ``colleagues`` mention where the hit describes employees by a quality, else ``m``.

    The hit (tokens ``start`` to ``end`` of ``words``) must hold a word of
    ``rules.qualities`` and describe the employees by it: as their predicate
    after them ("Staff is nice", "the employees you meet are quite kind": at
    least one word between, so the compound "employee friendly", friendly to
    employees, stays theirs) or as the adjective right before them ("Helpful
    employees", "friendly and caring staff"). Employees after a quality with
    other words between are its object ("kind to employees", "respectful
    treatment of employees") and stay. Only ``DESCRIBED`` concepts change.
    Every rule applies it, the parse too ("the employees you talk
    to every day are quite kind" is beyond the pattern's reach). An ability hit describes the
    employees by itself (:func:`_able`): they are the colleagues; employees it does not describe are
    none of its parties (None).
    """
    if concept == ABLE and m.referent == EMPLOYEES:
        return Mention(m.start, m.end, COLLEAGUES) if _able(m, start, end, words, rules) else None
    if m.referent != EMPLOYEES or concept not in DESCRIBED or not rules.qualities:
        return m
    qualities = rules.qualities
    if m.start > start:
        # after the hit's start: the adjective right before the employees, inside the hit or ending it
        k = m.start - 1
        if start <= k < end and words[k] in qualities:
            return Mention(m.start, m.end, COLLEAGUES)
        return m
    # before the hit or starting it: the subject of a quality with a word between
    if any(w in qualities for w in words[max(start, m.end + 1) : end]):
        return Mention(m.start, m.end, COLLEAGUES)
    return m


def _able(m: Mention, start: int, end: int, words: Sequence[str], rules: ReferentWords) -> bool:
    """Whether the ability hit ``start:end`` describes the employees ``m``: as their adjective or predicate.

    The hit ends right before them or holds them with no preposition before them ("competent staff",
    "smart employees", not "training of employees"), or they come at most ``ABLE_REACH`` words before it,
    with no preposition or conjunction between ("Staff is capable", "staff that don't know", not
    "employee growth or talent").
    """
    links = rules.genitives | rules.recipients | rules.sources | rules.beneficiaries | rules.agents
    if m.start >= start:
        return m.start <= end and not any(w in links for w in words[start : m.start])
    if m.end > start or start - m.end > ABLE_REACH:  # "Employee competency": theirs
        return False
    return not any(w in links or w in rules.conjunctions for w in words[m.end : start])
