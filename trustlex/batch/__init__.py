"""Score folders of documents into one table: every format, nothing lost, resumable, parallel.

:func:`score_folder` is the entry (:mod:`trustlex.batch.folder`; what it did:
:mod:`~trustlex.batch.outcome`). The run is
planned (:mod:`~trustlex.batch.plan`), cut into units scored where they run
(:mod:`~trustlex.batch.units`), in this process or a pool of workers
(:mod:`~trustlex.batch.executors`) or on Dask (:mod:`~trustlex.batch.dask`,
also :func:`score_dask` for Dask collections), each unit written to a part
file and the parts joined into the output (:mod:`~trustlex.batch.parts`,
column types from :mod:`~trustlex.batch.schema`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from trustlex._lazy import LazyPackage, lazy_attribute

# the exit statuses need nothing: trustlex.errors holds them
from trustlex.errors import EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNFINISHED, EXIT_USAGE

if TYPE_CHECKING:  # what editors and type checkers see: the names below, as if imported here
    from trustlex.batch.dask import dask_client, score_dask
    from trustlex.batch.folder import score_folder
    from trustlex.batch.options import model_fingerprint
    from trustlex.batch.outcome import FolderReport
    from trustlex.batch.outpaths import refuse_input_as_output, require_out_folder
    from trustlex.batch.parts import (
        Packed,
        errors_path,
        finished_parts,
        neutralise,
        neutralise_frame,
        output_columns,
        pack,
        score_and_pack,
    )
    from trustlex.batch.plan import BATCH_BYTES, BATCH_FILES, ROWS_PER_UNIT, plan
    from trustlex.batch.results import read_output, read_results
    from trustlex.batch.schema import COLUMN_TYPES, MODEL_COLUMNS
    from trustlex.batch.units import Options, Unit, UnitResult, score_document, score_unit

# The names load their modules on first use (PEP 562), as trustlex's own do: a command that only
# checks where its output goes (``trustlex lexicon import``, ``export``) imports
# ``trustlex.batch.outpaths`` without pandas, spaCy and Dask's module, which importing any part of
# this package used to load first.
_EXPORTS = {
    "trustlex.batch.dask": ("dask_client", "score_dask"),
    "trustlex.batch.folder": ("score_folder",),
    "trustlex.batch.options": ("model_fingerprint",),
    "trustlex.batch.outcome": ("FolderReport",),
    "trustlex.batch.outpaths": ("refuse_input_as_output", "require_out_folder"),
    "trustlex.batch.parts": (
        "Packed",
        "errors_path",
        "finished_parts",
        "neutralise",
        "neutralise_frame",
        "output_columns",
        "pack",
        "score_and_pack",
    ),
    "trustlex.batch.plan": ("BATCH_BYTES", "BATCH_FILES", "ROWS_PER_UNIT", "plan"),
    "trustlex.batch.results": ("read_output", "read_results"),
    "trustlex.batch.schema": ("COLUMN_TYPES", "MODEL_COLUMNS"),
    "trustlex.batch.units": ("Options", "Unit", "UnitResult", "score_document", "score_unit"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


# ``plan`` stays the function once trustlex.batch.plan is imported (trustlex._lazy.LazyPackage)
sys.modules[__name__].__class__ = LazyPackage


def __getattr__(name: str) -> object:
    return lazy_attribute(__name__, globals(), name, _MODULE_OF)


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})


__all__ = [
    "BATCH_BYTES",
    "BATCH_FILES",
    "COLUMN_TYPES",
    "EXIT_ERRORS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNFINISHED",
    "EXIT_USAGE",
    "MODEL_COLUMNS",
    "ROWS_PER_UNIT",
    "FolderReport",
    "Options",
    "Packed",
    "Unit",
    "UnitResult",
    "dask_client",
    "errors_path",
    "finished_parts",
    "model_fingerprint",
    "neutralise",
    "neutralise_frame",
    "output_columns",
    "pack",
    "plan",
    "read_output",
    "read_results",
    "refuse_input_as_output",
    "require_out_folder",
    "score_and_pack",
    "score_dask",
    "score_document",
    "score_folder",
    "score_unit",
]
