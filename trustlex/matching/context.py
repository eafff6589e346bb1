"""The ConText valence algebra: which cues near a hit change its valence, and how.

Everything here is a pure function over named tuples: a :class:`Target` (the
hit: its tokens, concept and base valence), the :class:`CueHit` list of its
sentence (each a :class:`trustlex.lexicon.Cue` found at some tokens) and, for
the two rules that read a word, the lowercase words of the doc. Nothing
refers to the engine or to spaCy, so the rules can be tested row by row
(tests/unit/test_context.py). The rules themselves are documented for
lexicon authors in lexicons/README.md. Where a line of a sentence opens, and
the scope end at a line break that starts a new point, are read in
:mod:`trustlex.matching.context_lines`.

To add a cue kind: accept it in the context file schema (trustlex.lexicon),
then give it a group in :func:`nearest_cues` and its effect in
:func:`apply_context`.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import NamedTuple, Protocol

from trustlex.lexicon import Cue

NEGATE = {"+": "-", "0": "-", "-": "+"}
# the scope end at a line break that starts a new point (see trustlex.matching.context_lines)
LINE_END = Cue(kind="termination", direction="both", max_scope=0, terms=("line break",))
# cue kinds that act on no hit themselves: scope ends, cues covering others, and_after words
INERT = frozenset(["termination", "pseudo", "anchor"])
INERT_ALONE = frozenset(["termination", "anchor"])  # alone, change nothing (a pseudo cue: double negation)
# cues that set a valence; a topic cue ("this policy is about", "do you") makes an affirmed hit a mention
MODIFIER_KINDS = frozenset(["positive", "negative", "topic"])
# a mention cue (a penal or definition frame: "wordt gestraft", "ter voorkoming van") makes a hit a neutral
# mention, 0, whatever else reaches it: it is a group of its own, applied last


class Words(Protocol):
    """The lowercase text of the doc's tokens, by position (``doc[i].lower_``)."""

    def __getitem__(self, i: int, /) -> str: ...


class CueHit(NamedTuple):
    """A context cue found in a doc: tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    cue: Cue


class Target(NamedTuple):
    """The hit whose valence the cues decide: its tokens, concept and base valence."""

    start: int
    end: int
    concept: str
    valence: str


class Near(NamedTuple):
    """The nearest cue of one group that reaches the target, ``dist`` tokens away."""

    dist: int
    start: int
    end: int
    cue: Cue


class Applied(NamedTuple):
    """A cue that changed the valence: its role (negation, positive, negative) and tokens."""

    kind: str
    start: int
    end: int


class Outcome(NamedTuple):
    """What the cues decided: final valence, the cues applied in order, the hedge's tokens."""

    valence: str
    cues: tuple[Applied, ...] = ()
    hedge: tuple[int, int] | None = None


def one_per_slot(found: list[CueHit]) -> list[CueHit]:
    """Keep one cue per token and slot (kind, direction, opens, concepts), in token order.

    A longer cue covers the shorter ones of its slot, and a pseudo cue ("no
    doubt") covers every other cue it overlaps.

    Parameters
    ----------
    found : list of CueHit
        Every cue found, in order of start.

    Returns
    -------
    list of CueHit
        The cues kept, sorted by start.
    """
    # Only multi-token cues can cover others, so they go first, longest first; one-token
    # cues then only need a look-up.
    pseudo = {p for s, e, c in found if c.kind == "pseudo" for p in range(s, e)}
    multi = sorted([x for x in found if x[1] - x[0] > 1], key=lambda x: (x[0] - x[1], x[0]))
    covered: dict[tuple[object, ...], set[int]] = {}
    kept: list[CueHit] = []
    for hit in multi:
        s, e, cue = hit
        span = range(s, e)
        if pseudo and cue.kind != "pseudo" and not pseudo.isdisjoint(span):
            continue
        taken = covered.setdefault(cue.slot, set())
        if not taken.isdisjoint(span):
            continue
        taken.update(span)
        kept.append(hit)
    # the one-token cues kept, by token and slot, in the order found: subscripts, no call per cue
    seen: dict[tuple[int, tuple[object, ...]], CueHit] = {}
    for hit in found:
        s, e, cue = hit
        if e - s > 1 or (pseudo and s in pseudo and cue.kind != "pseudo"):
            continue
        key = (s, cue.slot)
        if key in seen or (covered and cue.slot in covered and s in covered[cue.slot]):  # by multi-token cues
            continue
        seen[key] = hit
    if not multi:
        return [*seen.values()]
    kept += seen.values()
    kept.sort(key=itemgetter(0))
    return kept


