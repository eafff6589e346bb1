"""Train the model shipped with trustlex (``model="default"``) on the coded corpus's train split and dev.

The check split is never used. Run whenever the shipped lexicons change (a
test fails when the model's recorded lexicon versions differ from the
installed lexicons')::

    python coded/train_model.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from materialise import load_refs, materialise  # noqa: E402

from trustlex.models import TrustClassifier  # noqa: E402

OUT = HERE.parent / "trustlex" / "data" / "model.json"


def training_rows(shared: Path) -> list[dict]:
    """The train split of the coded corpus, then dev.jsonl: every sentence with its gold labels."""
    rows = materialise([r for r in load_refs(HERE / "coded.jsonl") if r["split"] == "train"], shared)
    dev = shared / "gold" / "dev.jsonl"
    rows += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def main() -> None:
    """Fit the default model and write it into the package."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = training_rows(args.shared)
    model = TrustClassifier(lang="auto").fit([r["text"] for r in rows], [r["labels"] for r in rows])
    tmp = Path(model.save(args.out.parent / "model-tmp"))
    tmp.replace(args.out)
    tmp.parent.rmdir()
    print(f"trained on {len(rows)} sentences; {model.word_.size} word features -> {args.out}")


if __name__ == "__main__":
    main()
