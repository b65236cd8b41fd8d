"""Evaluation metrics: NDCG and SSIM, ours vs scikit-learn / scikit-image.

- ``ndcg_score`` on 10,000 queries of 20 documents, k = 10 and all.
- ``structural_similarity`` (SSIM) of two 1024 x 1024 float images, uniform and
  Gaussian windows. skimage is the reference there (``REFERENCE`` names the main one).

Cross-validation and the splitters (KFold, StratifiedKFold) are timed in
``bench_model_selection.py``; PSNR, DCG at 100 documents and the Fréchet distance in
``bench_quality_metrics.py``.

Run: ``python benchmarks/bench_evaluation.py`` or ``python benchmarks/run.py evaluation``.
"""

from __future__ import annotations

import numpy as np
import sklearn.metrics as skm
from skimage.metrics import structural_similarity as sk_ssim

from _harness import main
from mlinterview.ml import metrics

TITLE = "Evaluation: NDCG, SSIM"
REFERENCE = "scikit-learn"


def cases():
    rng = np.random.default_rng(0)
    rel = rng.integers(0, 4, (10_000, 20)).astype(float)
    score = rel + rng.normal(size=rel.shape)
    yield ("ndcg_score k=10", "10,000 queries x 20 docs",
           lambda: metrics.ndcg_score(rel, score, k=10),
           lambda: skm.ndcg_score(rel, score, k=10))
    yield ("ndcg_score (all)", "10,000 queries x 20 docs",
           lambda: metrics.ndcg_score(rel, score),
           lambda: skm.ndcg_score(rel, score))

    im1 = rng.random((1024, 1024))
    im2 = np.clip(im1 + 0.1 * rng.normal(size=im1.shape), 0, 1)
    yield ("structural_similarity uniform 7x7 (vs skimage)", "1024 x 1024",
           lambda: metrics.structural_similarity(im1, im2, data_range=1.0),
           lambda: sk_ssim(im1, im2, data_range=1.0))
    yield ("structural_similarity gaussian (vs skimage)", "1024 x 1024",
           lambda: metrics.structural_similarity(im1, im2, data_range=1.0,
                                                 gaussian_weights=True),
           lambda: sk_ssim(im1, im2, data_range=1.0, gaussian_weights=True))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
