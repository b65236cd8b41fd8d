"""Cases for bayes-rule/multinomial-naive-bayes.

Expected values come from mlinterview.ml.naive_bayes.MultinomialNB(alpha=alpha)
.fit(X_train, y_train).predict_log_proba(X_test) (checked against scikit-learn's
MultinomialNB in tests/parity); the first case is worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.naive_bayes import MultinomialNB


def reference(X_train, y_train, X_test, alpha=1.0):
    model = MultinomialNB(alpha=alpha).fit(np.asarray(X_train, dtype=float),
                                           np.asarray(y_train))
    return model.predict_log_proba(np.asarray(X_test, dtype=float))


def fixed():
    train = [[2, 0], [1, 1], [0, 3]]
    return [
        Case((train, [0, 0, 1], [[1, 1]]), note="worked example",
             expected=np.array([[math.log(75 / 102), math.log(27 / 102)]])),
        # Empty document: only the priors remain.
        Case((train, [0, 0, 1], [[0, 0]]), note="an empty document: the prior",
             expected=np.array([[math.log(2 / 3), math.log(1 / 3)]])),
        # One class: the posterior is 1, log 0.
        Case(([[1, 2], [3, 0]], [4, 4], [[5, 5], [0, 1]]), note="a single class",
             expected=np.zeros((2, 1))),
        Case((train, [0, 0, 1], [[0, 500], [800, 0]]), note="long documents: exp underflows"),
        Case((train, [5, 5, 9], [[3, 0], [0, 1]]), {"alpha": 0.01},
             note="labels 5 and 9, Lidstone alpha = 0.01"),
        Case(([[0, 0, 4], [1, 0, 0], [0, 2, 0], [3, 0, 1]], [2, 0, 1, 0], [[1, 1, 1]]),
             {"alpha": 2.5}, note="three classes, a word unseen in two of them"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        c = int(rng.integers(2, 6))
        d = int(rng.integers(2, 30)) if i < 25 else 300
        n = int(rng.integers(c, 60)) if i < 25 else 600
        m = int(rng.integers(1, 20)) if i < 25 else 200
        profiles = rng.dirichlet(np.ones(d) * 0.5, size=c)      # each class's word mix
        y = np.concatenate([np.arange(c), rng.integers(0, c, size=n - c)])
        lengths = rng.integers(0, 40, size=n)
        X = np.array([rng.multinomial(L, profiles[k]) for L, k in zip(lengths, y, strict=True)])
        test_len = rng.integers(0, 3000 if i % 4 == 0 else 50, size=m)
        X_test = np.array([rng.multinomial(L, profiles[rng.integers(c)]) for L in test_len])
        labels = rng.choice([0, 3, 7, 10, 11, 42], size=c, replace=False)
        alpha = float(rng.choice([1.0, 0.5, 0.1, 2.0]))
        cases.append(Case((X, labels[y], X_test), {"alpha": alpha},
                          note=f"{n} documents, {d} words, {c} classes, alpha {alpha}"))
    return cases


SPEC = ExerciseSpec(
    function="nb_log_posterior",
    # Log posteriors of long documents are differences of numbers near 1e4, which carry
    # about 1e-12 absolute rounding; hence the atol.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
