"""Which back end reads HTML, XLSX and PDF: the fast libraries when installed, else the plain readers.

The plain readers (the standard library's HTML parser, expat over the
workbook's XML, pypdf) always work. With the ``fast`` extra installed
(``pip install trustlex[fast]``), selectolax reads HTML, python-calamine
XLSX and pypdfium2 PDF; each gives the same text out (see
``docs/batch.md``). ``TRUSTLEX_READERS=plain`` in the environment, or
:func:`use_readers`, forces the plain readers, so both can be compared in one
process.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager

# the library each fast back end needs, by format
FAST_LIBRARIES: dict[str, str] = {"html": "selectolax", "xlsx": "python_calamine", "pdf": "pypdfium2"}
_CHOICES = ("auto", "plain", "fast")
_chosen: list[str | None] = [None]  # set by use_readers; None: the environment decides


def _available(fmt: str) -> bool:
    return importlib.util.find_spec(FAST_LIBRARIES[fmt]) is not None


_INSTALLED = {fmt: _available(fmt) for fmt in FAST_LIBRARIES}


def readers_setting() -> str:
    """Return the reader setting in force: ``"auto"``, ``"plain"`` or ``"fast"``.

    :func:`use_readers` wins over the ``TRUSTLEX_READERS`` environment
    variable; without either it is ``"auto"`` (fast where installed).

    Returns
    -------
    str
        One of ``"auto"``, ``"plain"``, ``"fast"``.

    Raises
    ------
    ValueError
        For a ``TRUSTLEX_READERS`` value other than these three.
    """
    if _chosen[0] is not None:
        return _chosen[0]
    value = os.environ.get("TRUSTLEX_READERS", "auto").strip().lower() or "auto"
    if value not in _CHOICES:
        msg = f"TRUSTLEX_READERS is {value!r}; use one of: {', '.join(_CHOICES)}"
        raise ValueError(msg)
    return value


def fast_backend(fmt: str) -> bool:
    """Whether files of format ``fmt`` (``"html"``, ``"xlsx"``, ``"pdf"``) go to the fast back end.

    True when the setting is not ``"plain"`` and the format's library is
    installed. The setting ``"fast"`` with a library missing is an error,
    so a benchmark or test never measures the plain reader by mistake.

    Parameters
    ----------
    fmt : str
        The format.

    Returns
    -------
    bool
        True for the fast back end.

    Raises
    ------
    RuntimeError
        For the setting ``"fast"`` when the format's library is not installed.
    """
    setting = readers_setting()
    if setting == "plain":
        return False
    if setting == "fast" and not _INSTALLED[fmt]:
        msg = f"fast {fmt} reading needs {FAST_LIBRARIES[fmt]}: pip install 'trustlex[fast]'"
        raise RuntimeError(msg)
    return _INSTALLED[fmt]


def installed_backends() -> dict[str, bool]:
    """Return, per format, whether its fast library is installed.

    Returns
    -------
    dict of str to bool
        ``{"html": ..., "xlsx": ..., "pdf": ...}``.
    """
    return dict(_INSTALLED)


@contextmanager
def use_readers(setting: str) -> Iterator[None]:
    """Read with the given back ends inside the ``with`` block: ``"plain"``, ``"fast"`` or ``"auto"``.

    Overrides ``TRUSTLEX_READERS`` in this process (worker processes started
    inside the block inherit the environment, not this setting: set the
    environment variable for those).

    Parameters
    ----------
    setting : str
        ``"plain"`` for the standard readers, ``"fast"`` to require the fast
        ones, ``"auto"`` for the fast ones where installed.

    Yields
    ------
    None

    Examples
    --------
    >>> with use_readers("plain"):
    ...     fast_backend("html")
    False
    """
    if setting not in _CHOICES:
        msg = f"readers setting {setting!r}; use one of: {', '.join(_CHOICES)}"
        raise ValueError(msg)
    before = _chosen[0]
    _chosen[0] = setting
    try:
        yield
    finally:
        _chosen[0] = before
