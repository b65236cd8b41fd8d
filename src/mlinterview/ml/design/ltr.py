"""Learning to rank beyond RankNet: LambdaRank, ListNet, and losses for biased clicks.

Scores and labels are matrices of shape (n_queries, n_docs), one query per row; every
loss below is a 0-d :class:`~mlinterview.ml.autograd.Tensor` built from existing autograd
ops, so its gradient comes for free. Pairs come from
:func:`mlinterview.ml.ranking.pairwise_indices` (RankNet itself is
:func:`mlinterview.ml.ranking.ranknet_loss`).

- :func:`lambdarank_lambdas`: the LambdaRank gradient of each score. For every pair
  ``i ≻ j`` (grade_i > grade_j) the RankNet gradient ``-σ / (1 + exp(σ (s_i - s_j)))`` is
  scaled by ``|ΔNDCG_ij|``, the change in NDCG@k if i and j swapped positions in the
  current ranking; ``λ_i`` sums the pairs where i is the better document minus those where
  it is the worse. Pairs that would move the top of the list weigh most; pairs both below
  k weigh nothing.
- :func:`lambdarank_loss`: a surrogate whose gradient is exactly those lambdas divided by
  n_queries (``|ΔNDCG|`` computed from the current scores, treated as a constant).
- :func:`listnet_loss`: ListNet's top-one cross-entropy between ``softmax(grades)`` and
  ``softmax(scores)`` per query.
- :func:`ips_pointwise_loss`, :func:`ips_pairwise_loss`, :func:`ips_listwise_loss`: the
  three families trained on clicks, each click weighted by ``1 / θ`` of its position
  (:func:`mlinterview.ml.design.clicks.ipw_weights`); with ``propensity=None`` they are
  the naive click losses. Each is linear in the weighted clicks, so its expectation over
  clicks equals the same loss on true relevance: the correction is unbiased.
- :func:`fit_linear_scorer`: full-batch Adam on a linear scorer for any of these losses.

Sources: Burges, "From RankNet to LambdaRank to LambdaMART: An Overview" (MSR-TR-2010-82);
Cao, Qin, Liu, Tsai and Li, "Learning to Rank: From Pairwise Approach to Listwise
Approach" (ICML 2007); Joachims, Swaminathan and Schnabel, "Unbiased Learning-to-Rank
with Biased Feedback" (WSDM 2017); Ai et al., "Unbiased Learning to Rank with Unbiased
Propensity Estimation" (SIGIR 2018); Saito et al., "Unbiased Recommender Learning from
Missing-Not-At-Random Implicit Feedback" (WSDM 2020).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlinterview.ml._validation import check_array, check_option, check_scalar
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.design.clicks import ipw_weights
from mlinterview.ml.nn import functional as F
from mlinterview.ml.optim import Adam
from mlinterview.ml.ranking import pairwise_indices

__all__ = [
    "GAINS",
    "fit_linear_scorer",
    "ips_listwise_loss",
    "ips_pairwise_loss",
    "ips_pointwise_loss",
    "lambdarank_lambdas",
    "lambdarank_loss",
    "listnet_loss",
    "swap_delta_ndcg",
]

#: Gain of a grade in DCG: Burges' LambdaRank uses 2^g - 1; scikit-learn's ndcg_score and
#: :func:`mlinterview.ml.metrics.ndcg_score` use the grade itself.
GAINS = {"exp2": lambda g: 2.0 ** g - 1.0, "linear": lambda g: g}


def _check_pair(scores, grades) -> tuple[np.ndarray, np.ndarray]:
    s = check_array(scores, "scores").astype(np.float64, copy=False)
    g = check_array(grades, "grades").astype(np.float64, copy=False)
    if s.shape != g.shape:
        raise ValueError(f"scores and grades: expected the same shape (n_queries, n_docs), "
                         f"got {s.shape} and {g.shape}")
    if g.min() < 0:
        raise ValueError(f"grades: expected non-negative relevance grades, got {g.min():g}")
    return s, g


def _tensor_scores(scores, shape: tuple[int, int]) -> Tensor:
    if not isinstance(scores, Tensor):
        raise TypeError(f"scores: expected a Tensor, got {type(scores).__name__}")
    if scores.data.shape != shape:
        raise ValueError(f"scores: expected shape {shape} (n_queries, n_docs), got "
                         f"{scores.data.shape}")
    return scores


def swap_delta_ndcg(scores, grades, *, k: int | None = None, gain: str = "exp2"
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair with different grades and how much NDCG@k changes if the two swap.

    Returns ``(hi, lo, delta)``: flat indices into the (n_queries, n_docs) matrices of the
    better and the worse document of each same-query pair, and ``|ΔNDCG@k|`` of swapping
    their positions in the ranking by descending score (ties: earlier column first),

        |ΔNDCG_ij| = |G_i - G_j| · |D(rank_i) - D(rank_j)| / IDCG@k,

    with gain ``G = GAINS[gain](grade)`` and discount ``D(r) = 1 / log2(r + 1)`` for
    1-based ranks r <= k, 0 below. All shapes (n_pairs,).
    """
    s, g = _check_pair(scores, grades)
    check_option(gain, "gain", GAINS)
    n_q, n_docs = s.shape
    k = n_docs if k is None else min(check_scalar(k, "k", int, lo=1), n_docs)
    discount = np.zeros(n_docs)
    discount[:k] = 1.0 / np.log2(np.arange(2, k + 2))
    gains = GAINS[gain](g)
    rank = np.empty((n_q, n_docs), dtype=np.int64)                 # 0-based position
    np.put_along_axis(rank, np.argsort(-s, axis=1, kind="stable"), np.arange(n_docs), axis=1)
    disc = discount[rank].ravel()
    ideal = -np.sort(-gains, axis=1) @ discount                       # IDCG@k per query
    hi, lo = pairwise_indices(g)
    flat = gains.ravel()
    # A pair exists only if the query has a grade above its minimum, so IDCG > 0.
    delta = np.abs(flat[hi] - flat[lo]) * np.abs(disc[hi] - disc[lo]) / ideal[hi // n_docs]
    return hi, lo, delta


def lambdarank_lambdas(scores, grades, *, sigma: float = 1.0, k: int | None = None,
                       gain: str = "exp2") -> np.ndarray:
    """LambdaRank's gradient ``λ`` of every score, shape (n_queries, n_docs).

    For each pair with ``grade_i > grade_j``:
    ``λ_ij = -σ / (1 + exp(σ (s_i - s_j))) · |ΔNDCG_ij|`` (:func:`swap_delta_ndcg`), and
    ``λ_i = Σ_{j: i ≻ j} λ_ij - Σ_{j: j ≻ i} λ_ji``. A gradient, as in Burges (2010) and
    LightGBM: negative means "raise this score", and gradient descent moves
    ``s ← s - η λ``. Each row sums to 0 (every pair pushes its two documents equally and
    oppositely). Vectorised over pairs with ``np.bincount``.
    """
    check_scalar(sigma, "sigma", lo=0.0, include_lo=False)
    s, _ = _check_pair(scores, grades)
    hi, lo, delta = swap_delta_ndcg(scores, grades, k=k, gain=gain)
    flat = s.ravel()
    # 1 / (1 + exp(x)) computed as exp(-log(1 + exp(x))): no overflow for any gap.
    lam = -sigma * np.exp(-np.logaddexp(0.0, sigma * (flat[hi] - flat[lo]))) * delta
    out = np.bincount(hi, weights=lam, minlength=s.size) - np.bincount(lo, weights=lam,
                                                                        minlength=s.size)
    return out.reshape(s.shape)


def lambdarank_loss(scores: Tensor, grades, *, sigma: float = 1.0, k: int | None = None,
                    gain: str = "exp2") -> Tensor:
    """``(1 / n_queries) Σ_pairs |ΔNDCG_ij| · log(1 + exp(-σ (s_i - s_j)))``, a 0-d Tensor.

    ``|ΔNDCG|`` is recomputed from the current scores at every call and treated as a
    constant, so the gradient with respect to ``scores`` (n_queries, n_docs) is exactly
    :func:`lambdarank_lambdas` / n_queries. (LambdaRank has no loss whose gradient is the
    lambdas everywhere; this surrogate agrees with them at the point where it is built.)
    """
    check_scalar(sigma, "sigma", lo=0.0, include_lo=False)
    g = check_array(grades, "grades")
    s = _tensor_scores(scores, g.shape)
    hi, lo, delta = swap_delta_ndcg(s.data, g, k=k, gain=gain)
    if hi.size == 0:
        raise ValueError("grades: no query has two documents with different grades")
    flat = s.reshape(-1)
    pair_loss = -F.logsigmoid((flat[hi] - flat[lo]) * float(sigma))
    return (pair_loss * delta).sum() / g.shape[0]


def _list_cross_entropy(scores: Tensor, weights: np.ndarray) -> Tensor:
    """``-(1 / n_queries) Σ_q Σ_i w_qi log softmax(s_q)_i``."""
    # Weights in the scores' dtype: float32 scores give a float32 loss.
    w = weights.astype(scores.data.dtype, copy=False)
    return -(F.log_softmax(scores, dim=1) * w).sum() / weights.shape[0]


def listnet_loss(scores: Tensor, grades) -> Tensor:
    """ListNet (top-one): mean over queries of the cross-entropy
    ``-Σ_i softmax(grades)_i · log softmax(scores)_i``, a 0-d Tensor.

    ``scores`` is a Tensor and ``grades`` an array, both (n_queries, n_docs). Built from
    ``log_softmax``, which subtracts the row maximum, so any score scale is safe.
    Minimised (at the entropy of the target) when the two distributions agree.
    """
    g = check_array(grades, "grades")
    s = _tensor_scores(scores, g.shape)
    target = np.exp(g - g.max(axis=1, keepdims=True))
    return _list_cross_entropy(s, target / target.sum(axis=1, keepdims=True))


def _click_weights(clicks, propensity, clip) -> np.ndarray:
    c = check_array(clicks, "clicks")
    if not np.isin(c, (0.0, 1.0)).all():
        raise ValueError("clicks: expected 0/1 clicks")
    return ipw_weights(c, 1.0 if propensity is None else propensity, clip=clip)


def ips_pointwise_loss(scores: Tensor, clicks, propensity=None, *,
                       clip: float | None = None) -> Tensor:
    """IPS-weighted logistic loss, mean over impressions:
    ``-[w log σ(s) + (1 - w) log σ(-s)]`` with ``w = c / θ``.

    Unbiased for the logistic loss on the (unseen) relevance because it is linear in
    ``w`` and ``E[w] = P(click | examined)``. Note ``1 - w`` is negative for a click at a
    rarely examined position, so the loss is not bounded below; clip the propensities
    (``clip``) or regularise. ``propensity=None`` is the naive loss on raw clicks.

    Parameters
    ----------
    scores : Tensor (n_queries, n_docs) of logits
    clicks : 0/1 array (n_queries, n_docs)
    propensity : array broadcastable to (n_queries, n_docs): θ of the position each
        document was shown at (a (n_docs,) row when columns are positions)
    """
    w = _click_weights(clicks, propensity, clip)
    s = _tensor_scores(scores, w.shape)
    w = w.astype(s.data.dtype, copy=False)
    return -(F.logsigmoid(s) * w + F.logsigmoid(-s) * (1.0 - w)).mean()


def ips_pairwise_loss(scores: Tensor, clicks, propensity=None, *, sigma: float = 1.0,
                      clip: float | None = None) -> Tensor:
    """IPS-weighted RankNet on clicks (Joachims et al. 2017, with a logistic loss):
    ``(1 / n_queries) Σ_q Σ_{i clicked} (1 / θ_i) Σ_{j ≠ i} log(1 + exp(-σ (s_i - s_j)))``.

    Each clicked document is paired with every other document of its list, so the
    expectation is the same sum over the *relevant* documents: a smooth bound on the sum
    of their ranks. ``propensity=None`` is the naive click-vs-rest loss. Shapes as in
    :func:`ips_pointwise_loss`.
    """
    check_scalar(sigma, "sigma", lo=0.0, include_lo=False)
    w = _click_weights(clicks, propensity, clip)
    s = _tensor_scores(scores, w.shape)
    n_q, n_docs = w.shape
    q, i, j = np.nonzero((w > 0)[:, :, None] & ~np.eye(n_docs, dtype=bool))
    if q.size == 0:
        raise ValueError("clicks: no click with another document in its list to pair with")
    hi, lo = q * n_docs + i, q * n_docs + j
    flat = s.reshape(-1)
    pair_loss = -F.logsigmoid((flat[hi] - flat[lo]) * float(sigma))
    return (pair_loss * w.ravel()[hi]).sum() / n_q


def ips_listwise_loss(scores: Tensor, clicks, propensity=None, *,
                      clip: float | None = None) -> Tensor:
    """IPS-weighted softmax cross-entropy on clicks (Ai et al. 2018):
    ``-(1 / n_queries) Σ_q Σ_i (c_i / θ_i) log softmax(s_q)_i``.

    The listwise counterpart of :func:`listnet_loss` for clicks: each clicked document
    pulls softmax mass towards itself, weighted by 1/θ. Shapes as in
    :func:`ips_pointwise_loss`; ``propensity=None`` is the naive loss.
    """
    w = _click_weights(clicks, propensity, clip)
    return _list_cross_entropy(_tensor_scores(scores, w.shape), w)


def fit_linear_scorer(features, loss_fn: Callable[[Tensor], Tensor], *, epochs: int = 200,
                      lr: float = 0.05, fit_intercept: bool = False, seed: int = 0
                      ) -> tuple[np.ndarray, float]:
    """Fit ``s = features @ coef + intercept`` by full-batch Adam on ``loss_fn(scores)``.

    Parameters
    ----------
    features : (n_queries, n_docs, n_features)
    loss_fn : maps the scores Tensor (n_queries, n_docs) to a 0-d loss Tensor, e.g.
        ``lambda s: listnet_loss(s, grades)``
    fit_intercept : learn a bias (only pointwise losses need one: it cancels in every
        pairwise difference and in every softmax)

    Returns ``(coef, intercept)``: (n_features,) and a float (0.0 without an intercept).
    """
    feats = np.asarray(features, dtype=np.float64)
    if feats.ndim != 3:
        raise ValueError(f"features: expected shape (n_queries, n_docs, n_features), got "
                         f"{feats.shape}")
    check_scalar(epochs, "epochs", int, lo=1)
    check_scalar(lr, "lr", lo=0.0, include_lo=False)
    n_q, n_docs, n_f = feats.shape
    X = Tensor(feats.reshape(-1, n_f))
    rng = np.random.default_rng(seed)
    w = Tensor(rng.normal(scale=0.01, size=n_f), requires_grad=True)
    params = [w]
    b = Tensor(np.zeros(1), requires_grad=True) if fit_intercept else None
    if b is not None:
        params.append(b)
    opt = Adam(params, lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        flat = X @ w if b is None else X @ w + b
        loss_fn(flat.reshape(n_q, n_docs)).backward()
        opt.step()
    return w.data.copy(), (0.0 if b is None else float(b.data[0]))
