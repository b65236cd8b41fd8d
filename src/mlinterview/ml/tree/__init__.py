"""Decision trees (CART): classification and regression trees with scikit-learn's API.

- :class:`DecisionTreeClassifier`, :class:`DecisionTreeRegressor` — criteria gini /
  entropy / log_loss and squared_error / absolute_error; max_depth, min_samples_split,
  min_samples_leaf, min_weight_fraction_leaf, min_impurity_decrease, max_features,
  max_leaf_nodes (best-first growth), ccp_alpha (minimal cost-complexity pruning,
  ``cost_complexity_pruning_path``), sample_weight, class_weight, feature_importances_,
  and a ``tree_`` with scikit-learn's node arrays.
- :func:`export_text` — the fitted rules as indented text.
- :mod:`mlinterview.ml.tree.criteria` — Gini, entropy, information gain, chi-square,
  variance reduction and the best split of one feature: start reading here.
- ``_builder.py`` grows a tree level by level with NumPy (the reference to read);
  ``_builder_compiled.py`` is its Numba twin for the split search and the partition,
  used when numba is installed, and builds the same trees bit for bit.

Sources: Breiman, Friedman, Olshen & Stone, *Classification and Regression Trees* (1984);
Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 9.2. The growth
and stopping rules follow scikit-learn's ``sklearn/tree`` so results can be compared
node for node (see ``tests/parity/test_tree.py``).
"""

from mlinterview.ml.tree import criteria
from mlinterview.ml.tree._classes import DecisionTreeClassifier, DecisionTreeRegressor
from mlinterview.ml.tree._export import export_text

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor", "criteria", "export_text"]
