"""Shim: removed when the refactor is merged."""

from trustlex.analysis.report import (
    NO_CONCEPT,
    NO_VALENCE,
    UNKNOWN_COLOUR,
    render_report,
    report,
    script_json,
)

__all__ = ["NO_CONCEPT", "NO_VALENCE", "UNKNOWN_COLOUR", "render_report", "report", "script_json"]
