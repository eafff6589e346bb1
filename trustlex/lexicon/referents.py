"""The referent taxonomy: who a concept is about, as data (``lexicons/<lang>/referents.toml``).

A taxonomy file names the parties a sentence can attribute a concept to
(``direct_manager``, ``leadership``, ``colleagues``, ``hr``, ``organisation``,
``government``, ``customers``, ``employees``) and the words that mention
them. The shipped file of a language is the base; a user's file extends it
(its terms are added, and win where they name another referent) or, with
``replace = true`` in its header, replaces it. Attribution itself is
:mod:`trustlex.matching.referents`.

The schema is closed: an unknown field, a term of the wrong type or a
wildcard too short to be safe raises :class:`~trustlex.errors.LexiconError`
naming the file, the line and the field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustlex.concepts import CONCEPTS
from trustlex.errors import LexiconError
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.referent_rules import ReferentWords, parse_rules
from trustlex.lexicon.referent_terms import check_term, spaced_hyphens
from trustlex.lexicon.resources import lexicon_dir
from trustlex.lexicon.toml_fields import (
    _as_str_list,
    _check_unknown,
    _field_line,
    _file_header,
    _header_lines,
    _table_line,
)

REFERENTS: tuple[str, ...] = (
    "direct_manager",
    "leadership",
    "colleagues",
    "hr",
    "organisation",
    "government",
    "customers",
    "employees",
)
"""The shipped referent ids, in the codebook's order (``none`` is not one: it is the absence)."""

NONE = "none"
REFERENT_HEADER_FIELDS: tuple[str, ...] = ("language", "version", "description", "replace", "license")
REFERENT_FIELDS: tuple[str, ...] = ("id", "terms", "lemmas", "exclude", "concepts", "description", "note")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def term_slot(term: str, lemma: bool) -> tuple[str, Any]:
    """Return the (table, key) where :meth:`Taxonomy.add_term` files ``term``.

    Two terms of one slot overwrite each other: ``lexicon check`` reports them.
    """
    words = tuple(term.lower().split())
    if len(words) > 1:
        return ("phrase", words)
    word = words[0]
    if word.endswith("*"):
        return ("prefix", word[:-1])
    if word.startswith("*"):
        return ("suffix", word[1:])
    if lemma:
        return ("lemma", word)
    return ("cased", word) if term.strip() != word else ("word", word)


