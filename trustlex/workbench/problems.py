"""What ``lexicon check`` reports: the kinds of problem, a problem, and the line of an entry's field.

:mod:`trustlex.workbench.check` checks the files and :mod:`trustlex.workbench.entry_checks`
runs a language's entries on their own words; both report :class:`Problem` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trustlex.lexicon import Entry, _field_line

__all__ = ["PROBLEM_KINDS", "Problem"]

PROBLEM_KINDS: tuple[str, ...] = (
    "schema",
    "unknown-concept",
    "duplicate",
    "shadowed",
    "never-matches",
    "broad-wildcard",
    "unanchored-pattern",
    "dead-exclusion",
    "example-not-firing",
    "counter-example-fires",
)


@dataclass(frozen=True)
class Problem:
    """One problem ``lexicon check`` found: where it is, its kind and what to do about it."""

    path: str
    line: int
    kind: str
    message: str
    entry: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


class _Where:
    """Field lines of entries, read once per file, so problems point at the field, not the entry."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def __call__(self, entry: Entry, field: str) -> tuple[str, int]:
        if entry.path not in self._texts:
            self._texts[entry.path] = Path(entry.path).read_text(encoding="utf-8")
        return entry.path, _field_line(self._texts[entry.path], entry.line, field)
