"""Linked lists and binary trees: hand-worked cases, round trips, a recursive mirror as the
oracle for the iterative inversion, and a million nodes without recursion."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlinterview.algo.structures import (
    ListNode,
    TreeNode,
    invert_tree,
    invert_tree_recursive,
    list_from_values,
    list_to_values,
    reverse_list,
    reverse_list_recursive,
    tree_from_level_order,
    tree_to_level_order,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(), max_size=50))
def test_reverse_list_matches_python_reversal(values):
    assert list_to_values(reverse_list(list_from_values(values))) == values[::-1]
    assert list_to_values(reverse_list_recursive(list_from_values(values))) == values[::-1]


def test_reverse_list_by_hand_relinks_the_same_nodes():
    a, b, c = ListNode(1), ListNode(2), ListNode(3)
    a.next, b.next = b, c
    head = reverse_list(a)
    assert head is c and c.next is b and b.next is a and a.next is None


def test_a_million_nodes_iteratively():
    n = 1_000_000
    head = reverse_list(list_from_values(range(n)))
    assert head.val == n - 1
    values = list_to_values(head)
    assert values[0] == n - 1 and values[-1] == 0 and len(values) == n


def test_recursive_reversal_hits_the_recursion_limit():
    with pytest.raises(RecursionError):
        reverse_list_recursive(list_from_values(range(100_000)))


def mirror(values):
    """The oracle: mirror a level-order list via nested tuples (value, left, right)."""
    def to_tuple(node):
        return None if node is None else (node.val, to_tuple(node.left), to_tuple(node.right))

    def swap(t):
        return None if t is None else (t[0], swap(t[2]), swap(t[1]))

    def to_node(t):
        return None if t is None else TreeNode(t[0], to_node(t[1]), to_node(t[2]))

    return tree_to_level_order(to_node(swap(to_tuple(tree_from_level_order(values)))))


@st.composite
def level_orders(draw):
    """A valid level-order list: each present node contributes two child slots."""
    n = draw(st.integers(0, 30))
    values, slots = [], 1
    while len([v for v in values if v is not None]) < n and slots > 0:
        present = draw(st.booleans()) or slots == 1
        values.append(len(values) if present else None)
        slots += 1 if present else -1
    while values and values[-1] is None:
        values.pop()
    return values


@settings(max_examples=150, deadline=None)
@given(level_orders())
def test_invert_matches_the_recursive_mirror(values):
    assert tree_to_level_order(tree_from_level_order(values)) == values  # round trip
    expected = mirror(values)
    assert tree_to_level_order(invert_tree(tree_from_level_order(values))) == expected
    assert tree_to_level_order(invert_tree_recursive(tree_from_level_order(values))) == expected
    # Mirroring twice gives the tree back.
    assert tree_to_level_order(invert_tree(invert_tree(tree_from_level_order(values)))) == values


@pytest.mark.parametrize("values, inverted", [
    ([4, 2, 7, 1, 3, 6, 9], [4, 7, 2, 9, 6, 3, 1]),
    ([4, 2, 7, 1, 3, None, 9], [4, 7, 2, 9, None, 3, 1]),
    ([], []),
    ([1], [1]),
    ([1, 2], [1, None, 2]),
])
def test_invert_by_hand(values, inverted):
    assert tree_to_level_order(invert_tree(tree_from_level_order(values))) == inverted


def test_a_million_node_path_is_inverted_iteratively():
    n = 1_000_000
    root = node = TreeNode(0)
    for i in range(1, n):
        node.left = TreeNode(i)
        node = node.left
    invert_tree(root)
    depth, node = 0, root
    while node is not None:
        assert node.left is None
        node, depth = node.right, depth + 1
    assert depth == n


def test_bad_input():
    with pytest.raises(TypeError, match="head: expected a ListNode"):
        reverse_list([1, 2])
    with pytest.raises(TypeError, match="root: expected a TreeNode"):
        invert_tree({"val": 1})
    with pytest.raises(ValueError, match="values: the root is None"):
        tree_from_level_order([None, 1])
    with pytest.raises(ValueError, match="have no parent"):
        tree_from_level_order([1, None, None, 2])
