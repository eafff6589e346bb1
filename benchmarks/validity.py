"""Validity: does trustlex's trust-climate index track how employees rate their senior leadership?

Usage: python benchmarks/validity.py [--corpora ../shared/corpora] [--docs]
       (needs ``pip install -e ".[bench]"``: vaderSentiment and the NRC lexicon of nrclex)

On the Glassdoor reviews of ``en-glassdoor-2025`` that rate senior leadership
(1-5; the 1,849 reviews with 0, "not rated", are left out unless
``--keep-unrated``) it scores every review with trustlex (document level) and,
in the same run, with VADER's compound sentiment and with a count of NRC
EmoLex "trust" words per 100 words. It prints Spearman's rho of each measure
with the rating at review level and at company level (mean per company, for
companies with at least 30 rated reviews), and the explained variance (R²,
5-fold cross-validated) of a linear model of the rating on VADER alone and
on VADER plus trustlex's twelve concept scores.

The trust-climate index of a review is ``trustlex.trust_index`` on its
document-level scores: over all twelve concepts, the sentences whose concept
speaks for the trust climate (F) and against it (A), index =
(F - A) / (F + A + 1). `+` of trust, communication, integrity and the other
levers counts for and their `-` against; following the codebook, a felt risk
or pressure (`+` of risk and vulnerability) counts against and its stated
absence for; failing control counts against and working control not at all
(the seed essay's hygiene factor). Neutral mentions do not count. For
comparison the run also prints the index this benchmark first used, which
counted every concept's `+` for and `-` against (so "constant fear of
layoffs", vulnerability `+`, raised it), and the correlations on the reviews
that hold valenced trust language at all (the others have index 0).
The concept scores for the regression are, per concept, ``pos - neg``.

The correlations are also printed for two halves of the companies (sorted
by name, even and odd positions). Lexicon work on employee-review language
looked at reviews of the even half only; the odd half is held out, so its
figures show whether that work holds on reviews nobody read.

``--docs`` rewrites the ``validity`` block of docs/benchmarks.md with what
this prints.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score

import trustlex
from trustlex.concepts import CONCEPTS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import Tee, write_block


def load(corpora: Path, keep_unrated: bool = False) -> pd.DataFrame:
    path = corpora / "en-glassdoor-2025" / "en-glassdoor-2025.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    frame = pd.DataFrame(rows)
    frame["rating"] = pd.to_numeric(frame["rating_senior_leadership"], errors="coerce")
    # Glassdoor's sub-ratings are optional and 0 means "not rated" (the overall rating is never 0,
    # and the culture rating is 0 on the same reviews); it is no rating, not the lowest one.
    low = 0 if keep_unrated else 1
    return frame[frame["rating"].between(low, 5)].reset_index(drop=True)


def unoriented_index(scores: pd.DataFrame) -> pd.Series:
    """The first index: every concept's `+` counted for the climate and its `-` against."""
    pos = scores[[f"{c}_pos" for c in CONCEPTS]].sum(axis=1)
    neg = scores[[f"{c}_neg" for c in CONCEPTS]].sum(axis=1)
    return (pos - neg) / (pos + neg + 1)


def correlations(measures: pd.DataFrame, rating: pd.Series, company: pd.Series) -> pd.DataFrame:
    """Spearman rho of each measure with the rating, per review and per company (30+ reviews, means)."""
    counts = company.value_counts()
    big = company.isin(counts[counts >= 30].index).to_numpy()
    company_rating = rating[big].groupby(company[big]).mean()
    rows = {}
    for name, values in measures.items():
        company_mean = values[big].groupby(company[big]).mean()
        rows[name] = {
            "reviews": spearmanr(values, rating).statistic,
            "companies": spearmanr(company_mean, company_rating.loc[company_mean.index]).statistic,
        }
    return pd.DataFrame(rows).T


def show(table: pd.DataFrame) -> None:
    for name, row in table.iterrows():
        print(f"{name:18} {row['reviews']:8.3f} {row['companies']:10.3f}")


