"""Singly linked lists and binary trees: reverse a list, invert (mirror) a tree.

Each operation comes twice: an iterative version, O(1) extra memory for the list and
O(height) for the tree (a depth-first stack), that handles a million nodes; and the
recursive version an interviewer often asks for first, whose call stack grows with the
length of the list or the height of the tree (CPython stops at
``sys.getrecursionlimit()``, about 1,000 frames).

Trees travel as Python lists in level order with ``None`` for a missing child, the format
used by most coding sites: ``[4, 2, 7, 1, 3, None, 9]``. Trailing ``None`` are dropped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ListNode", "TreeNode", "invert_tree", "invert_tree_recursive", "list_from_values",
    "list_to_values", "reverse_list", "reverse_list_recursive", "tree_from_level_order",
    "tree_to_level_order",
]


class ListNode:
    """A node of a singly linked list: a value and the next node (or None)."""

    __slots__ = ("next", "val")

    def __init__(self, val: Any = 0, next: ListNode | None = None):
        self.val = val
        self.next = next

    def __repr__(self) -> str:
        return f"ListNode({self.val!r})"


class TreeNode:
    """A node of a binary tree: a value and two children (each a TreeNode or None)."""

    __slots__ = ("left", "right", "val")

    def __init__(self, val: Any = 0, left: TreeNode | None = None,
                 right: TreeNode | None = None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self) -> str:
        return f"TreeNode({self.val!r})"


def _check_node(node: object, name: str, kind: type) -> None:
    if node is not None and not isinstance(node, kind):
        raise TypeError(f"{name}: expected a {kind.__name__} or None, got "
                        f"{type(node).__name__}")


def list_from_values(values: Iterable[Any]) -> ListNode | None:
    """A linked list holding ``values`` in order; None for an empty iterable."""
    dummy = ListNode()
    tail = dummy
    for v in values:
        tail.next = ListNode(v)
        tail = tail.next
    return dummy.next


def list_to_values(head: ListNode | None) -> list[Any]:
    """The values of the list starting at ``head``, in order. O(n) time."""
    _check_node(head, "head", ListNode)
    out = []
    while head is not None:
        out.append(head.val)
        head = head.next
    return out


def reverse_list(head: ListNode | None) -> ListNode | None:
    """Reverse the list in place by turning every ``next`` pointer around; return the new
    head. O(n) time, O(1) extra memory.

    Three names walk the list: ``prev`` (already reversed), ``head`` (being moved) and
    ``nxt`` (saved before the pointer is overwritten, or the rest of the list is lost).
    """
    _check_node(head, "head", ListNode)
    prev = None
    while head is not None:
        nxt = head.next
        head.next = prev
        prev, head = head, nxt
    return prev


def reverse_list_recursive(head: ListNode | None) -> ListNode | None:
    """Reverse the list recursively: reverse the tail, then hang ``head`` at its end.

    O(n) time and O(n) call stack, so a list longer than the recursion limit raises
    ``RecursionError``; use :func:`reverse_list` for long lists.
    """
    _check_node(head, "head", ListNode)
    if head is None or head.next is None:
        return head
    new_head = reverse_list_recursive(head.next)
    head.next.next = head  # the old second node is now the tail of the reversed part
    head.next = None
    return new_head


def tree_from_level_order(values: Iterable[Any]) -> TreeNode | None:
    """Build a tree from level-order values with None for a missing child.

    The first value is the root; then each present node takes the next two values as its
    left and right child. ``[1, None, 2, 3]`` is 1 with right child 2, whose left child is 3.
    """
    values = list(values)
    if not values or values[0] is None:
        if values and any(v is not None for v in values):
            raise ValueError("values: the root is None but later values are not")
        return None
    root = TreeNode(values[0])
    queue = deque([root])
    i = 1
    while queue and i < len(values):
        node = queue.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = TreeNode(values[i])
                setattr(node, side, child)
                queue.append(child)
            i += 1
    if i < len(values) and any(v is not None for v in values[i:]):
        raise ValueError(f"values: {len(values) - i} values after the last node have no parent")
    return root


def tree_to_level_order(root: TreeNode | None) -> list[Any]:
    """The level-order list of ``root`` (inverse of :func:`tree_from_level_order`)."""
    _check_node(root, "root", TreeNode)
    out: list[Any] = []
    queue = deque([root])
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


def invert_tree(root: TreeNode | None) -> TreeNode | None:
    """Mirror the tree in place (swap the children of every node); return the root.

    Iterative with an explicit stack: O(n) time, O(height) extra memory, no recursion,
    so a degenerate tree of a million nodes (a path) is fine.
    """
    _check_node(root, "root", TreeNode)
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        node.left, node.right = node.right, node.left
        if node.left is not None:
            stack.append(node.left)
        if node.right is not None:
            stack.append(node.right)
    return root


def invert_tree_recursive(root: TreeNode | None) -> TreeNode | None:
    """Mirror the tree recursively: swap the two inverted subtrees.

    O(n) time, O(height) call stack: a tree deeper than the recursion limit raises
    ``RecursionError``.
    """
    _check_node(root, "root", TreeNode)
    if root is None:
        return None
    root.left, root.right = invert_tree_recursive(root.right), invert_tree_recursive(root.left)
    return root
