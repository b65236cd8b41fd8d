"""Demo for l1-l2: lasso and ridge paths on the same data, sparsity, and the geometry of
the diamond and the circle.

The data: ``n`` samples of ``p`` standardised Gaussian features of which only
``n_informative`` carry signal. Both models use the same scale: the lasso minimises
``(1/2n)||y - Xw||² + α||w||₁`` and ridge ``(1/2n)||y - Xw||² + (α/2)||w||²`` (scikit-learn's
``Ridge(alpha = n α)``), over the same ``α`` grid.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.linear_model import Ridge, lasso_path


def make_data(n_samples: int, n_features: int, n_informative: int, noise: float, seed: int):
    """Centred ``X (n, p)``, centred ``y (n,)`` and the true coefficients ``(p,)``."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    w = np.zeros(n_features)
    w[:n_informative] = rng.choice([-1, 1], n_informative) * rng.uniform(1, 3, n_informative)
    y = X @ w + noise * rng.normal(size=n_samples)
    return X - X.mean(0), y - y.mean(), w


def ridge_path(X, y, alphas) -> np.ndarray:
    """Ridge coefficients ``(p, len(alphas))`` for the ``(1/2n)`` scaling of the loss."""
    n = X.shape[0]
    return np.column_stack([Ridge(alpha=n * a, fit_intercept=False).fit(X, y).coef_
                            for a in alphas])


@demo("l1-l2", title="Lasso vs ridge: paths, sparsity and the constraint shapes")
def paths(
    n_samples: Param(int, lo=20, hi=5000, help="Number of samples.") = 100,
    n_features: Param(int, lo=2, hi=50, help="Number of features.") = 10,
    n_informative: Param(int, lo=1, hi=50, help="Features with a non-zero true weight.") = 3,
    noise: Param(float, lo=0.0, hi=10.0, help="Standard deviation of the noise.") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """As α falls, the lasso switches features on one at a time (exact zeros before that),
    while ridge only shrinks: every coefficient is non-zero at every α."""
    n_informative = min(n_informative, n_features)
    X, y, _ = make_data(n_samples, n_features, n_informative, noise, seed)
    alphas, lasso, _ = lasso_path(X, y, n_alphas=60, eps=1e-3, tol=1e-10, max_iter=10_000)
    ridge = ridge_path(X, y, alphas)

    table = Table(["alpha", "lasso non-zero", "ridge non-zero", "lasso ||w||₁", "ridge ||w||₂",
                   "lasso true features found"])
    for i in np.linspace(0, len(alphas) - 1, 8).round().astype(int):
        nz = lasso[:, i] != 0
        table.add(float(f"{alphas[i]:.4g}"), int(nz.sum()), int((ridge[:, i] != 0).sum()),
                  round(float(np.abs(lasso[:, i]).sum()), 6),
                  round(float(np.linalg.norm(ridge[:, i])), 6),
                  int(nz[:n_informative].sum()))

    fig1, axes = new_figure(ncols=2, width=9.0)
    for ax, coefs, name in ((axes[0], lasso, "lasso (L1)"), (axes[1], ridge, "ridge (L2)")):
        for j in range(n_features):
            ax.semilogx(alphas, coefs[j], color=f"C{j % 10}", lw=1.5 if j < n_informative else 0.8)
        ax.set_xlabel("α")
        ax.set_title(name)
        ax.invert_xaxis()
    axes[0].set_ylabel("coefficient")

    # Geometry: least-squares contours meeting an L1 ball (diamond) and an L2 ball (circle).
    fig2, ax = new_figure(width=5.0, height=5.0)
    centre = np.array([1.6, 0.45])
    A = np.array([[1.0, 0.5], [0.5, 1.5]])      # the loss (w - c)ᵀ A (w - c)
    g = np.linspace(-2, 3, 201)
    W1, W2 = np.meshgrid(g, g)
    D = np.stack([W1 - centre[0], W2 - centre[1]], -1)
    loss = np.einsum("...i,ij,...j->...", D, A, D)
    ax.contour(W1, W2, loss, levels=[0.1, 0.4, 0.9, 1.6, 2.5], colors="0.6", linewidths=0.8)
    t = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(t), np.sin(t), "C0", label="||w||₂ = 1")
    ax.plot([1, 0, -1, 0, 1], [0, 1, 0, -1, 0], "C1", label="||w||₁ = 1")
    ax.plot(*centre, "k+", ms=10, label="least squares")
    ax.set_aspect("equal")
    ax.set_title("The diamond's corners sit on the axes: L1 hits them")
    ax.legend(loc="lower left", fontsize=8)

    summary = (f"{n_informative} of {n_features} features carry signal. At large α the lasso "
               "has every coefficient exactly 0 and adds features one by one as α falls, the "
               "informative ones first; ridge keeps all coefficients non-zero and shrinks them "
               "smoothly. The L1 ball has corners on the axes, so the loss contours usually "
               "first touch it where some coordinates are zero.")
    return DemoResult(figures={"paths": fig1, "geometry": fig2}, table=table, summary=summary)
