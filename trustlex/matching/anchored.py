"""Anchored token patterns: run near the tokens that anchor them, inside their sentence.

A ``pattern`` entry that is no plain sequence is anchored at its rarest
required word (:mod:`trustlex.matching.index`); :func:`pattern_matches` runs
it on trustlex's interpreter (:func:`trustlex.matching.patterns.run_pattern`)
only within reach of a token holding that word, and only where every word the
pattern requires occurs in the sentence. Patterns outside the interpreter's
subset run on spaCy's ``Matcher``, on the same windows.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trustlex.lang.sentences import Sentences
from trustlex.matching.index import LexiconIndex
from trustlex.matching.patterns import run_pattern

# The most answers of live_patterns kept across docs (then the cache starts afresh).
LIVE_CACHE = 50_000


def live_patterns(ix: LexiconIndex, key: str, doc_words: set[int]) -> list[tuple]:
    """Return the patterns of anchor ``key`` whose required words all occur in ``doc_words``.

    "not" anchors a pattern in most reviews, and most reviews lack its
    other words: the key's gate (see ``LexiconIndex._gate``) settles most of
    them with one set test. Each pattern comes as its record in ``ix.runs``.
    The answer depends on the doc's words only through those the key's gate
    and patterns test (``ix.key_words``): docs alike in those share one
    answer, kept in ``ix.live_cache``, with no set test per pattern.
    """
    live = ix.live_cache
    seen = (key, ix.key_words[key] & doc_words)  # a frozenset: operators, not calls, on the hot path
    try:
        return live[seen]
    except KeyError:
        pass
    gate = ix.key_gates[key]  # _gate set one (or None) for every key
    if gate is not None and gate.isdisjoint(doc_words):
        out = []
    else:
        disjoint = doc_words.isdisjoint
        out = [run for run in ix.runs[key] if not any(map(disjoint, run[1]))]
    ix.live_room -= 1
    if ix.live_room < 0:  # a count, not len(): no call per miss
        live.clear()
        ix.live_room = LIVE_CACHE - 1
    live[seen] = out
    return out


def pattern_matches(
    ix: LexiconIndex,
    doc: Doc,
    anchors: list[tuple[int, str]],
    sents: Sentences,
    lowers: list[int],
    lemmas: list[int],
) -> list[tuple[int, int, int]]:
    """Return (entry idx, start, end) of pattern matches; anchored patterns run near anchors only.

    Parameters
    ----------
    ix : LexiconIndex
        The compiled lexicon.
    doc : Doc
        The doc (spaCy's Matcher reads it; the interpreter reads ``lowers`` and ``lemmas``).
    anchors : list of tuple
        (token index, anchor key) of every anchor found.
    sents : Sentences
        The doc's context sentences.
    lowers, lemmas : list of int
        The tokens' lookup keys and lemma ids.

    Returns
    -------
    list of tuple
        (entry idx, start, end), in no particular order.
    """
    strings = ix.strings
    found: list[tuple[int, int, int]] = []  # (entry idx, start, end)
    if ix.free_matcher is not None:
        found.extend((int(strings[m]), s, e) for m, s, e in ix.free_matcher(doc))
    if not anchors:
        return found
    doc_words: set[int] | None = None
    alive: dict[str, list[tuple]] = {}  # per anchor key: its patterns whose words all occur in the doc
    in_sent: dict[int, set[int]] = {}  # per sentence start: its words (forms and lemmas)
    n = len(lowers)
    # each token's sentence bounds through two lists: no calls of Sentences.bounds per anchor
    sent_of, firsts = sents.of, sents.starts
    lasts = [*firsts[1:], sents.n]
    for i, key in anchors:  # a key twice at one token (rare) only repeats work: raw is a set
        if key in alive:
            candidates = alive[key]
        else:
            if doc_words is None:
                doc_words = set(lowers)
                doc_words.update(lemmas)
            candidates = alive[key] = live_patterns(ix, key, doc_words)
        if not candidates:
            continue
        # a match holding the anchor at i lies within reach of i, inside its sentence
        k = sent_of[i]
        first, hi = firsts[k], lasts[k]
        disjoint = None  # a sentence that is the whole doc (most reviews): its live patterns pass
        if first or hi != n:
            if first in in_sent:
                words = in_sent[first]
            else:  # the sentence's words: a superset of the window's, once per sentence
                words = in_sent[first] = set(lowers[first:hi])
                words.update(lemmas[first:hi])
            disjoint = words.isdisjoint
        reach = ix.reach[key]
        lo, hi = max(first, i - reach + 1), min(hi, i + reach)
        spacy_needed = False
        # one record per pattern of the key (live_patterns): no table look-ups here
        for idx, needs, program, before_lo, before_hi, head in candidates:
            if disjoint is not None and any(map(disjoint, needs)):
                continue  # some required word of this pattern is missing here
            if program is None:
                spacy_needed = True
                continue
            starts = range(max(lo, i - before_hi), i - before_lo + 1)
            if head is not None:  # most starts fail on their first token: no call for those
                field, ids = head
                column = lowers if field == 0 else lemmas
                starts = [s for s in starts if column[s] in ids]
            for start in starts:
                ends = run_pattern(program, start, hi, lowers, lemmas, strings, first)
                found.extend((idx, start, end) for end in ends)
        if spacy_needed:
            found.extend((int(strings[m]), lo + s, lo + e) for m, s, e in ix.matchers[key](doc[lo:hi]))
    return found
