"""The fitted tree as parallel arrays, laid out like scikit-learn's ``tree_``.

Node ``i`` has ``children_left[i]``/``children_right[i]`` (``-1`` for a leaf),
``feature[i]``/``threshold[i]`` (``-2`` for a leaf; a sample goes left when
``x[feature] <= threshold``), ``value[i]`` (class fractions, or the mean/median for
regression), ``impurity[i]``, ``n_node_samples[i]`` and ``weighted_n_node_samples[i]``.
Arrays instead of node objects make prediction a few array operations per level.
"""

from __future__ import annotations

import numpy as np

TREE_LEAF = -1
TREE_UNDEFINED = -2


class Tree:
    """A fitted binary tree: parallel node arrays plus ``apply`` and ``predict``."""

    def __init__(self, *, children_left, children_right, feature, threshold, value,
                 impurity, n_node_samples, weighted_n_node_samples, n_features):
        self.children_left = np.asarray(children_left, dtype=np.intp)
        self.children_right = np.asarray(children_right, dtype=np.intp)
        self.feature = np.asarray(feature, dtype=np.intp)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.value = np.asarray(value, dtype=np.float64)           # (n_nodes, 1, n_values)
        self.impurity = np.asarray(impurity, dtype=np.float64)
        self.n_node_samples = np.asarray(n_node_samples, dtype=np.intp)
        self.weighted_n_node_samples = np.asarray(weighted_n_node_samples, dtype=np.float64)
        self.n_features = n_features

    @property
    def node_count(self) -> int:
        """Number of nodes (internal and leaves)."""
        return len(self.children_left)

    @property
    def n_leaves(self) -> int:
        """Number of leaves."""
        return int((self.children_left == TREE_LEAF).sum())

    @property
    def max_depth(self) -> int:
        """Depth of the deepest leaf (the root alone has depth 0)."""
        return int(self.node_depths().max())

    def node_depths(self) -> np.ndarray:
        """Depth of each node, shape ``(node_count,)``."""
        depth = np.zeros(self.node_count, dtype=np.intp)
        # Parents are created before their children in both node orders we produce.
        for i in range(self.node_count):
            if self.children_left[i] != TREE_LEAF:
                depth[self.children_left[i]] = depth[self.children_right[i]] = depth[i] + 1
        return depth

    def apply(self, X: np.ndarray) -> np.ndarray:
        """Leaf index of each row of ``X (n_samples, n_features)``: shape ``(n_samples,)``.

        All samples walk down together, one level per step, so the Python loop runs over
        the depth of the tree, never over samples.
        """
        rows = np.arange(len(X))
        node = np.zeros(len(X), dtype=np.intp)
        active = rows[self.children_left[node] != TREE_LEAF]
        while len(active):
            at = node[active]
            go_left = X[active, self.feature[at]] <= self.threshold[at]
            node[active] = np.where(go_left, self.children_left[at], self.children_right[at])
            active = active[self.children_left[node[active]] != TREE_LEAF]
        return node

    def predict(self, X: np.ndarray) -> np.ndarray:
        """``value`` of the leaf each row lands in: shape ``(n_samples, 1, n_values)``."""
        return self.value[self.apply(X)]

    def compute_feature_importances(self, normalize: bool = True) -> np.ndarray:
        """Total weighted impurity decrease brought by each feature, shape ``(n_features,)``.

        For every split node: ``w_node * I(node) - w_left * I(left) - w_right * I(right)``
        (weights as fractions of the root's), summed per feature and normalised to 1.
        """
        inner = np.flatnonzero(self.children_left != TREE_LEAF)
        w, imp = self.weighted_n_node_samples, self.impurity
        left, right = self.children_left[inner], self.children_right[inner]
        decrease = w[inner] * imp[inner] - w[left] * imp[left] - w[right] * imp[right]
        importances = np.bincount(self.feature[inner], weights=decrease,
                                  minlength=self.n_features) / w[0]
        total = importances.sum()
        if normalize and total > 0:
            importances = importances / total
        return importances

    def subset(self, keep: np.ndarray) -> Tree:
        """The tree restricted to the nodes in ``keep`` (a boolean mask), renumbered.

        Used by pruning: a kept node whose children are dropped becomes a leaf.
        """
        new_id = np.full(self.node_count, TREE_LEAF, dtype=np.intp)
        new_id[keep] = np.arange(int(keep.sum()))
        left = new_id[np.where(self.children_left[keep] >= 0, self.children_left[keep], 0)]
        right = new_id[np.where(self.children_right[keep] >= 0, self.children_right[keep], 0)]
        leaf = (self.children_left[keep] == TREE_LEAF) | (left == TREE_LEAF)
        return Tree(
            children_left=np.where(leaf, TREE_LEAF, left),
            children_right=np.where(leaf, TREE_LEAF, right),
            feature=np.where(leaf, TREE_UNDEFINED, self.feature[keep]),
            threshold=np.where(leaf, float(TREE_UNDEFINED), self.threshold[keep]),
            value=self.value[keep],
            impurity=self.impurity[keep],
            n_node_samples=self.n_node_samples[keep],
            weighted_n_node_samples=self.weighted_n_node_samples[keep],
            n_features=self.n_features,
        )

    def preorder(self, order=None) -> Tree:
        """The same tree with nodes numbered depth-first, left before right (root = 0).

        This is scikit-learn's numbering for trees grown depth-first. ``order``, the old
        ids in that order, may be passed by a caller that computed it (the compiled
        builder does); otherwise the walk below finds it.
        """
        if order is None:
            order = []
            stack = [0]
            while stack:
                i = stack.pop()
                order.append(i)
                if self.children_left[i] != TREE_LEAF:
                    stack.append(self.children_right[i])   # pushed first, visited second
                    stack.append(self.children_left[i])
        order = np.asarray(order, dtype=np.intp)
        new_id = np.empty_like(order)
        new_id[order] = np.arange(len(order))

        def renumber(children):
            c = children[order]
            return np.where(c == TREE_LEAF, TREE_LEAF, new_id[np.maximum(c, 0)])

        return Tree(
            children_left=renumber(self.children_left),
            children_right=renumber(self.children_right),
            feature=self.feature[order], threshold=self.threshold[order],
            value=self.value[order], impurity=self.impurity[order],
            n_node_samples=self.n_node_samples[order],
            weighted_n_node_samples=self.weighted_n_node_samples[order],
            n_features=self.n_features,
        )

    def __repr__(self) -> str:
        return f"Tree(node_count={self.node_count}, n_leaves={self.n_leaves})"
