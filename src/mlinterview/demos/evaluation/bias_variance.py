"""Demos for bias-variance: the three terms of the squared error against model
complexity, and double descent with random ReLU features.

Decomposition demo: the true function ``f(x) = sin(2πx)`` is known, so instead of one
data set we draw ``n_datasets`` independent training sets, fit a polynomial of each degree
on every one, and measure at fixed test points

- bias² = mean over x of (average prediction - f(x))²,
- variance = mean over x of the spread of the predictions around their average,
- noise = σ², the error even the true function makes,

and check them against the test MSE on fresh noisy targets, which must equal their sum up
to sampling error. Bias² and variance are the unbiased estimates of
:func:`~mlinterview.ml.model_selection.decompose_predictions`: the average of
``n_datasets`` fits is itself noisy, and squaring its error adds variance/``n_datasets`` to
the plug-in bias² (2.7 at degree 10 with the defaults, four times the corrected value).
The table also gives the jackknife standard error of bias²: the variance of flexible
polynomials is heavy-tailed (a training set with a gap near an edge gives a wild fit), so
at high degree the bias² estimate is zero within its error. The bootstrap estimate of the library
(:func:`~mlinterview.ml.model_selection.bias_variance_decomposition`), which only sees one
training set, is shown next to it.

Double-descent demo: min-norm least squares on ``p`` random ReLU features of ``n``
training points. Test error rises towards the interpolation threshold ``p = n`` (the
system becomes square and badly conditioned), then falls again as ``p`` grows: among all
interpolating solutions the pseudoinverse picks the one of smallest norm, and that one
gets smoother as features are added.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.demos.evaluation.overfitting import PolynomialRegression, sine_data
from mlinterview.ml.linalg import pinv
from mlinterview.ml.model_selection import bias_variance_decomposition, decompose_predictions


def simulate(degrees, n_samples: int, noise: float, n_datasets: int, x_test: np.ndarray,
             rng: np.random.Generator) -> dict[int, np.ndarray]:
    """Predictions at ``x_test`` (n_test, 1) of each degree fitted on each of
    ``n_datasets`` fresh training sets: ``{degree: (n_datasets, n_test)}``."""
    preds = {int(d): np.empty((n_datasets, len(x_test))) for d in degrees}
    for i in range(n_datasets):
        X, y = sine_data(n_samples, noise, rng)
        for d in degrees:
            preds[int(d)][i] = PolynomialRegression(int(d)).fit(X, y).predict(x_test)
    return preds


def bias2_standard_error(predictions: np.ndarray, f_true: np.ndarray) -> float:
    """Jackknife standard error of the unbiased bias² of
    :func:`~mlinterview.ml.model_selection.decompose_predictions`.

    ``predictions`` (R, n_test) from R training sets (R >= 3), ``f_true`` (n_test,). The
    estimate is recomputed with each training set left out, in closed form for all R at
    once, and the spread of those R values gives the standard error
    ``sqrt((R - 1)/R · sum (b_i - mean b)²)``.
    """
    P = np.asarray(predictions, dtype=float)
    R = P.shape[0]
    main = P.mean(axis=0)
    C = P - main  # centred: leave-one-out means and spreads without cancellation
    Q = (C**2).sum(axis=0)
    err = (main - f_true) - C / (R - 1)            # mean without row i, minus f
    spread = (Q - C**2) / (R - 1) - C**2 / (R - 1) ** 2  # plug-in variance without row i
    b = np.mean(err**2 - spread / (R - 2), axis=1)  # unbiased bias² of the R - 1 rows
    return float(np.sqrt((R - 1) / R * np.sum((b - b.mean()) ** 2)))


@demo("bias-variance", title="Bias², variance and noise vs model complexity")
def decomposition(
    n_samples: Param(int, lo=10, hi=500, help="Points per training set.") = 30,
    noise: Param(float, lo=0.0, hi=2.0, help="Standard deviation of the label noise.") = 0.3,
    max_degree: Param(int, lo=2, hi=15, help="Largest polynomial degree.") = 10,
    n_datasets: Param(int, lo=20, hi=2000, help="Independent training sets drawn.") = 100,
    num_rounds: Param(int, lo=10, hi=1000, help="Bootstrap rounds of the library estimate.")
    = 50,
    seed: int = 0,
) -> DemoResult:
    """As the degree grows, bias² falls and variance rises; their sum plus the noise is
    the test error, minimal in between. The bootstrap estimate from a single training set
    tracks the same shape."""
    rng = np.random.default_rng(seed)
    degrees = np.arange(0, max_degree + 1)
    x_test = np.linspace(0.02, 0.98, 200)[:, None]  # inside the data range
    f_test = np.sin(2 * np.pi * x_test[:, 0])
    preds = simulate(degrees, n_samples, noise, n_datasets, x_test, rng)
    # Fresh noisy targets, one per training set and test point: the test MSE we observe.
    y_fresh = f_test + noise * rng.normal(size=(n_datasets, len(f_test)))
    X_one, y_one = sine_data(n_samples, noise, rng)
    y_test_noisy = f_test + noise * rng.normal(size=len(f_test))

    rows = []
    for d in degrees:
        # Against the true f: loss = bias² + variance exactly (no noise in the target).
        # Unbiased estimates (the default): the plug-in bias² would carry var / n_datasets.
        _, bias2, var = decompose_predictions(preds[int(d)], f_test, loss="mse")
        bias2_se = bias2_standard_error(preds[int(d)], f_test)
        test_mse = float(np.mean((preds[int(d)] - y_fresh) ** 2))
        boot = bias_variance_decomposition(PolynomialRegression(int(d)), X_one, y_one,
                                           x_test, y_test_noisy, loss="mse",
                                           num_rounds=num_rounds, random_state=seed)
        rows.append((int(d), bias2, var, noise**2, bias2 + var + noise**2, test_mse,
                     boot.expected_loss, boot.variance, bias2_se))
    rows_a = np.array(rows)
    best = int(rows_a[np.argmin(rows_a[:, 4]), 0])

    table = Table(["degree", "bias²", "variance", "noise σ²", "bias²+var+σ²", "test MSE",
                   "bootstrap loss", "bootstrap variance", "bias² s.e."])
    for r in rows:
        table.add(r[0], *(round(float(v), 4) for v in r[1:]))

    fig1, ax = new_figure(width=6.4)
    # Unbiased bias² can fall just below 0 where the true bias is ~0: not drawn on the
    # log axis; the error bars show the Monte Carlo standard error.
    shown_bias2 = np.where(rows_a[:, 1] > 0, rows_a[:, 1], np.nan)
    ax.errorbar(degrees, shown_bias2, yerr=rows_a[:, 8], fmt="o-", capsize=3,
                label="bias² (± s.e.)")
    ax.plot(degrees, rows_a[:, 2], "s-", label="variance")
    ax.axhline(noise**2, color="#999999", ls=":", label="noise σ²")
    ax.plot(degrees, rows_a[:, 4], "k-", lw=2, label="bias² + variance + σ²")
    ax.plot(degrees, rows_a[:, 5], "x", color="#d62728", ms=8, label="measured test MSE")
    ax.plot(degrees, rows_a[:, 6], "^--", color="#9467bd", label="bootstrap (one data set)")
    ax.set_yscale("log")
    ax.set(xlabel="polynomial degree", ylabel="squared error",
           title=f"{n_datasets} training sets of {n_samples} points")
    ax.legend(fontsize=8)

    fig2, axes = new_figure(3, width=3.4)
    for ax, d in zip(axes, (1, best, max_degree), strict=True):
        for row in preds[d][:20]:
            ax.plot(x_test[:, 0], row, color="#1f77b4", alpha=0.25, lw=1)
        ax.plot(x_test[:, 0], preds[d].mean(0), color="#d62728", lw=2, label="average fit")
        ax.plot(x_test[:, 0], f_test, "k--", lw=1.5, label="true f")
        ax.set(ylim=(-2, 2), title=f"degree {d}", xlabel="x")
    axes[0].legend(fontsize=8)

    r_best = rows[best]
    summary = (
        f"Degree 0: bias² {rows[0][1]:.3f}, variance {rows[0][2]:.4f}. Degree {max_degree}: "
        f"bias² {rows[-1][1]:.4f} ± {rows[-1][8]:.4f} (standard error), variance "
        f"{rows[-1][2]:.3f}. The sum with the noise "
        f"({noise**2:.3f}) is lowest at degree {best} ({r_best[4]:.4f}; measured test MSE "
        f"{r_best[5]:.4f}). Across degrees the measured test MSE equals bias² + variance + "
        f"σ² within {np.max(np.abs(rows_a[:, 5] / rows_a[:, 4] - 1)):.1%}. The bootstrap, "
        f"from one training set, sees the same U shape."
    )
    return DemoResult(figures={"decomposition": fig1, "fits": fig2}, table=table,
                      summary=summary)


def random_relu_features(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``max(0, X W + b) / sqrt(p)``: (n, d) @ (d, p) -> (n, p)."""
    return np.maximum(X @ W + b, 0.0) / np.sqrt(W.shape[1])


