"""The search-ranking demo: its helpers on hand-worked cases, and the default run shows
what its summary claims (naive clicks copy the logger; IPW recovers most of the gap; the
three loss families agree once the labels are corrected)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.search_ranking import (
    LOGGER_WEIGHTS,
    SearchLog,
    make_search_log,
    position_bias,
    swap_experiment,
)
from mlinterview.ml.design.clicks import examination_propensities

from .._defaults import at_defaults


def test_search_log_is_in_the_loggers_order():
    log = make_search_log(50, 8, np.random.default_rng(0))
    assert log.features.shape == (50, 8, 5) and log.grades.shape == (50, 8)
    logger = log.features @ LOGGER_WEIGHTS
    assert np.all(np.diff(logger, axis=1) <= 0)
    assert set(np.unique(log.grades)) <= {0.0, 1.0, 2.0, 3.0, 4.0}
    # P(click | examined) = 0.1 + 0.9 (2^g - 1) / 15.
    np.testing.assert_allclose(log.relevance, 0.1 + 0.9 * (2 ** log.grades - 1) / 15)


def test_swap_experiment_moves_the_top_document():
    # Relevance 1 for the top document only, examination 1 everywhere: the single click
    # of each session lands exactly where the top document was moved.
    rel = np.zeros((6, 4))
    rel[:, 0] = 1.0
    log = SearchLog(np.zeros((6, 4, 5)), np.zeros((6, 4)), rel)
    clicks, k = swap_experiment(log, np.ones(4), np.random.default_rng(1))
    np.testing.assert_array_equal(np.argmax(clicks, axis=1), k)
    assert clicks.sum() == 6


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("search-ranking")


def test_default_run_shows_the_bias_and_its_correction(default_run):
    t = default_run.table
    rows = {r[0]: dict(zip(t.columns, r, strict=True)) for r in t.rows}
    naive, ipw = rows["naive clicks"], rows["IPW clicks (true θ)"]
    est, full = rows["IPW clicks (swap-estimated θ)"], rows["true grades"]
    logger = rows["logging ranker"]["pairwise"]
    for fam in ("pointwise", "pairwise", "listwise"):
        # Naive clicks: far better than the logger, far worse than IPW.
        assert logger < naive[fam] < ipw[fam] - 0.05
        assert abs(est[fam] - ipw[fam]) < 0.01             # estimated θ is good enough
        assert ipw[fam] < full[fam] < 1.0
    # Once the labels are right the loss family hardly matters.
    vals = [ipw[f] for f in ("pointwise", "pairwise", "listwise")]
    assert max(vals) - min(vals) < 0.01
    # Naive clicks teach the model the logger's spurious feature.
    share = "spurious-feature share (pairwise)"
    assert naive[share] > 3 * ipw[share] and full[share] < 0.01
    assert set(default_run.figures) == {"ndcg", "clicks"}
    assert f"{naive['pairwise']:.3f}" in default_run.summary
    assert f"{ipw['pairwise']:.3f}" in default_run.summary


def test_without_position_bias_naive_equals_ipw():
    result = position_bias(n_queries=300, eta=0.0, swap_sessions=1000, epochs=40)
    rows = {r[0]: r for r in result.table.rows}
    assert rows["naive clicks"][1:4] == rows["IPW clicks (true θ)"][1:4]
    np.testing.assert_allclose(examination_propensities(5, eta=0.0), 1.0)
