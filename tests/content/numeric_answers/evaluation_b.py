"""Numeric quick-check answers of the cards decision-threshold, extreme-imbalance-review,
anomaly-detection, generative-metrics, entity-ranking and search-planning, recomputed from
the library (never the card's number typed again).

``ANSWERS`` maps ``"slug/quick-check-id"`` to a zero-argument callable returning the number;
tests/content/test_numeric_answers.py compares it with the card's answer within the card's
tolerance. Each callable builds the small case the prompt describes and asks the library.
"""

from __future__ import annotations

import numpy as np


def _bayes_threshold_by_sweep(cost_fp: float, cost_fn: float, levels: int = 1000) -> float:
    """The cost-optimal probability threshold, found by the library's empirical cost
    minimiser on perfectly calibrated data.

    Score level ``p_k = (k + 1/2) / levels`` holds ``2 * levels`` rows of which exactly
    ``p_k * 2 * levels = 2k + 1`` are positive, so the observed positive rate at each score
    equals the score. ``best_threshold(method="cost")`` then includes exactly the levels
    where sending is cheaper; the boundary lies between the lowest included level and the
    highest excluded one, and their midpoint is returned.
    """
    from mlinterview.ml.metrics import best_threshold

    k = np.arange(levels)
    p = (k + 0.5) / levels
    rows = 2 * levels
    scores = np.repeat(p, rows)
    labels = np.zeros((levels, rows), dtype=np.int64)
    labels[np.arange(rows)[None, :] < (2 * k + 1)[:, None]] = 1
    t, _ = best_threshold(labels.ravel(), scores, method="cost",
                          cost_fp=cost_fp, cost_fn=cost_fn)
    below = p[p < t].max()
    return float((t + below) / 2)


def _min_cost_validation() -> float:
    """The card's eight validation customers, FN cost 2, FP cost 1."""
    from mlinterview.ml.metrics import best_threshold

    scores = [0.95, 0.85, 0.70, 0.60, 0.45, 0.30, 0.20, 0.10]
    labels = [1, 1, 0, 1, 0, 1, 0, 0]
    return best_threshold(labels, scores, method="cost", cost_fp=1.0, cost_fn=2.0)[0]


# The two classes of extreme-imbalance-review at full scale, as weighted cells: 1 = the
# billion positives, 0 = the 200,000 negatives.
_POSITIVES, _NEGATIVES = 1e9, 2e5


def _constant_accuracy() -> float:
    """Accuracy of "always positive": one row per class, weighted by its count."""
    from mlinterview.ml.metrics import accuracy_score

    return accuracy_score([1, 0], [1, 1], sample_weight=[_POSITIVES, _NEGATIVES])


