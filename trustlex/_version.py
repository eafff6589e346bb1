"""The installed trustlex version, in a module of its own so every layer can read it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("trustlex")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
