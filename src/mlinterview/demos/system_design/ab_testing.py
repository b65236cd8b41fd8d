"""Demo for ab-testing: what goes wrong when an A/B test is read carelessly, in numbers.

Four miniatures on simulated conversion data (10% baseline, a fixed number of new users
per arm and day):

1. *Peeking.* Thousands of A/A tests (no true difference) are checked every day with the
   fixed-horizon z-test; stopping at the first ``|z| ≥ 1.96`` produces false positives far
   above 5%. Lan-DeMets group-sequential boundaries (O'Brien-Fleming- and Pocock-type) and
   the mSPRT's always-valid p-values keep them at or below 5%, and on A/B tests with a true
   lift equal to the planned minimum detectable effect they show what sequential testing
   costs in power and gains in stopping time.
2. *Power.* Power against units per arm for three relative lifts: small lifts on a low
   baseline need hundreds of thousands of users.
3. *CUPED.* The same experiments analysed with and without a pre-experiment covariate: the
   variance of the estimate falls by ρ², as if the sample were 1/(1 − ρ²) times larger.
4. *Novelty.* A treatment whose effect starts high and decays to a small long-run lift:
   the first week's estimate overstates the lasting effect several times.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.stats.power import (
    mde_two_proportions,
    power_two_proportions,
    sample_size_two_proportions,
)
from mlinterview.ml.stats.sequential import (
    cumulative_rejection_rate,
    cuped_effect,
    group_sequential_boundaries,
    msprt_pvalues,
    simulate_daily_tests,
)

Z_FIXED = 1.959963984540054          # z_(0.975): the fixed-horizon two-sided 5% test
ALPHA = 0.05
#: Relative lifts drawn on the power curve.
LIFTS = (0.02, 0.05, 0.10)
#: Experiments (of 2000 units) in the CUPED miniature.
N_CUPED = 800
#: The novelty miniature: users per arm and day (a large product), long-run relative lift,
#: extra relative lift on day 0 and its half-life in days.
NOVELTY_USERS, NOVELTY_LIFT, NOVELTY_BOOST, NOVELTY_HALF_LIFE = 50_000, 0.05, 0.20, 3.0


def stopping_day(z: np.ndarray, boundary) -> np.ndarray:
    """Day (1-based) of each row's first crossing of ``|z| ≥ boundary``, or the last day
    (the planned end) for rows that never cross; shape (n_experiments,)."""
    crossed = np.abs(z) >= np.broadcast_to(boundary, z.shape[1:])
    first = crossed.argmax(axis=1) + 1
    return np.where(crossed.any(axis=1), first, z.shape[1])


def msprt_reject(tests, variance: float, tau: float) -> np.ndarray:
    """(n_experiments, n_days): 1.0 where the mSPRT p-value has reached ≤ alpha by that
    day, else 0.0, so the crossing code of the z boundaries applies with boundary 0.5."""
    p = msprt_pvalues(tests.difference, tests.n_per_arm, variance=variance, tau=tau)
    return (p <= ALPHA).astype(float)


def design_rows(aa, ab, boundaries: dict[str, np.ndarray], msprt: tuple) -> list[list]:
    """One row per design: name, false positives on the A/A runs, power on the A/B runs,
    mean stopping day on the A/B runs."""
    rows = []
    for name, boundary in boundaries.items():
        rows.append([name, float(cumulative_rejection_rate(aa.z, boundary)[-1]),
                     float(cumulative_rejection_rate(ab.z, boundary)[-1]),
                     float(stopping_day(ab.z, boundary).mean())])
    # Fixed horizon: one look, at the end.
    rows.insert(0, ["fixed horizon (one look, last day)",
                    float(np.mean(np.abs(aa.z[:, -1]) >= Z_FIXED)),
                    float(np.mean(np.abs(ab.z[:, -1]) >= Z_FIXED)), float(aa.z.shape[1])])
    variance, tau = msprt
    aa_m, ab_m = msprt_reject(aa, variance, tau), msprt_reject(ab, variance, tau)
    rows.append(["mSPRT, always-valid p ≤ 0.05 (daily)",
                 float(cumulative_rejection_rate(aa_m, 0.5)[-1]),
                 float(cumulative_rejection_rate(ab_m, 0.5)[-1]),
                 float(stopping_day(ab_m, 0.5).mean())])
    return rows


def cuped_runs(n_experiments: int, n_units: int, rho: float, effect: float,
               rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
    """Raw and CUPED estimates (n_experiments,) of ``effect`` on a metric Y with
    corr(Y, X) = ρ to its pre-period value X, half the units treated; and the mean variance
    reduction the CUPED results report."""
    x = rng.standard_normal((n_experiments, n_units))
    treated = rng.random((n_experiments, n_units)) < 0.5
    y = effect * treated + rho * x + np.sqrt(1 - rho**2) * rng.standard_normal(x.shape)
    raw, adjusted, reduction = [], [], []
    for yi, xi, ti in zip(y, x, treated, strict=True):    # one library call per experiment
        r = cuped_effect(yi, xi, ti)
        raw.append(r.raw_estimate)
        adjusted.append(r.estimate)
        reduction.append(r.variance_reduction)
    return np.array(raw), np.array(adjusted), float(np.mean(reduction))


def novelty_effect(days: np.ndarray, baseline: float) -> np.ndarray:
    """True absolute lift on each day (0-based): long-run lift plus a boost that halves
    every ``NOVELTY_HALF_LIFE`` days, both relative to ``baseline``."""
    return baseline * (NOVELTY_LIFT + NOVELTY_BOOST * 0.5 ** (days / NOVELTY_HALF_LIFE))


def novelty_run(n_days: int, baseline: float, rng: np.random.Generator
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One test with a novelty effect: true daily lift, observed daily lift and the
    cumulative estimate after each day, each of shape (n_days,)."""
    truth = novelty_effect(np.arange(n_days), baseline)
    conv = rng.binomial(NOVELTY_USERS, np.stack([np.full(n_days, baseline),
                                                 baseline + truth]))
    daily = (conv[1] - conv[0]) / NOVELTY_USERS
    cumulative = np.cumsum(conv[1] - conv[0]) / (NOVELTY_USERS * np.arange(1, n_days + 1))
    return truth, daily, cumulative


