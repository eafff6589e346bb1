"""Evaluate trustlex against hand-coded units in the gold JSONL format.

The format, and reading and checking a gold file, are
:mod:`trustlex.gold_file` (:func:`read_gold`, :class:`GoldItem`, importable
from here too); this module scores the lexicon's (and a model's) labels and
referents against them (:func:`evaluate`, :func:`score`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from trustlex.concepts import CONCEPTS, LANGUAGES, language_code
from trustlex.errors import GoldError, LanguageError
from trustlex.gold_file import GoldItem, capped, gold_items, read_gold
from trustlex.matching.names import known_referents

# the lexicon's own labels live in trustlex.models.labels; predict_units and unit_labels
# are re-exported for the modules and tests that import them from here
from trustlex.models.labels import (  # noqa: F401
    combine,
    labels_dicts,
    labels_frame,
    model_codes_only,
    predict_by_language,
    predict_units,
    unit_labels,
)
from trustlex.models.modelfile import check_lexicons_match
from trustlex.pipeline import FileSpec, FileSpecs, file_name, file_names
from trustlex.referent_scores import ReferentScores, predict_referents, score_referents


@dataclass
class EvalReport:
    """Scores of predictions against gold: per concept, per language, and the errors.

    Made by :func:`evaluate`; ``str(report)`` gives the summary and
    per-concept tables as text.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row for all units and one per language: units, micro precision,
        recall and F1, macro F1, valence accuracy (of the concepts found)
        and ``found``.
    per_concept : pandas.DataFrame
        Per language and concept that occurs: precision, recall, f1,
        support, predicted and valence_acc.
    errors : pandas.DataFrame
        One row per miss, false alarm or wrong valence: id, lang, kind
        (``miss``, ``false_alarm``, ``valence``), concept, gold, pred, text;
        and, where the gold has referents, one per wrong attribution (kind
        ``referent``, gold and pred the referent ids).
    predictions : list of dict
        The predicted labels of each unit, in gold order.
    referents : ReferentScores or None
        Attribution against the gold's ``referents`` (None when it has
        none): per language accuracy where a party is named, precision and
        recall of ``none``, confusion and the rules' hit rates.

    Examples
    --------
    >>> import trustlex
    >>> gold = [
    ...     {"id": "1", "text": "Ik vertrouw mijn manager.", "labels": {"trust": "+"}},
    ...     {"id": "2", "text": "Er is geen communicatie.", "labels": {"communication": "-"}},
    ...     {"id": "3", "text": "We trust our manager.", "labels": {"trust": "+", "benevolence": "+"}},
    ...     {"id": "4", "text": "The canteen is fine.", "labels": {}},
    ... ]
    >>> report = trustlex.evaluate(gold)
    >>> print(report.summary[["lang", "units", "micro_recall", "valence_accuracy"]].to_string(index=False))
    lang  units  micro_recall  valence_accuracy
     all      4          0.75               1.0
      nl      2          1.00               1.0
      en      2          0.50               1.0
    >>> report.errors[["id", "kind", "concept", "gold", "pred"]].values.tolist()
    [['3', 'miss', 'benevolence', '+', '']]
    >>> report.predictions
    [{'trust': '+'}, {'communication': '-'}, {'trust': '+'}, {}]
    >>> print(str(report).splitlines()[0])
    Summary
    """

    summary: pd.DataFrame
    per_concept: pd.DataFrame
    errors: pd.DataFrame
    predictions: list[dict[str, str]] = field(default_factory=list)
    referents: ReferentScores | None = None

    def __str__(self) -> str:
        """Return the summary and per-concept tables as text (and the referents', if scored)."""
        floats: dict[str, Any] = {"index": False, "float_format": lambda x: f"{x:.3f}"}
        with pd.option_context("display.width", 160, "display.max_rows", 200):
            text = (
                "Summary\n"
                + self.summary.to_string(**floats)
                + "\n\nPer concept\n"
                + self.per_concept.to_string(**floats)
            )
            if self.referents is not None:
                text += (
                    "\n\nReferents (pairs whose concept was found; accuracy where the gold names a party)\n"
                    + self.referents.summary.to_string(**floats)
                )
            return text


def _of_language(items: list[GoldItem], lang: str, where: str | Path) -> list[GoldItem]:
    """Return the units in ``lang``; an unknown code, or none in it, is an error (not zero scores)."""
    code = language_code(lang)
    if code not in LANGUAGES:
        msg = f"lang must be {' or '.join(LANGUAGES)}, got {lang!r}"
        raise LanguageError(msg)
    kept = [it for it in items if it.lang == code]
    if not kept:
        found = ", ".join(f"{n} in {c!r}" for c, n in Counter(it.lang for it in items).most_common())
        msg = f"{where}: no units in {code!r} to evaluate (the gold has {found or 'no units'})"
        raise GoldError(msg)
    return kept


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(items: list[GoldItem], predictions: list[dict[str, str]]) -> EvalReport:
    """Compare predictions with gold labels and return an EvalReport.

    Concept detection is scored per (unit, concept): precision, recall, F1
    per concept; micro-F1 over all decisions; macro-F1 as the mean F1 over
    concepts that occur in gold or predictions. Valence accuracy is the share
    of correctly found concepts whose valence also matches. Every figure is
    given for all units and per language.
    """
    err_rows = []
    summary_rows = []
    concept_rows = []
    groups: list[tuple[str, list[int]]] = [("all", list(range(len(items))))]
    for lang in LANGUAGES:
        idx = [i for i, it in enumerate(items) if it.lang == lang]
        if idx:
            groups.append((lang, idx))
    for it, pred in zip(items, predictions, strict=True):
        for c in CONCEPTS:
            g, p = it.labels.get(c), pred.get(c)
            kind = "miss" if g and not p else "false_alarm" if p and not g else "valence" if g != p else None
            if kind is not None:
                row = {"id": it.id, "lang": it.lang, "kind": kind, "concept": c}
                err_rows.append({**row, "gold": g or "", "pred": p or "", "text": it.text})
    for name, idx in groups:
        tot_tp = tot_fp = tot_fn = val_ok = 0
        f1s = []
        for c in CONCEPTS:
            tp = fp = fn = ok = 0
            for i in idx:
                g, p = items[i].labels.get(c), predictions[i].get(c)
                tp += bool(g and p)
                fp += bool(p and not g)
                fn += bool(g and not p)
                ok += bool(g and p and g == p)
            prec, rec, f1 = _prf(tp, fp, fn)
            if tp + fp + fn:
                f1s.append(f1)
                concept_rows.append(
                    {
                        "lang": name,
                        "concept": c,
                        "precision": prec,
                        "recall": rec,
                        "f1": f1,
                        "support": tp + fn,
                        "predicted": tp + fp,
                        "valence_acc": ok / tp if tp else float("nan"),
                    }
                )
            tot_tp, tot_fp, tot_fn, val_ok = tot_tp + tp, tot_fp + fp, tot_fn + fn, val_ok + ok
        prec, rec, f1 = _prf(tot_tp, tot_fp, tot_fn)
        summary_rows.append(
            {
                "lang": name,
                "units": len(idx),
                "micro_precision": prec,
                "micro_recall": rec,
                "micro_f1": f1,
                "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
                "valence_accuracy": val_ok / tot_tp if tot_tp else 0.0,
                "found": tot_tp,
            }
        )
    errors = pd.DataFrame(err_rows, columns=["id", "lang", "kind", "concept", "gold", "pred", "text"])
    return EvalReport(pd.DataFrame(summary_rows), pd.DataFrame(concept_rows), errors, predictions)


def evaluate(
    gold: str | Path | Iterable[dict[str, Any] | GoldItem],
    *,
    lang: str | None = None,
    lexicons: FileSpecs | None = None,
    context: FileSpec | None = None,
    model: Any = None,
    referents: FileSpecs | None = None,
    skip_bad: bool = False,
) -> EvalReport:
    """Tag the gold units and return an EvalReport (summary, per concept, misses and false alarms).

    ``gold`` is a JSONL path in the format of ``read_gold`` or an iterable of
    such records. ``lang`` restricts the evaluation to one language.
    ``lexicons``/``context`` evaluate other lexicon files than the shipped ones.
    ``model`` (a ``TrustClassifier``) evaluates the lexicon combined with it,
    as :func:`score_texts` combines them: with the lexicons the model was
    trained with (``lexicons``, if given, must be those). Where the gold
    units carry ``referents``, the attribution of the lexicon's hits is
    scored too (``report.referents``), with the taxonomy extended by the
    ``referents`` files if given.

    Parameters
    ----------
    gold : str, Path or iterable of dict or GoldItem
        A gold JSONL file (see :func:`read_gold`) or its records: dicts, or the
        items :func:`read_gold` returns (a held-out part of a coded file).
    lang : str, optional
        Evaluate only the units of this language (``"nl"`` or ``"en"``, in
        any case).
    lexicons : str, Path or a list of them, optional
        Lexicons to evaluate (as for :func:`load`); by default the shipped ones.
    context : str or Path, optional
        A context-cue file.
    model : TrustClassifier, optional
        A classifier whose confident concepts are added to the lexicon's.
    referents : str, Path or a list of them, optional
        Referent files (your own taxonomy), as for :func:`score_texts`.
    skip_bad : bool, default False
        Score the good lines of a gold file with bad ones, warning how many
        were skipped (see :func:`read_gold`); by default a bad line is an error.

    Returns
    -------
    EvalReport
        Summary, per-concept scores, errors and predictions.

    Raises
    ------
    GoldError
        When the gold file has bad records (all named), has no unit in ``lang``, or
        names a referent the taxonomy lacks.
    LanguageError
        When ``lang`` is not ``"nl"`` or ``"en"``.
    ModelError
        When ``lexicons`` are not those ``model`` was trained with.

    Examples
    --------
    >>> import trustlex
    >>> gold = [
    ...     {"id": "1", "text": "Ik vertrouw mijn manager.", "labels": {"trust": "+"}},
    ...     {"id": "2", "text": "Er is geen communicatie.", "labels": {"communication": "-"}},
    ...     {"id": "3", "text": "We trust our manager.", "labels": {"trust": "+", "benevolence": "+"}},
    ...     {"id": "4", "text": "The canteen is fine.", "labels": {}},
    ... ]
    >>> report = trustlex.evaluate(gold)
    >>> print(report.per_concept[["lang", "concept", "recall", "support"]].to_string(index=False))
    lang       concept  recall  support
     all         trust     1.0        2
     all communication     1.0        1
     all   benevolence     0.0        1
      nl         trust     1.0        1
      nl communication     1.0        1
      en         trust     1.0        1
      en   benevolence     0.0        1
    >>> trustlex.evaluate(gold, lang="nl").summary["micro_f1"].tolist()
    [1.0, 1.0]
    """
    names, context_name, referent_names = file_names(lexicons), file_name(context), file_names(referents)
    # records are checked as a file's lines are, every bad one named
    items = read_gold(gold, skip_bad=skip_bad) if isinstance(gold, str | Path) else gold_items(gold)
    if lang is not None:
        items = _of_language(items, lang, gold if isinstance(gold, str | Path) else "gold")
    # read even where the gold names no referent: a missing or broken file is an error either way; the
    # gold's referents are checked against it before the units are tagged, which takes a while
    known = {*known_referents(referent_names), "none"}
    _check_referent_ids(items, known, gold if isinstance(gold, str | Path) else None)
    if model is not None:  # the lexicon part is what score_texts(model=...) scores: the model's lexicons
        check_lexicons_match(model, names, "evaluate(model=...)")
        names = names or model.lexicons
    preds = predict_by_language(
        [it.text for it in items], [it.lang for it in items], lexicons=names, context=context_name
    )
    if model is not None:  # the lexicon's decisions plus what the model adds with confidence
        pred, proba = model.predict_with_proba([it.text for it in items])
        pred, proba = model_codes_only(model, [it.lang for it in items], pred, proba, "evaluate(model=...)")
        combined, _ = combine(labels_frame(preds), pred, proba, model.add_above)
        preds = labels_dicts(combined)
    report = score(items, preds)
    if any(it.referents for it in items):
        report.referents = _referent_scores(items, names, context_name, referent_names)
        wrong = pd.DataFrame(report.referents.errors, columns=report.errors.columns)
        report.errors = pd.concat([report.errors, wrong], ignore_index=True) if len(wrong) else report.errors
    return report


def _check_referent_ids(items: list[GoldItem], known: set[str], path: str | Path | None) -> None:
    """Raise one GoldError naming every unit whose ``referents`` give an id the taxonomy (``known``) lacks."""
    bad = [(it, concept, ref) for it in items for concept, ref in it.referents.items() if ref not in known]
    if not bad:
        return
    has = f"the taxonomy lacks (it has {', '.join(sorted(known))})"
    todo = "use one of those, or give your own taxonomy file with --referents FILE (referents= in Python)"
    said = []
    for it, concept, ref in bad:
        where = f"{path}:{it.line}: " if path is not None and it.line else f"{path}: " if path else ""
        said.append(f"{where}unit {it.id!r}: field 'referents' gives {concept!r} the referent {ref!r}")
    if len(bad) == 1:
        raise GoldError(f"{said[0]}, which {has}; {todo}")
    said = capped(said)
    head = f"{path or 'gold'}: {len(bad)} referents {has}; {todo}:"
    raise GoldError("\n  ".join([head, *said]))


def _referent_scores(
    items: list[GoldItem], lexicons: list[str] | None, context: str | None, referents: Any
) -> ReferentScores:
    """Score the attribution of the lexicon's hits against the units' gold referents (checked ids)."""
    texts, langs = [it.text for it in items], [it.lang for it in items]
    got = predict_referents(texts, langs, lexicons=lexicons, context=context, referents=referents)
    return score_referents([it.id for it in items], texts, langs, [it.referents for it in items], got)
