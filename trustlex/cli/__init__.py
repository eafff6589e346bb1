"""The ``trustlex`` command line: thin wrappers over the library functions.

The commands live in one module per group (:mod:`~trustlex.cli.tagging`,
:mod:`~trustlex.cli.models`, :mod:`~trustlex.cli.analysis`,
:mod:`~trustlex.cli.lexicon`) as plain functions; they are put on the
Typer app here, in the order ``trustlex --help`` lists them. How errors
become exit statuses: :mod:`trustlex.cli.app`.
"""

from __future__ import annotations

from trustlex.cli import analysis, lexicon, models, tagging
from trustlex.cli.app import app, lexicon_app, main

for _command in (tagging.tag, tagging.score, models.evaluate, models.train, analysis.kwic, analysis.report):
    app.command()(_command)
for _name, _lexicon_command in (
    ("check", lexicon.lexicon_check),
    ("import", lexicon.lexicon_import),
    ("export", lexicon.lexicon_export),
    ("suggest", lexicon.lexicon_suggest),
    ("misses", lexicon.lexicon_misses),
    ("audit", lexicon.lexicon_audit),
    ("reliability", lexicon.lexicon_reliability),
    ("list", lexicon.lexicon_list),
    ("show", lexicon.lexicon_show),
    ("stats", lexicon.lexicon_stats),
):
    lexicon_app.command(_name)(_lexicon_command)

__all__ = ["app", "main"]
