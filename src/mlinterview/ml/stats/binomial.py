"""The binomial distribution: pmf, cdf, survival function and the normal approximation.

``X ~ Binomial(n, p)`` counts successes in ``n`` independent trials that each succeed
with probability ``p``: ``P(X = k) = C(n, k) p^k (1 - p)^(n - k)``.

- :func:`binom_pmf` works in log space with ``gammaln`` so ``C(1000, 500)`` never
  overflows;
- :func:`binom_cdf` and :func:`binom_sf` use the identity between the binomial tail and
  the regularised incomplete beta function, ``P(X <= k) = I_{1-p}(n - k, k + 1)``, which
  is exact and costs O(1) instead of a sum of ``k`` terms;
- :func:`binom_normal_approx` approximates ``P(X <= k)`` by ``Phi((k + 0.5 - np) /
  sqrt(np(1-p)))``; the ``+ 0.5`` is the continuity correction (a bar of width one around
  each integer).

All functions broadcast over ``k``, ``n`` and ``p`` like NumPy ufuncs.
"""

from __future__ import annotations

import numpy as np
from scipy.special import betainc, gammaln, ndtr, xlog1py, xlogy

from mlinterview.ml._validation import as_array
from mlinterview.ml.stats._checks import real_array

__all__ = ["binom_cdf", "binom_normal_approx", "binom_pmf", "binom_sf"]


def _check(k, n, p) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = real_array(k, "k")
    n = as_array(n, "n")
    if n.dtype.kind not in "biuf":
        raise TypeError(f"n: expected an integer number of trials, got dtype {n.dtype}")
    n = real_array(n, "n")
    if not np.all(n == np.floor(n)):
        raise ValueError("n: expected a whole number of trials")
    if (n < 0).any() or (n > 2.0**53).any():
        # Above 2**53 a float64 no longer holds every whole number: C(n, k) is meaningless.
        raise ValueError("n: expected a number of trials in [0, 2**53]")
    p = real_array(p, "p", finite=False)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("p: expected a probability in [0, 1]")
    try:
        return np.broadcast_arrays(k, n, p)
    except ValueError:
        raise ValueError(f"k, n and p: shapes {k.shape}, {n.shape} and {p.shape} do not "
                         "broadcast together") from None


def _out(x: np.ndarray):
    return float(x) if x.ndim == 0 else x


def binom_pmf(k, n, p):
    """``P(X = k)`` for ``X ~ Binomial(n, p)``; 0 for a non-integer or out-of-range ``k``.

    Parameters
    ----------
    k : array-like, number of successes; n : array-like of int, trials; p : array-like in
    [0, 1]. All broadcast together.

    Returns
    -------
    float or ndarray of the broadcast shape.
    """
    k, n, p = _check(k, n, p)
    valid = (k >= 0) & (k <= n) & (k == np.floor(k))
    kk = np.where(valid, k, 0.0)
    # log C(n, k) + k log p + (n - k) log(1 - p); xlogy gives 0 log 0 = 0 at p in {0, 1}.
    log_pmf = (gammaln(n + 1) - gammaln(kk + 1) - gammaln(n - kk + 1)
               + xlogy(kk, p) + xlog1py(n - kk, -p))
    return _out(np.where(valid, np.exp(log_pmf), 0.0))


def binom_cdf(k, n, p):
    """``P(X <= k)`` for ``X ~ Binomial(n, p)`` (``k`` is floored), via
    ``I_{1-p}(n - k, k + 1)``."""
    k, n, p = _check(k, n, p)
    k = np.floor(k)
    inside = (k >= 0) & (k < n)
    a = np.where(inside, n - k, 1.0)
    b = np.where(inside, k + 1, 1.0)
    cdf = betainc(a, b, 1 - p)
    return _out(np.where(k < 0, 0.0, np.where(k >= n, 1.0, cdf)))


def binom_sf(k, n, p):
    """``P(X > k) = 1 - cdf``, computed directly as ``I_p(k + 1, n - k)`` so a tiny tail
    keeps its digits instead of being ``1 - 0.9999999...``."""
    k, n, p = _check(k, n, p)
    k = np.floor(k)
    inside = (k >= 0) & (k < n)
    a = np.where(inside, k + 1, 1.0)
    b = np.where(inside, n - k, 1.0)
    sf = betainc(a, b, p)
    return _out(np.where(k < 0, 1.0, np.where(k >= n, 0.0, sf)))


def binom_normal_approx(k, n, p, *, continuity: bool = True):
    """Normal approximation of ``P(X <= k)``: ``Phi((k + c - n p) / sqrt(n p (1 - p)))``
    with ``c = 0.5`` (continuity correction) or 0.

    Good when ``n p`` and ``n (1 - p)`` are both large (a common rule: at least 10).
    """
    k, n, p = _check(k, n, p)
    mean = n * p
    sd = np.sqrt(n * p * (1 - p))
    x = np.floor(k) + (0.5 if continuity else 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # z = +-inf is right
        z = (x - mean) / sd
    # A degenerate distribution (sd = 0) is a step at its mean.
    return _out(np.where(sd > 0, ndtr(z), (x >= mean).astype(np.float64)))
