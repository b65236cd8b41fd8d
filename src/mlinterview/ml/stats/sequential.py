"""Running an A/B test: peeking, sequential boundaries, sample-ratio checks, CUPED and
interleaving.

- :func:`simulate_daily_tests` and :func:`cumulative_rejection_rate`: A/A tests (no true
  difference) whose two-proportion z-test is looked at every day. Stopping at the first
  ``|z| ≥ 1.96`` makes the share of false positives grow with the number of looks, far
  above the nominal 5% (Armitage, McPherson and Rowe 1969);
- :func:`spending_function` and :func:`group_sequential_boundaries`: Lan-DeMets
  alpha-spending (O'Brien-Fleming-type and Pocock-type) and the z boundaries it implies
  at planned looks, computed by recursive numerical integration of the Brownian motion
  the cumulative z-statistic follows (Armitage et al. 1969; Jennison and Turnbull 2000,
  ch. 19): the chance of crossing by look k under the null is the alpha spent by then;
- :func:`msprt_pvalues`: always-valid p-values of the mixture sequential probability
  ratio test (Robbins 1970; Johari, Koomen, Pekelis and Walsh 2017), valid at any
  stopping time, for a difference of two means;
- :func:`sample_ratio_mismatch`: chi-square goodness-of-fit of the units each arm got
  against the planned split (a bug detector: a failed SRM check voids the test);
- :func:`cuped_theta`, :func:`cuped_adjust`, :func:`cuped_effect`: CUPED (Deng, Xu,
  Kohavi and Walker 2013): subtract ``θ (X − mean X)`` with a pre-experiment covariate X
  and ``θ = cov(Y, X) / var(X)``; the variance falls by the factor ``1 − ρ²``;
- :func:`team_draft_interleave` and :func:`team_draft_credit`: team-draft interleaving
  of two rankers' lists (Radlinski, Kurup and Joachims 2008), each click credited to the
  ranker that contributed the clicked item.

Checked against ``scipy.stats.chisquare``, ``scipy.stats.multivariate_normal`` (boundary
crossing probabilities) and ``numpy.linalg.lstsq`` (CUPED as a regression) in
``tests/parity/test_ab_testing.py``.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable, Sequence
from typing import NamedTuple

import numpy as np
from scipy.optimize import brentq
from scipy.special import chdtrc, ndtr, ndtri

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_option,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.stats._checks import real_array

__all__ = [
    "SPENDING_FUNCTIONS",
    "CupedResult",
    "DailyTests",
    "Interleaving",
    "SRMResult",
    "cumulative_rejection_rate",
    "cuped_adjust",
    "cuped_effect",
    "cuped_theta",
    "group_sequential_boundaries",
    "msprt_pvalues",
    "sample_ratio_mismatch",
    "simulate_daily_tests",
    "spending_function",
    "team_draft_credit",
    "team_draft_interleave",
]


def _level(value, name: str) -> float:
    check_scalar(value, name, numbers.Real, lo=0.0, hi=1.0, include_lo=False,
                 include_hi=False)
    return float(value)


def _count(value, name: str, lo: int = 1) -> int:
    check_scalar(value, name, numbers.Integral, lo=lo)
    return int(value)


# -- peeking ---------------------------------------------------------------------------


class DailyTests(NamedTuple):
    """Cumulative results of simulated two-arm tests looked at once a day.

    ``n_per_arm`` (n_looks,): units per arm at each look; ``difference`` and ``z``
    (n_experiments, n_looks): rate B − rate A on all data up to the look, and its pooled
    two-proportion z-statistic."""

    n_per_arm: np.ndarray
    difference: np.ndarray
    z: np.ndarray


def simulate_daily_tests(n_days, users_per_day, *, conversion_rate=0.1, treatment_rate=None,
                         n_experiments=2000, random_state=None) -> DailyTests:
    """Simulate ``n_experiments`` two-arm tests: each day ``users_per_day`` new users join
    each arm; arm A converts with ``conversion_rate``, arm B with ``treatment_rate``
    (None: the same rate, an A/A test, so every rejection is a false positive).

    Daily conversions are Binomial(users_per_day, rate) per arm, day and experiment (one
    draw of shape (n_experiments, n_days, 2)); cumulative sums give the rates after each
    day and the pooled z-statistic ``z = (p̂_B − p̂_A) / √(p̄ (1 − p̄) · 2/n)`` (0 while
    nobody, or everybody, has converted)."""
    n_days = _count(n_days, "n_days")
    users_per_day = _count(users_per_day, "users_per_day")
    n_experiments = _count(n_experiments, "n_experiments")
    rate_a = _level(conversion_rate, "conversion_rate")
    rate_b = rate_a if treatment_rate is None else _level(treatment_rate, "treatment_rate")
    rng = check_random_state(random_state)
    daily = rng.binomial(users_per_day, [rate_a, rate_b], size=(n_experiments, n_days, 2))
    conversions = daily.cumsum(axis=1)
    n = users_per_day * np.arange(1, n_days + 1)
    p_a, p_b = conversions[..., 0] / n, conversions[..., 1] / n
    p_bar = (p_a + p_b) / 2
    se = np.sqrt(p_bar * (1 - p_bar) * 2 / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, (p_b - p_a) / se, 0.0)
    return DailyTests(n, p_b - p_a, z)


def cumulative_rejection_rate(z, boundary):
    """Share of experiments stopped for "significance" by each look, stopping at the
    first look ``k`` with ``|z_k| ≥ boundary_k``: under no true difference the realised
    false-positive rate of stopping there, under a true difference the power.

    Parameters
    ----------
    z : array of shape (n_experiments, n_looks)
        Cumulative test statistics, one row per experiment.
    boundary : float or array of shape (n_looks,)
        Critical values: 1.96 at every look is naive peeking; a group-sequential design
        uses :func:`group_sequential_boundaries`.

    Returns
    -------
    array of shape (n_looks,): the fraction of rows with a crossing at or before each look
    (non-decreasing).
    """
    z = real_array(z, "z")
    if z.ndim != 2:
        raise ValueError(f"z: expected shape (n_experiments, n_looks), got {z.shape}")
    boundary = np.broadcast_to(real_array(boundary, "boundary", finite=False), z.shape[1:])
    crossed = np.abs(z) >= boundary
    return np.logical_or.accumulate(crossed, axis=1).mean(axis=0)


# -- group-sequential boundaries -------------------------------------------------------


def _obrien_fleming(t, alpha):
    """α(t) = 2 − 2Φ(z_(1−α/2) / √t): almost nothing spent early, α at t = 1. Written
    as 2Φ(−z_(1−α/2)/√t): the subtraction would round tiny early amounts to 0."""
    return 2.0 * ndtr(ndtri(alpha / 2) / np.sqrt(t))


def _pocock(t, alpha):
    """α(t) = α ln(1 + (e − 1) t): spent nearly evenly over the looks."""
    return alpha * np.log1p((np.e - 1.0) * t)


#: Lan-DeMets spending functions: name → α(t, alpha), increasing from 0 to alpha on [0, 1].
SPENDING_FUNCTIONS = {"obrien-fleming": _obrien_fleming, "pocock": _pocock}


def spending_function(t, alpha=0.05, kind="obrien-fleming"):
    """Cumulative type I error allowed by information fraction ``t`` ∈ [0, 1] (the share of
    the planned sample seen so far): Lan and DeMets (1983)'s O'Brien-Fleming-type
    ``2 − 2Φ(z_(1−α/2)/√t)`` or Pocock-type ``α ln(1 + (e−1) t)``. Broadcasts over ``t``."""
    check_option(kind, "kind", SPENDING_FUNCTIONS)
    alpha = _level(alpha, "alpha")
    t = real_array(t, "t")
    if ((t < 0) | (t > 1)).any():
        raise ValueError(f"t: expected information fractions in [0, 1], got {t!r:.60}")
    with np.errstate(divide="ignore"):
        out = np.where(t > 0, SPENDING_FUNCTIONS[kind](np.maximum(t, 1e-300), alpha), 0.0)
    return float(out) if out.ndim == 0 else out


def _simpson_grid(lo: float, hi: float, n_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and Simpson weights on [lo, hi] (n_points odd)."""
    x = np.linspace(lo, hi, n_points)
    w = np.ones(n_points)
    w[1:-1:2], w[2:-1:2] = 4.0, 2.0
    return x, w * (hi - lo) / (3 * (n_points - 1))


