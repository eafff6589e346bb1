"""Referent validity: distrust of whom, and does a leadership-specific index track the leadership rating?

Usage: python benchmarks/referent_validity.py [--corpora ../shared/corpora] [--all-reviews] [--all] [--docs]

On the Glassdoor reviews of ``en-glassdoor-2025`` (92 companies) it scores
every review with trustlex at sentence and at document level, and per company
computes, with the public API (``trustlex.compare`` and ``trustlex.climate``
by referent):

- the **leadership share of distrust**: ``-`` units about ``leadership`` over
  ``-`` units about ``leadership`` or ``colleagues``, with a 95% bootstrap
  interval over the company's reviews. Two readings of "distrust" are
  printed: **all concepts**, the ``-`` units of the ten concepts whose ``-``
  speaks against the trust climate (every concept but risk and
  vulnerability, whose ``-`` is a stated absence of risk: "job security");
  and **trust family**, the ``-`` units of trust, ability, benevolence and
  integrity only (trust and its three antecedents; sparser).
- the **leadership climate index**: ``trust_index`` per review from its
  sentences about leadership, averaged over the reviews that mention
  leadership (``climate(rows, by=["company", "referent"])``); the same
  averaged over all the company's reviews (0 for those that do not mention
  leadership), aggregated as the all-referent index is; and the colleagues
  index, as a contrast;
- the **all-referent climate index**: ``trust_index`` per review from all its
  sentences, averaged over all the company's reviews (``climate(docs,
  by="company")``, the index of ``benchmarks/validity.py``).

It prints Spearman's rho of each with the company's mean senior-leadership
rating (Glassdoor's 1-5 sub-rating; 0 means "not rated" and is left out, as in
``validity.py``), for the companies with at least 30 rated reviews, with 95%
bootstrap intervals over companies (the same resamples for every measure, so
the differences are paired). The claim under test (issue 17): the
referent-specific index tracks its matching rating better than the
all-referent index. The share of leadership distrust should correlate
negatively with the rating; its difference is taken on ``-rho``.

By default only the reviews that rate senior leadership are scored (as
``validity.py`` does); ``--all-reviews`` scores every review (the rating
is still the mean over the rated ones). ``--all`` prints every company's
share; ``--docs`` rewrites the ``referent_validity`` block of
docs/benchmarks.md with what this prints. Runs in about 30 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

import trustlex
from trustlex.concepts import CONCEPTS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import Tee, write_block

DISTRUST = {
    "all concepts": tuple(c for c in CONCEPTS if c not in ("risk", "vulnerability")),
    "trust family": ("trust", "ability", "benevolence", "integrity"),
}
MIN_RATED = 30  # companies with fewer rated reviews have too noisy a mean rating (as in validity.py)
N_BOOT = 1000  # per company (shares, indices)
N_BOOT_COMPANIES = 2000  # over companies (correlations)


def load(corpora: Path, all_reviews: bool) -> pd.DataFrame:
    """The reviews, with ``rating`` (1-5, NaN where senior leadership is not rated)."""
    path = corpora / "en-glassdoor-2025" / "en-glassdoor-2025.jsonl"
    frame = pd.read_json(path, lines=True, dtype={"rating_senior_leadership": str})
    rating = pd.to_numeric(frame["rating_senior_leadership"], errors="coerce")
    # 0 (or empty) is "not rated", not the lowest rating: see validity.py
    frame["rating"] = rating.where(rating.between(1, 5))
    if not all_reviews:
        frame = frame[frame["rating"].notna()]
    return frame.reset_index(drop=True)


def company_measures(rows: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Per company: the shares of leadership distrust (with intervals) and the climate indices."""
    two = rows[rows["referent"].isin(["leadership", "colleagues"])]
    shares = trustlex.compare(two, by=["company", "referent"], docs=docs, concepts=DISTRUST, n_boot=N_BOOT)
    shares = shares[shares["referent"] == "leadership"]
    out = {}
    for name in DISTRUST:
        mine = shares[shares["concept"] == name].set_index("company")
        out[f"share ({name})"] = mine["neg_share"]
        out[f"share ({name}) low"] = mine["neg_share_low"]
        out[f"share ({name}) high"] = mine["neg_share_high"]
        out[f"distrust units ({name})"] = mine["neg_units"]
    by_referent = trustlex.climate(rows, by=["company", "referent"], docs=docs, n_boot=N_BOOT)
    for referent in ("leadership", "colleagues"):
        mine = by_referent[by_referent["referent"] == referent].set_index("company")
        out[f"{referent} index"] = mine["index"]
        out[f"{referent} reviews"] = mine["n_docs"]
    whole = trustlex.climate(docs, by="company", n_boot=N_BOOT).set_index("group")
    out["all-referent index"] = whole["index"]
    # the same mean over all the company's reviews, 0 for those that do not mention leadership:
    # aggregated as the all-referent index is, so the two differ only in the sentences counted
    out["leadership index, all reviews"] = (
        out["leadership index"] * out["leadership reviews"] / whole["n_docs"]
    )
    return pd.DataFrame(out)


