"""Demo for maximum-likelihood: a categorical MLE on growing samples.

Draw ``n`` samples from a fixed categorical distribution with some rare categories, fit
it by maximum likelihood (counts / n) and with Laplace smoothing, and score both on a
large held-out sample. Small samples leave rare categories with zero counts: the MLE then
calls them impossible and its held-out negative log-likelihood is infinite. The Gaussian
MLE of the variance (divide by n) is biased low by the factor (n - 1) / n.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.information import entropy, kl_divergence
from mlinterview.ml.stats import Categorical, categorical_nll, fit_categorical, fit_gaussian

SIZES = (5, 10, 20, 50, 100, 1000, 10_000)


def true_distribution(n_categories: int) -> np.ndarray:
    """Zipf-like probabilities ``1/k`` normalised: a few common and many rare categories."""
    w = 1.0 / np.arange(1, n_categories + 1)
    return w / w.sum()


def samples(n_categories: int, seed: int):
    """Training draws for each size in ``SIZES`` and one held-out set of 50,000."""
    rng = np.random.default_rng(seed)
    dist = Categorical(true_distribution(n_categories))
    train = {n: dist.rvs(n, random_state=rng) for n in SIZES}
    return train, dist.rvs(50_000, random_state=rng)


@demo("maximum-likelihood", title="MLE on growing samples, and the zero-count problem")
def growing_samples(
    n_categories: Param(int, lo=2, hi=200, help="Number of categories.") = 20,
    alpha: Param(float, lo=0.01, hi=10.0, help="Pseudo-count of the smoothed fit.") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """The MLE converges to the truth as n grows, but with few samples it gives unseen
    categories probability 0 and an infinite held-out loss; smoothing fixes that."""
    p_true = true_distribution(n_categories)
    train, held_out = samples(n_categories, seed)
    table = Table(["n", "unseen categories", "KL(true || MLE)", "KL(true || smoothed)",
                   "held-out NLL, MLE", "held-out NLL, smoothed"])
    curves = {"mle": [], "smooth": []}
    for n, x in train.items():
        mle = fit_categorical(x, n_categories).probs
        smooth = fit_categorical(x, n_categories, alpha=alpha).probs
        kl_mle = kl_divergence(p_true, mle)
        kl_smooth = kl_divergence(p_true, smooth)
        curves["mle"].append(kl_mle)
        curves["smooth"].append(kl_smooth)
        table.add(n, int((mle == 0).sum()), round(kl_mle, 5), round(kl_smooth, 5),
                  round(categorical_nll(held_out, mle), 5),
                  round(categorical_nll(held_out, smooth), 5))
    floor = entropy(p_true)
    table.add("truth (entropy floor)", 0, 0.0, 0.0, round(floor, 5), round(floor, 5))

    fig1, ax = new_figure()
    k = np.arange(n_categories)
    x20 = train[20]
    ax.bar(k - 0.2, fit_categorical(x20, n_categories).probs, 0.4, label="MLE, n = 20")
    ax.bar(k + 0.2, fit_categorical(x20, n_categories, alpha=alpha).probs, 0.4,
           label=f"smoothed (alpha = {alpha:g})")
    ax.plot(k, p_true, "k.", label="true")
    ax.set(xlabel="category", ylabel="probability", title="20 samples: rare categories unseen")
    ax.legend(fontsize=8)

    fig2, ax = new_figure()
    mle_curve = np.array(curves["mle"])
    finite = np.isfinite(mle_curve)
    ax.loglog(np.array(SIZES)[finite], mle_curve[finite], "o-", label="MLE (finite points)")
    ax.loglog(SIZES, curves["smooth"], "s-", label="smoothed")
    ax.set(xlabel="n", ylabel="KL(true || fit) (nats)", title="Convergence with n")
    ax.legend(fontsize=8)

    # Gaussian: the MLE variance divides by n and is biased low by (n - 1) / n.
    rng = np.random.default_rng(seed + 1)
    draws = rng.normal(0.0, 1.0, size=(20_000, 5))
    var_mle = fit_gaussian(draws.T).var                       # one fit per row of 5 points
    table.add("Gaussian var MLE, n = 5 (mean over 20,000 fits)", "-", "-", "-",
              round(float(var_mle.mean()), 4), 0.8)

    unseen = table.rows[0][1]
    summary = (
        f"With 5 samples, {unseen} of {n_categories} categories are never seen: the MLE "
        "gives them probability 0, so any held-out occurrence has infinite loss. The "
        f"Laplace-smoothed fit (alpha = {alpha:g}) stays finite and both approach the "
        f"entropy floor {floor:.3f} nats as n grows. The Gaussian MLE of the variance from "
        f"5 points averages {float(var_mle.mean()):.3f}, close to (n - 1)/n = 0.8, not 1."
    )
    return DemoResult(figures={"estimates": fig1, "convergence": fig2}, table=table,
                      summary=summary)