def _excess_exit(c: float, mass: np.ndarray, nodes: np.ndarray, step: float,
                 root_t: float, target: float) -> float:
    """P(first crossing at this look with boundary c) − target. ``mass`` holds the running
    paths' probabilities at ``nodes`` (values of B at the previous look); the increment
    to this look is N(0, step²); ``|z| ≥ c`` is ``|B| ≥ c √t``."""
    a = c * root_t
    return float(mass @ (ndtr((-a - nodes) / step) + ndtr((nodes - a) / step))) - target


def group_sequential_boundaries(information_fractions, alpha=0.05, *,
                                spending="obrien-fleming", n_points=801):
    """Two-sided z boundaries ``c_k`` for looks at the given information fractions: stop at
    the first look with ``|z_k| ≥ c_k``; under the null the chance of stopping by look k
    on either side is ``2 · spending_function(t_k, alpha/2)`` (each side spends alpha/2,
    the convention of gsDesign, rpact and ldbounds), so the overall type I error is
    ``alpha`` at ``t_K = 1`` however many looks there are.

    The cumulative z-statistic is ``z_k = B(t_k)/√t_k`` for a standard Brownian motion B
    (independent increments of variance ``t_k − t_(k−1)``). The density of ``B(t_k)`` on
    the paths still running is carried from look to look by convolution with the normal
    increment (Simpson's rule on ``n_points`` nodes); ``c_k`` solves "probability of first
    crossing at look k = α(t_k) − α(t_(k−1))" by Brent's method.

    Parameters
    ----------
    information_fractions : array of shape (K,), increasing, in (0, 1]
    alpha : float in (0, 1), two-sided level
    spending : {"obrien-fleming", "pocock"}
    n_points : int, odd, ≥ 101: nodes of the integration grid (801 gives ~1e-7 accuracy)

    Returns
    -------
    array of shape (K,): the z boundaries (``inf`` where a look spends no alpha).

    >>> np.round(group_sequential_boundaries([0.2, 0.4, 0.6, 0.8, 1.0]), 3)
    array([4.877, 3.357, 2.68 , 2.29 , 2.031])
    """
    t = check_1d(information_fractions, "information_fractions")
    t = real_array(t, "information_fractions")
    if (t <= 0).any() or (t > 1).any() or (np.diff(t) <= 0).any():
        raise ValueError(f"information_fractions: expected increasing values in (0, 1], got "
                         f"{t!r:.80}")
    alpha = _level(alpha, "alpha")
    check_option(spending, "spending", SPENDING_FUNCTIONS)
    n_points = _count(n_points, "n_points", lo=101)
    if n_points % 2 == 0:
        raise ValueError(f"n_points: expected an odd number (Simpson's rule), got {n_points}")
    # Symmetric two-sided design, as gsDesign, rpact and ldbounds build it: each side
    # spends alpha/2 by the spending function, so both together spend 2·α_f(t; alpha/2).
    spent = 2 * np.diff(spending_function(t, alpha / 2, spending), prepend=0.0)

    bounds = np.empty(t.size)
    # Look 1: z_1 is standard normal, so P(|z_1| ≥ c) = 2Φ(−c).
    bounds[0] = -ndtri(spent[0] / 2) if spent[0] > 0 else np.inf
    far = 12.0                                  # grid edge in sds of B(t): mass beyond ~1e-32
    half = min(bounds[0], far) * np.sqrt(t[0])  # B(t_1) keeps running inside (−half, half)
    nodes, weights = _simpson_grid(-half, half, n_points)
    density = np.exp(-nodes**2 / (2 * t[0])) / np.sqrt(2 * np.pi * t[0])
    for k in range(1, t.size):
        step = np.sqrt(t[k] - t[k - 1])
        mass = density * weights               # the running paths' probability at each node
        args = (mass, nodes, step, np.sqrt(t[k]), spent[k])
        if spent[k] <= 0 or _excess_exit(far, *args) >= 0:
            bounds[k] = np.inf
        else:
            # Crossing probability falls from all remaining mass (c = 0) to ~0 (c = far).
            bounds[k] = brentq(_excess_exit, 0.0, far, args=args, xtol=1e-12, rtol=1e-12)
        half = min(bounds[k], far) * np.sqrt(t[k])
        new_nodes, new_weights = _simpson_grid(-half, half, n_points)
        kernel = np.exp(-(new_nodes[:, None] - nodes[None, :]) ** 2 / (2 * step**2))
        density = kernel @ mass / (np.sqrt(2 * np.pi) * step)
        nodes, weights = new_nodes, new_weights
    return bounds


