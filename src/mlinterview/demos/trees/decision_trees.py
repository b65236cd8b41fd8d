"""Demo for decision-trees: how the decision boundary changes with the depth limit.

Two interleaved half-moons with label noise. A tree of depth ``d`` cuts the plane into at
most ``2^d`` axis-aligned boxes: shallow trees underfit (a few big boxes), deep trees
carve a box around every noisy point (train accuracy 1, test accuracy down).
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.tree import DecisionTreeClassifier, export_text


def make_moons(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles: ``X (n, 2)`` and labels ``y (n,)`` in {0, 1}."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n_samples)
    angle = rng.uniform(0, np.pi, n_samples)
    X = np.where(y[:, None] == 0,
                 np.column_stack([np.cos(angle), np.sin(angle)]),
                 np.column_stack([1 - np.cos(angle), 0.5 - np.sin(angle)]))
    return X + rng.normal(scale=noise, size=X.shape), y


def depth_sweep(X, y, X_test, y_test, depths) -> list[tuple[int, int, float, float]]:
    """(depth, leaves, train accuracy, test accuracy) of a tree per depth limit."""
    rows = []
    for d in depths:
        tree = DecisionTreeClassifier(max_depth=d).fit(X, y)
        rows.append((d, tree.get_n_leaves(), tree.score(X, y), tree.score(X_test, y_test)))
    return rows


@demo("decision-trees", title="Decision boundaries as the tree grows deeper")
def boundaries_vs_depth(
    max_depth: Param(int, lo=1, hi=20, help="Deepest tree in the sweep.") = 10,
    n_samples: Param(int, lo=50, hi=5000, help="Training samples.") = 300,
    noise: Param(float, lo=0.0, hi=1.0, help="Gaussian noise added to the moons.") = 0.3,
    seed: int = 0,
) -> DemoResult:
    """Train and test accuracy of trees of depth 1..max_depth; boundaries of three."""
    X, y = make_moons(n_samples, noise, seed)
    X_test, y_test = make_moons(2000, noise, seed + 1)
    rows = depth_sweep(X, y, X_test, y_test, range(1, max_depth + 1))
    table = Table(["depth", "leaves", "train accuracy", "test accuracy"])
    for r in rows:
        table.add(r[0], r[1], round(r[2], 4), round(r[3], 4))

    shown = sorted({1, min(3, max_depth), max_depth})
    fig, axes = new_figure(ncols=len(shown), width=3.6, height=3.4)
    axes = np.atleast_1d(axes)
    gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 200), np.linspace(-1.3, 1.8, 200))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    for ax, d in zip(axes, shown, strict=True):
        tree = DecisionTreeClassifier(max_depth=d).fit(X, y)
        ax.contourf(gx, gy, tree.predict_proba(grid)[:, 1].reshape(gx.shape), levels=10,
                    cmap="RdBu_r", alpha=0.5)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", s=8, edgecolors="k", linewidths=0.2)
        ax.set_title(f"depth {d}: {tree.get_n_leaves()} leaves")
    curve_fig, ax = new_figure()
    ax.plot([r[0] for r in rows], [r[2] for r in rows], "o-", label="train")
    ax.plot([r[0] for r in rows], [r[3] for r in rows], "s-", label="test")
    ax.set_xlabel("max_depth")
    ax.set_ylabel("accuracy")
    ax.legend()

    best = max(rows, key=lambda r: r[3])
    rules = export_text(DecisionTreeClassifier(max_depth=2).fit(X, y),
                        feature_names=["x1", "x2"])
    summary = (f"Test accuracy peaks at depth {best[0]} ({best[3]:.3f}); the depth-"
               f"{max_depth} tree fits {rows[-1][2]:.3f} of the training set but scores "
               f"{rows[-1][3]:.3f} on new data. The depth-2 tree reads as rules:\n{rules}")
    return DemoResult(figures={"boundaries": fig, "accuracy": curve_fig}, table=table,
                      summary=summary)
