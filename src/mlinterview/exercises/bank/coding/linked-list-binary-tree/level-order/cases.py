"""Cases for linked-list-binary-tree/level-order.

Trees are built by mlinterview.algo.structures.tree_from_level_order (tested against
tree_to_level_order round trips in tests/algo); the reference then groups its nodes by
depth with a depth-annotated breadth-first walk. The fixed cases are worked by hand.
"""

from collections import deque

from mlinterview.algo.structures import tree_from_level_order
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(values):
    root = tree_from_level_order(values)
    levels = []
    queue = deque([(root, 0)] if root is not None else [])
    while queue:
        node, depth = queue.popleft()
        if depth == len(levels):
            levels.append([])
        levels[depth].append(node.val)
        for child in (node.left, node.right):
            if child is not None:
                queue.append((child, depth + 1))
    return levels


def random_tree(rng, n, low=-50, high=50):
    """Level-order values of a random tree of n nodes with random integer values."""
    values, free_slots = [int(rng.integers(low, high))], 2
    placed = 1
    while placed < n:
        if rng.random() < 0.7 or free_slots == 1:
            values.append(int(rng.integers(low, high)))
            placed += 1
            free_slots += 1                   # one slot used, two new ones
        else:
            values.append(None)
            free_slots -= 1
    while values and values[-1] is None:
        values.pop()
    return values


def path(n, side, start=0):
    """A single path of n nodes (values start, start + 1, ...), every child on ``side``."""
    values = [start]
    for i in range(1, n):
        values += [start + i] if side == "left" else [None, start + i]
        if side == "left" and i < n - 1:
            values.append(None)
    return values


def fixed():
    return [
        Case(([3, 9, 20, None, None, 15, 7],), note="the statement's example",
             expected=[[3], [9, 20], [15, 7]]),
        Case(([],), note="an empty tree", expected=[]),
        Case(([1],), note="one node", expected=[[1]]),
        Case(([1, None, 2, None, 3],), note="a path to the right", expected=[[1], [2], [3]]),
        Case(([1, 2, None, 3],), note="a path to the left", expected=[[1], [2], [3]]),
        # Heap layout would put 5's children at positions 7, 8; here 4 and 5 take 5..8.
        Case(([1, 2, 3, None, 4, None, 5, 6, 7, 8],),
             note="holes: not a heap layout", expected=[[1], [2, 3], [4, 5], [6, 7, 8]]),
        Case(([0, 0, 0, 0, None, None, 0],), note="equal values",
             expected=[[0], [0, 0], [0, 0]]),
        Case(([5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1],),
             note="a classic 4-level tree", expected=[[5], [4, 8], [11, 13, 4], [7, 2, 1]]),
    ]


def generated(rng):
    cases = [Case((random_tree(rng, n),), note=f"random tree, {n} nodes", size=n)
             for n in [2, 3, 5, 8, 13, 30, 60, 100, 300, 1000, 3000, 10_000]]
    cases.append(Case((path(20_000, "right"),), note="a path 20,000 levels deep",
                      size=40_000))
    cases.append(Case((path(5_000, "left", 7),), note="a left path 5,000 deep", size=10_000))
    return cases


SPEC = ExerciseSpec(
    function="level_order",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
