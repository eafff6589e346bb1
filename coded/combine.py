"""Combine the coders' passes into the coded corpus and write its agreement tables.

Two coders label every sentence independently (passes ``a`` and ``b``); a
third (pass ``c``) codes, just as blind, only the sentences where the first two
differ. A concept is gold where at least two of the passes that coded the
sentence give it (so where ``a`` and ``b`` agree, their labels stand); its
valence is the majority among those passes, and on a tie the third coder's.
Referents follow the same vote.

Writes ``coded/coded.jsonl`` (references, split, labels, referents) and
``coded/agreement.md`` (agreement per concept and language, counts per corpus
and concept), so every figure in the datasheet comes from this script::

    python coded/combine.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONCEPTS = (
    "trust control risk responsibility communication discipline courage norms ability benevolence "
    "integrity vulnerability"
).split()


def read_jsonl(path: Path) -> list[dict]:
    """Read JSON lines, naming the file and line of a bad one."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: {exc}")
    return rows


def read_pass(name: str) -> dict[str, dict]:
    """One pass as ``{id: {"labels": ..., "referents": ...}}``."""
    path = HERE / "passes" / f"{name}.jsonl"
    return {r["id"]: r for r in read_jsonl(path)} if path.exists() else {}


def differ(a: dict, b: dict) -> bool:
    """Whether two codings of a sentence differ in concepts, valences or referents."""
    return a["labels"] != b["labels"] or a.get("referents", {}) != b.get("referents", {})


