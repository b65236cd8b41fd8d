"""Puts None placeholders for missing children into the levels."""
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
    levels, queue = [], deque([root])
    while queue:
        level = []
        for _ in range(len(queue)):
            node = queue.popleft()
            level.append(None if node is None else node.val)
            if node is not None:
                queue.append(node.left)
                queue.append(node.right)
        if any(v is not None for v in level):
            levels.append(level)
    return levels
