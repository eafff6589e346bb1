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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress
from typing import Any

import numpy as np
from spacy.attrs import HEAD

from trustlex.lexicon.referents import NONE, Taxonomy, shipped_taxonomy
from trustlex.matching.mentions import Mention, find_mentions, named_parties, phrase_table, word_info

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


def _is_boundary(word: str) -> bool:
    return word in BOUNDARY_WORDS or (len(word) <= 2 and word in BOUNDARY_PUNCT) or "\n" in word


def clause(words: Sequence[str], start: int, end: int, marks: Sequence[int] | None = None) -> tuple[int, int]:
    """Return the token range of the clause around tokens ``start`` to ``end`` within ``words``.

    A clause ends at punctuation that separates (comma, colon, dash, ...),
    a line break, or a contrastive conjunction ("but", "maar"). ``marks``,
    the indexes of those tokens in order, saves looking at every word.
    """
    if marks is not None:
        i = bisect_left(marks, start)
        j = bisect_left(marks, end, i)
        return (marks[i - 1] + 1 if i else 0), (marks[j] if j < len(marks) else len(words))
    lo = start
    while lo > 0 and not _is_boundary(words[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(words) and not _is_boundary(words[hi]):
        hi += 1
    return lo, hi


def by_pattern(
    start: int,
    end: int,
    concept: str,
    mentions: list[Mention],
    words: Sequence[str],
    marks: Sequence[int] | None = None,
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

    Returns
    -------
    Mention or None
    """
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    return _pattern(start, end, concept in OBJECT_FIRST, mentions, starts, ends, words, marks)[0]


def _pattern(
    start: int,
    end: int,
    object_first: bool,
    parties: Sequence[Mention],
    starts: Sequence[int],
    ends: Sequence[int],
    words: Sequence[str],
    marks: Sequence[int] | None,
) -> tuple[Mention | None, int, int]:
    """:func:`by_pattern` by bisection over non-overlapping mentions in order (``starts``, ``ends``).

    Returns (the mention or None, the index of the first mention after the
    hit's start, the index of the first at or after its end): where the
    nearest rule looks next.
    """
    n = len(parties)
    i = bisect_right(ends, start)  # parties[i:] end after the hit starts
    inside = None
    if i < n and parties[i].start < end:  # the first mention that overlaps the hit
        m = parties[i]
        if m.start <= start or object_first:
            return m, i, i  # the hit names the party itself ("toezichthouder", "trust in management")
        inside = m  # an object inside the hit ("care about their people"): after a subject
    j = bisect_left(starts, end, i)
    if marks is not None:  # clause() inlined: this runs once per hit
        a = bisect_left(marks, start)
        b = bisect_left(marks, end, a)
        lo, hi = (marks[a - 1] + 1 if a else 0), (marks[b] if b < len(marks) else len(words))
    else:
        lo, hi = clause(words, start, end)
    # the last mention before the hit and the first after it; an earlier (later) one is farther
    # and no more inside the clause
    prev = parties[i - 1] if i else None
    if prev is not None and (prev.start < lo or start - prev.end > REACH_BEFORE):
        prev = None
    nxt = parties[j] if j < n else None
    if nxt is not None and (nxt.end > hi or nxt.start - end >= REACH_AFTER):
        nxt = None
    if prev is not None and all(w in TRANSPARENT for w in words[prev.end : start]):
        return prev, i, j  # possessive or compound: "leadership 's honesty", "HR processes"
    if nxt is not None and nxt.start == end:
        return nxt, i, j  # the noun the hit modifies: "friendly coworkers", "vertrouwen management"
    if inside is not None:
        return prev or inside, i, j
    first, second = (nxt, prev) if object_first else (prev, nxt)
    return first or second, i, j


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
    return _attribute(start, end, concept, named_parties(mentions), words, heads, None, None)


def _attribute(
    start: int,
    end: int,
    concept: str,
    parties: list[Mention],
    words: Sequence[str],
    heads: Sequence[int] | None,
    marks: Sequence[int] | None,
    breaks: Sequence[int] | None,
    spans: tuple[list[int], list[int]] | None = None,
) -> tuple[Mention | None, str]:
    """:func:`attribute` over mentions reduced to :func:`named_parties` (``spans``: their starts and ends)."""
    if not parties:
        return None, NONE
    starts, ends = spans if spans is not None else ([m.start for m in parties], [m.end for m in parties])
    m, i, j = _pattern(start, end, concept in OBJECT_FIRST, parties, starts, ends, words, marks)
    if m is not None:
        return m, "pattern"
    if heads is not None:
        m = by_tree(start, end, parties, heads)
        if m is not None:
            return m, "parse"
    # no mention overlaps the hit here: the nearest is the last before it or the first after it (an
    # earlier or later one is farther, and a line break before the nearer one is before it too)
    if breaks is None:  # no line-break marks: the plain rule
        m = nearest(start, end, parties, words)
    else:
        m = _nearest_of(
            start, end, parties[i - 1] if i else None, parties[j] if j < len(parties) else None, breaks
        )
    return (m, "nearest") if m is not None else (None, NONE)


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


def _heads(doc: Any) -> list[int] | None:
    """The absolute head index of every token when the doc has a dependency parse, else None."""
    if not doc.has_annotation("DEP"):
        return None
    return (doc.to_array(HEAD).astype(np.int64) + np.arange(len(doc))).tolist()


class _Words(Sequence[str]):
    """A sentence's lowercase words, each looked up when read: attribution reads a few of many."""

    __slots__ = ("ids", "text")

    def __init__(self, ids: list[int], text: dict[int, str]) -> None:
        self.ids = ids
        self.text = text

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return list(map(self.text.__getitem__, self.ids[k]))
        return self.text[self.ids[k]]


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
        # per form id, learnt once: whether it takes part in some mention (for a taxonomy without
        # lemmas), ends a clause, holds a line break; sets, so C-level look-ups decide per token
        self.live: set[int] = set()
        self.marks: set[int] = set()
        self.breaks: set[int] = set()
        self.seen: set[int] = set()
        self.words: dict[int, str] = {}  # form id -> its text: a StringStore look-up decodes every time
        self.phrases = phrase_table(self.taxonomy)

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

    def learn(self, types: set[int]) -> None:
        """Record what the form ids ``types`` are: mention words, clause boundaries, line breaks."""
        strings = self.strings
        by_form = not self.taxonomy.lemmas
        for low in types:
            word = self.words[low] = strings[low]
            if _is_boundary(word):
                self.marks.add(low)
                if "\n" in word:
                    self.breaks.add(low)
            if by_form and self.info(low):
                self.live.add(low)
        self.seen.update(types)

    def attribute(
        self,
        hits: list,
        doc: Any,
        bounds: Any,
        lowers: list[int],
        lemmas: list[int],
        parsed: bool = True,
        learned: bool = False,
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
        parsed : bool, default True
            Whether the doc may have a dependency parse (False for a doc straight
            from the tokenizer: the parse rule is not looked for).
        learned : bool, default False
            Whether :meth:`learn` has seen every type of ``lowers`` (the scan teaches it new ones).
        """
        if not hits or not self.taxonomy:
            return
        heads: Any = False if parsed else None  # looked up on the first sentence that names somebody
        per_sent: dict[int, tuple] = {}
        for hit in hits:
            got = per_sent.get(hit.sent)
            if got is None:
                got = per_sent[hit.sent] = self.sentence(doc, *bounds(hit.sent), lowers, lemmas, learned)
            if not got:
                continue
            lo, parties, words, marks, breaks, names, spans = got
            if heads is False:
                heads = _heads(doc)
            sent_heads = None
            if heads is not None:  # a head outside trustlex's sentence counts as a root
                n = len(words)
                sent_heads = [h - lo if lo <= h < lo + n else k for k, h in enumerate(heads[lo : lo + n])]
            start, end = hit.start - lo, hit.end - lo
            m, how = _attribute(
                start, end, hit.entry.concept, parties, words, sent_heads, marks, breaks, spans
            )
            if m is not None:
                text = names.get(m)
                if text is None:  # a mention speaks for many hits as a rule: its text once
                    a = lo + m.start
                    text = names[m] = doc[a].text if m.end - m.start == 1 else doc[a : lo + m.end].text
                hit.referent, hit.referent_how, hit.referent_text = m.referent, how, text
                hit.referent_dist = max(0, start - m.end, m.start - end)  # distance(), inlined

    def sentence(
        self, doc: Any, lo: int, hi: int, lowers: list[int], lemmas: list[int], learned: bool = False
    ) -> tuple:
        """Return what attribution needs of sentence ``lo:hi`` (its tokens); ``()`` if it names nobody.

        That is (lo, the named parties, the lowercase words, the indexes of
        the clause boundaries and of the line breaks, a cache of mention
        texts). Only the tokens that take part in a mention are looked at
        one by one; the rest is C-level look-ups over the token ids.
        """
        sl = lowers[lo:hi]
        n = hi - lo
        # most sentences name nobody: set operations in C over the token ids decide that without a loop
        if not learned and not self.seen.issuperset(sl):
            self.learn(set(sl).difference(self.seen))
        if self.taxonomy.lemmas:
            infos: Any = list(map(self.info, sl, lemmas[lo:hi]))
            at = list(compress(range(n), infos))
        else:
            live = self.live
            if live.isdisjoint(sl):
                return ()
            at = list(compress(range(n), map(live.__contains__, sl)))
            cache = self.cache
            infos = {k: cache[sl[k]] for k in at}
        if not at:
            return ()
        words = _Words(sl, self.words)  # lowercase already
        texts = {k: doc[lo + k].text for k in at if infos[k][2]}
        mentions = find_mentions(words, None, self.taxonomy, infos, texts, at, self.phrases)
        if not mentions:
            return ()
        marks = list(compress(range(n), map(self.marks.__contains__, sl)))
        breaks = [k for k in marks if sl[k] in self.breaks] if self.breaks else []  # breaks end clauses too
        parties = named_parties(mentions)
        spans = ([m.start for m in parties], [m.end for m in parties])
        return lo, parties, words, marks, breaks, {}, spans
