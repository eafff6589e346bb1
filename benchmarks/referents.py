"""Referent attribution on the coded corpus: who each concept is about, against the coders' referents.

Usage::

    python benchmarks/referents.py [--shared ../shared] [--errors N]   # train split (develop here)
    python benchmarks/referents.py --half a --errors 40                 # read errors on half a of train
    python benchmarks/referents.py --half b                             # check a tuning on half b
    python benchmarks/referents.py --check [--note "..."]                # the frozen check split, logged
    python benchmarks/referents.py [--check] --docs                      # and its table in docs/benchmarks.md
    python benchmarks/referents.py --half b --names                     # with each document's party named
    python benchmarks/referents.py --half a --since 6 --errors 40       # the rounds read least (6 and later)

``--names`` gives every document the party it is about, from the corpus'
own fields, as a user would with ``score_texts(names=...)``: a Glassdoor
review its company, a privacy policy its site, an Austin survey comment the
City of Austin (:func:`corpus_names`). ``--check`` and ``--docs`` measure
both ways (``--both`` does so on train).

Attribution is scored where it can be: for the gold (concept, referent)
pairs whose concept the tagger also finds in the sentence. Pairs whose
concept the tagger misses are counted apart (attribution has nothing to
attribute there). Per language it prints:

- ``accuracy (named)``: the share right among pairs whose gold names a referent;
- ``none precision``: of the pairs trustlex attributes to nobody, the share the coders also gave ``none``;
- ``none recall``: of the pairs the coders gave ``none``, the share trustlex leaves at ``none``
  (one minus the rate of invented referents);
- the confusion counts (gold -> predicted) and the accuracy per rule (``referent_how``).

``--speed`` instead times the scan of real text (Dutch regulations, English
reviews) with the shipped taxonomy and with an empty one, alternating in one
process (CPU time, best of several rounds), so the cost of attribution shows
even on a busy machine where ``benchmarks/speed.py`` figures swing. The
shipped index's per-word caches are warm after the first round, so this is
the cost on words seen before.

The check split is measured once, never tuned on: ``--check`` prints its
figures and appends a line to ``coded/check-log.md`` (date, commit, figures).
``--docs`` writes the figures of the whole split it measured into the
``referents_train`` or ``referents_check`` block of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
from accuracy import commit, write_block  # noqa: E402  (benchmarks/ is on the path: this script's folder)
from materialise import CORPORA, load_refs, materialise  # noqa: E402

from trustlex.lexicon.referents import Taxonomy  # noqa: E402
from trustlex.matching.referent_index import ReferentIndex  # noqa: E402
from trustlex.matching.referents import HOW_RANK  # noqa: E402
from trustlex.pipeline import scoring_engine  # noqa: E402
from trustlex.referent_scores import predict_referents, score_referents  # noqa: E402

LOG = ROOT / "coded" / "check-log.md"
NAMED = {False: "", True: " (--names: each document's company, site or city given)"}
TARGETS = "targets: accuracy (named) >= 0.85 and none precision >= 0.90, per language"


# first words of company names that say nothing on their own ("General", "The"): no short name
GENERIC = {
    "the", "american", "applied", "booking", "capital", "charles", "constellation", "eli", "general",
    "marathon", "marsh", "occidental", "pacific", "philip", "progressive", "southern", "texas",
    "union", "united", "u.s.", "walt",
}  # fmt: skip


def company_names(company: str) -> list[str]:
    """The names a reviewer uses for ``company``: as listed, and its first word when that says who it is.

    This is what an analyst with a company column would pass as
    ``names``: "Delta Air Lines" is also "Delta", "HCA Healthcare" "HCA";
    "The Hartford" is "Hartford", while "General Dynamics ..." keeps its
    full name only. The rule reads the company list, never the coded sentences.
    """
    words = company.replace(",", " ").split()
    out = [company]
    if words and words[0].lower() == "the" and len(words) > 1:
        out.append(" ".join(words[1:]))
    elif len(words) > 1 and words[0].lower() not in GENERIC:
        out.append(words[0])
    return out


def corpus_names(rows: list[dict], shared: Path) -> list[dict | None]:
    """Per row, the parties its document is about, from the corpus' own fields (for ``--names``).

    A Glassdoor review is about its ``company``; a privacy policy about the
    site it was taken from (its domain's first label, "walmart.com" ->
    "Walmart"); an Austin survey comment about the City of Austin ("COA").
    """
    wanted = {(r["corpus"], r["doc"]) for r in rows}
    fields: dict[tuple[str, str], dict] = {}
    for corpus in ("en-glassdoor-2025", "en-opp115-privacy"):
        if not any(c == corpus for c, _ in wanted):
            continue
        with (shared / CORPORA[corpus][1]).open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if (corpus, row["id"]) in wanted:
                    fields[corpus, row["id"]] = row
    out: list[dict | None] = []
    for r in rows:
        row = fields.get((r["corpus"], r["doc"]), {})
        if row.get("company"):
            out.append({"organisation": company_names(row["company"])})
        elif row.get("site"):
            label = row["site"].split(".")[-2] if row["site"].count(".") else row["site"]
            out.append({"organisation": [label.capitalize()]})
        elif r["corpus"] == "en-austin-community-survey":
            out.append({"government": ["City of Austin", "COA"]})
        else:
            out.append(None)
    return out


def measure(rows: list[dict], lang: str, errors: int = 0, names: list[dict | None] | None = None) -> dict:
    """Return the figures of one language (and print up to ``errors`` wrong attributions).

    ``names`` gives per row the parties its document is about (``score_texts(names=...)``).
    """
    texts, langs = [r["text"] for r in rows], [lang] * len(rows)
    got = predict_referents(texts, langs, names=names)
    scores = score_referents(
        [r["id"] for r in rows], texts, langs, [r.get("referents", {}) for r in rows], got
    )
    for e in scores.errors[:errors]:
        got_text = f"({e['how']}: {e['referent_text']!r})"
        where = f"{e['id']} {e['concept']}: gold {e['gold']}, got {e['pred']} {got_text}"
        print(f"  {where} | {e['text'][:160]!r}")
    summary = scores.summary.set_index("lang")
    figures = summary.loc[lang].to_dict() if lang in summary.index else {}
    nan = float("nan")
    return {
        "lang": lang,
        "pairs": int(figures.get("pairs", 0)),
        "missed": int(figures.get("missed", 0)),
        "named": int(figures.get("named", 0)),
        "accuracy": figures.get("accuracy_named", nan),
        "none_precision": figures.get("none_precision", nan),
        "none_recall": figures.get("none_recall", nan),
        "confusion": Counter({(r.gold, r.pred): r.count for r in scores.confusion.itertuples()}),
        "how": Counter(
            {
                k: n
                for r in scores.by_how.itertuples()
                for k, n in (((r.how, True), r.right), ((r.how, False), r.total - r.right))
            }
        ),
    }


def report(m: dict) -> str:
    """The figures of one language as text."""
    lines = [
        f"{m['lang']}: {m['pairs']} gold (concept, referent) pairs with the concept found "
        f"({m['named']} naming a referent); {m['missed']} pairs whose concept the tagger missed",
        f"  accuracy (named) {m['accuracy']:.3f}   none precision {m['none_precision']:.3f}   "
        f"none recall {m['none_recall']:.3f}",
        "  by rule: "
        + ", ".join(
            f"{h} {m['how'][h, True]}/{m['how'][h, True] + m['how'][h, False]}"
            for h in HOW_RANK
            if m["how"][h, True] + m["how"][h, False]
        ),
        "  confusion (gold -> predicted: count):",
    ]
    for (g, p), n in sorted(m["confusion"].items(), key=lambda x: (x[0][0], -x[1])):
        lines.append(f"    {g:>15} -> {p:<15} {n}")
    return "\n".join(lines)


def docs_table(figures: list[dict], split: str) -> str:
    """Both languages' figures, without and with ``--names``, as the table of docs/benchmarks.md."""
    cols = ("pairs", "named", "accuracy (named)", "none-P", "none-R", "missed")
    head = f"{'split':<6} {'lang':<4} {'names':<5} " + " ".join(f"{c:>{max(len(c), 5)}}" for c in cols)
    rows = [
        f"{split:<6} {m['lang']:<4} {'yes' if m.get('names') else 'no':<5} {m['pairs']:>5} {m['named']:>5} "
        f"{m['accuracy']:>16.3f} {m['none_precision']:>6.3f} {m['none_recall']:>6.3f} {m['missed']:>6}"
        for m in figures
    ]
    return "\n".join([head, *rows, f"commit {commit()}"])


