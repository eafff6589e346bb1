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


def test_the_speed_benchmark_splits_out_the_cost_of_referent_attribution(tmp_path):
    spec = importlib.util.spec_from_file_location("speed_benchmark", ROOT / "benchmarks" / "speed.py")
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)
    # written for this test: texts whose hits name parties, so attribution has work to do
    texts = {
        "nl": "Het vertrouwen in de directie is laag. De gemeente informeert de burgers niet.",
        "en": "I do not trust management. My manager never listens to the team.",
    }
    for lang, rel in speed.CORPORA.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True)
        path.write_text("".join(f'{{"text": "{texts[lang]}"}}\n' for _ in range(30)), encoding="utf-8")
    lines = speed.attribution_lines(tmp_path, words=200)
    assert lines[0].startswith("referent attribution")
    rows = [line.split() for line in lines[1:]]
    assert [row[0] for row in rows] == list(speed.CORPORA)
    for row in rows:
        n = len(texts[row[0]].split())  # whole texts are read until 200 words are reached
        assert row[1:4] == [speed.CORPORA[row[0]].split("/")[0], str(-(-200 // n) * n), "words"]
        assert all(float(x) > 0 for x in row[4:7])  # CPU seconds measured, not compared: no timing test
        assert row[7].endswith("%")