def nrc_trust_rate(texts: pd.Series) -> pd.Series:
    """NRC EmoLex words tagged 'trust', per 100 words (the lexicon file shipped in the nrclex package)."""
    spec = importlib.util.find_spec("nrclex")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("nrclex is not installed: pip install -e '.[bench]'")
    data = Path(spec.submodule_search_locations[0]) / "data" / "nrc_en.json"
    lexicon = json.loads(data.read_text(encoding="utf-8"))
    trust_words = {w for w, emotions in lexicon.items() if "trust" in emotions}
    word = re.compile(r"[a-z']+")

    def rate(text: str) -> float:
        tokens = word.findall(text.lower())
        return 100.0 * sum(t in trust_words for t in tokens) / max(len(tokens), 1)

    return texts.map(rate)


def vader(texts: pd.Series) -> pd.Series:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        sys.exit("vaderSentiment is not installed: pip install -e '.[bench]'")
    analyzer = SentimentIntensityAnalyzer()
    return texts.map(lambda t: analyzer.polarity_scores(t)["compound"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument(
        "--keep-unrated",
        action="store_true",
        help="count reviews that do not rate senior leadership as rating 0 (a data error; to compare)",
    )
    parser.add_argument("--docs", action="store_true", help="rewrite docs/benchmarks.md's validity block")
    args = parser.parse_args()
    if not args.corpora.is_dir():
        sys.exit(f"corpora folder {args.corpora} not found; pass --corpora PATH (the shared corpora)")
    if args.keep_unrated and args.docs:
        sys.exit("--keep-unrated is for comparison only; the published block leaves unrated reviews out")
    out = io.StringIO()
    with contextlib.redirect_stdout(Tee(sys.stdout, out)):
        run(args)
    if args.docs:
        write_block("validity", out.getvalue().rstrip())


def run(args: argparse.Namespace) -> None:
    """Score the rated reviews and print every correlation and the regression."""
    reviews = load(args.corpora, args.keep_unrated)
    t0 = time.perf_counter()
    scores = trustlex.score_texts(reviews["text"], lang="en", level="doc").reset_index(drop=True)
    seconds = time.perf_counter() - t0
    measures = pd.DataFrame(
        {
            "trustlex index": trustlex.trust_index(scores),
            "VADER compound": vader(reviews["text"]),
            "NRC trust words": nrc_trust_rate(reviews["text"]),
            "(first index)": unoriented_index(scores),
        }
    )
    rating = reviews["rating"]
    print(f"{len(reviews)} reviews with a senior-leadership rating, {reviews['company'].nunique()} companies")
    print(f"trustlex scored them in {seconds:.1f} s")
    counts = reviews["company"].value_counts()
    print("\nSpearman rho with the senior-leadership rating")
    print(f"(company level: means of the {(counts >= 30).sum()} companies with at least 30 rated reviews)")
    print(f"{'measure':18} {'reviews':>8} {'companies':>10}")
    show(correlations(measures, rating, reviews["company"]))
    # Lexicon work has looked at the reviews of the companies at even positions only; the
    # odd ones show whether what it changed holds on reviews nobody looked at.
    names = sorted(reviews["company"].unique())
    for label, half in (("looked-at half", names[0::2]), ("held-out half", names[1::2])):
        inside = reviews["company"].isin(half).to_numpy()
        table = correlations(measures[inside], rating[inside], reviews["company"][inside])
        print(f"\n{label} ({inside.sum()} reviews, {len(half)} companies)")
        show(table.loc[["trustlex index", "VADER compound"]])
    said = measures["trustlex index"] != 0
    print(f"\non the {said.mean():.0%} of reviews with valenced trust language (index not 0):")
    for name in ("trustlex index", "VADER compound"):
        print(f"{name:18} {spearmanr(measures[name][said], rating[said]).statistic:8.3f}")
    concepts = pd.DataFrame({c: scores[f"{c}_pos"] - scores[f"{c}_neg"] for c in CONCEPTS})
    folds = KFold(n_splits=5, shuffle=True, random_state=0)
    base = cross_val_score(LinearRegression(), measures[["VADER compound"]], rating, cv=folds, scoring="r2")
    both = pd.concat([measures[["VADER compound"]], concepts], axis=1)
    more = cross_val_score(LinearRegression(), both, rating, cv=folds, scoring="r2")
    print("\nlinear model of the rating, R² (5-fold cross-validated)")
    print(f"  VADER alone:                        {np.mean(base):.3f}")
    gain = np.mean(more) - np.mean(base)
    print(f"  VADER + trustlex's 12 concept scores: {np.mean(more):.3f}  (gain {gain:+.3f})")


if __name__ == "__main__":
    main()