@demo("ab-testing", title="Peeking, sequential boundaries, power, CUPED and novelty")
def ab_test_pitfalls(
    n_days: Param(int, lo=5, hi=60, help="Days the test runs (one look a day).") = 28,
    users_per_day: Param(int, lo=100, hi=20_000, help="New users per arm and day.") = 1000,
    conversion_rate: Param(float, lo=0.01, hi=0.5, help="Baseline conversion rate.") = 0.10,
    n_experiments: Param(int, lo=200, hi=10_000,
                         help="Simulated tests per design (A/A and A/B each).") = 4000,
    rho: Param(float, lo=0.0, hi=0.95,
               help="CUPED: correlation of the metric with its pre-period value.") = 0.7,
    seed: int = 2,
) -> DemoResult:
    """Daily-peeked A/A and A/B tests under five stopping rules, a power curve, CUPED on
    repeated experiments and a decaying novelty effect."""
    rng = np.random.default_rng(seed)
    p = conversion_rate
    n_final = users_per_day * n_days
    mde = mde_two_proportions(p, n_final)                 # what the planned test can see
    aa = simulate_daily_tests(n_days, users_per_day, conversion_rate=p,
                              n_experiments=n_experiments, random_state=rng)
    ab = simulate_daily_tests(n_days, users_per_day, conversion_rate=p, treatment_rate=p + mde,
                              n_experiments=n_experiments, random_state=rng)
    t = np.arange(1, n_days + 1) / n_days
    boundaries = {
        "daily peeking at |z| ≥ 1.96": np.full(n_days, Z_FIXED),
        "O'Brien-Fleming-type boundaries": group_sequential_boundaries(t, ALPHA, n_points=401),
        "Pocock-type boundaries": group_sequential_boundaries(t, ALPHA, spending="pocock",
                                                              n_points=401),
    }
    # mSPRT with the variance of the baseline and the mixing sd at the planned MDE.
    rows = design_rows(aa, ab, boundaries, (p * (1 - p), mde))
    table = Table(["design", "false positives (A/A)", "power at the MDE",
                   "mean stopping day (A/B)"])
    for name, fp, power, day in rows:
        table.add(name, round(fp, 3), round(power, 3), round(day, 1))

    # -- figure 1: peeking ---------------------------------------------------------------
    days = np.arange(1, n_days + 1)
    fig_peek, (ax_fp, ax_b) = new_figure(2, width=4.6)
    for name, boundary in boundaries.items():
        ax_fp.plot(days, cumulative_rejection_rate(aa.z, boundary), label=name)
        ax_b.plot(days, np.minimum(boundary, 8), label=name)
    ax_fp.plot(days, cumulative_rejection_rate(msprt_reject(aa, p * (1 - p), mde), 0.5),
               label="mSPRT")
    ax_fp.axhline(ALPHA, color="k", ls=":", lw=1, label="nominal 5%")
    ax_fp.set(xlabel="day (one look a day)", ylabel="share of A/A tests stopped",
              title="False positives when you stop at the first 'win'")
    ax_fp.legend(fontsize=8)
    ax_b.set(xlabel="day", ylabel="|z| needed to stop (capped at 8)", ylim=(0, 8.2),
             title="Stopping boundaries")
    ax_b.legend(fontsize=8)

    # -- figure 2: power curve -----------------------------------------------------------
    fig_power, ax_p = new_figure(width=5.6)
    n_grid = np.geomspace(1e3, 2e6, 200)
    needed = {}
    for lift in LIFTS:
        ax_p.semilogx(n_grid, power_two_proportions(p, p * (1 + lift), n_grid),
                      label=f"+{lift:.0%} relative ({p:.0%} → {p * (1 + lift):.2%})")
        needed[lift] = sample_size_two_proportions(p, p * (1 + lift))
        ax_p.axvline(needed[lift], color="grey", ls=":", lw=1)
    ax_p.axhline(0.8, color="k", ls="--", lw=1, label="80% power")
    ax_p.set(xlabel="users per arm", ylabel="power (two-sided α = 0.05)",
             title="Power against sample size", ylim=(0, 1.02))
    ax_p.legend(fontsize=8)

    # -- figure 3: CUPED -----------------------------------------------------------------
    raw, adjusted, reduction = cuped_runs(N_CUPED, 2000, rho, 0.05, rng)
    fig_cuped, ax_c = new_figure(width=5.6)
    bins = np.linspace(min(raw.min(), adjusted.min()), max(raw.max(), adjusted.max()), 40)
    ax_c.hist(raw, bins, alpha=0.6, label=f"difference of means (sd {raw.std(ddof=1):.4f})")
    ax_c.hist(adjusted, bins, alpha=0.6,
              label=f"CUPED (sd {adjusted.std(ddof=1):.4f})")
    ax_c.axvline(0.05, color="k", ls=":", lw=1, label="true effect")
    ax_c.set(xlabel="estimated effect", ylabel="experiments",
             title=f"{N_CUPED} experiments, corr(Y, pre-period Y) = {rho:g}")
    ax_c.legend(fontsize=8)
    empirical = 1 - adjusted.var(ddof=1) / raw.var(ddof=1)

    # -- figure 4: novelty ---------------------------------------------------------------
    truth, daily, cumulative = novelty_run(n_days, p, rng)
    long_run = p * NOVELTY_LIFT
    fig_nov, ax_n = new_figure(width=5.6)
    ax_n.plot(days, daily, ".", color="grey", label="observed lift that day")
    ax_n.plot(days, truth, label="true lift that day")
    ax_n.plot(days, cumulative, label="cumulative estimate (all days so far)")
    ax_n.axhline(long_run, color="k", ls=":", lw=1, label="long-run lift")
    ax_n.set(xlabel="day", ylabel="treatment − control conversion",
             title="A novelty effect decays; the early estimate does not")
    ax_n.legend(fontsize=8)
    week = min(7, n_days)
    last_week = float(daily[-week:].mean())

    fixed, naive, obf, pocock, msprt = rows
    mc_error = 2 * np.sqrt(ALPHA * (1 - ALPHA) / n_experiments)
    summary = (
        f"{n_experiments} A/A tests, {users_per_day} new users per arm a day for {n_days} "
        f"days at a {p:.0%} baseline (Monte Carlo error of a 5% rate: ±{mc_error:.1%} at "
        f"2 standard errors). Looking once at the end, {fixed[1]:.1%} are false "
        f"positives; stopping at the first day with |z| ≥ 1.96 gives {naive[1]:.1%}. "
        f"O'Brien-Fleming-type boundaries ({obf[1]:.1%}), Pocock-type ({pocock[1]:.1%}) and "
        f"the mSPRT ({msprt[1]:.1%}) stay near or below 5%. With a true lift equal to the "
        f"planned MDE ({mde:.4f}, {mde / p:.1%} relative), the fixed test has power "
        f"{fixed[2]:.0%}, O'Brien-Fleming {obf[2]:.0%} (mean stop on day {obf[3]:.1f}), "
        f"Pocock {pocock[2]:.0%} (day {pocock[3]:.1f}), mSPRT {msprt[2]:.0%} (day "
        f"{msprt[3]:.1f}). A +5% relative lift needs {needed[0.05]:,.0f} users per arm at "
        f"80% power, +2% needs {needed[0.02]:,.0f}. CUPED with ρ = {rho:g} cut the "
        f"estimate's variance by {empirical:.0%} across {N_CUPED} experiments (ρ² = "
        f"{rho**2:.0%}; reported per test {reduction:.0%}). With a novelty boost, the "
        f"first week's cumulative estimate is {cumulative[week - 1]:.4f}, "
        f"{cumulative[week - 1] / long_run:.1f}× the long-run lift {long_run:.4f}; the "
        f"full-run estimate is {cumulative[-1]:.4f} and the last week alone "
        f"{last_week:.4f}.")
    return DemoResult(figures={"peeking": fig_peek, "power-curve": fig_power,
                               "cuped": fig_cuped, "novelty": fig_nov},
                      table=table, summary=summary)
