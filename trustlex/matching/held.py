"""Cues that hold only with other words: ``and_after`` words after a pseudo cue, ``in_sentence_with`` words.

Split from :mod:`trustlex.matching.clauses` (which keeps where a negation's
clause ends); :mod:`trustlex.matching.scan` drops the cues these rules do not hold.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from trustlex.lexicon import Cue
from trustlex.matching.context import CueHit, Words


def held_pseudo(found: list[CueHit], words: Words, sent_of: Sequence[int]) -> list[CueHit]:
    """Return the cues ``found`` less the pseudo cues whose ``and_after`` words do not follow them.

    A pseudo cue covers its words (its negation acts on no hit) wherever it
    stands; one with ``and_after`` does so only where one of those words
    follows its end within its ``max_scope``, in its sentence. The company
    voice of a policy, "We will not share your personal information", states
    a practice; in a survey, "We don't share knowledge" is a complaint whose
    negation counts. ``and_after`` words are found as "anchor" cues. The
    scope is read from the end of a list of the cue's verbs that goes on after
    it ("We do not monitor, control, or endorse the ... practices of any
    third parties"): each item is a last word of one of the cue's phrases.
    """
    for _, _, c in found:  # a loop, not any() over a generator: this runs per doc with cues
        if c.kind == "pseudo" and c.and_after:
            break
    else:
        return found

    def follows(hit: CueHit) -> bool:
        s, e, cue = hit
        e = _list_end(e, _last_words(cue), words, len(sent_of))
        return any(
            o.cue.kind == "anchor"
            and e <= o.start <= e + cue.max_scope
            and sent_of[o.start] == sent_of[s]
            and " ".join(words[k] for k in range(o.start, o.end)) in cue.and_after
            for o in found
        )

    return [h for h in found if h.cue.kind != "pseudo" or not h.cue.and_after or follows(h)]


def held_cues(found: list[CueHit], words: Words, sent_of: Sequence[int]) -> list[CueHit]:
    """Return the cues ``found`` less those whose asked-for words are missing.

    See :func:`held_pseudo` (``and_after`` of a pseudo cue) and
    :func:`held_together` (``in_sentence_with``).
    """
    return held_together(held_pseudo(found, words, sent_of), words, sent_of)


def held_together(found: list[CueHit], words: Words, sent_of: Sequence[int]) -> list[CueHit]:
    """Return the cues ``found`` less those whose ``in_sentence_with`` words stand nowhere in their sentence.

    The Dutch legal frame makes a negated hit a mention ("De minister
    verleent geen vergunning": control ``0``); its nouns ("vergunning",
    "ontheffing") are also a citizen's and a reviewer's words ("Ik krijg
    geen vergunning en de gemeente communiceert niet": ``-``), so they count
    only with legal prose in the sentence ("artikel", "krachtens",
    "verboden"), found as "anchor" cues.
    """
    for _, _, c in found:  # a loop, not any() over a generator: this runs per doc with cues
        if c.in_sentence_with:
            break
    else:
        return found

    # the anchor cues' words per sentence, once: a long regulation holds hundreds of cues
    anchors: dict[int, set[str]] = {}
    for o in found:
        if o.cue.kind == "anchor":
            anchors.setdefault(sent_of[o.start], set()).add(" ".join(words[k] for k in range(o.start, o.end)))
    none: set[str] = set()
    return [
        h
        for h in found
        if not h.cue.in_sentence_with
        or not anchors.get(sent_of[h.start], none).isdisjoint(h.cue.in_sentence_with)
    ]


LIST_LINKS = frozenset([",", "or", "and", "nor", "/"])  # between the verbs of a list after a pseudo cue


@functools.lru_cache(maxsize=64)
def _last_words(cue: Cue) -> frozenset[str]:
    """Return the last words of a cue's terms and lemmas (its verbs, for the company voice)."""
    return frozenset(t.split()[-1] for t in (*cue.terms, *cue.lemmas) if t.split())


def _list_end(end: int, verbs: frozenset[str], words: Words, size: int) -> int:
    """Return where a list of ``verbs`` that goes on at token ``end`` ends (``end`` itself if none does)."""
    k = end
    while k < size and words[k] in LIST_LINKS:
        k += 1
    if k == end or k >= size or words[k] not in verbs:
        return end
    return _list_end(k + 1, verbs, words, size)
