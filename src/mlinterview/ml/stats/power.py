"""Power, sample size and minimum detectable effect of a two-arm A/B test (normal
approximation).

An A/B test compares a metric between arm 1 (control, ``n1`` units) and arm 2 (treatment,
``n2 = ratio · n1`` units). With a z-test on the difference of the two means, the test
rejects when ``|estimate| / se ≥ z_(1-α/2)``; if the true difference is ``δ`` and its
standard error is ``se = σ_alt / √n1``, the power is

    power = Φ(δ/se - z_(1-α/2)) + Φ(-δ/se - z_(1-α/2))          (two-sided)

(the second term, the wrong tail, is tiny for any useful test). Dropping it and solving
for ``n1`` gives the textbook sample size

    n1 = ((z_(1-α/2) σ_null + z_(power) σ_alt) / δ)²,

where ``σ_null`` and ``σ_alt`` are the standard deviations of one unit's contribution to
the difference under the null and the alternative (equal for means; for proportions the
null uses the pooled rate). For two means with common ``σ``:
``σ_null = σ_alt = σ √(1 + 1/ratio)``, so at α = 0.05 and 80% power each arm needs
``≈ 2 · 7.85 σ²/δ² ≈ 16 σ²/δ²`` units (Lehr's rule).

- :func:`sample_size_two_means`, :func:`power_two_means`, :func:`mde_two_means`;
- :func:`sample_size_two_proportions`, :func:`power_two_proportions`,
  :func:`mde_two_proportions`, with ``method`` (see :data:`PROPORTION_METHODS`):
  ``"pooled"`` (pooled rate under the null, each arm's own under the alternative: the
  z-test people run, statsmodels' ``power_proportions_2indep``), ``"unpooled"`` (each
  arm's own rate in both), ``"arcsine"`` (Cohen's ``h = 2 asin √p2 − 2 asin √p1``, whose
  variance does not depend on p: statsmodels' ``NormalIndPower`` with
  ``proportion_effectsize``);
- :func:`cohens_h`.

``alternative`` is ``"two-sided"``, ``"greater"`` (arm 2 above arm 1) or ``"less"``.
Sample sizes are returned unrounded, as statsmodels returns them: round **up** to plan.
Functions broadcast over array arguments (a power curve is ``power_two_means(d, s, n)``
with an array ``n``). Checked against ``statsmodels.stats.power``,
``statsmodels.stats.proportion`` and closed forms with ``scipy.stats.norm`` in
``tests/parity/test_ab_testing.py``.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.optimize import brentq
from scipy.special import ndtr, ndtri

from mlinterview.ml._validation import check_option, check_scalar
from mlinterview.ml.stats._checks import real_array

__all__ = [
    "PROPORTION_METHODS",
    "cohens_h",
    "mde_two_means",
    "mde_two_proportions",
    "power_two_means",
    "power_two_proportions",
    "sample_size_two_means",
    "sample_size_two_proportions",
]

_ALTERNATIVES = ("two-sided", "greater", "less")


# -- checks and shared pieces ----------------------------------------------------------


def _out(x: np.ndarray):
    """A Python float for a 0-d result, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else x


def _level(value, name: str) -> float:
    """alpha or power: a number strictly between 0 and 1."""
    check_scalar(value, name, numbers.Real, lo=0.0, hi=1.0, include_lo=False,
                 include_hi=False)
    return float(value)


def _positive(value, name: str) -> np.ndarray:
    arr = real_array(value, name)
    if (arr <= 0).any():
        raise ValueError(f"{name}: expected values > 0, got {value!r:.60}")
    return arr


def _rate(value, name: str) -> np.ndarray:
    """Conversion rates strictly inside (0, 1): at 0 or 1 the variance is 0."""
    arr = real_array(value, name)
    if ((arr <= 0) | (arr >= 1)).any():
        raise ValueError(f"{name}: expected rates strictly between 0 and 1, got "
                         f"{value!r:.60}")
    return arr