def double_descent_curve(n_train: int, d: int, noise: float, p_values, n_repeats: int,
                         seed: int):
    """Train and test MSE (n_repeats, len(p_values)) and the norm of the weights of
    min-norm least squares on ``p`` random ReLU features."""
    rng = np.random.default_rng(seed)
    w_true = rng.normal(size=d) / np.sqrt(d)

    def target(X):
        return np.tanh(2 * X @ w_true) + 0.5 * np.sin(3 * X[:, 0])

    p_max = int(max(p_values))
    train = np.empty((n_repeats, len(p_values)))
    test = np.empty_like(train)
    norm = np.empty_like(train)
    for r in range(n_repeats):
        X = rng.normal(size=(n_train, d))
        y = target(X) + noise * rng.normal(size=n_train)
        Xt = rng.normal(size=(2000, d))
        yt = target(Xt)
        W = rng.normal(size=(d, p_max))
        b = rng.normal(size=p_max)
        F_all, Ft_all = random_relu_features(X, W, b), random_relu_features(Xt, W, b)
        for j, p in enumerate(p_values):
            # The first p features of one draw: nested models, as the width grows.
            F, Ft = F_all[:, :p] * np.sqrt(p_max / p), Ft_all[:, :p] * np.sqrt(p_max / p)
            w = pinv(F) @ y  # minimum-norm least squares
            train[r, j] = np.mean((F @ w - y) ** 2)
            test[r, j] = np.mean((Ft @ w - yt) ** 2)
            norm[r, j] = np.linalg.norm(w)
    return train, test, norm


