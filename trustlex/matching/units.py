"""Result-level helpers of the matcher: the hit record, tie-break ranks, collapsing hits into units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from trustlex.concepts import resolve_valence
from trustlex.lexicon import Entry


@dataclass(slots=True)
class Hit:
    """One lexicon hit in a doc, with the context decisions taken about it and its referent.

    ``referent`` is who the hit is about (``none`` when the sentence names
    nobody), ``referent_text`` the words that name it and ``referent_how``
    the rule that found it (see :mod:`trustlex.matching.referents`).
    """

    start: int
    end: int
    entry: Entry
    sent: int = 0
    valence: str = "0"
    cue: str | None = None
    cue_kind: str | None = None
    hedge: str | None = None
    cues: tuple[tuple[str, str], ...] = ()
    referent: str = "none"
    referent_text: str | None = None
    referent_how: str = "none"
    referent_dist: int = 1 << 30  # tokens between hit and mention: the sentence level prefers the nearest

    def as_dict(self) -> dict[str, Any]:
        """Return the plain record behind ``span._.trustlex`` (DocBin-friendly)."""
        return {
            "start": self.start,
            "end": self.end,
            "concept": self.entry.concept,
            "sent": self.sent,
            "valence": self.valence,
            "base_valence": self.entry.valence,
            "cue": self.cue,
            "cue_kind": self.cue_kind,
            "hedged": self.hedge is not None,
            "hedge": self.hedge,
            "cues": [list(c) for c in self.cues],
            "weight": self.entry.weight,
            "entry": self.entry.id,
            "kind": self.entry.kind,
            "lexicon": self.entry.lexicon,
            "referent": self.referent,
            "referent_text": self.referent_text,
            "referent_how": self.referent_how,
        }


def collapse(
    items: Iterable[tuple[int, str, str, float, Any]], min_weight: float = 1.0
) -> list[dict[str, Any]]:
    """Collapse (unit, concept, valence, weight, hit) items into one row per (unit, concept).

    A concept counts in a unit when the weights of its hits there add up to
    ``min_weight``; its valence follows :func:`trustlex.concepts.resolve_valence`.
    Rows come sorted by unit, then concept; ``hits`` lists the items' hits.

    Parameters
    ----------
    items : iterable of tuple
        (unit number, concept, valence, weight, hit); the hit is a :class:`Hit`,
        any other hashable key, or None.
    min_weight : float
        The summed weight a concept needs in a unit to count there.

    Returns
    -------
    list of dict
        One row per counted (unit, concept): ``sent``, ``concept``,
        ``valence``, ``weight``, ``n_matches`` and ``hits``.

    Examples
    --------
    >>> rows = collapse([(0, "trust", "+", 1.0, "a"), (0, "trust", "-", 0.5, "b")])
    >>> [(r["sent"], r["concept"], r["valence"], r["weight"]) for r in rows]
    [(0, 'trust', '+', 1.5)]
    """
    # per item and hit, operators and subscripts only (no call): this runs for every hit of a doc
    groups: dict[tuple[int, str], list[tuple[str, float, Any]]] = {}
    for unit, concept, valence, weight, hit in items:
        group = (unit, concept)
        if group in groups:
            groups[group] += ((valence, weight, hit),)
        else:
            groups[group] = [(valence, weight, hit)]
    rows = []
    for (unit, concept), hs in groups.items():
        # evidence is counted once per entry: a weak word said twice ("overleg ... overleg") is
        # still weak evidence, and only different entries together reach the threshold
        strongest: dict[Any, float] = {}
        for n, (_, w, hit) in enumerate(hs):
            key = hit.entry.id if hit.__class__ is Hit else (hit if hit is not None else n)
            if key in strongest:  # max(strongest.get(key, 0.0), w)
                if w > strongest[key]:
                    strongest[key] = w
            else:
                strongest[key] = w if w > 0.0 else 0.0
        total = sum(strongest.values())
        if total + 1e-9 < min_weight:
            continue
        weights: dict[str, float] = {}
        for valence, weight, _ in hs:
            if valence in weights:
                weights[valence] += weight
            else:
                weights[valence] = 0.0 + weight
        rows.append(
            {
                "sent": unit,
                "concept": concept,
                "valence": resolve_valence(weights),
                "weight": round(total, 6),
                "n_matches": len(hs),
                "hits": [h for _, _, h in hs],
            }
        )
    rows.sort(key=lambda r: (r["sent"], r["concept"]))
    return rows


_KIND_RANK = {"term": 3, "lemma": 3, "pattern": 2, "wildcard": 1}


def _specificity(entry: Entry) -> tuple[int, int]:
    """Rank entries for ties: exact words over patterns over wildcards; then longer literals."""
    rank = _KIND_RANK[entry.kind]
    if entry.kind == "wildcard" and entry.value.startswith("*") and entry.value.endswith("*"):
        rank = 0  # an infix wildcard is the least specific
    literal = len(entry.value.replace("*", "")) if isinstance(entry.value, str) else len(entry.value)
    return rank, literal


def overlap_rank(entry: Entry) -> tuple:
    """Return the tie-break rank of ``entry`` among overlapping same-length hits (smaller wins).

    Heavier entries win, then more specific ones (see :func:`_specificity`).

    Parameters
    ----------
    entry : Entry
        A lexicon entry.

    Returns
    -------
    tuple
        A sort key: (-weight, -kind rank, -literal length).
    """
    return (-entry.weight, *(-x for x in _specificity(entry)))


def spread_mentions(hits: list[Hit]) -> None:
    """Make every hit of a concept a neutral mention where a mention cue reached one of them in its sentence.

    A penal clause or a list of offences names several at once ("fraude, oplichting of
    valsheid in geschrift wordt gestraft met ..."): the cue reaches the nearest, and
    the others, outside its window, are the same neutral mention (codebook: 0).

    Examples
    --------
    >>> from trustlex.lexicon import Entry
    >>> fraud = Entry(id="f", concept="integrity", valence="-", kind="term", value="fraude")
    >>> named = Hit(5, 6, fraud, valence="0", cues=(("mention", "is strafbaar"),))
    >>> hits = [Hit(0, 1, fraud, valence="-"), named]
    >>> spread_mentions(hits)
    >>> [(h.valence, h.cue_kind, h.cue) for h in hits[:1]]
    [('0', 'mention', 'is strafbaar')]
    """
    named: dict[tuple[int, str], tuple[str, str]] = {}
    for hit in hits:
        for kind, words in hit.cues:
            if kind == "mention":
                named.setdefault((hit.sent, hit.entry.concept), (kind, words))
    if not named:
        return
    for hit in hits:
        cue = named.get((hit.sent, hit.entry.concept))
        if cue is not None and hit.valence != "0":
            hit.valence = "0"
            hit.cues = (*hit.cues, cue)
            hit.cue_kind, hit.cue = cue
