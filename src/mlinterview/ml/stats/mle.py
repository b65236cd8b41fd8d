"""Maximum-likelihood fits in closed form, and the log-likelihood they maximise.

For i.i.d. data the likelihood is a product, so we maximise its logarithm, a sum. Setting
its gradient to zero gives the familiar estimators:

- Bernoulli: ``p_hat = mean(x)``;
- categorical: ``pi_hat_k = count_k / n`` (with ``alpha`` pseudo-counts it becomes the
  smoothed estimate ``(count_k + alpha) / (n + K alpha)``: the posterior mean under a
  Dirichlet(alpha) prior, or the MAP under a Dirichlet(alpha + 1));
- Gaussian: ``mu_hat = mean(x)``, ``sigma2_hat = mean((x - mu_hat)^2)``, the *biased*
  variance (divides by ``n``, not ``n - 1``).

:func:`categorical_nll` shows the link with cross-entropy: the mean negative
log-likelihood of a categorical model ``q`` equals ``H(p_emp, q)``, the cross-entropy
between the empirical distribution and the model, so minimising cross-entropy *is*
maximum likelihood.
"""

from __future__ import annotations

import numpy as np
from scipy.special import xlogy

from mlinterview.ml._validation import (
    check_1d,
    check_array,
    check_finite,
    check_scalar,
    no_overflow,
)
from mlinterview.ml.stats._checks import real_array

__all__ = ["MLEFit", "bernoulli_nll", "categorical_nll", "fit_bernoulli", "fit_categorical",
           "fit_gaussian", "gaussian_nll"]

_LOG_2PI = np.log(2 * np.pi)


class MLEFit(dict):
    """The fitted parameters (a dict) plus ``n_samples`` and ``log_likelihood``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _binary(x: object) -> np.ndarray:
    arr = check_1d(x, "x")
    if not np.isin(arr, (0, 1)).all():
        raise ValueError("x: expected only 0/1 outcomes for a Bernoulli fit, got other values")
    return arr.astype(np.float64)


def bernoulli_nll(x, p: float) -> float:
    """Total negative log-likelihood ``-sum_i [x_i log p + (1 - x_i) log(1 - p)]``.

    ``x`` of shape (n_samples,) holds 0/1 outcomes; ``inf`` if an observed outcome has
    probability zero under ``p``.
    """
    x = _binary(x)
    check_scalar(p, "p", lo=0.0, hi=1.0)
    with np.errstate(divide="ignore"):
        return float(-(xlogy(x, p) + xlogy(1 - x, 1 - p)).sum())


def fit_bernoulli(x) -> MLEFit:
    """MLE of a Bernoulli: ``p = (number of ones) / n`` for 0/1 outcomes of shape (n,)."""
    arr = _binary(x)
    p = float(arr.mean())
    return MLEFit(p=p, n_samples=arr.size, log_likelihood=-bernoulli_nll(arr, p))


def _categories(x: object, n_categories: int | None) -> tuple[np.ndarray, int]:
    arr = check_1d(x, "x")
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and
                                           np.all(arr == np.round(arr))):
        raise TypeError(f"x: expected integer category indices, got dtype {arr.dtype}")
    arr = arr.astype(np.int64)
    if (arr < 0).any():
        raise ValueError("x: expected category indices >= 0, found a negative one")
    k = int(arr.max()) + 1 if n_categories is None else n_categories
    check_scalar(k, "n_categories", int, lo=1)
    if arr.max() >= k:
        raise ValueError(f"x: expected category indices < n_categories={k}, got {arr.max()}")
    return arr, k


def fit_categorical(x, n_categories: int | None = None, *, alpha: float = 0.0) -> MLEFit:
    """MLE of a categorical distribution from category indices ``x`` of shape (n,).

    ``probs[k] = (count_k + alpha) / (n + K alpha)``; ``alpha = 0`` is the plain MLE,
    which gives probability 0 to any category not seen (and an infinite loss on it later);
    ``alpha = 1`` is Laplace smoothing.
    """
    arr, k = _categories(x, n_categories)
    check_scalar(alpha, "alpha", lo=0.0)
    counts = np.bincount(arr, minlength=k).astype(np.float64)
    probs = (counts + alpha) / (arr.size + k * alpha)
    return MLEFit(probs=probs, counts=counts, n_samples=arr.size,
                  log_likelihood=-categorical_nll(arr, probs, reduction="sum"))


def categorical_nll(x, probs, *, reduction: str = "mean") -> float:
    """Negative log-likelihood of category indices ``x`` (n,) under ``probs`` (K,).

    ``reduction="mean"`` gives ``-(1/n) sum_i log probs[x_i]``, which equals the
    cross-entropy ``H(p_emp, probs)`` of the empirical distribution of ``x`` against the
    model; ``"sum"`` gives the total.
    """
    q = real_array(probs, "probs", finite=False)
    if q.ndim != 1:
        raise ValueError(f"probs: expected a 1-D array of shape (n_categories,), got {q.shape}")
    check_finite(q, "probs")
    if (q < 0).any() or not np.isclose(q.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError("probs: expected non-negative probabilities summing to 1")
    arr, _ = _categories(x, q.size)
    if reduction not in ("mean", "sum"):
        raise ValueError(f"reduction: expected 'mean' or 'sum', got {reduction!r}")
    with np.errstate(divide="ignore"):
        total = float(-np.log(q[arr]).sum())
    return total / arr.size if reduction == "mean" else total


def gaussian_nll(x, mean, var) -> float:
    """Total Gaussian negative log-likelihood of ``x`` (n,) or (n, d) with a diagonal
    variance: ``sum 0.5 [log(2 pi var) + (x - mean)^2 / var]``. ``mean`` and ``var``
    broadcast against ``x`` (scalars, or one value per column)."""
    X = check_array(x, "x", ensure_2d=False)
    mean = real_array(mean, "mean")
    var = real_array(var, "var")
    if (var <= 0).any():
        raise ValueError("var: expected positive variances")
    for value, name in ((mean, "mean"), (var, "var")):
        if value.ndim > 1 or (value.ndim == 1 and value.shape[0] != X.shape[-1]):
            raise ValueError(f"{name}: expected a scalar or one value per column of x "
                             f"(shape {X.shape}), got shape {value.shape}")
    with no_overflow("x, mean and var"):
        return float(0.5 * (_LOG_2PI + np.log(var) + (X - mean) ** 2 / var).sum())


def fit_gaussian(x) -> MLEFit:
    """MLE of a Gaussian per column of ``x`` of shape (n,) or (n, d).

    Returns ``mean`` and ``var`` (shape () or (d,)): the sample mean and the variance
    divided by ``n``; at the MLE the total NLL is ``n/2 (log(2 pi var) + 1)`` per column.
    """
    X = check_array(x, "x", ensure_2d=False)
    if X.ndim not in (1, 2):
        raise ValueError(f"x: expected shape (n,) or (n, d), got {X.shape}")
    with no_overflow("x"):
        mean = X.mean(axis=0)
        var = ((X - mean) ** 2).mean(axis=0)
    if (var == 0).any():
        # The likelihood is unbounded: a spike on the data has infinite density.
        ll = np.inf
    else:
        ll = -gaussian_nll(X, mean, var)
    return MLEFit(mean=mean, var=var, n_samples=X.shape[0], log_likelihood=ll)
