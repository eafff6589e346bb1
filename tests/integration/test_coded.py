"""The coded corpus: references that resolve, a split that keeps documents apart, gold from the passes.

The text lives in the shared corpora, not in the repository; the tests that
need it skip without them (``TRUSTLEX_SHARED`` or ``../shared`` next to the
checkout).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODED = ROOT / "coded"
sys.path.insert(0, str(CODED))

from combine import combine, read_pass  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402
from sample import in_check  # noqa: E402

SHARED = Path(os.environ.get("TRUSTLEX_SHARED", ROOT.parent / "shared"))
needs_shared = pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="needs the shared corpora")


@pytest.fixture(scope="module")
def refs():
    return load_refs(CODED / "coded.jsonl")


def test_every_sentence_is_coded_by_two_passes_and_voted(refs):
    a, b, c = read_pass("a"), read_pass("b"), read_pass("c")
    sample = load_refs(CODED / "sentences.jsonl")
    assert {r["id"] for r in refs} == {r["id"] for r in sample} == set(a) == set(b)
    differing = {i for i in a if a[i]["labels"] != b[i]["labels"] or a[i]["referents"] != b[i]["referents"]}
    assert set(c) == differing  # the third coder saw exactly the sentences the two passes differ on
    rows, waiting = combine(sample, a, b, c)
    assert waiting == []
    assert [(r["id"], r["labels"], r["referents"]) for r in rows] == [
        (r["id"], r["labels"], r["referents"]) for r in refs
    ]


def test_the_split_keeps_documents_apart_and_holds_a_quarter(refs):
    split_of: dict[tuple[str, str], set[str]] = {}
    for r in refs:
        split_of.setdefault((r["corpus"], r["doc"]), set()).add(r["split"])
    assert all(len(s) == 1 for s in split_of.values())
    per_doc = Counter((r["corpus"], r["doc"]) for r in refs if r["corpus"] != "seed")
    assert max(per_doc.values()) <= 2
    for lang in ("nl", "en"):
        assert sum(r["lang"] == lang for r in refs) >= 1_400
    # the check split was frozen at a quarter of the sample as drawn (round 1); later rounds add train only
    first = [r for r in refs if r.get("round", 1) == 1]
    for corpus in {r["corpus"] for r in first} - {"seed"}:
        docs = {(r["corpus"], r["doc"]) for r in first if r["corpus"] == corpus}
        share = sum("check" in split_of[k] for k in docs) / len(docs)
        assert 0.15 < share < 0.35, (corpus, share)
    assert len(first) >= 3_000
    assert sum(r["split"] == "check" for r in first) >= 0.2 * len(first)


@needs_shared
def test_references_resolve_to_the_coded_text_and_miss_dev(refs):
    rows = materialise(refs, SHARED)  # raises on any sha1 that differs
    assert all(r["text"].strip() == r["text"] and len(r["text"].split()) >= 3 for r in rows)
    lines = (SHARED / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    dev = [json.loads(line) for line in lines]
    dev_docs = {d["doc"].rsplit("-", 1)[0] if d["doc"].startswith("opp115") else d["doc"] for d in dev}
    assert not {r["doc"] for r in refs if r["corpus"] != "seed"} & dev_docs
    dev_seed = {" ".join(d["text"].split()) for d in dev if d["corpus"] == "seed"}
    assert not {" ".join(r["text"].split()) for r in rows if r["corpus"] == "seed"} & dev_seed


def test_later_rounds_add_train_documents_only(refs):
    # rounds 2 to 4 were drawn after the check split was frozen: never a check document, round 2
    # only documents round 1 had not sampled, no document over two sentences, no sentence twice
    first = [r for r in refs if r.get("round", 1) == 1]
    later = [r for r in refs if r.get("round", 1) > 1]
    second = [r for r in later if r["round"] == 2]
    assert second
    assert all(r["split"] == "train" and not in_check(r["corpus"], r["doc"]) for r in later)
    assert not {(r["corpus"], r["doc"]) for r in first} & {(r["corpus"], r["doc"]) for r in second}
    per_doc = Counter(
        (r["corpus"], r["doc"]) for r in refs if r["corpus"] not in ("seed", "en-opp115-privacy")
    )
    assert max(per_doc.values()) <= 2
    assert len({(r["corpus"], r["doc"], r["start"], r["end"]) for r in refs}) == len(refs)
    assert [int(r["id"][1:]) for r in refs] == list(range(len(refs)))
    assert [r.get("round", 1) for r in refs] == sorted(r.get("round", 1) for r in refs)
