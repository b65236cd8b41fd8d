"""Demo for distributions: a gallery of the common distributions, each sampled and drawn
against its exact pmf/pdf, with the situation that calls for it.

Every distribution of :data:`mlinterview.ml.stats.DISTRIBUTIONS` (except the vector-valued
multinomial and Dirichlet, summarised by their first coordinate) gets ``n_samples`` draws;
the table compares the sample mean and variance with the exact ones.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import stats


def gallery() -> dict[str, object]:
    """One representative instance of each distribution, with readable parameters."""
    return {
        "Bernoulli(p=0.3)": stats.Bernoulli(0.3),
        "Binomial(n=20, p=0.3)": stats.Binomial(20, 0.3),
        "Geometric(p=0.25)": stats.Geometric(0.25),
        "Poisson(rate=4)": stats.Poisson(4.0),
        "Categorical(0.5, 0.3, 0.2)": stats.Categorical([0.5, 0.3, 0.2]),
        "Multinomial(n=10, first of 3)": stats.Multinomial(10, [0.5, 0.3, 0.2]),
        "Uniform(0, 1)": stats.Uniform(0.0, 1.0),
        "Normal(0, 1)": stats.Normal(0.0, 1.0),
        "Exponential(rate=1.5)": stats.Exponential(1.5),
        "Gamma(shape=3, rate=2)": stats.Gamma(3.0, 2.0),
        "Beta(2, 5)": stats.Beta(2.0, 5.0),
        "StudentT(df=3)": stats.StudentT(3.0),
        "LogNormal(0, 0.6)": stats.LogNormal(0.0, 0.6),
        "Dirichlet(2, 3, 5), first coordinate": stats.Dirichlet([2.0, 3.0, 5.0]),
    }


def first(x):
    """Samples of a vector-valued distribution reduced to their first coordinate."""
    return x[..., 0] if np.ndim(x) == 2 else x


def _exact_first(value):
    return float(np.ravel(value)[0])


@demo("distributions", title="A gallery of common distributions and when to use each")
def distribution_gallery(
    n_samples: Param(int, lo=100, hi=200_000, help="Draws per distribution.") = 20_000,
    seed: int = 0,
) -> DemoResult:
    """Histograms of samples against the exact pmf/pdf; sample moments against exact."""
    rng = np.random.default_rng(seed)
    table = Table(["distribution", "use it for", "mean", "sample mean", "variance",
                   "sample variance"])
    fig, axes = new_figure(4, 4, width=3.0, height=2.4)
    axes = axes.ravel()
    for ax, (name, dist) in zip(axes, gallery().items(), strict=False):
        x = first(dist.rvs(n_samples, random_state=rng))
        mean, var = _exact_first(dist.mean()), _exact_first(dist.var())
        # A categorical's moments are those of its one-hot vector: compare coordinate 0.
        m = (x == 0).astype(float) if isinstance(dist, stats.Categorical) else x
        table.add(name, type(dist).use_for, round(mean, 4), round(float(m.mean()), 4),
                  round(var, 4), round(float(m.var()), 4))
        if dist.discrete and not isinstance(dist, stats.Multinomial):
            values, counts = np.unique(x, return_counts=True)
            keep = counts >= n_samples * 1e-3
            ax.bar(values[keep], counts[keep] / n_samples, width=0.8, color="#9ecae1")
            ax.plot(values[keep], dist.pmf(values[keep]), "k.", ms=4)
        elif isinstance(dist, stats.Multinomial):
            values, counts = np.unique(x, return_counts=True)
            ax.bar(values, counts / n_samples, width=0.8, color="#9ecae1")
            # The first count of a multinomial is Binomial(n, p_1).
            ax.plot(values, stats.binom_pmf(values, dist.n, dist.probs[0]), "k.", ms=4)
        else:
            lo, hi = np.quantile(x, [0.005, 0.995])
            ax.hist(x, bins=60, range=(lo, hi), density=True, color="#9ecae1")
            if not isinstance(dist, stats.Dirichlet):
                grid = np.linspace(lo, hi, 300)
                ax.plot(grid, dist.pdf(grid), "k-", lw=1)
            else:
                # The first coordinate of a Dirichlet(a) is Beta(a_1, sum(a) - a_1).
                a = dist.alpha
                grid = np.linspace(max(lo, 1e-3), min(hi, 1 - 1e-3), 300)
                ax.plot(grid, stats.Beta(a[0], a.sum() - a[0]).pdf(grid), "k-", lw=1)
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes[len(gallery()):]:
        ax.set_visible(False)
    summary = (
        f"Each panel shows {n_samples:,} draws (bars) against the exact pmf or pdf (black). "
        "Counts of yes/no events are Bernoulli and binomial; waiting times geometric or "
        "exponential; event counts Poisson; sums of many effects normal; products "
        "log-normal; probabilities beta and probability vectors Dirichlet; small-sample "
        "means Student t. The table compares sample moments with the exact ones."
    )
    return DemoResult(figures={"gallery": fig}, table=table, summary=summary)
