"""A group's bootstrap interval depends on its rows and the seed: not on row order, other groups, dtype."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

import trustlex
from trustlex.batch.results import read_results

TEXTS = [
    "Management lies to us and nobody trusts the board.",
    "I trust my manager, she is honest.",
    "The company does not keep its promises.",
    "My colleagues are reliable and helpful.",
    "The organisation is transparent about its plans.",
    "Leadership never listens.",
    "Management is incompetent.",
]
TEAMS = ["a", "b", "c", "a", "b", "c", "a"]


def _docs() -> pd.DataFrame:
    docs = trustlex.score_texts(TEXTS * 3, lang="en", level="doc")
    return docs.assign(team=TEAMS * 3)


def test_climate_and_compare_intervals_do_not_depend_on_row_order_or_other_groups():
    docs = _docs()
    shuffled = docs.sample(frac=1, random_state=7)
    some = docs[docs["team"] != "b"]
    climate = trustlex.climate(docs, by="team", n_boot=200)
    assert climate.equals(trustlex.climate(shuffled, by="team", n_boot=200))
    pd.testing.assert_frame_equal(
        trustlex.climate(some, by="team", n_boot=200), climate[climate["group"] != "b"].reset_index(drop=True)
    )
    compare = trustlex.compare(docs, by="team", concepts=("trust", "integrity"), n_boot=200)
    assert compare.equals(trustlex.compare(shuffled, by="team", concepts=("trust", "integrity"), n_boot=200))
    alone = trustlex.compare(some, by="team", concepts=("trust", "integrity"), n_boot=200)
    pd.testing.assert_frame_equal(alone, compare[compare["group"] != "b"].reset_index(drop=True))


def test_referent_intervals_of_the_report_are_those_of_climate_on_the_results_file(tmp_path):
    table = tmp_path / "survey.csv"
    pd.DataFrame({"text": TEXTS * 3}).to_csv(table, index=False)
    trustlex.score_folder(table, tmp_path / "rows.csv", level="sentence", lang="en", progress=False)
    rows = read_results(tmp_path / "rows.csv")  # referent: the taxonomy's Categorical order
    climate = trustlex.climate(rows, by="referent").set_index("group")
    assert climate["index_high"].gt(climate["index_low"]).any()  # intervals that say something
    shuffled = trustlex.climate(rows.sample(frac=1, random_state=3), by="referent").set_index("group")
    pd.testing.assert_frame_equal(shuffled, climate)
    alone = rows[rows["referent"].astype(str) == "organisation"]
    assert trustlex.climate(alone, by="referent")["index_low"].tolist() == [
        climate.loc["organisation", "index_low"]
    ]
    html = trustlex.html_report(rows, tmp_path / "report.html").read_text(encoding="utf-8")
    for name, row in climate.iterrows():
        found = re.search(rf">{name}<.*?([+-]\d\.\d\d) \(([+-]\d\.\d\d) to ([+-]\d\.\d\d)\)", html, re.S)
        assert found is not None, name
        shown = [float(v) for v in found.groups()]
        assert np.allclose(shown, row[["index", "index_low", "index_high"]].astype(float).round(2)), name
    # referent compare: per parent group, the same whatever the row order
    compare = trustlex.compare(rows, by="referent", concepts=("trust",), n_boot=200)
    again = trustlex.compare(
        rows.sample(frac=1, random_state=5), by="referent", concepts=("trust",), n_boot=200
    )
    pd.testing.assert_frame_equal(again, compare)
