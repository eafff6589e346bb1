"""The trustlex version, in a module of its own so every layer can read it.

Written here as a literal, which the build reads too (``[tool.hatch.version]``
in pyproject.toml): asking ``importlib.metadata`` scans every installed
distribution, a twentieth of a second of each ``import trustlex``.
"""

__version__ = "0.1.0"
