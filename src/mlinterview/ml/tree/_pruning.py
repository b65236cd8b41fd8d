"""Minimal cost-complexity pruning (Breiman et al., CART, 1984, ch. 3).

The cost of a tree ``T`` at complexity ``alpha`` is ``R(T) + alpha * |leaves(T)|``, where
``R(T)`` is the sum over leaves of (fraction of the training weight in the leaf) x
(leaf impurity). Collapsing the branch under an internal node ``t`` into a leaf changes
the cost by ``R(t) - R(T_t) - alpha (|T_t| - 1)``, so the branch stops paying for itself
once ``alpha`` exceeds its *effective alpha*

$$g(t) = \\frac{R(t) - R(T_t)}{|T_t| - 1}.$$

Weakest-link pruning collapses the branch with the smallest ``g`` again and again. The
``g`` values met on the way are the breakpoints of ``cost_complexity_pruning_path``; the
tree for a given ``ccp_alpha`` is the one reached before the next ``g`` exceeds it.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.tree._tree import TREE_LEAF, Tree


def _weakest_link(tree: Tree, ccp_alpha: float):
    """Prune while the weakest link's ``g <= ccp_alpha``.

    Returns the mask of kept nodes, the effective alphas (starting with 0) and the total
    leaf impurity ``R(T)`` after each step.
    """
    n = tree.node_count
    left, right = tree.children_left, tree.children_right
    w = tree.weighted_n_node_samples
    r_node = w * tree.impurity / w[0]
    parent = np.full(n, -1, dtype=np.intp)
    inner = np.flatnonzero(left != TREE_LEAF)
    parent[left[inner]] = inner
    parent[right[inner]] = inner

    # R(T_t) and the number of leaves under each node, children before parents.
    r_branch = np.where(left == TREE_LEAF, r_node, 0.0)
    n_leaves = (left == TREE_LEAF).astype(np.intp)
    for i in _bottom_up(tree):
        if left[i] != TREE_LEAF:
            r_branch[i] = r_branch[left[i]] + r_branch[right[i]]
            n_leaves[i] = n_leaves[left[i]] + n_leaves[right[i]]

    kept = np.ones(n, dtype=bool)
    candidate = left != TREE_LEAF
    alphas, impurities = [0.0], [r_branch[0]]
    while candidate[0]:
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.where(candidate, (r_node - r_branch) / (n_leaves - 1), np.inf)
        t = int(np.argmin(g))                          # first minimum, as scikit-learn
        if g[t] > ccp_alpha:
            break
        # Collapse the branch under t: its descendants leave the tree.
        stack = [left[t], right[t]]
        while stack:
            i = stack.pop()
            kept[i] = candidate[i] = False
            if left[i] != TREE_LEAF:
                stack += [left[i], right[i]]
        candidate[t] = False
        dr, dl = r_node[t] - r_branch[t], n_leaves[t] - 1
        r_branch[t], n_leaves[t] = r_node[t], 1
        a = parent[t]
        while a >= 0:
            r_branch[a] += dr
            n_leaves[a] -= dl
            a = parent[a]
        alphas.append(float(g[t]))
        impurities.append(float(r_branch[0]))
    return kept, np.asarray(alphas), np.asarray(impurities)


def _bottom_up(tree: Tree) -> list[int]:
    """Node ids with every child before its parent (reverse of a depth-first order)."""
    order, stack = [], [0]
    while stack:
        i = stack.pop()
        order.append(i)
        if tree.children_left[i] != TREE_LEAF:
            stack += [tree.children_left[i], tree.children_right[i]]
    return order[::-1]


def prune(tree: Tree, ccp_alpha: float) -> Tree:
    """The subtree that minimal cost-complexity pruning keeps at ``ccp_alpha``."""
    if ccp_alpha == 0.0:
        return tree
    kept, _, _ = _weakest_link(tree, ccp_alpha)
    return tree.subset(kept).preorder()


def pruning_path(tree: Tree) -> tuple[np.ndarray, np.ndarray]:
    """Effective alphas and total leaf impurities of the nested pruned subtrees."""
    _, alphas, impurities = _weakest_link(tree, np.inf)
    return alphas, impurities
