"""Packages whose public names load their modules on first use (PEP 562): ``trustlex`` and ``trustlex.batch``.

A package keeps a map of its public names to the modules defining them (``_MODULE_OF``); its
``__getattr__`` calls :func:`lazy_attribute`, and its module object becomes a :class:`LazyPackage`, so
that a function keeps the name of the module it is defined in.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Mapping, MutableMapping


class LazyPackage(types.ModuleType):
    """A package whose exported function keeps the name of its own module once that module is imported.

    When a module is first imported, Python binds it to its package's attribute of the same name:
    ``trustlex.evaluate`` would become the module :mod:`trustlex.evaluate` instead of the function
    :func:`~trustlex.evaluate` that trustlex exports (``trustlex.batch.plan`` likewise). The function
    takes the name instead, as when every name was imported in the package at once.
    """

    def __setattr__(self, name: str, value: object) -> None:
        module = f"{self.__name__}.{name}"
        module_of = self.__dict__.get("_MODULE_OF", {})
        if isinstance(value, types.ModuleType) and value.__name__ == module == module_of.get(name):
            value = getattr(value, name)
        super().__setattr__(name, value)


def lazy_attribute(
    package: str,
    namespace: MutableMapping[str, object],
    name: str,
    module_of: Mapping[str, str],
    renamed: Mapping[str, tuple[str, str]] | None = None,
) -> object:
    """Return a package's public name or submodule ``name``, importing its module now, and bind it.

    ``module_of`` maps each public name to its module and ``renamed`` a public name to a (module,
    attribute) pair of another name; any other name that does not start with ``_`` is tried as a
    submodule (as ``trustlex.pipeline`` was bound once the names were imported eagerly).

    Raises
    ------
    AttributeError
        For a private name or a submodule that does not exist, as for any missing attribute.
    """
    renamed = renamed or {}
    if name in module_of or name in renamed:
        module, attribute = renamed.get(name, (module_of.get(name, ""), name))
        value = getattr(importlib.import_module(module), attribute)
    elif name.startswith("_"):  # no private submodule is reached this way (a probe for __wrapped__, say)
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)
    else:
        try:
            value = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{name}":
                raise
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg) from None
    namespace[name] = value
    return value
