"""Gold files: hand-coded units in JSONL, read and checked (:func:`read_gold`, :class:`GoldItem`).

The format is one JSON object per line with at least ``text`` and ``labels``
(a mapping of concept id to valence, ``{}`` for no concept), and optionally
``id``, ``lang``, ``corpus``, ``doc`` and ``referents`` (a mapping of the
unit's concepts to the party each is about, ``"none"`` for nobody; see
:mod:`trustlex.referent_scores`). Each text is one unit: its concepts are the
union over its sentences, as the codebook allows a short comment to be one
unit. Scoring against a gold file is :mod:`trustlex.evaluate`.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import GoldError, GoldWarning
from trustlex.lang.detect import detect_language

__all__ = ["MAX_LISTED", "GoldItem", "capped", "gold_items", "gold_referents", "read_gold"]

MAX_LISTED = 20  # bad lines a GoldError lists; it says how many more there are


@dataclass
class GoldItem:
    """One hand-coded unit: its text, language and gold labels."""

    id: str
    text: str
    lang: str
    labels: dict[str, str]
    corpus: str = ""
    doc: str = ""  # the source document, for grouped cross-validation
    referents: dict[str, str] = field(default_factory=dict)  # concept -> referent id or "none"
    line: int = 0  # the line of its gold file (0: not read from a file)


def read_gold(path: str | Path, *, skip_bad: bool = False) -> list[GoldItem]:
    """Read a gold JSONL file, raising GoldError naming the line and field of every bad record.

    The format is in the module docstring: one JSON object per line with
    ``text`` and ``labels`` (``{"trust": "-"}``, ``{}`` for no concept), and
    optionally ``id`` (default: the line number), ``lang`` (default:
    detected), ``corpus``, ``doc`` and ``referents`` (``{"trust":
    "leadership"}``: who each of the unit's concepts is about, ``"none"``
    for nobody). Blank lines are skipped.

    The whole file is read before anything is refused, so that one run names
    every bad line (the first :data:`MAX_LISTED`, and how many more): a file
    of 300 hand-coded units with five mistakes is mended in one go. Nothing
    is returned from a file with bad lines, since scores on part of a gold
    file would mislead, unless ``skip_bad`` asks for the good lines (with a
    warning saying how many were skipped).

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file (UTF-8, with or without a byte-order mark).
    skip_bad : bool, default False
        Return the good records and warn (:class:`GoldWarning`) how many bad
        lines were skipped, naming the first; a file with no good record still raises.

    Returns
    -------
    list of GoldItem
        One item per record, with ``id``, ``text``, ``lang``, ``labels``,
        ``corpus``, ``doc`` and ``referents``.

    Raises
    ------
    GoldError
        Listing every line (up to :data:`MAX_LISTED`; its ``problems`` holds
        them all as (line, field, message)) that is not JSON, lacks ``text`` or ``labels``, has a
        blank ``text``, repeats an earlier line's ``id``, has an unknown
        concept, valence or language, or ``referents`` that are not an
        object of the unit's labelled concepts to ids (the message starts with
        ``path:line:``), and for a file without
        records.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> records = [
    ...     {"id": "a", "text": "Geen vertrouwen in de directie.", "labels": {"trust": "-"}},
    ...     {"text": "The canteen is fine.", "labels": {}},
    ... ]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "gold.jsonl")
    ...     with path.open("w", encoding="utf-8") as fh:
    ...         for record in records:
    ...             print(json.dumps(record), file=fh)
    ...     items = trustlex.read_gold(path)
    >>> [(it.id, it.lang, it.labels) for it in items]
    [('a', 'nl', {'trust': '-'}), ('2', 'en', {})]
    """
    path = Path(path)
    items: list[GoldItem] = []
    problems: list[tuple[int, str | None, str]] = []
    lines: dict[str, int] = {}  # id -> the line that gave it
    with path.open("rb") as fh:  # decoded line by line: a line not in UTF-8 is one bad line
        for n, raw in enumerate(fh, 1):
            try:
                line = _decoded(raw.removeprefix(codecs.BOM_UTF8) if n == 1 else raw)
                if not line.strip():
                    continue
                item = _record(line, n, lines)
            except _BadLineError as bad:
                problems.append((n, bad.field, bad.message))
                continue
            lines[item.id] = n
            items.append(item)
    if problems and (not skip_bad or not items):
        raise _gold_error(path, problems, len(items))
    if problems:
        n, _, message = problems[0]
        warnings.warn(
            f"{path}: skipped {len(problems)} bad line(s) of {len(items) + len(problems)} and read "
            f"{len(items)} (the first: line {n}: {message}); the scores are of the good lines only",
            GoldWarning,
            stacklevel=2,
        )
    if not items:
        msg = f"{path}: no coded units (the file is empty or holds only blank lines)"
        raise GoldError(msg)
    return items


class _BadLineError(Exception):
    """One bad line of a gold file: the field (None: the whole line) and what is wrong, and what to do."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def _gold_error(path: Path, problems: list[tuple[int, str | None, str]], good: int) -> GoldError:
    """One GoldError naming every bad line (the first MAX_LISTED), keeping all in ``problems``."""
    if len(problems) == 1:
        n, _, message = problems[0]
        exc = GoldError(f"{path}:{n}: {message}")
    else:
        shown = capped([f"{path}:{n}: {message}" for n, _, message in problems], "bad lines")
        head = (
            f"{path}: {len(problems)} bad lines of {len(problems) + good}; nothing is read from a gold "
            "file with bad lines (scores on part of it would mislead): mend them and run again, or skip "
            "them (--skip-bad-lines of evaluate, train, lexicon audit and lexicon misses; "
            "skip_bad=True in Python)"
        )
        exc = GoldError("\n  ".join([head, *shown]))
    exc.problems = tuple(problems)
    return exc


