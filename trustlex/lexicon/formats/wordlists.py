"""Word lists to entries: category names to (concept, valence), words to terms, wildcards and patterns.

The readers of the word-list formats (LIWC, LIWC-22, quanteda YAML) return a
:class:`~trustlex.lexicon.formats.common._Source`; :func:`_entries_from_words`
turns it into validated entries that match exactly what the words matched.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trustlex.concepts import CONCEPTS, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import _imported_entry, _plural, _shorten, _Source
from trustlex.lexicon.formats.globs import (
    _STAR,
    _WILD,
    Glob,
    _glob_regex,
    _glob_text,
    _is_literal,
    _parse_glob,
)
from trustlex.lexicon.model import Entry
from trustlex.lexicon.schema import check_wildcard

_VALENCE_WORDS = {
    "+": "+",
    "pos": "+",
    "positive": "+",
    "-": "-",
    "neg": "-",
    "negative": "-",
    "0": "0",
    "neu": "0",
    "neutral": "0",
}


@functools.lru_cache(maxsize=4)
def _tokenizer(language: str) -> Any:
    import spacy  # on first use: only word lists of phrases need trustlex's tokenizer

    return spacy.blank(language).tokenizer


def _split_words(text: str, language: str) -> list[str]:
    """Tokenize like trustlex's pipeline, so ``can't`` becomes ``ca n't`` and can match."""
    return [t.text for t in _tokenizer(language)(text) if not t.is_space]


def _match_fields(glob: Glob, language: str) -> tuple[str, Any]:
    """Return (kind, value) of the trustlex entry that matches exactly what ``glob`` matches."""
    if all(_is_literal(t) for t in glob):
        return "term", " ".join(_split_words(" ".join("".join(t) for t in glob), language))
    if len(glob) == 1:
        token = glob[0]
        core = token[1 if token[0] == _STAR else 0 : len(token) - 1 if token[-1] == _STAR else len(token)]
        text = _glob_text(token)
        if core and _is_literal(core) and check_wildcard(text) is None:
            return "wildcard", text
    pattern: list[dict[str, Any]] = []
    for token in glob:
        if _is_literal(token):
            pattern.extend({"LOWER": w} for w in _split_words("".join(token), language))
        else:
            pattern.append({"LOWER": {"REGEX": _glob_regex(token)}})
    return "pattern", pattern


# -- category names -> (concept, valence) --------------------------------------------------------

_SEPARATED = re.compile(r"^([a-z]+)[\s._:/-]+([a-z0-9+-]+)$")


def _default_target(name: str) -> tuple[str, str] | None:
    """Map a category name such as ``trust``, ``trust+``, ``trust_neg`` or ``trust.positive``."""
    n = name.strip().lower()
    if n in CONCEPTS:
        return n, "0"
    if n and n[-1] in VALENCES and n[:-1] in CONCEPTS:
        return n[:-1], n[-1]
    m = _SEPARATED.match(n)
    if m and m.group(1) in CONCEPTS and m.group(2) in _VALENCE_WORDS:
        return m.group(1), _VALENCE_WORDS[m.group(2)]
    return None


def _parse_target(category: str, value: Any, path: str) -> tuple[str, str] | None:
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else ":".join(map(str, value))
    concept, _, valence = text.strip().lower().partition(":")
    target = (concept.strip(), _VALENCE_WORDS.get(valence.strip() or "0", ""))
    if target[0] not in CONCEPTS or target[1] not in VALENCES:
        msg = (
            f"category_map[{category!r}] = {value!r}: expected 'concept:valence' with a concept id "
            f"({', '.join(CONCEPTS)}) and a valence +, - or 0 (or pos, neg, neu); None drops the category"
        )
        raise LexiconError(msg, path=path)
    return target


