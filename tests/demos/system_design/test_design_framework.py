"""The design-framework demos: the cascade helpers on hand-worked cases, and the default
runs show what their summaries claim (a recall-vs-latency frontier with a ceiling; the
feed's back-of-envelope numbers)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.design_framework import (
    STAGES,
    Cascade,
    best_within_budget,
    single_stage_recall,
    top_n,
)
from mlinterview.ml.design.envelope import cascade_latency

from .._defaults import at_defaults


def test_top_n_picks_the_largest():
    scores = np.array([[0.1, 0.9, 0.5, 0.7], [4.0, 3.0, 2.0, 1.0]])
    assert [sorted(r) for r in top_n(scores, 2).tolist()] == [[1, 3], [0, 1]]
    assert top_n(scores, 9).tolist() == [[0, 1, 2, 3]] * 2


def _hand_worked():
    # One user, six items; truth ranks items 0 and 1 as the top 2 (k = 2).
    truth = np.array([[6.0, 5.0, 4.0, 3.0, 2.0, 1.0]])
    retrieval = np.array([[6.0, 1.0, 5.0, 4.0, 3.0, 2.0]])   # order 0, 2, 3, 4, 5, 1
    ranking = np.array([[1.0, 9.0, 3.0, 2.0, 0.0, 0.0]])
    reranking = np.array([[5.0, 4.0, 3.0, 2.0, 1.0, 0.0]])   # = the truth's order
    return Cascade(truth, [retrieval, ranking, reranking], k=2)


def test_cascade_recall_hand_worked():
    sim = _hand_worked()
    # Retrieve 3 (items 0, 2, 3): item 1 is lost, retrieval recall 1/2. The ranker keeps
    # 2 of them (2 and 3, scores 3 and 2), dropping item 0: nothing relevant is shown.
    assert sim.recall(3, 2) == (0.5, 0.0)
    # Keep all 3 for the re-ranker: it picks 0 and 2; one of the true top 2 is shown.
    assert sim.recall(3, 3) == (0.5, 0.5)
    # Retrieve everything: item 1 (ranker score 9) comes back, but the ranker keeps 1 and
    # 2 and drops item 0; keeping all six lets the re-ranker (the truth's order) show 0, 1.
    assert sim.recall(6, 2) == (1.0, 0.5)
    assert sim.recall(6, 6) == (1.0, 1.0)


def test_single_stage_recall():
    truth = np.array([[3.0, 2.0, 1.0, 0.0]])
    assert single_stage_recall(truth, np.array([[0.0, 5.0, 4.0, 1.0]]), 2) == 0.5
    assert single_stage_recall(truth, truth, 2) == 1.0


def test_best_within_budget_uses_the_budget():
    # A fake recall that grows with both counts: the split is chosen by max_candidates.
    best = best_within_budget(150.0, 10_000, 10, lambda n0, n1: (1.0, n0 * n1 / 1e9))
    # For n1 = 100: (150 - 12 - 6 - (10 + 0.5·100)) / 0.02 = 3,600 ranked candidates;
    # n1 = 200: (150 - 28 - 100) / 0.02 = 1,100; n1 = 400 leaves less than 400.
    assert (best["retrieved"], best["reranked"]) == (3600, 100)
    assert best["latency"].total_ms == pytest.approx(150.0)
    assert best_within_budget(20.0, 10_000, 10, lambda n0, n1: (1.0, 1.0)) is None


def test_default_cascade_run_shows_a_frontier_with_a_ceiling():
    result = at_defaults("design-framework")
    rows = [dict(zip(result.table.columns, r, strict=True)) for r in result.table.rows]
    recall = [r["recall@10"] for r in rows]
    assert [r["budget (ms)"] for r in rows] == [50, 75, 100, 150, 200, 300, 500]
    # More budget never hurts, and it buys a lot at first and little at the end.
    assert np.all(np.diff(recall) >= 0)
    assert recall[3] - recall[0] > 0.1 and recall[-1] - recall[3] < 0.05
    for r in rows:
        assert r["latency (ms)"] <= r["budget (ms)"]
        assert r["recall@10"] <= r["recall of retrieval"]
    chosen = rows[3]
    assert chosen["latency (ms)"] == pytest.approx(
        cascade_latency(STAGES, [chosen["retrieved (ranker scores)"]] * 2
                        + [chosen["re-ranker scores"]]).total_ms, abs=0.1)
    assert "Within 150 ms" in result.summary and "5 s" in result.summary
    assert set(result.figures) == {"frontier"}


def test_default_envelope_run_hand_worked():
    result = at_defaults("design-framework/envelope")
    value = {row[0]: row[1] for row in result.table.rows}
    # 5e7 users × 20 = 1e9 a day; / 86,400 = 11,574 QPS; × 3 = 34,722 at the peak.
    assert value["average QPS"] == 11574 and value["peak QPS"] == 34722
    # 34,722 × 0.08 s = 2,778 in flight; / (8 × 0.7) = 496.03 -> 497 replicas.
    assert value["requests in flight at the peak"] == 2778
    assert value["ranking replicas"] == 497
    # 1e10 impressions × 200 B × 90 days × 3 copies / 5 = 108 TB.
    assert value["impression log"] == "108 TB"
    # 3e11 examples × 6e7 FLOPs = 1.8e19 FLOPs / (312e12 × 0.3) / 3600 = 53.4 GPU-hours.
    assert value["retrain on 30 days (GPU-hours)"] == 53.4
    assert "497 replicas" in result.summary
    assert set(result.figures) == {"replicas-and-storage"}