def _z_alpha(alpha: float, alternative: str) -> float:
    """The critical value: z_(1-α/2) two-sided, z_(1-α) one-sided."""
    return float(-ndtri(alpha / 2 if alternative == "two-sided" else alpha))


def _power(effect, sd_null, sd_alt, n1, alpha: float, alternative: str) -> np.ndarray:
    """Power of a z-test whose estimate is N(effect, sd_alt²/n1) and whose statistic divides
    by sd_null/√n1 (statsmodels' ``normal_power_het``): both tails when two-sided."""
    z = _z_alpha(alpha, alternative)
    shift = effect * np.sqrt(n1) / sd_alt          # the estimate in units of its own se
    ratio = sd_null / sd_alt
    upper = ndtr(shift - z * ratio)                # P(reject in the upper tail)
    lower = ndtr(-shift - z * ratio)               # P(reject in the lower tail)
    if alternative == "greater":
        return upper
    if alternative == "less":
        return lower
    return upper + lower


def _sample_size(effect, sd_null, sd_alt, alpha: float, power: float,
                 alternative: str) -> np.ndarray:
    """n1 = ((z_α σ_null + z_power σ_alt) / effect)², the one-tail closed form."""
    effect = np.asarray(effect, dtype=float)
    if (effect == 0).any():
        raise ValueError("the effect is 0: no sample size detects it (the power stays at "
                         "alpha)")
    if (alternative == "greater" and (effect < 0).any()) or (
            alternative == "less" and (effect > 0).any()):
        raise ValueError(f"alternative={alternative!r} but the effect points the other way: "
                         f"the one-sided test has power below alpha at every n")
    z_a = _z_alpha(alpha, alternative)
    z_b = float(ndtri(power))
    return ((z_a * sd_null + z_b * sd_alt) / effect) ** 2


def _check_common(alpha, power, ratio, alternative) -> tuple[float, float, float]:
    check_option(alternative, "alternative", _ALTERNATIVES)
    alpha = _level(alpha, "alpha")
    if power is not None:
        power = _level(power, "power")
        if power <= (alpha / 2 if alternative == "two-sided" else alpha):
            raise ValueError(f"power: expected a value above the test's level, got {power} "
                             f"with alpha={alpha}")
    check_scalar(ratio, "ratio", numbers.Real, lo=0.0, include_lo=False)
    return alpha, power, float(ratio)


# -- two means -------------------------------------------------------------------------


def sample_size_two_means(delta, sd, *, alpha=0.05, power=0.8, ratio=1.0,
                          alternative="two-sided"):
    """Units in arm 1 (``n2 = ratio · n1``) for a z-test of two means to detect a
    difference ``delta = mean_2 - mean_1`` with the given power.

    ``n1 = (z_α + z_power)² σ² (1 + 1/ratio) / δ²`` with ``z_α = z_(1-α/2)`` (two-sided) or
    ``z_(1-α)``; ``σ`` is one unit's standard deviation, the same in both arms. The wrong
    tail of a two-sided test is ignored (it adds < 1e-5 to the power of a useful test).

    Parameters
    ----------
    delta : float or array
        The smallest difference worth detecting, in the metric's units (not 0).
    sd : float or array
        Standard deviation of the metric for one unit (> 0).
    alpha, power : float in (0, 1)
    ratio : float > 0
        ``n2 / n1``.
    alternative : {"two-sided", "greater", "less"}

    Returns
    -------
    float or array (broadcast shape): ``n1``, unrounded.

    >>> round(sample_size_two_means(0.1, 1.0), 1)   # δ = 0.1 σ: ~16 / 0.1² per arm
    1569.8
    """
    alpha, power, ratio = _check_common(alpha, power, ratio, alternative)
    delta = real_array(delta, "delta")
    sd = _positive(sd, "sd") * np.sqrt(1 + 1 / ratio)
    return _out(_sample_size(delta, sd, sd, alpha, power, alternative))


