"""Demo for random-forests: the variance of one deep tree against a forest.

The same regression problem (Friedman #1: 10 features, 5 of them used, Gaussian noise)
is drawn ``n_datasets`` times. On each training set we grow ``n_trees`` deep trees as a
forest, once with all features at every split (bagging, ``max_features=1.0``) and once
with a random third of them (a random forest). At fixed test points we measure, across
training sets, the variance of a forest of the first ``B`` trees, the squared bias of
its average prediction and its test MSE.

Averaging ``B`` trees with variance ``s^2`` and pairwise correlation ``rho`` leaves

    var = rho s^2 + (1 - rho) s^2 / B,

so the variance falls with ``B`` towards the floor ``rho s^2``, and sampling features
lowers ``rho`` and with it the floor. The table puts the measured variance next to this
formula with ``rho s^2`` and ``s^2`` estimated from the same trees. The second figure
compares the out-of-bag R² with the held-out R² on every training set.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.ensemble import RandomForestRegressor


def friedman1(n_samples: int, noise: float, rng: np.random.Generator):
    """Friedman's #1 problem: ``X (n, 10)`` uniform, ``y`` uses the first 5 features."""
    X = rng.uniform(size=(n_samples, 10))
    y = (10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3]
         + 5 * X[:, 4])
    return X, y + noise * rng.normal(size=n_samples)


def tree_predictions(n_datasets, n_samples, n_trees, max_features, noise, seed):
    """Per-tree test predictions ``(n_datasets, n_trees, n_test)``, the test targets
    without noise ``(n_test,)``, and (OOB R², test R²) per dataset."""
    rng = np.random.default_rng(seed)
    X_test, f_test = friedman1(300, 0.0, np.random.default_rng(seed + 10_000))  # noiseless
    preds = np.empty((n_datasets, n_trees, len(X_test)))
    scores = []
    X32 = X_test.astype(np.float32)
    for r in range(n_datasets):
        X, y = friedman1(n_samples, noise, rng)
        forest = RandomForestRegressor(n_trees, max_features=max_features, oob_score=True,
                                       random_state=int(rng.integers(2**31))).fit(X, y)
        preds[r] = [t.tree_.predict(X32)[:, 0, 0] for t in forest.estimators_]
        y_test = f_test + noise * rng.normal(size=len(f_test))
        scores.append((forest.oob_score_, forest.score(X_test, y_test)))
    return preds, f_test, np.array(scores)


def variance_table(preds, f_test, sizes, noise):
    """Rows (B, measured variance, formula variance, bias², test MSE) for each B.

    Variance across datasets of the mean of B trees, averaged over test points and over
    the disjoint groups of B trees. Formula: ``rho s^2 + (1 - rho) s^2 / B`` with
    ``(1 - rho) s^2`` the variance between trees grown on the same data and ``rho s^2``
    what is left of the variance of the all-tree mean across data sets.
    """
    # Unbiased estimates (ddof=1) everywhere, so that the rows compare like with like:
    # the spread between trees grown on the same data is (1 - rho) s^2, and the spread
    # of the all-tree mean across data sets is rho s^2 + (1 - rho) s^2 / n_trees.
    within = preds.var(axis=1, ddof=1).mean()                               # (1 - rho) s^2
    floor = preds.mean(axis=1).var(axis=0, ddof=1).mean() - within / preds.shape[1]
    total = floor + within                                                  # s^2
    rows = []
    for B in sizes:
        # Every disjoint group of B trees is a forest of size B: averaging the measures
        # over the n_trees // B groups makes small-B rows far less noisy.
        groups = preds[:, : preds.shape[1] // B * B].reshape(
            preds.shape[0], -1, B, preds.shape[2]).mean(axis=2)         # (datasets, G, test)
        variance = groups.var(axis=0, ddof=1).mean()
        # The plug-in bias² also holds variance / n_datasets of sampling noise: remove
        # it, so that bias² + variance + noise² is the test MSE column.
        bias2 = ((groups.mean(axis=0) - f_test) ** 2).mean() - variance / preds.shape[0]
        mse = ((groups - f_test) ** 2).mean() + noise**2                    # + irreducible
        rows.append((B, variance, floor + within / B, bias2, mse))
    return rows, floor / total


@demo("random-forests", title="Variance of one deep tree against a forest")
def forest_variance(
    n_trees: Param(int, lo=4, hi=200, help="Trees per forest (largest B).") = 32,
    n_datasets: Param(int, lo=3, hi=50, help="Training sets drawn.") = 8,
    n_samples: Param(int, lo=50, hi=2000, help="Samples per training set.") = 200,
    noise: Param(float, lo=0.0, hi=5.0, help="Noise standard deviation.") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """Variance, bias² and test MSE of forests of 1..n_trees trees, with and without
    feature subsampling."""
    sizes = sorted({1, 2, 4, 8, 16, n_trees} & set(range(1, n_trees + 1)))
    table = Table(["max_features", "trees", "variance", "formula", "bias²", "test MSE"])
    fig, ax = new_figure()
    oob_fig, oob_ax = new_figure()
    rhos, oob = {}, {}
    for max_features, label in ((1.0, "all (bagging)"), (0.3, "0.3 (random forest)")):
        preds, f_test, scores = tree_predictions(n_datasets, n_samples, n_trees, max_features,
                                                 noise, seed)
        rows, rhos[max_features] = variance_table(preds, f_test, sizes, noise)
        oob[max_features] = scores
        for B, var, formula, bias2, mse in rows:
            table.add(max_features, B, round(var, 4), round(formula, 4), round(bias2, 4),
                      round(mse, 4))
        ax.plot([r[0] for r in rows], [r[1] for r in rows], "o-", label=f"{label}: measured")
        ax.plot([r[0] for r in rows], [r[2] for r in rows], ":", color=ax.lines[-1].get_color(),
                label=f"ρσ² + (1-ρ)σ²/B, ρ = {rhos[max_features]:.2f}")
        oob_ax.scatter(scores[:, 1], scores[:, 0], label=label)
    ax.set_xscale("log", base=2)
    ax.set_xlabel("trees in the forest (B)")
    ax.set_ylabel("variance of the prediction")
    ax.legend(fontsize=8)
    both = np.concatenate(list(oob.values()))
    lo, hi = both.min() - 0.02, both.max() + 0.02
    oob_ax.plot([lo, hi], [lo, hi], "k:", lw=1)
    oob_ax.set_xlabel("held-out R²")
    oob_ax.set_ylabel("out-of-bag R²")
    oob_ax.legend(fontsize=8)

    rows = {(r[0], r[1]): r for r in table.rows}
    one, full_bag, full_rf = rows[(1.0, 1)], rows[(1.0, n_trees)], rows[(0.3, n_trees)]
    gap = np.abs(both[:, 0] - both[:, 1]).mean()
    summary = (f"One deep tree has variance {one[2]:.2f}; averaging {n_trees} bagged trees "
               f"cuts it to {full_bag[2]:.2f}, and sampling 30 % of the features per split "
               f"to {full_rf[2]:.2f}, because it lowers the correlation between trees "
               f"(ρ = {rhos[1.0]:.2f} -> {rhos[0.3]:.2f}) and with it the floor ρσ². Test "
               f"MSE goes from {one[5]:.2f} to {full_bag[5]:.2f} (bagging) and "
               f"{full_rf[5]:.2f} (random forest). The out-of-bag R² is within "
               f"{gap:.3f} of the held-out R² on average, with no data set aside.")
    return DemoResult(figures={"variance": fig, "oob": oob_fig}, table=table, summary=summary)
