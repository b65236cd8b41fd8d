"""The entity-ranking demo: the table equals scikit-learn's NDCG on the same scores, the
ideal row is perfect, and the pointwise fit is the least-squares closed form. RankNet
itself (pairs, loss, gradient, fit) is tested in ``tests/parity/test_ranking.py``."""

import numpy as np
import pytest
from sklearn.metrics import ndcg_score

from mlinterview.demos import registry
from mlinterview.demos.evaluation.entity_ranking import fit_pointwise, make_queries, ranking_scores
from mlinterview.ml.ranking import fit_ranknet

SPEC = registry()["entity-ranking"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(n_queries=80)


def test_table_against_scikit_learn(outcome):
    p = outcome.params
    feats, grades = make_queries(2 * p["n_queries"], p["n_docs"], p["shift"], p["seed"])
    tr, te = slice(0, p["n_queries"]), slice(p["n_queries"], None)
    table = {row[0]: row[1:] for row in outcome.result.table.rows}
    pw = ranking_scores(feats[te], fit_pointwise(feats[tr], grades[tr]))
    pr = ranking_scores(feats[te], fit_ranknet(feats[tr], grades[tr], seed=p["seed"]))
    assert table["pointwise (least squares)"][0] == pytest.approx(
        ndcg_score(grades[te], pw, k=10), abs=5e-5)
    assert table["pairwise (RankNet)"][0] == pytest.approx(
        ndcg_score(grades[te], pr, k=10), abs=5e-5)
    assert table["ideal"] == [1.0, 1.0, 1.0]
    assert table["pairwise (RankNet)"][0] > table["random"][0]


def test_pointwise_equals_least_squares_closed_form():
    feats, grades = make_queries(30, 10, 1.0, 0)
    X = feats.reshape(-1, feats.shape[-1])
    X1 = np.column_stack([X, np.ones(len(X))])
    w = np.linalg.solve(X1.T @ X1, X1.T @ grades.ravel())     # normal equations
    np.testing.assert_allclose(fit_pointwise(feats, grades), w, rtol=1e-6, atol=1e-8)
