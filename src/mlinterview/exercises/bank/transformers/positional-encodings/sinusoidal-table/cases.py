"""Cases for positional-encodings/sinusoidal-table.

Expected values come from mlinterview.ml.nn.positional.sinusoidal_positional_encoding in
float64 (checked entry by entry against the closed form and against a torch implementation
in tests/parity/test_positional_encodings.py). The fixed cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.nn.positional import sinusoidal_positional_encoding


def reference(num_positions, dim, base=10000.0):
    return sinusoidal_positional_encoding(num_positions, dim, base=base,
                                          dtype=np.float64).data


def fixed():
    s, c = math.sin, math.cos
    return [
        Case((2, 4), note="the statement's example: ω = 1 and 0.01",
             expected=np.array([[0.0, 1.0, 0.0, 1.0], [s(1), c(1), s(0.01), c(0.01)]])),
        Case((1, 6), note="position 0 is (0, 1) in every pair",
             expected=np.array([[0.0, 1.0, 0.0, 1.0, 0.0, 1.0]])),
        Case((3, 2), note="dim 2: a single pair turning one radian per position",
             expected=np.array([[0.0, 1.0], [s(1), c(1)], [s(2), c(2)]])),
        # base 16, dim 4: ω = 1, 16^(-1/2) = 1/4.
        Case((3, 4, 16.0), note="base 16: the second pair turns a quarter radian",
             expected=np.array([[0.0, 1.0, 0.0, 1.0], [s(1), c(1), s(0.25), c(0.25)],
                                [s(2), c(2), s(0.5), c(0.5)]])),
        # dim 6, base 64: ω = 1, 64^(-1/3) = 1/4, 64^(-2/3) = 1/16.
        Case((2, 6, 64.0), note="three pairs: ω = 1, 1/4, 1/16",
             expected=np.array([[0.0, 1.0, 0.0, 1.0, 0.0, 1.0],
                                [s(1), c(1), s(0.25), c(0.25), s(1 / 16), c(1 / 16)]])),
        Case((4, 5), note="odd dim", raises="ValueError"),
        Case((50, 16), note="50 positions, 16 dimensions"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 400))
        dim = 2 * int(rng.integers(1, 65))
        base = [10000.0, 500.0, 1e6, float(rng.uniform(2, 50))][i % 4]
        args = (n, dim) if i % 4 == 0 else (n, dim, base)
        cases.append(Case(args, note=f"{n} positions, dim {dim}, base {base:g}",
                          size=n * dim))
    return cases


SPEC = ExerciseSpec(
    function="sinusoidal_encoding",
    # sin and cos of the same float64 angles: equal to ~1e-16; positions up to 400 give
    # angles up to 400 rad, whose rounding (~1e-13) sits far below the tolerance.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
