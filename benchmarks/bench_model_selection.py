"""Model selection: cross-validation and fold generation, ours vs scikit-learn.

- ``cross_val_score`` of a depth-8 decision tree, 5 folds, on 20,000 x 20, with
  ``n_jobs=2`` and ``n_jobs=1`` (ours: our harness with our tree; reference:
  scikit-learn's harness with its Cython tree). Both start their joblib workers in a
  warm-up call first, so the rows time the fits, not the process start-up.
- ``KFold`` (plain and shuffled) and ``StratifiedKFold`` (shuffled, 3 classes) split
  generation on 1e6 samples, every ``(train, test)`` pair materialised.
- ``GridSearchCV`` over 8 ridge candidates x 5 folds on 20,000 x 50 (our Ridge and harness
  vs scikit-learn's).

Run: ``python benchmarks/run.py model_selection``.
"""

from __future__ import annotations

import numpy as np
import sklearn.model_selection as skms
from sklearn.linear_model import Ridge as SkRidge
from sklearn.tree import DecisionTreeClassifier as SkTree

from _harness import main
from mlinterview.ml import model_selection as ms
from mlinterview.ml.linear_model import Ridge
from mlinterview.ml.tree import DecisionTreeClassifier

TITLE = "Model selection: cross-validation, splitters, grid search"
REFERENCE = "scikit-learn"


def _consume(splits):
    """Materialise every (train, test) pair; return the total length (a checksum)."""
    return sum(len(tr) + len(te) for tr, te in splits)


def cases():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20_000, 20))
    y = (X[:, :3].sum(1) + rng.normal(size=20_000) > 0).astype(np.int64)
    ours_tree = DecisionTreeClassifier(max_depth=8)
    ref_tree = SkTree(max_depth=8, random_state=0)
    # Warm-up: start both libraries' joblib workers (loky reuses them afterwards).
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

    Xr = rng.normal(size=(20_000, 50))
    yr = Xr @ rng.normal(size=50) + rng.normal(size=20_000)
    grid = {"alpha": list(np.logspace(-3, 4, 8))}
    yield ("GridSearchCV ridge, 8 candidates, cv=5", "20,000 x 50",
           lambda: ms.GridSearchCV(Ridge(), grid, cv=5).fit(Xr, yr).best_params_,
           lambda: skms.GridSearchCV(SkRidge(), grid, cv=5).fit(Xr, yr).best_params_)


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
