"""Cases for diffusion-noise/forward-noising.

Expected values come from mlinterview.ml.generative.q_sample, the one-shot draw the
library's DDPM trains with (its marginal is checked against the step-by-step chain in
tests/parity/test_generative.py), with ᾱ = cumprod(1 - betas) as DDPM.fit computes it and
the batch flattened to (n, features) for it. Schedules come from linear_beta_schedule and
cosine_beta_schedule. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.generative import cosine_beta_schedule, linear_beta_schedule, q_sample


def reference(x0, t, betas, eps):
    x0, eps = np.asarray(x0, dtype=float), np.asarray(eps, dtype=float)
    alphas_cumprod = np.cumprod(1.0 - np.asarray(betas, dtype=float))
    if np.ndim(t) == 0:                                # one step for the whole batch
        return q_sample(x0, t, alphas_cumprod, eps)
    flat = q_sample(x0.reshape(len(x0), -1), t, alphas_cumprod, eps.reshape(len(x0), -1))
    return flat.reshape(x0.shape)


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    betas = [0.1, 0.2, 0.5]
    return [
        Case((_a([1.0], [2.0], [-1.0]), np.array([0, 1, 2]), betas, _a([0.5], [-1.0], [2.0])),
             note="the statement's example",
             expected=_a([np.sqrt(0.9) + np.sqrt(0.1) * 0.5],
                         [np.sqrt(0.72) * 2 - np.sqrt(0.28)], [1.0])),
        Case((_a([3.0, -2.0]), 2, betas, _a([1.0, 0.5])),
             note="one int step for the batch: abar = 0.36",
             expected=_a([0.6 * 3 + 0.8, 0.6 * -2 + 0.4])),
        Case((_a([1.0, 1.0], [1.0, 1.0]), np.array([0, 0]), [0.19], _a([0.0, 0.0], [1.0, -1.0])),
             note="T = 1, t = 0: abar = 0.81",
             expected=_a([0.9, 0.9], [0.9 + np.sqrt(0.19), 0.9 - np.sqrt(0.19)])),
        Case((_a(5.0, -5.0), np.array([0, 1]), [0.0, 0.0], _a(7.0, 7.0)),
             note="zero betas: nothing is noised", expected=_a(5.0, -5.0)),
        Case((_a([5.0]), np.array([1]), [0.5, 1.0], _a([-2.0])),
             note="beta = 1 wipes the signal out: x_t = eps", expected=_a([-2.0])),
        Case((np.arange(8.0).reshape(2, 2, 2), np.array([1, 0]), [0.36, 0.75],
              np.ones((2, 2, 2))),
             note="images (n, h, w): abar = [0.16, 0.64], one per example",
             expected=np.array([[[0.0 + np.sqrt(0.84), 0.4 + np.sqrt(0.84)],
                                 [0.8 + np.sqrt(0.84), 1.2 + np.sqrt(0.84)]],
                                [[3.2 + 0.6, 4.0 + 0.6], [4.8 + 0.6, 5.6 + 0.6]]])),
        Case((_a(1.0, 2.0, 3.0), np.array([2, 1, 0]), betas, _a(0.0, 0.0, 0.0)),
             note="vectors x0 of shape (n,): one number per example",
             expected=_a(0.6, 2 * np.sqrt(0.72), 3 * np.sqrt(0.9))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        T = int(rng.integers(1, 1001))
        betas = linear_beta_schedule(T) if i % 2 else cosine_beta_schedule(T)
        n = int(rng.integers(1, 40))
        shape = [(n,), (n, int(rng.integers(1, 6))), (n, 3, 4), (n, 2, 3, 3)][i % 4]
        x0 = rng.normal(size=shape) * 2.0
        eps = rng.normal(size=shape)
        t = int(rng.integers(0, T)) if i % 5 == 0 else rng.integers(0, T, n)
        cases.append(Case((x0, t, betas, eps), note=f"T = {T}, batch of shape {shape}",
                          size=int(x0.size) + T))
    return cases


SPEC = ExerciseSpec(
    function="q_sample",
    # A product of up to 1000 factors: rounding of ~1e-13 relative; 1e-9 is far above it.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
