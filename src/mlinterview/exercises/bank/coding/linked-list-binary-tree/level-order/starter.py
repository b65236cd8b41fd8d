from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def level_order(values):
    """Values of the tree level by level, left to right.

    Parameters
    ----------
    values : list, the tree in level order with None for a missing child

    Returns
    -------
    list of lists
    """
    raise NotImplementedError("build the tree, then a breadth-first pass one level at a time")
