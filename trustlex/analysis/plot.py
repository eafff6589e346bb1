"""Plots of trustlex frames for notebooks (matplotlib); each function returns its Axes.

Every function takes a document-level frame (``score_texts(..., level="doc")``
or ``score_folder(..., level="doc")``) and, where it makes sense, a ``by=``
column to compare groups. Install matplotlib with ``pip install "trustlex[plot]"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from trustlex.analysis._compare import compare
from trustlex.analysis.frames import check_doc_frame
from trustlex.analysis.indices import LEVERS, control_share
from trustlex.analysis.indices import climate as climate_table
from trustlex.analysis.interval import min_boot
from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

# Valence colours: present (+), lacking or violated (-), neutral (0).
VALENCE_COLOURS = {"pos": "#2b8a3e", "neg": "#c92a2a", "neu": "#adb5bd"}


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "plots need matplotlib: pip install 'trustlex[plot]'"
        raise TrustlexError(msg) from exc
    _, ax = plt.subplots(figsize=(9, 4.5))
    return ax


def _signed(table: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Values of ``column``, their error bars from ``{column}_low/_high``, and a colour by sign."""
    values = table[column].to_numpy(dtype=float)
    low = table[f"{column}_low"].to_numpy(dtype=float)
    high = table[f"{column}_high"].to_numpy(dtype=float)
    colours = [VALENCE_COLOURS["pos"] if v >= 0 else VALENCE_COLOURS["neg"] for v in np.nan_to_num(values)]
    return values, np.vstack([values - low, high - values]), colours


def profile(frame: pd.DataFrame, by: str | None = None, ax: Any = None) -> Any:
    """Concept profile: units per 1,000 words per concept, split by valence (stacked), or per group.

    Without ``by`` the bars are stacked by valence (present, lacking,
    neutral); with ``by`` each group gets its own bar per concept (all
    valences together).
    """
    if by is None:  # with by, compare checks the frame
        check_doc_frame(frame, None, function="plot.profile")
    ax = _axes(ax)
    x = np.arange(len(CONCEPTS))
    if by is None:
        words = max(float(frame["n_words"].sum()), 1.0)
        bottom = np.zeros(len(CONCEPTS))
        for suffix, label in (("pos", "present (+)"), ("neg", "lacking (-)"), ("neu", "neutral (0)")):
            rates = np.array([1000.0 * frame[f"{c}_{suffix}"].sum() / words for c in CONCEPTS])
            ax.bar(x, rates, bottom=bottom, color=VALENCE_COLOURS[suffix], label=label)
            bottom += rates
    else:
        stats = compare(frame, by, n_boot=min_boot(0.95))  # rates only: the fewest resamples
        groups = list(dict.fromkeys(stats["group"]))
        width = 0.8 / max(len(groups), 1)
        for k, g in enumerate(groups):
            rates = stats[stats["group"] == g].set_index("concept").loc[list(CONCEPTS), "rate"]
            ax.bar(x + (k - (len(groups) - 1) / 2) * width, rates.to_numpy(), width, label=str(g))
    ax.set_xticks(x, list(CONCEPTS), rotation=45, ha="right")
    ax.set_ylabel("sentences per 1,000 words")
    ax.set_title("Trust language profile" + (f" by {by}" if by else ""))
    ax.legend(fontsize="small")
    return ax


def heatmap(frame: pd.DataFrame, by: str, ax: Any = None) -> Any:
    """Groups by concepts: rate per 1,000 words as colour, the value written in each cell."""
    ax = _axes(ax)
    stats = compare(frame, by, n_boot=min_boot(0.95))  # rates only: the fewest resamples
    table = stats.pivot(index="group", columns="concept", values="rate").reindex(columns=list(CONCEPTS))
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="Blues")
    ax.set_xticks(np.arange(len(CONCEPTS)), list(CONCEPTS), rotation=45, ha="right")
    ax.set_yticks(np.arange(len(table.index)), [str(g) for g in table.index])
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{values[i, j]:.1f}", ha="center", va="center", fontsize="x-small")
    ax.figure.colorbar(image, ax=ax, label="sentences per 1,000 words")
    ax.set_title(f"Trust language by {by}")
    return ax


def net_valence(frame: pd.DataFrame, by: str | None = None, ax: Any = None, n_boot: int = 1000) -> Any:
    """Diverging bars of net valence per concept (+1 all present, -1 all lacking), with bootstrap intervals.

    With ``by``, one bar per group and concept. Concepts absent from a group
    have no bar.
    """
    ax = _axes(ax)
    stats = compare(frame, by, n_boot=n_boot)
    groups = list(dict.fromkeys(stats["group"]))
    y = np.arange(len(CONCEPTS))
    height = 0.8 / max(len(groups), 1)
    for k, g in enumerate(groups):
        part = stats[stats["group"] == g].set_index("concept").loc[list(CONCEPTS)]
        net, err, colours = _signed(part, "net")
        offset = (k - (len(groups) - 1) / 2) * height
        ax.barh(
            y + offset,
            np.nan_to_num(net),
            height,
            xerr=np.nan_to_num(err),
            color=colours,
            alpha=1.0 if len(groups) == 1 else 0.5 + 0.5 * k / max(len(groups) - 1, 1),
            label=str(g),
        )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, list(CONCEPTS))
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("net valence: (present - lacking) / mentions")
    ax.set_title(
        "Net valence per concept" + (f" by {by}" if by else "") + f" ({int(100 * 0.95)}% bootstrap intervals)"
    )
    if by is not None:
        ax.legend(fontsize="small")
    return ax


def control_vs_levers(frame: pd.DataFrame, by: str | None = None, ax: Any = None) -> Any:
    """Share of control language against the trust-building levers, per group (stacked to 100%).

    The levers are communication, discipline, responsibility, norms and
    courage: the seed essay's contrast between managing by control and
    building trust.
    """
    ax = _axes(ax)
    shares = control_share(frame, by)
    x = np.arange(len(shares))
    control = shares["control_share"].fillna(0).to_numpy()
    ax.bar(x, control, color="#495057", label="control")
    ax.bar(x, 1 - control, bottom=control, color="#1c7ed6", label="levers: " + ", ".join(LEVERS))
    ax.set_xticks(x, [str(g) for g in shares["group"]])
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of units")
    ax.set_title("Control language against trust-building levers" + (f" by {by}" if by else ""))
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)  # not over the bars
    return ax


def climate(frame: pd.DataFrame, by: str | None = None, ax: Any = None, n_boot: int = 1000) -> Any:
    """The trust-climate index per group (mean :func:`trustlex.trust_index`), with bootstrap intervals.

    One horizontal bar per group, sorted from the lowest climate to the
    highest, green where the index is positive and red where negative; the
    labels give each group's number of documents, so small groups with wide
    intervals are read as such.
    """
    ax = _axes(ax)
    table = climate_table(frame, by, n_boot=n_boot).sort_values("index", kind="stable", na_position="first")
    index, err, colours = _signed(table, "index")
    y = np.arange(len(table))
    ax.barh(y, np.nan_to_num(index), 0.6, xerr=np.nan_to_num(err), color=colours)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [f"{g} (n={n})" for g, n in zip(table["group"], table["n_docs"], strict=True)])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("trust climate: mean trust_index of the documents")
    ax.set_title("Trust climate" + (f" by {by}" if by else "") + " (95% bootstrap intervals)")
    return ax
