"""Starts the maximum at 0, as if the empty path counted: all-negative trees give 0."""
from collections import deque


class TreeNode:
    def __init__(self, val):
        self.val, self.left, self.right = val, None, None


def max_path_sum(values):
    root = TreeNode(values[0])
    order, parents, i = [root], deque([root]), 1
    while parents and i < len(values):
        node = parents.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                setattr(node, side, TreeNode(values[i]))
                parents.append(getattr(node, side))
                order.append(getattr(node, side))
            i += 1
    chain, best = {}, 0
    for node in reversed(order):
        left = max(0, chain[node.left]) if node.left else 0
        right = max(0, chain[node.right]) if node.right else 0
        best = max(best, node.val + left + right)
        chain[node] = node.val + max(left, right)
    return best
