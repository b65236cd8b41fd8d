"""Cases for mixture-of-experts/moe-layer.

Expected values come from mlinterview.ml.nn.MixtureOfExperts (renormalize=True, ReLU
experts, float64) with the case's weights loaded through load_state_dict; that layer is
checked against a plain-PyTorch reference, forward and every gradient, with capacity
dropping, in tests/parity/test_mixture_of_experts.py. The fixed cases are worked by hand
or built so that one rule (queue order, rounding of the capacity, the top_k factor, no
rescaling after a drop) decides the answer.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, no_grad


def reference(x, router_weight, w1, b1, w2, b2, top_k, capacity_factor):
    x = np.asarray(x, dtype=np.float64)
    E, h, d = np.shape(w1)
    layer = nn.MixtureOfExperts(d, E, h, top_k=top_k, capacity_factor=capacity_factor,
                                renormalize=True, activation="relu", dtype=np.float64)
    state = {"router.weight": router_weight}
    for e in range(E):
        state |= {f"experts.{e}.0.weight": w1[e], f"experts.{e}.0.bias": b1[e],
                  f"experts.{e}.2.weight": w2[e], f"experts.{e}.2.bias": b2[e]}
    layer.load_state_dict(state)
    with no_grad():
        return layer(Tensor(x)).data


def _a(v):
    return np.array(v, dtype=float)


# The statement's layer: logits [x, -x]; expert_0(v) = 2 relu(v) + 0.5, expert_1 = relu(-v) - 1.
TOY = (_a([[1], [-1]]), _a([[[1]], [[-1]]]), _a([[0], [0]]), _a([[[2]], [[1]]]),
       _a([[0.5], [-1]]))
X3 = _a([[1], [2], [3]])


def _p0(v):
    return np.exp(v) / (np.exp(v) + np.exp(-v))


def _top2(v):
    return _p0(v) * (2 * v + 0.5) - (1 - _p0(v))


def _identity_experts(E, d):
    """Router = identity (expert e's logit is x_e); expert e(v) = (e + 1) · v (positive v)."""
    w1 = np.stack([np.eye(d)] * E)
    w2 = np.stack([(e + 1.0) * np.eye(d) for e in range(E)])
    return np.eye(E, d), w1, np.zeros((E, d)), w2, np.zeros((E, d))


def fixed():
    router, w1, b1, w2, b2 = _identity_experts(3, 3)
    # Choices: token 0 (1, 0), token 1 (0, 1), token 2 (0, 2). With C = 2 the queue at
    # expert 0 is token 1, token 2 (first choices), then token 0 (second choice): dropped.
    xq = _a([[2.0, 3.0, 0.0], [3.0, 2.0, 0.0], [3.0, 0.0, 2.0]])
    # Logits (3, 2) or (3, 2) of the kept pair: renormalised gates e/(1 + e) and 1/(1 + e);
    # expert e multiplies a positive input by e + 1.
    g1, g2 = np.e / (1 + np.e), 1 / (1 + np.e)
    queue_expected = np.stack([2 * g1 * xq[0],              # expert 0 dropped, 1 kept
                               (g1 + 2 * g2) * xq[1],        # experts 0 and 1 kept
                               (g1 + 3 * g2) * xq[2]])       # experts 0 and 2 kept
    return [
        Case((X3, *TOY, 1, 1.0), note="the statement's example: C = 2, token 2 dropped",
             expected=_a([[2.5], [4.5], [0.0]])),
        Case((X3, *TOY, 1, None), note="no capacity limit", expected=_a([[2.5], [4.5], [6.5]])),
        Case((X3, *TOY, 2, 0.5), note="the statement's top-2 example: C = 2",
             expected=_a([[_top2(1.0)], [_top2(2.0)], [0.0]])),
        Case((X3, *TOY, 2, None), note="top-2, no limit",
             expected=_a([[_top2(1.0)], [_top2(2.0)], [_top2(3.0)]])),
        Case((X3, *TOY, 1, 0.75), note="C = ceil(1.125) = 2, not floor = 1",
             expected=_a([[2.5], [4.5], [0.0]])),
        Case((X3, *TOY, 2, 0.25), note="C = ceil(0.75) = 1: only token 0 keeps its experts",
             expected=_a([[_top2(1.0)], [0.0], [0.0]])),
        Case((_a([[-1], [1], [2], [3]]), *TOY, 1, 1.0),
             note="C = 2: token 0 goes to expert 1, tokens 1 and 2 fill expert 0",
             expected=_a([[0.0], [2.5], [4.5], [0.0]])),
        Case((xq, router, w1, b1, w2, b2, 2, 1.0),
             note="first choices queue before second choices (C = 2)",
             expected=queue_expected),
        Case((X3[:1], *TOY, 2, 2.0), note="one token, top-2, C = 2",
             expected=_a([[_top2(1.0)]])),
        Case((X3, _a([[1.0]]), _a([[[1]]]), _a([[0]]), _a([[[2]]]), _a([[0.5]]), 1, 0.5),
             note="a single expert, C = ceil(1.5) = 2", expected=_a([[2.5], [4.5], [0.0]])),
    ]


def generated(rng):
    cases = []
    factors = [None, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0]
    for i in range(36):
        T = int(rng.integers(1, 50))
        d = int(rng.integers(1, 7))
        E = int(rng.integers(1, 9))
        h = int(rng.integers(1, 9))
        k = int(rng.integers(1, min(3, E) + 1))
        cf = factors[i % len(factors)]
        x = rng.normal(size=(T, d))
        router = rng.normal(size=(E, d)) * rng.choice([0.5, 2.0])
        router[0] += rng.choice([0.0, 1.0])            # sometimes a favoured expert
        w1, b1 = rng.normal(size=(E, h, d)), rng.normal(size=(E, h)) * 0.3
        w2, b2 = rng.normal(size=(E, d, h)), rng.normal(size=(E, d)) * 0.3
        cases.append(Case((x, router, w1, b1, w2, b2, k, cf),
                          note=f"T = {T}, d = {d}, E = {E}, h = {h}, top_k = {k}, "
                               f"capacity_factor = {cf}",
                          size=T * E * h * d))
    return cases


SPEC = ExerciseSpec(
    function="moe_forward",
    # Sums of a few products in another order than the reference: ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
