"""Cases for alignment/dpo-loss.

Expected values come from mlinterview.ml.alignment.dpo_loss (reduction="none") and
dpo_implicit_rewards, checked against TRL's formula in torch in
tests/parity/test_alignment.py. The fixed cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.alignment import dpo_implicit_rewards
from mlinterview.ml.alignment import dpo_loss as library_dpo_loss


def reference(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
              reference_rejected_logps, beta):
    pc, pr, rc, rr = (np.asarray(a, dtype=np.float64) for a in (
        policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
        reference_rejected_logps))
    losses = library_dpo_loss(pc, pr, rc, rr, beta=beta, reduction="none").data.copy()
    return losses, dpo_implicit_rewards(pc, rc, beta), dpo_implicit_rewards(pr, rr, beta)


def _a(*values):
    return np.array(values, dtype=float)


def fixed():
    return [
        Case((_a(-5.0, -3.0), _a(-8.0, -4.0), _a(-6.0, -3.0), _a(-7.0, -4.0), 1.0),
             note="the statement's example",
             expected=(_a(math.log1p(math.exp(-2.0)), math.log(2.0)), _a(1.0, 0.0),
                       _a(-1.0, 0.0))),
        Case((_a(-12.0, -40.0), _a(-3.0, -41.0), _a(-12.0, -40.0), _a(-3.0, -41.0), 0.1),
             note="policy = reference: log 2 for every pair",
             expected=(_a(math.log(2.0), math.log(2.0)), _a(0.0, 0.0), _a(0.0, 0.0))),
        Case((_a(-10.0), _a(-10.0), _a(-12.0), _a(-10.0), 0.5),
             note="β = 0.5: z = 2, loss log(1 + e^-1)",
             expected=(_a(math.log1p(math.exp(-1.0))), _a(1.0), _a(0.0))),
        Case((_a(-20.0), _a(-10.0), _a(-10.0), _a(-10.0), 1.0),
             note="the policy prefers the rejected answer: z = -10, loss ≈ 10",
             expected=(_a(10.0 + math.log1p(math.exp(-10.0))), _a(-10.0), _a(0.0))),
        Case((_a(-1.0, -5000.0), _a(-5000.0, -1.0), _a(-1.0, -1.0), _a(-1.0, -1.0), 1.0),
             note="margins of ±4999 nats: no overflow, losses 0 and 4999",
             expected=(_a(0.0, 4999.0), _a(0.0, -4999.0), _a(-4999.0, 0.0))),
        Case((_a(-30.0, -7.0, -2.5), _a(-32.0, -6.0, -9.0), _a(-31.0, -7.5, -3.0),
              _a(-31.0, -6.5, -8.0), 2.0),
             note="three pairs, β = 2"),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n = int(rng.integers(1, 60))
        scale = float(10 ** rng.uniform(0, 3))
        ref_c, ref_r = -np.abs(rng.normal(size=n)) * scale, -np.abs(rng.normal(size=n)) * scale
        pol_c = ref_c + rng.normal(size=n) * scale * 0.05
        pol_r = ref_r + rng.normal(size=n) * scale * 0.05
        beta = float(rng.choice([0.01, 0.1, 0.5, 1.0, rng.uniform(0.01, 5.0)]))
        cases.append(Case((pol_c, pol_r, ref_c, ref_r, beta),
                          note=f"{n} pairs, log-probabilities ~{scale:.3g} nats, β = {beta:.3g}"))
    return cases


SPEC = ExerciseSpec(
    function="dpo_loss",
    # A log1p/logaddexp of one number per pair: a few ulps in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
