"""Survey sections: the valence neutral mentions take from the question or section they answer.

A survey export often holds the valence in its structure rather than its
words: "Cons: communication" is a complaint, and so is any answer to "what
should change?". ``score_texts(neutral_as=..., sections=...)`` gives such
neutral hits that valence through the functions here; the hits keep a
``section`` cue, so a reader sees why.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Doc

from trustlex.errors import TrustlexError
from trustlex.matching.scan import Hit


def neutral_defaults(neutral_as: Any) -> Iterator[str | None]:
    """Yield the default valence of neutral mentions per text (None: none)."""
    if neutral_as is None or isinstance(neutral_as, str):
        if neutral_as not in (None, "+", "-"):
            msg = f"neutral_as must be '+', '-' or None, got {neutral_as!r}"
            raise TrustlexError(msg)
        while True:
            yield neutral_as
    for n, value in enumerate(neutral_as):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            yield None
        elif value in ("+", "-"):
            yield value
        else:
            msg = f"neutral_as[{n}] must be '+', '-' or empty, got {value!r}"
            raise TrustlexError(msg)
    msg = "neutral_as has fewer values than there are texts"
    raise TrustlexError(msg)


def section_markers(sections: dict[str, str] | None) -> tuple[re.Pattern, dict[str, str]] | None:
    """Compile section markers into one case-insensitive pattern, with the valence of each."""
    if not sections:
        return None
    for marker, valence in sections.items():
        if valence not in ("+", "-") or not marker:
            msg = f"sections: {marker!r} must map to '+' or '-', got {valence!r}"
            raise TrustlexError(msg)
    pattern = re.compile(
        "|".join(re.escape(m) for m in sorted(sections, key=len, reverse=True)), re.IGNORECASE
    )
    return pattern, {m.lower(): v for m, v in sections.items()}


def sectioner(
    default: str | None,
    markers: tuple[re.Pattern, dict[str, str]] | None,
    text: str,
    doc: Doc,
    offset: int = 0,
) -> Callable[[list[Hit]], None]:
    """Return a function that gives neutral hits the valence of their section (or the default).

    ``text`` is the whole document; ``doc`` the block of it that starts at ``offset``.
    """
    found = []
    if markers is not None:
        pattern, valence_of = markers
        found = [(m.start(), valence_of[m.group().lower()], m.group()) for m in pattern.finditer(text)]
    starts = [f[0] for f in found]

    def apply(hits: list[Hit]) -> None:
        for h in hits:
            if h.valence != "0":
                continue
            valence, label = default, "neutral_as"
            if found:
                k = bisect_right(starts, doc[h.start].idx + offset) - 1
                if k >= 0:
                    valence, label = found[k][1], found[k][2]
            if valence in ("+", "-"):
                h.valence, h.cue_kind, h.cue = valence, "section", label
                h.cues = (*h.cues, ("section", label))

    return apply
