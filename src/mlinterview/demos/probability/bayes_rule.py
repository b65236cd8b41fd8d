"""Demo for bayes-rule: the base-rate fallacy of a medical test, in natural frequencies,
and Bayes' rule at work in a Gaussian naive Bayes classifier.

Part 1 is exact arithmetic on a population of ``population`` people. Part 2 fits
:class:`~mlinterview.ml.naive_bayes.GaussianNB` on two 1-D Gaussian classes whose prior
is ``prevalence`` and shows the posterior curve moving with the prior.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.naive_bayes import GaussianNB


def posterior_positive(prevalence, sensitivity, specificity):
    """P(disease | positive test) by Bayes' rule; works on arrays of prevalences."""
    true_pos = sensitivity * prevalence
    false_pos = (1 - specificity) * (1 - prevalence)
    return true_pos / (true_pos + false_pos)


def posterior_negative(prevalence, sensitivity, specificity):
    """P(no disease | negative test)."""
    true_neg = specificity * (1 - prevalence)
    false_neg = (1 - sensitivity) * prevalence
    return true_neg / (true_neg + false_neg)


@demo("bayes-rule", title="The base-rate fallacy of a medical test")
def base_rate(
    prevalence: Param(float, lo=0.0001, hi=0.5, help="Share of people with the disease.") = 0.01,
    sensitivity: Param(float, lo=0.01, hi=1.0, help="P(positive | disease).") = 0.9,
    specificity: Param(float, lo=0.01, hi=0.9999, help="P(negative | healthy).") = 0.91,
    population: Param(int, lo=1000, hi=10_000_000, help="People tested.") = 100_000,
    seed: int = 0,
) -> DemoResult:
    """A 90%-sensitive test can still be wrong about most positives when the disease is
    rare: the prior (base rate) matters as much as the test."""
    sick = prevalence * population
    healthy = population - sick
    tp, fn = sensitivity * sick, (1 - sensitivity) * sick
    fp, tn = (1 - specificity) * healthy, specificity * healthy
    ppv = posterior_positive(prevalence, sensitivity, specificity)
    npv = posterior_negative(prevalence, sensitivity, specificity)
    table = Table(["quantity", "value"])
    table.add("sick people", round(sick, 2))
    table.add("true positives", round(tp, 2))
    table.add("false positives", round(fp, 2))
    table.add("false negatives", round(fn, 2))
    table.add("true negatives", round(tn, 2))
    table.add("P(positive test)", round(sensitivity * prevalence + (1 - specificity) *
                                       (1 - prevalence), 6))
    table.add("P(disease | positive)", round(ppv, 6))
    table.add("P(healthy | negative)", round(npv, 6))
    table.add("P(disease | two independent positives)",
              round(posterior_positive(ppv, sensitivity, specificity), 6))

    fig1, ax = new_figure()
    grid = np.logspace(-4, np.log10(0.5), 200)
    ax.semilogx(grid, posterior_positive(grid, sensitivity, specificity),
                label="P(disease | positive)")
    ax.semilogx(grid, grid, ":", color="#999999", label="prior (no test)")
    ax.axvline(prevalence, color="k", lw=1, ls="--")
    ax.set(xlabel="prevalence (prior)", ylabel="posterior", ylim=(0, 1.02),
           title=f"Sensitivity {sensitivity:g}, specificity {specificity:g}")
    ax.legend(loc="upper left", fontsize=8)

    fig2, ax = new_figure()
    ax.bar(["true positives", "false positives"], [tp, fp], color=["#2ca02c", "#d62728"])
    ax.set(ylabel="people", title=f"Of {tp + fp:,.0f} positives, {ppv:.1%} are sick")

    # Part 2: Bayes' rule inside a classifier. Healthy ~ N(0, 1), sick ~ N(2, 1) on one
    # biomarker; the prior is the class frequency GaussianNB learns from the data.
    rng = np.random.default_rng(seed)
    fig3, ax = new_figure()
    xs = np.linspace(-3, 6, 300)[:, None]
    for prior in (0.5, prevalence):
        n_sick = max(round(4000 * prior), 20)
        x = np.concatenate([rng.normal(0, 1, 4000 - n_sick), rng.normal(2, 1, n_sick)])
        y = np.r_[np.zeros(4000 - n_sick), np.ones(n_sick)]
        nb = GaussianNB().fit(x[:, None], y)
        ax.plot(xs[:, 0], nb.predict_proba(xs)[:, 1],
                label=f"GaussianNB, sick share {n_sick / 4000:.3f}")
    ax.set(xlabel="biomarker", ylabel="P(sick | biomarker)",
           title="Same likelihoods, different priors")
    ax.legend(loc="upper left", fontsize=8)

    summary = (
        f"Out of {population:,} people, {sick:,.0f} are sick. The test finds {tp:,.0f} of "
        f"them but also flags {fp:,.0f} healthy people, so a positive result means disease "
        f"with probability {ppv:.1%}, not {sensitivity:.0%}. A second independent positive "
        f"raises it to {posterior_positive(ppv, sensitivity, specificity):.1%}: yesterday's "
        "posterior is today's prior."
    )
    return DemoResult(figures={"posterior-vs-prior": fig1, "natural-frequencies": fig2,
                               "naive-bayes": fig3}, table=table, summary=summary)
