"""Cases for p-values/permutation-test.

Expected values come from mlinterview.ml.stats.permutation_test in its exact mode
(checked against scipy.stats.permutation_test in tests/parity/test_stats.py); the first
cases are worked by hand.
"""


from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import permutation_test


def reference(x, y):
    # n_resamples above C(20, 10) = 184,756 forces the exact enumeration.
    return permutation_test(x, y, alternative="greater", n_resamples=10**6).pvalue


def fixed():
    return [
        Case(([3, 4], [1, 2]), note="worked example: only the observed split reaches 2",
             expected=1 / 6),
        Case(([1, 2], [3, 4]), note="treatment lower: every split reaches it", expected=1.0),
        Case(([5], [1, 2, 3]), note="one treated value, the largest: 1 of 4 splits",
             expected=0.25),
        Case(([2, 2], [2, 2]), note="all equal: every split ties the observed one",
             expected=1.0),
        Case(([1, 3], [2, 2]), note="ties: the splits give 0, -1, -1, 1, 1, 0",
             expected=4 / 6),
        Case(([0.1, 0.2, 0.3], [0.4, 0.5]), note="floats whose sums round differently"),
        Case(([10, 12, 9, 11], [8, 7, 9]), note="unequal group sizes"),
    ]


def generated(rng):
    cases = []
    sizes = [(2, 2), (3, 2), (3, 3), (4, 3), (4, 4), (5, 4), (5, 5), (6, 5), (6, 6),
             (7, 6), (7, 7), (8, 7), (8, 8), (9, 7)]
    for i, (nx, ny) in enumerate(sizes):
        shift = rng.choice([0.0, 0.5, 1.5])
        if i % 3 == 0:   # small integers: many exact ties
            x, y = rng.integers(0, 5, nx) + int(shift), rng.integers(0, 5, ny)
            x, y = x.tolist(), y.tolist()
        else:
            x, y = rng.normal(shift, 1, nx), rng.normal(0, 1, ny)
        cases.append(Case((x, y), note=f"random, groups of {nx} and {ny}"))
    return cases


SPEC = ExerciseSpec(
    function="permutation_pvalue",
    # A p-value is a count over a count: exact up to the division.
    compare=AllClose(rtol=1e-12, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
