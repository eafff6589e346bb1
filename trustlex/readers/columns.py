"""Table columns shared by every table format: unique names from a header, and the text column's choice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TEXT_COLUMN_NAMES: tuple[str, ...] = (
    "text",
    "comment",
    "comments",
    "answer",
    "response",
    "review",
    "body",
    "content",
    "message",
    "opmerking",
    "opmerkingen",
    "toelichting",
    "tekst",
    "antwoord",
    "reactie",
)

_SAMPLE_ROWS = 200


def _unique_names(raw: Iterable[Any]) -> list[str]:
    cleaned = ["" if name is None else str(name).replace("\ufeff", "").strip() for name in raw]
    taken = set(cleaned)
    names: list[str] = []
    used: set[str] = set()
    for position, name in enumerate(cleaned, 1):
        if name and name not in used:
            names.append(name)
            used.add(name)
            continue
        base, n = (name, 2) if name else ("column", position)
        while f"{base}_{n}" in used or f"{base}_{n}" in taken:
            n += 1
        names.append(f"{base}_{n}")
        used.add(names[-1])
    return names


def _detect_text_column(columns: list[str], sample: list[dict[str, Any]]) -> str:
    lowered = {}
    for column in columns:
        lowered.setdefault(column.strip().lower(), column)
    for name in TEXT_COLUMN_NAMES:
        if name in lowered:
            return lowered[name]

    def mean_length(column: str) -> float:
        if not sample:
            return 0.0
        return sum(len(v) if isinstance(v := rec.get(column), str) else 0 for rec in sample) / len(sample)

    # max() keeps the first of equal columns, so file order breaks ties.
    return max(columns, key=mean_length)