def log_line(figures: list[dict], note: str) -> str:
    """One row of coded/check-log.md for this measurement."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    per = {m["lang"]: m for m in figures}

    def cell(lang: str) -> str:
        m = per.get(lang)
        if m is None:
            return ""
        return f"acc {m['accuracy']:.3f}, none-P {m['none_precision']:.3f}, none-R {m['none_recall']:.3f}"

    pairs = "; ".join(f"{m['lang']} {m['pairs']} pairs, {m['missed']} missed" for m in figures)
    return f"| {when} | {commit()} | referents | | | | | {cell('nl')} | {cell('en')} | {pairs}. {note} |"


def in_half(row_id: str, half: str) -> bool:
    """Whether a coded row belongs to half ``a`` (even number in its id) or ``b`` (odd) of a split."""
    digits = "".join(c for c in row_id if c.isdigit())
    return (int(digits or 0) % 2 == 0) == (half == "a")


SPEED_CORPORA = {
    "nl": "corpora/nl-regelgeving/nl-regelgeving.jsonl",
    "en": "corpora/en-glassdoor-2025/en-glassdoor-2025.jsonl",
}


class _Recorder:
    """Stands in for the engine's referent index for one pass: keeps every call to replay it."""

    def __init__(self, index: ReferentIndex) -> None:
        self.index = index
        self.calls: list[tuple] = []

    def attribute(self, hits: list, doc: object, bounds: object, *args: object, **kwargs: object) -> None:
        # the scan renumbers its hits' sentences afterwards and reuses its sentence bounds for the
        # next doc: a replay needs copies of both as they are now
        spans = {h.sent: bounds(h.sent) for h in hits}  # type: ignore[operator]
        kept = [replace(h) for h in hits]
        self.calls.append(((kept, doc, spans.__getitem__, *args), kwargs))
        self.index.attribute(hits, doc, bounds, *args, **kwargs)


