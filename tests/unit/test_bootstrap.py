"""Bootstrap intervals drawn in batches: the same draws as all at once, bounded arrays, honest coverage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trustlex
from trustlex.analysis.indices import (
    BOOT_CELLS,
    canonical_rows,
    group_rng,
    mean_interval,
    resample_batches,
    resample_sums,
)
from trustlex.concepts import CONCEPTS

TEXTS = [
    "We are kept in the dark and nobody trusts management.",
    "Leadership communicates openly and keeps its promises.",
    "I trust my manager; she is honest with us.",
    "Nobody takes responsibility for mistakes.",
    "Strict rules and constant audits everywhere.",
    "There is constant fear of layoffs.",
    "The canteen serves soup on Fridays.",
    "We have real job security here and we trust each other.",
]


@pytest.fixture(scope="module")
def scored():
    """A real document frame: the texts scored, replicated to 403 documents in three teams of unequal size."""
    one = trustlex.score_texts(TEXTS, lang="en", level="doc")
    frame = pd.concat([one] * 51, ignore_index=True).iloc[:403].copy()
    frame["doc_id"] = np.arange(len(frame))
    frame["team"] = np.where(frame.index % 7 == 0, "small", np.where(frame.index % 2 == 0, "even", "odd"))
    return frame


def whole_array_compare(
    frame: pd.DataFrame, by: str, n_boot: int, seed: int, level: float = 0.95
) -> pd.DataFrame:
    """The intervals as compare computed them before batching: every (n_boot x n_docs) position at once.

    Each group draws from its own stream, its documents in canonical order.
    """
    alpha = (1 - level) / 2
    rows = []
    for name, part in frame.groupby(by, sort=True):
        columns = ["n_words", *(f"{c}_{k}" for c in CONCEPTS for k in ("n", "pos", "neg"))]
        part = pd.DataFrame(canonical_rows(part[columns].to_numpy(float)), columns=columns)
        draws = group_rng(seed, name).integers(0, len(part), size=(n_boot, len(part)))
        words = part["n_words"].to_numpy(float)[draws].sum(axis=1)
        for c in CONCEPTS:
            n, pos, neg = (part[f"{c}_{k}"].to_numpy(float)[draws].sum(axis=1) for k in ("n", "pos", "neg"))
            rates = np.divide(1000.0 * n, words, out=np.zeros_like(n), where=words > 0)
            nets = np.divide(pos - neg, n, out=np.full_like(n, np.nan), where=n > 0)
            rate_low, rate_high = np.quantile(rates, [alpha, 1 - alpha])
            net_low, net_high = (
                np.nanquantile(nets, [alpha, 1 - alpha]) if np.isfinite(nets).any() else (np.nan, np.nan)
            )
            rows.append((name, c, rate_low, rate_high, net_low, net_high))
    return pd.DataFrame(rows, columns=["group", "concept", "rate_low", "rate_high", "net_low", "net_high"])


@pytest.mark.parametrize("n", [1, 2, 7, 403])
def test_batches_are_the_draws_of_one_call_for_any_batch_size(n):
    whole_rng = np.random.default_rng(11)
    whole = whole_rng.integers(0, n, size=(250, n))
    after = whole_rng.integers(0, 1 << 30, size=5)  # what the generator draws next
    for batch in (1, 3, 64, 250, 10_000, None):
        rng = np.random.default_rng(11)
        batches = list(resample_batches(rng, n, 250, batch))
        assert np.array_equal(np.concatenate(batches), whole)
        if batch is not None:
            assert max(len(b) for b in batches) == min(batch, 250)
        # the generator ends where one call leaves it, so the next group draws the same too
        assert np.array_equal(rng.integers(0, 1 << 30, size=5), after)


def test_default_batches_hold_about_boot_cells_positions():
    n = 100_000
    sizes = [b.size for b in resample_batches(np.random.default_rng(0), n, 1000)]
    assert sum(sizes) == 1000 * n
    assert max(sizes) <= BOOT_CELLS  # 20 resamples of 100,000, not all 1,000 at once
    assert len(sizes) == 1000 * n // BOOT_CELLS


def test_resample_sums_equal_the_gathered_sums():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 50, size=(97, 5)).astype(float)
    sums = resample_sums(values, np.random.default_rng(8), 300, batch=7)
    draws = np.random.default_rng(8).integers(0, 97, size=(300, 97))
    assert np.array_equal(sums, values[draws].sum(axis=1))


def test_compare_equals_the_whole_array_bootstrap_exactly(scored):
    new = trustlex.compare(scored, by="team", n_boot=400, seed=5)
    old = whole_array_compare(scored, "team", n_boot=400, seed=5)
    columns = ["rate_low", "rate_high", "net_low", "net_high"]
    assert new[["group", "concept"]].astype({"concept": str}).equals(old[["group", "concept"]])
    assert np.array_equal(new[columns].to_numpy(), old[columns].to_numpy(), equal_nan=True)
    assert new["rate_high"].gt(new["rate_low"]).any()  # intervals that say something


def test_climate_equals_the_whole_array_bootstrap_exactly(scored):
    table = trustlex.climate(scored, by="team", n_boot=400, seed=5)
    for (name, part), row in zip(scored.groupby("team", sort=True), table.itertuples(), strict=True):
        scores = np.sort(trustlex.trust_index(part).to_numpy(float))
        draws = group_rng(5, name).integers(0, len(scores), size=(400, len(scores)))
        means = scores[draws].mean(axis=1)
        assert row.group == name
        alpha = (1 - 0.95) / 2  # as climate computes it (not quite 0.025)
        assert (row.index_low, row.index_high) == tuple(np.quantile(means, [alpha, 1 - alpha]))


def test_batch_size_does_not_change_an_interval(scored):
    scores = trustlex.trust_index(scored).to_numpy(float)
    results = {
        batch: mean_interval(scores, n_boot=500, rng=np.random.default_rng(2), batch=batch)
        for batch in (1, 9, 500, None)
    }
    assert len(set(results.values())) == 1
    assert results[None][1] < results[None][0] < results[None][2]


def test_same_seed_same_result_another_seed_another(scored):
    first = trustlex.compare(scored, by="team", n_boot=200, seed=1)
    assert first.equals(trustlex.compare(scored, by="team", n_boot=200, seed=1))
    other = trustlex.compare(scored, by="team", n_boot=200, seed=2)
    assert not first.equals(other)
    assert trustlex.climate(scored, n_boot=200, seed=1).equals(trustlex.climate(scored, n_boot=200, seed=1))


def synthetic(rng: np.random.Generator, docs: int, p: float) -> pd.DataFrame:
    """A document frame where each document of 100 words has one `+` trust sentence with probability ``p``."""
    hit = (rng.random(docs) < p).astype(int)
    columns = {"n_words": np.full(docs, 100)}
    for c in CONCEPTS:
        for k in ("n", "pos", "neg", "neu"):
            columns[f"{c}_{k}"] = hit if c == "trust" and k in ("n", "pos") else np.zeros(docs, dtype=int)
    return pd.DataFrame(columns)


def test_intervals_cover_the_true_mean_about_as_often_as_they_say():
    # trust rate per 1,000 words is 10 p; the trust index of a document with one `+` is 1 / (1 + 1)
    p, runs = 0.3, 200
    rng = np.random.default_rng(2024)
    rate_hits = index_hits = 0
    for run in range(runs):
        frame = synthetic(rng, 150, p)
        rate = trustlex.compare(frame, concepts=("trust",), n_boot=400, seed=run).iloc[0]
        rate_hits += rate["rate_low"] <= 10 * p <= rate["rate_high"]
        climate = trustlex.climate(frame, n_boot=400, seed=run).iloc[0]
        index_hits += climate["index_low"] <= 0.5 * p <= climate["index_high"]
    # 95 % intervals cover in about 190 of 200 runs (186 with these seeds); below 175 they are too
    # narrow, and at 199 or 200 too wide to be 95 % intervals (each less likely than 1 in 1,000)
    assert 175 <= rate_hits <= 198
    assert 175 <= index_hits <= 198


def test_n_boot_and_batch_must_be_positive(scored):
    with pytest.raises(ValueError, match=r"n_boot must be a whole number of at least 40 .*got 0"):
        trustlex.compare(scored, n_boot=0)
    with pytest.raises(trustlex.TrustlexError, match="batch must be at least 1"):
        mean_interval(np.array([1.0, 2.0]), batch=0)


@pytest.mark.parametrize("function", ["compare", "climate", "mean_interval"])
def test_n_boot_too_small_for_the_level_asked_is_refused_naming_it(scored, function):
    # one resample gives low == high: no interval at all; at 0.95 fewer than 40 leave none beyond its ends
    def run(**kw):
        if function == "mean_interval":
            return mean_interval(np.array([0.0, 1.0, 1.0, 0.0, 1.0]), **kw)
        return getattr(trustlex, function)(scored, **kw)

    for n_boot, level in ((1, 0.95), (39, 0.95), (19, 0.9), (199, 0.99), (True, 0.5), (50.0, 0.95)):
        with pytest.raises(ValueError, match=rf"^n_boot must be .* level={level:g} .*got {n_boot!r};"):
            run(n_boot=n_boot, level=level)
    for n_boot, level in ((40, 0.95), (20, 0.9), (200, 0.99)):
        run(n_boot=n_boot, level=level)
