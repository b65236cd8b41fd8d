"""Demo for logistic-regression: the decision boundary and probability surface of a
binary and a three-class model on 2-D Gaussian blobs, and the effect of C.

Each class is a Gaussian blob with the identity covariance. For two such classes with
equal priors the Bayes posterior is exactly a sigmoid of a linear score, so logistic
regression is the right model and its boundary should approach the perpendicular bisector
of the two centres.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.linear_model import LogisticRegression

CENTRES = np.array([[-1.5, 0.0], [1.5, 0.5], [0.0, 2.5]])


def make_blobs(n_per_class: int, n_classes: int, seed: int):
    """``X (n_classes * n_per_class, 2)`` and labels; unit-variance blobs at ``CENTRES``."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(n_classes), n_per_class)
    return CENTRES[y] + rng.normal(size=(len(y), 2)), y


@demo("logistic-regression", title="Decision boundary and probability surface")
def boundary(
    n_per_class: Param(int, lo=10, hi=5000, help="Samples per class.") = 200,
    C: Param(float, lo=1e-4, hi=1e4, help="Inverse penalty strength (binary model).") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """Fit a binary and a multinomial model; show P(class) over the plane, the boundary
    P = 0.5, and how a smaller C shrinks the weights and flattens the probabilities."""
    X2, y2 = make_blobs(n_per_class, 2, seed)
    X3, y3 = make_blobs(n_per_class, 3, seed)
    table = Table(["model", "C", "||w||", "train accuracy", "mean log loss"])

    def log_loss(model, X, y):
        return float(-np.mean(model.predict_log_proba(X)[np.arange(len(y)), y]))

    models = {}
    for c in sorted({C, 0.01, 100.0}):
        m = LogisticRegression(C=c, tol=1e-8, max_iter=1000).fit(X2, y2)
        models[c] = m
        table.add("binary", c, round(float(np.linalg.norm(m.coef_)), 6),
                  round(m.score(X2, y2), 6), round(log_loss(m, X2, y2), 6))
    multi = LogisticRegression(C=C, tol=1e-8, max_iter=1000).fit(X3, y3)
    table.add("3 classes", C, round(float(np.linalg.norm(multi.coef_)), 6),
              round(multi.score(X3, y3), 6), round(log_loss(multi, X3, y3), 6))

    g = np.linspace(-5, 5, 200)
    gx, gy = np.meshgrid(g, g)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    fig1, axes = new_figure(ncols=2, width=9.5)
    p1 = models[C].predict_proba(grid)[:, 1].reshape(gx.shape)
    cs = axes[0].contourf(gx, gy, p1, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
    axes[0].contour(gx, gy, p1, levels=[0.5], colors="k")
    axes[0].scatter(*X2.T, c=y2, cmap="RdBu_r", s=6, edgecolors="k", linewidths=0.2)
    axes[0].set_title(f"binary, C={C:g}: P(y=1 | x), boundary at 0.5")
    fig1.colorbar(cs, ax=axes[0])
    pred = multi.predict(grid).reshape(gx.shape)
    axes[1].contourf(gx, gy, pred, levels=[-0.5, 0.5, 1.5, 2.5], cmap="tab10", alpha=0.3)
    axes[1].scatter(*X3.T, c=y3, cmap="tab10", vmin=0, vmax=9, s=6)
    axes[1].set_title("3 classes (softmax): linear boundaries")

    fig2, ax = new_figure(width=6.0)
    line = np.column_stack([g, np.full_like(g, 0.25)])   # a horizontal slice through both blobs
    for c, m in models.items():
        ax.plot(g, m.predict_proba(line)[:, 1], label=f"C={c:g}")
    ax.set_xlabel("x₁ (at x₂ = 0.25)")
    ax.set_ylabel("P(y = 1)")
    ax.set_title("Smaller C: smaller weights, softer probabilities")
    ax.legend()

    summary = ("The boundary P = 0.5 is the line w·x + b = 0, and P changes along the normal "
               "direction w as a sigmoid whose steepness is ||w||. A strong penalty (small C) "
               "shrinks w, so probabilities stay close to 0.5 and the log loss rises; with "
               "three classes the softmax gives piecewise-linear boundaries.")
    return DemoResult(figures={"boundary": fig1, "C": fig2}, table=table, summary=summary)
