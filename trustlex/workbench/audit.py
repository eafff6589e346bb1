"""Audit lexicon entries on a corpus: how often each fires, in which contexts, and given gold, its harm."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from trustlex.evaluate import unit_labels
from trustlex.lexicon import Entry
from trustlex.pipeline import FileSpecs, file_names
from trustlex.workbench.corpus import languages_of, tagged_units


def _context(doc: Any, hit: dict[str, Any], window: int) -> str:
    sent = doc[hit["start"]].sent
    left = doc[max(sent.start, hit["start"] - window) : hit["start"]].text
    right = doc[hit["end"] : min(sent.end, hit["end"] + window)].text
    return f"{left} [{doc[hit['start'] : hit['end']].text}] {right}".strip()


@dataclass
class _Tally:
    """What the entries did on the corpus: firings, texts, cued firings, sample contexts, match records."""

    n_texts: int
    fires: Counter[str] = field(default_factory=Counter)
    units: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    cued: Counter[str] = field(default_factory=Counter)
    contexts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    entries: dict[str, Entry] = field(default_factory=dict)
    min_weight: float = 1.0
    records: list[list[dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        self.records = [[] for _ in range(self.n_texts)]


def _tally(
    texts: list[str], langs: list[str], lexicons: list[str] | None, samples: int, window: int
) -> _Tally:
    """Tag the texts and count, per entry, its firings, the texts it fires in and its first contexts."""
    tally = _Tally(len(texts))
    for i, _, doc, matches, engine in tagged_units(texts, langs, lexicons):
        tally.min_weight = engine.min_weight
        for e in engine.entries:
            tally.entries.setdefault(e.id, e)
        tally.records[i] = list(matches)
        for m in matches:
            tally.fires[m["entry"]] += 1
            tally.units[m["entry"]].add(i)
            tally.cued[m["entry"]] += m["cue"] is not None
            if len(tally.contexts[m["entry"]]) < samples:
                tally.contexts[m["entry"]].append(_context(doc, m, window))
    return tally


def _entry_rows(tally: _Tally) -> list[dict[str, Any]]:
    """Return one row per entry the engines know, firing or not."""
    rows = []
    for eid, e in tally.entries.items():
        n = tally.fires[eid]
        rows.append(
            {
                "entry": eid,
                "lang": e.language,
                "concept": e.concept,
                "valence": e.valence,
                "kind": e.kind,
                "value": e.value if isinstance(e.value, str) else json.dumps(e.value),
                "fires": n,
                "units": len(tally.units[eid]),
                "cue_share": tally.cued[eid] / n if n else 0.0,
                "contexts": tally.contexts[eid],
                "where": e.where,
            }
        )
    return rows


def audit(
    data: Sequence[Any],
    *,
    lang: str = "auto",
    lexicons: FileSpecs | None = None,
    samples: int = 3,
    window: int = 8,
) -> pd.DataFrame:
    """Return one row per lexicon entry: how often it fires on ``data``, sample contexts, and its harm.

    ``data`` is a sequence of texts, or of gold items (:func:`trustlex.read_gold`)
    whose labels add, per entry: ``true``/``false`` (texts where it fired
    and gold has / lacks its concept), ``precision``, ``valence_agree`` (share
    of true firings whose valence equals gold's), ``decisive_tp`` and
    ``decisive_fp`` (firings without which the text would lose the concept),
    and ``f1_gain_if_removed``: the change in micro-F1 of concept detection
    when the entry's matches are dropped, a first-order estimate (a match it
    hid in an overlap is not revived). Rows are sorted by that gain (most
    harmful first) with gold, else by firings. Entries that never fire are
    kept (``fires`` 0): dead entries are findings too.
    """
    labels = [getattr(item, "labels", None) for item in data]
    gold: list[dict[str, str]] = [g for g in labels if g is not None]
    with_gold = len(gold) == len(labels) and bool(data)
    texts = [item.text if with_gold else ("" if item is None else str(item)) for item in data]
    langs = [item.lang for item in data] if with_gold else languages_of(texts, lang)
    tally = _tally(texts, langs, file_names(lexicons), samples, window)
    frame = pd.DataFrame(_entry_rows(tally))
    if frame.empty:
        return frame
    if not with_gold:
        return frame.sort_values(["fires", "entry"], ascending=[False, True], ignore_index=True)
    harm = _harm(tally.records, gold, tally.min_weight)
    frame = frame.join(pd.DataFrame.from_dict(harm, orient="index"), on="entry")
    counts = ["true", "false", "decisive_tp", "decisive_fp"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    frame["f1_gain_if_removed"] = frame["f1_gain_if_removed"].fillna(0.0)
    return frame.sort_values(
        ["f1_gain_if_removed", "false", "fires"], ascending=[False, False, False], ignore_index=True
    )


def _f1(tp: int, fp: int, fn: int) -> float:
    """Micro-F1 from counts; 1.0 when there is nothing to find and nothing was found."""
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _harm(
    records: list[list[dict[str, Any]]], gold: list[dict[str, str]], min_weight: float
) -> dict[str, dict[str, float]]:
    """Per entry: true/false firings, precision, valence agreement and the F1 change if removed."""
    preds = [unit_labels(r, min_weight) for r in records]
    tp = sum(len(set(p) & set(g)) for p, g in zip(preds, gold, strict=True))
    fp = sum(len(set(p) - set(g)) for p, g in zip(preds, gold, strict=True))
    fn = sum(len(set(g) - set(p)) for p, g in zip(preds, gold, strict=True))
    f1 = _f1(tp, fp, fn)
    by_entry: dict[str, list[int]] = defaultdict(list)
    for i, recs in enumerate(records):
        for eid in dict.fromkeys(m["entry"] for m in recs):
            by_entry[eid].append(i)
    out = {}
    for eid, items in by_entry.items():
        concept = next(m["concept"] for m in records[items[0]] if m["entry"] == eid)
        true = [i for i in items if concept in gold[i]]
        agree = sum(
            any(m["entry"] == eid and m["valence"] == gold[i][concept] for m in records[i]) for i in true
        )
        decisive_tp = decisive_fp = 0
        for i in items:
            without = unit_labels([m for m in records[i] if m["entry"] != eid], min_weight)
            if concept in preds[i] and concept not in without:
                if concept in gold[i]:
                    decisive_tp += 1
                else:
                    decisive_fp += 1
        # without the entry its decisive true positives become misses and its false ones vanish
        new = _f1(tp - decisive_tp, fp - decisive_fp, fn + decisive_tp)
        out[eid] = {
            "true": len(true),
            "false": len(items) - len(true),
            "precision": len(true) / len(items),
            "valence_agree": agree / len(true) if true else np.nan,
            "decisive_tp": decisive_tp,
            "decisive_fp": decisive_fp,
            "f1_gain_if_removed": new - f1,
        }
    return out
