"""Cases for ab-testing/team-draft-interleaving.

Expected values come from mlinterview.ml.stats.sequential.team_draft_interleave, tested on
hand-worked cases in tests/ml/stats/test_sequential.py. The fixed cases are worked by
hand in their notes.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.stats.sequential import team_draft_interleave


def reference(ranking_a, ranking_b, coins, length):
    out = team_draft_interleave(ranking_a, ranking_b, length=length, coins=coins)
    return list(out.items), list(out.teams)


def fixed():
    a, b = ["a", "b", "c", "d"], ["b", "a", "d", "c"]
    return [
        Case((a, b, [True, False], 4), note="the statement's example",
             expected=(["a", "b", "d", "c"], ["A", "B", "B", "A"])),
        Case((a, b, [False, True], 4),
             note="B first: b, then A (behind) a; coin True: A takes c, then B d",
             expected=(["b", "a", "c", "d"], ["B", "A", "A", "B"])),
        Case(([1, 2, 3, 4], [1, 2, 3, 4], [True, True], 4),
             note="identical rankings: the list is the ranking, teams by the coins",
             expected=([1, 2, 3, 4], ["A", "B", "A", "B"])),
        Case(([1, 2, 3, 4], [1, 2, 3, 4], [False, True], 4),
             note="identical rankings, B first, then A at the second tie",
             expected=([1, 2, 3, 4], ["B", "A", "A", "B"])),
        Case(([1, 2, 3], [4, 5, 6], [False, True, False], 6),
             note="disjoint lists: B 4, A 1; coin True: A 2, B 5; coin False: B 6, A 3",
             expected=([4, 1, 2, 5, 6, 3], ["B", "A", "A", "B", "B", "A"])),
        Case((["x"], ["y", "z", "w"], [True, True], 4),
             note="A runs out: x, y; tie and coin True, but A has nothing new: B takes z; "
                  "A is behind but empty: B takes w",
             expected=(["x", "y", "z", "w"], ["A", "B", "B", "B"])),
        Case((list("abcdef"), list("fedcba"), [True, True], 3),
             note="length 3 cuts the list: a, f, then b (coin True)",
             expected=(["a", "f", "b"], ["A", "B", "A"])),
        Case(([1, 2], [2, 3], [True, True, True], 10),
             note="length above the 3 distinct items: 1 (A), 2 (B); tie, coin True, A's "
                  "items are all placed: B takes 3; stop",
             expected=([1, 2, 3], ["A", "B", "B"])),
        Case(([], [7, 8], [True], 2),
             note="an empty ranking: the coin says A, A has nothing: B takes 7; B is "
                  "ahead, A still has nothing: B takes 8", expected=([7, 8], ["B", "B"])),
        Case(([3, 1, 2], [1, 2, 3], [True, False], 3),
             note="A's best is B's worst: 3 (A), 1 (B); coin False: B's next new is 2",
             expected=([3, 1, 2], ["A", "B", "B"])),
        Case(([5, 6, 7, 8], [5, 9], [False, False, True], 6),
             note="B shorter: B 5, A 6; coin False: B 9, A 7; coin True: A 8; all 5 "
                  "distinct items are placed: stop before length 6",
             expected=([5, 6, 9, 7, 8], ["B", "A", "B", "A", "A"])),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        pool = int(rng.integers(2, 30))
        size_a = int(rng.integers(0, pool + 1))
        size_b = int(rng.integers(1, pool + 1))
        ranking_a = [int(i) for i in rng.permutation(pool)[:size_a]]
        # B: a noisy copy of A's order or an unrelated ranking.
        if rng.random() < 0.5 and size_a:
            order = sorted(range(pool), key=lambda i: (ranking_a.index(i) if i in ranking_a
                                                       else pool) + rng.normal(0, 2))
            ranking_b = [int(i) for i in order[:size_b]]
        else:
            ranking_b = [int(i) for i in rng.permutation(pool)[:size_b]]
        if rng.random() < 0.3:
            ranking_a = [f"doc{i}" for i in ranking_a]
            ranking_b = [f"doc{i}" for i in ranking_b]
        coins = [bool(c) for c in rng.random(pool + 1) < 0.5]
        length = int(rng.integers(1, pool + 3))
        cases.append(Case((ranking_a, ranking_b, coins, length),
                          note=f"{size_a} and {size_b} items from {pool}, length {length}",
                          size=pool))
    return cases


SPEC = ExerciseSpec(
    function="team_draft",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