@dataclass
class Taxonomy:
    """A referent taxonomy: referent ids and the words that mention each, for one language.

    ``words`` maps a lowercase word form to its referent and ``lemmas`` a
    lemma (any inflection of it matches); ``cased`` maps the lowercase of a
    term written with capitals (``OM``, ``MT``) to (that spelling, referent):
    it matches only as written, so the Dutch preposition "om" is no Openbaar
    Ministerie. ``phrases`` maps the last word of a multiword term to its
    (words, referent) pairs, longest first; ``prefixes`` and ``suffixes``
    hold wildcard terms (``management*`` matches ``managementcommunicatie``,
    ``*ambtenaar`` matches ``opsporingsambtenaar``); ``exclude`` holds
    phrases inside which no mention counts (``risk management``). ``only``
    maps a term (lowercase, words joined by a space) to the concepts it names
    its referent for: in a review, "people" who are kind or able are the
    colleagues, while "a culture of great people" is about nobody. ``rules``
    holds the words of the file's ``[rules]`` table that the rules read.
    """

    language: str
    version: str = ""
    referents: tuple[str, ...] = ()
    words: dict[str, str] = field(default_factory=dict)
    lemmas: dict[str, str] = field(default_factory=dict)
    cased: dict[str, tuple[str, str]] = field(default_factory=dict)
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)
    exclude: tuple[tuple[str, ...], ...] = ()
    paths: tuple[str, ...] = ()
    only: dict[str, frozenset[str]] = field(default_factory=dict)
    rules: ReferentWords = field(default_factory=ReferentWords)

    def __bool__(self) -> bool:
        return bool(self.words or self.lemmas or self.cased or self.phrases or self.prefixes or self.suffixes)

    def add_term(
        self, term: str, referent: str, *, lemma: bool = False, concepts: frozenset[str] | None = None
    ) -> None:
        """Add one term (a word, a phrase of space-separated tokens, or a wildcard) for ``referent``.

        Parameters
        ----------
        term : str
            The term as written in a taxonomy file. Lowercase terms match in
            any case; a single word written with capitals matches only so.
        referent : str
            The referent id it mentions.
        lemma : bool
            Match a single word by its lemma (every inflection) rather than its form.
            A term with a hyphen between letters is also filed as English splits it ("co - workers").
        concepts : frozenset of str or None
            The concepts the term names its referent for (None: every concept).
        """
        words = tuple(term.lower().split())
        if concepts is not None:
            self.only[" ".join(words)] = concepts
        else:
            self.only.pop(" ".join(words), None)
        table, key = term_slot(term, lemma)
        if table == "phrase":
            # keyed by the last word, the noun as a rule ("the city", "raad van bestuur"): the first
            # ("the", "de") would send nearly every sentence looking for mentions
            old = [p for p in self.phrases.get(words[-1], ()) if p[0] != words]
            old.append((words, referent))
            old.sort(key=lambda p: -len(p[0]))
            self.phrases[words[-1]] = tuple(old)
        elif table == "prefix":
            self.prefixes[key] = referent
        elif table == "suffix":
            self.suffixes[key] = referent
        elif table == "lemma":
            self.lemmas[key] = referent
        elif table == "cased":
            self.cased[key] = (term.strip(), referent)
        else:
            self.words[key] = referent
        if referent not in self.referents:
            self.referents = (*self.referents, referent)
        spaced = None if lemma else spaced_hyphens(term)
        if spaced is not None:  # "co-workers" is three tokens in English, one in Dutch: both spellings
            self.add_term(spaced, referent, concepts=concepts)

    def terms(self) -> list[tuple[str, str, bool]]:
        """Return every (term, referent, by lemma) as a file would write it."""
        out = [(w, r, False) for w, r in self.words.items()]
        out += [(w, r, True) for w, r in self.lemmas.items()]
        out += [(exact, r, False) for exact, r in self.cased.values()]
        out += [(" ".join(ws), r, False) for phrases in self.phrases.values() for ws, r in phrases]
        out += [(p + "*", r, False) for p, r in self.prefixes.items()]
        out += [("*" + x, r, False) for x, r in self.suffixes.items()]
        return out

    def extended(self, other: Taxonomy) -> Taxonomy:
        """Return this taxonomy with ``other``'s referents and terms added (``other`` wins a term).

        Parameters
        ----------
        other : Taxonomy
            The taxonomy whose terms are added.

        Returns
        -------
        Taxonomy
            A new taxonomy; neither input is changed.
        """
        out = Taxonomy(self.language, other.version or self.version, self.referents)
        for term, ref, lemma in (*self.terms(), *other.terms()):
            out.add_term(term, ref, lemma=lemma)
        out.exclude = tuple(dict.fromkeys((*self.exclude, *other.exclude)))
        # a term of ``other`` without concepts lifts this taxonomy's limit on it
        mine = {" ".join(t.lower().split()) for t, _, _ in other.terms()}
        out.only = {k: v for k, v in self.only.items() if k not in mine} | other.only
        out.paths = (*self.paths, *other.paths)
        out.rules = self.rules | other.rules  # an extending file inherits the rule words and adds its own
        for ref in other.referents:
            if ref not in out.referents:
                out.referents = (*out.referents, ref)
        return out


def _concepts(raw: dict, err: Any) -> frozenset[str] | None:
    """The ``concepts`` a referent table's terms are limited to, checked; None when the table has none."""
    if "concepts" not in raw:
        return None
    names = _as_str_list(raw["concepts"], err=err, name="concepts")
    unknown = [c for c in names if c not in CONCEPTS]
    if unknown or not names:
        err(
            "concepts",
            f"'concepts' must list concepts of the codebook ({', '.join(CONCEPTS)}), got {unknown}",
        )
    return frozenset(names)