def correlations(
    table: pd.DataFrame, measures: dict[str, int], pairs: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[float, float, float]]:
    """Print rho with the rating per measure and paired differences, with bootstrap intervals over companies.

    ``measures`` maps a column to its expected sign (+1, or -1 for shares of distrust);
    differences are of sign-adjusted rhos. Returns each pair's (difference, low, high).
    """
    names = list(measures)
    values = table[["rating", *names]].to_numpy(dtype=float)

    def rhos(sample: np.ndarray) -> np.ndarray:
        matrix = spearmanr(sample).statistic
        return matrix[0, 1:]

    point = rhos(values)
    rng = np.random.default_rng(0)
    boots = np.array(
        [rhos(values[rng.integers(0, len(values), len(values))]) for _ in range(N_BOOT_COMPANIES)]
    )
    print(f"{'measure':40} {'rho':>7} {'95% interval':>17}")
    for i, name in enumerate(names):
        low, high = np.nanquantile(boots[:, i], [0.025, 0.975])
        print(f"{name:40} {point[i]:7.3f}   [{low:6.3f}, {high:6.3f}]")
    differences = {}
    for a, b in pairs:
        i, j = names.index(a), names.index(b)
        sign_a, sign_b = measures[a], measures[b]
        diff = sign_a * point[i] - sign_b * point[j]
        low, high = np.nanquantile(sign_a * boots[:, i] - sign_b * boots[:, j], [0.025, 0.975])
        label = f"{'-' if sign_a < 0 else ''}rho({a}) - {'-' if sign_b < 0 else ''}rho({b})"
        print(f"{label:62} {diff:+.3f} [{low:+.3f}, {high:+.3f}]")
        differences[(a, b)] = (diff, low, high)
    return differences


def reading(difference: tuple[float, float, float], better: str, worse: str) -> str:
    """One line saying whether ``better`` tracks the rating better than ``worse``, from a paired interval.

    The verdict is printed by the script rather than written into the docs by
    hand, so that it changes when the figures do.
    """
    _, low, high = difference
    if low > 0:
        verdict = "better (the interval of the difference lies above 0)"
    elif high < 0:
        verdict = "worse (the interval of the difference lies below 0)"
    else:
        verdict = "neither better nor worse that this sample can tell (the interval includes 0)"
    return f"{better} against {worse}: {verdict}"