def between(lo: int, hi: int, terms: Iterable[tuple[int, int]]) -> bool:
    """Whether one of the (start, end) terminators ``terms`` lies within tokens ``lo`` to ``hi``."""
    # a plain loop: a sentence has zero to two terminators, too few to pay for a generator
    for ts, te in terms:  # noqa: SIM110
        if lo <= ts and te <= hi:
            return True
    return False


def followed_by(
    target: Target, cue: Cue, cue_hits: list[CueHit], terms: list[tuple[int, int]], words: Words
) -> bool:
    """Whether one of ``cue.and_after`` follows the target within the cue's scope, no terminator between."""
    for s, e, other in cue_hits:
        if other.kind != "anchor" or s < target.end or s - target.end > cue.max_scope:
            continue
        if terms and between(target.end, s, terms):
            continue
        if " ".join(words[k] for k in range(s, e)) in cue.and_after:
            return True
    return False


def cue_distance(target: Target, hit: CueHit, terms: list[tuple[int, int]]) -> int | None:
    """Return how many tokens lie between a cue and the target, or None if the cue cannot reach it.

    A cue reaches the target in its direction, within its ``max_scope``, and
    without a terminator in between. A cue overlapping the target is part of
    the entry, not context; except an opening cue that starts the target:
    the request "Enforce the speed limits" is in the imperative itself. A
    target that starts with a terminator ("unless you know somebody") begins
    a clause of its own, which no preceding cue reaches.
    """
    s, e, cue = hit
    if s < target.end and target.start < e:
        return 0 if cue.opens and s == target.start else None
    if e <= target.start:
        if cue.direction == "following":
            return None
        # a target that opens a clause ("not promoted unless you know somebody") is out of its reach
        for ts, _ in terms:  # a loop, not any() over a generator: this runs per cue and hit
            if ts == target.start:
                return None
        dist, lo, hi = target.start - e, e, target.start
    else:
        if cue.direction == "preceding":
            return None
        dist, lo, hi = s - target.end, target.end, s
    if dist > cue.max_scope or (terms and between(lo, hi, terms)):
        return None
    return dist


