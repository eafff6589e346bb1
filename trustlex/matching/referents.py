"""Referent attribution: who each hit is about (management, colleagues, the government, ...).

The rules are pure functions over token lists, like the context rules in
:mod:`trustlex.matching.context`, applied in order:

1. ``pattern``: a referent mention that is part of the hit itself
   ("toezichthouder", "law enforcement"); a possessive or compound right
   before it ("leadership 's honesty", "HR processes"); the noun the hit
   modifies right after it ("friendly coworkers"); then, within the hit's
   clause (up to a comma, colon, dash or a contrastive conjunction), the
   object of trust words ("trust in X", "vertrouwen in X", "don't trust
   X") or the subject of other predicates ("management lies", "mijn
   leidinggevende luistert niet");
2. ``parse``: when the doc has a dependency parse, the mention closest to
   the hit in the tree;
3. ``nearest``: the nearest mention in the same sentence;
4. otherwise ``none``, with empty text.

Mentions come from a :class:`~trustlex.lexicon.referents.Taxonomy` (words,
phrases, lemmas, compound wildcards). Pronouns are not mentions. The
``employees`` referent counts only where no other party is named (the
codebook's rule: "management doesn't care about employees" is leadership).
:class:`ReferentIndex` caches the per-word-type look-ups, so attribution
costs little and only sentences with hits are looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import HEAD

from trustlex.lexicon.referents import NONE, Taxonomy, shipped_taxonomy

HOWS: tuple[str, ...] = ("pattern", "parse", "nearest", NONE)
"""How a referent was found, most direct first (the sentence level prefers the first)."""
HOW_RANK = {h: i for i, h in enumerate(HOWS)}

# concepts whose hit word takes its referent as object: "trust in X", "depend on X"
OBJECT_FIRST = frozenset({"trust"})
# tokens that end a clause for the pattern rule (the nearest rule ignores them)
BOUNDARY_PUNCT = frozenset(',;:()[]!?.-\u2013\u2014\u2022|*"\u201c\u201d')
BOUNDARY_WORDS = frozenset(
    {
        "but", "while", "whereas", "although", "though", "however", "yet", "unless", "except",
        "maar", "terwijl", "hoewel", "echter", "doch", "behalve", "tenzij", "ofschoon",
    }
)  # fmt: skip
# tokens a possessive or compound may have between mention and hit
TRANSPARENT = frozenset({"'s", "\u2019s", "s", "'", "\u2019", "-"})
REACH_BEFORE = 6
REACH_AFTER = 5
NEAREST_REACH = 40
EMPLOYEES = "employees"


class Mention(NamedTuple):
    """A referent mention: tokens ``start`` to ``end`` (exclusive) name ``referent``."""

    start: int
    end: int
    referent: str


def word_info(tax: Taxonomy, word: str, lemma: str | None = None) -> tuple | None:
    """Return what a token may take part in: (referent or None, a phrase may end here, cased), or None.

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
        written, else None. None when the token takes part in no mention or
        exclusion.
    """
    single = tax.words.get(word)
    if single is None and lemma is not None:
        single = tax.lemmas.get(lemma)
    if single is None:
        for prefix, ref in tax.prefixes.items():
            if len(word) > len(prefix) and word.startswith(prefix):
                single = ref
                break
    if single is None:
        for suffix, ref in tax.suffixes.items():
            if len(word) > len(suffix) and word.endswith(suffix):
                single = ref
                break
    ends = word in tax.phrases
    cased = tax.cased.get(word)
    return (single, ends, cased) if single is not None or ends or cased else None


def _phrase_end(words: Sequence[str], i: int, phrase: tuple[str, ...]) -> int | None:
    k = len(phrase)
    if tuple(words[i : i + k]) == phrase:
        return i + k
    return None


def find_mentions(
    words: Sequence[str],
    lemmas: Sequence[str] | None,
    tax: Taxonomy,
    infos: Sequence[tuple | None] | None = None,
    texts: Sequence[str] | None = None,
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
    texts : sequence of str or None
        The tokens as written, for terms that match only as written (``words`` when None).

    Returns
    -------
    list of Mention
        Non-overlapping mentions by start; none inside an ``exclude`` phrase.
    """
    if infos is None:
        lemmas = lemmas if lemmas is not None else words
        infos = [word_info(tax, w, lem) for w, lem in zip(words, lemmas, strict=True)]
    texts = words if texts is None else texts
    cands: list[Mention] = []
    for i, info in enumerate(infos):
        if not info:
            continue
        single, ends, cased = info
        if ends:  # phrases are keyed by their last word
            for phrase, ref in tax.phrases.get(words[i], ()):
                k = len(phrase)
                if i - k + 1 >= 0 and _phrase_end(words, i - k + 1, phrase) is not None:
                    cands.append(Mention(i - k + 1, i + 1, ref))
                    break  # longest first
        if cased is not None and texts[i] == cased[0]:
            cands.append(Mention(i, i + 1, cased[1]))
        elif single is not None:
            cands.append(Mention(i, i + 1, single))
    # longest first, then leftmost; overlapping shorter ones drop out
    cands.sort(key=lambda m: (m.start - m.end, m.start))
    taken: set[int] = set()
    found = []
    for m in cands:
        span = range(m.start, m.end)
        if taken.isdisjoint(span):
            taken.update(span)
            found.append(m)
    found.sort()
    if found and tax.exclude:
        found = [m for m in found if not _excluded(m, words, tax)]
    return found


