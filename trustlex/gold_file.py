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

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import GoldError
from trustlex.lang.detect import detect_language

__all__ = ["GoldItem", "gold_referents", "read_gold"]


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


def read_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold JSONL file, raising GoldError naming the line and field of any bad record.

    The format is in the module docstring: one JSON object per line with
    ``text`` and ``labels`` (``{"trust": "-"}``, ``{}`` for no concept), and
    optionally ``id`` (default: the line number), ``lang`` (default:
    detected), ``corpus``, ``doc`` and ``referents`` (``{"trust":
    "leadership"}``: who each of the unit's concepts is about, ``"none"``
    for nobody). Blank lines are skipped.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file (UTF-8, with or without a byte-order mark).

    Returns
    -------
    list of GoldItem
        One item per record, with ``id``, ``text``, ``lang``, ``labels``,
        ``corpus``, ``doc`` and ``referents``.

    Raises
    ------
    GoldError
        For a line that is not JSON, lacks ``text`` or ``labels``, has a
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
    items = []
    lines: dict[str, int] = {}  # id -> the line that gave it
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                msg = f"{path}:{n}: not valid JSON ({exc.msg})"
                raise GoldError(msg) from exc
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                msg = f"{path}:{n}: field 'text' is missing or not a string"
                raise GoldError(msg)
            if not rec["text"].strip():
                # a blank unit has no sentence to find a concept in: evaluate would count its labels
                # as misses and train would learn them from nothing
                msg = f"{path}:{n}: field 'text' is empty or blank; give the unit its text or leave it out"
                raise GoldError(msg)
            if "labels" not in rec:
                raise GoldError(_missing_labels(path, n, rec))
            labels = rec["labels"]
            if not isinstance(labels, dict):
                msg = f'{path}:{n}: field \'labels\' must be an object like {{"trust": "-"}}'
                raise GoldError(msg)
            for concept, valence in labels.items():
                if concept not in CONCEPTS or valence not in VALENCES:
                    msg = (
                        f"{path}:{n}: field 'labels' has {concept!r}: {valence!r}; concepts are "
                        f"{', '.join(CONCEPTS)} and valences '+', '-', '0'"
                    )
                    raise GoldError(msg)
            lang = rec.get("lang") or detect_language(rec["text"])
            if lang not in LANGUAGES:
                msg = f"{path}:{n}: field 'lang' must be one of {', '.join(LANGUAGES)}, got {lang!r}"
                raise GoldError(msg)
            unit_id = str(rec.get("id", n))
            if unit_id in lines:
                msg = f"{path}:{n}: id {unit_id!r} repeats line {lines[unit_id]}; give each unit its own id"
                raise GoldError(msg)
            lines[unit_id] = n
            items.append(
                GoldItem(
                    id=unit_id,
                    text=rec["text"],
                    lang=lang,
                    labels=dict(labels),
                    corpus=str(rec.get("corpus", "")),
                    doc=str(rec.get("doc", "")),
                    referents=gold_referents(rec.get("referents"), labels, f"{path}:{n}"),
                )
            )
    if not items:
        msg = f"{path}: no coded units (the file is empty or holds only blank lines)"
        raise GoldError(msg)
    return items


def gold_referents(value: Any, labels: dict[str, str], where: str) -> dict[str, str]:
    """Return a unit's ``referents`` field checked: an object of its labelled concepts to referent ids.

    Whether an id is in the taxonomy is checked by :func:`evaluate`, which
    knows the referent files; here only the shape (``where`` names the
    record in the message).
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        msg = f'{where}: field \'referents\' must be an object like {{"trust": "leadership"}}'
        raise GoldError(msg)
    for concept, ref in value.items():
        if concept not in labels:
            msg = (
                f"{where}: field 'referents' has {concept!r}, which is not among the unit's labels "
                f"({', '.join(labels) or 'none'}); a referent says who a labelled concept is about"
            )
            raise GoldError(msg)
        if not isinstance(ref, str) or not ref.strip():
            msg = f"{where}: field 'referents' gives {concept!r} {ref!r}; write a referent id or \"none\""
            raise GoldError(msg)
    return dict(value)


def _missing_labels(path: Path, n: int, rec: dict[str, Any]) -> str:
    """The message for a record without ``labels``, naming a key that looks like a misspelling of it."""
    near = [k for k in rec if k.casefold() in ("label", "labels", "codes", "code", "concepts", "coding")]
    hint = f" (found {near[0]!r})" if near else ""
    return f"{path}:{n}: field 'labels' is missing{hint}; write {{}} for a unit that carries no concept"