@demo("bias-variance", name="double-descent",
      title="Double descent: random ReLU features + min-norm least squares")
def double_descent(
    n_train: Param(int, lo=20, hi=400, help="Training points n.") = 100,
    d: Param(int, lo=1, hi=50, help="Input dimension.") = 5,
    noise: Param(float, lo=0.0, hi=1.0, help="Label noise standard deviation.") = 0.1,
    max_ratio: Param(float, lo=2.0, hi=30.0, help="Largest p / n.") = 20.0,
    n_repeats: Param(int, lo=1, hi=20, help="Draws of data and features averaged.") = 5,
    seed: int = 0,
) -> DemoResult:
    """Test error against the number of random features p: the classical U below p = n,
    a peak at the interpolation threshold p ≈ n, and a second descent beyond it where
    the training error is zero and the minimum-norm solution gets smoother."""
    ratios = np.unique(np.concatenate([np.geomspace(0.1, max_ratio, 30),
                                       [0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25]]))
    p_values = np.unique(np.maximum(1, np.round(ratios * n_train).astype(int)))
    train, test, norm = double_descent_curve(n_train, d, noise, p_values, n_repeats, seed)
    # Median over repeats: near p = n single draws can be huge and would dominate a mean.
    tr, te, nm = np.median(train, 0), np.median(test, 0), np.median(norm, 0)
    peak = int(p_values[np.argmax(te)])
    under = p_values < n_train
    best_under = int(p_values[under][np.argmin(te[under])])
    best_over = int(p_values[~under][np.argmin(te[~under])])

    table = Table(["p (features)", "p / n", "train MSE", "test MSE", "||w||"])
    shown = np.linspace(0, len(p_values) - 1, 14).round().astype(int)
    for j in np.unique(np.append(shown, np.argmax(te))):
        table.add(int(p_values[j]), round(float(p_values[j] / n_train), 3),
                  round(float(tr[j]), 6), round(float(te[j]), 4), round(float(nm[j]), 3))

    fig, (ax1, ax2) = new_figure(2, width=4.6)
    ax1.plot(p_values / n_train, te, "o-", ms=3, label="test MSE")
    ax1.plot(p_values / n_train, tr, "s-", ms=3, label="train MSE")
    ax1.axvline(1.0, color="k", ls="--", lw=1, label="p = n")
    ax1.set(xscale="log", yscale="log", xlabel="p / n", ylabel="MSE (median of repeats)",
            title="Double descent")
    ax1.legend(fontsize=8)
    ax2.plot(p_values / n_train, nm, "o-", ms=3, color="#2ca02c")
    ax2.axvline(1.0, color="k", ls="--", lw=1)
    ax2.set(xscale="log", yscale="log", xlabel="p / n", ylabel="||w|| of the min-norm fit",
            title="The weight norm peaks at p = n")

    summary = (
        f"With n = {n_train} training points, the test MSE peaks at p = {peak} features "
        f"({te.max():.3g}); below the threshold the best is p = {best_under} "
        f"({te[p_values == best_under][0]:.4f}), beyond it p = {best_over} "
        f"({te[p_values == best_over][0]:.4f}) with zero training error. The weight norm "
        f"of the min-norm solution is largest at the threshold too."
    )
    return DemoResult(figures={"double_descent": fig}, table=table, summary=summary)
