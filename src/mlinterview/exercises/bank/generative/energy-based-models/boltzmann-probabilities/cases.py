"""Cases for energy-based-models/boltzmann-probabilities.

Expected values come from SciPy: scipy.special.softmax of the logits -E / T (our library
has no standalone Boltzmann function). The fixed cases are worked by hand.
"""

import math

import numpy as np
from scipy.special import softmax

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(energies, temperature):
    if not temperature > 0:
        raise ValueError("temperature: expected a number > 0")
    return softmax(-np.asarray(energies, dtype=float) / temperature)


def _a(*values):
    return np.array(values, dtype=float)


def _normalised(*weights):
    w = np.array(weights, dtype=float)
    return w / w.sum()


E1, E2 = math.exp(-1.0), math.exp(-2.0)
EXAMPLE = _normalised(1.0, E1, E2)
INF = float("inf")


def fixed():
    return [
        Case(([0.0, 1.0, 2.0], 1.0), note="the statement's first example", expected=EXAMPLE),
        Case((_a(1e4, 1e4 + 1, 1e4 + 2), 1.0), note="energies 1e4: exp(-E) underflows to 0",
             expected=EXAMPLE),
        Case((_a(-1e4, -1e4 + 1, -1e4 + 2), 1.0), note="energies -1e4: exp(-E) overflows",
             expected=EXAMPLE),
        Case((_a(0.0, 1.0, 2.0), 2.0), note="T = 2 flattens",
             expected=_normalised(1.0, math.exp(-0.5), E1)),
        Case((_a(0.0, 1.0, 2.0), 0.5), note="T = 0.5 sharpens: logits 0, -2, -4",
             expected=_normalised(1.0, E2, E2 * E2)),
        Case((_a(3.0, 3.0, 5.0), 1.0), note="a tie: equal energies, equal probabilities",
             expected=_normalised(1.0, 1.0, E2)),
        # T = 2^-10 is exact in binary: logits -1024, -1024, -1536; shifted 0, 0, -512.
        Case((_a(1.0, 1.0, 1.5), 2.0 ** -10), note="T -> 0: the tied lowest share the mass",
             expected=_a(0.5, 0.5, math.exp(-512.0) / 2)),
        Case((_a(2.0, 0.0, 1e-3), 1e-3), note="T = 1e-3: logits up to -2000",
             expected=_normalised(0.0, 1.0, E1)),
        Case((_a(0.0, 800.0), 1.0), note="a spread of 800: the high state's exp(800) "
             "would overflow", expected=_a(1.0, math.exp(-800.0))),
        Case((_a(7.5), 0.3), note="a single state has probability 1", expected=_a(1.0)),
        Case((_a(0.0, INF, 0.0), 1.0), note="an infinite energy is a forbidden state",
             expected=_a(0.5, 0.0, 0.5)),
        Case((_a(0.0, 1.0, 2.0), 1000.0), note="T = 1000: nearly uniform",
             expected=_normalised(1.0, math.exp(-1e-3), math.exp(-2e-3))),
        Case(([2.0, -1.0, 0.5, -1.0], 1.0), note="negative energies, unsorted, a tie",
             expected=_normalised(math.exp(-2.0), math.exp(1.0), math.exp(-0.5),
                                  math.exp(1.0))),
        Case(([0.0, 1.0], 0.0), note="T = 0", raises="ValueError"),
        Case(([0.0, 1.0], -0.5), note="a negative temperature", raises="ValueError"),
        Case(([0.0, 1.0], float("nan")), note="T = NaN", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 200)) if i < 23 else 100_000
        scale = [1.0, 100.0, 1e4][i % 3]
        energies = rng.normal(size=n) * scale + rng.uniform(-1e4, 1e4)
        if i % 4 == 1:
            energies = np.round(energies / scale * 3) * scale / 3    # many ties
        temperature = float(10.0 ** rng.uniform(-3, 3))
        if i % 5 == 2:
            energies = energies.tolist()
        cases.append(Case((energies, temperature), note=f"{n} energies of spread {scale:g} "
                          f"at T = {temperature:.3g}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="boltzmann_probabilities",
    # -E / T reaches ~1e7 here: its rounding (~1e-9 absolute) moves p by ~1e-9 relative,
    # so 1e-7; probabilities below 1e-300 are compared absolutely (subnormal floats).
    compare=AllClose(rtol=1e-7, atol=1e-300),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
