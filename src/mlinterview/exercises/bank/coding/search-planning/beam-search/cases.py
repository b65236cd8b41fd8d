"""Cases for search-planning/beam-search.

The library has no beam search (mlinterview.algo.graphs searches graphs for one path), so
the reference is the definition, written independently: it enumerates every sequence of
the given length (itertools.product), scores it transition by transition in the same
left-to-right order, and simulates the beam by pruning the enumeration level by level
with the statement's order. The fixed cases are worked by hand, among them traps where
greedy decoding loses.
"""

import itertools
import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(log_probs, start, length, beam_width):
    lp = np.asarray(log_probs, dtype=float).tolist()
    V = len(lp)
    survivors = {(int(start),): 0.0}
    for depth in range(1, length + 1):
        level = {}
        for tail in itertools.product(range(V), repeat=depth):
            tokens = (int(start), *tail)
            parent = tokens[:-1]
            if parent in survivors:
                level[tokens] = survivors[parent] + lp[tokens[-2]][tokens[-1]]
        ranked = sorted(level.items(), key=lambda item: (-item[1], item[0]))
        survivors = dict(ranked[:beam_width])
    ranked = sorted(survivors.items(), key=lambda item: (-item[1], item[0]))
    return [(tokens, float(score)) for tokens, score in ranked]


NEG = -math.inf
EXAMPLE = [[-1.0, -2.0], [-0.5, -3.0]]
# From 0: token 1 looks best (-0.1) but leads to a dead end (-10 after it); token 2 costs
# -0.5 and then -0.1. Greedy: (0, 1, x) = -10.1; the best: (0, 2, 0) = -0.6.
TRAP = [[-5.0, -0.1, -0.5], [-10.0, -10.0, -10.0], [-0.1, -4.0, -4.0]]


def fixed():
    return [
        Case((EXAMPLE, 0, 2, 2), note="the statement's example",
             expected=[((0, 0, 0), -2.0), ((0, 1, 0), -2.5)]),
        Case((EXAMPLE, 0, 2, 1), note="beam width 1: greedy", expected=[((0, 0, 0), -2.0)]),
        Case((EXAMPLE, 1, 0, 3), note="length 0: the start alone", expected=[((1,), 0.0)]),
        Case((EXAMPLE, 0, 2, 10), note="a beam wider than all sequences: all four, sorted",
             expected=[((0, 0, 0), -2.0), ((0, 1, 0), -2.5), ((0, 0, 1), -3.0),
                       ((0, 1, 1), -5.0)]),
        Case((TRAP, 0, 2, 1), note="greedy falls into the trap",
             expected=[((0, 1, 0), -10.1)]),
        # Step 1 keeps (0, 1) at -0.1 and (0, 2) at -0.5; step 2: (0, 2, 0) -0.6, then
        # (0, 2, 1) and (0, 2, 2) tie at -4.5 (the smaller tuple wins); (0, 1, *) at -10.1.
        Case((TRAP, 0, 2, 2), note="a beam of 2 escapes it",
             expected=[((0, 2, 0), -0.6), ((0, 2, 1), -4.5)]),
        # All transitions -1: every sequence ties, the token tuples decide.
        Case(([[-1.0, -1.0], [-1.0, -1.0]], 1, 2, 3), note="all ties: lexicographic order",
             expected=[((1, 0, 0), -2.0), ((1, 0, 1), -2.0), ((1, 1, 0), -2.0)]),
        # 0 -> 1 impossible: with a beam of 3 the -inf sequences fill the last slots.
        Case(([[-1.0, NEG], [NEG, -1.0]], 0, 1, 3), note="an impossible transition",
             expected=[((0, 0), -1.0), ((0, 1), NEG)]),
        Case(([[-0.5, -1.0, -2.0], [-0.25, -3.0, -0.5], [-1.0, -1.0, -0.125]], 2, 3, 2),
             note="three tokens, three steps, a beam of 2"),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        V = int(rng.integers(2, 7))
        length = int(rng.integers(1, 6 if V <= 4 else 4))
        logits = rng.normal(size=(V, V)) * rng.choice([0.5, 2.0])
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        if i % 5 == 0:
            log_probs[rng.random((V, V)) < 0.2] = -np.inf            # forbidden moves
        width = int(rng.integers(1, 6))
        args = (log_probs.tolist() if i % 3 == 0 else log_probs, int(rng.integers(V)),
                length, width)
        cases.append(Case(args, note=f"V = {V}, length {length}, beam width {width}",
                          size=width * V * length))
    return cases


SPEC = ExerciseSpec(
    function="beam_search",
    # Scores are sums in the same left-to-right order: equal up to rounding.
    compare=AllClose(rtol=1e-12, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