def nearest_cues(target: Target, cue_hits: list[CueHit], words: Words) -> dict[str, Near]:
    """Return the nearest reaching cue per group: modifier, negation, hedge, mention, mention_lacking.

    A negative modifier before the target that a nearer positive one follows
    governs the phrase ("eroding our great culture" is lost, not affirmed),
    and replaces it as the modifier. A target that holds a negation itself
    ("not transparent") takes no negation from outside.
    """
    terms = [(s, e) for s, e, c in cue_hits if c.kind == "termination"]
    word_terms: list[tuple[int, int]] | None = None  # terminators without line ends, for a heading
    inner_negation = False  # a loop, not any() over a generator: this runs per hit with cues
    for s, e, c in cue_hits:
        if c.kind == "negation" and s < target.end and target.start < e:
            inner_negation = True
            break
    best: dict[str, Near] = {}
    concept = target.concept
    for hit in cue_hits:
        s, e, cue = hit
        if cue.kind in INERT or (cue.concepts and concept not in cue.concepts) or concept in cue.not_concepts:
            continue  # Cue.applies_to, inlined: no call per cue and hit
        if cue.and_after and not followed_by(target, cue, cue_hits, terms, words):
            continue
        if cue.across_lines and word_terms is None:
            # a heading's scope ends at a termination word, not at the start of the next list item
            word_terms = [(s, e) for s, e, c in cue_hits if c.kind == "termination" and c is not LINE_END]
        dist = cue_distance(target, hit, word_terms if cue.across_lines and word_terms is not None else terms)
        if dist is None:
            continue
        group = "modifier" if cue.kind in MODIFIER_KINDS else cue.kind + ("_lacking" if cue.lacking else "")
        if group == "negation" and inner_negation:
            continue
        if (
            group not in best
            or dist < best[group].dist
            or (dist == best[group].dist and best[group].cue.kind == "topic")
        ):
            best[group] = Near(dist, s, e, cue)  # at one distance a valenced modifier beats a topic cue
        # a heading is no phrase: "Cons: great people" keeps its nearer positive
        outer_candidate = cue.kind == "negative" and e <= target.start and not cue.across_lines
        if outer_candidate and ("outer" not in best or dist < best["outer"].dist):
            best["outer"] = Near(dist, s, e, cue)
    outer, near = best.pop("outer", None), best.get("modifier")
    if outer and near and near.cue.kind == "positive" and outer.end <= near.start <= target.start:
        best["modifier"] = outer
    if near and near.cue.across_lines and near.cue.kind == "negative" and holds_positive(target, cue_hits):
        del best["modifier"]  # a heading governs no phrase: the hit's own positive word is nearer
    return best


def holds_positive(target: Target, cue_hits: list[CueHit]) -> bool:
    """Whether a positive cue for its concept lies inside the target ("open" in "open communication")."""
    for s, e, c in cue_hits:  # a loop, not any() over a generator: no call per cue
        if c.kind == "positive" and target.start <= s and e <= target.end and c.applies_to(target.concept):
            return True
    return False


def own_negations(
    target: Target, modifier: Near, cue_hits: list[CueHit], words: Words, disjunctions: frozenset[str]
) -> list[int]:
    """Return the starts of the negations that belong to a modifier following the target.

    A negation right before such a modifier is the modifier's own and turns
    it round ("openness is not encouraged"); with one word between, it is
    still its own unless that word is one of the language's ``disjunctions``
    ("geen of onvoldoende", "no and/or poor").
    """
    ms = modifier.start
    return [
        s
        for s, e, c in cue_hits
        if c.kind == "negation"
        and target.end <= s
        and (e == ms or (e + 1 == ms and words[e] not in disjunctions))
    ]


def negation_goes_first(target: Target, modifier: Near, negation: Near) -> bool:
    """Whether the negation applies before the modifier (negates the target, not the modifier).

    The negation flips the modified valence ("no complaints about
    communication" is +) only when it scopes over the modifier: right before
    it, with the target after both (or target, negation, modifier). A
    negation on the target's other side than the modifier ("no accountability
    for poor culture") negates the target itself, before the modifier has
    its say.
    """
    ms, me, ns, ne = modifier.start, modifier.end, negation.start, negation.end
    over = (ne <= ms and me <= target.start) or (target.end <= ns and ne <= ms)
    return not (over and ms - ne <= 1)


def modified(valence: str, kind: str) -> str:
    """Return ``valence`` after a modifier of ``kind`` (positive, negative or topic).

    A positive modifier gives a neutral hit +; a negative one makes a neutral
    or positive hit -. A negative hit stays negative either way. A topic cue
    ("this policy is about trust", "do you trust") makes a positive hit a
    neutral mention.

    Examples
    --------
    >>> [modified(v, "positive") for v in "+0-"], [modified(v, "negative") for v in "+0-"]
    (['+', '+', '-'], ['-', '-', '-'])
    >>> [modified(v, "topic") for v in "+0-"]
    ['0', '0', '-']
    """
    if kind == "topic":
        return "0" if valence == "+" else valence
    new = "+" if kind == "positive" and valence == "0" else valence
    if kind == "negative" and valence in ("0", "+"):
        new = "-"
    return new


