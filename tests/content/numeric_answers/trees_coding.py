"""The numeric quick-check answers of the trees and coding cards, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable that returns the number the card's
quick check expects; the shared test compares it with the card's ``answer`` within the
card's ``tolerance``. Each callable runs our own code (``mlinterview.ml``,
``mlinterview.algo``) on the situation the prompt describes, or NumPy/SciPy where the
library has no such function, so a wrong number on a card is caught rather than copied.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from mlinterview.algo.dedup import _BitMask, _plan, parse_size
from mlinterview.algo.lcs import lcs_length, lcs_table
from mlinterview.algo.structures import invert_tree, tree_from_level_order
from mlinterview.ml.ensemble import GradientBoostingClassifier, samme_update
from mlinterview.ml.ensemble._base import bootstrap_counts
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


def _out_of_bag_share(n_rows: int = 200_000, n_trees: int = 20) -> float:
    """Share of rows a bootstrap sample of ``n_rows`` draws misses, measured on the
    library's own bootstrap draws (the standard error is about 0.0005 here)."""
    rng = np.random.default_rng(0)
    return float(np.mean([(bootstrap_counts(rng, n_rows, n_rows) == 0).mean()
                          for _ in range(n_trees)]))


def _variance_of_mean(sigma2: float, rho: float, n_trees: int) -> float:
    """Variance of the mean of ``n_trees`` predictions with equal variance and pairwise
    correlation: the quadratic form 1' C 1 / B^2 of their covariance matrix C."""
    cov = sigma2 * (rho * np.ones((n_trees, n_trees)) + (1 - rho) * np.eye(n_trees))
    ones = np.ones(n_trees)
    return float(ones @ cov @ ones / n_trees**2)


def _samme(error_count: int, n: int, n_classes: int):
    """One SAMME round from equal weights, the learner wrong on the first ``error_count``
    of ``n`` samples: ``(error, alpha, new weights)``."""
    incorrect = np.arange(n) < error_count
    return samme_update(np.full(n, 1.0 / n), incorrect, n_classes)


def _weight_ratio_after_round(error_count: int, n: int) -> float:
    """New weight of a misclassified sample over that of a correct one (equal before)."""
    _, _, w = _samme(error_count, n, 2)
    return float(w[0] / w[-1])


def _first_newton_leaf() -> float:
    """Raw score after one log-loss boosting stage (learning rate 1) of the leaf holding
    the labels 1, 1, 1, 0; the other leaf holds 0, 0, 0, 1, so the prior is 1/2 and F0 = 0.
    The single feature allows only that split."""
    X = np.repeat([0.0, 1.0], 4).reshape(-1, 1)
    y = np.array([1, 1, 1, 0, 0, 0, 0, 1])
    gb = GradientBoostingClassifier(n_estimators=1, learning_rate=1.0, max_depth=1).fit(X, y)
    return float(gb.decision_function(np.zeros((1, 1)))[0])


def _indel_distance(a: str, b: str) -> int:
    """Insertions and deletions that turn ``a`` into ``b``: every symbol outside one LCS
    is deleted from ``a`` or inserted from ``b``."""
    return len(a) + len(b) - 2 * lcs_length(a, b)


def _planned_partitions(file_bytes: int, row_bytes: int, budget: str) -> int:
    """Partitions the native dedup engine plans for a file of ``file_bytes`` bytes whose
    rows take ``row_bytes`` each: its planner reads only the file's size (a sparse file
    here, no data written) and a sample's bytes per row."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        with open(path, "wb") as fh:
            fh.truncate(file_bytes)
        return _plan(path, parse_size(budget), 1000, 1000 * row_bytes)


def _collision_probability(n_rows: float, bits: int) -> float:
    """Chance that ``n_rows`` uniform ``bits``-bit hashes are not all distinct: the
    birthday bound 1 - exp(-n(n-1)/2 / 2^bits), computed with expm1 to keep the digits."""
    return float(-np.expm1(-n_rows * (n_rows - 1) / 2.0 / 2.0**bits))


def _leftmost_leaf_after_invert(values) -> int:
    """Value of the leftmost leaf of the tree ``values`` (level order) once inverted."""
    node = invert_tree(tree_from_level_order(values))
    while node.left is not None or node.right is not None:
        node = node.left if node.left is not None else node.right
    return node.val


def _levels(values) -> int:
    """Levels of the tree built from ``values`` (level order), counted level by level."""
    level, count = [tree_from_level_order(values)], 0
    while level:
        count += 1
        level = [c for node in level for c in (node.left, node.right) if c is not None]
    return count


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
    # random-forests
    "random-forests/oob-share": _out_of_bag_share,
    "random-forests/variance-floor": lambda: _variance_of_mean(4.0, 0.25, 100),
    "random-forests/trees-per-row": lambda: 200 * _out_of_bag_share(),
    # ensembles
    "ensembles/samme-alpha": lambda: _samme(1, 4, 3)[1],
    "ensembles/binary-weight-ratio": lambda: _weight_ratio_after_round(1, 5),
    "ensembles/gb-newton-leaf": _first_newton_leaf,
    # lcs
    "lcs/lcs-value": lambda: lcs_length("ABCBDAB", "BDCABA"),
    "lcs/indel-distance": lambda: _indel_distance("kitten", "sitting"),
    "lcs/table-memory": lambda: lcs_table("a" * 1600, "b" * 1600).nbytes / 1e6,
    # dedup-out-of-core
    "dedup-out-of-core/dedup-mask-size": lambda: _BitMask(20_000_000).bits.nbytes / 1e6,
    "dedup-out-of-core/dedup-partitions": lambda: _planned_partitions(10**9, 50, "256MiB"),
    "dedup-out-of-core/fingerprint-collision": lambda: _collision_probability(1e9, 64),
    # linked-list-binary-tree
    "linked-list-binary-tree/leftmost-after-invert": lambda: _leftmost_leaf_after_invert(
        [4, 2, 7, 1, 3, 6, 9]),
    "linked-list-binary-tree/complete-tree-levels": lambda: _levels(range(1_000_000)),
}
