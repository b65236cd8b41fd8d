"""Recursive swap that reads root.left after overwriting it: the left subtree is lost."""
from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def build(values):
    """Level-order list -> root node: each present node takes the next two values."""
    if not values:
        return None
    root = TreeNode(values[0])
    queue, i = deque([root]), 1
    while queue and i < len(values):
        node = queue.popleft()
        if values[i] is not None:
            node.left = TreeNode(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            queue.append(node.right)
        i += 1
    return root


def serialise(root):
    """Root node -> level-order list with None for missing children, trailing None dropped."""
    out, queue = [], deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def invert_tree(values):
    def invert(node):
        if node is None:
            return None
        node.left = invert(node.right)
        node.right = invert(node.left)  # node.left is already the new one
        return node

    return serialise(invert(build(values)))
