"""The parts of the HTML report's page: the bar chart's geometry, the climate panel, the notes, the rows.

Each turns a scored frame (or counts of it) into the plain values the
template of :mod:`trustlex.analysis.report` draws; the page itself, its
checks and the files it reads are there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from trustlex.analysis.bootstrap import canonical_rows, group_rng, mean_interval
from trustlex.analysis.display import CONCEPT_COLOURS
from trustlex.analysis.frames import REFERENT
from trustlex.analysis.indices import climate_sides, sentence_trust_index
from trustlex.analysis.report_cells import NO_VALENCE, cell_text, column, cut, places, segments
from trustlex.analysis.report_referents import NO_REFERENT
from trustlex.concepts import CONCEPT_NAMES

__all__ = [
    "UNKNOWN_COLOUR",
    "VALENCE_LABELS",
    "bar_chart",
    "climate_panel",
    "page_notes",
    "page_rows",
    "referent_names",
]

UNKNOWN_COLOUR = "#dee2e6"  # neutral grey for concepts outside the codebook

_VALENCE_NAMES = {"+": "present", "-": "lacking", "0": "neutral", NO_VALENCE: "no valence"}
VALENCE_LABELS = {"+": "present (+)", "-": "lacking (-)", "0": "neutral (0)", NO_VALENCE: "no valence"}
_VALENCE_COLOURS = {"+": "#2b8a3e", "-": "#c92a2a", "0": "#868e96", NO_VALENCE: "#ced4da"}
_VALENCE_CSS = {"+": "v-plus", "-": "v-minus", "0": "v-zero", NO_VALENCE: "v-none"}
_LABEL_CHARS = 16  # longer concept names are cut in the chart (the full name is its tooltip)
_LISTED = 10  # unknown concepts named in the note at the top, at most


def bar_chart(counts: pd.DataFrame, valences: list[str]) -> dict[str, Any]:
    """Return the geometry of the stacked bars: per concept, sentences by valence."""
    width, row_h, label_w = 640, 24, 130
    top = max(int(counts.sum(axis=1).max()), 1)
    bars = []
    for i, (concept, row) in enumerate(counts.iterrows()):
        y = i * row_h + 4
        x = float(label_w)
        segments = []
        for valence in valences:
            n = int(row[valence])
            if n:
                w = width * n / top
                segments.append(
                    {
                        "x": f"{x:.1f}",
                        "width": f"{w:.1f}",
                        "fill": _VALENCE_COLOURS[valence],
                        "title": f"{concept} {_VALENCE_NAMES[valence]}: {n}",
                    }
                )
                x += w
        bars.append(
            {
                "concept": concept,
                "label": cut(str(concept), _LABEL_CHARS),
                "unknown": concept not in CONCEPT_COLOURS,
                "y": y,
                "text_y": y + 15,
                "segments": segments,
                "total_x": f"{x + 6:.1f}",
                "total": int(row.sum()),
            }
        )
    legend = [
        {"x": label_w + k * 110, "fill": _VALENCE_COLOURS[v], "label": VALENCE_LABELS[v]}
        for k, v in enumerate(valences)
    ]
    return {
        "width": width + label_w + 60,
        "height": row_h * len(counts) + 30,
        "bar_height": row_h - 6,
        "bars": bars,
        "legend": legend,
        "legend_y": row_h * len(counts) + 22,
    }


def climate_panel(known: pd.DataFrame) -> dict[str, Any]:
    """Return the trust climate of the rows with codebook concepts: mean index, interval, sides."""
    # as climate() draws for its one group "all": the interval depends on the rows, not their order
    scores = canonical_rows(sentence_trust_index(known).to_numpy(dtype=float))
    mean, low, high = mean_interval(scores, rng=group_rng(0, "all"))
    sides = [
        {"name": CONCEPT_NAMES.get(c, c), "favour": f, "against": a, "neither": n}
        for c, f, a, n in climate_sides(known).itertuples(index=False, name=None)
        if f or a or n
    ]
    return {
        "n_docs": len(scores),
        "docs_word": "document" if len(scores) == 1 else "documents",
        "mean": f"{mean:+.2f}",
        "low": f"{low:+.2f}",
        "high": f"{high:+.2f}",
        "index": round(mean, 6) if math.isfinite(mean) else None,
        "sides": sides,
    }


def page_notes(
    unknown: dict[str, int],
    no_valence: int,
    unread: Sequence[str] = (),
    nothing: str | None = None,
    scoring: Sequence[str] = (),
) -> list[str]:
    """Return the notes at the top of the page: nothing scored, inputs not read, scoring's notes, odd rows."""
    notes = [f"Nothing was scored: {nothing}."] if nothing else []
    if unread:
        what = "1 file or table row" if len(unread) == 1 else f"{len(unread)} files or table rows"
        more = f" and {len(unread) - _LISTED} more" if len(unread) > _LISTED else ""
        notes.append(
            f"{what} could not be read and {'is' if len(unread) == 1 else 'are'} not in this report: "
            f"{', '.join(unread[:_LISTED])}{more}."
        )
    for note in scoring[:_LISTED]:  # such as the text column guessed: which column the page is about
        notes.append(f"Note: {note}.")
    if len(scoring) > _LISTED:
        notes.append(f"And {len(scoring) - _LISTED} more notes (printed when the documents were scored).")
    if unknown:
        n = sum(unknown.values())
        names = ", ".join(f"“{cut(c, 60)}”" for c in list(unknown)[:_LISTED])
        more = f" and {len(unknown) - _LISTED} more" if len(unknown) > _LISTED else ""
        rows = "1 row names a concept" if n == 1 else f"{n} rows name concepts"
        notes.append(
            f"{rows} outside the codebook: {names}{more}. They are shown under their own names "
            "in grey and left out of the trust climate."
        )
    if no_valence:
        rows = "1 row has" if no_valence == 1 else f"{no_valence} rows have"
        notes.append(
            f"{rows} no valid valence (empty, or not +, - or 0), shown as “no valence”; "
            "in the trust climate such rows count for neither side."
        )
    return notes


