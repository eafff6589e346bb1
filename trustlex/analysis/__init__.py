"""Analysis of scored frames: climate indices, group comparisons, kwic, displays, plots, the HTML report.

Every submodule is imported here, so that the functions named like their modules
(``display``, ``kwic``, ``report``) are what ``trustlex.analysis.<name>`` gives;
``trustlex.analysis.plot`` is the plot module (matplotlib is imported on first use).
``compare`` is defined in the private module ``_compare``, so that the name
``trustlex.analysis.compare`` is the function alone, never also a module
(``import trustlex.analysis.compare`` gave the function where a module was asked for).
"""

from __future__ import annotations

from trustlex.analysis import plot
from trustlex.analysis._compare import compare
from trustlex.analysis.bootstrap import mean_interval
from trustlex.analysis.display import CONCEPT_COLOURS, display
from trustlex.analysis.indices import (
    LEVERS,
    TRUST_CLIMATE,
    climate,
    climate_sides,
    control_share,
    sentence_trust_index,
    trust_index,
)
from trustlex.analysis.kwic import kwic
from trustlex.analysis.report import render_report, report, script_json

__all__ = [
    "CONCEPT_COLOURS",
    "LEVERS",
    "TRUST_CLIMATE",
    "climate",
    "climate_sides",
    "compare",
    "control_share",
    "display",
    "kwic",
    "mean_interval",
    "plot",
    "render_report",
    "report",
    "script_json",
    "sentence_trust_index",
    "trust_index",
]
