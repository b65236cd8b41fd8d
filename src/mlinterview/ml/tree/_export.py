"""``export_text``: a fitted tree as indented if/else rules, one line per node."""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_is_fitted, check_scalar
from mlinterview.ml.tree._tree import TREE_LEAF


def export_text(decision_tree, *, feature_names=None, max_depth: int = 10,
                spacing: int = 3, decimals: int = 2, show_weights: bool = False) -> str:
    """The rules of a fitted tree as text, in scikit-learn's layout::

        |--- petal width <= 0.80
        |   |--- class: 0
        |--- petal width >  0.80
        |   |--- class: 1

    ``max_depth`` truncates deeper branches (shown as ``truncated branch of depth d``);
    ``show_weights`` prints the class weights of each leaf of a classifier.
    """
    check_is_fitted(decision_tree, ["tree_"])
    check_scalar(max_depth, "max_depth", int, lo=0)
    check_scalar(spacing, "spacing", int, lo=1)
    tree = decision_tree.tree_
    n = decision_tree.n_features_in_
    if feature_names is None:
        feature_names = [f"feature_{i}" for i in range(n)]
    elif len(feature_names) != n:
        raise ValueError(f"feature_names: expected {n} names, got {len(feature_names)}")
    classes = getattr(decision_tree, "classes_", None)
    depths = tree.node_depths()
    bar = "|" + " " * spacing
    lines = []

    def leaf_text(i):
        value = tree.value[i, 0]
        if classes is None:
            return f"value: [{value[0]:.{decimals}f}]"
        text = f"class: {classes[int(np.argmax(value))]}"
        if show_weights:
            weights = value * tree.weighted_n_node_samples[i]
            text = f"weights: [{', '.join(f'{v:.{decimals}f}' for v in weights)}] " + text
        return text

    # Explicit stack of work items: a node to print, or a ready line. A split prints
    # "<= threshold", its left branch, "> threshold", its right branch.
    stack: list = [("node", 0)]
    while stack:
        kind, item = stack.pop()
        if kind == "line":
            lines.append(item)
            continue
        d = int(depths[item])
        prefix = bar * d + "|" + "-" * spacing + " "
        if tree.children_left[item] == TREE_LEAF:
            lines.append(prefix + leaf_text(item))
        elif d > max_depth:
            lines.append(prefix + "truncated branch")
        else:
            name = feature_names[tree.feature[item]]
            thr = f"{tree.threshold[item]:.{decimals}f}"
            stack += [("node", tree.children_right[item]), ("line", f"{prefix}{name} >  {thr}"),
                      ("node", tree.children_left[item]), ("line", f"{prefix}{name} <= {thr}")]
    return "\n".join(lines) + "\n"
