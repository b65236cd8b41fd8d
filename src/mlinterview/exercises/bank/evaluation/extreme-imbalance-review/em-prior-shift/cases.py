"""Cases for extreme-imbalance-review/em-prior-shift.

Our library has no prior-shift estimator (nor does scikit-learn), so the expected values
come from SciPy by another route than EM: the deployment priors are the maximum of the
likelihood of the unlabelled deployment predictions,

    L(pi) = sum_i log sum_k pi_k p_ik / pi_train_k,

which is what EM's fixed point is (Saerens, Latinne & Decaestecker, Neural Computation
2002). The reference maximises it with scipy.optimize.minimize (BFGS, analytic gradient)
over a softmax parametrisation of the simplex, polishes the root of the gradient with
scipy.optimize.root and checks that the gradient vanished; the
corrected probabilities then follow from Bayes' rule with scipy.special.softmax in log
space. EM stopped at a step below 1e-12 agrees with that maximum to ~1e-9 on these cases
(checked while writing them); the tolerance is 1e-7.

A few cases pass a large `tol`, where EM stops far from the maximum after one or two
steps: their expected values are worked by hand, and the reference follows the
statement's iteration there (in log space, with scipy.special.softmax).
"""

import numpy as np
from scipy.optimize import minimize, root
from scipy.special import softmax

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def _early_stopped_em(P, train, tol):
    """The statement's EM in log space, for the cases that stop after a few steps."""
    with np.errstate(divide="ignore"):
        log_w = np.log(P) - np.log(train)
    priors = train
    for _ in range(1000):
        new = softmax(log_w + np.log(priors), axis=1).mean(axis=0)
        done = np.max(np.abs(new - priors)) < tol
        priors = new
        if done:
            break
    return priors, softmax(log_w + np.log(priors), axis=1)


def reference(probs, train_priors, tol=1e-12):
    P = np.asarray(probs, dtype=float)
    train = np.asarray(train_priors, dtype=float)
    if tol > 1e-9:
        return _early_stopped_em(P, train, tol)
    W = P / train

    def priors_of(theta):
        return softmax(np.r_[0.0, theta])           # class 0's logit fixed at 0

    def nll_and_grad(theta):
        pi = priors_of(theta)
        mix = W @ pi                                 # (n,)
        resp = W * pi / mix[:, None]                 # responsibilities
        grad = pi - resp.mean(axis=0)                # d(-L/n)/d(logits), all K of them
        return -np.mean(np.log(mix)), grad[1:]

    start = np.log(np.clip(P.mean(axis=0), 1e-300, None))
    result = minimize(nll_and_grad, start[1:] - start[0], jac=True, method="BFGS",
                      options={"gtol": 1e-12, "maxiter": 10_000})
    # Polish: solve "gradient = 0" from there (BFGS may stop a little early on flat
    # likelihoods, where a small gradient still means a sizeable error in the priors).
    theta = root(lambda th: nll_and_grad(th)[1], result.x, tol=1e-15).x
    priors = priors_of(theta)
    grad = np.abs(nll_and_grad(theta)[1]).max()
    if grad > 1e-12:
        raise RuntimeError(f"reference: the likelihood maximum was not reached (|grad| {grad})")
    with np.errstate(divide="ignore"):
        log_w = np.log(P) - np.log(train) + np.log(priors)
    adjusted = softmax(log_w, axis=1)
    return priors, adjusted