def power_two_means(delta, sd, n1, *, alpha=0.05, ratio=1.0, alternative="two-sided"):
    """Power of the two-sample z-test of means with ``n1`` and ``ratio · n1`` units when the
    true difference is ``delta``: ``Φ(δ/se − z_α) [+ Φ(−δ/se − z_α)]``,
    ``se = σ √(1/n1 + 1/n2)``. Broadcasts over ``delta``, ``sd`` and ``n1`` (a power
    curve: an array ``n1``). At ``delta = 0`` it returns ``alpha``."""
    alpha, _, ratio = _check_common(alpha, None, ratio, alternative)
    delta = real_array(delta, "delta")
    sd = _positive(sd, "sd") * np.sqrt(1 + 1 / ratio)
    n1 = _positive(n1, "n1")
    return _out(_power(delta, sd, sd, n1, alpha, alternative))


def mde_two_means(n1, sd, *, alpha=0.05, power=0.8, ratio=1.0, alternative="two-sided"):
    """Minimum detectable effect: the smallest ``delta`` the test detects with the given
    power at ``n1`` units in arm 1, ``(z_α + z_power) σ √(1/n1 + 1/n2)`` (the inverse of
    :func:`sample_size_two_means`). Positive; for ``alternative="less"`` negative."""
    alpha, power, ratio = _check_common(alpha, power, ratio, alternative)
    n1 = _positive(n1, "n1")
    sd = _positive(sd, "sd")
    mde = (_z_alpha(alpha, alternative) + ndtri(power)) * sd * np.sqrt((1 + 1 / ratio) / n1)
    return _out(-mde if alternative == "less" else mde)


# -- two proportions -------------------------------------------------------------------


def cohens_h(p1, p2):
    """Cohen's effect size for two proportions, ``h = 2 asin √p2 − 2 asin √p1``: the
    arcsine transform makes a binomial rate's variance ``1/(4n)`` whatever the rate.
    (statsmodels' ``proportion_effectsize(p2, p1)``.)"""
    p1 = real_array(p1, "p1")
    p2 = real_array(p2, "p2")
    for name, p in (("p1", p1), ("p2", p2)):
        if ((p < 0) | (p > 1)).any():
            raise ValueError(f"{name}: expected rates in [0, 1], got {p!r:.60}")
    return _out(2 * np.arcsin(np.sqrt(p2)) - 2 * np.arcsin(np.sqrt(p1)))


def _pooled_sds(p1, p2, ratio):
    """Per-unit sds of the difference: (null, alternative) for the pooled z-test."""
    p_bar = (p1 + ratio * p2) / (1 + ratio)              # the rate both arms share under H0
    sd_null = np.sqrt(p_bar * (1 - p_bar) * (1 + 1 / ratio))
    return sd_null, _unpooled_sd(p1, p2, ratio)


def _unpooled_sd(p1, p2, ratio):
    return np.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)


def _arcsine(p1, p2, ratio):
    """(effect h, sd null, sd alt) on the arcsine scale: var(2 asin √p̂) = 1/n."""
    sd = np.sqrt(1 + 1 / ratio) * np.ones_like(p1 * p2)
    return cohens_h(p1, p2), sd, sd


#: ``method`` of the proportion functions → ``(effect, sd_null, sd_alt)`` per unit of arm 1.
PROPORTION_METHODS = {
    "pooled": lambda p1, p2, r: (p2 - p1, *_pooled_sds(p1, p2, r)),
    "unpooled": lambda p1, p2, r: (p2 - p1, _unpooled_sd(p1, p2, r), _unpooled_sd(p1, p2, r)),
    "arcsine": _arcsine,
}


def _proportion_parts(p1, p2, ratio, method):
    check_option(method, "method", PROPORTION_METHODS)
    p1, p2 = _rate(p1, "p1"), _rate(p2, "p2")
    effect, sd_null, sd_alt = PROPORTION_METHODS[method](p1, p2, ratio)
    return np.asarray(effect, dtype=float), sd_null, sd_alt


