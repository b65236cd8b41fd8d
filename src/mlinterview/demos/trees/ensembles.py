"""Demo for ensembles: bagging cuts variance, boosting cuts bias, on the same data.

Friedman's #1 regression problem is drawn ``n_datasets`` times. Each model is fitted on
every training set and judged at fixed test points: squared bias (how far the average
prediction is from the truth), variance (how much the prediction moves between training
sets) and test MSE (bias² + variance + noise²).

- a stump and a deep tree: the two extremes (high bias; high variance);
- bagging (averaging bootstrap copies) of each: the deep tree's variance falls, the
  stump's bias stays: averaging cannot fix a model that is wrong on average;
- gradient boosting of stumps: each stage fits the current residuals, so the bias falls.

The second figure follows gradient boosting stage by stage for several learning rates
(shrinkage: smaller steps need more trees and end lower). The third follows AdaBoost on a
classification problem with and without label noise: with clean labels the test error
keeps falling long after the training error is low; with flipped labels boosting chases
the noise and the test error turns up.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.demos.trees.random_forests import friedman1
from mlinterview.ml.ensemble import (
    AdaBoostClassifier,
    GradientBoostingRegressor,
    RandomForestRegressor,
)
from mlinterview.ml.model_selection import decompose_predictions
from mlinterview.ml.tree import DecisionTreeRegressor


def models(n_rounds: int, n_bags: int, seed: int):
    """The compared regressors, by name."""
    return {
        "stump": DecisionTreeRegressor(max_depth=1),
        "deep tree": DecisionTreeRegressor(),
        "bagged stumps": RandomForestRegressor(n_bags, max_depth=1, max_features=1.0,
                                               random_state=seed),
        "bagged deep trees": RandomForestRegressor(n_bags, max_features=1.0,
                                                   random_state=seed),
        "boosted stumps": GradientBoostingRegressor(n_estimators=n_rounds, max_depth=1,
                                                    learning_rate=0.3, random_state=seed),
    }


def bias_variance(predictions: np.ndarray, f_test: np.ndarray, noise: float):
    """(bias², variance, expected test MSE) from predictions ``(n_datasets, n_test)`` and
    the noiseless targets ``(n_test,)``, each averaged over the test points."""
    # Against the noiseless f the library's decomposition is exactly bias² + variance.
    _, bias2, variance = decompose_predictions(predictions, f_test, loss="mse")
    return bias2, variance, bias2 + variance + noise**2


def disc(n_samples: int, flip: float, rng: np.random.Generator):
    """Points uniform in the square [-1, 1]², class 1 inside the disc of area 2 (half the
    square), with a share ``flip`` of the labels flipped. The boundary
    ``x1² + x2² = 2/pi`` is additive in the features, so boosted stumps can draw it."""
    X = rng.uniform(-1, 1, size=(n_samples, 2))
    y = ((X**2).sum(axis=1) < 2 / np.pi).astype(int)
    return X, np.where(rng.random(n_samples) < flip, 1 - y, y)


@demo("ensembles", title="Bagging cuts variance, boosting cuts bias")
def bagging_vs_boosting(
    n_datasets: Param(int, lo=3, hi=40, help="Training sets drawn.") = 6,
    n_samples: Param(int, lo=50, hi=2000, help="Samples per training set.") = 200,
    n_rounds: Param(int, lo=10, hi=500, help="Boosting rounds.") = 100,
    n_bags: Param(int, lo=2, hi=100, help="Members of each bagged model.") = 20,
    label_noise: Param(float, lo=0.0, hi=0.4, help="Labels flipped in the AdaBoost panel.")
    = 0.2,
    seed: int = 0,
) -> DemoResult:
    """Bias², variance and test MSE of single trees, bagging and boosting."""
    noise = 1.0
    rng = np.random.default_rng(seed)
    X_test, f_test = friedman1(400, 0.0, np.random.default_rng(seed + 10_000))
    names = list(models(n_rounds, n_bags, seed))
    preds = {name: [] for name in names}
    staged = {lr: [] for lr in (1.0, 0.3, 0.1)}
    for r in range(n_datasets):
        X, y = friedman1(n_samples, noise, rng)
        for name, model in models(n_rounds, n_bags, seed + r).items():
            preds[name].append(model.fit(X, y).predict(X_test))
        if r == 0:                                    # stage-by-stage curves on one set
            for lr in staged:
                gb = GradientBoostingRegressor(n_estimators=n_rounds, learning_rate=lr,
                                               max_depth=2, random_state=seed).fit(X, y)
                staged[lr] = [float(((p - f_test) ** 2).mean() + noise**2)
                              for p in gb.staged_predict(X_test)]

    table = Table(["model", "bias²", "variance", "test MSE"])
    for name in names:
        b2, var, mse = bias_variance(np.array(preds[name]), f_test, noise)
        table.add(name, round(b2, 3), round(var, 3), round(mse, 3))

    fig, ax = new_figure()
    rows = table.rows
    x = np.arange(len(rows))
    ax.bar(x - 0.2, [r[1] for r in rows], width=0.4, label="bias²")
    ax.bar(x + 0.2, [r[2] for r in rows], width=0.4, label="variance")
    ax.set_xticks(x, [r[0] for r in rows], rotation=20, fontsize=8)
    ax.set_ylabel("squared error")
    ax.legend()

    lr_fig, lr_ax = new_figure()
    for lr, curve in staged.items():
        lr_ax.plot(np.arange(1, len(curve) + 1), curve, label=f"learning_rate {lr}")
    lr_ax.set_xlabel("boosting round")
    lr_ax.set_ylabel("test MSE (depth-2 trees)")
    lr_ax.set_yscale("log")
    lr_ax.legend()

    ada_fig, ada_ax = new_figure()
    ada_rng = np.random.default_rng(seed + 1)
    ada_final = {}
    for flip in sorted({0.0, label_noise}):
        X, y = disc(300, flip, ada_rng)
        X_te, y_te = disc(2000, 0.0, ada_rng)
        ada = AdaBoostClassifier(n_estimators=3 * n_rounds, random_state=seed).fit(X, y)
        train = [1 - s for s in ada.staged_score(X, y)]
        test = [1 - s for s in ada.staged_score(X_te, y_te)]
        line = ada_ax.plot(test, label=f"test, {flip:.0%} labels flipped")[0]
        ada_ax.plot(train, ":", color=line.get_color(), label=f"train, {flip:.0%} flipped")
        ada_final[flip] = (min(test), int(np.argmin(test)) + 1, test[-1])
    ada_ax.set_xlabel("AdaBoost round (stumps)")
    ada_ax.set_ylabel("error (test against clean labels)")
    ada_ax.legend(fontsize=7)

    r = {row[0]: row for row in rows}
    best_lr = {lr: min(c) for lr, c in staged.items()}
    noisy, clean = ada_final[max(ada_final)], ada_final[0.0]
    summary = (
        f"Bagging {n_bags} deep trees keeps their small bias ({r['deep tree'][1]:.2f} -> "
        f"{r['bagged deep trees'][1]:.2f}) and cuts the variance {r['deep tree'][2]:.2f} -> "
        f"{r['bagged deep trees'][2]:.2f}; bagging stumps changes almost nothing (bias² "
        f"{r['stump'][1]:.2f} -> {r['bagged stumps'][1]:.2f}). Boosting {n_rounds} stumps "
        f"cuts the bias² to {r['boosted stumps'][1]:.2f} and reaches test MSE "
        f"{r['boosted stumps'][3]:.2f}, the best here. Lowest test MSE by learning rate: "
        + ", ".join(f"{lr}: {v:.2f}" for lr, v in best_lr.items())
        + f". AdaBoost with clean labels ends at test error {clean[2]:.3f} after "
        f"{3 * n_rounds} rounds (best {clean[0]:.3f}); with {max(ada_final):.0%} flipped "
        f"labels it is best after {noisy[1]} rounds ({noisy[0]:.3f}) and ends at "
        f"{noisy[2]:.3f}: boosting resists overfitting on clean data, not on label noise.")
    return DemoResult(figures={"bias_variance": fig, "learning_rate": lr_fig,
                               "adaboost_noise": ada_fig}, table=table, summary=summary)
