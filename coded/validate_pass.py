"""Check a coder's output file against its batch: every id once, in order, valid labels.

Usage: python3 /work/coding/validate.py pass_a/nl1     (reads batches/nl1.jsonl, pass_a/nl1.jsonl)
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONCEPTS = {"trust", "control", "risk", "responsibility", "communication", "discipline", "courage",
            "norms", "ability", "benevolence", "integrity", "vulnerability"}
VALENCES = {"+", "-", "0"}
REFERENTS = {"direct_manager", "leadership", "colleagues", "hr", "organisation", "government",
             "customers", "employees", "none"}

target = sys.argv[1]
pass_dir, batch = target.split("/")
batch_name = batch[:-1] if batch.endswith("b") else batch
ids = [json.loads(x)["id"] for x in (HERE / "batches" / f"{batch_name}.jsonl").read_text().splitlines()]
out_path = HERE / pass_dir / f"{batch_name}.jsonl"
problems = []
seen = {}
text = out_path.read_text() if out_path.exists() else ""
for n, line in enumerate(text.splitlines(), 1):
    if not line.strip():
        continue
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        problems.append(f"line {n}: not JSON ({exc})")
        continue
    i = row.get("id")
    if i not in ids:
        problems.append(f"line {n}: unknown id {i!r}")
    if i in seen:
        problems.append(f"line {n}: id {i} already on line {seen[i]}")
    seen[i] = n
    labels = row.get("labels")
    refs = row.get("referents", {})
    if not isinstance(labels, dict):
        problems.append(f"line {n} ({i}): labels must be an object")
        continue
    for c, v in labels.items():
        if c not in CONCEPTS:
            problems.append(f"line {n} ({i}): unknown concept {c!r}")
        if v not in VALENCES:
            problems.append(f"line {n} ({i}): valence of {c} must be '+', '-' or '0', not {v!r}")
    if not isinstance(refs, dict) or set(refs) != set(labels):
        problems.append(f"line {n} ({i}): referents must name exactly the labelled concepts")
    else:
        for c, r in refs.items():
            if r not in REFERENTS:
                problems.append(f"line {n} ({i}): unknown referent {r!r} for {c}")
missing = [i for i in ids if i not in seen]
if missing:
    problems.append(f"{len(missing)} ids not coded yet, first: {missing[:5]}")
for p in problems[:40]:
    print(p)
print(f"{len(seen)} of {len(ids)} sentences coded; {len(problems)} problems")
sys.exit(1 if problems else 0)
