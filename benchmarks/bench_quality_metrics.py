"""Metrics of issue 6 not timed in ``bench_evaluation.py``: PSNR on 1024 x 1024, DCG on
10,000 queries of 100 documents (vs scikit-learn), and the Fréchet distance between two
2048-d Gaussians (the FID size) against the usual ``scipy.linalg.sqrtm`` recipe.

Best of ``--repeats`` runs; prints only. Run: ``python benchmarks/run.py quality_metrics``.
"""

from __future__ import annotations

import numpy as np
from scipy import linalg
from skimage.metrics import peak_signal_noise_ratio as sk_psnr
from sklearn import metrics as skm

from _harness import main
from mlinterview.ml import metrics

TITLE = "PSNR, DCG and the Fréchet distance"
REFERENCE = "skimage/sklearn/scipy"


def images(side: int = 1024, seed: int = 0):
    """A smooth random image in [0, 1] and a noisy copy, float64 (side, side)."""
    rng = np.random.default_rng(seed)
    base = np.cumsum(np.cumsum(rng.normal(size=(side, side)), axis=0), axis=1)
    base = (base - base.min()) / np.ptp(base)
    return base, np.clip(base + rng.normal(scale=0.05, size=base.shape), 0, 1)


def sk_frechet(mu1, s1, mu2, s2):
    """The common FID code path: ``sqrtm`` of the non-symmetric product."""
    covmean = linalg.sqrtm(s1 @ s2).real
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def cases():
    a, b = images()
    yield ("peak_signal_noise_ratio", "1024 x 1024",
           lambda: metrics.peak_signal_noise_ratio(a, b, data_range=1.0),
           lambda: sk_psnr(a, b, data_range=1.0))
    yield ("peak_signal_noise_ratio, data_range inferred", "1024 x 1024",
           lambda: metrics.peak_signal_noise_ratio(a, b), lambda: sk_psnr(a, b))

    rng = np.random.default_rng(1)
    relevance = rng.integers(0, 4, size=(10_000, 100)) * (rng.random((10_000, 100)) < 0.2)
    scores = relevance + rng.normal(scale=1.5, size=relevance.shape)
    yield ("dcg_score", "10,000 queries x 100 docs", lambda: metrics.dcg_score(relevance, scores),
           lambda: skm.dcg_score(relevance, scores))

    feats1 = rng.normal(size=(4000, 256)) @ rng.normal(size=(256, 2048)) / 16
    feats2 = feats1[:3000] + rng.normal(scale=0.3, size=(3000, 2048))
    stats = (*metrics.gaussian_statistics(feats1), *metrics.gaussian_statistics(feats2))
    yield ("frechet_distance (eigh) vs sqrtm", "d = 2048",
           lambda: metrics.frechet_distance(*stats), lambda: sk_frechet(*stats))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