# -- always-valid p-values -------------------------------------------------------------


def msprt_pvalues(mean_difference, n_per_arm, *, variance, tau=None):
    """Always-valid p-values of the normal mixture SPRT for a difference of two means.

    After ``n`` units per arm the difference of the means ``d̄`` is N(θ, V/n) with
    ``V = 2σ²`` (σ² = ``variance`` of one unit's metric, known or plugged in). Mixing the
    likelihood ratio over ``θ ~ N(0, τ²)`` gives

        Λ_n = √(V / (V + n τ²)) · exp(n² τ² d̄² / (2 V (V + n τ²))),

    and ``p_n = min(1, 1/Λ_1, ..., 1/Λ_n)``. By Ville's inequality
    ``P(some p_n ≤ α | θ = 0) ≤ α``: the test may be looked at after every unit.

    Parameters
    ----------
    mean_difference : array of shape (..., n_looks)
        ``d̄`` at each look (rows: separate experiments).
    n_per_arm : array of shape (n_looks,), increasing
    variance : float > 0, σ² of one unit
    tau : float > 0 or None
        Mixing sd of the effect, in the metric's units; the test is most sensitive to
        effects near τ. None: ``τ = σ`` (no prior knowledge of the effect size).

    Returns
    -------
    array shaped like ``mean_difference``: non-increasing along the last axis.
    """
    d = real_array(mean_difference, "mean_difference")
    n = real_array(n_per_arm, "n_per_arm")
    check_scalar(variance, "variance", numbers.Real, lo=0.0, include_lo=False)
    if tau is None:
        tau = float(np.sqrt(variance))
    check_scalar(tau, "tau", numbers.Real, lo=0.0, include_lo=False)
    if d.ndim == 0 or d.shape[-1] != n.size or (n <= 0).any():
        raise ValueError(f"n_per_arm: expected {d.shape[-1:] if d.ndim else '(n_looks,)'} "
                         f"positive counts matching mean_difference's last axis, got "
                         f"shape {n.shape}")
    v, tau2 = 2.0 * float(variance), float(tau) ** 2
    log_lambda = (0.5 * np.log(v / (v + n * tau2))
                  + n**2 * tau2 * d**2 / (2 * v * (v + n * tau2)))
    p = np.minimum(1.0, np.exp(-log_lambda))
    return np.minimum.accumulate(p, axis=-1)


