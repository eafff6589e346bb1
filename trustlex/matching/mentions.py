"""Referent mentions: the words of a sentence that name a party of the taxonomy.

A mention is a word, a phrase, a lemma, a compound matched by a wildcard
("managementcommunicatie", "opsporingsambtenaar") or a Dutch compound
written with a hyphen ("ACM-organisatie"), looked up in a
:class:`~trustlex.lexicon.referents.Taxonomy`. The attribution rules that
pick the mention a hit is about are :mod:`trustlex.matching.referents`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, NamedTuple

from trustlex.lexicon.referents import Taxonomy

MIN_STEM = 3  # letters a wildcard term leaves to the rest of a compound
EMPLOYEES = "employees"
GOVERNMENT = "government"
# heads of a compound whose public-body modifier names the party: a public body's own director or
# manager ("Watershed Protection Department director", "police management") is the government
PUBLIC_HEADS = frozenset({"leadership", "direct_manager"})


class Mention(NamedTuple):
    """A referent mention: tokens ``start`` to ``end`` (exclusive) name ``referent``."""

    start: int
    end: int
    referent: str


# Mention((a, b, r)) without the Python-level __new__ of a NamedTuple: find_mentions makes one per candidate
_new = partial(tuple.__new__, Mention)


def word_info(tax: Taxonomy, word: str, lemma: str | None = None) -> tuple | None:
    """Return what a token may take part in: (referent or None, a phrase may end here, cased), or None.

    A Dutch compound written with a hyphen ("ACM-organisatie", "HR-afdeling",
    "OM-afdoeningen") mentions the party its first part names, else the one
    its last part names; so do words joined by a slash ("HR/management").

    Parameters
    ----------
    tax : Taxonomy
        The taxonomy.
    word : str
        A lowercase word form.
    lemma : str or None
        Its lowercase lemma (matched against the taxonomy's ``lemmas``).

    Returns
    -------
    tuple or None
        ``cased`` is (spelling, referent) of a term that matches only as
        written (a hyphen compound's first part: as written before the
        hyphen), else None. None when the token takes part in no mention or
        exclusion.
    """
    single = _single(tax, word, lemma)
    ends = word in tax.phrases
    cased = tax.cased.get(word)
    if single is None and "-" in word.strip("-"):
        # a term written with capitals ("Top-Management") matches only as written; its parts still
        # name a party in any case ("top-management"), and the compound written without the hyphen
        # wins over them ("team-leider" is a "teamleider")
        joined = word.replace("-", "")
        single = tax.words.get(joined) or tax.lemmas.get(joined)
        parts = [p for p in word.split("-") if p]
        part_cased = tax.cased.get(parts[0]) if cased is None and single is None else None
        if part_cased is not None:
            cased = (part_cased[0] + "-", part_cased[1])
        elif single is None:
            single = _single(tax, parts[0], None) or _single(tax, parts[-1], None)
    elif single is None and cased is None and "/" in word.strip("/"):
        # the tokenizers keep "Belastingdienst/Douane" and "HR/management" as one token
        parts = [p for p in word.split("/") if p]
        single = _single(tax, parts[0], None) or _single(tax, parts[-1], None)
    return (single, ends, cased) if single is not None or ends or cased else None


def _single(tax: Taxonomy, word: str, lemma: str | None) -> str | None:
    """The referent a one-word term, lemma or wildcard of the taxonomy gives ``word``, or None.

    A wildcard leaves at least ``MIN_STEM`` letters to the compound's other
    part: "*raad" would match "gemeenteraad" but not "graad" or "beraad".
    """
    single = tax.words.get(word)
    if single is None and lemma is not None:
        single = tax.lemmas.get(lemma)
    if single is not None:
        return single
    # one C-level test over all wildcards first: most words match none
    if tax.prefixes and word.startswith(tuple(tax.prefixes)):
        for prefix, ref in tax.prefixes.items():
            if len(word) >= len(prefix) + MIN_STEM and word.startswith(prefix):
                return ref
    if tax.suffixes and word.endswith(tuple(tax.suffixes)):
        for suffix, ref in tax.suffixes.items():
            if len(word) >= len(suffix) + MIN_STEM and word.endswith(suffix):
                return ref
    return None


def find_mentions(
    words: Sequence[str],
    lemmas: Sequence[str] | None,
    tax: Taxonomy,
    infos: Sequence[tuple | None] | None = None,
    texts: Any = None,
    at: Iterable[int] | None = None,
    table: dict | None = None,
    exclusions: dict | None = None,
) -> list[Mention]:
    """Return the referent mentions in a token list, longest first where they overlap, in order.

    Parameters
    ----------
    words : sequence of str
        Lowercase forms of the tokens (a sentence).
    lemmas : sequence of str or None
        Their lemmas (for the taxonomy's ``lemmas``); only read when ``infos`` is None.
    tax : Taxonomy
        The taxonomy.
    infos : sequence or None
        Per token, :func:`word_info` (computed when None).
    texts : sequence or mapping of str, or None
        The tokens as written, for terms that match only as written (``words``
        when None); only read at tokens whose info has such a term.
    at : iterable of int or None
        The indexes of the tokens whose info is not empty, in order (every
        token when None): a caller that knows them saves the loop over the rest.
    table : dict or None
        :func:`phrase_table` of ``tax`` (built when None: pass it when looking at many sentences).
    exclusions : dict or None
        :func:`_exclude_index` of ``tax`` (looked up when None: pass it when looking at many sentences).

    Returns
    -------
    list of Mention
        Non-overlapping mentions by start; none inside an ``exclude`` phrase.
    """
    if infos is None:
        lemmas = lemmas if lemmas is not None else words
        infos = [word_info(tax, w, lem) for w, lem in zip(words, lemmas, strict=True)]
    texts = words if texts is None else texts
    table = phrase_table(tax) if table is None else table
    cands: list[Mention] = []
    phrases = False
    for i in range(len(infos)) if at is None else at:
        info = infos[i]
        if not info:
            continue
        single, ends, cased = info
        if ends:  # phrases are keyed by their last word
            for k, known, near in table.get(words[i], ()):
                # the word before must be some such phrase's last but one: one set look-up, no slice, else
                if i + 1 < k or (near is not None and words[i - 1] not in near):
                    continue
                ref = known.get(tuple(words[i - k + 1 : i + 1]))
                if ref is not None:
                    cands.append(_new((i - k + 1, i + 1, ref)))
                    phrases = True
                    break  # longest first
        if cased is not None and _as_written(texts[i], cased[0]):
            cands.append(_new((i, i + 1, cased[1])))
        elif single is not None:
            cands.append(_new((i, i + 1, single)))
    # without a phrase, mentions are one token each, one per token, already in order
    found = _longest(cands) if phrases else cands
    if found and tax.exclude:
        index = _exclude_index(tax) if exclusions is None else exclusions
        # most mentions are one word in no exclude phrase: a set look-up rather than a call
        found = [
            m
            for m in found
            if not ((m.end - m.start > 1 or words[m.start] in index) and _excluded(m, words, index))
        ]
    courts = tax.rules.courts
    if found and courts:
        found = [_cited(m, words, courts, tax.rules.genitives) for m in found]
    units = tax.rules.units
    if found and units and not units.isdisjoint(words):  # one C-level test: most sentences have none
        found = [_unit(m, words, texts, units) if words[m.start] in units else m for m in found]
    return found


def ends_phrase(words: dict[int, str], ids: Sequence[int], at: Iterable[int], table: dict) -> bool:
    """Whether some phrase of ``table`` (:func:`phrase_table`) ends at a token ``at`` of the id list ``ids``.

    ``words`` maps each id to its lowercase form. :func:`find_mentions` finds
    a phrase there exactly when this is True; a sentence whose only tokens
    of the taxonomy are the last words of phrases ("of", "culture") needs
    no word list when it is False.
    """
    for i in at:
        for k, known, near in table.get(words[ids[i]], ()):
            if i + 1 < k or (near is not None and words[ids[i - 1]] not in near):
                continue
            if known.get(tuple(map(words.__getitem__, ids[i - k + 1 : i + 1]))) is not None:
                return True
    return False


def _cited(m: Mention, words: Sequence[str], courts: frozenset[str], genitives: frozenset[str]) -> Mention:
    """``m`` as the court it is when it cites case law with a date, else ``m`` unchanged.

    A court's abbreviation (the ``courts`` of the ``[rules]`` table) followed
    by a date, or by a comma or genitive and then a date, cites a ruling:
    "HR 12 maart 2019", "HR, 25-1-2005", "het arrest van de HR van 8 maart
    2013" are the Hoge Raad, a court (``government``), not the HR department
    the same letters name elsewhere.
    """
    if m.end - m.start != 1 or words[m.start] not in courts:
        return m
    k = m.end
    if k < len(words) and (words[k] == "," or words[k] in genitives):
        k += 1
    # the regulations often write "25\u00a0november", whose space the tokenizer makes a token
    if _DATE.match(_SPACES.sub(" ", " ".join(words[k : k + 4]))):
        return Mention(m.start, m.end, GOVERNMENT)
    return m


def _unit(m: Mention, words: Sequence[str], texts: Any, units: frozenset[str]) -> Mention:
    """``m`` as the public body's unit it names when a capitalised name follows it, else ``m`` unchanged.

    A word of the ``units`` of the ``[rules]`` table followed by a word
    written with a capital opens the name of a ministry's or agency's
    directorate: "de Directie Wetgeving", "directie Internationale Fiscale
    Zaken", "Directie UAW" are ``government``, while "de directie van het
    bedrijf" and "DE DIRECTIE EN" (all capitals: no name told) stay what the
    word names alone. ``texts`` holds the tokens as written (lowercase
    ``words`` tell no name: then nothing changes).
    """
    k = m.end
    if k - m.start != 1 or k >= len(words) or words[m.start] not in units:
        return m
    try:
        own, name = texts[m.start], texts[k]
    except (KeyError, IndexError):  # a mapping of some tokens only: no text, no name told
        return m
    if name[:1].isupper() and not own.isupper():
        return Mention(m.start, m.end, GOVERNMENT)
    return m


# a date as case law gives it: "12 maart 2019", "08-03-1994", "3.7.2001" (not "2 jaar na")
_DATE = re.compile(r"(?:\d{1,2} [^\W\d_]+\.? \d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\w)")
_SPACES = re.compile(r"\s+")


def named_parties(mentions: list[Mention], breaks: Sequence[int] = ()) -> list[Mention]:
    """Return the mentions that may be a referent: no compound's modifier, ``employees`` only alone.

    A mention right before another is the modifier of a compound whose head
    names the party ("branch managers", "city council members"); it drops
    out. ``employees`` counts only where no other party is named on its line
    (``breaks``: the indexes of the tokens holding a line break, in order):
    "management doesn't care about employees" is leadership's, but a
    review's "Transparent leadership" line leaves the employees of its
    "Focus on employee well-being" line their own.
    """
    if len(mentions) < 2:  # one mention (most sentences): no compound, and employees alone stay
        return mentions
    mentions = _heads(mentions)
    if not any(m.referent == EMPLOYEES for m in mentions):
        return mentions
    if not breaks:
        if any(m.referent != EMPLOYEES for m in mentions):
            return [m for m in mentions if m.referent != EMPLOYEES]
        return mentions
    lines = [bisect_left(breaks, m.start) for m in mentions]
    others = {k for m, k in zip(mentions, lines, strict=True) if m.referent != EMPLOYEES}
    return [m for m, k in zip(mentions, lines, strict=True) if m.referent != EMPLOYEES or k not in others]


def _heads(mentions: list[Mention]) -> list[Mention]:
    """The mentions less the modifiers of compounds; a public body's leader is ``government``.

    Of two mentions side by side the first modifies the second ("branch
    managers"), unless the first is a public body and the second a leader
    (``PUBLIC_HEADS``): then the compound is the body ("Watershed Protection
    Department director", "police management"), and its text both mentions.
    A head of several words is no such leader: in Dutch word order, "het
    oordeel van het college het bestuur ..." is a subject and an object.
    """
    kept: list[Mention] = []
    prev = None
    for m in mentions:
        if prev is not None and prev.end == m.start:
            kept.pop()
            if prev.referent == GOVERNMENT and m.referent in PUBLIC_HEADS and m.end - m.start == 1:
                m = Mention(prev.start, m.end, GOVERNMENT)
        kept.append(m)
        prev = m
    return kept


def _longest(cands: list[Mention]) -> list[Mention]:
    """Overlapping mentions: the longest, then the leftmost wins; the rest drop out. By start."""
    cands = sorted(cands, key=lambda m: (m.start - m.end, m.start))
    taken: set[int] = set()
    found = []
    for m in cands:
        span = range(m.start, m.end)
        if taken.isdisjoint(span):
            taken.update(span)
            found.append(m)
    found.sort()
    return found


def _as_written(text: str, spelling: str) -> bool:
    """Whether a token is a term that matches only as written (before the hyphen of a compound)."""
    return text == spelling or (spelling[-1] == "-" and text.startswith(spelling))


def _excluded(m: Mention, words: Sequence[str], index: dict) -> bool:
    """Whether an ``exclude`` phrase (``index``: :func:`_exclude_index`) covers a word of mention ``m``."""
    for i in range(m.start, m.end):
        for k, n, phrases, d, near in index.get(words[i], ()):
            # a mention that goes on past the phrase, or starts before it, stays: "in the city" is no
            # "city council", "members of" no "council members"
            a = i - k
            if m.start >= a >= 0 and a + n >= m.end:
                # the word beside this one must be its neighbour in some phrase: else no slice compared
                j = i + d
                if d and (j >= len(words) or words[j] not in near):
                    continue
                if tuple(words[a : a + n]) in phrases:
                    return True
    return False


def _exclude_index(tax: Taxonomy) -> dict[str, tuple[tuple[int, int, frozenset, int, frozenset], ...]]:
    """Every word of the exclude phrases -> (position, length, the phrases, d, near); built once per taxonomy.

    Grouped by position and length, so a word in many phrases ("management"
    in "risk management", "time management", ...) costs one set look-up per
    group rather than one comparison per phrase. ``near`` holds the words
    these phrases have at the word's position plus ``d`` (-1: the word
    before it, 1: after it, 0: a phrase of one word, no neighbour): a word
    whose neighbour is in none of them needs no slice compared.
    """
    key = tax.exclude
    cached = _EXCLUDE_INDEX.get(id(tax))
    if cached is not None and cached[0] is key:
        return cached[1]
    groups: dict[str, dict[tuple[int, int], set]] = {}
    for phrase in key:
        for k, w in enumerate(phrase):
            groups.setdefault(w, {}).setdefault((k, len(phrase)), set()).add(phrase)
    index = {
        w: tuple(
            (k, n, frozenset(p), _side(k, n), frozenset(q[k + _side(k, n)] for q in p))
            for (k, n), p in g.items()
        )
        for w, g in groups.items()
    }
    _EXCLUDE_INDEX[id(tax)] = (key, index)
    return index


_EXCLUDE_INDEX: dict[int, tuple[tuple, dict]] = {}


def _side(k: int, n: int) -> int:
    """Which neighbour of the word at ``k`` in a phrase of ``n`` words :func:`_excluded` tests first."""
    return -1 if k else (1 if n > 1 else 0)


def phrase_table(
    tax: Taxonomy,
) -> dict[str, tuple[tuple[int, dict[tuple[str, ...], str], frozenset[str] | None], ...]]:
    """Return the taxonomy's phrases by last word: (length, {phrase: referent}, last but ones), longest first.

    :func:`find_mentions` with this table costs one slice and one look-up
    per phrase length where a word ends phrases, instead of one comparison
    per phrase ("manager" ends twenty); and none where the word before is
    the last but one of no phrase of that length (``None`` for one-word
    phrases).

    Parameters
    ----------
    tax : Taxonomy
        The taxonomy (build the table again after adding terms to it).

    Returns
    -------
    dict
    """
    out = {}
    for last, pairs in tax.phrases.items():
        by_len: dict[int, dict[tuple[str, ...], str]] = {}
        for words, ref in pairs:
            by_len.setdefault(len(words), {}).setdefault(words, ref)
        out[last] = tuple(
            (k, known, frozenset(p[-2] for p in known) if k > 1 else None)
            for k, known in sorted(by_len.items(), key=lambda x: -x[0])
        )
    return out
