"""Referent attribution against hand-coded referents: who each coded concept is about.

A gold unit may carry ``referents``, a mapping of its concepts to the party
each is about (``{"trust": "leadership"}``; ``"none"`` where the unit names
nobody). Attribution is scored where it can be: for the gold (concept,
referent) pairs whose concept the lexicon also finds in the unit; pairs
whose concept it misses are counted apart, as attribution has nothing to
attribute there. The figures per language:

- ``accuracy_named``: the share right among pairs whose gold names a party;
- ``none_precision``: of the pairs trustlex attributes to nobody, the share
  the coders also gave ``none`` (it falls when trustlex misses a party);
- ``none_recall``: of the pairs the coders gave ``none``, the share trustlex
  leaves at ``none`` (one minus the rate of invented referents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from trustlex.concepts import LANGUAGES
from trustlex.lexicon.referents import NONE
from trustlex.matching.referents import HOW_RANK, HOWS
from trustlex.scoring import score_texts

# (referent, referent_text, referent_how) of one concept of one unit
Attribution = tuple[str, str, str]
SUMMARY_COLUMNS = ["lang", "pairs", "named", "accuracy_named", "none_precision", "none_recall", "missed"]


@dataclass
class ReferentScores:
    """Attribution scored against gold referents, per language (see the module docstring).

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per language with gold referents: ``pairs`` scored,
        ``named`` (of them, naming a party), ``accuracy_named``,
        ``none_precision``, ``none_recall`` and ``missed`` (pairs whose
        concept the lexicon did not find).
    confusion : pandas.DataFrame
        ``lang``, ``gold``, ``pred`` and ``count`` of every pair scored.
    by_how : pandas.DataFrame
        ``lang``, ``how`` (``pattern``, ``parse``, ``nearest``, ``none``),
        ``right`` and ``total``: how often each rule was right.
    errors : list of dict
        One row per wrong attribution: id, lang, kind (``referent``),
        concept, gold and pred (referent ids), text, and ``how`` and
        ``referent_text`` of the attribution.
    """

    summary: pd.DataFrame
    confusion: pd.DataFrame
    by_how: pd.DataFrame
    errors: list[dict[str, Any]] = field(default_factory=list)


def predict_referents(
    texts: Sequence[str],
    langs: Sequence[str],
    *,
    lexicons: list[str] | None = None,
    context: str | None = None,
    referents: str | list[str] | None = None,
    names: list[Any] | None = None,
) -> list[dict[str, Attribution]]:
    """Return per text ``{concept: (referent, referent_text, referent_how)}`` of trustlex's sentence rows.

    Each text is one unit, scored by the pipeline of its language with
    ``score_texts(level="sentence")``; where a unit's concept comes from
    several sentences, the most direct attribution speaks for it
    (``pattern`` before ``parse`` before ``nearest``). ``referents`` are
    referent files (a user's taxonomy) and ``names`` the parties per text,
    as for :func:`trustlex.score_texts`.
    """
    out: list[dict[str, Attribution]] = [{} for _ in texts]
    for code in LANGUAGES:
        idx = [i for i, c in enumerate(langs) if c == code]
        if not idx:
            continue
        frame = score_texts(
            [texts[i] for i in idx],
            lang=code,
            level="sentence",
            lexicons=lexicons,
            context=context,
            referents=referents,
            names=[names[i] for i in idx] if names is not None else None,
        )
        cols = ("doc_id", "concept", "referent", "referent_text", "referent_how")
        for doc_id, concept, ref, ref_text, how in zip(*(frame[c] for c in cols), strict=True):
            unit = out[idx[int(doc_id)]]
            new = (str(ref), "" if ref_text is None or pd.isna(ref_text) else str(ref_text), str(how))
            old = unit.get(str(concept))
            if old is None or HOW_RANK.get(new[2], len(HOWS)) < HOW_RANK.get(old[2], len(HOWS)):
                unit[str(concept)] = new
    return out


def score_referents(
    ids: Sequence[str],
    texts: Sequence[str],
    langs: Sequence[str],
    gold: Sequence[dict[str, str]],
    predicted: Sequence[dict[str, Attribution]],
) -> ReferentScores:
    """Compare predicted attributions with the gold referents of each unit, per language.

    ``gold`` holds per unit ``{concept: referent id or "none"}`` and
    ``predicted`` what :func:`predict_referents` returns; all sequences
    are in unit order.
    """
    confusion: Counter = Counter()  # (lang, gold, pred)
    how: Counter = Counter()  # (lang, how, right)
    missed: Counter = Counter()
    errors: list[dict[str, Any]] = []
    for unit, text, lang, refs, pred in zip(ids, texts, langs, gold, predicted, strict=True):
        for concept, want in refs.items():
            got = pred.get(concept)
            if got is None:
                missed[lang] += 1
                continue
            confusion[lang, want, got[0]] += 1
            how[lang, got[2], want == got[0]] += 1
            if want != got[0]:
                errors.append(
                    {
                        "id": unit,
                        "lang": lang,
                        "kind": "referent",
                        "concept": concept,
                        "gold": want,
                        "pred": got[0],
                        "text": text,
                        "how": got[2],
                        "referent_text": got[1],
                    }
                )
    rows = []
    for lang in LANGUAGES:
        cells = {(g, p): n for (lg, g, p), n in confusion.items() if lg == lang}
        if not cells and not missed[lang]:
            continue
        named = sum(n for (g, _), n in cells.items() if g != NONE)
        right = sum(n for (g, p), n in cells.items() if g != NONE and g == p)
        said_none = sum(n for (_, p), n in cells.items() if p == NONE)
        gold_none = sum(n for (g, _), n in cells.items() if g == NONE)
        both = cells.get((NONE, NONE), 0)
        rows.append(
            {
                "lang": lang,
                "pairs": sum(cells.values()),
                "named": named,
                "accuracy_named": right / named if named else float("nan"),
                "none_precision": both / said_none if said_none else float("nan"),
                "none_recall": both / gold_none if gold_none else float("nan"),
                "missed": missed[lang],
            }
        )
    conf = pd.DataFrame(
        [{"lang": lg, "gold": g, "pred": p, "count": n} for (lg, g, p), n in sorted(confusion.items())],
        columns=["lang", "gold", "pred", "count"],
    )
    by_how = pd.DataFrame(
        [
            {"lang": lg, "how": h, "right": how[lg, h, True], "total": how[lg, h, True] + how[lg, h, False]}
            for lg in LANGUAGES
            for h in HOWS
            if how[lg, h, True] + how[lg, h, False]
        ],
        columns=["lang", "how", "right", "total"],
    )
    return ReferentScores(pd.DataFrame(rows, columns=SUMMARY_COLUMNS), conf, by_how, errors)
