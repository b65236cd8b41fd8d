"""Information theory on discrete distributions: entropy, cross-entropy, KL, mutual information.

All quantities take a ``base``: 2 gives bits, ``np.e`` (the default, as in SciPy and
scikit-learn) gives nats. The convention ``0 log 0 = 0`` is applied through
``scipy.special.xlogy``, so an outcome of probability zero contributes nothing, while a
``p > 0`` where ``q = 0`` makes cross-entropy and KL infinite (the model said "impossible"
and it happened).

- :func:`entropy` ``H(p) = -sum p log p``; :func:`cross_entropy` ``H(p, q) = -sum p log q``;
- :func:`kl_divergence` ``KL(p || q) = sum p log(p / q) = H(p, q) - H(p)`` (not symmetric);
- :func:`mutual_information` ``I(X; Y) = KL(p(x, y) || p(x) p(y))`` from two label arrays.

Probability vectors that do not sum to one are normalised (as ``scipy.stats.entropy``
does), so raw counts can be passed directly. Along ``axis``, several distributions are
handled at once.
"""

from __future__ import annotations

import numpy as np
from scipy.special import rel_entr, xlogy

from mlinterview.ml._validation import as_array, check_1d, check_consistent_length, check_scalar

__all__ = ["cross_entropy", "entropy", "kl_divergence", "mutual_information"]


def _log_base(base: float | None) -> float:
    """The natural log of ``base`` (1 for nats), to convert nats into that base."""
    if base is None:
        return 1.0
    check_scalar(base, "base", lo=0, include_lo=False)
    if base == 1:
        raise ValueError("base: expected a positive number other than 1, got 1")
    return float(np.log(base))


def _distribution(p: object, name: str, axis: int) -> np.ndarray:
    """A non-negative float array normalised to sum to one along ``axis``."""
    arr = as_array(p, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected probabilities or counts, got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if arr.ndim == 0 or arr.shape[axis] == 0:
        raise ValueError(f"{name}: expected at least one outcome along axis {axis}, got shape "
                         f"{arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: expected finite values, found NaN or infinity")
    if (arr < 0).any():
        raise ValueError(f"{name}: expected non-negative probabilities, found a negative value")
    total = arr.sum(axis=axis, keepdims=True)
    if (total == 0).any():
        raise ValueError(f"{name}: expected a distribution with positive total mass, got all "
                         "zeros")
    return arr / total


def _pair(p: object, q: object, axis: int) -> tuple[np.ndarray, np.ndarray]:
    pk = _distribution(p, "p", axis)
    qk = _distribution(q, "q", axis)
    try:
        pk, qk = np.broadcast_arrays(pk, qk)
    except ValueError:
        raise ValueError(f"p and q: expected the same shape, got {pk.shape} and {qk.shape}"
                         ) from None
    return pk, qk


def entropy(p, *, base: float | None = None, axis: int = 0):
    """Shannon entropy ``H(p) = -sum_i p_i log p_i``: the expected surprise of one draw.

    Parameters
    ----------
    p : array-like of shape (n_outcomes,) or (n_outcomes, ...)
        Probabilities or counts (normalised along ``axis``).
    base : float, optional
        Logarithm base; ``None`` means ``e`` (nats), 2 gives bits.
    axis : int
        The axis holding the outcomes.

    Returns
    -------
    float, or an array with ``axis`` removed. Between 0 (a sure outcome) and
    ``log(n_outcomes)`` (uniform).

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    """
    pk = _distribution(p, "p", axis)
    # 0 - sum, not -sum: a sure outcome's sum is 0.0, and -0.0 would print as "-0.000".
    h = (0.0 - xlogy(pk, pk).sum(axis=axis)) / _log_base(base)
    return float(h) if np.ndim(h) == 0 else h


def cross_entropy(p, q, *, base: float | None = None, axis: int = 0):
    """Cross-entropy ``H(p, q) = -sum_i p_i log q_i``: average code length for data from
    ``p`` when the code was built for ``q``; the mean negative log-likelihood of a model
    ``q`` on data whose empirical distribution is ``p``.

    Parameters
    ----------
    p, q : array-like of the same shape (n_outcomes, ...)
        Data and model distributions (normalised along ``axis``).

    Returns
    -------
    float or array; ``inf`` when some ``p_i > 0`` has ``q_i = 0``.
    """
    pk, qk = _pair(p, q, axis)
    with np.errstate(divide="ignore"):
        h = (0.0 - xlogy(pk, qk).sum(axis=axis)) / _log_base(base)  # no -0.0: see entropy
    return float(h) if np.ndim(h) == 0 else h


def kl_divergence(p, q, *, base: float | None = None, axis: int = 0):
    """Kullback-Leibler divergence ``KL(p || q) = sum_i p_i log(p_i / q_i) >= 0``.

    The extra code length paid for using ``q`` when the data follow ``p``:
    ``H(p, q) - H(p)``. Zero only when ``p == q``; not symmetric.

    Parameters
    ----------
    p, q : array-like of the same shape (n_outcomes, ...)

    Returns
    -------
    float or array; ``inf`` when some ``p_i > 0`` has ``q_i = 0``.
    """
    pk, qk = _pair(p, q, axis)
    # rel_entr(p, q) = p log(p/q) with 0 log(0/q) = 0: one call, no separate H terms
    # that could cancel badly when p and q are close.
    d = rel_entr(pk, qk).sum(axis=axis) / _log_base(base)
    return float(d) if np.ndim(d) == 0 else d


def mutual_information(labels_x, labels_y, *, base: float | None = None) -> float:
    """Mutual information ``I(X; Y) = sum_{x,y} p(x,y) log(p(x,y) / (p(x) p(y)))`` of two
    discrete variables observed together.

    Estimated from the empirical joint distribution (the contingency table) of two label
    arrays; equals ``H(X) + H(Y) - H(X, Y)`` and ``KL(p(x, y) || p(x) p(y))``.

    Parameters
    ----------
    labels_x, labels_y : array-like of shape (n_samples,)
        Paired observations (any hashable labels).

    Returns
    -------
    float, ``>= 0``; zero when the two are independent in the sample.
    """
    x = check_1d(labels_x, "labels_x")
    y = check_1d(labels_y, "labels_y")
    n = check_consistent_length(labels_x=x, labels_y=y)
    _, xi = np.unique(x, return_inverse=True)
    _, yi = np.unique(y, return_inverse=True)
    # Joint counts through one bincount over the flattened (x, y) cell index.
    n_y = yi.max() + 1
    joint = np.bincount(xi * n_y + yi, minlength=(xi.max() + 1) * n_y).reshape(-1, n_y)
    pxy = joint / n
    px = pxy.sum(axis=1, keepdims=True)
    py = pxy.sum(axis=0, keepdims=True)
    mi = rel_entr(pxy, px * py).sum() / _log_base(base)
    return max(float(mi), 0.0)  # rounding can leave -1e-17 for independent labels