def apply_context(
    target: Target, cue_hits: list[CueHit], words: Words, disjunctions: frozenset[str] = frozenset()
) -> Outcome:
    """Return the target's valence after the cues near it, with the cues that changed it.

    Parameters
    ----------
    target : Target
        The hit: tokens, concept and the entry's valence.
    cue_hits : list of CueHit
        The cues of the target's sentence near it (one per slot and token,
        see :func:`one_per_slot`), sorted by start; terminators included.
    words : Words
        The lowercase words of the doc by token position; read only for
        ``and_after`` words and the word between a negation and a modifier.
    disjunctions : frozenset of str
        The language's disjunctions (``[clauses]`` of its context file): one
        between a negation and a modifier after the hit keeps them apart.

    Returns
    -------
    Outcome
        Final valence; the cues applied, in order (the last one is the hit's
        ``cue``); the hedge's tokens, if one reaches the target.

    Examples
    --------
    >>> words = ["no", "trust"]
    >>> no = CueHit(0, 1, Cue(kind="negation", direction="preceding", terms=("no",)))
    >>> apply_context(Target(1, 2, "trust", "+"), [no], words)
    Outcome(valence='-', cues=(Applied(kind='negation', start=0, end=1),), hedge=None)

    A mention cue, applied last, makes the hit a neutral mention:

    >>> punished = CueHit(1, 3, Cue(kind="mention", direction="following", terms=("wordt gestraft",)))
    >>> apply_context(Target(0, 1, "integrity", "-"), [punished], ["fraude", "wordt", "gestraft"]).valence
    '0'
    """
    best = nearest_cues(target, cue_hits, words)
    # tests and subscripts, not best.get(): no call per hit (Near is never falsy)
    modifier = best["modifier"] if "modifier" in best else None  # noqa: SIM401
    negation = best["negation"] if "negation" in best else None  # noqa: SIM401
    modifier_kind = modifier.cue.kind if modifier else ""
    if modifier and modifier.start >= target.end:
        own = (
            own_negations(target, modifier, cue_hits, words, disjunctions) if modifier_kind != "topic" else []
        )
        if own:
            if negation and negation.start in own:
                negation = None  # Dutch "niet" looks both ways: bound to the modifier, not the hit
            modifier = Near(0, own[0], modifier.end, modifier.cue)  # its cue text: "not encouraged"
            modifier_kind = "positive" if modifier_kind == "negative" else "negative"
    negation_first = False
    if modifier and negation:
        holds = modifier.start <= negation.start and negation.end <= modifier.end
        if (
            holds
            and (modifier.start >= target.end or modifier.cue.opens)
            and modifier.end - modifier.start > negation.end - negation.start
        ):
            # a longer phrase after the hit holds the negation ("is not the best"), or a request opening
            # the line does ("Don't lie to us" asks to stop what is done now): that phrase is the modifier
            negation = None
        elif modifier.start < negation.end and negation.start < modifier.end:
            modifier = None  # one word in both roles ("lack of integrity") is a negation
        else:
            negation_first = negation_goes_first(target, modifier, negation)
    valence = target.valence
    applied: list[Applied] = []
    if negation and negation_first:
        valence = NEGATE[valence]
        applied.append(Applied("negation", negation.start, negation.end))
    if modifier:
        new = modified(valence, modifier_kind)
        if new != valence:
            valence = new
            applied.append(Applied(modifier_kind, modifier.start, modifier.end))
    if negation and not negation_first:
        valence = NEGATE[valence]
        applied.append(Applied("negation", negation.start, negation.end))
    # a "lacking" mention cue (the legal frame) acts only on a hit that reads -
    mention = (
        best["mention"]
        if "mention" in best
        else best["mention_lacking"]
        if valence == "-" and "mention_lacking" in best
        else None
    )
    if mention and valence != "0":
        valence = "0"  # the offence named as such in a penal clause or definition: no actor lacked integrity
        applied.append(Applied("mention", mention.start, mention.end))
    hedge = best["hedge"] if "hedge" in best else None  # noqa: SIM401
    return Outcome(valence, tuple(applied), (hedge.start, hedge.end) if hedge else None)
