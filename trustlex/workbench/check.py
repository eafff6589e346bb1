"""Check lexicon files beyond the schema, by running the entries on their own words.

``check_lexicons`` runs the entries on their own words, examples and
exclusions, so it finds what only matching reveals (an entry that can never
win an overlap, an exclusion that can never apply, an example that does not
fire). This module reads and checks the files (schema, duplicates, id
clashes, referent and context files, token patterns spaCy refuses);
the checks that run a language's entries are
:mod:`trustlex.workbench.entry_checks`, the problems they report
:mod:`trustlex.workbench.problems`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.vocab import Vocab

from trustlex.errors import LexiconError
from trustlex.lexicon import Entry, Lexicon, read_lexicon_file
from trustlex.lexicon.context_file import read_context_file
from trustlex.lexicon.formats import FORMATS
from trustlex.lexicon.formats.common import _FORMAT_NAMES
from trustlex.lexicon.ids import id_clashes
from trustlex.lexicon.referent_repeats import repeated_terms
from trustlex.lexicon.referents import read_referent_file
from trustlex.lexicon.resources import file_kind, is_shipped, resolve_lexicons
from trustlex.matching.index import pattern_error
from trustlex.matching.mentions import find_mentions
from trustlex.pipeline import load
from trustlex.workbench.entry_checks import check_entries
from trustlex.workbench.problems import Problem, _Where

_VOCAB = Vocab()  # token patterns are validated without a language


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """Return the TOML files named by ``paths`` (folders give their ``*.toml`` files, sorted).

    A path that is neither a file nor a folder (nor a ``.toml`` name, whose
    absence is reported as a problem of its own) is read as ``--lexicon``
    reads it: a shipped name or glob (``en/trust``, ``en/*``, ``en``), so an
    own lexicon can be checked together with the shipped ones it will be
    loaded with.
    """
    out: list[Path] = []
    for spec in paths:
        p = Path(spec)
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        elif p.exists() or p.suffix.lower() == ".toml":
            out.append(p)
        else:  # the language argument stands only for specs=None, not used here
            out.extend(resolve_lexicons([str(spec)], "en"))
    return out


def check_lexicons(paths: Iterable[str | Path], *, context: str | Path | None = None) -> list[Problem]:
    """Check lexicon (and context) files and return every problem found, sorted by file and line.

    Beyond the schema (``schema``, ``unknown-concept``), entries of one
    language are checked together: ``duplicate`` (same concept and match as
    an earlier entry), ``shadowed`` (matches exactly the words of another
    entry of its concept that wins the overlap, so it can never win),
    ``never-matches`` (a term or lemma that does not match its own words,
    as when the tokenizer splits it differently, or a ``LOWER`` value with
    capitals), ``broad-wildcard`` (matches function words), ``unanchored-pattern``
    (a token pattern with no required literal word, which must run over every
    text and slows all scoring), ``dead-exclusion`` (an
    ``exclude`` phrase holding no word that a token of its entry can match,
    so it never overlaps a hit), ``example-not-firing`` and
    ``counter-example-fires``. ``context`` replaces the shipped cue file
    while running examples. Folders stand for their ``*.toml`` files, and
    shipped names and globs (``en/*``) for the shipped lexicons. A file
    is told by its top table, not its name: ``[referents]`` is checked against
    the referent schema (every broken ``[[referent]]`` table named), ``[context]``
    against the context schema (every broken ``[[cue]]`` table named).
    Every entry of a file that breaks the schema is named, and every entry
    whose id an entry of an earlier file of the same language already has
    (files checked together are loaded together); the checks of entries
    together run on the files that have no such entry.
    """
    problems: list[Problem] = []
    read: dict[str, list[Lexicon]] = defaultdict(list)
    broken_files: set[str] = set()
    for path in _expand(paths):
        try:
            kind = file_kind(path)
            if path.suffix.lower() in FORMATS and FORMATS[path.suffix.lower()] != "toml":
                problems.append(_foreign(path))
            elif kind == "context":  # every broken [[cue]] table is named
                problems.extend(_schema_problem(exc, path) for exc in read_context_file(path)[1])
            elif kind == "referents":  # a referent taxonomy: its own schema, no entries
                problems.extend(_schema_problem(exc, path) for exc in read_referent_file(path)[2])
                # a term of two referents: the later table takes it, as silently as a duplicate entry
                problems.extend(
                    Problem(str(path), line, "duplicate", msg) for line, msg in repeated_terms(path)
                )
                problems.extend(unmatchable_terms(path))
            else:  # every broken entry is named; a file without any is checked further
                lex, broken = read_lexicon_file(path)
                problems.extend(_schema_problem(exc, path) for exc in broken)
                # a broken token pattern is a schema problem like the others, in the same run
                bad_patterns = _pattern_problems(lex)
                problems.extend(bad_patterns)
                read[lex.language].append(lex)
                if broken or bad_patterns:
                    broken_files.add(lex.path)
        except LexiconError as exc:
            problems.append(_schema_problem(exc, path))
    for lang, lexicons in read.items():
        usable = [lex for lex in lexicons if lex.path not in broken_files]
        where = _Where()
        duplicates = _duplicates([e for lex in usable for e in lex.entries], where)
        problems.extend(duplicates)
        # files of one language are loaded together, so an id of one file must not name an entry of
        # another; a clash of two entries that match the same words is the duplicate named above
        # keyed as a LexiconError names its place (optional there, always set by id_clashes)
        ids: dict[tuple[str | None, int | None], str] = {
            (e.path, e.line): e.id for lex in lexicons for e in lex.entries
        }
        duplicated: set[tuple[str | None, str]] = {(p.path, p.entry) for p in duplicates}
        clashes = id_clashes(lexicons)
        problems.extend(
            _schema_problem(exc, Path(str(exc.path)))
            for exc in clashes
            if (exc.path, ids[exc.path, exc.line]) not in duplicated
        )
        clean = [lex for lex in usable if lex.path not in {exc.path for exc in clashes}]
        if clean:  # the checks that run the entries need them loaded together, as a pipeline does
            problems.extend(check_entries(lang, clean, context, where))
    return sorted(problems, key=lambda p: (p.path, p.line, p.kind, p.message))


def unmatchable_terms(path: str | Path) -> list[Problem]:
    """Return a ``never-matches`` problem for every term of a referent file that cannot match its own words.

    Terms are matched word by word against the tokens, so a term the
    language's tokenizer splits otherwise than the term's spaces say
    ("leadership's" is "leadership 's" in English, "mgmt." is "mgmt .")
    never mentions its party. Each term is tokenized as the pipeline
    tokenizes a text and looked up in the file's own taxonomy; hyphens
    between letters are filed both ways when the file is read
    (:func:`trustlex.lexicon.referent_terms.spaced_hyphens`), so they pass.
    Lemmas and wildcards match inside one token and are not checked. A file
    that breaks the schema gives no problem here (its schema problems say why).

    Parameters
    ----------
    path : str or Path
        A referent taxonomy file.

    Returns
    -------
    list of Problem
    """
    tax, _, broken = read_referent_file(path)
    if broken or not tax:
        return []
    tokenizer = load(tax.language).tokenizer
    text = Path(path).read_text(encoding="utf-8").splitlines()
    out = []
    for term, ref, lemma in tax.terms():
        if lemma or "*" in term:
            continue
        if any(_matches_itself(tax, tokenizer, text) for text in _spellings(term, tax)):
            continue
        tokens = [t.text for t in tokenizer(term)]
        line = next((i + 1 for i, x in enumerate(text) if f'"{term}"' in x or f"'{term}'" in x), 1)
        split = " ".join(tokens)
        msg = (
            f"term {term!r} of {ref} cannot match: the {tax.language} tokenizer splits it as {split!r}; "
            "write it as the tokens, with spaces between them"
        )
        out.append(Problem(str(path), line, "never-matches", msg))
    return out


def _spellings(term: str, tax: Any) -> list[str]:
    """A term as texts may write it, inside a sentence (the tokenizers split a final period off)."""
    forms = [term] if term in {t for t, _ in tax.cased.values()} else [term, term.capitalize(), term.upper()]
    return [f"x {form} x" for form in forms] + forms


def _matches_itself(tax: Any, tokenizer: Any, text: str) -> bool:
    """Whether the tokens of ``text`` (less a leading and trailing "x") are one mention."""
    tokens = [t.text for t in tokenizer(text)]
    if text.startswith("x ") and len(tokens) > 2:
        tokens = tokens[1:-1]
    words = [t.lower() for t in tokens]
    return any(m.start == 0 and m.end == len(words) for m in find_mentions(words, words, tax, texts=tokens))


def _pattern_problems(lex: Lexicon) -> list[Problem]:
    """Return a ``schema`` problem at the ``pattern`` line of each entry whose token pattern spaCy refuses."""
    where = _Where()
    problems = []
    for e in lex.entries:
        if e.kind != "pattern":
            continue
        error = pattern_error(e, _VOCAB)  # as the index refuses it when the lexicon is loaded
        if error is not None:
            path, line = where(e, "pattern")
            problems.append(Problem(path, line, "schema", error.detail))
    return problems


def _foreign(path: Path) -> Problem:
    """A dictionary of another tool: checked by importing it, since scoring reads TOML only."""
    fmt = _FORMAT_NAMES[FORMATS[path.suffix.lower()]]
    target = path.with_suffix(".toml").name
    msg = (
        f"not a trustlex TOML lexicon but a {fmt} file, which lexicon check and --lexicon do not read; "
        f"import it (trustlex lexicon import {path.name} --to {target} --lang nl|en names every broken "
        f"line), then check {target}"
    )
    return Problem(str(path), 1, "schema", msg)


def _schema_problem(exc: LexiconError, path: Path) -> Problem:
    kind = "unknown-concept" if exc.field == "concept" else "schema"
    return Problem(exc.path or str(path), exc.line or 1, kind, exc.detail)


def _match_key(entry: Entry) -> tuple[str, str, str]:
    value = entry.value if isinstance(entry.value, str) else json.dumps(entry.value, sort_keys=True)
    return entry.concept, entry.kind, value.lower()


def _duplicates(entries: list[Entry], where: _Where) -> list[Problem]:
    first: dict[tuple[str, str, str], Entry] = {}
    out = []
    for e in entries:
        key = _match_key(e)
        if key not in first:
            first[key] = e
            continue
        f = first[key]
        if is_shipped(e.path) and not is_shipped(f.path):  # placed at the own entry, the one to change
            e, f = f, e
        same = "with the same valence" if f.valence == e.valence else f"(valence {f.valence} there)"
        refused = (
            f"; both have the id {e.id!r}, so loading the files together is refused: remove one"
            if f.id == e.id and f.path != e.path
            else ""
        )
        out.append(
            Problem(
                *where(e, e.kind),
                "duplicate",
                f"{e.id}: {e.kind} {e.value!r} repeats {f.id} at {f.where} {same}; "
                f"only one of them can ever win, remove or merge the other{refused}",
                e.id,
            )
        )
    return out