def _excluded(m: Mention, words: Sequence[str], tax: Taxonomy) -> bool:
    """Whether an ``exclude`` phrase of the taxonomy covers a word of mention ``m``."""
    index = _exclude_index(tax)
    for i in range(m.start, m.end):
        for phrase, k in index.get(words[i], ()):
            if i - k >= 0 and _phrase_end(words, i - k, phrase) is not None:
                return True
    return False


def _exclude_index(tax: Taxonomy) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Every word of the exclude phrases -> (phrase, its position there); built once per taxonomy."""
    key = tax.exclude
    cached = _EXCLUDE_INDEX.get(id(tax))
    if cached is not None and cached[0] is key:
        return cached[1]
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in key:
        for k, w in enumerate(phrase):
            index.setdefault(w, []).append((phrase, k))
    _EXCLUDE_INDEX[id(tax)] = (key, index)
    return index


_EXCLUDE_INDEX: dict[int, tuple[tuple, dict]] = {}


def named_parties(mentions: list[Mention]) -> list[Mention]:
    """Return the mentions that may be a referent: ``employees`` only when no other party is named."""
    if any(m.referent == EMPLOYEES for m in mentions) and any(m.referent != EMPLOYEES for m in mentions):
        return [m for m in mentions if m.referent != EMPLOYEES]
    return mentions


def _is_boundary(word: str) -> bool:
    return word in BOUNDARY_WORDS or (len(word) <= 2 and word in BOUNDARY_PUNCT) or "\n" in word


def clause(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Return the token range of the clause around tokens ``start`` to ``end`` within ``words``.

    A clause ends at punctuation that separates (comma, colon, dash, ...),
    a line break, or a contrastive conjunction ("but", "maar").
    """
    lo = start
    while lo > 0 and not _is_boundary(words[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(words) and not _is_boundary(words[hi]):
        hi += 1
    return lo, hi


def by_pattern(
    start: int, end: int, concept: str, mentions: list[Mention], words: Sequence[str]
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

    Returns
    -------
    Mention or None
    """
    inside = None
    for m in mentions:
        if m.start < end and start < m.end:
            if m.start <= start or concept in OBJECT_FIRST:
                return m  # the hit names the party itself ("toezichthouder", "trust in management")
            inside = inside or m  # an object inside the hit ("care about their people"): after a subject
    lo, hi = clause(words, start, end)
    before = [m for m in mentions if lo <= m.start and m.end <= start and start - m.end <= REACH_BEFORE]
    after = [m for m in mentions if end <= m.start and m.end <= hi and m.start - end < REACH_AFTER]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    if prev is not None and all(w in TRANSPARENT for w in words[prev.end : start]):
        return prev  # possessive or compound: "leadership 's honesty", "HR processes"
    if nxt is not None and nxt.start == end:
        return nxt  # the noun the hit modifies: "friendly coworkers", "vertrouwen management"
    if inside is not None:
        return prev or inside
    first, second = (nxt, prev) if concept in OBJECT_FIRST else (prev, nxt)
    return first or second


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
    start: int, end: int, mentions: list[Mention], words: Sequence[str] | None = None
) -> Mention | None:
    """Return the mention nearest the hit (by tokens between them; a tie goes to the earlier one).

    With ``words``, a mention counts only on the hit's line (survey answers and
    reviews list unrelated points on lines of their own) and within
    ``NEAREST_REACH`` tokens.
    """
    best = None
    best_d = 0
    for m in mentions:
        d = start - m.end if m.end <= start else m.start - end
        if words is not None:
            gap = words[m.end : start] if m.end <= start else words[end : m.start]
            if d > NEAREST_REACH or any("\n" in w for w in gap):
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

    Returns
    -------
    tuple
        (Mention or None, how).

    Examples
    --------
    >>> from trustlex.lexicon.referents import Taxonomy
    >>> tax = Taxonomy("en")
    >>> tax.add_term("management", "leadership")
    >>> words = "i do n't trust management".split()
    >>> m, how = attribute(3, 4, "trust", find_mentions(words, None, tax), words)
    >>> (m.referent, how)
    ('leadership', 'pattern')
    """
    parties = named_parties(mentions)
    if not parties:
        return None, NONE
    m = by_pattern(start, end, concept, parties, words)
    if m is not None:
        return m, "pattern"
    if heads is not None:
        m = by_tree(start, end, parties, heads)
        if m is not None:
            return m, "parse"
    m = nearest(start, end, parties, words)
    return (m, "nearest") if m is not None else (None, NONE)


def distance(start: int, end: int, m: Mention | None) -> int:
    """Return the number of tokens between a hit and its mention (0 when they touch or overlap)."""
    if m is None:
        return 1 << 30
    return max(0, start - m.end, m.start - end)


class ReferentIndex:
    """A taxonomy compiled for one vocabulary: per-word-type look-ups, cached, and the attribution of hits.

    Parameters
    ----------
    taxonomy : Taxonomy or None
        The referent taxonomy; None: the shipped one of ``lang``.
    strings : StringStore
        The vocabulary's strings (token ids to text).
    lang : str
        The language (for the shipped taxonomy).
    """

    def __init__(self, taxonomy: Taxonomy | None, strings: Any, lang: str = "") -> None:
        self.taxonomy = shipped_taxonomy(lang) if taxonomy is None else taxonomy
        self.strings = strings
        self.cache: dict[Any, tuple | None] = {}
        self.live: set[int] = set()  # form ids that take part in some mention

    def info(self, low: int, lem: int = 0) -> tuple | None:
        """Return :func:`word_info` of a token by its form's and lemma's string ids; ``()`` for none (cached).

        The lemma is read only when the taxonomy has ``lemmas``; otherwise the
        cache is keyed by the form alone.
        """
        key = (low, lem) if self.taxonomy.lemmas else low
        try:
            return self.cache[key]
        except KeyError:
            strings = self.strings
            lemma = strings[lem].lower() if lem and self.taxonomy.lemmas else None
            out = self.cache[key] = word_info(self.taxonomy, strings[low].lower(), lemma) or ()
            return out

    def attribute(
        self,
        hits: list,
        doc: Any,
        bounds: Any,
        lowers: list[int],
        lemmas: list[int],
    ) -> None:
        """Set ``referent``, ``referent_text``, ``referent_how`` and ``referent_dist`` on each hit.

        Parameters
        ----------
        hits : list of Hit
            The doc's hits (their ``sent`` set).
        doc : Doc
            The doc (for the mention's text).
        bounds : callable
            ``bounds(sent)`` returns the (start, end) tokens of sentence ``sent``.
        lowers, lemmas : list of int
            String ids of the tokens' lowercase forms and lemmas.
        """
        if not hits or not self.taxonomy:
            return
        info = self.info
        by_lemma = bool(self.taxonomy.lemmas)
        if not by_lemma:
            # most docs name nobody: set operations in C decide that without a per-token loop
            cache = self.cache
            types = set(lowers)
            for low in types.difference(cache):
                if info(low):
                    self.live.add(low)
            if types.isdisjoint(self.live):
                return
        heads = None
        if doc.has_annotation("DEP"):  # a parse, when the pipeline has one: absolute head indexes
            heads = (doc.to_array(HEAD).astype(np.int64) + np.arange(len(doc))).tolist()
        strings = self.strings
        per_sent: dict[int, tuple] = {}
        for hit in hits:
            got = per_sent.get(hit.sent)
            if got is None:
                lo, hi = bounds(hit.sent)
                if by_lemma:
                    infos = list(map(info, lowers[lo:hi], lemmas[lo:hi]))
                elif self.live.isdisjoint(lowers[lo:hi]):
                    infos = []
                else:  # every type of the doc is cached by now: one C-level look-up per token
                    infos = list(map(cache.__getitem__, lowers[lo:hi]))
                if not any(infos):
                    got = per_sent[hit.sent] = (lo, [], [])
                else:
                    words = list(map(strings.__getitem__, lowers[lo:hi]))  # lowercase already
                    texts = [t.text for t in doc[lo:hi]] if any(x and x[2] for x in infos) else None
                    mentions = find_mentions(words, None, self.taxonomy, infos, texts)
                    got = per_sent[hit.sent] = (lo, mentions, words)
            lo, mentions, words = got
            if not mentions:
                continue
            sent_heads = None
            if heads is not None:  # a head outside trustlex's sentence counts as a root
                n = len(words)
                sent_heads = [h - lo if lo <= h < lo + n else k for k, h in enumerate(heads[lo : lo + n])]
            m, how = attribute(hit.start - lo, hit.end - lo, hit.entry.concept, mentions, words, sent_heads)
            if m is not None:
                hit.referent, hit.referent_how = m.referent, how
                hit.referent_text = doc[lo + m.start : lo + m.end].text
                hit.referent_dist = distance(hit.start - lo, hit.end - lo, m)
