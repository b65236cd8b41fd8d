"""Cases for alignment/grpo-advantages.

Expected values come from mlinterview.ml.alignment.grpo_advantages applied to each group
(as a one-row (1, size) array; it is checked against the formula in torch in
tests/parity/test_alignment.py); a group of one answer gets 0, as the statement says. The
fixed cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.alignment import grpo_advantages as library_advantages


def reference(rewards, group_ids, eps=1e-4, scale_rewards=True):
    rewards = np.asarray(rewards, dtype=np.float64)
    group_ids = np.asarray(group_ids)
    out = np.zeros_like(rewards)
    for g in np.unique(group_ids):
        members = group_ids == g
        if members.sum() > 1:
            out[members] = library_advantages(rewards[members][None, :], eps=eps,
                                              scale_rewards=scale_rewards)[0]
    return out


def _a(*values):
    return np.array(values, dtype=float)


def fixed():
    a = 0.5 / (math.sqrt(1 / 3) + 1e-4)
    return [
        Case((_a(1, 0, 5, 0, 1, 5, 7), np.array([0, 0, 1, 0, 0, 1, 2])),
             note="the statement's example", expected=_a(a, -a, 0, -a, a, 0, 0)),
        Case((_a(1, 0, 0, 0), np.array([3, 3, 3, 3])),
             note="one correct answer in four: mean 1/4, std 1/2",
             expected=_a(0.75 / 0.5001, -0.25 / 0.5001, -0.25 / 0.5001, -0.25 / 0.5001)),
        Case((_a(1, 0, 0, 0), np.array([3, 3, 3, 3])), {"scale_rewards": False},
             note="Dr. GRPO: centred only", expected=_a(0.75, -0.25, -0.25, -0.25)),
        Case((_a(2.0, 4.0, 10.0, 30.0), np.array([7, 7, -1, -1])), {"eps": 0.0},
             note="eps = 0, ids 7 and -1: std √2 and 10√2",
             expected=_a(-1 / math.sqrt(2), 1 / math.sqrt(2), -1 / math.sqrt(2),
                         1 / math.sqrt(2))),
        Case((_a(0.3, 0.3, 0.3), np.array([0, 0, 0])),
             note="all equal: 0 / (0 + eps) = 0", expected=_a(0, 0, 0)),
        Case((_a(5.0, -2.0), np.array([0, 1])), note="two groups of one answer",
             expected=_a(0, 0)),
        Case((_a(5.0, -2.0), np.array([4, 9])), {"scale_rewards": False},
             note="groups of one answer, centred only: still 0", expected=_a(0, 0)),
        Case((_a(3.0, 1.0, 2.0, 0.0, 4.0), np.array([1, 0, 1, 0, 0])), {"eps": 0.5},
             note="interleaved groups of 2 and 3, eps = 0.5"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        groups = int(rng.integers(1, 12))
        sizes = rng.integers(1, 10, groups) if i % 3 else np.full(groups, int(rng.integers(2, 9)))
        ids = np.repeat(rng.choice(1000, size=groups, replace=False), sizes)
        n = len(ids)
        if i % 2:
            rewards = rng.integers(0, 2, n).astype(float)        # 0/1 correctness rewards
        else:
            rewards = rng.normal(size=n) * float(10 ** rng.uniform(-1, 1))
        order = rng.permutation(n)
        kwargs = {}
        if i % 5 == 1:
            kwargs["scale_rewards"] = False
        if i % 7 == 2:
            kwargs["eps"] = float(rng.choice([1e-6, 0.01, 0.1]))
        cases.append(Case((rewards[order], ids[order]), kwargs,
                          note=f"{groups} groups, {n} answers, shuffled"
                               + (f", {kwargs}" if kwargs else "")))
    return cases


SPEC = ExerciseSpec(
    function="grpo_advantages",
    # Means and sums of squares in another order than the reference: a few ulps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
