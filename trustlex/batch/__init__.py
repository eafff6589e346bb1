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

from trustlex.batch.dask import dask_client, score_dask
from trustlex.batch.folder import refuse_input_as_output, require_out_folder, score_folder
from trustlex.batch.options import model_fingerprint
from trustlex.batch.outcome import (
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNFINISHED,
    EXIT_USAGE,
    FolderReport,
)
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
