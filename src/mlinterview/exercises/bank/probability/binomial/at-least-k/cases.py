"""Cases for binomial/at-least-k.

Expected values come from mlinterview.ml.stats.binom_sf (the incomplete-beta identity,
checked against scipy.stats.binom in tests/parity/test_stats.py); the first cases are
worked by hand.
"""

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import binom_sf


def reference(k, n, p):
    return float(binom_sf(k - 1, n, p))


def fixed():
    return [
        Case((1, 4, 1 / 6), note="at least one six in four rolls", expected=671 / 1296),
        Case((2, 2, 0.5), note="two heads in two tosses", expected=0.25),
        Case((0, 10, 0.3), note="at least zero successes is certain", expected=1.0),
        Case((-3, 10, 0.3), note="negative k", expected=1.0),
        Case((11, 10, 0.3), note="more successes than trials", expected=0.0),
        Case((3, 3, 1.0), note="p = 1: every trial succeeds", expected=1.0),
        Case((1, 5, 0.0), note="p = 0: no success possible", expected=0.0),
        Case((0, 0, 0.5), note="no trials", expected=1.0),
        Case((2, 3, 0.5), note="majority of three fair coins", expected=0.5),
        Case((10, 10, 0.5), note="all ten heads", expected=2.0**-10),
        Case((1500, 2000, 0.5), note="a tail near 1e-116: 1 - cdf cancels to 0"),
        Case((60, 100, 0.5), note="moderate tail: the normal approximation is off"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 40)) if i < 20 else int(rng.integers(100, 5001))
        p = float(rng.choice([rng.random(), rng.random() * 0.05, 0.5]))
        k = int(rng.integers(-1, n + 2)) if i % 3 else int(n * p + 3 * (n * p) ** 0.5 + 1)
        cases.append(Case((k, n, p), note=f"k={k}, n={n}, p={p:.3g}", size=n))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="prob_at_least",
    # No absolute slack: a vanishing tail must keep its relative accuracy.
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