def _negatives_let_through() -> float:
    """Negatives called positive when the negative-class recall is 0.875, counted by the
    library's confusion matrix over the 200,000 negatives (the recall is checked first)."""
    from mlinterview.ml.metrics import confusion_matrix, recall_score

    y_true = np.zeros(int(_NEGATIVES), dtype=np.int64)
    y_pred = np.zeros_like(y_true)
    y_pred[: int(_NEGATIVES) // 8] = 1              # one negative in eight called positive
    y_true_both, y_pred_both = np.r_[y_true, 1], np.r_[y_pred, 1]  # both labels present
    assert abs(recall_score(y_true_both, y_pred_both, pos_label=0) - 0.875) < 1e-12
    return float(confusion_matrix(y_true, y_pred, labels=[0, 1])[0, 1])


def _rare_class_precision() -> float:
    """Precision of the negative class: 99% of positives and 87.5% of negatives right."""
    from mlinterview.ml.metrics import precision_score

    y_true = [1, 1, 0, 0]
    y_pred = [1, 0, 0, 1]
    weight = [0.99 * _POSITIVES, 0.01 * _POSITIVES, 0.875 * _NEGATIVES, 0.125 * _NEGATIVES]
    return precision_score(y_true, y_pred, pos_label=0, sample_weight=weight)


def _test_size_for_recall(p: float = 0.9, half_width: float = 0.01) -> float:
    """Smallest n whose 95% normal-approximation interval for a proportion p has the given
    half-width: z^2 p (1 - p) / h^2, rounded up (the library has no normal quantile)."""
    from scipy.stats import norm

    z = norm.ppf(0.975)
    return float(np.ceil(z * z * p * (1 - p) / half_width**2))


def _random_scores_average_precision(prevalence: float = 0.02, n: int = 500_000) -> float:
    """Average precision of uniformly random scores at the given share of anomalies."""
    from mlinterview.ml.metrics import average_precision_score

    rng = np.random.default_rng(0)
    y = np.zeros(n, dtype=np.int64)
    y[: round(prevalence * n)] = 1
    return average_precision_score(y, rng.random(n))


def _mahalanobis_broken_correlation(rho: float = 0.99) -> float:
    """Squared Mahalanobis distance of (1, -1) under unit variances and correlation rho,
    from the library's full-covariance Gaussian detector fitted on four points whose
    mean is 0 and whose (divide-by-n) covariance is exactly [[1, rho], [rho, 1]]:
    the rows +-sqrt(2) L[:, j] for a factor L L^T = Sigma."""
    from mlinterview.ml.anomaly import EllipticGaussian

    sigma = np.array([[1.0, rho], [rho, 1.0]])
    L = np.linalg.cholesky(sigma)
    X = np.sqrt(2.0) * np.r_[L.T, -L.T]
    detector = EllipticGaussian(reg_covar=0.0).fit(X)
    assert np.allclose(detector.covariance_, sigma, atol=1e-12)
    return float(detector.mahalanobis(np.array([[1.0, -1.0]]))[0])


def _average_path_length(n: int = 256) -> float:
    """c(n) of the isolation forest."""
    from mlinterview.ml.anomaly import average_path_length

    return float(average_path_length(n))


def _psnr_8bit(mse: float = 65.025) -> float:
    """PSNR of an 8-bit-range pair whose MSE is ``mse``: every pixel off by sqrt(mse)."""
    from mlinterview.ml.metrics import mean_squared_error, peak_signal_noise_ratio

    rng = np.random.default_rng(0)
    truth = rng.uniform(20, 200, size=(32, 32))
    test = truth + np.sqrt(mse) * np.where(rng.random(truth.shape) < 0.5, -1.0, 1.0)
    assert abs(mean_squared_error(truth.ravel(), test.ravel()) - mse) < 1e-9
    return peak_signal_noise_ratio(truth, test, data_range=255)


def _psnr_gain_when_mse_halves() -> float:
    """PSNR(new) - PSNR(old) when the error image is scaled by 1/sqrt(2) (MSE halved)."""
    from mlinterview.ml.metrics import peak_signal_noise_ratio

    rng = np.random.default_rng(1)
    truth = rng.random((64, 64))
    error = 0.05 * rng.normal(size=truth.shape)
    old = peak_signal_noise_ratio(truth, truth + error, data_range=1.0)
    new = peak_signal_noise_ratio(truth, truth + error / np.sqrt(2.0), data_range=1.0)
    return new - old


def _flat_dssim() -> float:
    """DSSIM of a flat 0.5 image and a flat 0.6 copy, data range 1."""
    from mlinterview.ml.metrics import dssim

    return dssim(np.full((16, 16), 0.5), np.full((16, 16), 0.6), data_range=1.0)


def _frechet_1d() -> float:
    """Squared Frechet distance between N(0, 1) and N(1, 4)."""
    from mlinterview.ml.metrics import frechet_distance

    return frechet_distance(np.array([0.0]), np.array([[1.0]]),
                            np.array([1.0]), np.array([[4.0]]))


def _ndcg_two_results() -> float:
    """NDCG@2 of one query whose top two results have relevance 0 then 1."""
    from mlinterview.ml.metrics import ndcg_score

    return ndcg_score([[0, 1]], [[2.0, 1.0]], k=2)


def _mrr_ranks_1_2_4() -> float:
    """MRR of three queries whose first relevant entity sits at ranks 1, 2 and 4."""
    from mlinterview.ml.metrics import mean_reciprocal_rank

    relevance = np.zeros((3, 5))
    relevance[0, 0] = relevance[1, 1] = relevance[2, 3] = 1
    scores = np.tile(np.arange(5, 0, -1, dtype=float), (3, 1))   # column order = rank
    return mean_reciprocal_rank(relevance, scores)


def _ap_at_3() -> float:
    """AP@3 with the 2 relevant entities ranked 1st and 3rd."""
    from mlinterview.ml.metrics import average_precision_at_k

    return average_precision_at_k([[1, 0, 1, 0, 0]], [[5.0, 4.0, 3.0, 2.0, 1.0]], k=3)


def _ranknet_pair_loss() -> float:
    """RankNet loss of one pair scored 2 (more relevant) and 0, sigma = 1."""
    from mlinterview.ml.autograd import Tensor
    from mlinterview.ml.ranking import ranknet_loss

    return float(ranknet_loss(Tensor(np.array([[2.0, 0.0]])), [[1, 0]]).data)


def _octile_5_2() -> float:
    """Octile distance from (0, 0) to (5, 2), checked against Dijkstra on an empty grid."""
    from mlinterview.algo.graphs import GridGraph, dijkstra, octile

    exact = dijkstra(GridGraph(np.zeros((6, 6), dtype=bool), connectivity=8), (0, 0), (5, 2))
    assert abs(exact.cost - octile((0, 0), (5, 2))) < 1e-12
    return octile((0, 0), (5, 2))


def _manhattan_overestimate() -> float:
    """Manhattan distance over the true 8-connected cost from (0, 0) to (3, 3)."""
    from mlinterview.algo.graphs import GridGraph, dijkstra, manhattan

    exact = dijkstra(GridGraph(np.zeros((4, 4), dtype=bool), connectivity=8), (0, 0), (3, 3))
    return manhattan((0, 0), (3, 3)) / exact.cost


def _dijkstra_small() -> float:
    """Shortest A-to-D cost in the card's five-edge undirected graph."""
    from mlinterview.algo.graphs import Graph, dijkstra

    graph = Graph.from_edges([("A", "B", 1), ("A", "C", 4), ("B", "C", 2), ("B", "D", 5),
                              ("C", "D", 1)], directed=False)
    return dijkstra(graph, "A", "D").cost


ANSWERS = {
    "decision-threshold/bayes-threshold": lambda: _bayes_threshold_by_sweep(1.0, 4.0),
    "decision-threshold/min-cost-validation": _min_cost_validation,
    "extreme-imbalance-review/constant-accuracy": _constant_accuracy,
    "extreme-imbalance-review/negatives-let-through": _negatives_let_through,
    "extreme-imbalance-review/rare-class-precision": _rare_class_precision,
    "extreme-imbalance-review/test-size": _test_size_for_recall,
    "anomaly-detection/pr-auc-chance": _random_scores_average_precision,
    "anomaly-detection/mahalanobis": _mahalanobis_broken_correlation,
    "anomaly-detection/iforest-c": _average_path_length,
    "generative-metrics/psnr-value": _psnr_8bit,
    "generative-metrics/psnr-halving": _psnr_gain_when_mse_halves,
    "generative-metrics/flat-dssim": _flat_dssim,
    "generative-metrics/frechet-1d": _frechet_1d,
    "entity-ranking/ndcg-value": _ndcg_two_results,
    "entity-ranking/mrr-value": _mrr_ranks_1_2_4,
    "entity-ranking/map-at-k": _ap_at_3,
    "entity-ranking/ranknet-loss": _ranknet_pair_loss,
    "search-planning/octile-value": _octile_5_2,
    "search-planning/manhattan-overestimate": _manhattan_overestimate,
    "search-planning/dijkstra-small": _dijkstra_small,
}
