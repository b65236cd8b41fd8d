"""Cases for alignment/ppo-clip-gradient.

Expected values come from mlinterview.ml.alignment.ppo_clip_loss (reduction "mean" over the
mask) and the autograd engine's backward in float64, both checked against the same formula
in torch (loss and gradients) in tests/parity/test_alignment.py. The fixed cases are worked
by hand. Random ratios never fall exactly on 1 ± ε, where the loss has a kink.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.alignment import ppo_clip_loss
from mlinterview.ml.autograd import Tensor


def reference(log_probs, old_log_probs, advantages, mask, clip_eps=0.2, clip_eps_high=None):
    logp = Tensor(np.array(log_probs, dtype=np.float64), requires_grad=True)
    loss = ppo_clip_loss(logp, np.asarray(old_log_probs, dtype=np.float64),
                         np.asarray(advantages, dtype=np.float64), clip_eps=clip_eps,
                         clip_eps_high=clip_eps_high, mask=np.asarray(mask))
    loss.backward()
    return float(loss.item()), logp.grad.data.copy()


def _col(*values):
    return np.array(values, dtype=float)[:, None]


def fixed():
    ratios = [1.0, 1.5, 1.5, 0.5, 0.5]
    logr = _col(*[math.log(r) for r in ratios])
    adv = np.array([2.0, 2.0, -2.0, 2.0, -2.0])
    ones = np.ones((5, 1))
    return [
        Case((logr, np.zeros((5, 1)), adv, ones), note="the statement's example",
             expected=(-0.16, _col(-0.4, 0.0, 0.6, -0.2, 0.0))),
        Case((logr, np.zeros((5, 1)), adv, ones), {"clip_eps_high": 0.6},
             note="clip-higher ε_high = 0.6: the raise to 1.5 is no longer clipped",
             expected=((-2 - 3 + 3 - 1 + 1.6) / 5, _col(-0.4, -0.6, 0.6, -0.2, 0.0))),
        Case((np.zeros((2, 3)), np.zeros((2, 3)), np.array([[1.0, 2.0, 3.0], [4.0, 50.0, 60.0]]),
              np.array([[1, 1, 1], [1, 0, 0]])),
             note="r = 1, per-token advantages; padding (mask 0) is left out of the mean",
             expected=(-2.5, np.array([[-0.25, -0.5, -0.75], [-1.0, 0.0, 0.0]]))),
        Case((np.full((1, 4), math.log(1.1)), np.zeros((1, 4)), np.array([-3.0]),
              np.ones((1, 4))),
             note="a bad answer made more likely (r = 1.1, A < 0): never clipped",
             expected=(3.3, np.full((1, 4), 3.3 / 4))),
        Case((np.full((1, 2), math.log(0.7)), np.zeros((1, 2)), np.array([-1.0]),
              np.ones((1, 2))), {"clip_eps": 0.1},
             note="ε = 0.1: a bad answer already pushed to r = 0.7 < 0.9: no gradient",
             expected=(0.9, np.zeros((1, 2)))),
        Case((_col(math.log(0.5)), _col(0.0), np.array([1.0]), np.ones((1, 1))),
             note="a good answer made less likely: r A = 0.5 is the smaller term",
             expected=(-0.5, _col(-0.5))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        b, t = int(rng.integers(1, 12)), int(rng.integers(1, 20))
        old = -np.abs(rng.normal(size=(b, t))) - 0.05
        log_probs = old + rng.uniform(np.log(0.5), np.log(1.7), (b, t))
        adv = rng.normal(size=b) if i % 2 else rng.normal(size=(b, t))
        lengths = rng.integers(1, t + 1, b)
        mask = (np.arange(t)[None, :] < lengths[:, None]).astype(int)
        kwargs = {"clip_eps": float(rng.choice([0.1, 0.2, 0.3]))}
        if i % 3 == 2:
            kwargs["clip_eps_high"] = float(rng.choice([0.28, 0.4]))
        cases.append(Case((log_probs, old, adv, mask), kwargs,
                          note=f"B = {b}, T = {t}, "
                               + ("advantages per answer" if i % 2 else "per token")
                               + f", {kwargs}", size=b * t))
    return cases


SPEC = ExerciseSpec(
    function="ppo_clip_loss_grad",
    # exp of a log-ratio and a masked mean in float64: a few ulps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
