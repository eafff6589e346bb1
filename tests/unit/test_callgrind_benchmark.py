"""benchmarks/callgrind.py: the totals it reads from a callgrind file, its cycle estimate, its texts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _callgrind():
    spec = importlib.util.spec_from_file_location("callgrind_benchmark", ROOT / "benchmarks" / "callgrind.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_totals_are_read_from_the_totals_line_not_the_summary_before_it(tmp_path):
    cg = _callgrind()
    out = tmp_path / "callgrind.out"
    # as callgrind writes it with instrumentation switched on late: a summary of nothing, then the totals
    out.write_text(
        "version: 1\npart: 1\nevents: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\nsummary: 0\n"
        "fn=(1) main\n5 100\ntotals: 1000 300 200 40 20 10 3 2 1\n"
    )
    t = cg.totals(out)
    assert t["Ir"] == 1000
    assert t["DLmw"] == 1
    # 1000 instructions, 70 first-level misses at 10, 6 last-level misses at 100
    assert cg.cycle_estimate(t) == 1000 + 700 + 600


def test_totals_without_cache_simulation_count_instructions_only(tmp_path):
    cg = _callgrind()
    out = tmp_path / "callgrind.out"
    out.write_text("events: Ir\nsummary: 0\ntotals: 1234\n")
    t = cg.totals(out)
    assert t == {"Ir": 1234}
    assert cg.cycle_estimate(t) == 1234


def test_texts_leave_out_the_excluded_ids_and_keep_fifty_for_warming_up(tmp_path):
    cg = _callgrind()
    corpus = tmp_path / "c.jsonl"
    docs = [{"id": f"d{i}", "text": f"w{i} two three four"} for i in range(80)]
    corpus.write_text("\n".join(json.dumps(d) for d in docs))
    texts, warm = cg.load_texts(corpus, 10, {"d0", "d1"})
    assert [t.split()[0] for t in texts] == ["w2", "w3", "w4"]  # 12 words reach 10
    assert len(warm) == 50
    assert warm[0].startswith("w5 ")