# -- sample-ratio mismatch -------------------------------------------------------------


class SRMResult(NamedTuple):
    """Chi-square goodness-of-fit of the arms' unit counts to the planned split."""

    statistic: float
    pvalue: float
    expected: np.ndarray


def sample_ratio_mismatch(counts, expected_ratios=None) -> SRMResult:
    """Sample-ratio-mismatch (SRM) check: were units assigned in the planned proportions?

    ``χ² = Σ (observed − expected)² / expected`` with ``expected = total · ratio``, on
    ``k − 1`` degrees of freedom (as ``scipy.stats.chisquare``). A tiny p-value (teams use
    thresholds like 0.001) means the assignment or the logging is broken (bots filtered in
    one arm, a redirect that loses users, a crash): fix that before reading any metric.

    Parameters
    ----------
    counts : array of shape (k,), k ≥ 2, non-negative
        Units (users, not events) per arm.
    expected_ratios : array of shape (k,) or None
        Planned split, normalised to sum to 1 (``[50, 50]`` is fine); None: equal.
    """
    counts = real_array(check_1d(counts, "counts", min_samples=2), "counts")
    if (counts < 0).any() or counts.sum() == 0:
        raise ValueError(f"counts: expected non-negative counts with a positive total, got "
                         f"{counts!r:.60}")
    if expected_ratios is None:
        ratios = np.full(counts.size, 1.0 / counts.size)
    else:
        ratios = real_array(check_1d(expected_ratios, "expected_ratios"), "expected_ratios")
        check_consistent_length(counts=counts, expected_ratios=ratios)
        if (ratios <= 0).any():
            raise ValueError(f"expected_ratios: expected positive shares, got {ratios!r:.60}")
        ratios = ratios / ratios.sum()
    expected = counts.sum() * ratios
    statistic = float(((counts - expected) ** 2 / expected).sum())
    return SRMResult(statistic, float(chdtrc(counts.size - 1, statistic)), expected)


