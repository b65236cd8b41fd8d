"""Recursive post-order: a 20,000-deep path exceeds Python's recursion limit."""
from collections import deque


class TreeNode:
    def __init__(self, val):
        self.val, self.left, self.right = val, None, None


def max_path_sum(values):
    root = TreeNode(values[0])
    parents, i = deque([root]), 1
    while parents and i < len(values):
        node = parents.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                setattr(node, side, TreeNode(values[i]))
                parents.append(getattr(node, side))
            i += 1
    best = [root.val]

    def chain(node):
        if node is None:
            return 0
        left, right = max(0, chain(node.left)), max(0, chain(node.right))
        best[0] = max(best[0], node.val + left + right)
        return node.val + max(left, right)

    chain(root)
    return best[0]
