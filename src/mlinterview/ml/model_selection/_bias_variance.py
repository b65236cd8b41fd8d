"""Bias-variance decomposition of a learning algorithm by bootstrap (as mlxtend's
``bias_variance_decomp``).

The model is refitted on ``num_rounds`` bootstrap resamples of the training set and
predicts the same test points each time; the spread of those predictions is the
*variance*, the error of their centre is the *bias*.

Squared loss, per test point ``x`` with target ``y`` and bootstrap predictions
``f_1(x) .. f_R(x)`` of mean ``f̄(x)``::

    mean_r (f_r - y)^2  =  (f̄ - y)^2  +  mean_r (f_r - f̄)^2
       expected loss        bias²          variance

exactly (the cross term vanishes because the deviations from the mean sum to zero).
The targets are noisy observations, so "bias²" here contains the noise; when the noise-free
function is known (a simulation), pass it to see the three terms apart.

Finite number of rounds. These plug-in values describe the ``R`` fitted models at hand. As
estimates of the bias and variance of the *learning algorithm* (the limit of infinitely
many training sets) they are biased: the mean of ``R`` predictions scatters around the true
average model with variance ``σ_f²/R``, so ``E[(f̄ - y)²] = bias² + σ_f²/R``, and the
divide-by-``R`` spread has expectation ``σ_f² (R - 1)/R``. With ``v`` the plug-in variance,
the unbiased estimates are::

    bias²    = (f̄ - y)^2 - v / (R - 1)
    variance = v · R / (R - 1)

and they still add up to the same expected loss. The correction matters for flexible
models: with 100 training sets a degree-10 polynomial whose variance is 268 gets 2.7 added
to its bias² by the plug-in estimate. An unbiased bias² can come out slightly below zero
when the true bias is near zero (it is an unbiased estimate of a quantity at the edge of
its range), and it needs ``R >= 2``. :func:`decompose_predictions` corrects by default;
:func:`bias_variance_decomposition` returns mlxtend's plug-in numbers by default.

0-1 loss (Domingos 2000): the *main prediction* is the most frequent label; bias is the
share of points where it is wrong, variance the share of predictions that differ from it.
There the two do not add up to the loss: variance *lowers* the loss where the main
prediction is wrong.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from mlinterview.ml._validation import check_1d, check_option, check_scalar
from mlinterview.ml.base import clone
from mlinterview.ml.model_selection._split import check_random_state, num_samples


class BiasVariance(NamedTuple):
    """Averages over the test points; unpacks as ``loss, bias, var`` like mlxtend."""

    expected_loss: float
    bias: float  # squared bias for "mse", the main prediction's error rate for "0-1"
    variance: float


def bootstrap_predictions(estimator, X_train, y_train, X_test, *, num_rounds: int = 200,
                          random_state=None) -> np.ndarray:
    """Predictions of ``(num_rounds, n_test)``: one refit on a bootstrap sample per row.

    Bootstrap rows are drawn as mlxtend does (``RandomState.choice`` with replacement), so
    the same seed gives the same resamples.
    """
    n = num_samples(X_train, "X_train")
    if num_samples(y_train, "y_train") != n:
        raise ValueError(f"inconsistent numbers of samples: X_train has {n}, y_train has "
                         f"{num_samples(y_train, 'y_train')}")
    check_scalar(num_rounds, "num_rounds", numbers.Integral, lo=1)
    rng = check_random_state(random_state)
    X_train, y_train = np.asarray(X_train), np.asarray(y_train)
    rows = []
    for _ in range(num_rounds):
        idx = rng.choice(n, size=n, replace=True)
        rows.append(np.asarray(clone(estimator).fit(X_train[idx], y_train[idx]).predict(X_test)))
    return np.stack(rows)


def decompose_predictions(predictions: np.ndarray, y_test, loss: str = "mse", *,
                          unbiased: bool = True) -> BiasVariance:
    """Expected loss, bias and variance from predictions ``(n_rounds, n_test)`` of models
    fitted on ``n_rounds`` training sets, scored against ``y_test`` ``(n_test,)``; each
    term is averaged over the test points.

    ``loss="mse"``: ``expected_loss = mean (prediction - y)²``. With ``unbiased=True``
    (the default) bias² and variance estimate the learning algorithm's terms (infinitely
    many training sets): ``bias² = mean (f̄ - y)² - v/(R - 1)`` and ``variance = v·R/(R - 1)``,
    with ``f̄`` the mean prediction, ``v`` the divide-by-``R`` spread and ``R = n_rounds``
    (needs ``R >= 2``). With ``unbiased=False`` they are the plug-in values of the ``R``
    models at hand (``(f̄ - y)²`` and ``v``), as mlxtend reports them. Either way
    ``expected_loss = bias² + variance`` exactly.

    ``loss="0-1"``: Domingos' main prediction, bias and variance (``unbiased`` is ignored).
    """
    check_option(loss, "loss", ("mse", "0-1"))
    if not isinstance(unbiased, (bool, np.bool_)):
        raise TypeError(f"unbiased: expected True or False, got {unbiased!r}")
    y_test = check_1d(y_test, "y_test")
    predictions = np.asarray(predictions)
    if predictions.ndim != 2 or predictions.shape[1] != len(y_test):
        raise ValueError(f"predictions: expected shape (n_rounds, {len(y_test)}), got "
                         f"{predictions.shape}")
    if loss == "mse":
        n_rounds = predictions.shape[0]
        if unbiased and n_rounds < 2:
            raise ValueError(f"predictions: the unbiased estimate needs at least 2 rounds "
                             f"(rows), got {n_rounds}; pass unbiased=False for the plug-in "
                             f"values of a single model")
        predictions = predictions.astype(float)
        main = predictions.mean(axis=0)
        loss_ = float(np.mean((predictions - y_test) ** 2))
        bias2 = float(np.mean((main - y_test) ** 2))
        variance = float(np.mean((predictions - main) ** 2))
        if unbiased:
            # E[(f̄ - y)²] = bias² + σ_f²/R and E[v] = σ_f² (R - 1)/R: remove the first
            # excess, undo the second shrinkage. The sum stays the expected loss.
            bias2 -= variance / (n_rounds - 1)
            variance *= n_rounds / (n_rounds - 1)
        return BiasVariance(loss_, bias2, variance)
    # 0-1 loss: encode labels, count votes per test point with one bincount.
    labels, codes = np.unique(np.concatenate([predictions.ravel(), y_test]),
                              return_inverse=True)
    k = len(labels)
    pred_codes = codes[: predictions.size].reshape(predictions.shape)
    y_codes = codes[predictions.size:]
    n_test = len(y_test)
    votes = np.bincount((np.arange(n_test) * k + pred_codes).ravel(),
                        minlength=n_test * k).reshape(n_test, k)
    main = votes.argmax(axis=1)  # ties go to the smallest label, as np.argmax(np.bincount)
    return BiasVariance(float(np.mean(pred_codes != y_codes)),
                        float(np.mean(main != y_codes)),
                        float(np.mean(pred_codes != main)))


def bias_variance_decomposition(estimator, X_train, y_train, X_test, y_test, *,
                                loss: str = "mse", num_rounds: int = 200,
                                random_state=None, unbiased: bool = False) -> BiasVariance:
    """Bootstrap estimate of expected test loss, bias and variance of ``estimator``.

    Parameters
    ----------
    estimator : an unfitted estimator (cloned for every round)
    X_train : (n_train, n_features); y_train : (n_train,)
    X_test : (n_test, n_features); y_test : (n_test,)
    loss : ``"mse"`` (expected loss = bias² + variance exactly) or ``"0-1"``
    num_rounds : bootstrap refits
    random_state : int, RandomState or None (mlxtend's ``random_seed``)
    unbiased : False (default) gives mlxtend's plug-in numbers over the ``num_rounds``
        refits; True removes their Monte Carlo bias (see :func:`decompose_predictions`).

    Returns
    -------
    BiasVariance(expected_loss, bias, variance), each averaged over the test points.
    """
    check_option(loss, "loss", ("mse", "0-1"))
    y_test = check_1d(y_test, "y_test")
    if num_samples(X_test, "X_test") != len(y_test):
        raise ValueError(f"inconsistent numbers of samples: X_test has "
                         f"{num_samples(X_test)}, y_test has {len(y_test)}")
    preds = bootstrap_predictions(estimator, X_train, y_train, X_test,
                                  num_rounds=num_rounds, random_state=random_state)
    return decompose_predictions(preds, y_test, loss, unbiased=unbiased)