def _resolve_categories(
    categories: Mapping[str, tuple[str, ...]], category_map: Mapping[str, Any] | None, path: str
) -> dict[str, tuple[str, str] | None]:
    """Map every category (name -> its key path) to (concept, valence), or None to drop it."""
    cmap = {str(k).strip().lower(): _parse_target(str(k), v, path) for k, v in (category_map or {}).items()}
    out: dict[str, tuple[str, str] | None] = {}
    unmapped: list[str] = []
    for name, keys in categories.items():
        # a nested YAML category may be mapped by any of its parents, the nearest first
        candidates = [".".join(keys[:k]).lower() for k in range(len(keys), 0, -1)] or [name.lower()]
        mapped = next((c for c in candidates if c in cmap), None)
        if mapped is not None:
            out[name] = cmap[mapped]
        elif (target := _default_target(name)) is not None:
            out[name] = target
        elif "*" in cmap:
            out[name] = cmap["*"]
        else:
            unmapped.append(name)
    if unmapped:
        example = unmapped[0]
        msg = (
            f"no trustlex concept for the categories {_shorten([repr(u) for u in unmapped], 20)}. "
            f"Known concept ids: {', '.join(CONCEPTS)}. Name categories like 'trust', 'trust_pos', "
            f"'trust_neg', 'trust_neu' (or nested trust: {{positive: [...]}}), or pass a mapping, e.g. "
            f"category_map={{{example!r}: 'trust:+'}}; map a category to None to drop it, and '*' "
            "sets the target of every category not named"
        )
        raise LexiconError(msg, path=path)
    return out


def _entries_from_words(
    src: _Source,
    *,
    path: Path,
    language: str,
    label: str,
    category_map: Mapping[str, Any] | None,
    qmark: bool,
) -> tuple[list[Entry], list[str]]:
    spath = str(path)
    used = {category for category, _, _ in src.words}
    targets = _resolve_categories({n: k for n, k in src.categories.items() if n in used}, category_map, spath)
    entries: list[Entry] = []
    seen_match: set[tuple[str, str, str, str]] = set()
    ids: set[str] = set()
    split_wildcards: list[str] = []
    # A word read again (YAML aliases repeat whole lists) is tokenized once: text -> glob, kind, value, key
    parsed: dict[str, tuple[Glob, str, Any, str] | None] = {}
    for category, text, line in src.words:
        target = targets[category]
        if target is None:
            continue
        if text not in parsed:
            glob = _parse_glob(text, qmark=qmark)
            if glob:
                kind, value = _match_fields(glob, language)
                parsed[text] = (glob, kind, value, json.dumps(value, sort_keys=True))
            else:
                parsed[text] = None
        hit = parsed[text]
        if hit is None:
            continue
        glob, kind, value, dumped = hit
        concept, valence = target
        key = (concept, valence, kind, dumped)
        if key in seen_match:
            continue
        seen_match.add(key)
        value = copy.deepcopy(value)  # a pattern is a list of dicts: each entry gets its own
        for token in glob:
            literal = "".join(a for a in token if a not in _WILD)
            if not _is_literal(token) and len(_split_words(literal, language)) > 1:
                split_wildcards.append(_glob_text(token))
        raw: dict[str, Any] = {"concept": concept, "valence": valence, kind: value}
        raw["source"] = f"{path.name} [{category}]"
        if kind == "pattern":
            raw["id"] = f"{language}:{concept}:pattern:" + "-".join(_glob_text(t) for t in glob)
        entry = _imported_entry(raw, len(entries), spath, line, language, label)
        # the same word under two valences would share its default id, which a lexicon forbids
        new_id, n = entry.id, 1
        if new_id in ids:
            new_id = f"{entry.id}-{VALENCE_SUFFIX[valence]}"
        while new_id in ids:
            n += 1
            new_id = f"{entry.id}-{VALENCE_SUFFIX[valence]}-{n}"
        ids.add(new_id)
        entries.append(dataclasses.replace(entry, id=new_id) if new_id != entry.id else entry)
    notes = list(src.notes)
    if split_wildcards:
        notes.append(
            f"{spath}: {_plural(len(split_wildcards), 'wildcard word')} hold punctuation that trustlex's "
            f"tokenizer splits off ({_shorten(split_wildcards)}); a wildcard matches one token, so text "
            "spelled that way will not match"
        )
    return entries, notes
