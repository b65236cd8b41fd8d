"""The result objects of the hypothesis tests, shaped like SciPy's.

A user who knows ``scipy.stats`` writes ``t, p = ttest_ind(a, b)`` and ``res.pvalue``; both
must work here too, and only where they work in SciPy:

- :class:`TtestResult` (from :func:`~mlinterview.ml.stats.ttest_ind`) *is* a tuple
  ``(statistic, pvalue)``: it unpacks and indexes. ``df`` is an attribute that does not
  unpack (SciPy's "tuple bunch"), and ``confidence_interval()`` gives the interval for
  the difference of the means;
- :class:`BinomTestResult` (from :func:`~mlinterview.ml.stats.binomtest`) and
  :class:`PermutationTestResult` (from :func:`~mlinterview.ml.stats.permutation_test`)
  are plain records, as in SciPy: attributes only, no unpacking;
- :class:`ConfidenceInterval` is a named tuple ``(low, high)``.

Checked against ``scipy.stats`` in ``tests/parity/test_stats.py``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy.special import betaincinv, ndtri, stdtrit

from mlinterview.ml._validation import check_option, check_scalar

__all__ = ["BinomTestResult", "ConfidenceInterval", "PermutationTestResult", "StatisticPvalue",
           "TtestResult"]


class ConfidenceInterval(NamedTuple):
    """A confidence interval ``(low, high)``; one end is infinite (or 0/1 for a
    proportion) for a one-sided alternative."""

    low: float
    high: float


def _check_confidence_level(confidence_level) -> float:
    return float(check_scalar(confidence_level, "confidence_level", numbers.Real,
                              lo=0.0, hi=1.0))


class StatisticPvalue(tuple):
    """A read-only tuple ``(statistic, pvalue)`` with more attributes outside the tuple
    (SciPy's "tuple bunch"): ``s, p = res`` unpacks two values whatever else it holds.
    Subclasses set their extra attributes with :meth:`_with`."""

    def __new__(cls, statistic: float, pvalue: float):
        return super().__new__(cls, (statistic, pvalue))

    def _with(self, **attributes):
        # Through the instance dict: __setattr__ below keeps the result read-only.
        vars(self).update(attributes)
        return self

    @property
    def statistic(self) -> float:
        """The test statistic."""
        return self[0]

    @property
    def pvalue(self) -> float:
        """The p-value under the null hypothesis, for the test's alternative."""
        return self[1]

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")


class TtestResult(StatisticPvalue):
    """Result of a t-test: the tuple ``(statistic, pvalue)`` plus ``df``.

    ``t, p = res`` and ``res[0]``, ``res[1]`` work as in SciPy; ``res.df`` (degrees of
    freedom) is an attribute that is not part of the tuple. The result is read-only.
    ``statistic`` is the t statistic, ``estimate / standard_error``.
    """

    def __new__(cls, statistic: float, pvalue: float, df: float = np.nan, *,
                alternative: str = "two-sided", standard_error: float = np.nan,
                estimate: float = np.nan) -> TtestResult:
        return super().__new__(cls, statistic, pvalue)._with(
            df=df, _alternative=alternative, _standard_error=standard_error,
            _estimate=estimate)

    def __getnewargs__(self):
        # pickle and copy rebuild through __new__(statistic, pvalue), then restore the
        # instance dict (df and the interval's parts).
        return tuple(self)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(statistic={self.statistic!r}, "
                f"pvalue={self.pvalue!r}, df={self.df!r})")

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Confidence interval for the difference of the means at ``confidence_level``.

        ``estimate + q * standard_error`` with ``q`` the quantiles of Student's t with
        ``df`` degrees of freedom: ``q_{(1-c)/2}`` and ``q_{(1+c)/2}`` two-sided,
        ``(-inf, q_c]`` for ``"less"`` and ``[q_{1-c}, inf)`` for ``"greater"``.
        """
        c = _check_confidence_level(confidence_level)
        if self._alternative == "less":
            q_low, q_high = -np.inf, stdtrit(self.df, c)
        elif self._alternative == "greater":
            q_low, q_high = stdtrit(self.df, 1 - c), np.inf
        else:
            q_low, q_high = stdtrit(self.df, (1 - c) / 2), stdtrit(self.df, (1 + c) / 2)
        # A zero standard error (constant samples) times an infinite quantile is NaN, as
        # in SciPy; say so without a RuntimeWarning.
        with np.errstate(invalid="ignore"):
            low = q_low * self._standard_error + self._estimate
            high = q_high * self._standard_error + self._estimate
        return ConfidenceInterval(float(low), float(high))


@dataclass(frozen=True)
class BinomTestResult:
    """Result of the exact binomial test: ``k`` successes in ``n`` trials.

    Attributes as in SciPy: ``k``, ``n``, ``alternative``, ``statistic`` (the estimated
    proportion ``k / n``, also ``proportion_estimate``) and ``pvalue``. Not a tuple.
    """

    k: int
    n: int
    alternative: str
    statistic: float
    pvalue: float

    @property
    def proportion_estimate(self) -> float:
        """``k / n`` (SciPy's older name for ``statistic``)."""
        return self.statistic

    def proportion_ci(self, confidence_level: float = 0.95,
                      method: str = "exact") -> ConfidenceInterval:
        """Confidence interval for the success probability.

        - ``"exact"`` (Clopper-Pearson): the ``p`` at which the observed ``k`` sits in a
          tail of probability ``alpha``; via the beta-binomial identity the bounds are
          beta quantiles, ``B(alpha; k, n - k + 1)`` and ``B(1 - alpha; k + 1, n - k)``,
          with ``alpha = (1 - c) / 2`` two-sided and ``1 - c`` one-sided;
        - ``"wilson"``: invert the normal test with the variance at the null value
          (Wilson 1927), ``"wilsoncc"`` with a continuity correction (Newcombe 1998).
        """
        check_option(method, "method", ("exact", "wilson", "wilsoncc"))
        c = _check_confidence_level(confidence_level)
        k, n, alternative = self.k, self.n, self.alternative
        if method == "exact":
            alpha = (1 - c) / 2 if alternative == "two-sided" else 1 - c
            low = 0.0 if k == 0 or alternative == "less" else betaincinv(k, n - k + 1, alpha)
            high = (1.0 if k == n or alternative == "greater"
                    else betaincinv(k + 1, n - k, 1 - alpha))
            return ConfidenceInterval(float(low), float(high))
        return ConfidenceInterval(*_wilson_interval(k, n, c, alternative,
                                                    correction=method == "wilsoncc"))


def _wilson_interval(k: int, n: int, c: float, alternative: str,
                     correction: bool) -> tuple[float, float]:
    """Wilson's score interval, in Newcombe's (1998) closed form (as SciPy computes it)."""
    p, q = k / n, 1 - k / n
    z = ndtri(0.5 + 0.5 * c) if alternative == "two-sided" else ndtri(c)
    denom = 2 * (n + z * z)
    center = (2 * n * p + z * z) / denom
    # Each half-width is computed only for a finite end: at k = 0 or k = n the corrected
    # square roots can be of a negative number.
    low, high = 0.0, 1.0
    if not (alternative == "less" or k == 0):
        low = center - (
            (1 + z * math.sqrt(z * z - 2 - 1 / n + 4 * p * (n * q + 1))) / denom if correction
            else z / denom * math.sqrt(4 * n * p * q + z * z))
    if not (alternative == "greater" or k == n):
        high = center + (
            (1 + z * math.sqrt(z * z + 2 - 1 / n + 4 * p * (n * q - 1))) / denom if correction
            else z / denom * math.sqrt(4 * n * p * q + z * z))
    return float(low), float(high)


@dataclass(frozen=True, repr=False)
class PermutationTestResult:
    """Result of a permutation test: ``statistic``, ``pvalue`` and ``null_distribution``
    (the statistic of every resample, shape ``(n_resamples,)``). Not a tuple, as in SciPy.
    """

    statistic: float
    pvalue: float
    null_distribution: np.ndarray

    def __repr__(self) -> str:
        return (f"PermutationTestResult(statistic={self.statistic!r}, pvalue={self.pvalue!r}"
                f", null_distribution=<{self.null_distribution.size} values>)")
