"""Find the lexicons shipped with trustlex and resolve lexicon names to files.

Shipped lexicons live in the wheel as ``trustlex/lexicons`` and are read with
``importlib.resources``, never by walking up from ``__file__`` into a folder
that an installed package does not have. A source checkout (tests, editable
installs) keeps them in the top-level ``lexicons/`` folder, which is used only
when the package has none of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from trustlex.concepts import CONCEPTS, LANGUAGES
from trustlex.errors import LexiconError
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.schema import load_lexicon_file

# rule files that live next to the concept lexicons but are not lexicons
NOT_LEXICONS: frozenset[str] = frozenset({"context", "referents"})


def file_kind(path: Path) -> str:
    """Return whether a TOML file is a ``lexicon``, ``context`` or ``referents`` file, by its top table.

    Users name their files as they like (``my-referents.toml``, a concept
    lexicon called ``referents.toml``); only a file that names no known table
    (or is no TOML) is judged by its name, so that its own loader reports
    what is wrong with it.

    Parameters
    ----------
    path : Path
        The TOML file.

    Returns
    -------
    str
        ``"lexicon"``, ``"context"`` or ``"referents"``.
    """
    try:
        data = _read_toml(path)[0]  # bounded: deep nesting is refused, not recursed into
    except LexiconError:
        data = {}
    for table in ("lexicon", "context", "referents"):
        if table in data:
            return table
    return path.stem if path.stem in NOT_LEXICONS else "lexicon"


def lexicon_dir() -> Path:
    """Return the folder that holds the shipped lexicons (``<lang>/<concept>.toml``).

    Returns
    -------
    Path
        ``trustlex/lexicons`` in an installed package, else ``lexicons/`` of the source checkout.

    Raises
    ------
    LexiconError
        When neither exists (a broken installation).
    """
    packaged = Path(str(resources.files("trustlex") / "lexicons"))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "lexicons"  # this file sits two folders down
    if checkout.is_dir():
        return checkout
    msg = (
        "trustlex's lexicons are missing from this installation "
        f"(looked in {packaged} and {checkout}); reinstall trustlex"
    )
    raise LexiconError(msg)


def is_shipped(path: str | Path) -> bool:
    """Return whether ``path`` is a file of the shipped lexicon folder (not one of your own).

    Problems of two entries, one shipped and one your own, are placed at your
    own one: that is the file you wrote and can change.

    Examples
    --------
    >>> from trustlex.lexicon.resources import is_shipped, lexicon_dir
    >>> is_shipped(lexicon_dir() / "en" / "trust.toml"), is_shipped("mine.toml")
    (True, False)
    """
    if not path:
        return False
    try:
        Path(path).resolve().relative_to(lexicon_dir().resolve())
    except (ValueError, OSError):
        return False
    return True


def list_lexicons() -> list[str]:
    """Return the names of the shipped concept lexicons, such as ``'nl/trust'``.

    Returns
    -------
    list of str
        ``'<lang>/<concept>'`` for every shipped lexicon, sorted; context and referent files are not lexicons.

    Examples
    --------
    >>> import trustlex
    >>> names = trustlex.list_lexicons()
    >>> [n for n in names if n.endswith("/trust")]
    ['en/trust', 'nl/trust']
    >>> names[:3]
    ['en/ability', 'en/benevolence', 'en/communication']
    """
    root = lexicon_dir()
    files = ((lang, p) for lang in LANGUAGES for p in (root / lang).glob("*.toml"))
    return sorted(f"{lang}/{p.stem}" for lang, p in files if p.stem not in NOT_LEXICONS)


def _spec_text(spec: str | Path) -> str:
    """A lexicon specification as text: ``Path("nl/trust")`` names what ``"nl/trust"`` names."""
    return spec if isinstance(spec, str) else spec.as_posix()


def resolve_lexicons(specs: Sequence[str | Path] | None, lang: str) -> list[Path]:
    """Turn lexicon specifications into concept-lexicon file paths.

    A specification is a shipped name (``'nl/trust'``), a language glob
    (``'nl/*'`` or just ``'nl'``), a TOML file path, or a folder of TOML
    files. Context files and referent taxonomies in a folder are skipped here, told by their
    top table (:func:`file_kind`), not their names; see :func:`resolve_context` and
    :mod:`trustlex.lexicon.referents`.

    Parameters
    ----------
    specs : sequence of str or Path, or None
        The specifications; ``None`` means every shipped lexicon of ``lang``.
    lang : str
        The language whose shipped lexicons ``None`` stands for.

    Returns
    -------
    list of Path
        The lexicon files, in the order of ``specs``, each folder's files sorted.

    Raises
    ------
    LexiconError
        For a file that does not exist, a language without shipped lexicons, or an unknown name.
    """
    if specs is None:
        specs = [f"{lang}/*"]
    root = lexicon_dir()
    out: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.suffix == ".toml":
            if not path.is_file():
                msg = f"lexicon file {_spec_text(spec)!r} does not exist"
                raise LexiconError(msg)
            out.append(path)
            continue
        if path.is_dir():  # a user's folder: its files are told by their top table, whatever their names
            out.extend(p for p in sorted(path.glob("*.toml")) if file_kind(p) == "lexicon")
            continue
        name = _spec_text(spec).rstrip("/")
        if name in LANGUAGES or name.endswith("/*"):
            sub = root / name.split("/")[0]
            if not sub.is_dir():
                msg = f"no shipped lexicons for {name!r}; languages: {', '.join(LANGUAGES)}"
                raise LexiconError(msg)
            out.extend(p for p in sorted(sub.glob("*.toml")) if p.stem not in NOT_LEXICONS)
            continue
        shipped = root / f"{name}.toml"
        if "/" in name and shipped.is_file():
            out.append(shipped)
            continue
        known = ", ".join(f"{lang}/{c}" for c in CONCEPTS[:3])
        msg = (
            f"unknown lexicon {_spec_text(spec)!r}: not a file, folder or shipped lexicon name "
            f"(shipped names look like {known}, ...; see trustlex.list_lexicons())"
        )
        raise LexiconError(msg)
    return out


def lexicons_for_language(specs: Sequence[str | Path], lang: str) -> list[str]:
    """Keep the lexicon specifications that belong to ``lang``, so one list can serve both languages.

    A file counts by the language it declares, a folder by its files', a
    shipped name by its prefix (``"en/trust"``, ``"en/*"``, ``"en"``). The
    result may be empty: the caller decides whether that is an error.

    Parameters
    ----------
    specs : sequence of str or Path
        Shipped names, TOML files or folders, of either language.
    lang : str
        The language to keep.

    Returns
    -------
    list of str
        The specifications as text (a folder's matching files one by one), in order.
    """
    out: list[str] = []
    for spec in specs:
        path = Path(spec)
        text = _spec_text(spec)
        if path.is_file():
            if load_lexicon_file(path).language == lang:
                out.append(text)
        elif path.is_dir():
            out.extend(
                str(p) for p in resolve_lexicons([spec], lang) if load_lexicon_file(p).language == lang
            )
        elif text.split("/")[0] == lang:
            out.append(text)
    return out


def resolve_context(spec: str | Path | None, lang: str) -> Path | None:
    """Return the context-cue file for ``lang``: ``spec`` if given, else the shipped one.

    Parameters
    ----------
    spec : str, Path or None
        A context file path; empty or ``None`` for the shipped ``<lang>/context.toml``.
    lang : str
        The language of the shipped file.

    Returns
    -------
    Path or None
        The file, or None when ``lang`` ships no context file.

    Raises
    ------
    LexiconError
        When ``spec`` names a file that does not exist.
    """
    if spec:
        path = Path(spec)
        if not path.is_file():
            msg = f"context file {spec!r} does not exist"
            raise LexiconError(msg)
        return path
    shipped = lexicon_dir() / lang / "context.toml"
    return shipped if shipped.is_file() else None
