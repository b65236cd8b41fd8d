"""Cases for linked-list-binary-tree/reverse-linked-list.

Lists are laid out with scattered node numbers (a random permutation), so the order in
memory is not the order in the list. Expected values come from
mlinterview.algo.structures.reverse_list run on real ListNode objects (tested against
Python's list reversal in tests/algo), translated back to pointers; the small fixed cases
are worked by hand.
"""


import itertools

from mlinterview.algo.structures import ListNode, reverse_list
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(nxt, head):
    nodes = [ListNode(i) for i in range(len(nxt))]
    for i, j in enumerate(nxt):
        nodes[i].next = nodes[j] if j != -1 else None
    new_head = reverse_list(nodes[head] if head != -1 else None)
    return [n.next.val if n.next is not None else -1 for n in nodes], (
        new_head.val if new_head is not None else -1)


def chain(order):
    """Pointers for the list visiting ``order`` (node numbers), and its head."""
    nxt = [-1] * len(order)
    for a, b in itertools.pairwise(order):
        nxt[a] = b
    return nxt, (order[0] if order else -1)


def fixed():
    return [
        Case(([-1, 0, 1], 2), note="2 -> 1 -> 0 (the statement's example)",
             expected=([1, 2, -1], 0)),
        Case(([], -1), note="empty list", expected=([], -1)),
        Case(([-1], 0), note="one node", expected=([-1], 0)),
        Case(([1, -1], 0), note="0 -> 1", expected=([-1, 0], 1)),
        Case(([-1, 0], 1), note="1 -> 0", expected=([1, -1], 0)),
        Case(([2, -1, 1], 0), note="0 -> 2 -> 1", expected=([-1, 2, 0], 1)),
        Case(([1, 2, 3, -1], 0), note="in memory order 0 -> 1 -> 2 -> 3",
             expected=([-1, 0, 1, 2], 3)),
    ]


def generated(rng):
    cases = []
    for n in [5, 10, 50, 100, 1000, 5000, 30_000]:
        order = rng.permutation(n).tolist()
        nxt, head = chain(order)
        cases.append(Case((nxt, head), note=f"{n} scattered nodes", size=n))
    return cases


SPEC = ExerciseSpec(
    function="reverse_list",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
