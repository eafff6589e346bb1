"""Context-cue files (``context.toml``): a closed schema, errors naming file, line and field.

The cues' effect on a hit's valence is :mod:`trustlex.matching.context`;
this module only reads and checks the files (see :mod:`trustlex.lexicon.schema`
for the lexicon files themselves).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from trustlex.concepts import CONCEPTS
from trustlex.errors import LexiconError
from trustlex.lexicon.model import CLAUSE_KEYS, CUE_KINDS, DIRECTIONS, ClauseWords, ContextRules, Cue
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.schema import (
    CONTEXT_HEADER_FIELDS,
    CUE_FIELDS,
    _Err,
)
from trustlex.lexicon.toml_fields import (
    _as_str_list,
    _check_unknown,
    _field_line,
    _file_header,
    _header_lines,
    _table_line,
)
from trustlex.lexicon.word_tables import word_table

# the tables a context file may hold besides its [context] header and [[cue]] tables, with their keys
WORD_TABLES: dict[str, tuple[str, ...]] = {"clauses": CLAUSE_KEYS, "headings": ("praise",)}
CONTEXT_TABLES: tuple[str, ...] = ("context", "cue", *WORD_TABLES)


def _cue_words(raw: dict[str, Any], direction: str, err: _Err) -> tuple[tuple[str, ...], ...]:
    """Return the cue's (terms, lemmas, concepts, not_concepts, and_after, in_sentence_with), checked."""
    terms = _as_str_list(raw.get("terms", []), err=err, name="terms")
    lemmas = _as_str_list(raw.get("lemmas", []), err=err, name="lemmas")
    if not terms and not lemmas:
        err(None, "needs 'terms' or 'lemmas'")
    for name in ("terms", "lemmas", "and_after", "in_sentence_with"):
        values = raw.get(name) or []
        if any(isinstance(v, str) and not v.split() for v in values):
            # a line break or tab is whitespace to the tokenizer, not a word a cue can be
            err(name, f"'{name}' holds an empty or whitespace-only term; a cue term is one or more words")
    concepts = _as_str_list(raw.get("concepts", []), err=err, name="concepts")
    not_concepts = _as_str_list(raw.get("not_concepts", []), err=err, name="not_concepts")
    and_after = _as_str_list(raw.get("and_after", []), err=err, name="and_after")
    if and_after and direction != "preceding":
        err("and_after", "'and_after' needs direction = \"preceding\": its words follow the hit")
    for name, values in (("concepts", concepts), ("not_concepts", not_concepts)):
        bad = [c for c in values if c not in CONCEPTS]
        if bad:
            err(name, f"unknown concept {bad[0]!r} in '{name}'; known: {', '.join(CONCEPTS)}")
    with_words = _as_str_list(raw.get("in_sentence_with", []), err=err, name="in_sentence_with")
    return terms, lemmas, concepts, not_concepts, and_after, with_words


def _clause_words(data: dict[str, Any], text: str, spath: str) -> ClauseWords:
    """Return the word lists of the file's ``[clauses]`` and ``[headings]`` tables, checked, as frozensets.

    Each key holds a list of strings (lowercased here); an unknown table or
    key, or a value of another type, raises an error naming file, line and key.
    """
    for name in data:
        if name not in CONTEXT_TABLES:
            msg = f"unknown table '{name}'; allowed: {', '.join(CONTEXT_TABLES)}"
            raise LexiconError(msg, path=spath, line=_table_line(text, name), field=name)
    words: dict[str, frozenset[str]] = {}
    for table, keys in WORD_TABLES.items():
        for key, value in word_table(data, text, spath, table, keys).items():
            words["praise_headings" if table == "headings" else key] = frozenset(v.lower() for v in value)
    words["finite_verbs"] |= words["clause_verbs"]  # a verb that shows a new clause is finite
    return ClauseWords(**words)


