"""Pairwise learning to rank: RankNet (Burges et al., 2005) on the autograd engine.

A scorer gives every document of a query a score ``s``. RankNet models the probability that
document ``i`` should rank above ``j`` as ``σ(σ_s (s_i - s_j))`` and fits it by maximum
likelihood on every same-query pair whose grades differ (grade_i > grade_j), i.e. it
minimises the logistic loss ``log(1 + exp(-σ_s (s_i - s_j)))`` averaged over those pairs.
Only score *differences inside a query* enter, so anything that shifts all documents of a
query equally (query popularity, say) cannot hurt it, unlike a pointwise regression on the
grades. Evaluate with :func:`mlinterview.ml.metrics.ndcg_score`.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array, check_scalar
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.optim import Adam

__all__ = ["fit_ranknet", "pairwise_indices", "ranknet_loss"]


def _check_grades(grades) -> np.ndarray:
    g = check_array(grades, "grades", min_samples=1)
    return g.astype(np.float64, copy=False)


def pairwise_indices(grades) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices ``(hi, lo)`` into ``grades.ravel()`` of every same-query pair with
    ``grades[q, hi] > grades[q, lo]``; ``grades`` has shape (n_queries, n_docs). All pairs
    come from one broadcast comparison (no loop over queries or documents)."""
    g = _check_grades(grades)
    n_docs = g.shape[1]
    q, a, b = np.nonzero(g[:, :, None] > g[:, None, :])
    return q * n_docs + a, q * n_docs + b


def ranknet_loss(scores: Tensor, grades, *, sigma: float = 1.0) -> Tensor:
    """Mean RankNet loss ``log(1 + exp(-sigma (s_hi - s_lo)))`` over all ordered pairs.

    Parameters
    ----------
    scores : Tensor of shape (n_queries, n_docs) (or anything with that many elements)
    grades : array of shape (n_queries, n_docs), higher = more relevant
    sigma : float > 0, the steepness of the pair probability

    Returns a 0-d Tensor, differentiable with respect to ``scores``. Computed as
    ``-logsigmoid`` of the differences, which stays finite for any score gap.
    """
    check_scalar(sigma, "sigma", lo=0.0, include_lo=False)
    g = _check_grades(grades)
    if not isinstance(scores, Tensor):
        raise TypeError(f"scores: expected a Tensor, got {type(scores).__name__}")
    if scores.data.size != g.size:
        raise ValueError(f"scores: expected {g.size} elements to match grades of shape "
                         f"{g.shape}, got shape {scores.data.shape}")
    hi, lo = pairwise_indices(g)
    if hi.size == 0:
        raise ValueError("grades: no query has two documents with different grades, so "
                         "there is no pair to learn from")
    flat = scores.reshape(-1)
    return -F.logsigmoid((flat[hi] - flat[lo]) * float(sigma)).mean()


def fit_ranknet(features, grades, *, epochs: int = 200, lr: float = 0.05, sigma: float = 1.0,
                seed: int = 0) -> np.ndarray:
    """Weights ``w`` (n_features,) of a linear scorer ``s = features @ w`` trained with
    :func:`ranknet_loss` by full-batch Adam.

    ``features`` has shape (n_queries, n_docs, n_features), ``grades`` (n_queries, n_docs).
    A bias would cancel in every difference, so there is none.
    """
    feats = np.asarray(features, dtype=np.float64)
    g = _check_grades(grades)
    if feats.ndim != 3 or feats.shape[:2] != g.shape:
        raise ValueError(f"features: expected shape (n_queries, n_docs, n_features) with "
                         f"(n_queries, n_docs) = {g.shape}, got {feats.shape}")
    check_scalar(epochs, "epochs", int, lo=1)
    X = Tensor(feats.reshape(-1, feats.shape[-1]))
    rng = np.random.default_rng(seed)
    w = Tensor(rng.normal(scale=0.01, size=feats.shape[-1]), requires_grad=True)
    opt = Adam([w], lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = ranknet_loss(X @ w, g, sigma=sigma)
        loss.backward()
        opt.step()
    return w.data.copy()
