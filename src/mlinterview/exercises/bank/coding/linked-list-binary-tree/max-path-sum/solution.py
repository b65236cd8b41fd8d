from collections import deque


class TreeNode:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def _build(values):
    """Nodes of a level-order list with None holes, in breadth-first order (root first)."""
    root = TreeNode(values[0])
    order, parents, i = [root], deque([root]), 1
    while parents and i < len(values):
        node = parents.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = TreeNode(values[i])
                setattr(node, side, child)
                parents.append(child)
                order.append(child)
            i += 1
    return order


def max_path_sum(values):
    """max over nodes of val + max(0, chain(left)) + max(0, chain(right))."""
    order = _build(values)
    chain = {}                          # best downward path starting at a node
    best = None
    # Breadth-first order reversed: every child comes before its parent.
    for node in reversed(order):
        left = max(0, chain[node.left]) if node.left else 0
        right = max(0, chain[node.right]) if node.right else 0
        through = node.val + left + right           # the path that peaks at this node
        best = through if best is None else max(best, through)
        chain[node] = node.val + max(left, right)   # only one side can go up
    return best
