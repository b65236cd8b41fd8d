"""Trees and ensembles: ours vs scikit-learn's compiled (Cython) code.

- a decision tree on 100,000 x 20 at max_depth 12 (the level-wise builder; with numba
  installed its split search and partition run compiled, ``ml/tree/_builder_compiled.py``,
  building the identical tree; ``MLINTERVIEW_NO_NUMBA=1`` times the readable NumPy one);
- a random forest of 100 fully grown trees on 20,000 x 20 with ``n_jobs=2`` (both run the
  trees in threads: the compiled kernels release the GIL; ours sorts X once per forest);
- gradient boosting, 100 stages of depth-3 trees, on 20,000 x 20 (binary log loss).

Data: ``make_classification`` with 10 informative features; both libraries get the same
float64 arrays. Run: ``python benchmarks/run.py trees --repeats 1``.
"""

from __future__ import annotations

from sklearn import ensemble as ske
from sklearn import tree as skt
from sklearn.datasets import make_classification

from _harness import main
from mlinterview.ml import ensemble, tree

TITLE = "Trees and ensembles (fit)"
REFERENCE = "scikit-learn"


def data(n_samples: int, seed: int = 0):
    """A binary problem with 20 features, 10 of them informative."""
    return make_classification(n_samples, 20, n_informative=10, random_state=seed)


def cases():
    X, y = data(100_000)
    yield ("DecisionTreeClassifier max_depth=12", "100,000 x 20",
           lambda: tree.DecisionTreeClassifier(max_depth=12, random_state=0).fit(X, y),
           lambda: skt.DecisionTreeClassifier(max_depth=12, random_state=0).fit(X, y))
    X, y = data(20_000)
    yield ("RandomForestClassifier 100 trees, n_jobs=2", "20,000 x 20",
           lambda: ensemble.RandomForestClassifier(100, n_jobs=2, random_state=0).fit(X, y),
           lambda: ske.RandomForestClassifier(100, n_jobs=2, random_state=0).fit(X, y))
    yield ("GradientBoostingClassifier 100 stages", "20,000 x 20",
           lambda: ensemble.GradientBoostingClassifier(n_estimators=100,
                                                       random_state=0).fit(X, y),
           lambda: ske.GradientBoostingClassifier(n_estimators=100, random_state=0).fit(X, y))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
