"""Parties named per document: "Walmart" is the organisation a review of Walmart is about.

No taxonomy can list every company, municipality or hospital, yet an analyst
usually knows which one each text is about: the company column of a review
export, the city a survey was held in. ``doc._.trustlex_names`` maps
referent ids to such names (:func:`set_names` writes it;
``score_texts(names=...)`` does so per text), and attribution counts their
occurrences as mentions of that referent, next to the taxonomy's terms.

A name matches as a whole word, in any case when it has two capitals or
more and four letters or more ("NVIDIA", "PayPal", "HCA Healthcare"), and
otherwise only as written, so that "Target" is not every sales target and
"UPS" not "ups and downs".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from trustlex.errors import TrustlexError
from trustlex.lexicon.referents import _ID, REFERENTS, load_referent_file
from trustlex.matching.mentions import Mention

NAMES_EXTENSION = "trustlex_names"

Names = tuple[tuple[str, tuple[str, ...]], ...]
"""Checked names: (referent id, (name, ...)) pairs, hashable so compiled patterns can be cached."""


def check_names(names: Mapping[str, Any] | None, where: str = "names", known: Iterable[str] = ()) -> Names:
    """Return ``names`` checked and normalised; a :class:`~trustlex.errors.TrustlexError` names ``where``.

    ``names`` maps a referent id to one name or a list of names; blank names
    (None, NaN, "") are dropped, so a table's empty cells cost nothing. With
    ``known``, a referent id outside it is refused, since its mentions could
    never be reported.

    Parameters
    ----------
    names : mapping of str to str or list of str, or None
        Referent id -> name(s).
    where : str
        What to call the value in an error ("names[3]").
    known : iterable of str
        The referent ids of the taxonomy in use (empty: not checked).

    Returns
    -------
    tuple
        (referent, (name, ...)) pairs in the given order.
    """
    if names is None or names == ():
        return ()
    if isinstance(names, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in names):
        names = dict(names)  # names checked before (a row's, passed on): checked again, cheaply
    if not isinstance(names, Mapping):
        msg = f"{where} must map referent ids to names, like {{'organisation': 'Walmart'}}, got {names!r}"
        raise TrustlexError(msg)
    known = set(known)
    out = []
    for ref, value in names.items():
        _check_referent(ref, known, where)
        values = [value] if isinstance(value, str) or not isinstance(value, Iterable) else list(value)
        kept = []
        for v in values:
            if v is None or (isinstance(v, float) and v != v):
                continue
            if not isinstance(v, str):
                msg = f"{where}[{ref!r}] holds {v!r}, not a name (str)"
                raise TrustlexError(msg)
            if v.strip():
                kept.append(" ".join(v.split()))
        if kept:
            out.append((ref, tuple(kept)))
    return tuple(out)


def known_referents(files: str | Path | Iterable[str | Path] | None = None) -> tuple[str, ...]:
    """Return the referent ids a name may take: the shipped ones, then those of the referent ``files``.

    Names given per text (``names=``) or per row (``name_columns=``,
    ``--name-column``) are checked against these ids before any text is
    scored, so an id only the user's own referent file has ("union") is
    accepted with that file and refused, naming the ids, without it. A
    missing or broken file raises the :class:`~trustlex.errors.LexiconError`
    its loading would raise, naming the file.
    """
    ids = list(REFERENTS)
    if files:
        for path in [files] if isinstance(files, str | Path) else files:
            p = Path(path)
            st = p.stat() if p.is_file() else None
            stamp = (st.st_mtime_ns, st.st_size) if st is not None else None
            ids.extend(r for r in _file_ids(str(p), stamp) if r not in ids)
    return tuple(ids)


@functools.lru_cache(maxsize=64)
def _file_ids(path: str, stamp: tuple[int, int] | None) -> tuple[str, ...]:
    """The referent ids of one file, read once per version of it (``stamp``: its mtime and size).

    Scoring a folder checks each unit's names against these ids; the file is
    parsed again only when it changes. A missing file (``stamp`` None) raises
    the loader's error, which the cache does not keep.
    """
    return tuple(load_referent_file(path)[0].referents)


def _check_referent(ref: Any, known: set[str], where: str) -> None:
    """Refuse ``ref`` unless it is a referent id (of ``known``, when given), naming ``where``."""
    if not isinstance(ref, str) or not _ID.match(ref) or (known and ref not in known):
        allowed = f"; the taxonomy has {', '.join(sorted(known))}" if known else ""
        msg = f"{where}: {ref!r} is not a referent id{allowed}"
        raise TrustlexError(msg)


def ignores_case(name: str) -> bool:
    """Whether ``name`` matches in any case: two capitals or more and four letters or more."""
    return sum(c.isupper() for c in name) >= 2 and sum(c.isalpha() for c in name) >= 4


@functools.lru_cache(maxsize=4096)
def _patterns(names: Names) -> tuple[tuple[re.Pattern, str], ...]:
    """One regular expression per referent, longest name first; cached, as many texts share their names."""
    out = []
    for ref, values in names:
        alts = []
        for name in sorted(set(values), key=len, reverse=True):
            body = r"\s+".join(map(re.escape, name.split()))
            alts.append(f"(?i:{body})" if ignores_case(name) else body)
        out.append((re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)"), ref))
    return tuple(out)


def name_mentions(doc: Doc, names: Names, text: str | None = None) -> list[Mention]:
    """Return the mentions of ``names`` in ``doc``, over whole tokens, in order.

    A name found inside a token ("Walmart" in "Walmart-owned") mentions the
    whole token, as a Dutch compound with a hyphen does. ``text`` is
    ``doc.text`` where the caller holds it (spaCy builds it from a Token per token).
    """
    if not names:
        return []
    if text is None:
        text = doc.text
    found = []
    for pattern, ref in _patterns(names):
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                found.append(Mention(span.start, span.end, ref))
    found.sort()
    return found


def set_names(doc: Doc, names: Mapping[str, Any] | Names | None) -> Doc:
    """Record the parties ``doc`` is about (``{"organisation": "Walmart"}``) for attribution; return ``doc``.

    Call it on a doc before the ``trustlex`` component runs, e.g. on
    ``nlp.make_doc(text)`` and then pass the doc to ``nlp``.

    Parameters
    ----------
    doc : Doc
        A doc, before the ``trustlex`` component has seen it.
    names : mapping of str to str or list of str, or None
        Referent id -> the name(s) of that party (see :func:`check_names`); None clears them.

    Returns
    -------
    Doc
        The same doc.

    Raises
    ------
    TrustlexError
        When ``names`` is not a mapping of referent ids to names.

    Examples
    --------
    >>> import trustlex
    >>> nlp = trustlex.load("en")
    >>> doc = nlp(trustlex.set_names(nlp.make_doc("Walmart doesn't care."), {"organisation": "Walmart"}))
    >>> [(m["concept"], m["referent"], m["referent_text"]) for m in doc._.trustlex_matches]
    [('benevolence', 'organisation', 'Walmart')]
    """
    checked = names if isinstance(names, tuple) else check_names(names)
    setattr(doc._, NAMES_EXTENSION, checked or None)
    return doc


def with_names(make_doc: Callable[[str], Doc], names: Names) -> Callable[[str], Doc]:
    """Return a doc maker like ``make_doc`` whose docs record ``names`` (every block of a long text does)."""
    if not names:
        return make_doc

    def make(text: str) -> Doc:
        return set_names(make_doc(text), names)

    return make


def column_names(columns: Mapping[str, str] | None, known: Iterable[str] = ()) -> tuple[tuple[str, str], ...]:
    """Return ``{referent: column}``, checked, as (referent, column) pairs: where rows name their party.

    Raises :class:`~trustlex.errors.TrustlexError` for a referent id outside
    ``known`` (when given) or a column that is not a string.
    """
    if not columns:
        return ()
    if not isinstance(columns, Mapping):
        msg = f"name_columns must map referent ids to columns ({{'organisation': 'company'}}): {columns!r}"
        raise TrustlexError(msg)
    known = set(known)
    for ref, column in columns.items():
        _check_referent(ref, known, "name_columns")
        if not isinstance(column, str) or not column:
            msg = f"name_columns[{ref!r}] must be a column name, got {column!r}"
            raise TrustlexError(msg)
    return tuple(columns.items())


def row_names(pairs: tuple[tuple[str, str], ...], row: Mapping[str, Any], where: str = "row") -> Names:
    """The names of one table row: for each (referent, column), the row's value in that column.

    A number is taken as written ("66" of "Phillips 66" read as a number);
    an empty cell names nobody.
    """
    if not pairs:
        return ()
    values = {}
    for ref, column in pairs:
        value = row.get(column)
        if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
            value = str(value)
        values[ref] = value
    return check_names(values, f"{where}, name columns")


_KEY = ("._.", NAMES_EXTENSION, None, None)  # where spaCy keeps a Doc extension's value


def doc_names(doc: Doc) -> Names:
    """The checked names recorded on ``doc`` (empty when none)."""
    # read from user_data, as doc._ does, without building an Underscore per doc: most docs have none
    value = doc.user_data.get(_KEY) if doc.user_data else None  # type: ignore[call-overload]  # stubs: str keys; doc._ uses tuples
    if value is None:
        return ()
    return value if isinstance(value, tuple) else check_names(value, f"doc._.{NAMES_EXTENSION}")


def names_per_text(names: Any, known: Iterable[str] = ()) -> Iterator[Names]:
    """Yield the checked names of each text, from one mapping for all texts or one mapping (or None) per text.

    The iterator raises :class:`~trustlex.errors.TrustlexError` when a value
    is not a mapping of referent ids to names (naming its position), and
    when the values run out before the texts do.
    """
    if names is None or isinstance(names, Mapping):
        checked = check_names(names, "names", known)
        while True:
            yield checked
    if isinstance(names, str | bytes):  # would name one party per character
        msg = "names must map referent ids to names ({'organisation': 'Walmart'}) or hold one per text"
        raise TrustlexError(msg)
    for n, value in enumerate(names):
        blank = value is None or (isinstance(value, float) and value != value)
        yield () if blank else check_names(value, f"names[{n}]", known)
    msg = "names has fewer values than there are texts"
    raise TrustlexError(msg)


if not Doc.has_extension(NAMES_EXTENSION):
    Doc.set_extension(NAMES_EXTENSION, default=None)
