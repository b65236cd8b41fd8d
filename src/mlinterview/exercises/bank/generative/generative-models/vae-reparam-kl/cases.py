"""Cases for generative-models/vae-reparam-kl.

Expected values come from mlinterview.ml.generative.reparameterize and gaussian_kl (the KL
is checked against torch.distributions.kl_divergence in tests/ml/test_generative.py); the
first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.generative import gaussian_kl, reparameterize


def reference(mu, logvar, eps):
    mu, logvar, eps = (np.asarray(a, dtype=np.float64) for a in (mu, logvar, eps))
    return reparameterize(mu, logvar, eps), gaussian_kl(mu, logvar)


def fixed():
    ln = math.log
    return [
        Case(([[0.0, 0.0]], [[0.0, 0.0]], [[1.0, -2.0]]),
             note="q is the prior: z = eps, KL = 0",
             expected=(np.array([[1.0, -2.0]]), np.array([0.0]))),
        # sigma = 1: z = 1 + 0.5; KL = ½ (1 + 1 - 1 - 0)
        Case(([[1.0]], [[0.0]], [[0.5]]), note="the statement's example",
             expected=(np.array([[1.5]]), np.array([0.5]))),
        # logvar = ln 4: sigma = 2 (not 4), z = 2; KL = ½ (4 - 1 - ln 4)
        Case(([[0.0]], [[ln(4.0)]], [[1.0]]), note="variance 4, so sigma is 2",
             expected=(np.array([[2.0]]), np.array([0.5 * (3.0 - ln(4.0))]))),
        # sigma = (1, 0.5): z = (2, -1 + 1); KL = ½(1 + 4 - 1) + ½(0.25 - 1 - ln 0.25)
        Case(([[2.0, -1.0]], [[0.0, 2 * ln(0.5)]], [[0.0, 2.0]]),
             note="two latent dimensions, one row",
             expected=(np.array([[2.0, 0.0]]),
                       np.array([2.0 + 0.5 * (0.25 - ln(0.25))]))),
        Case(([[0.0], [3.0]], [[0.0], [0.0]], [[0.0], [0.0]]),
             note="two rows: one KL each (0 and 4.5)",
             expected=(np.array([[0.0], [3.0]]), np.array([0.0, 4.5]))),
        Case((np.zeros((3, 2)), np.full((3, 2), -20.0), np.ones((3, 2))),
             note="tiny variances: sigma ~ 4.5e-5, the KL is large but finite"),
    ]


def generated(rng):
    cases = []
    for i in range(12):
        n = int(rng.integers(1, 60)) if i < 11 else 20_000
        d = int(rng.integers(1, 9))
        mu = rng.normal(0.0, 1.5, (n, d))
        logvar = rng.normal(0.0, 1.0, (n, d))
        eps = rng.standard_normal((n, d))
        cases.append(Case((mu, logvar, eps), note=f"random batch n={n}, d={d}"))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="vae_reparam_kl",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