def _parse_header(data: dict, text: str, spath: str) -> tuple[str, str, bool]:
    header, herr = _file_header(data, text, spath, "referents", REFERENT_HEADER_FIELDS)
    replace = header.get("replace", False)
    if not isinstance(replace, bool):
        herr("replace", f"'replace' must be true or false, got {replace!r}")
    return header["language"], header["version"], replace


def load_referent_file(path: str | Path) -> tuple[Taxonomy, bool]:
    """Load and validate one referent taxonomy file.

    Parameters
    ----------
    path : str or Path
        A TOML file with a ``[referents]`` header (``language``, ``version``,
        optional ``replace``) and ``[[referent]]`` tables (``id``, ``terms``,
        optional ``lemmas``, ``exclude``, ``description``, ``note``), and an
        optional ``[rules]`` table of the rules' words; see ``lexicons/README.md``.

    Returns
    -------
    tuple
        (the file's taxonomy, whether it replaces the shipped one).

    Raises
    ------
    LexiconError
        Naming file, line, referent and field when the file does not follow the schema,
        or the file when it does not exist.
    """
    if not Path(path).is_file():
        msg = f"referent file {str(path)!r} does not exist"
        raise LexiconError(msg, path=str(path))
    tax, replace, problems = read_referent_file(path)
    if problems:
        raise problems[0]
    return tax, replace


def read_referent_file(path: str | Path) -> tuple[Taxonomy, bool, list[LexiconError]]:
    """Load a referent taxonomy file and return it with every referent table's problem, not only the first.

    What :func:`load_referent_file` reads, for ``trustlex lexicon check``: a
    ``[[referent]]`` table that breaks the schema is left out of the taxonomy
    and its first error is listed, in file order, so that one run names every
    broken table. A file that cannot be read, is no TOML, has a bad header or
    an unknown table still raises at once.

    Parameters
    ----------
    path : str or Path
        The referent taxonomy file (see :func:`load_referent_file`).

    Returns
    -------
    tuple
        (the taxonomy of its good tables, whether it replaces the shipped one,
        the errors of the others).

    Raises
    ------
    LexiconError
        When the file cannot be read, is not TOML, or its header or tables break the schema.
    """
    path = Path(path)
    spath = str(path)
    data, text = _read_toml(path)
    language, version, replace = _parse_header(data, text, spath)
    extra = set(data) - {"referents", "referent", "rules"}
    if extra:
        name = sorted(extra)[0]
        msg = f"unknown table [{name}]; a referent file holds [referents], [rules] and [[referent]] tables"
        raise LexiconError(msg, path=spath, line=_table_line(text, name), field=name)
    tables = data.get("referent", [])
    if not isinstance(tables, list):
        msg = "'referent' must be a list of [[referent]] tables"
        raise LexiconError(msg, path=spath, line=_table_line(text, "referent"), field="referent")
    lines = _header_lines(text, "referent")
    tax = Taxonomy(language, version, paths=(spath,), rules=parse_rules(data, text, spath))
    exclude: list[tuple[str, ...]] = []
    problems: list[LexiconError] = []
    for i, raw in enumerate(tables):
        line = lines[i] if i < len(lines) else 1

        def err(name: str, message: str, i: int = i, line: int = line) -> None:
            at = _field_line(text, line, name)
            raise LexiconError(f"referent {i + 1}: {message}", path=spath, line=at, entry=i, field=name)

        try:
            rid, terms, excluded = _parse_referent(raw, err)
        except LexiconError as exc:
            problems.append(exc)
            continue
        # added only once the whole table is good, so a broken table leaves nothing behind
        for term, lemma, concepts in terms:
            tax.add_term(term, rid, lemma=lemma, concepts=concepts)
        exclude.extend(excluded)
        if rid not in tax.referents:
            tax.referents = (*tax.referents, rid)
    tax.exclude = tuple(dict.fromkeys(exclude))
    return tax, replace, problems


