"""Cases for entropy/huffman-vs-entropy.

Neither our library nor SciPy has a Huffman coder, so generated expected values come
from an independent construction: van Leeuwen's two-queue method (the sorted leaves in
one queue, merged nodes, which are created in non-decreasing order, in a second; each
step takes the two smallest fronts), which is not the heap of the reference solution.
Entropies come from mlinterview.ml.information.entropy (base 2), checked against
scipy.stats.entropy in tests/parity. The fixed cases are worked by hand.
"""

import math
from collections import deque

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.information import entropy


def _two_queue_length(p):
    leaves = deque(sorted(p))
    merged = deque()

    def smallest():
        if not merged or (leaves and leaves[0] <= merged[0]):
            return leaves.popleft()
        return merged.popleft()

    total = 0.0
    while len(leaves) + len(merged) > 1:
        node = smallest() + smallest()
        total += node
        merged.append(node)
    return total


def reference(weights):
    w = np.asarray(weights, dtype=float)
    p = w[w > 0] / w.sum()
    return _two_queue_length(p.tolist()), float(entropy(p, base=2))


def _h(p):
    return -sum(q * math.log2(q) for q in p if q > 0)


def fixed():
    classic = [0.4, 0.2, 0.2, 0.1, 0.1]
    return [
        Case((classic,), note="worked example", expected=(2.2, _h(classic))),
        Case(([0.5, 0.25, 0.125, 0.125],), note="dyadic: L = H", expected=(1.75, 1.75)),
        Case(([1, 1, 1],), note="three equal counts: lengths 1, 2, 2",
             expected=(5 / 3, math.log2(3))),
        Case(([4, 4, 4, 4],), note="four equal: two bits each", expected=(2.0, 2.0)),
        Case(([7.0],), note="a single symbol: nothing to transmit", expected=(0.0, 0.0)),
        Case(([0, 3, 0],), note="one symbol of positive weight", expected=(0.0, 0.0)),
        Case(([0, 1, 0, 1],), note="zero weights get no codeword", expected=(1.0, 1.0)),
        Case(([0.9, 0.1],), note="two symbols: one bit each", expected=(1.0, _h([0.9, 0.1]))),
        # 1/2, 1/4, ..., 1/2^9, 1/2^9: a chain, lengths 1..9, 9.
        Case(([2.0**-i for i in range(1, 10)] + [2.0**-9],), note="geometric: a deep chain",
             expected=(sum(i * 2.0**-i for i in range(1, 10)) + 9 * 2.0**-9,) * 2),
        # Merges of the counts: 1+1 = 2, 2+2 = 4, 3+4 = 7, 5+7 = 12 -> L = 25/12.
        Case(([5, 3, 2, 1, 1],), note="counts with ties",
             expected=(25 / 12, _h([5 / 12, 3 / 12, 2 / 12, 1 / 12, 1 / 12]))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        k = int(rng.integers(2, 80)) if i < 27 else 20_000
        kind = i % 3
        if kind == 0:
            w = rng.random(k)
        elif kind == 1:
            w = rng.integers(0, 6, size=k).astype(float)      # ties and zeros
            w[int(rng.integers(k))] += 1
        else:
            w = np.exp(-rng.uniform(0, 12, size=k))          # very skewed
        if i % 5 == 0:
            w[rng.random(k) < 0.3] = 0.0
            w[int(rng.integers(k))] += 0.5
        cases.append(Case((w,), note=f"{k} symbols"))
    return cases


SPEC = ExerciseSpec(
    function="huffman_expected_length",
    # Sums of merged probabilities in different orders agree to ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
