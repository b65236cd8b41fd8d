"""Evaluation: cross-validation, splitters, NDCG and SSIM, ours vs scikit-learn /
scikit-image.

- ``cross_val_score`` of a depth-limited decision tree, 5 folds, ``n_jobs=2``, on
  20,000 x 20 (ours: our harness with our tree; reference: scikit-learn's harness with
  its Cython tree). Both pay joblib's worker start-up once, in a warm-up call.
- ``KFold`` / ``StratifiedKFold`` (shuffled) split generation on 1e6 samples: every
  ``(train, test)`` pair materialised.
- ``ndcg_score`` on 10,000 queries of 20 documents, k = 10.
- ``structural_similarity`` (SSIM) of two 1024 x 1024 float images, uniform and
  Gaussian windows. skimage is the reference there (``REFERENCE`` names the main one).

Run: ``python benchmarks/bench_evaluation.py`` or ``python benchmarks/run.py evaluation``.
"""

from __future__ import annotations

import numpy as np
import sklearn.metrics as skm
import sklearn.model_selection as skms
from skimage.metrics import structural_similarity as sk_ssim
from sklearn.tree import DecisionTreeClassifier as SkTree

from _harness import main
from mlinterview.ml import metrics
from mlinterview.ml import model_selection as ms
from mlinterview.ml.tree import DecisionTreeClassifier

TITLE = "Evaluation: cross-validation, splitters, NDCG, SSIM"
REFERENCE = "scikit-learn"


def _consume(splits):
    """Materialise every (train, test) pair; return the total length (a checksum)."""
    return sum(len(tr) + len(te) for tr, te in splits)


def cases():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20_000, 20))
    y = (X[:, :3].sum(1) + rng.normal(size=20_000) > 0).astype(np.int64)
    ours_tree, ref_tree = DecisionTreeClassifier(max_depth=8), SkTree(max_depth=8,
                                                                        random_state=0)
    # Warm-up: start the joblib workers of both (loky reuses them afterwards).
    ms.cross_val_score(ours_tree, X[:200], y[:200], cv=2, n_jobs=2)
    skms.cross_val_score(ref_tree, X[:200], y[:200], cv=2, n_jobs=2)
    yield ("cross_val_score tree depth 8, cv=5, n_jobs=2", "20,000 x 20",
           lambda: ms.cross_val_score(ours_tree, X, y, cv=5, n_jobs=2),
           lambda: skms.cross_val_score(ref_tree, X, y, cv=5, n_jobs=2))
    yield ("cross_val_score tree depth 8, cv=5, n_jobs=1", "20,000 x 20",
           lambda: ms.cross_val_score(ours_tree, X, y, cv=5),
           lambda: skms.cross_val_score(ref_tree, X, y, cv=5))

    n = 1_000_000
    big = np.zeros((n, 1))
    labels = rng.integers(0, 3, n)
    yield ("KFold(5) split", "1e6",
           lambda: _consume(ms.KFold(5).split(big)),
           lambda: _consume(skms.KFold(5).split(big)))
    yield ("KFold(5, shuffle) split", "1e6",
           lambda: _consume(ms.KFold(5, shuffle=True, random_state=0).split(big)),
           lambda: _consume(skms.KFold(5, shuffle=True, random_state=0).split(big)))
    yield ("StratifiedKFold(5, shuffle) split", "1e6, 3 classes",
           lambda: _consume(ms.StratifiedKFold(5, shuffle=True, random_state=0)
                            .split(big, labels)),
           lambda: _consume(skms.StratifiedKFold(5, shuffle=True, random_state=0)
                            .split(big, labels)))

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