# -- CUPED -----------------------------------------------------------------------------


def _paired(y, x) -> tuple[np.ndarray, np.ndarray]:
    y = real_array(check_1d(y, "y", min_samples=2), "y")
    x = real_array(check_1d(x, "x", min_samples=2), "x")
    check_consistent_length(y=y, x=x)
    return y, x


def cuped_theta(y, x) -> float:
    """``θ = cov(Y, X) / var(X)``: the slope of the metric Y (n,) on its pre-experiment
    covariate X (n,), over all units of both arms (X is measured before assignment, so its
    relation to Y does not depend on the arm). Raises if X is constant."""
    y, x = _paired(y, x)
    xc = x - x.mean()
    var = xc @ xc
    if var == 0:
        raise ValueError("x: the covariate is constant, so θ = cov/var is 0/0")
    return float(xc @ (y - y.mean()) / var)


def cuped_adjust(y, x, *, theta=None) -> np.ndarray:
    """CUPED-adjusted metric ``Y − θ (X − mean X)`` of shape (n,): same mean as Y, variance
    ``var(Y)(1 − ρ²)`` at the optimal θ (ρ = corr(X, Y)). ``theta=None`` uses
    :func:`cuped_theta`."""
    y, x = _paired(y, x)
    if theta is None:
        theta = cuped_theta(y, x)
    check_scalar(theta, "theta", numbers.Real)
    return y - theta * (x - x.mean())


class CupedResult(NamedTuple):
    """Treatment − control difference of means, raw and CUPED-adjusted, with standard
    errors ``√(s_t²/n_t + s_c²/n_c)``; ``variance_reduction = 1 − (se_cuped/se_raw)²``."""

    estimate: float
    standard_error: float
    raw_estimate: float
    raw_standard_error: float
    theta: float
    variance_reduction: float


def _difference(values: np.ndarray, treated: np.ndarray) -> tuple[float, float]:
    a, b = values[treated], values[~treated]
    se = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    return float(a.mean() - b.mean()), float(se)


def cuped_effect(y, x, treatment, *, theta=None) -> CupedResult:
    """The A/B estimate with and without CUPED.

    Parameters
    ----------
    y : array of shape (n,), the metric during the experiment
    x : array of shape (n,), the same units' covariate from before it (e.g. last month's
        value of the metric)
    treatment : array of shape (n,), bool or 0/1; each arm needs ≥ 2 units
    theta : float or None, None: :func:`cuped_theta` pooled over both arms

    Because X is independent of the assignment, the adjusted difference is unbiased for
    the same effect; with ``theta`` = the within-arm regression slope it equals the
    treatment coefficient of the least-squares fit ``Y ~ 1 + T + X``.
    """
    y, x = _paired(y, x)
    t = check_1d(treatment, "treatment")
    check_consistent_length(y=y, treatment=t)
    if t.dtype.kind not in "biu" or not np.isin(t, (0, 1)).all():
        raise ValueError("treatment: expected booleans or 0/1 flags")
    treated = t.astype(bool)
    if min(treated.sum(), (~treated).sum()) < 2:
        raise ValueError("treatment: each arm needs at least 2 units")
    theta = cuped_theta(y, x) if theta is None else theta
    raw, raw_se = _difference(y, treated)
    est, se = _difference(cuped_adjust(y, x, theta=theta), treated)
    return CupedResult(est, se, raw, raw_se, float(theta), 1.0 - (se / raw_se) ** 2)


# -- team-draft interleaving -----------------------------------------------------------