def run(args: argparse.Namespace) -> None:
    """Score the reviews, compute the company measures and print everything."""
    reviews = load(args.corpora, args.all_reviews)
    t0 = time.perf_counter()
    rows = trustlex.score_texts(reviews["text"], lang="en")
    docs = trustlex.score_texts(reviews["text"], lang="en", level="doc")
    seconds = time.perf_counter() - t0
    docs["company"] = reviews["company"].to_numpy()
    rated = reviews["rating"].notna()
    print(
        f"{len(reviews):,} reviews of {reviews['company'].nunique()} companies"
        f" ({'all reviews' if args.all_reviews else 'those that rate senior leadership'});"
        f" {rated.sum():,} rate senior leadership (1-5); scored in {seconds:.1f} s"
    )
    mentions = rows.groupby("referent", observed=True)["doc_id"].nunique()
    units = rows.groupby("referent", observed=True)["valence"].value_counts().unstack(fill_value=0)
    for referent in ("leadership", "colleagues"):
        print(
            f"reviews that mention {referent}: {mentions.get(referent, 0):,}"
            f" ({mentions.get(referent, 0) / len(reviews):.0%}); its sentence units:"
            f" {units.loc[referent].sum():,} ({units.loc[referent, '-']:,} -, {units.loc[referent, '+']:,} +)"
        )
    t1 = time.perf_counter()
    table = company_measures(rows, docs)
    table["rating"] = reviews[rated].groupby("company")["rating"].mean()
    table["rated"] = reviews[rated].groupby("company").size()
    table["rated"] = table["rated"].fillna(0).astype(int)
    print(f"company measures (bootstrap {N_BOOT} per company) in {time.perf_counter() - t1:.1f} s")
    print("\ndistrust, all concepts: - units of " + ", ".join(DISTRUST["all concepts"]))
    print("distrust, trust family: - units of " + ", ".join(DISTRUST["trust family"]))
    show_shares(table, args.all)
    big = table[table["rated"] >= MIN_RATED]
    measures = {
        "leadership index": 1,
        "leadership index, all reviews": 1,
        "all-referent index": 1,
        "colleagues index": 1,
        "share (all concepts)": -1,
        "share (trust family)": -1,
    }
    usable = big.dropna(subset=[*measures, "rating"])
    print(
        f"\nSpearman rho with the company's mean senior-leadership rating: {len(usable)} companies"
        f" with >= {MIN_RATED} rated reviews and every measure defined;"
        f" 95% bootstrap over companies ({N_BOOT_COMPANIES} resamples, paired)"
    )
    pairs = [
        ("leadership index", "all-referent index"),
        ("leadership index, all reviews", "all-referent index"),
        ("leadership index", "colleagues index"),
        ("share (all concepts)", "all-referent index"),
    ]
    differences = correlations(usable, measures, pairs)
    names = sorted(usable.index)
    for label, half in (("looked-at half", names[0::2]), ("held-out half", names[1::2])):
        part = usable.loc[half]
        rho = {m: spearmanr(part[m], part["rating"]).statistic for m in measures}
        print(
            f"{label} ({len(half)} companies): leadership index {rho['leadership index']:.3f},"
            f" all-referent index {rho['all-referent index']:.3f},"
            f" share (all concepts) {rho['share (all concepts)']:.3f}"
        )
    print("\nissue 17's claim, that a referent-specific index tracks its matching rating better:")
    for a, b in pairs[:3]:
        print("  " + reading(differences[(a, b)], a, b))


def show_shares(table: pd.DataFrame, everything: bool) -> None:
    """Print the leadership share of distrust per company (all of them, or the five lowest and highest)."""
    name = "share (all concepts)"
    known = table.dropna(subset=[name]).sort_values(name)
    width = (known[f"{name} high"] - known[f"{name} low"]).median()
    print(
        f"\nleadership share of distrust (all concepts), leadership / (leadership + colleagues), per company:"
        f" median {known[name].median():.2f}, median 95% interval width {width:.2f};"
        f" companies without such distrust: {len(table) - len(known)}"
    )
    shown = known if everything else pd.concat([known.head(5), known.tail(5)])
    print(f"  {'company':34} {'share':>6} {'95% interval':>14} {'units':>6} {'rating':>7} {'rated':>6}")
    for i, (company, row) in enumerate(shown.iterrows()):
        if not everything and i == 5:
            print("  ...")
        interval = f"[{row[f'{name} low']:.2f}, {row[f'{name} high']:.2f}]"
        print(
            f"  {str(company)[:34]:34} {row[name]:6.2f}  {interval}"
            f" {int(row['distrust units (all concepts)']):6d} {row['rating']:7.2f} {int(row['rated']):6d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument(
        "--all-reviews", action="store_true", help="score every review, not only the rated ones"
    )
    parser.add_argument("--all", action="store_true", help="print every company's share")
    parser.add_argument(
        "--docs", action="store_true", help="rewrite docs/benchmarks.md's referent_validity block"
    )
    args = parser.parse_args()
    if not args.corpora.is_dir():
        sys.exit(f"corpora folder {args.corpora} not found; pass --corpora PATH (the shared corpora)")
    if args.docs and (args.all_reviews or args.all):
        sys.exit("--docs publishes the default run; leave out --all-reviews and --all")
    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(Tee(sys.stdout, out)):
        run(args)
    print(f"(whole run {time.perf_counter() - t0:.0f} s)")
    if args.docs:
        write_block("referent_validity", out.getvalue().rstrip())


if __name__ == "__main__":
    main()
