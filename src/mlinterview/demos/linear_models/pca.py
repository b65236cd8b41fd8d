"""Demo for pca: PCA on the digits, a curved manifold where it fails, and why scaling
matters.

* Digits (8x8 images, 64 pixels, from the data file scikit-learn ships): how many
  components keep 90% of the variance, and how well ``k`` components reconstruct.
* A noisy circle: intrinsically one-dimensional (the angle), yet no straight line
  captures it; both principal directions carry half the variance.
* Breast-cancer measurements on wildly different scales: without standardising, the first
  component is simply the feature with the largest units.
"""

from __future__ import annotations

import numpy as np

from mlinterview.datasets import load_breast_cancer, load_digits
from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.decomposition import PCA


def noisy_circle(n_samples: int, noise: float, seed: int) -> np.ndarray:
    """``(n, 2)`` points at uniform angles on the unit circle plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, 2 * np.pi, n_samples)
    return np.column_stack([np.cos(t), np.sin(t)]) + noise * rng.normal(size=(n_samples, 2))


def standardize(X: np.ndarray) -> np.ndarray:
    """Zero mean, unit variance per column (constant columns left at 0)."""
    sd = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def components_for(ratio: np.ndarray, share: float) -> int:
    """Fewest leading components whose explained-variance ratios sum to at least ``share``."""
    return int(np.searchsorted(np.cumsum(ratio), share) + 1)


@demo("pca", title="PCA on digits, on a circle, and with and without scaling")
def pca_demo(
    n_components: Param(int, lo=1, hi=64, help="Components kept for the digit reconstruction.")
    = 10,
    noise: Param(float, lo=0.0, hi=0.5, help="Noise on the circle.") = 0.05,
    seed: int = 0,
) -> DemoResult:
    """PCA compresses the digits well, fails on a circle, and follows units unless the
    features are standardised."""
    table = Table(["case", "quantity", "value"])

    X, y = load_digits()
    full = PCA().fit(X)
    ratio = full.explained_variance_ratio_
    k = PCA(n_components).fit(X)
    recon = k.inverse_transform(k.transform(X))
    rel_err = float(np.linalg.norm(X - recon) ** 2 / np.linalg.norm(X - X.mean(0)) ** 2)
    table.add("digits", "components for 90% variance", components_for(ratio, 0.9))
    table.add("digits", "components for 99% variance", components_for(ratio, 0.99))
    table.add("digits", f"variance kept by {n_components} components",
              round(float(ratio[:n_components].sum()), 6))
    table.add("digits", f"relative reconstruction error, {n_components} components",
              round(rel_err, 6))

    circle = noisy_circle(500, noise, seed)
    c = PCA().fit(circle)
    table.add("circle", "variance ratio of PC1", round(float(c.explained_variance_ratio_[0]), 6))
    table.add("circle", "variance ratio of PC2", round(float(c.explained_variance_ratio_[1]), 6))

    B, _ = load_breast_cancer()
    raw = PCA(2).fit(B)
    std = PCA(2).fit(standardize(B))
    table.add("breast cancer, raw", "variance ratio of PC1",
              round(float(raw.explained_variance_ratio_[0]), 6))
    table.add("breast cancer, raw", "feature with the largest PC1 loading",
              int(np.argmax(np.abs(raw.components_[0]))))
    table.add("breast cancer, raw", "feature with the largest variance", int(np.argmax(B.var(0))))
    table.add("breast cancer, standardised", "variance ratio of PC1",
              round(float(std.explained_variance_ratio_[0]), 6))

    fig1, axes = new_figure(ncols=2, width=9.0)
    Z = PCA(2).fit_transform(X)
    sc = axes[0].scatter(Z[:, 0], Z[:, 1], c=y, cmap="tab10", s=4)
    fig1.colorbar(sc, ax=axes[0], label="digit")
    axes[0].set_title("digits on the first two components")
    axes[1].plot(np.arange(1, len(ratio) + 1), np.cumsum(ratio), "o-", ms=2)
    axes[1].axhline(0.9, color="k", ls=":")
    axes[1].set_xlabel("components")
    axes[1].set_ylabel("cumulative explained variance")

    fig2, axes = new_figure(ncols=2, width=9.0)
    proj = PCA(1).fit(circle)
    back = proj.inverse_transform(proj.transform(circle))
    axes[0].scatter(*circle.T, s=4, label="data")
    axes[0].scatter(*back.T, s=4, label="1-D PCA reconstruction")
    axes[0].set_aspect("equal")
    axes[0].set_title("a circle: no line captures it")
    axes[0].legend(fontsize=8)
    xs = np.arange(B.shape[1])
    axes[1].bar(xs - 0.2, np.abs(raw.components_[0]), 0.4, label="raw")
    axes[1].bar(xs + 0.2, np.abs(std.components_[0]), 0.4, label="standardised")
    axes[1].set_xlabel("feature")
    axes[1].set_ylabel("|PC1 loading|")
    axes[1].set_title("without scaling PC1 is one feature")
    axes[1].legend(fontsize=8)

    summary = (f"On the digits, {components_for(ratio, 0.9)} of 64 components keep 90% of the "
               f"variance. On a circle each direction keeps about half: PCA is linear and "
               "cannot unroll a curve. On unscaled breast-cancer data PC1 explains "
               f"{raw.explained_variance_ratio_[0]:.0%} of the variance only because one "
               "feature has the largest units; after standardising it explains "
               f"{std.explained_variance_ratio_[0]:.0%} and mixes many features.")
    return DemoResult(figures={"digits": fig1, "failures": fig2}, table=table, summary=summary)
