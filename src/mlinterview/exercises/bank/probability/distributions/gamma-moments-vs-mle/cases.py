"""Cases for distributions/gamma-moments-vs-mle.

The method-of-moments fit is the closed form (worked by hand in the first cases); the
maximum-likelihood fit comes from scipy.stats.gamma.fit(x, floc=0), which solves the same
score equation with a bracketing root finder (our library has distributions but no gamma
fitter). Generated shapes stay below 1e3: the root's relative sensitivity to s is about
2a, and s = log(m) - mean(log x) is a difference of nearly equal numbers, so beyond 1e4
two correct solvers disagree in the tenth digit and Newton's steps stall at that noise.
"""

import numpy as np
from scipy import optimize, stats

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(x):
    x = np.asarray(x, dtype=float)
    m = x.mean()
    v = np.mean((x - m) ** 2)
    a, _, scale = stats.gamma.fit(x, floc=0)
    return (m * m / v, m / v), (float(a), 1.0 / float(scale))


def _pair_with_shape(a):
    """Data [1, t] whose MLE shape is exactly ``a``, and the fit worked by hand.

    The MLE solves log(a) - psi(a) = s, so choose t with log((1 + t)/2) - log(t)/2 equal
    to log(a) - psi(a) at a = 1 (psi(1) = -gamma, Euler's constant) or a = 2
    (psi(2) = 1 - gamma). Then a_mle = a, b_mle = a / m, and the moments are closed form.
    """
    euler = 0.5772156649015329
    target = {1: euler, 2: np.log(2.0) - 1.0 + euler}[a]
    t = optimize.brentq(lambda t: np.log((1 + t) / 2) - np.log(t) / 2 - target, 1.0 + 1e-9,
                        1e6, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    m, v = (1 + t) / 2, ((t - 1) / 2) ** 2
    return Case(([1.0, t],), note=f"two points whose MLE shape is exactly {a}",
                expected=((m * m / v, m / v), (float(a), a / m)))


def fixed():
    return [
        _pair_with_shape(1),
        _pair_with_shape(2),
        # m = 2.5, v = 1.25: a = 6.25 / 1.25 = 5, b = 2.5 / 1.25 = 2.
        Case(([1.0, 2.0, 3.0, 4.0],), note="worked example (moments by hand)"),
        # m = 2, v = 1: a = 4, b = 2.
        Case(([1.0, 3.0],), note="two points"),
        Case(([1.0, 1.0, 1.0, 5.0],), note="three equal values and an outlier"),
        Case(([1e8, 2e8, 3e8, 4e8],), note="the worked example times 1e8: rates scale"),
        Case(([1e-9, 3e-9],), note="tiny values"),
        Case(([0.001, 0.01, 0.1, 1.0, 10.0, 100.0],), note="spread over five decades: a < 1"),
        Case(([90.0, 100.0, 110.0, 95.0, 105.0],), note="clustered: a near 200"),
        Case((np.array([0.5, 2.0, 0.7, 3.1, 1.2, 0.9, 5.5]),), note="skewed sample"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        shape = float(np.exp(rng.uniform(np.log(0.1), np.log(1e3))))
        scale = float(np.exp(rng.uniform(np.log(1e-3), np.log(1e3))))
        n = int(rng.integers(2, 60)) if i < 27 else 2000
        x = rng.gamma(shape, scale, size=n)
        while x.min() < 1e-250 or np.ptp(x) == 0:
            x = rng.gamma(shape, scale, size=n)
        cases.append(Case((x,), note=f"{n} draws, shape {shape:.3g}, scale {scale:.3g}"))
    return cases


SPEC = ExerciseSpec(
    function="fit_gamma",
    # Newton to 1e-10 and SciPy's root finder agree to about 1e-12 for these shapes;
    # Minka's start alone is off by up to 1.5e-2.
    compare=AllClose(rtol=1e-7, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
