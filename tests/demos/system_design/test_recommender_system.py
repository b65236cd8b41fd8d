"""The recommender-system demo: its helpers on hand-worked cases, and the default run shows
what its summary claims (logQ matters, the ranker adds on top of retrieval, the
most-popular list covers little of the catalogue)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.recommender_system import (
    popularity_bins,
    popularity_decile_shares,
    ranker_features,
    rerank,
)
from mlinterview.ml.design.recsys import make_interactions

from .._defaults import at_defaults


def test_popularity_bins_and_shares_hand_worked():
    counts = np.array([5.0, 0.0, 9.0, 1.0])       # sorted: item 1, 3, 0, 2
    np.testing.assert_array_equal(popularity_bins(counts, 2), [1, 0, 1, 0])
    np.testing.assert_array_equal(popularity_bins(counts, 4), [2, 0, 3, 1])
    shares = popularity_decile_shares(np.array([[2, 0], [2, -1]]), counts, n_bins=4)
    np.testing.assert_allclose(shares, [0, 0, 1 / 3, 2 / 3])


def test_rerank_orders_candidates_by_ranker_score():
    cand = np.array([[7, 3, 9], [1, 2, 4]])
    p = np.array([[0.1, 0.8, 0.5], [0.3, 0.3, 0.9]])
    np.testing.assert_array_equal(rerank(cand, p, 2), [[3, 9], [4, 1]])


def test_ranker_features_hand_worked():
    d = make_interactions(3, 12, n_factors=2, interactions_per_user=8, random_state=0)
    scores = np.arange(36, dtype=float).reshape(3, 12)
    cand = np.array([[4, 0], [1, 11], [2, 3]])
    counts = np.arange(12, dtype=float)
    X = ranker_features(scores, cand, d, counts)
    assert X.shape == (6, 4)
    np.testing.assert_allclose(X[3], [scores[1, 11], 1, np.log1p(11),
                                      d.user_features[1] @ d.item_features[11] / np.sqrt(2)])
    np.testing.assert_allclose(X[:, 1], [0, 1, 0, 1, 0, 1])


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("recommender-system")


def test_default_run_shows_the_claims(default_run):
    table = default_run.table
    rows = {row[0]: dict(zip(table.columns, row, strict=True)) for row in table.rows}
    pop, plain = rows["most popular"], rows["two-tower, no logQ"]
    corrected, ranked = rows["two-tower + logQ"], rows["two-tower + logQ → ranker"]
    oracle = rows["oracle (true preference)"]
    # logQ: without it popular items are pushed down and recall collapses.
    assert plain["recall@10"] < 0.5 * corrected["recall@10"]
    assert plain["popularity percentile"] < 0.5 < corrected["popularity percentile"]
    # Retrieval with logQ beats the popularity baseline and covers far more items.
    assert corrected["recall@10"] > pop["recall@10"] + 0.03
    assert corrected["NDCG@10"] > pop["NDCG@10"]
    assert corrected["recall@30"] > pop["recall@30"]
    assert pop["catalogue coverage"] < 0.1 < 0.8 < corrected["catalogue coverage"]
    assert pop["Gini of exposure"] > corrected["Gini of exposure"]
    # The ranker re-orders the same candidates and gains on top of retrieval ...
    assert ranked["recall@30"] == corrected["recall@30"]
    assert ranked["NDCG@10"] > corrected["NDCG@10"] + 0.02
    assert ranked["recall@10"] > corrected["recall@10"]
    # ... while the oracle stays above every model.
    for row in (pop, plain, corrected, ranked):
        assert row["NDCG@10"] < oracle["NDCG@10"]
    assert set(default_run.figures) == {"popularity-bias", "recall-curve", "training"}
    for name in ("most popular", "two-tower, no logQ", "two-tower + logQ"):
        assert f"{rows[name]['recall@10']:.3f}" in default_run.summary

