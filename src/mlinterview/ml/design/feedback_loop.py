"""Fraud detection's feedback loop: labels that arrive late, and only for what was let through.

A fraud model decides which transactions to block, and a transaction's label (a
chargeback, weeks later) exists only if it was *allowed*: a blocked fraud never charges
back, a blocked good customer never proves they were good. A model retrained on the
labels its own decisions produced learns nothing about the region it blocks, and a
flexible model (trees, or the binned scorecard here) predicts there whatever its nearest
data or its regulariser says: it forgets the fraud it was stopping, lets it through,
pays for it, relearns it, and oscillates. The fraud rate measured on labelled traffic is
biased low for the same reason.

The fix is **exploration**: let a small random share ``ε`` of the would-be-blocked
transactions through and weight their labels by ``1 / ε`` (inverse propensity
weighting). Every transaction then has a known, non-zero probability of being labelled,
so weighted averages over the labelled ones are unbiased for the whole stream and the
model sees (weighted) examples of the blocked region. It costs the fraud that the
explored transactions commit.

What this module gives:

- :func:`simulate_transactions`: a seeded stream (features, fraud flag, amount,
  chargeback delay) where fraud comes from two patterns and the share of the new one
  grows (shifting fraud); :func:`fraud_posterior` is its exact ``P(fraud | x)``, the
  calibrated score a perfect model would give.
- :class:`Scorecard`: logistic regression (:class:`~mlinterview.ml.linear_model.LogisticRegression`)
  on one-hot quantile bins of each feature, the classic fraud and credit scorecard.
  Bins without training data keep coefficient 0 (the L2 prior): it does not extrapolate.
- :func:`exploration_policy`, :func:`ipw_fraud_rate`: the decision with exploration and the
  Horvitz-Thompson (or self-normalised Hájek) estimate of the stream's fraud rate.
- :func:`label_maturity`, :func:`maturity_corrected_rate`: the share of chargebacks that
  have arrived ``d`` days after the transaction (empirical CDF of the delays of a mature
  cohort), and a recent fraud rate corrected for the labels still on their way.
- :func:`bayes_threshold`, :func:`expected_cost`, :func:`best_expected_cost_threshold`,
  :func:`decision_cost`: the money view of the threshold. With calibrated probabilities,
  blocking costs ``c_FP (1 − p)`` in expectation and allowing costs ``c_FN p``, so the best
  threshold is ``p* = c_FP / (c_FP + c_FN)``. Thresholds chosen on labelled data come from
  :func:`mlinterview.ml.metrics.best_threshold`.
- :func:`run_feedback_loop`: rounds of score, block (with or without exploration),
  wait for the chargebacks, retrain on what arrived; the per-round truth and estimates.

Sources: Lakkaraju et al., "The Selective Labels Problem" (KDD 2017); Horvitz and
Thompson, "A Generalization of Sampling Without Replacement from a Finite Universe"
(JASA 1952); Bottou et al., "Counterfactual Reasoning and Learning Systems" (JMLR 2013);
Elkan, "The Foundations of Cost-Sensitive Learning" (IJCAI 2001); Dal Pozzolo et al.,
"Credit Card Fraud Detection: A Realistic Modeling and a Novel Learning Strategy"
(IEEE TNNLS 2018), on delayed and feedback-only labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from scipy.special import expit

from mlinterview.ml._validation import (
    check_1d,
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin
from mlinterview.ml.linear_model import LogisticRegression

#: Centre of each fraud pattern in feature space (good transactions are N(0, I)):
#: pattern 0, the known one, is extreme on feature 0 (say, card-testing velocity);
#: pattern 1, the new one, on feature 2 (say, a device never seen on the account).
PATTERN_SHIFT = 3.0
#: Log-normal amounts, median $80 (mean $132), the same for good and fraud, so that
#: ``P(fraud | x)`` stays the exact posterior given the amount too.
LOG_AMOUNT, LOG_AMOUNT_SD = np.log(80.0), 1.0
#: Extra bin edges for the loop's scorecard: deciles of good-dominated history put
#: everything above 1.28 in one bin, too coarse for the tails where fraud lives.
TAIL_EDGES = (2.0, 2.5, 3.0, 3.5)


# -- the transaction stream ----------------------------------------------------------------

class Transactions(NamedTuple):
    """A batch of simulated transactions, each field of shape (n,) except ``X (n, d)``."""

    X: np.ndarray            # features
    is_fraud: np.ndarray     # bool: the truth, known to the simulator only
    pattern: np.ndarray      # -1 for good, else the fraud pattern (0 known, 1 new)
    amount: np.ndarray       # dollars: the loss if a fraud is allowed
    day: np.ndarray          # when it happened
    delay: np.ndarray        # days from the transaction to its chargeback (inf if good)


def _pattern_centres(n_features: int) -> np.ndarray:
    """(2, n_features): the centre of the known (row 0) and the new (row 1) pattern."""
    centres = np.zeros((2, n_features))
    centres[0, 0] = centres[1, 2] = PATTERN_SHIFT
    return centres


def _check_stream_args(fraud_rate, new_pattern_share, n_features):
    check_scalar(fraud_rate, "fraud_rate", lo=0.0, hi=1.0, include_lo=False, include_hi=False)
    check_scalar(new_pattern_share, "new_pattern_share", lo=0.0, hi=1.0)
    check_scalar(n_features, "n_features", int, lo=3)


def simulate_transactions(n: int, *, fraud_rate: float = 0.03, new_pattern_share: float = 0.0,
                          n_features: int = 4, start_day: float = 0.0, days: float = 7.0,
                          delay_shape: float = 2.0, delay_scale: float = 4.0,
                          random_state=None) -> Transactions:
    """``n`` transactions spread uniformly over ``[start_day, start_day + days)``.

    Good transactions have features ``N(0, I)``; a fraud comes from the known pattern
    (centre ``3 e_0``) or, with probability ``new_pattern_share``, from the new one
    (centre ``3 e_2``), with unit variance around the centre. A fraud's chargeback
    arrives after a Gamma(``delay_shape``, ``delay_scale``) delay in days (mean
    ``shape · scale``, 8 days by default); good transactions never charge back
    (``delay = inf``). Amounts are log-normal with median $80 for both classes.
    """
    check_scalar(n, "n", int, lo=1)
    _check_stream_args(fraud_rate, new_pattern_share, n_features)
    check_scalar(days, "days", lo=0.0, include_lo=False)
    check_scalar(delay_shape, "delay_shape", lo=0.0, include_lo=False)
    check_scalar(delay_scale, "delay_scale", lo=0.0, include_lo=False)
    rng = check_random_state(random_state)
    is_fraud = rng.random(n) < fraud_rate
    pattern = np.where(is_fraud, (rng.random(n) < new_pattern_share).astype(np.int64), -1)
    X = rng.standard_normal((n, n_features))
    X[is_fraud] += _pattern_centres(n_features)[pattern[is_fraud]]
    amount = np.exp(LOG_AMOUNT + LOG_AMOUNT_SD * rng.standard_normal(n))
    day = start_day + days * rng.random(n)
    delay = np.where(is_fraud, rng.gamma(delay_shape, delay_scale, n), np.inf)
    return Transactions(X, is_fraud, pattern, amount, day, delay)


def fraud_posterior(X, *, fraud_rate: float = 0.03, new_pattern_share: float = 0.0
                    ) -> np.ndarray:
    """Exact ``P(fraud | x)`` of the simulated stream, shape (n,): the calibrated score.

    With unit-variance Gaussians, the density ratio of a pattern centred at ``c`` to the
    good transactions is ``exp(x·c − |c|²/2)``, so
    ``odds = π / (1 − π) · Σ_k w_k exp(x·c_k − |c_k|²/2)`` with pattern weights ``w``.
    """
    X = check_array(X, "X")
    _check_stream_args(fraud_rate, new_pattern_share, X.shape[1])
    centres = _pattern_centres(X.shape[1])
    weights = np.array([1.0 - new_pattern_share, new_pattern_share])
    with np.errstate(divide="ignore"):
        log_ratio = X @ centres.T - 0.5 * (centres**2).sum(axis=1) + np.log(weights)
    # log-sum-exp over the two patterns, then the logistic of the log-odds
    top = log_ratio.max(axis=1)
    log_odds = (np.log(fraud_rate / (1 - fraud_rate)) + top
                + np.log(np.exp(log_ratio - top[:, None]).sum(axis=1)))
    return expit(log_odds)                  # stable for any log-odds


# -- the model: a binned scorecard ---------------------------------------------------------

def quantile_edges(X, n_bins: int = 10) -> list[np.ndarray]:
    """Inner bin edges per feature: the ``1/n_bins, ..., (n_bins−1)/n_bins`` quantiles of
    each column of ``X (n, d)``; a list of ``d`` arrays of ``n_bins − 1`` edges."""
    X = check_array(X, "X")
    check_scalar(n_bins, "n_bins", int, lo=2)
    qs = np.linspace(0, 1, n_bins + 1)[1:-1]
    return list(np.quantile(X, qs, axis=0).T)


def bin_one_hot(X, edges: list[np.ndarray]) -> np.ndarray:
    """One-hot bin membership, shape (n, Σ_j (len(edges[j]) + 1)): feature ``j`` falls in
    bin ``k`` when ``edges[j][k−1] <= x < edges[j][k]`` (the outer bins are open)."""
    X = check_array(X, "X")
    if len(edges) != X.shape[1]:
        raise ValueError(f"edges: expected one array per feature ({X.shape[1]}), got "
                         f"{len(edges)}")
    sizes = np.array([len(e) + 1 for e in edges])
    offsets = np.r_[0, np.cumsum(sizes)[:-1]]
    codes = np.stack([np.searchsorted(e, X[:, j], side="right")
                      for j, e in enumerate(edges)], axis=1) + offsets
    out = np.zeros((X.shape[0], sizes.sum()))
    np.put_along_axis(out, codes, 1.0, axis=1)
    return out


class Scorecard(ClassifierMixin, BaseEstimator):
    """Logistic regression on one-hot quantile bins of every feature (a scorecard).

    Parameters
    ----------
    edges : list of arrays or None. Fixed inner bin edges per feature (the feature
        pipeline); ``None`` takes ``quantile_edges(X, n_bins)`` of the training data.
    n_bins : int, bins per feature when ``edges`` is None.
    C : float, inverse L2 strength. A bin with no training rows gets coefficient 0: the
        model's prediction there is whatever the other bins and the intercept give.

    Attributes: ``edges_``, ``model_`` (the fitted LogisticRegression), ``classes_``.
    """

    def __init__(self, edges=None, n_bins: int = 10, C: float = 1.0):
        self.edges = edges
        self.n_bins = n_bins
        self.C = C

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X (n, d)``, 0/1 labels ``y (n,)`` and optional weights (n,)."""
        X = check_array(X, "X")
        self.edges_ = quantile_edges(X, self.n_bins) if self.edges is None else self.edges
        self.model_ = LogisticRegression(C=self.C).fit(bin_one_hot(X, self.edges_), y,
                                                       sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        """(n, 2) class probabilities."""
        check_is_fitted(self, ["model_"])
        return self.model_.predict_proba(bin_one_hot(X, self.edges_))


# -- exploration and inverse propensity weighting ----------------------------------------

def exploration_policy(scores, threshold: float, epsilon: float, *, random_state=None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Block ``score >= threshold``, except a random share ``epsilon`` of those, let through.

    Returns ``(allowed, propensity)``, each of shape (n,): ``allowed`` is bool, and
    ``propensity`` is each transaction's probability of being allowed (and so labelled):
    1 below the threshold, ``epsilon`` at or above it. ``epsilon = 0`` is the plain
    policy with no exploration (propensity 0 where blocked).
    """
    s = check_1d(scores, "scores").astype(np.float64)
    check_scalar(threshold, "threshold")
    check_scalar(epsilon, "epsilon", lo=0.0, hi=1.0)
    rng = check_random_state(random_state)
    block = s >= threshold
    explore = block & (rng.random(len(s)) < epsilon)
    return ~block | explore, np.where(block, float(epsilon), 1.0)


def ipw_fraud_rate(is_fraud, allowed, propensity, *, normalize: bool = False) -> float:
    """Fraud rate of the whole stream from the labels of the allowed transactions.

    Horvitz-Thompson: ``Σ_allowed y_i / π_i / n``, with ``π_i`` the propensity of being
    allowed. Each transaction ``i`` contributes ``y_i / π_i`` with probability ``π_i``,
    so its expected contribution is ``y_i``: unbiased whenever every ``π_i > 0``.
    ``normalize=True`` gives the self-normalised (Hájek) estimate, which divides by
    ``Σ_allowed 1 / π_i`` instead of ``n`` (slightly biased, lower variance).
    ``is_fraud`` is read only where ``allowed``: a blocked transaction's label is unknown
    and may be anything. All inputs of shape (n,).
    """
    y = check_1d(is_fraud, "is_fraud").astype(np.float64)
    a = check_1d(allowed, "allowed").astype(bool)
    p = check_1d(propensity, "propensity").astype(np.float64)
    check_consistent_length(is_fraud=y, allowed=a, propensity=p)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("propensity: expected probabilities in [0, 1]")
    if np.any(a & (p == 0)):
        raise ValueError("propensity: an allowed transaction has propensity 0")
    if np.any(p == 0):
        raise ValueError("propensity: some transactions can never be labelled (propensity 0);"
                         " the fraud rate is not identifiable without exploration")
    w = np.where(a, 1.0 / p, 0.0)
    total = np.sum(w * np.where(a, y, 0.0))
    return float(total / (w.sum() if normalize else len(y)))


# -- label delay ---------------------------------------------------------------------------

def label_maturity(delays, days) -> np.ndarray:
    """Share of eventual chargebacks that have arrived ``d`` days after the transaction.

    ``delays`` (m,): the delays in days of the chargebacks of a cohort old enough that
    all of them have arrived; ``days`` (scalar or (k,)): the ages. Returns the empirical
    CDF ``#{delay <= d} / m`` at each age, same shape as ``days``.
    """
    dl = np.sort(check_1d(delays, "delays").astype(np.float64))
    if np.any(np.isnan(dl)) or np.any(dl < 0):
        raise ValueError("delays: expected non-negative delays in days")
    d = np.asarray(days, dtype=np.float64)
    return np.searchsorted(dl, d, side="right") / len(dl)


def maturity_corrected_rate(observed_frauds, n_transactions, maturity) -> float:
    """Fraud rate of recent cohorts whose chargebacks are still arriving.

    A cohort of ``n_c`` transactions at age ``d_c`` with fraud rate ``r`` shows
    ``r · n_c · F(d_c)`` chargebacks on average, ``F`` the label maturity. Pooling the
    cohorts gives the ratio estimate ``r = Σ observed_c / Σ n_c F(d_c)``. Inputs of
    shape (n_cohorts,) (or scalars for one cohort); ``maturity`` in (0, 1].
    """
    obs = np.atleast_1d(np.asarray(observed_frauds, dtype=np.float64))
    n = np.atleast_1d(np.asarray(n_transactions, dtype=np.float64))
    f = np.atleast_1d(np.asarray(maturity, dtype=np.float64))
    check_consistent_length(observed_frauds=obs, n_transactions=n, maturity=f)
    if np.any(obs < 0) or np.any(obs > n):
        raise ValueError("observed_frauds: expected counts between 0 and n_transactions")
    if np.any(f < 0) or np.any(f > 1):
        raise ValueError("maturity: expected shares in [0, 1]")
    expected_share = np.sum(n * f)
    if expected_share <= 0:
        raise ValueError("maturity: no cohort has any labels yet (Σ n·F is 0)")
    return float(obs.sum() / expected_share)


# -- costs and thresholds ------------------------------------------------------------------

def bayes_threshold(cost_fp: float, cost_fn: float) -> float:
    """Cost-optimal threshold on a calibrated probability: ``c_FP / (c_FP + c_FN)``.

    Blocking a transaction with fraud probability ``p`` costs ``c_FP (1 − p)`` in
    expectation (a good customer turned away), allowing it costs ``c_FN p``; blocking is
    cheaper exactly when ``p > c_FP / (c_FP + c_FN)``.
    """
    check_scalar(cost_fp, "cost_fp", lo=0.0)
    check_scalar(cost_fn, "cost_fn", lo=0.0)
    if cost_fp + cost_fn == 0:
        raise ValueError("cost_fp, cost_fn: at least one cost must be positive")
    return cost_fp / (cost_fp + cost_fn)


def _costs(value, name: str, n: int) -> np.ndarray:
    c = np.broadcast_to(np.asarray(value, dtype=np.float64), (n,))
    if np.any(~np.isfinite(c)) or np.any(c < 0):
        raise ValueError(f"{name}: expected finite non-negative costs")
    return c


def expected_cost(y_prob, thresholds, *, cost_fp, cost_fn) -> np.ndarray:
    """Expected total cost of blocking ``p >= t``, for each threshold ``t``.

    ``Σ_{p_i >= t} c_FP,i (1 − p_i) + Σ_{p_i < t} c_FN,i p_i`` for calibrated
    probabilities ``y_prob (n,)``; the costs are scalars or per-transaction arrays (n,)
    (a missed fraud usually costs its amount). ``thresholds`` scalar or (k,); returns the
    same shape. One sort and two cumulative sums: no loop over thresholds.
    """
    p = check_1d(y_prob, "y_prob").astype(np.float64)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("y_prob: expected probabilities in [0, 1]")
    c_fp, c_fn = _costs(cost_fp, "cost_fp", len(p)), _costs(cost_fn, "cost_fn", len(p))
    t = np.asarray(thresholds, dtype=np.float64)
    order = np.argsort(p)
    p, c_fp, c_fn = p[order], c_fp[order], c_fn[order]
    # below[k] = cost of allowing the k lowest; above[k] = cost of blocking the rest
    below = np.r_[0.0, np.cumsum(c_fn * p)]
    above = np.r_[np.cumsum((c_fp * (1 - p))[::-1])[::-1], 0.0]
    k = np.searchsorted(p, t, side="left")          # how many have p < t
    return below[k] + above[k]


def best_expected_cost_threshold(y_prob, *, cost_fp, cost_fn) -> tuple[float, float]:
    """The candidate threshold (a distinct probability, or ``inf``: block nothing) with
    the lowest :func:`expected_cost`, and that cost. Ties go to the highest threshold.
    For scalar costs it is the smallest ``p_i >= c_FP / (c_FP + c_FN)``."""
    p = check_1d(y_prob, "y_prob").astype(np.float64)
    candidates = np.r_[np.inf, np.unique(p)[::-1]]
    costs = expected_cost(p, candidates, cost_fp=cost_fp, cost_fn=cost_fn)
    i = int(np.argmin(costs))
    return float(candidates[i]), float(costs[i])


def decision_cost(is_fraud, blocked, *, cost_fp, cost_fn) -> float:
    """Realised cost of decisions: ``Σ c_FN`` over allowed frauds plus ``Σ c_FP`` over
    blocked good transactions; inputs (n,), costs scalars or (n,)."""
    y = check_1d(is_fraud, "is_fraud").astype(bool)
    b = check_1d(blocked, "blocked").astype(bool)
    check_consistent_length(is_fraud=y, blocked=b)
    c_fp, c_fn = _costs(cost_fp, "cost_fp", len(y)), _costs(cost_fn, "cost_fn", len(y))
    return float(c_fn[y & ~b].sum() + c_fp[~y & b].sum())


# -- the loop ------------------------------------------------------------------------------

class LoopHistory(NamedTuple):
    """Per-round records of :func:`run_feedback_loop`, each of shape (n_rounds,)."""

    recall: np.ndarray              # share of the round's frauds that were blocked
    recall_known: np.ndarray        # the same for the known pattern only
    recall_new: np.ndarray          # ... and for the new one (nan before it appears)
    fraud_rate: np.ndarray          # the truth
    naive_rate: np.ndarray          # fraud share among the allowed (labelled) ones
    ipw_rate: np.ndarray            # Horvitz-Thompson estimate (nan without exploration)
    fraud_loss: np.ndarray          # dollars of allowed fraud
    friction_cost: np.ndarray       # c_FP times the good customers blocked
    exploration_loss: np.ndarray    # dollars of fraud among the explored transactions
    n_explored: np.ndarray          # transactions let through by exploration


def _default_model(edges):
    return Scorecard(edges=edges)


def run_feedback_loop(n_rounds: int = 12, *, epsilon: float = 0.0, threshold: float = 0.25,
                      n_per_round: int = 8000, window: int = 3, label_wait: int = 2,
                      fraud_rate: float = 0.03, new_pattern_share: float = 0.5,
                      cost_fp: float = 10.0, model: Callable | None = None,
                      random_state=None) -> LoopHistory:
    """Rounds (weeks) of: score, block (exploring ``epsilon``), wait for chargebacks, retrain.

    The first model is fitted on ``window`` weeks of history before any blocking (all
    labelled). Round ``r`` runs the current model on a fresh week of transactions whose
    new-pattern share rises linearly to ``new_pattern_share`` in the last round. At the
    end of round ``r`` the model is refitted on the allowed transactions of the
    ``window`` weeks ending ``label_wait`` weeks ago, with the chargebacks that had
    arrived by then; explored transactions weigh ``1 / epsilon``. ``model(edges)``
    builds an unfitted classifier (default: :class:`Scorecard` on bins fixed from the
    history: its deciles plus the edges ``TAIL_EDGES``). The rate estimates use each
    week's eventual labels.
    """
    check_scalar(n_rounds, "n_rounds", int, lo=1)
    check_scalar(window, "window", int, lo=1)
    check_scalar(label_wait, "label_wait", int, lo=0)
    check_scalar(n_per_round, "n_per_round", int, lo=10)
    check_scalar(cost_fp, "cost_fp", lo=0.0)
    check_scalar(epsilon, "epsilon", lo=0.0, hi=1.0)
    rng = check_random_state(random_state)
    build = _default_model if model is None else model

    weeks = []                               # (transactions, allowed, weight) per week
    for w in range(window):                  # history: nothing blocked yet
        tx = simulate_transactions(n_per_round, fraud_rate=fraud_rate,
                                   start_day=7.0 * (w - window), random_state=rng)
        weeks.append((tx, np.ones(n_per_round, bool), np.ones(n_per_round)))
    X_hist = np.vstack([tx.X for tx, _, _ in weeks])
    edges = [np.union1d(e, TAIL_EDGES) for e in quantile_edges(X_hist, 10)]
    current = build(edges).fit(X_hist, np.concatenate([tx.is_fraud for tx, _, _ in weeks]))

    rec = {name: np.full(n_rounds, np.nan) for name in LoopHistory._fields}
    for r in range(n_rounds):
        share = new_pattern_share * (r + 1) / n_rounds
        tx = simulate_transactions(n_per_round, fraud_rate=fraud_rate,
                                   new_pattern_share=share, start_day=7.0 * r,
                                   random_state=rng)
        score = current.predict_proba(tx.X)[:, 1]
        allowed, propensity = exploration_policy(score, threshold, epsilon, random_state=rng)
        explored = allowed & (propensity < 1)
        blocked = ~allowed
        y = tx.is_fraud
        rec["recall"][r] = blocked[y].mean() if y.any() else np.nan
        for name, k in (("recall_known", 0), ("recall_new", 1)):
            mask = tx.pattern == k
            rec[name][r] = blocked[mask].mean() if mask.any() else np.nan
        rec["fraud_rate"][r] = y.mean()
        rec["naive_rate"][r] = y[allowed].mean() if allowed.any() else np.nan
        if epsilon > 0:
            rec["ipw_rate"][r] = ipw_fraud_rate(y, allowed, propensity)
        rec["fraud_loss"][r] = tx.amount[allowed & y].sum()
        rec["friction_cost"][r] = cost_fp * np.sum(blocked & ~y)
        rec["exploration_loss"][r] = tx.amount[explored & y].sum()
        rec["n_explored"][r] = explored.sum()
        weeks.append((tx, allowed, np.where(explored, 1.0 / max(epsilon, 1e-300), 1.0)))

        # Retrain at the end of the week on the window that ends label_wait weeks ago,
        # with the chargebacks that have arrived by now.
        now = 7.0 * (r + 1)
        stop = len(weeks) - label_wait
        train = weeks[max(0, stop - window):stop]
        if not train:
            continue
        X = np.vstack([t.X[a] for t, a, _ in train])
        labels = np.concatenate([(t.is_fraud & (t.day + t.delay <= now))[a]
                                 for t, a, _ in train])
        weight = np.concatenate([wt[a] for _, a, wt in train])
        if labels.all() or not labels.any():
            continue                           # one class only: keep the current model
        current = build(edges).fit(X, labels.astype(np.int64), sample_weight=weight)
    return LoopHistory(**rec)
