"""Shim: removed when the refactor is merged."""

from trustlex.analysis.plot import (
    VALENCE_COLOURS,
    climate,
    control_vs_levers,
    heatmap,
    net_valence,
    profile,
)

__all__ = ["VALENCE_COLOURS", "climate", "control_vs_levers", "heatmap", "net_valence", "profile"]
