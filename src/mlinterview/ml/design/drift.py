"""Drift monitoring: is the data the model sees today distributed like its training data?

A deployed model is checked feature by feature, comparing a *reference* sample (the
training data, or a week known to be healthy) with a *current* one (today's serving
traffic). Four measures, each the one a monitoring dashboard or an interviewer names:

- :func:`population_stability_index` (PSI): bin the feature at the reference's quantiles,
  then ``sum (a - e) ln(a / e)`` over the bins, ``e`` and ``a`` the reference and current
  shares. A symmetrised KL divergence of the two histograms; credit-scoring practice
  (Siddiqi 2006) reads < 0.1 as stable, 0.1-0.25 as a moderate shift, > 0.25 as a major
  one. :func:`psi_from_counts` works on two histograms over the same bins and
  :func:`categorical_psi` on category labels;
- :func:`ks_2samp`: the two-sample Kolmogorov-Smirnov test. The statistic is the largest
  gap between the two empirical CDFs; the p-value is exact (a lattice-path count, Hodges
  1958) for samples up to 10,000 and asymptotic above, as in ``scipy.stats.ks_2samp``;
- :func:`jensenshannon`: the Jensen-Shannon distance ``sqrt((KL(p||m) + KL(q||m)) / 2)``,
  ``m = (p + q) / 2``: bounded (by ``sqrt(ln 2)`` in nats) and finite even when one
  histogram has an empty bin, as in ``scipy.spatial.distance.jensenshannon``;
- :func:`drift_report`: PSI, KS and a multiple-testing correction over every feature of a
  table (with 50 features and no drift at all, 2.5 would be flagged at alpha = 0.05
  without the correction).

A caveat worth saying in an interview: with a million rows a KS test rejects for shifts far
too small to matter, so alerts key on an effect size (PSI, the KS statistic itself) and use
the p-value to rule out noise on small samples.

Checked against SciPy in ``tests/parity/test_training_serving.py``.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
from scipy.stats import kstwo

from mlinterview.ml._validation import (
    as_array,
    check_1d,
    check_finite,
    check_option,
    check_scalar,
)
from mlinterview.ml.information import kl_divergence
from mlinterview.ml.stats.hypothesis import multipletests
from mlinterview.ml.stats.results import StatisticPvalue

__all__ = ["DriftReport", "KstestResult", "categorical_psi", "drift_report", "jensenshannon",
           "ks_2samp", "population_stability_index", "psi_from_counts", "quantile_bin_edges"]

#: Floor for a bin's share in PSI: an empty bin would make ``ln(a / e)`` infinite. 1e-4
#: (0.01%) caps one empty bin's contribution at about ``e * ln(e / 1e-4)``, 0.7 for a
#: 10% bin: a clear alarm, but finite and comparable across features.
PSI_EPSILON = 1e-4

#: ``method="auto"`` computes the exact KS p-value when both samples have at most this many
#: values (SciPy's threshold); above, the asymptotic one.
MAX_EXACT_N = 10_000

_ALTERNATIVES = ("two-sided", "less", "greater")


def _real_sample(x: object, name: str) -> np.ndarray:
    arr = check_1d(x, name, min_samples=1)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected real numbers, got dtype {arr.dtype}")
    return check_finite(arr.astype(np.float64), name)


def _check_eps(eps: object) -> float:
    return float(check_scalar(eps, "eps", lo=0.0, hi=1.0, include_lo=False, include_hi=False))


# ---------------------------------------------------------------------------------------
# Population stability index
# ---------------------------------------------------------------------------------------

def quantile_bin_edges(reference, bins: int = 10) -> np.ndarray:
    """Inner bin edges at the reference's quantiles ``1/bins, ..., (bins-1)/bins``.

    Parameters
    ----------
    reference : array-like of shape (n_samples,)
    bins : int >= 2

    Returns
    -------
    edges : ndarray of shape (n_edges,), increasing, ``n_edges <= bins - 1``
        The outer bins are open (``(-inf, edges[0])`` and ``[edges[-1], inf)``), so a
        current value outside the reference's range still lands in a bin. Repeated
        quantiles (a feature with few distinct values) are merged, so there may be fewer
        than ``bins`` bins.
    """
    ref = _real_sample(reference, "reference")
    check_scalar(bins, "bins", numbers.Integral, lo=2)
    # Linear interpolation between order statistics (NumPy's default, as pandas' qcut).
    return np.unique(np.quantile(ref, np.arange(1, bins) / bins))


def psi_from_counts(expected, actual, *, eps: float = PSI_EPSILON) -> float:
    """PSI of two histograms over the same bins.

    ``PSI = sum_i (a_i - e_i) ln(a_i / e_i)`` with ``e`` and ``a`` the reference and
    current shares (each histogram divided by its total; a share below ``eps`` is raised to
    ``eps``, without renormalising). Equal to ``KL(a || e) + KL(e || a)``: symmetric, zero
    only for identical histograms.

    Parameters
    ----------
    expected, actual : array-like of shape (n_bins,)
        Counts or proportions, non-negative, each with a positive total.
    eps : float in (0, 1)
        The floor for an empty bin's share (:data:`PSI_EPSILON`).

    Examples
    --------
    >>> round(psi_from_counts([50, 50], [40, 60]), 4)   # -0.1 ln(0.8) + 0.1 ln(1.2)
    0.0405
    """
    e = as_array(expected, "expected")
    a = as_array(actual, "actual")
    for name, arr in (("expected", e), ("actual", a)):
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected counts or proportions, got dtype {arr.dtype}")
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"{name}: expected a non-empty 1-D histogram, got shape "
                             f"{arr.shape}")
        check_finite(arr.astype(np.float64), name)
        if (arr < 0).any():
            raise ValueError(f"{name}: expected non-negative counts, found a negative one")
        if arr.sum() == 0:
            raise ValueError(f"{name}: expected a histogram with a positive total, got all "
                             "zeros")
    if e.shape != a.shape:
        raise ValueError(f"expected and actual: expected the same bins, got shapes {e.shape} "
                         f"and {a.shape}")
    eps = _check_eps(eps)
    e_share = np.maximum(e / e.sum(), eps)
    a_share = np.maximum(a / a.sum(), eps)
    return float(np.sum((a_share - e_share) * np.log(a_share / e_share)))


def population_stability_index(reference, current, *, bins: int = 10,
                               eps: float = PSI_EPSILON) -> float:
    """PSI of a numeric feature: ``current`` binned at ``reference``'s deciles.

    Each bin holds about ``1/bins`` of the reference; a value equal to an edge goes to the
    bin above it. Then :func:`psi_from_counts` of the two histograms.

    Parameters
    ----------
    reference : array-like of shape (n_reference,)
        The training (or a healthy) sample.
    current : array-like of shape (n_current,)
        The serving sample to check.
    bins : int >= 2
        Quantile bins of the reference (10 is the usual choice).
    eps : float in (0, 1)
        Floor for an empty bin's share (:data:`PSI_EPSILON`).

    Returns
    -------
    float >= 0. Rule of thumb: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major shift.
    """
    ref = _real_sample(reference, "reference")
    cur = _real_sample(current, "current")
    edges = quantile_bin_edges(ref, bins)
    n_bins = edges.size + 1
    expected = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=n_bins)
    actual = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=n_bins)
    return psi_from_counts(expected, actual, eps=eps)


def joint_codes(a: np.ndarray, b: np.ndarray, names: str
                ) -> tuple[np.ndarray, np.ndarray]:
    """The sorted labels of ``a`` and ``b`` together and each element's index among them:
    ``codes[:a.size]`` for ``a``, ``codes[a.size:]`` for ``b``. ``TypeError`` naming
    ``names`` when the two hold labels of kinds that do not compare (numbers and strings:
    NumPy would quietly turn the integer 1 into the string "1"); an empty side has no
    kind."""
    numeric = {arr.dtype.kind in "biuf" for arr in (a, b) if arr.size}
    try:
        if len(numeric) > 1:
            raise TypeError
        categories, codes = np.unique(np.concatenate([a, b]), return_inverse=True)
    except TypeError:
        raise TypeError(f"{names}: expected labels of one comparable kind, got dtypes "
                        f"{a.dtype} and {b.dtype}") from None
    return categories, codes.reshape(-1)


def categorical_psi(reference, current, *, eps: float = PSI_EPSILON) -> float:
    """PSI of a categorical feature: one bin per category seen in either sample.

    A category that appears only in ``current`` (a new country code, a renamed enum
    value) gets a reference share of ``eps``: a large term, which is what should alert.

    Parameters
    ----------
    reference, current : array-like of shape (n_samples,)
        Labels (strings or integers), compared with ``==``.
    """
    ref = check_1d(reference, "reference")
    cur = check_1d(current, "current")
    categories, codes = joint_codes(ref, cur, "reference and current")
    expected = np.bincount(codes[:ref.size], minlength=categories.size)
    actual = np.bincount(codes[ref.size:], minlength=categories.size)
    return psi_from_counts(expected, actual, eps=eps)


# ---------------------------------------------------------------------------------------
# Two-sample Kolmogorov-Smirnov test
# ---------------------------------------------------------------------------------------

class KstestResult(StatisticPvalue):
    """Result of :func:`ks_2samp`: the tuple ``(statistic, pvalue)``, as SciPy's.

    ``d, p = res`` unpacks the two: ``statistic`` is the largest gap between the empirical
    CDFs (one-sided: in the tested direction), ``pvalue`` the probability of a gap at
    least this large when both samples come from one continuous law. ``statistic_location``
    (the value at which the two empirical CDFs are furthest apart) and ``statistic_sign``
    (+1 if the first sample's CDF is above there, -1 if below) are attributes outside the
    tuple.
    """

    def __new__(cls, statistic: float, pvalue: float, statistic_location: float,
                statistic_sign: int) -> KstestResult:
        return super().__new__(cls, statistic, pvalue)._with(
            statistic_location=statistic_location, statistic_sign=statistic_sign)

    def __getnewargs__(self):
        return (*self, self.statistic_location, self.statistic_sign)

    def __repr__(self) -> str:
        return (f"KstestResult(statistic={self.statistic!r}, pvalue={self.pvalue!r}, "
                f"statistic_location={self.statistic_location!r}, "
                f"statistic_sign={self.statistic_sign!r})")


def _exact_outside_probability(n1: int, n2: int, threshold: int, alternative: str) -> float:
    """P(the path of a random merge of n1 and n2 values reaches the boundary).

    Merge the two sorted samples; after ``i`` values of the first and ``j`` of the second,
    ``F1 - F2 = gap / (n1 n2)`` with ``gap = i n2 - j n1``. Under the null every one of
    the ``C(n1 + n2, n1)`` orders is equally likely, which is the Markov chain that from
    ``(i, j)`` takes the next value from the first sample with probability
    ``(n1 - i) / (values left)``. Walk the chain one anti-diagonal ``s = i + j`` at a time
    (a vector over ``i``) and move the probability of every cell on the boundary
    (``gap >= threshold`` for ``"greater"``, ``gap <= -threshold`` for ``"less"``, either
    for two-sided) into the "outside" total. Summing the absorbed mass keeps tiny p-values
    accurate (``1 - P(inside)`` would cancel).

    On a diagonal ``gap = i (n1 + n2) - s n1`` grows with ``i``, so the cells still inside
    form one window; only that window is carried, which makes the two-sided test
    O((n1 + n2) x window) instead of O(n1 n2): a narrow window when D is small.
    """
    total = n1 + n2
    lo, hi = 0, 0                           # the live window of diagonal s (inclusive)
    mass = np.ones(1)
    outside = 0.0
    for s in range(total):
        i = np.arange(lo, hi + 1)
        remaining = total - s
        # Diagonal s + 1 over i in [lo, hi + 1]; a step that leaves the grid has weight 0.
        step = np.zeros(hi - lo + 2)
        step[:-1] += mass * ((n2 - (s - i)) / remaining)      # next value from sample 2
        step[1:] += mass * ((n1 - i) / remaining)             # next value from sample 1
        c = (s + 1) * n1                     # gap(i) = i * total - c on diagonal s + 1
        new_lo, new_hi = max(lo, s + 1 - n2), min(hi + 1, n1)
        if alternative in ("greater", "two-sided"):            # inside: gap < threshold
            new_hi = min(new_hi, (c + threshold - 1) // total)
        if alternative in ("less", "two-sided"):               # inside: gap > -threshold
            new_lo = max(new_lo, (c - threshold) // total + 1)
        if new_lo > new_hi:                  # every path has reached the boundary
            return outside + float(step.sum())
        keep = slice(new_lo - lo, new_hi - lo + 1)
        outside += float(step[:keep.start].sum() + step[keep.stop:].sum())
        mass, lo, hi = step[keep], new_lo, new_hi
    return outside


def _asymptotic_pvalue(d: float, n1: int, n2: int, alternative: str) -> float:
    """Large-sample p-values of the two-sample statistic, as SciPy computes them.

    Two-sided: the distribution of the *one-sample* statistic at the effective size
    ``n = round(n1 n2 / (n1 + n2))`` (SciPy's ``kstwo``, Simard and L'Ecuyer 2011), whose
    limit is Kolmogorov's ``2 sum_k (-1)^(k-1) exp(-2 k^2 n d^2)``. One-sided: Hodges'
    (1958, eq. 5.3) correction of Smirnov's ``exp(-2 n d^2)``, with ``m >= n`` the sizes.
    """
    m, n = sorted([float(n1), float(n2)], reverse=True)
    en = m * n / (m + n)
    if alternative == "two-sided":
        # Two samples of one value each give en = 0.5, which SciPy rounds to a size of 0
        # (NaN); a size of 1 is the nearest meaningful one.
        return float(kstwo.sf(d, max(np.round(en), 1.0)))
    z = math.sqrt(en) * d
    return math.exp(-2 * z * z - 2 * z * (m + 2 * n) / math.sqrt(m * n * (m + n)) / 3.0)


def ks_2samp(data1, data2, alternative: str = "two-sided", method: str = "auto"
             ) -> KstestResult:
    """Two-sample Kolmogorov-Smirnov test: were both samples drawn from one distribution?

    The statistic is the largest gap between the empirical CDFs,
    ``D = max_x |F1(x) - F2(x)|``, evaluated at every observed value (ties count whole:
    ``F(x)`` is the share of values ``<= x``). One-sided: ``"greater"`` tests
    ``D+ = max(F1 - F2)`` (the first sample tends to be *smaller*), ``"less"`` tests
    ``D- = max(F2 - F1)``.

    Parameters
    ----------
    data1 : array-like of shape (n1,)
    data2 : array-like of shape (n2,)
    alternative : {"two-sided", "less", "greater"}
    method : {"auto", "exact", "asymp"}
        ``"exact"``: the null distribution of ``D`` for continuous data (no ties) by
        counting lattice paths, O(n1 n2); ``"asymp"``: the large-sample approximation;
        ``"auto"``: exact when both samples have at most 10,000 values.

    Returns
    -------
    KstestResult
        ``(statistic, pvalue)`` with ``statistic_location`` and ``statistic_sign``.

    Examples
    --------
    >>> res = ks_2samp([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    >>> float(res.statistic), round(float(res.pvalue), 4)    # 2 orders of 20 are as extreme
    (1.0, 0.1)
    """
    check_option(alternative, "alternative", _ALTERNATIVES)
    check_option(method, "method", ("auto", "exact", "asymp"))
    x1 = np.sort(_real_sample(data1, "data1"))
    x2 = np.sort(_real_sample(data2, "data2"))
    n1, n2 = x1.size, x2.size
    pooled = np.concatenate([x1, x2])
    # side="right": F(x) counts the values <= x, so tied values are counted together.
    cdf_gap = (np.searchsorted(x1, pooled, side="right") / n1
               - np.searchsorted(x2, pooled, side="right") / n2)
    at_min, at_max = int(np.argmin(cdf_gap)), int(np.argmax(cdf_gap))
    d_minus = float(min(max(-cdf_gap[at_min], 0.0), 1.0))
    d_plus = float(cdf_gap[at_max])
    if alternative == "less" or (alternative == "two-sided" and d_minus > d_plus):
        d, location, sign = d_minus, pooled[at_min], -1
    else:
        d, location, sign = d_plus, pooled[at_max], 1

    if method == "auto":
        method = "exact" if max(n1, n2) <= MAX_EXACT_N else "asymp"
    if method == "exact":
        # D is a multiple of 1/lcm(n1, n2); work in those integer units so that the
        # boundary test is exact, and report D as that rational (as SciPy does).
        g = math.gcd(n1, n2)
        lcm = (n1 // g) * n2
        h = int(np.round(d * lcm))
        d = h / lcm
        # (i n2 - j n1) / (n1 n2) >= h / lcm  <=>  i n2 - j n1 >= h g
        pvalue = 1.0 if h == 0 else _exact_outside_probability(n1, n2, h * g, alternative)
    else:
        pvalue = _asymptotic_pvalue(d, n1, n2, alternative)
    return KstestResult(float(d), float(np.clip(pvalue, 0.0, 1.0)), float(location), sign)


# ---------------------------------------------------------------------------------------
# Jensen-Shannon distance
# ---------------------------------------------------------------------------------------

def jensenshannon(p, q, base: float | None = None, *, axis: int = 0):
    """Jensen-Shannon distance ``sqrt(JS(p, q))`` between two histograms.

    ``JS(p, q) = (KL(p || m) + KL(q || m)) / 2`` with ``m = (p + q) / 2``; ``p`` and ``q``
    are normalised along ``axis`` first. Symmetric, finite when a bin is empty in one
    histogram (``m`` is positive wherever ``p`` or ``q`` is), between 0 and
    ``sqrt(ln 2)`` (1 with ``base=2``); the square root makes it a metric (Endres and
    Schindelin 2003).

    Parameters
    ----------
    p, q : array-like of the same shape (n_bins,) or (n_bins, ...)
        Counts or probabilities.
    base : float, optional
        Logarithm base; ``None`` means nats.
    axis : int
        The axis holding the bins.

    Returns
    -------
    float, or an array with ``axis`` removed.
    """
    pk = as_array(p, "p")
    qk = as_array(q, "q")
    if pk.shape != qk.shape:
        raise ValueError(f"p and q: expected the same shape, got {pk.shape} and {qk.shape}")
    for name, arr in (("p", pk), ("q", qk)):
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected counts or probabilities, got dtype {arr.dtype}")
        if arr.ndim == 0:
            raise ValueError(f"{name}: expected a histogram of shape (n_bins, ...), got a "
                             "scalar")
        check_finite(arr.astype(np.float64), name)
        if (arr < 0).any() or (arr.sum(axis=axis) == 0).any():
            raise ValueError(f"{name}: expected non-negative counts with a positive total "
                             f"along axis {axis}")
    pk = pk / pk.sum(axis=axis, keepdims=True)
    qk = qk / qk.sum(axis=axis, keepdims=True)
    m = (pk + qk) / 2
    js = (np.asarray(kl_divergence(pk, m, base=base, axis=axis))
          + np.asarray(kl_divergence(qk, m, base=base, axis=axis))) / 2
    # Rounding can leave -1e-17 for identical histograms; the distance is 0 there.
    dist = np.sqrt(np.maximum(js, 0.0))
    return float(dist) if dist.ndim == 0 else dist


# ---------------------------------------------------------------------------------------
# Per-feature report
# ---------------------------------------------------------------------------------------

class DriftReport(NamedTuple):
    """Per-feature drift measures, each an array of shape (n_features,).

    ``drifted`` is True where the KS test rejects after the multiple-testing correction
    *and* the PSI reaches the threshold: significant and large enough to matter.
    """

    feature_names: list[str]
    psi: np.ndarray
    ks_statistic: np.ndarray
    ks_pvalue: np.ndarray
    ks_pvalue_adjusted: np.ndarray
    ks_reject: np.ndarray
    drifted: np.ndarray


def drift_report(reference, current, *, feature_names=None, bins: int = 10,
                 alpha: float = 0.05, correction: str = "holm", psi_threshold: float = 0.1,
                 ks_method: str = "auto") -> DriftReport:
    """PSI and a KS test for every column of two tables, p-values corrected together.

    Parameters
    ----------
    reference : array-like of shape (n_reference, n_features)
    current : array-like of shape (n_current, n_features)
    feature_names : list of str, optional
        ``x0, x1, ...`` by default.
    bins : int
        Quantile bins for PSI.
    alpha : float
        Family-wise (``"holm"``, ``"bonferroni"``) or false-discovery (``"fdr_bh"``) level.
    correction : {"holm", "bonferroni", "fdr_bh"}
        Passed to :func:`mlinterview.ml.stats.hypothesis.multipletests`.
    psi_threshold : float
        The PSI from which a significant shift counts as drift (0.1: "moderate").
    ks_method : {"auto", "exact", "asymp"}

    Returns
    -------
    DriftReport
    """
    ref = as_array(reference, "reference")
    cur = as_array(current, "current")
    for name, arr in (("reference", ref), ("current", cur)):
        if arr.ndim != 2:
            raise ValueError(f"{name}: expected a 2-D array (n_samples, n_features), got "
                             f"shape {arr.shape}")
    if ref.shape[1] != cur.shape[1]:
        raise ValueError(f"reference and current: expected the same number of features, "
                         f"got {ref.shape[1]} and {cur.shape[1]}")
    n_features = ref.shape[1]
    if feature_names is None:
        feature_names = [f"x{k}" for k in range(n_features)]
    feature_names = list(feature_names)
    if len(feature_names) != n_features:
        raise ValueError(f"feature_names: expected {n_features} names, got "
                         f"{len(feature_names)}")
    check_scalar(psi_threshold, "psi_threshold", lo=0.0)
    psi = np.array([population_stability_index(ref[:, k], cur[:, k], bins=bins)
                    for k in range(n_features)])
    ks = [ks_2samp(ref[:, k], cur[:, k], method=ks_method) for k in range(n_features)]
    statistic = np.array([r.statistic for r in ks])
    pvalue = np.array([r.pvalue for r in ks])
    reject, adjusted = multipletests(pvalue, alpha=alpha, method=correction)
    return DriftReport(feature_names, psi, statistic, pvalue, adjusted, reject,
                       reject & (psi >= psi_threshold))
