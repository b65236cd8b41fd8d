"""Information-retrieval ranking metrics over queries: :func:`dcg_score`,
:func:`ndcg_score`, :func:`mean_reciprocal_rank`, :func:`average_precision_at_k`.

Inputs are matrices of shape ``(n_queries, n_documents)``: ``y_true`` holds graded
relevance (0 = irrelevant), ``y_score`` the model's scores; each row is one query whose
documents are ranked by descending score.

``dcg_score``/``ndcg_score`` follow scikit-learn (linear gain, ``1 / log_base(rank + 1)``
discount, tied scores share the average gain of their group unless ``ignore_ties``).
Every metric sorts all rows at once with ``argsort(axis=1)``: no loop over queries.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array, check_scalar
from mlinterview.ml.metrics._labels import check_weights


def _check_ranking(y_true, y_score, sample_weight, k, *, non_negative=False):
    y_true = check_array(y_true, "y_true")
    y_score = check_array(y_score, "y_score")
    if y_true.shape != y_score.shape:
        raise ValueError(f"y_true and y_score: expected the same shape (n_queries, "
                         f"n_documents), got {y_true.shape} and {y_score.shape}")
    if y_true.shape[1] < 2:
        raise ValueError(f"y_true: expected at least 2 documents per query, got "
                         f"{y_true.shape[1]}")
    if non_negative and (y_true < 0).any():
        raise ValueError("y_true: expected non-negative relevance grades, found a negative")
    if k is not None:
        check_scalar(k, "k", int, lo=1)
    w = check_weights(sample_weight, len(y_true))
    return y_true, y_score, w


def _discounts(n_docs: int, k: int | None, log_base: float) -> np.ndarray:
    """``1 / log_base(i + 2)`` for ranks i = 0..n-1, zero from rank ``k`` on."""
    d = 1.0 / (np.log(np.arange(n_docs) + 2.0) / np.log(log_base))
    if k is not None:
        d[k:] = 0.0
    return d


def _descending(y_score: np.ndarray) -> np.ndarray:
    """Per-row order of documents by descending score (stable: earlier column first)."""
    return np.argsort(-y_score, axis=1, kind="stable")


def _dcg_per_query(y_true, y_score, k, log_base, ignore_ties):
    n, m = y_true.shape
    disc = _discounts(m, k, log_base)
    order = _descending(y_score)
    gains = np.take_along_axis(y_true, order, axis=1)
    if ignore_ties:
        return gains @ disc
    # Tied scores form groups along each sorted row; each document of a group gets the
    # group's mean gain (the expected DCG over all orders of the ties).
    scores = np.take_along_axis(y_score, order, axis=1)
    new_group = np.ones((n, m), dtype=bool)
    new_group[:, 1:] = scores[:, 1:] != scores[:, :-1]
    group = np.cumsum(new_group.ravel()) - 1                  # global group ids, row-major
    n_groups = group[-1] + 1
    gain_sum = np.bincount(group, weights=gains.ravel(), minlength=n_groups)
    size = np.bincount(group, minlength=n_groups)
    disc_sum = np.bincount(group, weights=np.tile(disc, n), minlength=n_groups)
    per_group = gain_sum / size * disc_sum
    row_of_group = np.repeat(np.arange(n), new_group.sum(axis=1))
    return np.bincount(row_of_group, weights=per_group, minlength=n)


def dcg_score(y_true, y_score, *, k=None, log_base=2, sample_weight=None, ignore_ties=False):
    """Discounted cumulative gain ``sum_i rel_(i) / log_base(i + 1)`` over the top ``k``
    ranks, averaged over queries.

    Parameters
    ----------
    y_true : (n_queries, n_documents) relevance; y_score : same shape, scores
    k : int, optional; only the first ``k`` ranks count
    ignore_ties : bool; if True, tied scores keep their column order (faster)
    """
    y_true, y_score, w = _check_ranking(y_true, y_score, sample_weight, k)
    check_scalar(log_base, "log_base", lo=1.0, include_lo=False)
    return float(np.average(_dcg_per_query(y_true, y_score, k, log_base, ignore_ties),
                            weights=w))


def ndcg_per_query(y_true, y_score, *, k=None, ignore_ties=False) -> np.ndarray:
    """NDCG@k of each query, shape (n_queries,): DCG divided by the DCG of the ideal
    order; a query with no relevant document scores 0."""
    y_true, y_score, _ = _check_ranking(y_true, y_score, None, k, non_negative=True)
    dcg = _dcg_per_query(y_true, y_score, k, 2, ignore_ties)
    ideal = _dcg_per_query(y_true, y_true, k, 2, True)
    return np.divide(dcg, ideal, out=np.zeros_like(dcg), where=ideal > 0)


def ndcg_score(y_true, y_score, *, k=None, sample_weight=None, ignore_ties=False):
    """Normalised DCG in [0, 1], averaged over queries (see :func:`ndcg_per_query`).

    ``y_true`` of shape (n_queries, n_documents) must be non-negative.
    """
    y_true, y_score, w = _check_ranking(y_true, y_score, sample_weight, k, non_negative=True)
    return float(np.average(ndcg_per_query(y_true, y_score, k=k, ignore_ties=ignore_ties),
                            weights=w))


def mean_reciprocal_rank(y_true, y_score, *, sample_weight=None):
    """Mean over queries of ``1 / rank`` of the first relevant document (``y_true > 0``).

    Ranks start at 1; tied scores keep column order; a query without a relevant document
    contributes 0.
    """
    y_true, y_score, w = _check_ranking(y_true, y_score, sample_weight, None)
    rel = np.take_along_axis(y_true > 0, _descending(y_score), axis=1)
    first = rel.argmax(axis=1)
    rr = np.where(rel.any(axis=1), 1.0 / (first + 1), 0.0)
    return float(np.average(rr, weights=w))


def average_precision_at_k(y_true, y_score, *, k=None, sample_weight=None):
    """Mean over queries of AP@k = (1 / min(k, R)) * sum_{i <= k} P@i * rel_i.

    ``rel_i`` is 1 when the document at rank i is relevant (``y_true > 0``), ``P@i`` the
    precision of the top i, ``R`` the query's number of relevant documents (queries with
    R = 0 contribute 0). Averaged over queries this is MAP@k.
    """
    y_true, y_score, w = _check_ranking(y_true, y_score, sample_weight, k)
    m = y_true.shape[1]
    k = m if k is None else min(k, m)
    rel = np.take_along_axis(y_true > 0, _descending(y_score), axis=1)[:, :k]
    precision_at_i = np.cumsum(rel, axis=1) / np.arange(1, k + 1)
    n_rel = (y_true > 0).sum(axis=1)
    denom = np.minimum(n_rel, k)
    ap = np.divide((precision_at_i * rel).sum(axis=1), denom, out=np.zeros(len(rel)),
                   where=denom > 0)
    return float(np.average(ap, weights=w))
