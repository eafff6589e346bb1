"""From engine hits to codebook units and their records, below the spaCy component.

The ``trustlex`` component stores these records on ``doc._.trustlex_sentences``
and :mod:`trustlex.frame` builds its rows from the same functions, so both
always agree on what a unit (a sentence carrying a concept) is.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trustlex.lang.sentences import Sentences
from trustlex.matching.referent_parties import ADDRESSEES
from trustlex.matching.referents import HOW_RANK
from trustlex.matching.units import Hit, collapse


def cue_label(kind: str | None, words: str) -> str:
    """Return how a cue is shown wherever users see one: ``kind:words``, as in ``negation:niet``.

    This is the format of the sentence rows' ``cues`` column, which users
    keep in their results; kwic and a model's explanations show cues so too.

    Parameters
    ----------
    kind : str or None
        The cue's kind (``negation``, ``hedge``, ``section``, ...), a match row's ``cue_kind``.
    words : str
        The cue's words as written, a match row's ``cue``.

    Returns
    -------
    str
        ``kind:words``.
    """
    return f"{kind}:{words}"


def match_fields(info: dict, start_char: int, end_char: int, text: str, entry_id: str) -> dict:
    """Return the match-level columns (after ``doc_id`` and ``lang``) of one hit record."""
    return {
        "sent_id": info["sent"],
        "start_char": start_char,
        "end_char": end_char,
        "text": text,
        "concept": info["concept"],
        "valence": info["valence"],
        "base_valence": info["base_valence"],
        "cue": info["cue"],
        "cue_kind": info["cue_kind"],
        "hedged": info["hedged"],
        "hedge": info["hedge"],
        "weight": info["weight"],
        "entry_id": entry_id,
        "kind": info["kind"],
        "lexicon": info["lexicon"],
        # records written before referents existed (a saved DocBin) read as naming nobody
        "referent": info.get("referent", "none"),
        "referent_text": info.get("referent_text") or None,
        "referent_how": info.get("referent_how", "none"),
    }


class Offsets:
    """Character offsets of a doc's token spans, read off the two tokens at a span's ends.

    Two Token reads cost a tenth of ``Doc.to_array([IDX, LENGTH])`` on a
    review-sized doc, and a doc's rows need few spans: one per hit and
    sentence unit.
    """

    __slots__ = ("doc",)

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return (start_char, end_char) of tokens ``start`` to ``end`` (exclusive)."""
        last = self.doc[end - 1]
        first = last.idx
        if end - start > 1:  # most hits are one word: one Token read then
            first = self.doc[start].idx
        return first, last.idx + len(last)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) without the whitespace at either end (a blank line between sentences)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def hit_fields(doc: Doc, hit: Hit, text: str, offsets: Offsets) -> dict:
    """Return the match-level columns of a Hit found in ``doc``, whose text is ``text``."""
    start, end = offsets.span(hit.start, hit.end)
    return match_fields(hit.as_dict(), start, end, text[start:end], hit.entry.id)


def unit_referent(hits: list[Hit], valence: str | None = None) -> Hit | None:
    """Return the hit whose referent speaks for a sentence unit, or None when none names one.

    With ``valence`` (the unit's), only hits that carry that valence may
    speak: "HR is helpful but my manager doesn't care" is benevolence ``-``
    about the manager, not about HR, and a ``-`` unit whose ``-`` hits name
    nobody names nobody, even when a neutral or ``+`` hit of the concept
    names a party. Among those, the most direct attribution wins
    (``pattern``, then ``parse``, then ``nearest``), then a party other than
    the customers served (``ADDRESSEES``: "management is not supportive ...
    client is rude" is the management's benevolence, as the coders give it),
    then the hit nearest its mention, then the earliest hit.
    """
    # the valence and the referent of a row come from the same evidence, else
    # compare(by="referent") counts one party's distrust against another
    named = [h for h in hits if h.referent != "none" and (valence is None or h.valence == valence)]
    return _most_direct(named)


def _most_direct(named: list[Hit]) -> Hit | None:
    """Return the hit of the most direct attribution, then not the customers', nearest its mention."""
    if not named:
        return None
    if not named[1:]:  # one hit names somebody (most units): no sort key to compute
        return named[0]
    return min(
        named,
        key=lambda h: (HOW_RANK.get(h.referent_how, 9), h.referent in ADDRESSEES, h.referent_dist, h.start),
    )


def _units(hits: list[Hit], min_weight: float) -> list[dict]:
    # a list, not a generator: no call per hit
    return collapse([(h.sent, h.entry.concept, h.valence, h.entry.weight, h) for h in hits], min_weight)


def unit_counts(hits: list[Hit], min_weight: float) -> list[tuple[str, str]]:
    """Return (concept, valence) of every codebook unit (sentence and concept) the hits make up."""
    return [(u["concept"], u["valence"]) for u in _units(hits, min_weight)]


def unit_records(
    doc: Doc,
    hits: list[Hit],
    sents: Sentences,
    min_weight: float,
    text: str | None = None,
    base: dict | None = None,
) -> list[dict]:
    """Return one record per (sentence, concept) with the evidence that explains it.

    These records are what the ``trustlex`` component stores on
    ``doc._.trustlex_sentences`` (plus ``spans``, the indexes of the hits in
    ``doc.spans``) and what the sentence-level frame shows. With ``base``
    (``doc_id`` and ``lang``) they are the frame's rows themselves, built in
    one go for :func:`trustlex.score_texts`.
    """
    units = _units(hits, min_weight)
    if not units:
        return []
    index = {id(h): i for i, h in enumerate(hits)} if base is None else None
    text = doc.text if text is None else text  # Doc.text joins every token: pass it when known
    offsets = Offsets(doc)
    out = []
    for u in units:
        hs = u["hits"]
        start, end = trimmed(text, *offsets.span(*sents.sentence(u["sent"])))
        # comprehensions, not generators or a slice() per term: a call per unit, not per hit
        terms = [text[s:e] for s, e in [offsets.span(h.start, h.end) for h in hs]]
        cues = [cue_label(h.cue_kind, h.cue) for h in hs if h.cue]
        ref = unit_referent(hs, u["valence"])
        record = {
            **(base or {}),
            "sent_id": u["sent"],
            "sentence": text[start:end],
            "concept": u["concept"],
            "valence": u["valence"],
            "weight": u["weight"],
            "n_matches": u["n_matches"],
            "terms": "; ".join(terms),
            "cues": "; ".join(dict.fromkeys(cues)),
            "hedged": any([h.hedge is not None for h in hs]),  # noqa: C419 (a list: one call, not one per hit)
            "entry_ids": "; ".join(dict.fromkeys([h.entry.id for h in hs])),
            "start_char": start,
            "end_char": end,
            "referent": "none" if ref is None else ref.referent,
            "referent_text": None if ref is None else ref.referent_text,
            "referent_how": "none" if ref is None else ref.referent_how,
        }
        if index is not None:
            record["spans"] = [index[id(h)] for h in hs]
        out.append(record)
    return out
