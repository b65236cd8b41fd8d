"""Demos for overfitting: the train/validation gap as capacity grows, the spread of k-fold
scores, and early stopping of a neural network on noisy labels.

Data of the capacity demo: ``y = sin(2πx) + ε``, ``x ~ U(0, 1)``, ``ε ~ N(0, noise²)``.
Polynomials of growing degree (least squares on Legendre features of ``2x - 1``, which keep
the design well conditioned) and regression trees of growing depth are scored on their
own training set, by k-fold cross-validation on it, and on a large fresh test set.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.linear_model import LinearRegression
from mlinterview.ml.model_selection import EarlyStopping, KFold, cross_validate
from mlinterview.ml.tree import DecisionTreeRegressor


def sine_data(n: int, noise: float, rng: np.random.Generator):
    """``x`` of shape (n, 1) uniform on [0, 1] and ``y = sin(2πx) + noise·N(0, 1)`` (n,)."""
    x = rng.uniform(0, 1, (n, 1))
    return x, np.sin(2 * np.pi * x[:, 0]) + noise * rng.normal(size=n)


class PolynomialRegression(BaseEstimator, RegressorMixin):
    """Least squares on the Legendre polynomials ``P_0..P_degree`` of ``2x - 1`` (x in
    [0, 1]): the same model as monomials of degree ``degree``, better conditioned."""

    def __init__(self, degree: int = 3):
        self.degree = degree

    def _features(self, X):
        return np.polynomial.legendre.legvander(2 * np.asarray(X)[:, 0] - 1, self.degree)

    def fit(self, X, y):
        """Fit the coefficients by SVD least squares (minimum norm if rank deficient)."""
        self.model_ = LinearRegression(fit_intercept=False, solver="svd").fit(
            self._features(X), y)
        return self

    def predict(self, X):
        """Predictions of shape (n_samples,)."""
        return self.model_.predict(self._features(X))


def capacity_sweep(make_model, values, X, y, X_test, y_test, cv):
    """Train MSE, k-fold MSE per fold (n_values, n_folds) and test MSE for each value."""
    train, folds, test = [], [], []
    for v in values:
        res = cross_validate(make_model(v), X, y, cv=cv, scoring="neg_mean_squared_error")
        folds.append(-res["test_score"])
        model = make_model(v).fit(X, y)
        train.append(np.mean((model.predict(X) - y) ** 2))
        test.append(np.mean((model.predict(X_test) - y_test) ** 2))
    return np.array(train), np.array(folds), np.array(test)


@demo("overfitting", title="Train vs validation error as capacity grows")
def capacity(
    n_samples: Param(int, lo=15, hi=500, help="Training points.") = 30,
    noise: Param(float, lo=0.0, hi=2.0, help="Standard deviation of the label noise.") = 0.3,
    max_degree: Param(int, lo=3, hi=20, help="Largest polynomial degree.") = 14,
    max_depth: Param(int, lo=2, hi=15, help="Largest tree depth.") = 10,
    n_folds: Param(int, lo=2, hi=10, help="Folds of the cross-validation.") = 5,
    seed: int = 0,
) -> DemoResult:
    """Training error only falls as the model grows; validation (k-fold) and test error
    fall, then rise once the model fits the noise. The k-fold mean tracks the test error
    and the spread across folds says how much to trust a difference."""
    rng = np.random.default_rng(seed)
    X, y = sine_data(n_samples, noise, rng)
    X_test, y_test = sine_data(5000, noise, rng)
    cv = KFold(n_folds, shuffle=True, random_state=seed)
    degrees = np.arange(0, max_degree + 1)
    p_train, p_folds, p_test = capacity_sweep(PolynomialRegression, degrees, X, y,
                                              X_test, y_test, cv)
    depths = np.arange(1, max_depth + 1)
    t_train, t_folds, t_test = capacity_sweep(
        lambda d: DecisionTreeRegressor(max_depth=int(d)), depths, X, y, X_test, y_test, cv)
    p_cv, t_cv = p_folds.mean(1), t_folds.mean(1)
    best_deg, best_depth = int(degrees[np.argmin(p_cv)]), int(depths[np.argmin(t_cv)])

    table = Table(["model", "capacity", "train MSE", "k-fold MSE", "k-fold std", "test MSE"])
    for d in degrees:
        table.add("polynomial", int(d), round(float(p_train[d]), 4), round(float(p_cv[d]), 4),
                  round(float(p_folds[d].std()), 4), round(float(p_test[d]), 4))
    for i, d in enumerate(depths):
        table.add("tree", int(d), round(float(t_train[i]), 4), round(float(t_cv[i]), 4),
                  round(float(t_folds[i].std()), 4), round(float(t_test[i]), 4))

    fig1, (ax_p, ax_t) = new_figure(2, width=4.6)
    for ax, xs, tr, folds, te, label in ((ax_p, degrees, p_train, p_folds, p_test,
                                          "polynomial degree"),
                                         (ax_t, depths, t_train, t_folds, t_test,
                                          "tree depth")):
        ax.plot(xs, tr, "o-", label="train")
        ax.errorbar(xs, folds.mean(1), yerr=folds.std(1), fmt="s-", capsize=3,
                    label=f"{n_folds}-fold CV (± std)")
        ax.plot(xs, te, "^--", label="test (fresh data)")
        ax.axhline(noise**2, color="#999999", ls=":", label="noise σ²")
        ax.set_yscale("log")
        ax.set(xlabel=label, ylabel="MSE")
        ax.legend(fontsize=8)
    ax_p.set_title("Polynomials: the gap opens with the degree")
    ax_t.set_title("Trees: a deep tree memorises its leaves")

    fig2, ax = new_figure(width=6.0)
    grid = np.linspace(0, 1, 400)[:, None]
    ax.plot(X[:, 0], y, "k.", label="training points")
    ax.plot(grid[:, 0], np.sin(2 * np.pi * grid[:, 0]), color="#999999", lw=3, alpha=0.6,
            label="true function")
    for d in sorted({1, best_deg, max_degree}):
        pred = PolynomialRegression(d).fit(X, y).predict(grid)
        ax.plot(grid[:, 0], np.clip(pred, -3, 3), label=f"degree {d}")
    ax.set(ylim=(-2.5, 2.5), xlabel="x", ylabel="y", title="Underfit, about right, overfit")
    ax.legend(fontsize=8)

    fig3, ax = new_figure(width=6.0)
    ax.boxplot(p_folds.T, positions=degrees, widths=0.6)
    ax.set_yscale("log")
    ax.set(xlabel="polynomial degree", ylabel="MSE on each validation fold",
           title=f"Spread of the {n_folds} fold scores")

    gap = p_test[max_degree] - p_train[max_degree]
    summary = (
        f"Training MSE falls monotonically with the degree (degree {max_degree}: "
        f"{p_train[max_degree]:.4f}), while the {n_folds}-fold CV MSE is lowest at degree "
        f"{best_deg} ({p_cv[best_deg]:.4f}, test {p_test[best_deg]:.4f}) and the test MSE at "
        f"degree {max_degree} is {p_test[max_degree]:.3g}: a train/test gap of {gap:.3g}. "
        f"Trees: CV picks depth {best_depth}; at depth {max_depth} the training MSE is "
        f"{t_train[-1]:.4f} and the test MSE {t_test[-1]:.4f}. Folds of {n_samples} "
        f"points disagree: the fold-to-fold std at the best degree is "
        f"{p_folds[best_deg].std():.4f}."
    )
    return DemoResult(figures={"curves": fig1, "fits": fig2, "fold_spread": fig3},
                      table=table, summary=summary)


def make_noisy_moons(n: int, flip: float, rng: np.random.Generator):
    """Two interleaved half-circles in 2-D (n, 2), labels (n,) with a share ``flip`` flipped."""
    t = rng.uniform(0, np.pi, n)
    label = rng.integers(0, 2, n)
    x = np.where(label == 0, np.cos(t), 1 - np.cos(t))
    z = np.where(label == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.column_stack([x, z]) + 0.15 * rng.normal(size=(n, 2))
    flipped = rng.random(n) < flip
    return X, np.where(flipped, 1 - label, label).astype(float), label.astype(float)


def _mlp(hidden: int, seed: int) -> nn.Module:
    g = np.random.default_rng(seed)
    return nn.Sequential(nn.Linear(2, hidden, dtype=np.float64, generator=g), nn.ReLU(),
                         nn.Linear(hidden, hidden, dtype=np.float64, generator=g), nn.ReLU(),
                         nn.Linear(hidden, 1, dtype=np.float64, generator=g))


def _loss_acc(model, X, y):
    with no_grad():
        logits = model(Tensor(X)).data[:, 0]
    # log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, stably.
    loss = np.mean(np.logaddexp(0.0, -logits * (2 * y - 1)))
    return float(loss), float(np.mean((logits > 0) == (y == 1)))


@demo("overfitting", name="early-stopping", title="Early stopping on noisy labels")
def early_stopping(
    n_train: Param(int, lo=50, hi=2000, help="Training points.") = 200,
    flip: Param(float, lo=0.0, hi=0.45, help="Share of training labels flipped.") = 0.2,
    hidden: Param(int, lo=8, hi=256, help="Width of the two hidden layers.") = 64,
    epochs: Param(int, lo=50, hi=5000, help="Maximum full-batch Adam steps.") = 1500,
    patience: Param(int, lo=1, hi=500, help="Steps without improvement before stopping.")
    = 100,
    lr: Param(float, lo=1e-4, hi=0.1, help="Adam learning rate.") = 0.01,
    seed: int = 0,
) -> DemoResult:
    """A wide MLP trained on labels with 20% flipped: training loss keeps falling as it
    memorises the flipped points, validation loss turns up. EarlyStopping watches the
    validation loss, stops after ``patience`` steps without improvement and restores the
    best weights. The run continues to ``epochs`` only to draw what would have happened."""
    rng = np.random.default_rng(seed)
    X, y, _ = make_noisy_moons(n_train, flip, rng)
    Xv, yv, _ = make_noisy_moons(n_train, flip, rng)  # validation labels are noisy too
    Xt, _, yt_clean = make_noisy_moons(5000, 0.0, rng)
    model = _mlp(hidden, seed)
    opt = optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    stopper = EarlyStopping(patience=patience, restore_best_weights=False)
    Xtr, ytr = Tensor(X), Tensor(y[:, None])
    train_curve, val_curve, stop_at, best_state = [], [], None, None
    for epoch in range(epochs):
        opt.zero_grad()
        loss = loss_fn(model(Xtr), ytr)
        loss.backward()
        opt.step()
        train_curve.append(loss.item())
        val_curve.append(_loss_acc(model, Xv, yv)[0])
        if stop_at is None and stopper.step(val_curve[-1], model):
            stop_at, best_state = epoch, stopper.best_state
    final = {"train": _loss_acc(model, X, y), "test": _loss_acc(model, Xt, yt_clean)}
    if best_state is None:  # never stopped: the best epoch so far is the answer
        best_state = stopper.best_state
    final_state = model.state_dict()
    model.load_state_dict(best_state)
    best = {"train": _loss_acc(model, X, y), "test": _loss_acc(model, Xt, yt_clean)}

    table = Table(["weights", "epoch", "train loss", "train accuracy", "val loss",
                   "test accuracy (clean labels)"])
    table.add("best (early stopping)", stopper.best_epoch, round(best["train"][0], 4),
              round(best["train"][1], 4), round(stopper.best_score, 4),
              round(best["test"][1], 4))
    table.add("last epoch", epochs - 1, round(final["train"][0], 4), round(final["train"][1], 4),
              round(val_curve[-1], 4), round(final["test"][1], 4))

    fig1, ax = new_figure(width=6.4)
    ax.plot(train_curve, label="train loss")
    ax.plot(val_curve, label="validation loss")
    ax.axvline(stopper.best_epoch, color="k", ls="--", lw=1, label="best epoch")
    if stop_at is not None:
        ax.axvline(stop_at, color="#d62728", ls=":", lw=1, label="stopped (patience used up)")
    ax.set(xlabel="epoch (full-batch step)", ylabel="binary cross-entropy",
           title=f"{flip:.0%} of labels flipped: validation loss turns up")
    ax.legend(fontsize=8)

    fig2, axes = new_figure(2, width=4.2)
    xx, zz = np.meshgrid(np.linspace(-1.5, 2.5, 120), np.linspace(-1.0, 1.5, 100))
    grid = np.column_stack([xx.ravel(), zz.ravel()])
    for ax, (title, state) in zip(axes, (("best epoch", best_state),
                                         ("last epoch", final_state)), strict=True):
        model.load_state_dict(state)
        with no_grad():
            p = model(Tensor(grid)).data[:, 0].reshape(xx.shape)
        ax.contourf(xx, zz, p > 0, levels=1, colors=["#aec7e8", "#ffbb78"], alpha=0.6)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=8)
        ax.set_title(f"Decision regions, {title}")
    summary = (
        f"Validation loss was lowest at epoch {stopper.best_epoch} ({stopper.best_score:.4f}); "
        + (f"with patience {patience} training stopped at epoch {stop_at}. "
           if stop_at is not None else "patience never ran out. ")
        + f"At the last epoch ({epochs - 1}) the training loss is {final['train'][0]:.4f} "
        f"(training accuracy {final['train'][1]:.3f}, above the {1 - flip:.0%} a perfect "
        f"model gets on these noisy labels: it memorised flipped points) and the validation "
        f"loss {val_curve[-1]:.4f}. Accuracy on clean test labels: {best['test'][1]:.4f} "
        f"with the restored weights, {final['test'][1]:.4f} with the last ones."
    )
    return DemoResult(figures={"loss_curves": fig1, "decision_regions": fig2}, table=table,
                      summary=summary)

