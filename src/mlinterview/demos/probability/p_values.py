"""Demo for p-values: under the null they are uniform; test many hypotheses and false
positives pile up unless you correct.

``n_experiments`` two-sample experiments (``n_per_group`` per arm) are simulated with no
real effect and with a real ``effect`` (in standard deviations); each is judged by
:func:`~mlinterview.ml.stats.ttest_ind`. Then families of 20 null hypotheses are tested
at once, raw and with Bonferroni, Holm and Benjamini-Hochberg.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.stats import multipletests, ttest_ind


def simulate_pvalues(n_experiments: int, n_per_group: int, effect: float, seed: int):
    """Two-sided t-test p-values of shape (n_experiments,) for a true mean shift
    ``effect`` (0 gives the null)."""
    rng = np.random.default_rng(seed)
    a = rng.normal(0.0, 1.0, size=(n_experiments, n_per_group))
    b = rng.normal(effect, 1.0, size=(n_experiments, n_per_group))
    return np.array([ttest_ind(x, y).pvalue for x, y in zip(a, b, strict=True)])


def family_error_rates(null_p: np.ndarray, m: int, alpha: float) -> dict[str, float]:
    """Share of families of ``m`` null p-values with at least one rejection, per method."""
    families = null_p[: (null_p.size // m) * m].reshape(-1, m)
    out = {"no correction": float((families <= alpha).any(axis=1).mean())}
    for method, name in (("bonferroni", "Bonferroni"), ("holm", "Holm"),
                         ("fdr_bh", "Benjamini-Hochberg")):
        hits = [multipletests(f, alpha=alpha, method=method)[0].any() for f in families]
        out[name] = float(np.mean(hits))
    return out


@demo("p-values", title="p-values are uniform under the null; 20 tests inflate false positives")
def null_uniformity(
    n_experiments: Param(int, lo=200, hi=20_000, help="Simulated experiments.") = 4000,
    n_per_group: Param(int, lo=3, hi=500, help="Samples per group.") = 20,
    effect: Param(float, lo=0.0, hi=2.0, help="True mean shift under the alternative.") = 0.5,
    n_tests: Param(int, lo=1, hi=100, help="Hypotheses tested together.") = 20,
    alpha: Param(float, lo=0.001, hi=0.2, help="Significance level.") = 0.05,
    seed: int = 0,
) -> DemoResult:
    """Under the null, P(p <= alpha) = alpha for every alpha; with m tests the chance of
    at least one false positive is 1 - (1 - alpha)^m."""
    null_p = simulate_pvalues(n_experiments, n_per_group, 0.0, seed)
    alt_p = simulate_pvalues(n_experiments, n_per_group, effect, seed + 1)
    fwer = family_error_rates(null_p, n_tests, alpha)

    table = Table(["quantity", "simulated", "theory"])
    table.add(f"P(p <= {alpha:g}) under the null", round(float((null_p <= alpha).mean()), 4),
              alpha)
    table.add("P(p <= 0.5) under the null", round(float((null_p <= 0.5).mean()), 4), 0.5)
    table.add(f"power: P(p <= {alpha:g}) with effect {effect:g}",
              round(float((alt_p <= alpha).mean()), 4), "-")
    table.add(f"P(any false positive), {n_tests} tests, no correction",
              round(fwer["no correction"], 4), round(1 - (1 - alpha) ** n_tests, 4))
    for name in ("Bonferroni", "Holm", "Benjamini-Hochberg"):
        bound = round(alpha, 4)
        table.add(f"P(any false positive), {n_tests} tests, {name}", round(fwer[name], 4),
                  f"<= {bound}")

    fig1, (ax0, ax1) = new_figure(2, width=4.0)
    bins = np.linspace(0, 1, 21)
    ax0.hist(null_p, bins=bins, color="#9ecae1")
    ax0.axhline(n_experiments / 20, color="k", ls=":", lw=1)
    ax0.set(title="No effect: flat", xlabel="p-value", ylabel="experiments")
    ax1.hist(alt_p, bins=bins, color="#fdae6b")
    ax1.set(title=f"Effect {effect:g} sd: piled near 0", xlabel="p-value")

    fig2, ax = new_figure()
    ms = np.arange(1, 101)
    ax.plot(ms, 1 - (1 - alpha) ** ms, label="no correction: 1 - (1 - alpha)^m")
    ax.plot(ms, np.full(ms.shape, alpha), "--", label="Bonferroni / Holm bound")
    ax.axvline(n_tests, color="k", lw=1, ls=":")
    ax.set(xlabel="number of null hypotheses tested (m)", ylabel="P(at least one p <= alpha)",
           ylim=(0, 1.02), title="Multiple testing")
    ax.legend(fontsize=8)

    summary = (
        f"Of {n_experiments} experiments with no effect, {(null_p <= alpha).mean():.1%} have "
        f"p <= {alpha:g}: this test's statistic is continuous and its null simple, so its "
        f"p-values are uniform under the null and alpha is its false-positive rate (a valid "
        f"test only needs at most alpha; discrete tests stay below it). "
        f"Testing {n_tests} true nulls at once gives at least one 'discovery' "
        f"in {fwer['no correction']:.0%} of families (theory "
        f"{1 - (1 - alpha) ** n_tests:.0%}); Bonferroni brings it to "
        f"{fwer['Bonferroni']:.1%}. With a real effect of {effect:g} sd and {n_per_group} per "
        f"group, the test detects it {(alt_p <= alpha).mean():.0%} of the time."
    )
    return DemoResult(figures={"null-vs-alternative": fig1, "multiple-testing": fig2},
                      table=table, summary=summary)
