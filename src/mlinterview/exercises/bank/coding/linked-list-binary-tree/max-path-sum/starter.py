from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def max_path_sum(values):
    """Largest sum of a non-empty path in the tree given in level order with None holes.

    Returns
    -------
    int
    """
    raise NotImplementedError("best downward chain per node, children before parents")