def page_rows(
    sentences: pd.DataFrame, concepts: pd.Series, valences: pd.Series, referents: Sequence[str | None]
) -> list[tuple[Any, ...]]:
    """Return the sentence rows of the page: concept, valence, referent, segments, css class, colour, meta."""
    rows = []
    for concept, valence, referent, words, raw, sentence, terms, place, cues in zip(
        concepts,
        valences,
        referents,
        column(sentences, "referent_text"),
        column(sentences, "valence"),
        column(sentences, "sentence"),
        column(sentences, "terms"),
        places(sentences),
        column(sentences, "cues"),
        strict=True,
    ):
        label = valence
        if valence == NO_VALENCE:
            raw = cell_text(raw).strip()
            label = f"no valence (“{cut(raw, 200)}”)" if raw else "no valence"
        meta = [f"{concept} {label}"]
        if cell_text(place):
            meta.append(cell_text(place))
        if cell_text(cues):
            meta.append("cue: " + cell_text(cues))
        if referent is not None and referent != NO_REFERENT:
            meta.append(
                f"about {referent}" + (f" (“{cut(cell_text(words), 80)}”)" if cell_text(words) else "")
            )
        rows.append(  # unpacked in the template: concept, valence, referent, segments, css, colour, meta
            (
                concept,
                valence,
                referent,
                segments(cell_text(sentence), cell_text(terms)),
                _VALENCE_CSS[valence],
                CONCEPT_COLOURS.get(concept, UNKNOWN_COLOUR),
                meta,
            )
        )
    return rows


def referent_names(sentences: pd.DataFrame) -> list[str] | None:
    """Return each row's referent as text (empty cells: ``none``), or None for rows without referents."""
    if REFERENT not in sentences.columns:
        return None
    return [cell_text(v).strip() or NO_REFERENT for v in sentences[REFERENT].tolist()]