def _cpu(fn: object) -> float:
    t0 = time.process_time()
    fn()  # type: ignore[operator]
    return time.process_time() - t0


def speed(shared: Path, words: int = 150_000, rounds: int = 7) -> None:
    """Print the CPU cost of referent attribution against the scan without it, per language.

    Two figures: the scan with the shipped taxonomy against the scan with an
    empty one (the difference of two timings, noisy on a busy machine), and
    attribution alone, timed directly by replaying the calls the scan makes
    (warm: the index's per-word caches filled; cold: a fresh index, as for
    words never seen).
    """
    for lang, rel in SPEED_CORPORA.items():
        texts, n = [], 0
        with (shared / rel).open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                texts.append(text)
                n += len(text.split())
                if n >= words:
                    break
        nlp, engine = scoring_engine(lang)
        docs = [nlp.make_doc(t) for t in texts]
        shipped = engine.referents
        empty = ReferentIndex(Taxonomy(lang), nlp.vocab.strings)
        recorder = _Recorder(shipped)

        def scan(docs: list = docs, engine: object = engine) -> None:
            for doc in docs:
                engine.scan(doc)  # type: ignore[attr-defined]

        engine.referents = recorder
        scan()
        engine.referents = shipped

        def replay(index: ReferentIndex = shipped, calls: list = recorder.calls) -> None:
            for args, kwargs in calls:
                index.attribute(*args, **kwargs)

        def cold(tax: Taxonomy = shipped.taxonomy, strings: object = nlp.vocab.strings) -> None:
            replay(ReferentIndex(tax, strings))

        best = {"without": 1e9, "with": 1e9, "warm": 1e9, "cold": 1e9}
        for _ in range(rounds):  # alternating, so a slow spell of the machine hits all alike
            for name, index in (("without", empty), ("with", shipped)):
                engine.referents = index
                best[name] = min(best[name], _cpu(scan))
            best["warm"] = min(best["warm"], _cpu(replay))
            best["cold"] = min(best["cold"], _cpu(cold))
        engine.referents = shipped
        base = best["without"]
        print(
            f"{lang}: {n:,} words, scan without referents {n / base:,.0f} w/s, "
            f"with {n / best['with']:,.0f} w/s ({best['with'] / base - 1:+.1%}); "
            f"attribution alone {best['warm'] / base:+.1%} of the scan "
            f"(cold caches {best['cold'] / base:+.1%}); CPU time, best of {rounds}"
        )