class Interleaving(NamedTuple):
    """An interleaved list and, for each position, the ranker that put the item there
    (``"A"`` or ``"B"``)."""

    items: list
    teams: list


def team_draft_interleave(ranking_a: Sequence[Hashable], ranking_b: Sequence[Hashable], *,
                          length: int | None = None, coins: Iterable[bool] | None = None,
                          random_state=None) -> Interleaving:
    """Team-draft interleaving (Radlinski, Kurup and Joachims 2008).

    As captains picking teams: the ranker with fewer picks so far adds its highest-ranked
    item not yet in the list; when both have picked equally often a coin decides who goes
    first (heads: A). A ranker with no new item left stops picking and the other carries
    on; the list ends at ``length`` items (default: all distinct items).

    Parameters
    ----------
    ranking_a, ranking_b : sequences of hashable item ids, best first, no repeats
    length : int ≥ 1 or None
    coins : iterable of bool or None
        The coin flips, consumed in order, one per tie (True: A picks first). None:
        drawn from ``random_state`` (fair coin). Given coins make a result reproducible
        by hand.

    Returns
    -------
    :class:`Interleaving` (items, teams).

    >>> team_draft_interleave(["a", "b", "c"], ["b", "c", "a"], coins=[True, True])
    Interleaving(items=['a', 'b', 'c'], teams=['A', 'B', 'A'])
    """
    lists = {"A": list(ranking_a), "B": list(ranking_b)}
    for name, ranking in lists.items():
        if len(set(ranking)) != len(ranking):
            raise ValueError(f"ranking_{name.lower()}: expected distinct items, got repeats")
    n_distinct = len(set(lists["A"]) | set(lists["B"]))
    if length is None:
        length = n_distinct
    length = min(_count(length, "length"), n_distinct)
    if coins is None:
        rng = check_random_state(random_state)
        flips = iter(lambda: bool(rng.random() < 0.5), None)
    else:
        flips = iter(coins)
    items: list = []
    teams: list[str] = []
    placed: set = set()
    picks = {"A": 0, "B": 0}
    cursor = {"A": 0, "B": 0}                   # next candidate position in each ranking

    def next_item(name: str):
        ranking = lists[name]
        while cursor[name] < len(ranking) and ranking[cursor[name]] in placed:
            cursor[name] += 1
        return ranking[cursor[name]] if cursor[name] < len(ranking) else None

    # One iteration per position of the output list (≤ length, a few dozen in practice).
    while len(items) < length:
        if picks["A"] != picks["B"]:
            turn = "A" if picks["A"] < picks["B"] else "B"
        else:
            try:
                turn = "A" if next(flips) else "B"
            except StopIteration:
                raise ValueError("coins: ran out of coin flips before the list was full"
                                 ) from None
        item = next_item(turn)
        if item is None:                        # this ranker is exhausted: the other picks
            turn = "B" if turn == "A" else "A"
            item = next_item(turn)
        items.append(item)
        teams.append(turn)
        placed.add(item)
        picks[turn] += 1
    return Interleaving(items, teams)


def team_draft_credit(teams: Sequence[str], clicked) -> tuple[int, int]:
    """Clicks credited to ranker A and to ranker B: each click on position i counts for the
    ranker that placed item i. ``clicked`` is a bool mask (n,) over the interleaved list
    or the clicked positions. The query's preference is the sign of A − B; over many
    queries the share of wins for A among non-ties tells which ranker users prefer."""
    teams_arr = np.asarray(list(teams))
    if not np.isin(teams_arr, ("A", "B")).all():
        raise ValueError("teams: expected 'A' or 'B' for every position")
    clicked = np.asarray(clicked)
    if clicked.dtype == bool:
        check_consistent_length(teams=teams_arr, clicked=clicked)
        positions = np.flatnonzero(clicked)
    else:
        if clicked.size and (clicked.dtype.kind not in "iu" or clicked.min() < 0
                             or clicked.max() >= teams_arr.size):
            raise ValueError(f"clicked: expected a bool mask or positions in "
                             f"[0, {teams_arr.size}), got {clicked!r:.60}")
        positions = clicked.astype(int)
    chosen = teams_arr[positions]
    return int((chosen == "A").sum()), int((chosen == "B").sum())
