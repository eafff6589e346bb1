"""A learned choice for the ``nearest`` referent fallback: an experiment (issue 17), train split only.

Usage::

    python benchmarks/referent_rank.py [--shared ../shared] [--folds 5] [--c 1.0]
    python benchmarks/referent_rank.py --groups both --no-none   # nearest and none hits, parties only
    python benchmarks/referent_rank.py --groups both --oracle    # the ceiling: the coders' candidate
    python benchmarks/referent_rank.py --weights 25              # and the largest weights of a full fit

``--groups`` picks the hits re-chosen (``nearest``, the default; ``none``,
where the sentence names a party; ``both``); ``--no-none`` keeps "nobody"
out of the candidates of a ``nearest`` hit, so that the ranker only swaps
one party for another.

Where the referent rules end in ``nearest`` (and, apart, where they end in
``none`` while the sentence names a party), every party the sentence names
and "nobody" are candidates. Each gets features that do not depend on the
taxonomy's ids (a user's own taxonomy must still work): token distance and
direction, clause boundaries, commas, line breaks, pronouns and conjunctions
between it and the hit, its position (opening the sentence or a line, after a
preposition or determiner, before a verb-like word, a possessive), whether
the party is addressed by the hit or benefits from it, the number of
candidates, whether it is the rule's own choice (so the model can only learn
corrections), the hit's concept and valence, and optional per-referent-id
features that are zero for ids the model does not know. A logistic
regression over the candidates (scikit-learn, binary, the best-scoring
candidate of a hit wins) is trained on the gold (sentence, concept,
referent) pairs of the train split, as :mod:`benchmarks.referents` forms
and matches them; the ranker applies it as a plain dot product over a dict
of weights, after the rules, to the fallback's hits only.

It prints, per language, named accuracy, ``none`` precision and recall and
the accuracy of the fallback's pairs (``nearest`` and ``none``), rules
against ranker:

1. cross-validated over the whole train split, 5 folds grouped by document
   (every hit of a document in one fold);
2. trained on rounds 1-5 and half a of rounds 6+, measured on half b of
   rounds 6+; and the reverse (half b in training, half a measured).

The keep rule of issue 17: ship only if, in both languages, cross-validated
named accuracy rises by >= 0.02, ``none`` precision falls by no more than
0.005 and half b does not fall. The figures and the decision are in
docs/valence.md ("What we tried") and the CHANGELOG. Nothing here is on
the scan path: the ranker is installed into
:class:`trustlex.matching.referent_index.ReferentIndex` for the run of this
script only.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from materialise import load_refs, materialise  # noqa: E402
from referents import in_half  # noqa: E402

from trustlex.lexicon.referent_rules import ReferentWords  # noqa: E402
from trustlex.lexicon.referents import NONE  # noqa: E402
from trustlex.matching.mentions import Mention  # noqa: E402
from trustlex.matching.names import doc_names, name_mentions  # noqa: E402
from trustlex.matching.referent_index import ReferentIndex  # noqa: E402
from trustlex.matching.referent_parties import addressed, benefiting  # noqa: E402
from trustlex.matching.referents import NEAREST_REACH  # noqa: E402
from trustlex.referent_scores import predict_referents, score_referents  # noqa: E402

# words of both languages that the features look for; not the taxonomy's
PRONOUNS = frozenset(
    "i we you he she they us them ik wij we jij je u hij zij ze hen hun men".split()
)  # fmt: skip
PREPOSITIONS = frozenset(
    "in on at about of to from by for with over into among between under towards toward against "
    "van in op bij over aan met door voor naar uit onder tussen tegen binnen om tot".split()
)  # fmt: skip
VERBISH = frozenset(
    "is are was were be been has have had does do did will would can could should must may might "
    "isn't aren't wasn't weren't doesn't don't didn't won't can't couldn't shouldn't n't not never "
    "always really just also zijn is was waren heeft hebben had hadden wordt worden werd kan kunnen "
    "moet moeten zal zullen wil willen doet doen mag mogen niet nooit altijd".split()
)  # fmt: skip
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "s"})
COMMAS = frozenset({",", ";", ":", "-", "\u2013", "\u2014", "(", ")", "/", "&"})


def _between(words: Sequence[str], lo: int, hi: int, bag: frozenset[str]) -> int:
    return sum(1 for w in words[lo:hi] if w in bag)


def features(
    start: int,
    end: int,
    concept: str,
    valence: str,
    parties: list[Mention],
    words: Sequence[str],
    marks: Sequence[int],
    breaks: Sequence[int],
    rules: ReferentWords,
    choice: Mention | None,
    with_none: bool = True,
) -> list[tuple[Mention | None, dict[str, float]]]:
    """Return the candidates of a fallback hit (its sentence's parties within reach, and None) with features.

    ``marks`` and ``breaks`` are the indexes of the sentence's clause boundaries and line breaks
    (as :meth:`ReferentIndex.sentence` finds them); ``choice`` is the rules' choice (None: nobody).
    """
    preps = PREPOSITIONS | rules.genitives | rules.agents | rules.recipients | rules.sources
    preps = preps | rules.beneficiaries
    out: list[tuple[Mention | None, dict[str, float]]] = []
    near = [m for m in parties if max(0, start - m.end, m.start - end) <= NEAREST_REACH]
    before = [m for m in near if m.end <= start]
    after = [m for m in near if m.start >= end]
    last_before = before[-1] if before else None
    first_after = after[0] if after else None
    dists = []
    for m in near:
        d = max(0, start - m.end, m.start - end)
        dists.append(d)
        is_after = m.start >= end
        lo, hi = (m.end, start) if m.end <= start else (end, m.start)
        f: dict[str, float] = {
            "party": 1.0,
            "logdist": math.log1p(d),
            "touch": float(d == 0),
            "after": float(is_after),
            "overlap": float(m.start < end and m.end > start),
            "rule": float(m == choice),
            "side_nearest": float(m in (last_before, first_after)),
            "marks": float(min(3, sum(1 for k in marks if lo <= k < hi))),
            "line": float(any(lo <= k < hi for k in breaks)),
            "commas": float(min(3, _between(words, lo, hi, COMMAS))),
            "pronoun": float(_between(words, lo, hi, PRONOUNS) > 0),
            "conj": float(_between(words, lo, hi, rules.conjunctions) > 0),
            "boundary_word": float(_between(words, lo, hi, rules.boundaries) > 0),
            "opens": float(m.start == 0 or (m.start - 1) in breaks or words[m.start - 1] in COMMAS),
            "after_prep": float(m.start > 0 and words[m.start - 1] in preps),
            "after_det": float(m.start > 0 and words[m.start - 1] in rules.determiners),
            "before_verb": float(m.end < len(words) and words[m.end] in VERBISH),
            "possessive": float(m.end < len(words) and words[m.end] in POSSESSIVE),
            "addressed": float(is_after and addressed(m, start, end, words, rules)),
            "benefiting": float(is_after and benefiting(m, end, words, rules)),
            f"r:{m.referent}": 1.0,
            f"r:{m.referent}|v:{valence}": 1.0,
            f"after|v:{valence}": float(is_after),
        }
        out.append((m, f))
    none_f: dict[str, float] = {
        "none": 1.0,
        "rule": float(choice is None),
        "none_n": float(min(4, len(near))),
        "none_mind": math.log1p(min(dists)) if dists else 0.0,
        f"none|c:{concept}": 1.0,
        f"none|v:{valence}": 1.0,
    }
    if with_none:
        out.append((None, none_f))
    return out


def score(f: dict[str, float], weights: dict[str, float]) -> float:
    """The ranker's score of one candidate: a dot product over the weights (unknown features count 0)."""
    return sum(v * weights.get(k, 0.0) for k, v in f.items())


class Ranker:
    """Installed into ReferentIndex.attribute for this script: records or re-chooses the fallback's hits."""

    def __init__(self) -> None:
        self.weights: dict[str, float] | None = None  # None: record only
        self.groups: list[dict[str, Any]] = []
        self.unit_of: dict[str, int] = {}
        self.original = ReferentIndex.attribute
        self.changed = 0
        self.with_none = True
        self.oracle: list[dict] | None = None  # per unit its gold referents: pick the right candidate

    def install(self) -> None:
        ranker = self

        def attribute(index: ReferentIndex, hits: list, doc: Any, bounds: Any, lowers: list, lemmas: list,
                      *args: Any, **kwargs: Any) -> None:  # fmt: skip
            ranker.original(index, hits, doc, bounds, lowers, lemmas, *args, **kwargs)
            ranker.after(index, hits, doc, bounds, lowers, lemmas)

        ReferentIndex.attribute = attribute  # type: ignore[method-assign]

    def uninstall(self) -> None:
        ReferentIndex.attribute = self.original  # type: ignore[method-assign]

    def after(
        self, index: ReferentIndex, hits: list, doc: Any, bounds: Any, lowers: list, lemmas: list
    ) -> None:
        fallback = [h for h in hits if h.referent_how in ("nearest", NONE)]
        if not fallback:
            return
        named = doc_names(doc)
        local = name_mentions(doc, named) if named else None
        rules = index.taxonomy.rules
        per_sent: dict[int, tuple] = {}
        unit = self.unit_of.get(doc.text, -1)
        for h in fallback:
            if h.sent not in per_sent:
                lo, hi = bounds(h.sent)
                per_sent[h.sent] = index.sentence(doc, lo, hi, lowers, lemmas, False, local)
            got = per_sent[h.sent]
            if not got:
                continue
            lo, parties, words, marks, breaks = got[:5]
            limited = got[7]
            concept = h.entry.concept
            if limited:
                parties = index._for_concept(limited, concept, {}, h.sent, breaks)[0]
            if not parties:
                continue
            start, end = h.start - lo, h.end - lo
            choice = None
            if h.referent_how == "nearest":
                choice = next(
                    (
                        m
                        for m in parties
                        if max(0, start - m.end, m.start - end) == h.referent_dist
                        and _text(doc, lo, m) == h.referent_text
                    ),
                    None,
                )
                if choice is None:  # not among the parties as found here: left alone
                    continue
            cands = features(
                start, end, concept, h.valence, parties, words, marks, breaks, rules, choice,
                self.with_none or choice is None,
            )  # fmt: skip
            if len(cands) < 2:
                continue
            if self.weights is None:
                self.groups.append(
                    {
                        "unit": unit,
                        "concept": concept,
                        "how": h.referent_how,
                        # the rule's choice as settled (a boss's plural may have become direct_manager)
                        "cands": [
                            (h.referent if m == choice and m else m.referent if m else NONE, f)
                            for m, f in cands
                        ],
                    }
                )
                continue
            if self.oracle is not None:  # the ceiling: the coders' party wherever it is a candidate
                gold = self.oracle[unit].get(concept) if unit >= 0 else None
                best = next((m for m, _ in cands if (m.referent if m else NONE) == gold), choice)
            else:
                best = max(cands, key=lambda c: score(c[1], self.weights))[0]  # type: ignore[arg-type]
            if best == choice:
                continue
            self.changed += 1
            if best is None:
                h.referent, h.referent_text, h.referent_how, h.referent_dist = NONE, None, NONE, 1 << 30
            else:
                h.referent, h.referent_text, h.referent_how = best.referent, _text(doc, lo, best), "nearest"
                h.referent_dist = max(0, start - best.end, best.start - end)


def _text(doc: Any, lo: int, m: Mention) -> str:
    return doc[lo + m.start : lo + m.end].text


def train(groups: list[dict], c: float) -> dict[str, float]:
    """Fit the logistic regression on the candidates of groups with a known answer; its weights as a dict."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for g in groups:
        gold = g["gold"]
        if gold is None or not any(r == gold for r, _ in g["cands"]):
            continue
        for r, f in g["cands"]:
            xs.append(f)
            ys.append(int(r == gold))
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    model.fit(x, ys)
    return {k: float(w) for k, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True) if w}


def figures(rows: list[dict], lang: str, preds: list[dict]) -> dict:
    """Named accuracy, none precision and recall, and the fallback's pairs right/total."""
    s = score_referents(
        [r["id"] for r in rows],
        [r["text"] for r in rows],
        [lang] * len(rows),
        [r.get("referents", {}) for r in rows],
        preds,
    )
    summary = s.summary.set_index("lang")
    if lang not in summary.index:
        return {}
    f = summary.loc[lang].to_dict()
    how = {r.how: (r.right, r.total) for r in s.by_how.itertuples()}
    return {
        "named": int(f["named"]),
        "acc": f["accuracy_named"],
        "noneP": f["none_precision"],
        "noneR": f["none_recall"],
        "nearest": how.get("nearest", (0, 0)),
        "none": how.get(NONE, (0, 0)),
    }


def line(name: str, f: dict) -> str:
    n, t = f["nearest"]
    a, b = f["none"]
    return (
        f"    {name:<7} named {f['acc']:.3f} ({f['named']})  none-P {f['noneP']:.3f}  none-R {f['noneR']:.3f}"
        f"  nearest {n}/{t}  none {a}/{b}"
    )


def predict(rows: list[dict], lang: str, ranker: Ranker, weights: dict | None) -> list[dict]:
    ranker.weights = weights
    ranker.unit_of = {r["text"]: i for i, r in enumerate(rows)}
    return predict_referents([r["text"] for r in rows], [lang] * len(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0, help="the inverse regularisation strength")
    ap.add_argument(
        "--no-none", action="store_true", help="nobody is no candidate: re-choose among parties only"
    )
    ap.add_argument(
        "--groups",
        choices=("nearest", "none", "both"),
        default="nearest",
        help="the hits re-chosen: where the rules end in nearest, in none (the sentence naming a "
        "party), or both",
    )
    ap.add_argument(
        "--oracle", action="store_true", help="the ceiling: the coders' party wherever it is a candidate"
    )
    ap.add_argument("--weights", type=int, default=0, help="print the N largest weights of the full fit")
    args = ap.parse_args()
    refs = [r for r in load_refs(ROOT / "coded" / "coded.jsonl") if r["split"] == "train"]
    rows_all = materialise(refs, args.shared)
    ranker = Ranker()
    ranker.install()
    try:
        for lang in ("nl", "en"):
            rows = [r for r in rows_all if r["lang"] == lang]
            run(rows, lang, ranker, args)
    finally:
        ranker.uninstall()


def run(rows: list[dict], lang: str, ranker: Ranker, args: argparse.Namespace) -> None:
    from sklearn.model_selection import GroupKFold

    ranker.groups = []
    ranker.with_none = not args.no_none
    rules = predict(rows, lang, ranker, None)
    groups = ranker.groups
    for g in groups:
        g["gold"] = rows[g["unit"]].get("referents", {}).get(g["concept"]) if g["unit"] >= 0 else None
    if args.groups != "both":
        groups = [g for g in groups if g["how"] == args.groups]
    kinds = Counter(g["how"] for g in groups)
    has = sum(1 for g in groups if g["gold"] is not None and any(r == g["gold"] for r, _ in g["cands"]))
    rule_right = sum(
        1
        for g in groups
        if g["gold"] is not None and any(r == g["gold"] and f["rule"] for r, f in g["cands"])
    )
    lost = sum(1 for g in groups if g["unit"] < 0)
    print(
        f"{lang}: {len(rows)} units; fallback hits {dict(kinds)} ({lost} not matched to a unit); with a gold "
        f"pair and the answer among the candidates {has}; the rule's choice right {rule_right}"
    )
    ceiling = Counter(
        g["how"]
        for g in groups
        if g["gold"] not in (None, NONE)
        and any(r == g["gold"] for r, _ in g["cands"])
        and not any(r == g["gold"] and f["rule"] for r, f in g["cands"])
    )
    print(f"  hits a party the coders name, among the candidates, the rules miss: {dict(ceiling)}")
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for g in groups:
        by_unit[g["unit"]].append(g)

    def fit(keep: set[int]) -> dict[str, float]:
        return train([g for u in keep for g in by_unit.get(u, [])], args.c)

    ranker_filter(ranker, args.groups)
    if args.oracle:
        ranker.oracle = [r.get("referents", {}) for r in rows]
        ranker.changed = 0
        got = predict(rows, lang, ranker, {})
        print(f"  the ceiling ({ranker.changed} hits re-chosen):")
        print(line("rules", figures(rows, lang, rules)))
        print(line("oracle", figures(rows, lang, got)))
        ranker.oracle = None
        return
    docs = [f"{r['corpus']}/{r['doc']}" for r in rows]
    oof: list[dict] = [{} for _ in rows]
    ranker.changed = 0
    for train_ix, test_ix in GroupKFold(n_splits=args.folds).split(rows, groups=docs):
        w = fit(set(train_ix.tolist()))
        sub = [rows[i] for i in test_ix]
        got = predict(sub, lang, ranker, w)
        for i, p in zip(test_ix, got, strict=True):
            oof[i] = p
    print(f"  cross-validated ({args.folds} folds by document; {ranker.changed} hits re-chosen):")
    print(line("rules", figures(rows, lang, rules)))
    print(line("ranker", figures(rows, lang, oof)))
    late = [i for i, r in enumerate(rows) if r.get("round", 1) >= 6]
    for held in ("b", "a"):
        test = [i for i in late if in_half(rows[i]["id"], held)]
        w = fit(set(range(len(rows))) - set(test))
        sub = [rows[i] for i in test]
        ranker.changed = 0
        got = predict(sub, lang, ranker, w)
        print(f"  half {held} of rounds 6+ (trained on the rest; {ranker.changed} hits re-chosen):")
        print(line("rules", figures(sub, lang, [rules[i] for i in test])))
        print(line("ranker", figures(sub, lang, got)))
    if args.weights:
        w = fit(set(range(len(rows))))
        for k, v in sorted(w.items(), key=lambda kv: -abs(kv[1]))[: args.weights]:
            print(f"    {v:+.3f} {k}")


def ranker_filter(ranker: Ranker, groups: str) -> None:
    """The ranker re-chooses the hits of ``groups`` only (nearest, none or both); it records them all."""
    after = Ranker.after

    def only(index: ReferentIndex, hits: list, *rest: Any) -> None:
        if ranker.weights is not None and groups != "both":
            hits = [h for h in hits if h.referent_how == groups]
        after(ranker, index, hits, *rest)

    ranker.after = only  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
