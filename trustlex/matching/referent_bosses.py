"""Which bosses a mention names: managers as one's own (``direct_manager``), "corporate" as the head office.

"Managers" alone are ``leadership`` to the coders (30 to 5 in the train
split). They are one's own bosses, ``direct_manager``, where the sentence
says so: where the writer had them ("the leaders who I had", "Managers I
worked with were awesome": the ``had_bosses`` phrases of a referent file's
``[rules]`` table right after them), or where one's own boss is named on the
same line in another clause ("Managers are focused on numbers, supervisors
are mean", "Excellent managers, I have never had a bad manager"). A pair in
one clause is a list ("supervisors and managers") and stays. A higher tier
in another clause ("Managers are supportive ... while Senior Management
...") was tried as a sign too and left out: it gained one pair on half a of
the train split and lost one on half b. The plural words are the ``bosses``
of the ``[rules]`` table (English "managers", "leaders"); a file without
them keeps every such mention ``leadership``.

"Corporate" as a noun is the head office, ``leadership`` to the coders
("Corporate is distant", "toxic in corporate either": :func:`head_office`,
the ``offices`` and ``office_followers`` words); before a noun it stays the
organisation's ("corporate culture"). :func:`settled` applies these after
:func:`~trustlex.matching.referent_qualities.described`, whatever rule
found the mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.matching.mentions import EMPLOYEES, Mention
from trustlex.matching.referent_conjuncts import dropped_pair
from trustlex.matching.referent_parties import is_boundary
from trustlex.matching.referent_qualities import described

LEADERSHIP = "leadership"
DIRECT_MANAGER = "direct_manager"
# punctuation that ends no clause here: a compound's hyphen ("micro - manager"), a quote ('"corporate"')
JOINS = frozenset({"-", '"', "\u201c", "\u201d", "'"})
# the parties settled() may rename: employees (described), leadership (own_bosses), organisation (head_office)
SETTLED = frozenset({EMPLOYEES, LEADERSHIP, "organisation"})


def settled(
    m: Mention,
    start: int,
    end: int,
    concept: str,
    parties: Sequence[Mention],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """Return ``m`` as the last rules name it: as colleagues, as one's own bosses, else as it is.

    :func:`~trustlex.matching.referent_qualities.described` (employees
    described by a quality are the colleagues), then :func:`own_bosses`.
    None where ``m`` is employees whom an ability hit does not describe (nobody).
    """
    if m.referent not in SETTLED:  # the three rules below change none of the other parties
        return m
    if (d := described(m, start, end, concept, words, rules)) is None:  # employees an ability is not about
        return None
    return head_office(own_bosses(d, parties, words, rules), words, rules)


def head_office(m: Mention, words: Sequence[str], rules: ReferentWords) -> Mention:
    """Return ``m`` as ``leadership`` where it names an organisation's head office as a noun, else ``m``.

    ``m`` must be an ``organisation`` mention of one word of ``rules.offices``
    ("corporate") that ends its clause or is followed by a word of
    ``rules.office_followers`` (a verb or adverb: "Corporate is distant",
    "corporate has only taken things away", "toxic in corporate either");
    before a noun it is the company's ("corporate culture", "corporate
    bureaucracy").
    """
    if m.referent != "organisation" or m.end - m.start != 1 or words[m.start] not in rules.offices:
        return m
    if (
        m.end == len(words)
        or words[m.end] in rules.office_followers
        or (words[m.end] not in JOINS and is_boundary(words[m.end], rules.boundaries))
    ):
        return Mention(m.start, m.end, LEADERSHIP)
    return m


def own_bosses(m: Mention, parties: Sequence[Mention], words: Sequence[str], rules: ReferentWords) -> Mention:
    """Return ``m`` as a ``direct_manager`` mention where it names one's own bosses in the plural, else ``m``.

    ``m`` must be a ``leadership`` mention of one word of ``rules.bosses``
    ("managers"), followed by a phrase of ``rules.had_bosses`` ("who i had"),
    or named on the line of a ``direct_manager`` mention in another clause:
    a boundary (a comma, "while", "but") stands between them.
    ``parties`` are the sentence's named parties, ``words`` its lowercase tokens.
    """
    if m.referent != LEADERSHIP or m.end - m.start != 1 or words[m.start] not in rules.bosses:
        return m
    after = words[m.end : m.end + 4]
    if any(tuple(after[: len(p)]) == p for p in rules.had_bosses):
        return Mention(m.start, m.end, DIRECT_MANAGER)
    for other in parties:
        if other.referent != DIRECT_MANAGER:
            continue
        lo, hi = (m.end, other.start) if m.end <= other.start else (other.end, m.start)
        between = words[lo:hi]
        if any("\n" in w for w in between):
            continue  # another line: another point of a review
        if any(w not in JOINS and is_boundary(w, rules.boundaries) for w in between):
            return Mention(m.start, m.end, DIRECT_MANAGER)
    return m


def pair_party(
    start: int,
    end: int,
    concept: str,
    mentions: Sequence[Mention],
    parties: Sequence[Mention],
    words: Sequence[str],
    rules: ReferentWords,
) -> Mention | None:
    """Return the first of a subject pair whose second was dropped, settled as every party is; else None.

    The fallback after the other rules found nobody: see
    :func:`~trustlex.matching.referent_conjuncts.dropped_pair` and :func:`settled`.
    """
    m = dropped_pair(start, end, mentions, parties, words, rules)
    return None if m is None else settled(m, start, end, concept, parties, words, rules)
