"""Queues the right child before the left: every level comes out right to left."""
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
            level.append(node.val)
            for child in (node.right, node.left):
                if child:
                    queue.append(child)
        levels.append(level)
    return levels
