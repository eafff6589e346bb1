"""The benchmark scripts' own output, run on small hand-written sets (the coded corpus is not needed)."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

from trustlex.evaluate import GoldItem
from trustlex.models import lexicon_labels

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


def _items(pairs: list[tuple[str, dict]]) -> list[GoldItem]:
    return [GoldItem(str(i), text, "en", labels, doc=str(i)) for i, (text, labels) in enumerate(pairs)]


def test_the_learning_curve_prints_its_lines_without_one_valence_warnings(capsys):
    spec = importlib.util.spec_from_file_location("classify_benchmark", ROOT / "benchmarks" / "classify.py")
    classify = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(classify)
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
