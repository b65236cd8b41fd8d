"""Demo for generative-metrics: one image under four distortions with the *same* MSE, and
what PSNR, SSIM and DSSIM make of them.

The image is drawn with NumPy (a smooth gradient, disks and a striped texture) in
[0, 1]. Each distortion's strength is tuned by bisection so that its MSE equals
``target_mse``: PSNR, a function of the MSE alone, then cannot tell them apart, while
SSIM, which compares local structure, ranks them very differently.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import metrics
from mlinterview.ml.metrics._image import gaussian_filter


def make_image(size: int = 128) -> np.ndarray:
    """A synthetic grey-scale test image of shape (size, size), values in [0, 1]."""
    t = np.linspace(0.0, 1.0, size)
    yy, xx = np.meshgrid(t, t, indexing="ij")
    img = 0.25 + 0.35 * xx
    for cy, cx, r, v in ((0.3, 0.3, 0.15, 0.9), (0.7, 0.65, 0.2, 0.1), (0.25, 0.75, 0.1, 0.7)):
        img = np.where((yy - cy) ** 2 + (xx - cx) ** 2 < r * r, v, img)
    stripes = (yy > 0.6) & (xx < 0.4)
    img = np.where(stripes, 0.5 + 0.3 * np.sin(2 * np.pi * 12 * xx), img)
    return img


def _shift(img: np.ndarray, s: float) -> np.ndarray:
    """Translate right by ``s`` pixels (linear interpolation, wrapping around)."""
    whole, frac = int(np.floor(s)), s - np.floor(s)
    a = np.roll(img, whole, axis=1)
    return (1 - frac) * a + frac * np.roll(a, 1, axis=1)


DISTORTIONS = {
    "brightness": lambda img, s: img + s,
    "noise": lambda img, s: img + s * np.random.default_rng(0).normal(size=img.shape),
    "blur": lambda img, s: gaussian_filter(img, s) if s > 0 else img,
    "shift": _shift,
}


def matched(img: np.ndarray, kind: str, target_mse: float) -> tuple[np.ndarray, float]:
    """The distortion ``kind`` at the strength whose MSE is ``target_mse`` (bisection)."""
    f = DISTORTIONS[kind]
    lo, hi = 0.0, 1.0
    while metrics.mean_squared_error(img.ravel(), f(img, hi).ravel()) < target_mse and hi < 64:
        hi *= 2
    for _ in range(50):    # the MSE grows with the strength for every distortion here
        mid = (lo + hi) / 2
        if metrics.mean_squared_error(img.ravel(), f(img, mid).ravel()) < target_mse:
            lo = mid
        else:
            hi = mid
    s = (lo + hi) / 2
    return f(img, s), s


@demo("generative-metrics", title="Same MSE, very different images: PSNR vs SSIM")
def same_mse(
    target_mse: Param(float, lo=1e-4, hi=0.02, help="MSE every distortion is tuned to.") = 0.003,
    size: Param(int, lo=32, hi=512, help="Image side in pixels.") = 128,
    gaussian_weights: Param(bool, help="Gaussian SSIM window instead of 7x7 box.") = False,
) -> DemoResult:
    """Four distortions with equal MSE get equal PSNR, yet a brightness shift keeps the
    structure (SSIM near 1) while noise and blur destroy it; a sub-pixel shift, barely
    visible, costs as much PSNR as clearly visible noise."""
    img = make_image(size)
    table = Table(["distortion", "strength", "MSE", "PSNR (dB)", "SSIM", "DSSIM"])
    images = {}
    for kind in DISTORTIONS:
        out, s = matched(img, kind, target_mse)
        images[kind] = out
        ssim = metrics.structural_similarity(img, out, data_range=1.0,
                                             gaussian_weights=gaussian_weights)
        table.add(kind, round(s, 4), round(metrics.mean_squared_error(img.ravel(), out.ravel()),
                                           6),
                  round(metrics.peak_signal_noise_ratio(img, out, data_range=1.0), 3),
                  round(ssim, 4), round((1 - ssim) / 2, 4))

    fig1, axes = new_figure(5, width=2.2, height=2.6)
    for ax, (name, im) in zip(axes, {"original": img, **images}.items(), strict=True):
        ax.imshow(im, cmap="gray", vmin=0, vmax=1)
        ax.set_title(name, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)

    fig2, ax = new_figure(width=5.5)
    names = list(images)
    ssims = table.column("SSIM")
    ax.bar(names, ssims, color="#1f77b4")
    ax.set_ylim(min(0.0, min(ssims)), 1.05)
    ax.set_ylabel("SSIM")
    psnr = 10 * np.log10(1 / target_mse)
    ax.set_title(f"Every image has MSE {target_mse:g} (PSNR {psnr:.1f} dB)")

    order = sorted(names, key=lambda n: -table.row(n)["SSIM"])
    summary = (
        f"All four distortions have MSE {target_mse:g}, hence PSNR {psnr:.2f} dB. SSIM ranks "
        f"them {' > '.join(order)}: a uniform brightness change leaves local structure "
        f"intact, while noise and blur change local variances and correlations. FID works "
        f"one level up: it compares the mean and covariance of features of many images, not "
        f"pairs of pixels."
    )
    return DemoResult(figures={"images": fig1, "ssim": fig2}, table=table, summary=summary)