def fixed():
    return [
        # The worked example: the likelihood (0.1 + 0.8 pi)(0.7 - 0.4 pi) is maximal at
        # pi = 0.8125; Bayes' rule then gives 0.975 and 0.65 (their mean is 0.8125).
        Case(([[0.9, 0.1], [0.3, 0.7]], [0.5, 0.5]), note="worked example of the statement",
             expected=(np.array([0.8125, 0.1875]), np.array([[0.975, 0.025], [0.65, 0.35]]))),
        # The mean prediction already equals the training prior: nothing moves.
        # tol = 0.2: the first step moves the prior from 0.5 to 0.6 (< 0.2): stop there.
        # Rows corrected to 0.6: 0.54 / 0.58 = 27/29 and 0.18 / 0.46 = 9/23.
        Case(([[0.9, 0.1], [0.3, 0.7]], [0.5, 0.5]), {"tol": 0.2},
             note="a large tol: EM stops after one step",
             expected=(np.array([0.6, 0.4]), np.array([[27 / 29, 2 / 29], [9 / 23, 14 / 23]]))),
        # tol = 0.08: step 1 moves 0.1 (go on), step 2 gives (27/29 + 9/23) / 2 = 441/667,
        # a move of 0.061 < 0.08: stop. Rows corrected to 441/667: 0.9·441 / (0.9·441 +
        # 0.1·226) = 3969/4195 and 0.3·441 / (0.3·441 + 0.7·226) = 1323/2905.
        Case(([[0.9, 0.1], [0.3, 0.7]], [0.5, 0.5]), {"tol": 0.08},
             note="tol 0.08: EM stops after two steps",
             expected=(np.array([441 / 667, 226 / 667]),
                       np.array([[3969 / 4195, 226 / 4195], [1323 / 2905, 1582 / 2905]]))),
        Case(([[0.8, 0.2], [0.2, 0.8]], [0.5, 0.5]), note="no shift: the priors stay",
             expected=(np.array([0.5, 0.5]), np.array([[0.8, 0.2], [0.2, 0.8]]))),
        # Training prior 0.2 for class 1 and the same mean; shift to the same prior.
        Case(([[0.9, 0.1], [0.7, 0.3]], [0.8, 0.2]), note="no shift, unequal priors",
             expected=(np.array([0.8, 0.2]), np.array([[0.9, 0.1], [0.7, 0.3]]))),
        # Same as the worked example but both training priors are 0.25 / 0.75: the weights
        # W = p / pi_train change, so the maximum moves. Worked by the reference.
        Case((np.array([[0.9, 0.1], [0.3, 0.7]]), np.array([0.25, 0.75])),
             note="the worked example's predictions under other training priors"),
        Case(([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.6, 0.3, 0.1],
               [0.5, 0.4, 0.1]], [0.2, 0.5, 0.3]), note="three classes, five samples"),
        Case(([[0.5, 0.5, 0.0], [0.3, 0.6, 0.1], [0.6, 0.1, 0.3], [0.2, 0.7, 0.1]],
              [0.4, 0.4, 0.2]), note="a probability of exactly 0"),
    ]


def _em(P, train):
    """The statement's EM, used only to keep cases where it converges well."""
    W = P / train
    pi = train.copy()
    for it in range(1000):
        new = (W * pi / (W @ pi)[:, None]).mean(axis=0)
        if np.max(np.abs(new - pi)) < 1e-12:
            return new, it
        pi = new
    return pi, 1000


def generated(rng):
    cases = []
    while len(cases) < 20:
        i = len(cases)
        K = int(rng.integers(2, 6))
        n = int(rng.integers(5, 200)) if i < 19 else 2000
        train = rng.dirichlet(np.full(K, 3.0))
        deploy = rng.dirichlet(np.full(K, 2.0))
        if train.min() < 0.03 or deploy.min() < 0.03:
            continue
        # Deployment samples: a true class from the deployment prior, a class-conditional
        # "evidence" vector, and the posterior a model calibrated on the TRAINING prior
        # would output for it.
        y = rng.choice(K, size=n, p=deploy)
        log_lik = rng.normal(scale=0.8, size=(n, K)) + rng.uniform(0.5, 2.5) * np.eye(K)[y]
        P = softmax(log_lik + np.log(train), axis=1)
        em, iterations = _em(P, train)
        if iterations > 300 or em.min() < 1e-3:
            continue                      # slow or at the boundary: the MLE is ill-posed
        args = (P, train)
        if i % 4 == 0:
            args = (P.tolist(), train.tolist())
        cases.append(Case(args, note=f"{n} samples, {K} classes", size=n * K))
    return cases


SPEC = ExerciseSpec(
    function="em_prior_shift",
    # EM stops at a step of 1e-12; its distance to the likelihood maximum is below 1e-9.
    compare=AllClose(rtol=1e-7, atol=1e-7),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
