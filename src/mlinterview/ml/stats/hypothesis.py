"""Hypothesis tests and multiple-testing corrections.

A p-value is the probability, computed *assuming the null hypothesis*, of a test statistic
at least as extreme as the one observed. Each test returns the result object SciPy's
namesake returns (see ``results.py``): ``statistic`` and ``pvalue`` everywhere, and
``t, p = ttest_ind(a, b)`` unpacks as in SciPy.

- :func:`ttest_ind`: two-sample t-test, Student (pooled variance) or Welch (``equal_var=False``);
- :func:`permutation_test`: difference of means, null distribution by relabelling; exact
  (every split enumerated) when that is cheaper than ``n_resamples``;
- :func:`binomtest`: exact test of a success probability;
- :func:`multipletests`: Bonferroni, Holm and Benjamini-Hochberg adjusted p-values.

``alternative`` is ``"two-sided"``, ``"less"`` or ``"greater"`` everywhere.
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings

import numpy as np
from scipy.special import stdtr

from mlinterview.ml._validation import (
    as_array,
    check_1d,
    check_finite,
    check_option,
    check_random_state,
    check_scalar,
    no_overflow,
)
from mlinterview.ml.stats.binomial import binom_cdf, binom_pmf, binom_sf
from mlinterview.ml.stats.results import BinomTestResult, PermutationTestResult, TtestResult

__all__ = ["DegenerateDataWarning", "binomtest", "multipletests", "permutation_test",
           "ttest_ind"]

_ALTERNATIVES = ("two-sided", "less", "greater")


class DegenerateDataWarning(UserWarning):
    """The data make a test undefined (e.g. two constant, equal samples: t = 0/0), so it
    returns NaN. SciPy has a warning of the same name."""


def _sample(x, name: str, min_samples: int) -> np.ndarray:
    arr = check_1d(x, name, min_samples=min_samples)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected numbers, got dtype {arr.dtype}")
    return check_finite(arr.astype(np.float64), name)


def _t_pvalue(t: float, df: float, alternative: str) -> float:
    if alternative == "less":
        return float(stdtr(df, t))
    if alternative == "greater":
        return float(stdtr(df, -t))
    return float(np.minimum(1.0, 2 * stdtr(df, -abs(t))))  # np.minimum keeps a NaN t NaN


def ttest_ind(a, b, *, equal_var: bool = True, alternative: str = "two-sided") -> TtestResult:
    """Two-sample t-test of equal means for independent samples ``a`` (n1,) and ``b`` (n2,).

    ``t = (mean_a - mean_b) / se``. Student's test pools the variances,
    ``se^2 = s_p^2 (1/n1 + 1/n2)`` with ``df = n1 + n2 - 2``; Welch's keeps them apart,
    ``se^2 = s_a^2/n1 + s_b^2/n2``, with the Welch-Satterthwaite ``df``. Under the null,
    ``t`` follows Student's t with ``df`` degrees of freedom.

    Returns a :class:`~mlinterview.ml.stats.results.TtestResult`: ``t, p = ttest_ind(a, b)``
    unpacks; ``.df`` and ``.confidence_interval()`` (for ``mean_a - mean_b``) as in SciPy.

    >>> t, p = ttest_ind([1.0, 2.0, 3.0], [2.0, 3.0, 5.0])
    >>> round(t, 4), round(p, 4)
    (-1.2649, 0.2746)
    """
    check_option(alternative, "alternative", _ALTERNATIVES)
    a = _sample(a, "a", 2)
    b = _sample(b, "b", 2)
    n1, n2 = a.size, b.size
    with no_overflow("a and b"):
        v1, v2 = a.var(ddof=1), b.var(ddof=1)
        diff = a.mean() - b.mean()
    if equal_var:
        df = n1 + n2 - 2.0
        pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df
        se2 = pooled * (1 / n1 + 1 / n2)
    else:
        q1, q2 = v1 / n1, v2 / n2
        se2 = q1 + q2
        with np.errstate(invalid="ignore", divide="ignore"):
            df = float(se2**2 / (q1**2 / (n1 - 1) + q2**2 / (n2 - 1)))
    parts = dict(alternative=alternative, standard_error=float(np.sqrt(se2)),
                 estimate=float(diff))
    # Both samples constant (se = 0): t = diff / 0 is +-inf when the means differ (p is
    # then 0 or 1) and NaN when they are equal, as in SciPy (which warns as we do).
    with np.errstate(divide="ignore", invalid="ignore"):
        t = float(diff / np.sqrt(se2))
    if np.isnan(t):
        warnings.warn("ttest_ind: a and b are constant and equal, so t = 0/0 is undefined; "
                      "the statistic and p-value are NaN", DegenerateDataWarning, stacklevel=2)
    return TtestResult(t, _t_pvalue(t, df, alternative), float(df), **parts)


def _mean_difference(x: np.ndarray, in_x: np.ndarray) -> np.ndarray:
    """mean(group 1) - mean(group 2) for each row of the boolean mask ``in_x`` (r, n)."""
    n1 = in_x[0].sum()
    s1 = in_x @ x
    return s1 / n1 - (x.sum() - s1) / (x.size - n1)


def permutation_test(x, y, *, n_resamples: int = 9999, alternative: str = "two-sided",
                     random_state=None) -> PermutationTestResult:
    """Permutation test of ``mean(x) - mean(y)`` for independent samples.

    Under the null (the labels "x" and "y" are exchangeable) every way of splitting the
    pooled data into groups of sizes ``n_x`` and ``n_y`` is equally likely. The p-value is
    the share of splits whose statistic is at least as extreme as the observed one:

    - exact, over all ``C(n_x + n_y, n_x)`` splits, when that number is ``<= n_resamples``;
    - otherwise from ``n_resamples`` random splits, as ``(count + 1) / (n_resamples + 1)``
      (the observed labelling counts as one of the resamples, so p is never 0).

    Two-sided: twice the smaller one-sided p-value, capped at 1 (SciPy's convention).
    Vectorised: each batch of resamples is a boolean mask times the data vector.

    Returns a :class:`~mlinterview.ml.stats.results.PermutationTestResult` with
    ``statistic``, ``pvalue`` and ``null_distribution`` (every resample's statistic).
    """
    check_option(alternative, "alternative", _ALTERNATIVES)
    x = _sample(x, "x", 1)
    y = _sample(y, "y", 1)
    check_scalar(n_resamples, "n_resamples", numbers.Integral, lo=1)
    data = np.concatenate([x, y])
    n, nx = data.size, x.size
    observed = float(x.mean() - y.mean())
    total = math.comb(n, nx)
    exact = total <= n_resamples
    if exact:
        idx = np.array(list(itertools.combinations(range(n), nx)), dtype=np.intp)
        masks = np.zeros((total, n), dtype=bool)
        masks[np.arange(total)[:, None], idx] = True
        null = _mean_difference(data, masks.astype(np.float64))
    else:
        rng = check_random_state(random_state)
        chunks = []
        for start in range(0, n_resamples, 1000):  # bounded memory: 1000 masks at a time
            r = min(1000, n_resamples - start)
            keys = rng.random((r, n))
            # The nx smallest random keys of a row pick that resample's group x.
            kth = np.partition(keys, nx - 1, axis=1)[:, nx - 1:nx]
            masks = keys <= kth
            chunks.append(_mean_difference(data, masks.astype(np.float64)))
        null = np.concatenate(chunks)
    # Floating-point sums of the same numbers in another order can differ in the last
    # bits; count statistics within a relative 1e-14 of the observed one as ties.
    gamma = abs(observed) * 1e-14
    if exact:
        p_less = np.mean(null <= observed + gamma)
        p_greater = np.mean(null >= observed - gamma)
    else:
        p_less = (np.sum(null <= observed + gamma) + 1) / (n_resamples + 1)
        p_greater = (np.sum(null >= observed - gamma) + 1) / (n_resamples + 1)
    p = {"less": p_less, "greater": p_greater,
         "two-sided": min(1.0, 2 * min(p_less, p_greater))}[alternative]
    return PermutationTestResult(observed, float(p), null)


def binomtest(k: int, n: int, p: float = 0.5, *,
              alternative: str = "two-sided") -> BinomTestResult:
    """Exact binomial test of ``H0: success probability = p`` after ``k`` successes in ``n``.

    One-sided p-values are binomial tails. The two-sided p-value adds the probabilities of
    every outcome no more likely than the observed one (with SciPy's relative slack of
    1e-7 so outcomes of equal probability are not lost to rounding). ``statistic`` is
    ``k / n``. Returns a :class:`~mlinterview.ml.stats.results.BinomTestResult` (with
    ``proportion_ci()``), as in SciPy.
    """
    check_option(alternative, "alternative", _ALTERNATIVES)
    check_scalar(n, "n", numbers.Integral, lo=1)
    check_scalar(k, "k", numbers.Integral, lo=0, hi=n)
    check_scalar(p, "p", lo=0.0, hi=1.0)
    if alternative == "less":
        pval = binom_cdf(k, n, p)
    elif alternative == "greater":
        pval = binom_sf(k - 1, n, p)
    else:
        d = binom_pmf(k, n, p)
        mode_side = p * n
        if k == mode_side:
            pval = 1.0
        elif k < mode_side:
            # Outcomes above the mean that are no more likely than k: pmf decreases
            # beyond the mode, so they form the upper tail from the first such j.
            js = np.arange(math.ceil(mode_side), n + 1)
            far = js[binom_pmf(js, n, p) <= d * (1 + 1e-7)]
            upper = binom_sf(far[0] - 1, n, p) if far.size else 0.0
            pval = binom_cdf(k, n, p) + upper
        else:
            js = np.arange(0, math.floor(mode_side) + 1)
            far = js[binom_pmf(js, n, p) <= d * (1 + 1e-7)]
            lower = binom_cdf(far[-1], n, p) if far.size else 0.0
            pval = lower + binom_sf(k - 1, n, p)
    return BinomTestResult(int(k), int(n), alternative, k / n, float(min(1.0, pval)))


def _bonferroni(p: np.ndarray) -> np.ndarray:
    return np.minimum(p * p.size, 1.0)


def _holm(p: np.ndarray) -> np.ndarray:
    # Step-down: the i-th smallest p-value (0-based) is multiplied by m - i, and adjusted
    # values are made non-decreasing in that order.
    order = np.argsort(p, kind="stable")
    m = p.size
    adjusted = np.maximum.accumulate(np.minimum(p[order] * (m - np.arange(m)), 1.0))
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def _benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    # Step-up: p_(i) * m / i, then a running minimum from the largest p-value down.
    order = np.argsort(p, kind="stable")
    m = p.size
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


_CORRECTIONS = {"bonferroni": _bonferroni, "holm": _holm, "fdr_bh": _benjamini_hochberg}


def multipletests(pvals, alpha: float = 0.05, method: str = "holm"):
    """Adjust ``m`` p-values of shape (m,) for testing them together.

    - ``"bonferroni"``: ``min(1, m p)``; controls the family-wise error rate (the chance of
      any false positive) at ``alpha``;
    - ``"holm"``: the step-down version, uniformly more powerful, same guarantee;
    - ``"fdr_bh"``: Benjamini-Hochberg, controls the false discovery rate (the expected
      share of false positives among the rejections) for independent tests.

    Returns
    -------
    reject : ndarray of bool, shape (m,)
        ``adjusted <= alpha``.
    pvals_corrected : ndarray of shape (m,)
    """
    check_option(method, "method", tuple(_CORRECTIONS))
    check_scalar(alpha, "alpha", lo=0.0, hi=1.0)
    p = as_array(pvals, "pvals")
    if p.dtype.kind not in "biuf":
        raise TypeError(f"pvals: expected p-values (real numbers), got dtype {p.dtype}")
    p = p.astype(np.float64)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"pvals: expected a non-empty 1-D array, got shape {p.shape}")
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("pvals: expected p-values in [0, 1]")
    adjusted = _CORRECTIONS[method](p)
    return adjusted <= alpha, adjusted