def capped(lines: list[str], more_of: str = "") -> list[str]:
    """Return the first :data:`MAX_LISTED` of ``lines`` and, past them, one saying how many more there are."""
    more = len(lines) - MAX_LISTED
    if more <= 0:
        return lines
    return [*lines[:MAX_LISTED], f"... and {more} more" + (f" {more_of}" if more_of else "")]


def _decoded(raw: bytes) -> str:
    """Return a line's text; a line not in UTF-8 is a _BadLineError naming the byte and its column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = (
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1} (the file was saved as "
            "Latin-1 or Windows-1252?); save the file as UTF-8 in your editor"
        )
        raise _BadLineError(msg, None) from exc


def gold_items(records: Iterable[Any]) -> list[GoldItem]:
    """Return the GoldItems of gold records (dicts in :func:`read_gold`'s format, or its GoldItems), checked.

    Records are numbered from 0 (the default ``id``); one GoldError names
    every bad record (``gold record N: ...``), as :func:`read_gold` names lines.
    """
    items: list[GoldItem] = []
    problems: list[tuple[int, str | None, str]] = []
    ids: dict[str, int] = {}
    for n, rec in enumerate(records):
        if isinstance(rec, GoldItem):  # read_gold's own items (a held-out part of a coded file): checked anew
            rec = {f.name: getattr(rec, f.name) for f in dataclasses.fields(GoldItem) if f.name != "line"}
        try:
            item = _checked(rec, n, ids, "record")
        except _BadLineError as bad:
            problems.append((n, bad.field, bad.message))
            continue
        ids[item.id] = n
        items.append(dataclasses.replace(item, line=0))
    if problems:
        said = capped([f"gold record {n}: {message}" for n, _, message in problems], "bad records")
        head = [] if len(problems) == 1 else [f"{len(problems)} bad gold records:"]
        exc = GoldError("\n  ".join([*head, *said]))
        exc.problems = tuple(problems)
        raise exc
    return items


def _record(line: str, n: int, ids: dict[str, int]) -> GoldItem:
    """Return the GoldItem of line ``n``; a _BadLineError names its field, what is wrong and what to do."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON ({exc.msg}, column {exc.colno}); write one JSON object per line"
        raise _BadLineError(msg, None) from exc
    return _checked(rec, n, ids, "line")


def _checked(rec: Any, n: int, ids: dict[str, int], unit: str) -> GoldItem:
    """Return the GoldItem of record ``rec`` (line or record ``n``), or raise _BadLineError."""
    if not isinstance(rec, dict):
        msg = 'not a JSON object; write one object per line, like {"text": "...", "labels": {}}'
        raise _BadLineError(msg, None)
    if not isinstance(rec.get("text"), str):
        msg = "field 'text' is missing or not a string"
        raise _BadLineError(msg, "text")
    if not rec["text"].strip():
        # a blank unit has no sentence to find a concept in: evaluate would count its labels
        # as misses and train would learn them from nothing
        msg = "field 'text' is empty or blank; give the unit its text or leave it out"
        raise _BadLineError(msg, "text")
    if "labels" not in rec:
        msg = _missing_labels(rec)
        raise _BadLineError(msg, "labels")
    labels = rec["labels"]
    if not isinstance(labels, dict):
        msg = 'field \'labels\' must be an object like {"trust": "-"}'
        raise _BadLineError(msg, "labels")
    for concept, valence in labels.items():
        if concept not in CONCEPTS or valence not in VALENCES:
            msg = (
                f"field 'labels' has {concept!r}: {valence!r}; concepts are "
                f"{', '.join(CONCEPTS)} and valences '+', '-', '0'"
            )
            raise _BadLineError(msg, "labels")
    lang = rec.get("lang") or detect_language(rec["text"])
    if lang not in LANGUAGES:
        msg = f"field 'lang' must be one of {', '.join(LANGUAGES)}, got {lang!r}"
        raise _BadLineError(msg, "lang")
    unit_id = str(rec.get("id", n))
    if unit_id in ids:
        msg = f"id {unit_id!r} repeats {unit} {ids[unit_id]}; give each unit its own id"
        raise _BadLineError(msg, "id")
    try:
        referents = gold_referents(rec.get("referents"), labels, "")
    except GoldError as exc:
        msg = str(exc)
        raise _BadLineError(msg, "referents") from exc
    return GoldItem(
        id=unit_id,
        text=rec["text"],
        lang=lang,
        labels=dict(labels),
        corpus=str(rec.get("corpus", "")),
        doc=str(rec.get("doc", "")),
        referents=referents,
        line=n,
    )


def gold_referents(value: Any, labels: dict[str, str], where: str) -> dict[str, str]:
    """Return a unit's ``referents`` field checked: an object of its labelled concepts to referent ids.

    Whether an id is in the taxonomy is checked by :func:`evaluate`, which
    knows the referent files; here only the shape (``where`` names the
    record in the message).
    """
    if value is None:
        return {}
    at = f"{where}: " if where else ""
    if not isinstance(value, dict):
        msg = f'{at}field \'referents\' must be an object like {{"trust": "leadership"}}'
        raise GoldError(msg)
    for concept, ref in value.items():
        if concept not in labels:
            msg = (
                f"{at}field 'referents' has {concept!r}, which is not among the unit's labels "
                f"({', '.join(labels) or 'none'}); a referent says who a labelled concept is about"
            )
            raise GoldError(msg)
        if not isinstance(ref, str) or not ref.strip():
            msg = f"{at}field 'referents' gives {concept!r} {ref!r}; write a referent id or \"none\""
            raise GoldError(msg)
    return dict(value)


def _missing_labels(rec: dict[str, Any]) -> str:
    """The message for a record without ``labels``, naming a key that looks like a misspelling of it."""
    near = [k for k in rec if k.casefold() in ("label", "labels", "codes", "code", "concepts", "coding")]
    hint = f" (found {near[0]!r})" if near else ""
    return f"field 'labels' is missing{hint}; write {{}} for a unit that carries no concept"
