"""The numeric quick-check answers of the trees and coding cards, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable that returns the number the card's
quick check expects; the shared test compares it with the card's ``answer`` within the
card's ``tolerance``. Each callable runs our own code (``mlinterview.ml``,
``mlinterview.algo``) on the situation the prompt describes, or NumPy/SciPy where the
library has no such function, so a wrong number on a card is caught rather than copied.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.tree import DecisionTreeRegressor
from mlinterview.ml.tree.criteria import entropy, gini, information_gain, variance_reduction


def _leaves_at_depth(depth: int) -> int:
    """Leaves of a tree limited to ``depth`` on data that never stops it early: the target
    ``y = x`` on 256 distinct points, so every node up to the limit has variance to remove
    (and the best cut halves it, which keeps the tree balanced)."""
    X = np.arange(256.0).reshape(-1, 1)
    return DecisionTreeRegressor(max_depth=depth).fit(X, X[:, 0]).get_n_leaves()


def _leaf_prediction(targets, criterion: str) -> float:
    """What a single leaf holding ``targets`` predicts: a tree on a constant feature
    cannot split, so its root is the only leaf."""
    X = np.zeros((len(targets), 1))
    tree = DecisionTreeRegressor(criterion=criterion).fit(X, np.asarray(targets, float))
    return float(tree.predict(np.zeros((1, 1)))[0])


ANSWERS = {
    # decision-trees
    "decision-trees/max-leaves": lambda: _leaves_at_depth(5),
    "decision-trees/leaf-median": lambda: _leaf_prediction([1, 2, 12], "absolute_error"),
    # tree-splitting
    "tree-splitting/gini-node": lambda: gini(["A"] * 6 + ["B"] * 2),
    "tree-splitting/entropy-max": lambda: entropy([0, 1, 2, 3]),
    "tree-splitting/info-gain": lambda: information_gain(
        list("AAAABBBB"), list("AAAB"), list("ABBB"), criterion="entropy"),
    "tree-splitting/variance-reduction": lambda: variance_reduction([1, 2, 3, 10], [1, 2, 3],
                                                                    [10]),
}
