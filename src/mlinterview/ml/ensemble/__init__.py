"""Ensembles of trees (and of any estimators) with scikit-learn's names and parameters.

- :class:`RandomForestClassifier`, :class:`RandomForestRegressor` — bootstrap samples,
  ``max_features`` per split, out-of-bag score, impurity importances (``_forest.py``).
- :class:`BaggingClassifier` — bootstrap aggregation of any classifier (``_bagging.py``).
- :class:`AdaBoostClassifier` — discrete SAMME, re-weighting the misclassified samples;
  :func:`samme_update` is one round on its own (``_weight_boosting.py``).
- :class:`GradientBoostingClassifier`, :class:`GradientBoostingRegressor` — functional
  gradient descent with regression trees and a Newton step per leaf (``_gb.py``).
- :class:`VotingClassifier` (hard/soft) and :class:`StackingClassifier` — combining
  different models (``_voting.py``, ``_stacking.py``).

Sources: Breiman, "Bagging predictors" (1996) and "Random Forests" (2001); Zhu, Zou,
Rosset & Hastie, "Multi-class AdaBoost" (2009); Friedman, "Greedy function approximation:
a gradient boosting machine" (2001); Wolpert, "Stacked generalization" (1992). Results
follow scikit-learn's ``sklearn/ensemble`` so they can be compared in
``tests/parity/test_ensemble.py``.
"""

from mlinterview.ml.ensemble._bagging import BaggingClassifier
from mlinterview.ml.ensemble._forest import RandomForestClassifier, RandomForestRegressor
from mlinterview.ml.ensemble._gb import GradientBoostingClassifier, GradientBoostingRegressor
from mlinterview.ml.ensemble._stacking import StackingClassifier
from mlinterview.ml.ensemble._voting import VotingClassifier
from mlinterview.ml.ensemble._weight_boosting import AdaBoostClassifier, samme_update

__all__ = [
    "AdaBoostClassifier",
    "BaggingClassifier",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "StackingClassifier",
    "VotingClassifier",
    "samme_update",
]
