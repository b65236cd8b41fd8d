from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def _build(values):
    """The tree of a level-order list with None holes (each present node takes 2 slots)."""
    if not values:
        return None
    root = TreeNode(values[0])
    parents = deque([root])
    i = 1
    while parents and i < len(values):
        node = parents.popleft()
        if i < len(values) and values[i] is not None:
            node.left = TreeNode(values[i])
            parents.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            parents.append(node.right)
        i += 1
    return root


def level_order(values):
    """[[level 0 values], [level 1 values], ...], each level left to right."""
    root = _build(values)
    levels = []
    queue = deque([root] if root else [])
    while queue:
        # Everything in the queue now is exactly one level: take that many nodes.
        level = []
        for _ in range(len(queue)):
            node = queue.popleft()
            level.append(node.val)
            if node.left:
                queue.append(node.left)
            if node.right:
                queue.append(node.right)
        levels.append(level)
    return levels
