"""SVMs and SGD: ours vs scikit-learn (LIBSVM / liblinear / _plain_sgd, compiled) in one run.

* SVC rbf on 2,000 x 20, fit + decision_function: SMO with the same working-set selection
  as LIBSVM, so both take the same number of steps; ours is a Python loop of vector steps.
* LinearSVC on 20,000 x 50 (squared hinge, dual="auto" -> primal): our primal Newton is
  vectorised; liblinear picks its primal trust-region Newton too.
* LinearSVC hinge, dual coordinate descent, on 5,000 x 50: a sequential loop over samples
  against liblinear's C++ (with shrinking); ours is compiled by Numba when it is installed
  (the ``fast`` extra), else the readable Python loop (~13x slower than liblinear).
* SGDClassifier (hinge, "optimal" rate) on 100,000 x 50: a per-sample loop, compiled by
  Numba when installed (else Python, ~6.5x), against Cython; both stop by the same rule
  after a similar number of epochs.

The first fit of a compiled solver compiles it (~1 s) or loads it from ``__pycache__``;
``main`` times the best of several runs, so that cost is not in the ratio. Set
``MLINTERVIEW_NO_NUMBA=1`` to time the Python reference loops instead.

Run: ``python benchmarks/bench_svm.py`` (or ``benchmarks/run.py svm``).
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import SGDClassifier as SkSGDClassifier
from sklearn.svm import SVC as SkSVC
from sklearn.svm import LinearSVC as SkLinearSVC

from _harness import main
from mlinterview.ml.linear_model import SGDClassifier
from mlinterview.ml.svm import SVC, LinearSVC

TITLE = "SVMs and SGD"
REFERENCE = "scikit-learn"


def data(n: int, d: int, nonlinear: bool, seed: int = 0):
    """``X (n, d)`` standard normal and labels in {0, 1}, linear or not in the first features."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    if nonlinear:
        score = np.sin(X[:, 0]) + X[:, 1] * X[:, 2]
    else:
        score = X @ rng.normal(size=d) / np.sqrt(d)
    return X, (score + 0.3 * rng.normal(size=n) > 0).astype(int)


def cases():
    X, y = data(2_000, 20, nonlinear=True)
    yield ("SVC rbf fit + decision_function", "2,000 x 20",
           lambda: SVC(kernel="rbf").fit(X, y).decision_function(X),
           lambda: SkSVC(kernel="rbf").fit(X, y).decision_function(X))
    X, y = data(20_000, 50, nonlinear=False, seed=1)
    yield ("LinearSVC squared hinge (primal)", "20,000 x 50",
           lambda: LinearSVC().fit(X, y),
           lambda: SkLinearSVC().fit(X, y))
    Xs, ys = X[:5_000], y[:5_000]
    yield ("LinearSVC hinge (dual CD)", "5,000 x 50",
           lambda: LinearSVC(loss="hinge", dual=True, random_state=0).fit(Xs, ys),
           lambda: SkLinearSVC(loss="hinge", dual=True, random_state=0).fit(Xs, ys))
    X, y = data(100_000, 50, nonlinear=False, seed=2)
    yield ("SGDClassifier hinge", "100,000 x 50",
           lambda: SGDClassifier(random_state=0).fit(X, y),
           lambda: SkSGDClassifier(random_state=0).fit(X, y))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
