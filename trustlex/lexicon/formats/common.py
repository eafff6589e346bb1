"""What the dictionary formats share: format names, warnings, reading foreign text, CSV rows."""

from __future__ import annotations

import csv
import dataclasses
import io
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from trustlex.concepts import CONCEPTS, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LexiconError, LexiconFormatWarning
from trustlex.lexicon.model import Entry
from trustlex.lexicon.reading import _read_bytes
from trustlex.lexicon.schema import _parse_entry

_FORMAT_NAMES = {
    "liwc": "LIWC .dic",
    "dicx": "LIWC-22 .dicx",
    "yaml": "quanteda YAML",
    "csv": "trustlex CSV",
    "toml": "trustlex TOML",
}
_IMPORT_VERSION = "0.1.0"
# An export plan: each entry with the words it is written as.
Plan = list[tuple[Entry, list[str]]]


@dataclasses.dataclass
class _Source:
    """What a word-list reader found: categories {name: key path}, words [(category, text, line)], notes."""

    categories: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    words: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)


def _warn(messages: Iterable[str]) -> None:
    for message in messages:
        warnings.warn(message, LexiconFormatWarning, stacklevel=3)


def _read_text(path: Path) -> str:
    """Read a file written by some other tool: UTF-8 (with or without BOM), else cp1252, else latin-1."""
    raw = _read_bytes(path, "dictionary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    try:
        text, encoding = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes are undefined in cp1252; latin-1 decodes any byte
        text, encoding = raw.decode("latin-1"), "latin-1"
    _warn([f"{path}: not UTF-8 (first bad byte on line {line}); read as {encoding}"])
    return text


def _shorten(ids: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def _all_of(problems: list[LexiconError], notes: Sequence[str] = ()) -> LexiconError:
    """The first problem, its message followed by the others' (each ``path:line: ...`` on its own line).

    ``notes`` are what an import would have warned about had it gone through
    (words skipped, codes ignored): listed after the problems, so one run
    names everything to look at in the file.
    """
    first = problems[0]
    if len(problems) == 1 and not notes:
        return first
    more = "".join(f"\n{p}" for p in problems[1:])
    also = "".join(f"\nalso: {n}" for n in notes)
    count = f" ({len(problems) - 1} more below)" if len(problems) > 1 else ""
    detail = f"{first.detail}{count}{more}{also}"
    return LexiconError(detail, path=first.path, line=first.line, entry=first.entry, field=first.field)


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """Yield (first line of the row, cells); rows may span lines inside quotes."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel writes ';' in Dutch locales
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _imported_entry(
    raw: dict[str, Any], index: int, path: str, line: int, language: str, label: str
) -> Entry:
    """Validate one imported entry with the TOML loader's checks (there is no TOML text to point into)."""
    return _parse_entry(
        raw, index, path=path, text="", line=line, language=language, lexicon_label=label, default_weight=1.0
    )


def _category(concept: str, valence: str) -> str:
    return f"{concept}_{VALENCE_SUFFIX[valence]}"


def _category_order(plan: Plan) -> list[tuple[str, str]]:
    used = {(e.concept, e.valence) for e, _ in plan}
    known = [(c, v) for c in CONCEPTS for v in VALENCES if (c, v) in used]
    return known + sorted(used - set(known))
