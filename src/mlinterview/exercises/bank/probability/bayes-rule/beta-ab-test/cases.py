"""Cases for bayes-rule/beta-ab-test.

Neither our library nor SciPy has this probability in closed form, so generated expected
values are computed by numerical integration with SciPy, independently of the exact sum:
P(p_B > p_A) = ∫ f_B(x) F_A(x) dx, with f_B the Beta density of B (scipy.stats.beta) and
F_A the CDF of A (scipy.special.betainc), integrated by scipy.integrate.quad over B's
mean ± 40 standard deviations. The two agree to about 1e-10; the small cases are worked
by hand.
"""

import numpy as np
from scipy import integrate, special, stats

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(s_a, n_a, s_b, n_b, prior=(1, 1)):
    a0, b0 = prior
    alpha_a, beta_a = a0 + s_a, b0 + n_a - s_a
    posterior_b = stats.beta(a0 + s_b, b0 + n_b - s_b)
    mean, sd = posterior_b.mean(), posterior_b.std()
    lo, hi = max(0.0, mean - 40 * sd), min(1.0, mean + 40 * sd)
    value, _ = integrate.quad(lambda x: posterior_b.pdf(x) * special.betainc(alpha_a, beta_a, x),
                              lo, hi, points=[mean], epsabs=1e-14, epsrel=1e-12, limit=500)
    return float(value)


def fixed():
    return [
        Case((0, 0, 1, 1), note="worked example: Beta(1,1) vs Beta(2,1)", expected=2 / 3),
        Case((0, 1, 1, 1), note="Beta(1,2) vs Beta(2,1)", expected=5 / 6),
        Case((0, 0, 0, 0), note="no data at all: a fair coin", expected=0.5),
        Case((7, 20, 7, 20), note="identical data: exactly 1/2", expected=0.5),
        # A ~ Beta(1, 1), B ~ Beta(1, 2) (B failed once): ∫ 2(1 - x) · x dx = 1/3.
        Case((0, 0, 0, 1), note="B failed once", expected=1 / 3),
        Case((3, 10, 5, 12), note="small counts: the normal approximation is off"),
        Case((0, 50, 0, 3), note="no successes anywhere"),
        Case((50, 50, 3, 3), note="no failures anywhere"),
        Case((1200, 10000, 1270, 10000), note="ten thousand visitors each"),
        Case((500, 1000, 100, 1000), note="B far worse: about 1e-90"),
        Case((2, 40, 9, 35), {"prior": (2, 3)}, note="an informative Beta(2, 3) prior"),
        Case((1, 9, 3, 11), {"prior": (1, 0.5)}, note="a fractional b0"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        top = 60 if i < 18 else 20000
        n_a, n_b = (int(v) for v in rng.integers(0, top, size=2))
        p_a = float(rng.uniform(0.01, 0.99))
        p_b = float(np.clip(p_a + rng.normal(0, 0.3 if top == 60 else 0.01), 0.001, 0.999))
        s_a, s_b = int(rng.binomial(n_a, p_a)), int(rng.binomial(n_b, p_b))
        prior = (int(rng.integers(1, 4)), float(rng.choice([1.0, 0.5, 2.0, 5.0])))
        cases.append(Case((s_a, n_a, s_b, n_b), {"prior": prior},
                          note=f"A {s_a}/{n_a}, B {s_b}/{n_b}, prior {prior}",
                          size=n_a + n_b))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="prob_b_beats_a",
    # The exact sum and adaptive quadrature agree to ~1e-10 absolute; quadrature has no
    # relative accuracy for probabilities near 1e-90, hence the atol.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