def _parse_referent(
    raw: Any, err: Any
) -> tuple[str, list[tuple[str, bool, frozenset[str] | None]], list[tuple[str, ...]]]:
    """Check one ``[[referent]]`` table: its id, its (term, is-lemma, concepts) and its exclusions."""
    if not isinstance(raw, dict):
        err("referent", "each referent must be a [[referent]] table")
    _check_unknown(raw, REFERENT_FIELDS, err)
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid) or rid == NONE:
        err(
            "id",
            f"'id' must be a lowercase identifier other than 'none' (like 'leadership'), got {rid!r}",
        )
    if "terms" not in raw and "lemmas" not in raw:
        err("terms", "'terms' (or 'lemmas') is required: the words and phrases that mention this referent")
    concepts = _concepts(raw, err)
    terms: list[tuple[str, bool, frozenset[str] | None]] = []
    exclude: list[tuple[str, ...]] = []
    for name in ("terms", "lemmas", "exclude"):
        for term in _as_str_list(raw.get(name, []), err=err, name=name):
            check_term(term, err, name)
            if concepts is not None and name != "exclude" and (name == "lemmas" or "*" in term):
                err("concepts", f"'concepts' limits plain terms, not the lemma or wildcard {term!r}")
            if name == "exclude":
                exclude.append(tuple(term.lower().split()))
            elif name == "lemmas" and (" " in term.strip() or "*" in term):
                err(name, f"lemma {term!r}: a lemma is one word without wildcards (use 'terms' for phrases)")
            else:
                terms.append((term, name == "lemmas", concepts))
    for name in ("description", "note"):
        if name in raw and not isinstance(raw[name], str):
            err(name, f"'{name}' must be a string")
    return rid, terms, exclude


@functools.lru_cache(maxsize=8)
def _shipped(lang: str) -> Taxonomy | None:
    path = lexicon_dir() / lang / "referents.toml"
    return load_referent_file(path)[0] if path.is_file() else None


def shipped_taxonomy(lang: str) -> Taxonomy:
    """Return the shipped referent taxonomy of ``lang`` (empty when the language ships none).

    Parameters
    ----------
    lang : str
        A language code.

    Returns
    -------
    Taxonomy
        A fresh copy, safe to extend.
    """
    base = _shipped(lang)
    return Taxonomy(lang).extended(base) if base is not None else Taxonomy(lang)


@functools.lru_cache(maxsize=1)
def default_rules() -> ReferentWords:
    """Return the rule words of the shipped English and Dutch files together.

    What the attribution functions read when they are given no taxonomy's
    words (as they read before the words were data).
    """
    return shipped_taxonomy("en").rules | shipped_taxonomy("nl").rules


def load_taxonomy(files: str | Path | Sequence[str | Path] | None, lang: str) -> Taxonomy:
    """Return the referent taxonomy of ``lang``: the shipped one, extended or replaced by ``files``.

    Parameters
    ----------
    files : str, Path, list of them, or None
        Taxonomy files applied in order; each extends what came before, or
        replaces it when its header says ``replace = true``. None or empty:
        the shipped taxonomy alone.
    lang : str
        The pipeline's language; every file must be for it.

    Returns
    -------
    Taxonomy
        The combined taxonomy.

    Raises
    ------
    LexiconError
        For a missing file, a schema error, or a file of another language.
    """
    if files is None or files == "":
        return shipped_taxonomy(lang)
    if isinstance(files, (str, Path)):
        files = [files]
    tax = shipped_taxonomy(lang)
    for f in files:
        own, replace = load_referent_file(f)
        if own.language != lang:
            msg = f"referent file is for language {own.language!r} but the pipeline is {lang!r}"
            raise LexiconError(msg, path=str(f), line=1, field="language")
        tax = own if replace else tax.extended(own)
    return tax