def sample_size_two_proportions(p1, p2, *, alpha=0.05, power=0.8, ratio=1.0,
                                alternative="two-sided", method="pooled"):
    """Units in arm 1 (``n2 = ratio · n1``) to detect conversion rates ``p1`` (control)
    vs ``p2`` (treatment) with a two-proportion z-test.

    ``method="pooled"`` (default): ``n1 = (z_α √(p̄ q̄ (1 + 1/r)) + z_power √(p1 q1 +
    p2 q2 / r))² / (p2 − p1)²`` with the pooled rate ``p̄ = (p1 + r p2)/(1 + r)`` (Fleiss);
    ``"unpooled"``: both standard deviations ``√(p1 q1 + p2 q2 / r)``; ``"arcsine"``:
    ``(z_α + z_power)² (1 + 1/r) / h²`` with :func:`cohens_h`. All three agree to a few
    percent for small lifts; the rule of thumb ``16 p(1−p)/δ²`` is the unpooled one at
    α = 0.05, 80% power.

    Returns ``n1`` unrounded (float or array).

    >>> round(sample_size_two_proportions(0.10, 0.11))   # a 10% relative lift on 10%
    14751
    """
    alpha, power, ratio = _check_common(alpha, power, ratio, alternative)
    effect, sd_null, sd_alt = _proportion_parts(p1, p2, ratio, method)
    return _out(_sample_size(effect, sd_null, sd_alt, alpha, power, alternative))


def power_two_proportions(p1, p2, n1, *, alpha=0.05, ratio=1.0, alternative="two-sided",
                          method="pooled"):
    """Power of the two-proportion z-test with ``n1`` and ``ratio · n1`` units when the true
    rates are ``p1`` and ``p2`` (both tails counted when two-sided, as statsmodels does).
    Broadcasts over ``p1``, ``p2`` and ``n1``."""
    alpha, _, ratio = _check_common(alpha, None, ratio, alternative)
    effect, sd_null, sd_alt = _proportion_parts(p1, p2, ratio, method)
    n1 = _positive(n1, "n1")
    return _out(_power(effect, sd_null, sd_alt, n1, alpha, alternative))


def mde_two_proportions(p1, n1, *, alpha=0.05, power=0.8, ratio=1.0,
                        alternative="two-sided", method="pooled"):
    """Minimum detectable effect ``p2 − p1`` at a baseline rate ``p1`` with ``n1`` units in
    arm 1: the ``p2`` at which :func:`sample_size_two_proportions` returns ``n1`` (upward;
    downward, negative, for ``alternative="less"``). Closed form for ``"arcsine"``
    (``p2 = sin²(asin √p1 ± h/2)``), a root search (Brent) otherwise. Scalars only.
    Raises ``ValueError`` when even a rate of 0 or 1 is not detectable at ``n1``."""
    alpha, power, ratio = _check_common(alpha, power, ratio, alternative)
    check_option(method, "method", PROPORTION_METHODS)
    check_scalar(n1, "n1", numbers.Real, lo=0.0, include_lo=False)
    check_scalar(p1, "p1", numbers.Real)
    p1 = float(_rate(p1, "p1"))
    sign = -1.0 if alternative == "less" else 1.0
    if method == "arcsine":
        h = (_z_alpha(alpha, alternative) + ndtri(power)) * np.sqrt((1 + 1 / ratio) / n1)
        angle = np.arcsin(np.sqrt(p1)) + sign * h / 2
        if not 0 < angle < np.pi / 2:
            raise ValueError(f"n1: {n1} units cannot detect any rate from p1={p1}")
        return float(np.sin(angle) ** 2 - p1)
    # n1 falls as p2 moves away from p1: find where the required n1 equals the given one.
    end = 1.0 - 1e-12 if sign > 0 else 1e-12
    def gap(p2: float) -> float:
        return np.log(sample_size_two_proportions(p1, p2, alpha=alpha, power=power,
                                                  ratio=ratio, alternative=alternative,
                                                  method=method) / n1)
    if gap(end) > 0:
        raise ValueError(f"n1: {n1} units cannot detect any rate from p1={p1}")
    near = p1 + sign * 1e-9
    p2 = brentq(gap, near, end, xtol=1e-14, rtol=1e-14)
    return float(p2 - p1)
