"""Collects levels with a recursive walk: a 20,000-deep path exceeds the recursion limit."""
from collections import deque


class TreeNode:
    def __init__(self, val):
        self.val, self.left, self.right = val, None, None


def level_order(values):
    if not values:
        return []
    root = TreeNode(values[0])
    parents, i = deque([root]), 1
    while parents and i < len(values):
        node = parents.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                setattr(node, side, TreeNode(values[i]))
                parents.append(getattr(node, side))
            i += 1
    levels = []

    def walk(node, depth):
        if node is None:
            return
        if depth == len(levels):
            levels.append([])
        levels[depth].append(node.val)
        walk(node.left, depth + 1)
        walk(node.right, depth + 1)

    walk(root, 0)
    return levels
