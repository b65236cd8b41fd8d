class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def invert_tree(values):
    """Mirror the binary tree given in level order (None for a missing child).

    Parameters
    ----------
    values : list
        The tree in level order; [] is the empty tree.

    Returns
    -------
    list : the mirrored tree in level order, trailing None dropped.
    """
    raise NotImplementedError("build the nodes, swap children with a stack, write back")