def vote(codings: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Majority labels and referents of two or three codings; ties go to the last (the adjudicator)."""
    labels: dict[str, str] = {}
    referents: dict[str, str] = {}
    for concept in CONCEPTS:
        given = [c for c in codings if concept in c["labels"]]
        if len(given) < 2:
            continue
        labels[concept] = _majority([c["labels"][concept] for c in given])
        refs = [c.get("referents", {}).get(concept, "none") for c in given]
        referents[concept] = _majority(refs)
    return labels, referents


def _majority(values: list[str]) -> str:
    counts = Counter(values)
    top = max(counts.values())
    tied = [v for v in values if counts[v] == top]
    return tied[-1]  # the last coder among the tied values: the adjudicator where there is one


def combine(refs: list[dict], a: dict, b: dict, c: dict) -> tuple[list[dict], list[str]]:
    """Gold rows for every sentence both passes coded, and the ids still waiting for a third coder."""
    out, waiting = [], []
    for ref in refs:
        i = ref["id"]
        if i not in a or i not in b:
            continue
        codings = [a[i], b[i]]
        if differ(a[i], b[i]):
            if i not in c:
                waiting.append(i)
                continue
            codings.append(c[i])
        labels, referents = vote(codings)
        out.append({**ref, "labels": labels, "referents": referents})
    return out, waiting


def kappa(x: list[bool], y: list[bool]) -> float:
    """Cohen's kappa of two binary codings (nan when chance agreement is total)."""
    n = len(x)
    if not n:
        return float("nan")
    po = sum(p == q for p, q in zip(x, y, strict=True)) / n
    px, py = sum(x) / n, sum(y) / n
    pe = px * py + (1 - px) * (1 - py)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def agreement(ids: list[str], a: dict, b: dict) -> dict[str, dict]:
    """Per concept and overall: kappa of presence, pairwise F1, valence and referent agreement."""
    rows: dict[str, dict] = {}
    for concept in [*CONCEPTS, "all"]:
        concepts = CONCEPTS if concept == "all" else [concept]
        both = only_a = only_b = same_val = same_ref = 0
        xa, xb = [], []
        for i in ids:
            for k in concepts:
                ga, gb = k in a[i]["labels"], k in b[i]["labels"]
                xa.append(ga)
                xb.append(gb)
                if ga and gb:
                    both += 1
                    same_val += a[i]["labels"][k] == b[i]["labels"][k]
                    same_ref += a[i].get("referents", {}).get(k) == b[i].get("referents", {}).get(k)
                only_a += ga and not gb
                only_b += gb and not ga
        f1 = 2 * both / (2 * both + only_a + only_b) if both + only_a + only_b else float("nan")
        rows[concept] = {
            "a": both + only_a,
            "b": both + only_b,
            "both": both,
            "kappa": kappa(xa, xb),
            "f1": f1,
            "valence": same_val / both if both else float("nan"),
            "referent": same_ref / both if both else float("nan"),
        }
    return rows


def _fmt(x: float) -> str:
    return "n/a" if x != x else f"{x:.2f}"


def agreement_table(ids_by_lang: dict[str, list[str]], a: dict, b: dict) -> list[str]:
    """Markdown: one row per concept, kappa / F1 / valence per language and overall."""
    stats = {lang: agreement(ids, a, b) for lang, ids in ids_by_lang.items()}
    langs = list(ids_by_lang)
    cols = " | ".join(f"{g}: A / B / both | κ | F1 | valence | referent" for g in langs)
    head = f"| concept | {cols} |"
    lines = [head, "|---|" + "---|---|---|---|---|" * len(langs)]
    for concept in [*CONCEPTS, "all"]:
        cells = []
        for lang in langs:
            s = stats[lang][concept]
            cells.append(
                f"{s['a']} / {s['b']} / {s['both']} | {_fmt(s['kappa'])} | {_fmt(s['f1'])} | "
                f"{_fmt(s['valence'])} | {_fmt(s['referent'])}"
            )
        name = "**micro, all concepts**" if concept == "all" else f"`{concept}`"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def count_table(rows: list[dict]) -> list[str]:
    """Markdown: sentences and concept labels per corpus and split."""
    lines = [
        "| corpus | lang | train | check | with a concept | "
        + " | ".join(f"`{c[:5]}`" for c in CONCEPTS)
        + " |",
        "|---|---|---|---|---|" + "---|" * len(CONCEPTS),
    ]
    corpora = sorted({(r["lang"], r["corpus"]) for r in rows})
    for lang, corpus in [*corpora, ("all", "all")]:
        sub = [r for r in rows if corpus == "all" or r["corpus"] == corpus]
        split = Counter(r["split"] for r in sub)
        concepts = Counter(k for r in sub for k in r["labels"])
        lines.append(
            f"| {corpus} | {lang} | {split['train']} | {split['check']} | "
            f"{sum(1 for r in sub if r['labels'])} | " + " | ".join(str(concepts[c]) for c in CONCEPTS) + " |"
        )
    return lines


def _later_rounds(refs: list[dict], both: list[str], lang_of: dict[str, str], a: dict, b: dict) -> list[str]:
    """Markdown: the agreement table of each later round's sentences alone (drawn and coded later)."""
    lines: list[str] = []
    for n in sorted({r["round"] for r in refs if r.get("round", 1) > 1}):
        drawn = {r["id"] for r in refs if r.get("round") == n}
        ids = [i for i in both if i in drawn]
        if not ids:
            continue
        by_lang = {"nl": [i for i in ids if lang_of[i] == "nl"], "en": [i for i in ids if lang_of[i] == "en"]}
        lines += [
            f"### Round {n} alone ({len(ids)} sentences, drawn and coded at a later stop)",
            "",
            *agreement_table({**by_lang, "all": ids}, a, b),
            "",
        ]
    return lines


def main() -> None:
    """Combine the passes, write coded.jsonl and agreement.md, print what still needs a third coder."""
    refs = read_jsonl(HERE / "sentences.jsonl")
    a, b, c = read_pass("a"), read_pass("b"), read_pass("c")
    rows, waiting = combine(refs, a, b, c)
    both = [r["id"] for r in refs if r["id"] in a and r["id"] in b]
    waiting_file = HERE / "waiting.txt"
    if waiting:
        waiting_file.write_text("".join(f"{i}\n" for i in waiting), encoding="utf-8")
        print(f"{len(waiting)} sentences differ between passes a and b and wait for pass c (waiting.txt)")
    else:
        waiting_file.unlink(missing_ok=True)
    keys = ["id", "lang", "corpus", "doc", "start", "end", "sha1", "stratum", "split", "labels", "referents"]
    with (HERE / "coded.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            # later rounds were drawn at later stops, from train documents only (sample.py --more N)
            extra = {"round": row["round"]} if "round" in row else {}
            f.write(json.dumps({**{k: row[k] for k in keys}, **extra}, ensure_ascii=False) + "\n")
    lang_of = {r["id"]: r["lang"] for r in refs}
    by_lang = {
        "nl": [i for i in both if lang_of[i] == "nl"],
        "en": [i for i in both if lang_of[i] == "en"],
        "all": both,
    }
    differing = sum(differ(a[i], b[i]) for i in both)
    labels_differ = sum(a[i]["labels"] != b[i]["labels"] for i in both)
    md = [
        "# Coded corpus: agreement and counts",
        "",
        "Written by `coded/combine.py` from the passes in `coded/passes/`; do not edit by hand.",
        "",
        f"Sentences coded by both passes: {len(both)}; gold rows: {len(rows)}. The passes differ on "
        f"{differing} sentences ({labels_differ} in concepts or valences, the rest in referents only); "
        f"the third coder coded {len(c)} of them blind.",
        "",
        "## Agreement between the two independent passes (A, B)",
        "",
        "Per concept: how many sentences each pass labelled, how many both did; Cohen's κ of presence "
        "over all sentences; pairwise F1 of presence; valence and referent agreement where both passes "
        "gave the concept. The micro F1 is the ceiling a tagger can be measured against.",
        "",
        *agreement_table(by_lang, a, b),
        "",
        *_later_rounds(refs, both, lang_of, a, b),
        "## Sentences and gold labels per corpus",
        "",
        *count_table(rows),
        "",
    ]
    (HERE / "agreement.md").write_text("\n".join(md), encoding="utf-8")
    print(f"{len(rows)} gold rows -> coded/coded.jsonl; agreement -> coded/agreement.md")


if __name__ == "__main__":
    main()
