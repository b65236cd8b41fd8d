"""Cases for linked-list-binary-tree/invert-binary-tree.

Expected values come from mlinterview.algo.structures (tree_from_level_order,
invert_tree, tree_to_level_order; tested against a recursive mirror and a brute force in
tests/algo); the small fixed cases are worked by hand.
"""

from mlinterview.algo.structures import invert_tree, tree_from_level_order, tree_to_level_order
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(values):
    return tree_to_level_order(invert_tree(tree_from_level_order(values)))


def fixed():
    return [
        Case(([4, 2, 7, 1, 3, None, 9],), note="the statement's example",
             expected=[4, 7, 2, 9, None, 3, 1]),
        Case(([],), note="empty tree", expected=[]),
        Case(([1],), note="one node", expected=[1]),
        Case(([1, 2],), note="left child only", expected=[1, None, 2]),
        Case(([1, None, 2],), note="right child only", expected=[1, 2]),
        Case(([2, 1, 3],), note="three nodes", expected=[2, 3, 1]),
        Case(([1, 2, None, 3],), note="a left path", expected=[1, None, 2, None, 3]),
        Case(([1, 2, 3, 4, None, None, 5],), note="grandchildren move across",
             expected=[1, 3, 2, 5, None, None, 4]),
        Case(([1, 1, 1, None, 1],), note="equal values", expected=[1, 1, 1, None, None, 1]),
    ]


def random_tree(rng, n):
    """Level-order values of a random tree of n nodes (each slot filled with prob. 0.7)."""
    values, slots, placed = [0], 2, 1
    while placed < n:
        if rng.random() < 0.7 or slots == 1:
            values.append(placed)
            placed += 1
            slots += 1
        else:
            values.append(None)
            slots -= 1
    while values and values[-1] is None:
        values.pop()
    return values


def path(n, side):
    """A single path of n nodes, every child on ``side``."""
    values = [0]
    for i in range(1, n):
        values += [i] if side == "left" else [None, i]
        if side == "left" and i < n - 1:
            values.append(None)
    return values


def generated(rng):
    cases = [Case((random_tree(rng, n),), note=f"random tree, {n} nodes", size=n)
             for n in [5, 10, 30, 100, 1000, 10_000]]
    cases.append(Case((path(20_000, "right"),), note="a path 20,000 levels deep",
                      size=40_001))
    return cases


SPEC = ExerciseSpec(
    function="invert_tree",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
