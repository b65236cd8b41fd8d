"""Evaluation metrics beyond classification (issue 6): image quality, ranking, and
cross-validation; ours vs the reference in the same run.

Rows: SSIM on two 1024x1024 images (uniform 7x7 window and Gaussian window, vs
scikit-image), PSNR at the same size, NDCG@10 and DCG on 10,000 queries of 100 documents
(vs scikit-learn), the Fréchet distance of 2048-d features (vs the usual
``scipy.linalg.sqrtm`` recipe), and ``cross_val_score`` of a depth-8 decision tree with
``n_jobs=2`` on 20,000 x 20 (vs scikit-learn's tree and ``cross_val_score``). Best of
``--repeats`` runs; prints only. Run: ``python benchmarks/run.py evaluation``.
"""

from __future__ import annotations

import numpy as np
from scipy import linalg
from skimage.metrics import peak_signal_noise_ratio as sk_psnr
from skimage.metrics import structural_similarity as sk_ssim
from sklearn import metrics as skm
from sklearn.model_selection import cross_val_score as sk_cross_val_score
from sklearn.tree import DecisionTreeClassifier as SkTree

from _harness import main
from mlinterview.ml import metrics
from mlinterview.ml.model_selection import cross_val_score
from mlinterview.ml.tree import DecisionTreeClassifier

TITLE = "Image quality, ranking and cross-validation"
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
    size = "1024 x 1024"
    yield ("structural_similarity, 7x7 uniform", size,
           lambda: metrics.structural_similarity(a, b, data_range=1.0),
           lambda: sk_ssim(a, b, data_range=1.0))
    yield ("structural_similarity, gaussian", size,
           lambda: metrics.structural_similarity(a, b, data_range=1.0, gaussian_weights=True),
           lambda: sk_ssim(a, b, data_range=1.0, gaussian_weights=True))
    yield ("peak_signal_noise_ratio", size,
           lambda: metrics.peak_signal_noise_ratio(a, b, data_range=1.0),
           lambda: sk_psnr(a, b, data_range=1.0))

    rng = np.random.default_rng(1)
    relevance = rng.integers(0, 4, size=(10_000, 100)) * (rng.random((10_000, 100)) < 0.2)
    scores = relevance + rng.normal(scale=1.5, size=relevance.shape)
    qsize = "10,000 queries x 100 docs"
    yield ("ndcg_score k=10", qsize,
           lambda: metrics.ndcg_score(relevance, scores, k=10),
           lambda: skm.ndcg_score(relevance, scores, k=10))
    yield ("dcg_score", qsize, lambda: metrics.dcg_score(relevance, scores),
           lambda: skm.dcg_score(relevance, scores))

    feats1 = rng.normal(size=(4000, 256)) @ rng.normal(size=(256, 2048)) / 16
    feats2 = feats1[:3000] + rng.normal(scale=0.3, size=(3000, 2048))
    stats = (*metrics.gaussian_statistics(feats1), *metrics.gaussian_statistics(feats2))
    yield ("frechet_distance (eigh) vs sqrtm", "d = 2048",
           lambda: metrics.frechet_distance(*stats), lambda: sk_frechet(*stats))

    X = rng.normal(size=(20_000, 20))
    y = (X[:, 0] + X[:, 1] * X[:, 2] + rng.normal(scale=0.5, size=20_000) > 0).astype(int)
    yield ("cross_val_score tree depth 8, cv=5, n_jobs=2", "20,000 x 20",
           lambda: cross_val_score(DecisionTreeClassifier(max_depth=8), X, y, cv=5, n_jobs=2),
           lambda: sk_cross_val_score(SkTree(max_depth=8), X, y, cv=5, n_jobs=2))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
