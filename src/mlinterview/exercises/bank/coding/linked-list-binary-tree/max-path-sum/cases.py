"""Cases for linked-list-binary-tree/max-path-sum.

Trees are built by mlinterview.algo.structures.tree_from_level_order (tested in
tests/algo). The library has no path-sum function, so the reference is a different,
more direct algorithm: for every node it enumerates every downward path from each of its
children with an explicit stack and keeps the best (O(n · depth), fine for the random
trees here). For the long single paths, where that is too slow, the expected value is
the maximum subarray sum of the path's values (Kadane), computed independently. The
fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.algo.structures import tree_from_level_order
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def _best_downward(start):
    """Largest sum of a path going down from ``start`` (to any descendant), or None."""
    if start is None:
        return None
    best, stack = start.val, [(start, start.val)]
    while stack:
        node, total = stack.pop()
        best = max(best, total)
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, total + child.val))
    return best


def reference(values):
    root = tree_from_level_order(values)
    best, stack = None, [root]
    while stack:
        node = stack.pop()
        total = node.val + sum(max(0, _best_downward(c) or 0) for c in (node.left, node.right))
        best = total if best is None else max(best, total)
        stack += [c for c in (node.left, node.right) if c is not None]
    return int(best)


def _kadane(xs):
    best = cur = xs[0]
    for x in xs[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    return best


def random_tree(rng, n, low, high):
    values, free_slots, placed = [int(rng.integers(low, high))], 2, 1
    while placed < n:
        if rng.random() < 0.7 or free_slots == 1:
            values.append(int(rng.integers(low, high)))
            placed, free_slots = placed + 1, free_slots + 1
        else:
            values.append(None)
            free_slots -= 1
    while values[-1] is None:
        values.pop()
    return values


def fixed():
    return [
        Case(([1, 2, 3],), note="up and down through the root", expected=6),
        Case(([-10, 9, 20, None, None, 15, 7],), note="the best path avoids the root",
             expected=42),
        Case(([-3],), note="one negative node: the path cannot be empty", expected=-3),
        Case(([2, -1],), note="a negative child is left out", expected=2),
        Case(([5, 4, 8, 11, None, 13, 4, 7, 2, None, None, None, 1],),
             note="a path through six nodes", expected=48),
        Case(([-2, -1, -3],), note="all negative: the largest single node", expected=-1),
        # 1 -> 2 -> 3 is a chain; from 2, the chain 2 + 3 = 5 goes up, and 10 + 5 = 15.
        Case(([10, 2, None, 3, -20],), note="only one child's chain goes up", expected=15),
        # If a node passed up both of its chains, 1 + (1 + 5 + 5) would give 12.
        Case(([1, 1, None, 5, 5],), note="a path cannot fork", expected=11),
        Case(([0, -1, -1],), note="zero beats every non-empty negative extension",
             expected=0),
    ]


def generated(rng):
    cases = []
    for n in [2, 4, 7, 12, 25, 50, 100, 200, 400, 800, 2000]:
        low, high = (-10, 11) if n % 3 else (-20, 3)      # some mostly negative trees
        cases.append(Case((random_tree(rng, n, low, high),), note=f"random tree, {n} nodes",
                          size=n))
    for n, side in [(20_000, "right"), (10_000, "left")]:
        vals = [int(v) for v in rng.integers(-100, 101, n)]
        tree = [vals[0]]
        for v in vals[1:]:
            tree += [v] if side == "left" else [None, v]
            if side == "left":
                tree.append(None)
        while tree[-1] is None:
            tree.pop()
        cases.append(Case((tree,), expected=int(_kadane(np.array(vals))),
                          note=f"a {side} path {n} levels deep", size=2 * n))
    return cases


SPEC = ExerciseSpec(
    function="max_path_sum",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
