"""Demo for binomial: the exact pmf against the normal approximation as ``n`` grows.

For each ``n`` the table gives the largest error of the normal approximation of the cdf
``P(X <= k)`` over all ``k``, with and without the continuity correction, and whether the
rule of thumb ``n p >= 10 and n (1 - p) >= 10`` holds.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.stats import binom_cdf, binom_normal_approx, binom_pmf, binom_sf

SIZES = (5, 10, 20, 50, 100, 200, 500, 1000, 5000)


def approximation_errors(n: int, p: float) -> tuple[float, float]:
    """Max over k of |normal cdf - exact cdf|, with and without continuity correction."""
    k = np.arange(0, n + 1)
    exact = binom_cdf(k, n, p)
    with_cc = np.abs(binom_normal_approx(k, n, p) - exact).max()
    without = np.abs(binom_normal_approx(k, n, p, continuity=False) - exact).max()
    return float(with_cc), float(without)


@demo("binomial", title="Binomial pmf vs the normal approximation")
def normal_approximation(
    p: Param(float, lo=0.001, hi=0.999, help="Success probability of one trial.") = 0.1,
    k_at_least: Param(int, lo=0, hi=5000,
                      help="Show P(X >= k) for this k at n = 100.") = 15,
) -> DemoResult:
    """The normal approximation improves as n p (1 - p) grows; the continuity correction
    matters most at small n."""
    table = Table(["n", "n p", "rule of thumb holds", "max cdf error (corrected)",
                   "max cdf error (uncorrected)"])
    errors = []
    for n in SIZES:
        with_cc, without = approximation_errors(n, p)
        errors.append((with_cc, without))
        holds = bool(n * p >= 10 and n * (1 - p) >= 10)
        table.add(n, round(n * p, 3), "yes" if holds else "no", round(with_cc, 6),
                  round(without, 6))

    fig1, axes = new_figure(3, width=3.4)
    for ax, n in zip(axes, (10, 50, 500), strict=True):
        k = np.arange(0, n + 1)
        pmf = binom_pmf(k, n, p)
        keep = pmf > 1e-4 * pmf.max()
        ax.bar(k[keep], pmf[keep], width=1.0, color="#9ecae1", label="exact pmf")
        mean, sd = n * p, np.sqrt(n * p * (1 - p))
        x = np.linspace(k[keep].min() - 1, k[keep].max() + 1, 300)
        ax.plot(x, np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)),
                color="#d62728", label="normal")
        ax.set(title=f"n = {n}, p = {p:g}", xlabel="k")
    axes[0].legend(fontsize=8)

    fig2, ax = new_figure()
    errs = np.array(errors)
    ax.loglog(SIZES, errs[:, 0], "o-", label="with continuity correction")
    ax.loglog(SIZES, errs[:, 1], "s--", label="without")
    ax.set(xlabel="n", ylabel="max |approx cdf - exact cdf|",
           title="Normal approximation error shrinks like 1/sqrt(n)")
    ax.legend(fontsize=8)

    n = 100
    exact_tail = binom_sf(k_at_least - 1, n, p)
    approx_tail = 1 - binom_normal_approx(k_at_least - 1, n, p)
    table.add(f"P(X >= {k_at_least}), n = 100", round(n * p, 3), "-",
              round(float(approx_tail), 6), round(float(exact_tail), 6))
    summary = (
        f"With p = {p:g}, the largest cdf error of the corrected normal approximation falls "
        f"from {errors[0][0]:.3f} at n = {SIZES[0]} to {errors[-1][0]:.5f} at n = {SIZES[-1]}. "
        f"At n = 100, P(X >= {k_at_least}) is {float(exact_tail):.5f} exactly and "
        f"{float(approx_tail):.5f} by the approximation (last row: approximation, exact)."
    )
    return DemoResult(figures={"pmf-vs-normal": fig1, "error-vs-n": fig2}, table=table,
                      summary=summary)
