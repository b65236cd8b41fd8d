"""Cases for generative-models/iwae-bound.

Expected values are assembled from library and SciPy parts along another route: samples
by mlinterview.ml.generative.reparameterize, log p(x | z) as minus the library's
binary_cross_entropy_with_logits (reduction="sum" per sample; checked against PyTorch in
tests/parity), both Gaussian log-densities by scipy.stats.norm.logpdf at z (q with scale
exp(logvar / 2), not through eps), and the bound by scipy.special.logsumexp. The fixed
cases are worked by hand.
"""

import numpy as np
from scipy.special import logsumexp
from scipy.stats import norm

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.generative import reparameterize
from mlinterview.ml.nn.functional import binary_cross_entropy_with_logits


def reference(x, mu, logvar, eps, W, b):
    x, mu, logvar, eps, W, b = (np.asarray(a, dtype=float) for a in (x, mu, logvar, eps, W, b))
    K, n = eps.shape[:2]
    log_w = np.empty((K, n))
    for k in range(K):
        z = reparameterize(mu, logvar, eps[k])
        logits = z @ W + b
        log_px = np.array([-binary_cross_entropy_with_logits(
            Tensor(logits[i]), x[i], reduction="sum").item() for i in range(n)])
        log_w[k] = (log_px + norm.logpdf(z).sum(-1)
                    - norm.logpdf(z, loc=mu, scale=np.exp(0.5 * logvar)).sum(-1))
    return log_w.mean(axis=0), logsumexp(log_w, axis=0) - np.log(K)


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    x1, mu1, lv4 = _a([1.0]), _a([1.0]), _a([np.log(4.0)])    # each of shape (1, 1)
    return [
        Case((x1, mu1, lv4, _a([[0.0]], [[1.0]]), _a([0.0]), _a(0.0)),
             note="the statement's example",
             expected=(_a(-2.25), _a(np.log((np.exp(-0.5) + np.exp(-4.0)) / 2)))),
        Case((x1, mu1, lv4, _a([[1.0]]), _a([0.0]), _a(0.0)),
             note="K = 1: the two bounds are equal", expected=(_a(-4.0), _a(-4.0))),
        # z = 0 (mu = 0, eps = 0, logvar = 0): p(z) = q(z); logits b = [0, 0]: -2 log 2.
        Case((_a([1.0, 0.0]), _a([0.0]), _a([0.0]), np.zeros((3, 1, 1)), _a([5.0, -5.0]),
              _a(0.0, 0.0)), note="three identical samples at z = 0, two pixels",
             expected=(_a(-2 * np.log(2)), _a(-2 * np.log(2)))),
        # z = 1, logits [1000, 1000]: pixel 0 on (log sigma(1000) = 0), pixel 1 off
        # (log sigma(-1000) = -1000); log p(z) - log q(z) = -1/2 (mu 1, eps 0).
        Case((_a([1.0, 0.0]), _a([1.0]), _a([0.0]), _a([[0.0]], [[0.0]]),
              _a([1000.0, 1000.0]), _a(0.0, 0.0)),
             note="log weights near -1000: exp underflows",
             expected=(_a(-1000.5), _a(-1000.5))),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        n, d, L, K = (int(rng.integers(1, 30)), int(rng.integers(1, 20)),
                      int(rng.integers(1, 5)), int(rng.integers(1, 12)))
        scale = [0.3, 1.0, 5.0, 40.0][i % 4]                 # the last: weights near -1e3
        args = ((rng.random((n, d)) < 0.4).astype(float), rng.normal(size=(n, L)),
                rng.normal(size=(n, L)) * 0.8 - 0.5, rng.normal(size=(K, n, L)),
                rng.normal(size=(L, d)) * scale, rng.normal(size=d))
        cases.append(Case(args, note=f"n = {n}, d = {d}, L = {L}, K = {K}, decoder scale "
                          f"{scale}", size=K * n * (d + L)))
    return cases


SPEC = ExerciseSpec(
    function="iwae_bound",
    # Sums of up to a few hundred log-terms of size up to ~1e3: agreement to ~1e-12
    # relative between the two routes.
    compare=AllClose(rtol=1e-8, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