def _parse_cue(raw: Any, index: int, *, path: str, text: str, line: int) -> Cue:
    """Validate one ``[[cue]]`` table and return the Cue."""

    def err(name: str | None, message: str) -> NoReturn:
        where = _field_line(text, line, name) if name else line
        raise LexiconError(f"cue {index + 1}: {message}", path=path, line=where, entry=index + 1, field=name)

    _check_unknown(raw, CUE_FIELDS, err)
    kind = raw.get("kind")
    if kind not in CUE_KINDS:
        err("kind", f"'kind' must be one of {', '.join(CUE_KINDS)}, got {kind!r}")
    direction = raw.get("direction", "both")
    if direction not in DIRECTIONS:
        err("direction", f"'direction' must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
    scope = raw.get("max_scope", 5)
    if isinstance(scope, bool) or not isinstance(scope, int) or scope < 0:
        err("max_scope", f"'max_scope' must be a whole number >= 0, got {scope!r}")
    terms, lemmas, concepts, not_concepts, and_after, with_words = _cue_words(raw, direction, err)
    opens, across, lacking = (raw.get(k, False) for k in ("opens", "across_lines", "lacking"))
    for name, flag in (("opens", opens), ("across_lines", across), ("lacking", lacking)):
        if not isinstance(flag, bool):
            err(name, f"'{name}' must be true or false, got {flag!r}")
    if lacking and kind != "mention":
        err("lacking", "'lacking' is for mention cues: it makes a hit that reads - a neutral mention")
    if opens and direction != "preceding":
        err("opens", "'opens' needs direction = \"preceding\": an opening cue acts on what follows it")
    return Cue(
        kind=kind,
        direction=direction,
        max_scope=scope,
        terms=tuple(" ".join(t.lower().split()) for t in terms),
        lemmas=tuple(" ".join(t.lower().split()) for t in lemmas),
        concepts=frozenset(concepts),
        not_concepts=frozenset(not_concepts),
        and_after=tuple(" ".join(t.lower().split()) for t in and_after),
        in_sentence_with=tuple(" ".join(t.lower().split()) for t in with_words),
        opens=opens,
        across_lines=across,
        lacking=lacking,
        path=path,
        line=line,
    )


def load_context_file(path: str | Path) -> ContextRules:
    """Load and validate a ``context.toml`` file of cue rules.

    Parameters
    ----------
    path : str or Path
        The context file, with a ``[context]`` header and ``[[cue]]`` tables.

    Returns
    -------
    ContextRules
        The language, version and cues of the file.

    Raises
    ------
    LexiconError
        Naming file, line, cue and field when the file does not follow the
        schema in ``lexicons/README.md``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> toml = '''
    ... [context]
    ... language = "en"
    ... version = "1.0"
    ...
    ... [[cue]]
    ... kind = "negation"
    ... direction = "preceding"
    ... max_scope = 3
    ... terms = ["no", "not", "never"]
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "context.toml")
    ...     _ = path.write_text(toml, encoding="utf-8")
    ...     rules = trustlex.load_context_file(path)
    >>> rules.language, rules.version, len(rules.cues)
    ('en', '1.0', 1)
    >>> cue = rules.cues[0]
    >>> cue.kind, cue.direction, cue.max_scope, cue.terms
    ('negation', 'preceding', 3, ('no', 'not', 'never'))
    """
    rules, problems = read_context_file(path)
    if problems:
        raise problems[0]
    return rules


def read_context_file(path: str | Path) -> tuple[ContextRules, list[LexiconError]]:
    """Load a context file and return it with every cue table's problem, not only the first.

    What :func:`load_context_file` reads, for ``trustlex lexicon check``: a
    ``[[cue]]`` table that breaks the schema is left out of the rules and its
    first error is listed, in file order, so that one run names every broken
    cue (as lexicon and referent files name every broken entry). A file that
    cannot be read, is no TOML, or has a bad header, an unknown table or a
    bad ``[clauses]`` / ``[headings]`` key still raises at once.

    Parameters
    ----------
    path : str or Path
        The context file (see :func:`load_context_file`).

    Returns
    -------
    tuple
        (the rules of its good cues, the errors of the others).

    Raises
    ------
    LexiconError
        When the file cannot be read, is not TOML, or its header or word tables break the schema.
    """
    path = Path(path)
    data, text = _read_toml(path)
    spath = str(path)
    header, _ = _file_header(data, text, spath, "context", CONTEXT_HEADER_FIELDS)
    clauses = _clause_words(data, text, spath)
    rules = ContextRules(language=header["language"], version=header["version"], path=spath, clauses=clauses)
    lines = _header_lines(text, "cue")
    problems: list[LexiconError] = []
    for i, raw in enumerate(data.get("cue", [])):
        line = lines[i] if i < len(lines) else 1
        try:
            rules.cues.append(_parse_cue(raw, i, path=spath, text=text, line=line))
        except LexiconError as exc:
            problems.append(exc)
    return rules, problems