def main() -> None:
    """Print the attribution figures of the train split, or of the check split with ``--check``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true", help="measure the frozen check split once and log it")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong attributions (train only)")
    ap.add_argument("--note", default="", help="a note for the check-log line")
    ap.add_argument("--speed", action="store_true", help="time the scan with and without attribution")
    ap.add_argument(
        "--half",
        choices=("a", "b"),
        help="train only: half a (even ids, where errors are read) or b (odd ids, held back to check tuning)",
    )
    ap.add_argument("--round", type=int, help="train only: one sampling round alone (1, 2, ...)")
    ap.add_argument("--since", type=int, help="train only: sampling rounds from this one on (6: least read)")
    ap.add_argument("--docs", action="store_true", help="rewrite this split's table in docs/benchmarks.md")
    ap.add_argument(
        "--names",
        action="store_true",
        help="name each document's own party (a review's company, a policy's site), as score_texts(names=)",
    )
    ap.add_argument(
        "--both", action="store_true", help="measure without and with --names (--check and --docs always do)"
    )
    args = ap.parse_args()
    if args.docs and (args.half or args.round or args.since) and not args.check:
        sys.exit("--docs takes the whole split: leave out --half, --round and --since")
    if args.speed:
        speed(args.shared)
        return
    split = "check" if args.check else "train"
    refs = [r for r in load_refs(ROOT / "coded" / "coded.jsonl") if r["split"] == split]
    if args.half and not args.check:
        refs = [r for r in refs if in_half(r["id"], args.half)]
    if args.round and not args.check:
        refs = [r for r in refs if r.get("round", 1) == args.round]
        if not refs:
            sys.exit(f"no train sentence of round {args.round} in coded/coded.jsonl")
    if args.since and not args.check:
        refs = [r for r in refs if r.get("round", 1) >= args.since]
    rows = materialise(refs, args.shared)
    half = f", half {args.half}" if args.half and not args.check else ""
    half += f", round {args.round}" if args.round and not args.check else ""
    half += f", rounds {args.since} and later" if args.since and not args.check else ""
    modes = (False, True) if args.both or args.check or args.docs else (args.names,)
    figures = []
    for named in modes:
        print(f"referent attribution, {split} split{half}{NAMED[named]} ({TARGETS})")
        for lang in ("nl", "en"):
            own = [r for r in rows if r["lang"] == lang]
            names = corpus_names(own, args.shared) if named else None
            figures.append({**measure(own, lang, 0 if args.check else args.errors, names), "names": named})
            print(report(figures[-1]))
    # the table names the commit before the log line below makes the tree dirty
    table = docs_table(figures, split) if args.docs else ""
    if args.check:
        lines = [log_line([f for f in figures if f["names"] == n], args.note + NAMED[n]) for n in modes]
        with LOG.open("a", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
        print(f"logged to {LOG.relative_to(ROOT)}:\n" + "\n".join(lines))
    if args.docs and args.check:
        write_block("referents_check", table)
    elif args.docs:
        write_block("referents_train", table)


if __name__ == "__main__":
    main()
