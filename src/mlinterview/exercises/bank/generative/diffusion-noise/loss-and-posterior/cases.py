"""Cases for diffusion-noise/loss-and-posterior.

Expected values are computed along a second route through the library: x_t by
mlinterview.ml.generative.q_sample, the loss by mlinterview.ml.nn.functional.mse_loss
(checked against PyTorch in tests/parity), and both means by the reverse-step formula of
DDPM.sample, (x_t - beta_t / sqrt(1 - abar_t) * noise) / sqrt(alpha_t), with the true noise
for the posterior mean and the predicted one for the model mean; the variance is the one
DDPM.sample uses (0 at the first step). A correct solution from the statement's x0/x_t
weights must therefore agree with the sampler's noise form. The fixed cases are worked by
hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.generative import cosine_beta_schedule, linear_beta_schedule, q_sample
from mlinterview.ml.nn.functional import mse_loss


def reference(x0, t, betas, eps, eps_pred):
    x0, eps, eps_pred = (np.asarray(a, dtype=float) for a in (x0, eps, eps_pred))
    t, betas = np.asarray(t), np.asarray(betas, dtype=float)
    ab = np.cumprod(1.0 - betas)
    xt = q_sample(x0, t, ab, eps)
    loss = float(mse_loss(Tensor(eps_pred), Tensor(eps)).item())

    def reverse_mean(noise):                   # the line of DDPM.sample, per example
        scale = (betas[t] / np.sqrt(1.0 - ab[t]))[:, None]
        return (xt - scale * noise) / np.sqrt(1.0 - betas[t])[:, None]

    var = np.where(t > 0, betas[t] * (1.0 - ab[np.maximum(t - 1, 0)]) / (1.0 - ab[t]), 0.0)
    return loss, reverse_mean(eps), var, reverse_mean(eps_pred)


def _a(*rows):
    return np.array(rows, dtype=float)


R2 = np.sqrt(2.0)


def fixed():
    betas = [0.1, 0.2, 0.5]
    return [
        Case((_a([1.0], [2.0]), np.array([0, 2]), betas, _a([0.5], [2.0]), _a([0.0], [1.0])),
             note="the statement's example",
             expected=(0.625, _a([1.0], [1.55 * R2]), _a(0.0, 7 / 32),
                       _a([7 / 6], [2.175 * R2]))),
        # t = 1: alpha = 0.8, abar = 0.72, abar_prev = 0.9, beta = 0.2.
        # x_t = sqrt(.72) * 1 + sqrt(.28) * 0 = sqrt(.72); var = 0.2 * 0.1 / 0.28 = 1/14.
        # post_mean = sqrt(.9) * .2/.28 * 1 + sqrt(.8) * .1/.28 * sqrt(.72)
        #           = (5/7) sqrt(.9) + (1/2.8) sqrt(.576); with eps_pred = eps the model
        #           mean equals it.
        Case((_a([1.0, -1.0]), np.array([1]), betas, _a([0.0, 0.0]), _a([0.0, 0.0])),
             note="a perfect prediction: model mean = posterior mean, loss 0",
             expected=(0.0, _a([5 / 7 * np.sqrt(0.9) + np.sqrt(0.576) / 2.8,
                                -(5 / 7 * np.sqrt(0.9) + np.sqrt(0.576) / 2.8)]),
                       _a(1 / 14),
                       _a([5 / 7 * np.sqrt(0.9) + np.sqrt(0.576) / 2.8,
                           -(5 / 7 * np.sqrt(0.9) + np.sqrt(0.576) / 2.8)]))),
        Case((_a([3.0, 4.0], [3.0, 4.0]), np.array([0, 0]), [0.36], _a([1.0, 1.0], [-1.0, 0.0]),
              _a([0.0, 1.0], [1.0, 2.0])),
             note="t = 0 everywhere: exact posterior, loss over all n·d entries",
             expected=(2.25, _a([3.0, 4.0], [3.0, 4.0]), _a(0.0, 0.0),
                       # x_t = 0.8 x0 + 0.6 eps; model mean = (x_t - 0.6 eps_pred) / 0.8
                       _a([3.0 + 0.75, 4.0], [3.0 - 1.5, 4.0 - 1.5]))),
        Case((_a([2.0]), np.array([1]), [0.5, 0.5], _a([-1.0]), _a([1.0])),
             note="betas of 0.5: abar = [0.5, 0.25], var = 0.5 · 0.5 / 0.75 = 1/3",
             # x_t = 0.5 * 2 + sqrt(.75) * (-1); post_mean = sqrt(.5) .5/.75 * 2
             #   + sqrt(.5) .5/.75 x_t; model mean = (x_t - .5/sqrt(.75)) / sqrt(.5)
             expected=(4.0,
                       _a([np.sqrt(0.5) * 2 / 3 * (2.0 + 1.0 - np.sqrt(0.75))]),
                       _a(1 / 3),
                       _a([(1.0 - np.sqrt(0.75) - 0.5 / np.sqrt(0.75)) / np.sqrt(0.5)]))),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        T = int(rng.integers(2, 1001))
        betas = linear_beta_schedule(T) if i % 2 else cosine_beta_schedule(T)
        n, d = int(rng.integers(1, 40)), int(rng.integers(1, 6))
        x0 = rng.normal(size=(n, d)) * 1.5
        eps = rng.normal(size=(n, d))
        eps_pred = eps + rng.normal(size=(n, d)) * rng.uniform(0.05, 1.0)
        t = rng.integers(0, T, n)
        t[: n // 4] = 0                          # the first step, where abar_prev = 1
        t[n // 4: n // 3] = T - 1                # the last step, where abar is smallest
        cases.append(Case((x0, t, betas, eps, eps_pred), note=f"T = {T}, n = {n}, d = {d}",
                          size=n * d + T))
    return cases


SPEC = ExerciseSpec(
    function="ddpm_loss_and_posterior",
    # Two algebraically equal forms of the means: rounding differs by ~1e-13 relative.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
