"""The benchmark scripts' own output, run on small hand-written sets (the coded corpus is not needed)."""

from __future__ import annotations

import cProfile
import importlib.util
import json
import pstats
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from trustlex.evaluate import GoldItem
from trustlex.models import TrustClassifier, lexicon_labels

ROOT = Path(__file__).resolve().parents[2]
# written for this test: trust is coded "-" only, so every model trained on it warns of one valence
TRAIN = [
    ("I do not trust HR.", {"trust": "-"}),
    ("Nobody trusts the board.", {"trust": "-"}),
    ("Management keeps us in the dark.", {"communication": "-"}),
    ("Leadership shares updates every week.", {"communication": "+"}),
    ("The canteen is fine.", {}),
    ("Parking is easy.", {}),
] * 2
HELD = [("There is no trust here.", {"trust": "-"}), ("The coffee is good.", {})]


def _benchmark(script: str):
    """The module of benchmarks/<script>.py, loaded by path (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"{script}_benchmark", ROOT / "benchmarks" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(pairs: list[tuple[str, dict]]) -> list[GoldItem]:
    return [GoldItem(str(i), text, "en", labels, doc=str(i)) for i, (text, labels) in enumerate(pairs)]


def test_the_learning_curve_prints_its_lines_without_one_valence_warnings(capsys):
    classify = _benchmark("classify")
    held = _items(HELD)
    lexicon = lexicon_labels([i.text for i in held], "en")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        classify.learning_curve(_items(TRAIN), held, lexicon, sizes=(8,))  # two models: 8 and all 12
    assert [str(w.message) for w in caught if "one valence only" in str(w.message)] == []
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0].strip() for line in lines if "sentences: model alone" in line] == [
        "8 training sentences",
        "12 training sentences",
    ]


def test_the_misses_benchmark_counts_a_candidate_real_only_where_the_coders_gave_what_the_lexicon_missed(
    tmp_path,
):
    misses = _benchmark("misses")
    own = tmp_path / "own.toml"  # knows the word "communication", not being kept in the dark
    own.write_text(
        '[lexicon]\nname = "own-en"\nlanguage = "en"\nversion = "1.0.0"\n\n'
        '[[entry]]\nconcept = "communication"\nvalence = "0"\nlemma = "communication"\n',
        encoding="utf-8",
    )
    learn = [{"text": t, "labels": lab} for t, lab in TRAIN * 2]
    read = [
        {"text": "They kept us in the dark again.", "labels": {"communication": "-"}},  # a miss
        {"text": "Communication is good here.", "labels": {"communication": "+"}},  # the lexicon's own
        {"text": "The canteen is open.", "labels": {}},
    ]
    out = misses.tally(learn, read, "en", [str(own)])
    assert (out["sentences"], out["missed"], out["untagged"], out["untagged_with_miss"]) == (3, 1, 2, 1)
    pairs, real = out["pairs"][0.5]
    assert real == 1  # the dark sentence's communication, whatever else the model flags
    assert pairs >= real
    # thresholds nest: a higher bar never yields more candidates
    assert [out["pairs"][t][0] for t in misses.THRESHOLDS] == sorted(
        (out["pairs"][t][0] for t in misses.THRESHOLDS), reverse=True
    )


def test_the_embeddings_benchmark_skips_with_a_message_without_its_encoder():
    module = _benchmark("embeddings")
    if not module.missing():
        pytest.skip("sentence-transformers and the bundled MiniLM are installed here")
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "embeddings.py"),
            "--shared",
            str(ROOT / "no-such-folder"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("skipped: ")
    assert "not installed" in run.stdout


def test_the_embeddings_benchmarks_baseline_is_the_shipped_classifier():
    # embed=None never loads the encoder: variant b must be TrustClassifier itself, on the same scan
    module = _benchmark("embeddings")
    texts, labels = [t for t, _ in TRAIN], [lab for _, lab in TRAIN]
    held = [t for t, _ in HELD]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".* has one valence only ", category=UserWarning)
        ours = module.EmbeddedClassifier(lang="en", embed=None).fit(texts, labels)
        shipped = TrustClassifier(lang="en").fit(texts, labels)
    pred, proba = ours.predict_with_proba(held)
    want, want_proba = shipped.predict_with_proba(held)
    assert pred.equals(want)
    assert np.allclose(proba.to_numpy(), want_proba.to_numpy())


def _two_on_one_line(a: range, b: range) -> tuple[int, int]:
    return sum(x for x in a), sum(y for y in b)  # two generator expressions: one pstats label


def test_the_speed_benchmark_counts_both_functions_that_share_a_label():
    # pstats keys its table by (file, line, name) and keeps one of the two generator expressions
    speed = _benchmark("speed")
    profile = cProfile.Profile()
    profile.enable()
    _two_on_one_line(range(3), range(50))
    profile.disable()
    by_label = sum(row[1] for row in pstats.Stats(profile).stats.values())
    assert speed.profiled_calls(profile) - by_label in (3 + 1, 50 + 1)  # the dropped one's resumptions


def test_the_speed_benchmarks_call_counts_say_whether_the_seeds_agree():
    speed = _benchmark("speed")
    this = [{"first_calls": 1000, "repeated_calls": 800, "rows": 5}] * 2
    old = [{"first_calls": 750, "repeated_calls": 600, "rows": 4}] * 2
    lines = speed.calls_lines("en", this, old)
    assert [line.split()[:5] for line in lines] == [
        ["en", "first", "1,000", "750", "0.750"],
        ["en", "repeated", "800", "600", "0.750"],
    ]
    assert all("the same under PYTHONHASHSEED 0 and 1" in line and "no noise" not in line for line in lines)
    moved = [old[0], {"first_calls": 780, "repeated_calls": 600, "rows": 4}]
    first = speed.calls_lines("en", this, moved)[0]
    assert "0.750 [0.750, 0.780]" in first
    assert "NOT the same under PYTHONHASHSEED 0 and 1: this 1,000-1,000, old 750-780" in first


def test_the_speed_benchmarks_call_counting_child_counts_alike_under_two_hash_seeds(tmp_path):
    # the real child on a few sentences, as speed.py --old runs it for each checkout
    speed = _benchmark("speed")
    corpus = tmp_path / "corpus.jsonl"
    texts = [text for text, _ in TRAIN + HELD]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    runs = [speed._child("calls", "en", corpus, 20, 1, ROOT, seed) for seed in speed.CALL_SEEDS]
    assert len(runs) == 2
    assert runs[0]["first_calls"] >= runs[0]["repeated_calls"] > 0
    assert runs[0]["rows"] > 0
    assert [{k: r[k] for k in ("first_calls", "repeated_calls", "rows")} for r in runs[1:]] == [
        {k: runs[0][k] for k in ("first_calls", "repeated_calls", "rows")}
    ]


def test_the_speed_benchmarks_cpu_ratio_is_the_median_of_its_rounds_with_their_range():
    speed = _benchmark("speed")
    tokenizer = [{"first_cpu": 1.0}, {"first_cpu": 2.0}, {"first_cpu": 1.0}]
    trustlex = [{"first_cpu": 4.0}, {"first_cpu": 4.0}, {"first_cpu": 2.0}]  # rounds: 0.25, 0.5, 0.5
    assert speed.cpu_pairs(tokenizer, trustlex, "first_cpu") == "0.50 [0.25, 0.50]"
    with pytest.raises(ValueError, match="zip"):  # the rounds pair up, or nothing is printed
        speed.cpu_pairs(tokenizer, trustlex[:2], "first_cpu")


# the rules give micromanagement (control) to the manager by nearest; the HR team after it is the other party
RANKED = "My manager is great, there is a lot of micromanagement and the HR team is honest."


def _control_row(frame):
    rows = frame[frame["concept"] == "control"]
    assert len(rows) == 1
    row = rows.iloc[0]
    return row["referent"], row["referent_text"], row["referent_how"]


def test_the_referent_ranker_experiment_records_the_fallbacks_candidates_and_rechooses_by_its_weights():
    from trustlex import score_texts
    from trustlex.matching.referent_index import ReferentIndex

    module = _benchmark("referent_rank")
    original = ReferentIndex.attribute
    before = score_texts([RANKED], lang="en")
    assert _control_row(before) == ("direct_manager", "My manager", "nearest")
    ranker = module.Ranker()
    ranker.install()
    try:
        ranker.unit_of = {RANKED: 0}
        recorded = score_texts([RANKED], lang="en")  # recording changes nothing
        assert recorded.equals(before)
        (group,) = [g for g in ranker.groups if g["concept"] == "control"]
        assert [(r, f["rule"]) for r, f in group["cands"]] == [
            ("direct_manager", 1.0),
            ("hr", 0.0),
            ("none", 0.0),
        ]
        assert group["cands"][1][1]["after"] == 1.0
        assert group["cands"][0][1]["commas"] == 1.0
        ranker.weights = {"after": 2.0}  # a party after the hit first: the HR team, still by nearest
        assert _control_row(score_texts([RANKED], lang="en")) == ("hr", "HR team", "nearest")
        ranker.weights = {"none": 2.0}
        assert _control_row(score_texts([RANKED], lang="en"))[::2] == ("none", "none")
        ranker.weights = {"rule": 2.0, "r:own_party": 5.0}  # an id the shipped taxonomy lacks weighs nothing
        assert _control_row(score_texts([RANKED], lang="en")) == ("direct_manager", "My manager", "nearest")
    finally:
        ranker.uninstall()
    assert ReferentIndex.attribute is original
    assert score_texts([RANKED], lang="en").equals(before)


def test_the_bootstrap_benchmark_passes_frames_between_processes_as_parquet_not_pickle(tmp_path):
    bootstrap = _benchmark("bootstrap")
    frame, _source = bootstrap.build_frame(tmp_path / "no-corpora", 60)  # the samples, replicated
    frame_path = tmp_path / "frame.parquet"
    bootstrap.write_frame(frame, frame_path)
    import pandas as pd

    back = pd.read_parquet(frame_path)
    assert back.dtypes.to_dict() == frame.dtypes.to_dict()  # Categorical and nullable columns kept
    result_path = tmp_path / "result.parquet"
    got = bootstrap.run_child(ROOT, frame_path, "compare by company", 40, result_path)
    assert got["seconds"] >= 0
    assert got["peak"] > 0
    result = pd.read_parquet(result_path)
    assert len(result) > 0
    assert result["group"].nunique() > 1
    assert bootstrap.difference(result_path, result_path) == "identical"
    assert "pickle" not in (ROOT / "benchmarks" / "bootstrap.py").read_text().replace("no\npickle", "")
    assert list(tmp_path.glob("*.pkl")) == []
