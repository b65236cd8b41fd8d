"""Click-through-rate prediction for ads: hashed features, a factorisation machine, the
metrics an ads team reads (normalised entropy, calibration) and delayed feedback.

An ad impression is a handful of categorical fields (user, ad, site, device, hour) whose
vocabularies run to millions and keep growing. The standard recipe:

- **The hashing trick** (Weinberger et al. 2009): each token ``"field=value"`` (and each
  cross ``"a^b=va^vb"``) goes to column ``|h(token)| mod n_features`` of a sparse matrix,
  with value ``sign(h)``. No vocabulary to build or ship, new values need no retraining
  of the index, and the sign makes collisions cancel in expectation instead of adding
  up. :func:`murmurhash3_32` is MurmurHash3 (x86, 32 bit), the hash scikit-learn's
  ``FeatureHasher`` uses, vectorised over strings; :func:`hash_tokens` and
  :func:`hash_categorical` build the design matrix, column for column equal to
  ``FeatureHasher``.
- **A factorisation machine** (Rendle 2010): logistic regression plus a learned
  interaction between every pair of features, ``<v_i, v_j> x_i x_j``, with a
  k-dimensional vector ``v_i`` per column. Pairs never seen together still get a weight
  through their vectors. The pairwise sum over ``n(n-1)/2`` pairs is computed in
  ``O(k · nnz)`` by the identity ``½ Σ_f [(Σ_i v_if x_i)² − Σ_i v_if² x_i²]``
  (:func:`fm_pairwise`). :class:`FactorizationMachine` fits it with closed-form
  gradients (:func:`fm_log_loss_and_grad`) and L-BFGS; with ``n_factors=0`` it is
  L2-penalised logistic regression on a sparse matrix.
- **Metrics**: :func:`normalized_entropy` (log loss divided by the entropy of the base
  rate: below 1 means better than always predicting the average CTR; He et al. 2014),
  :func:`calibration_ratio` (Σ predicted / Σ observed clicks; 1 is calibrated) and
  :func:`expected_calibration_error`. Log loss, AUC and the reliability diagram come from
  :mod:`mlinterview.ml.metrics`.
- **Negative down-sampling**: training on all clicks and a fraction ``w`` of the
  non-clicks multiplies the odds by ``1/w``; :func:`downsampling_correction` undoes it,
  ``q = p / (p + (1 − p) / w)``.
- **The auction**: :func:`generalized_second_price` ranks ads by ``bid × pCTR`` and
  charges each winner the next ad's eCPM over its own pCTR: the probability sets the
  price, so it must be calibrated, not only well ordered.
- **Delayed feedback** (Chapelle 2014): a conversion arrives a random delay after the
  click, so the freshest clicks look like negatives. :func:`simulate_delayed_conversions`
  draws exponential delays; :func:`observe_conversions` gives the labels known at a
  given time; :func:`delay_corrected_rate` weights each observed conversion by the
  inverse of the probability that it had arrived; :func:`fit_delayed_feedback` estimates
  the rate and the mean delay together by maximum likelihood (EM).

Sources: Weinberger, Dasgupta, Langford, Smola and Attenberg, "Feature Hashing for Large
Scale Multitask Learning" (ICML 2009); Rendle, "Factorization Machines" (ICDM 2010);
McMahan et al., "Ad Click Prediction: a View from the Trenches" (KDD 2013); He et al.,
"Practical Lessons from Predicting Clicks on Ads at Facebook" (ADKDD 2014); Chapelle,
"Modeling Delayed Feedback in Display Advertising" (KDD 2014); Edelman, Ostrovsky and
Schwarz, "Internet Advertising and the Generalized Second-Price Auction" (AER 2007);
Varian, "Position Auctions" (IJIO 2007); Appleby, MurmurHash3 (smhasher, 2011).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy import optimize
from scipy.special import expit, log_expit

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_is_fitted,
    check_option,
    check_random_state,
    check_sample_weight,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin
from mlinterview.ml.metrics import log_loss
from mlinterview.ml.metrics._calibration import _binary_targets

__all__ = [
    "AuctionResult",
    "DelayedConversions",
    "FactorizationMachine",
    "calibration_ratio",
    "colliding_share",
    "delay_corrected_rate",
    "downsampling_correction",
    "expected_calibration_error",
    "fit_delayed_feedback",
    "fm_log_loss_and_grad",
    "fm_pairwise",
    "generalized_second_price",
    "hash_categorical",
    "hash_tokens",
    "murmurhash3_32",
    "normalized_entropy",
    "observe_conversions",
    "simulate_delayed_conversions",
]

# ---------------------------------------------------------------------------------------
# MurmurHash3 and the hashing trick
# ---------------------------------------------------------------------------------------

_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    """Rotate 32-bit words left by ``r`` bits."""
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _mix_block(k: np.ndarray) -> np.ndarray:
    """MurmurHash3's scramble of one 4-byte block: multiply, rotate 15, multiply."""
    return _rotl(k * _C1, 15) * _C2


def murmurhash3_32(keys, seed: int = 0, positive: bool = False):
    """MurmurHash3 x86 32-bit of each key, as ``sklearn.utils.murmurhash3_32``.

    Parameters
    ----------
    keys : str, bytes or sequence of them; strings are hashed as their UTF-8 bytes.
    seed : int in [0, 2**32)
    positive : bool, default=False
        Return the unsigned 32-bit value instead of the signed one.

    Returns
    -------
    int for one key; otherwise an array of shape (n_keys,), int32 (uint32 if positive).

    The keys are hashed together: they are padded with zero bytes into an
    ``(n_keys, 4 · n_blocks)`` array, and the loop runs over the 4-byte blocks (the
    longest key's count), each block for every key at once; a key shorter than the block
    keeps its state. All arithmetic is on uint32 arrays, which wrap modulo 2**32 as the C
    code does.
    """
    check_scalar(seed, "seed", int, lo=0, hi=2**32 - 1)
    single = isinstance(keys, str | bytes)
    raw = [keys] if single else list(keys)
    data = []
    for key in raw:
        if isinstance(key, str):
            data.append(key.encode("utf-8"))
        elif isinstance(key, bytes):
            data.append(key)
        else:
            raise TypeError(f"keys: expected str or bytes, got {type(key).__name__}")
    lengths = np.array([len(b) for b in data], dtype=np.int64)
    n_blocks = lengths // 4
    width = 4 * (int(n_blocks.max(initial=0)) + 1)   # room for every key's tail block
    # Fixed-width bytes are zero-padded on the right: the tail block reads as its bytes
    # followed by zeros, exactly the C code's partial little-endian load.
    padded = np.array(data, dtype=f"S{width}") if data else np.zeros(0, f"S{width}")
    blocks = padded.view("<u4").reshape(len(data), width // 4)

    h = np.full(len(data), seed, dtype=np.uint32)
    for j in range(width // 4 - 1):
        active = n_blocks > j
        if not active.any():
            break
        mixed = _rotl(h ^ _mix_block(blocks[:, j]), 13) * np.uint32(5) + np.uint32(0xE6546B64)
        h = np.where(active, mixed, h)
    # The 1-3 leftover bytes: scrambled like a block but without the rotate-and-add.
    tail = blocks[np.arange(len(data)), n_blocks]
    h = np.where(lengths % 4 > 0, h ^ _mix_block(tail), h)
    # Finalisation (fmix32): fold in the length and avalanche the bits.
    h ^= lengths.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    out = h if positive else h.view(np.int32)
    return int(out[0]) if single else out


def _bucket_and_sign(hashes: np.ndarray, n_features: int, alternate_sign: bool
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Column ``|h| mod n_features`` and value ``+1 if h >= 0 else -1`` of signed hashes.

    ``|h|`` is taken in int64, so ``h = -2**31`` maps to ``2**31 mod n_features`` (the value
    scikit-learn special-cases to avoid C's undefined ``abs(INT_MIN)``).
    """
    h = hashes.astype(np.int64)
    columns = np.abs(h) % n_features
    signs = np.where(h >= 0, 1.0, -1.0) if alternate_sign else np.ones(len(h))
    return columns, signs


def _check_hashing(n_features, alternate_sign, dtype):
    check_scalar(n_features, "n_features", int, lo=1, hi=2**31 - 1)
    if not isinstance(alternate_sign, bool | np.bool_):
        raise TypeError(f"alternate_sign: expected a bool, got {type(alternate_sign).__name__}")
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"dtype: expected a float dtype, got {dtype}")
    return dtype


def _csr(row: np.ndarray, columns: np.ndarray, values: np.ndarray, n_samples: int,
         n_features: int, dtype) -> sp.csr_matrix:
    """A CSR matrix with the entries summed where tokens of one row share a column."""
    X = sp.csr_matrix((values.astype(dtype), (row, columns)), shape=(n_samples, n_features))
    X.sum_duplicates()
    return X


def hash_tokens(rows: Sequence[Sequence[str]], n_features: int = 2**20, *,
                alternate_sign: bool = True, dtype=np.float64) -> sp.csr_matrix:
    """The hashing trick on lists of string tokens: a sparse (n_samples, n_features) matrix.

    Row ``i`` holds, for each token ``t`` of ``rows[i]``, ``sign(h(t))`` at column
    ``|h(t)| mod n_features`` (``h`` = :func:`murmurhash3_32`); tokens of one row that
    share a column add up (and may cancel). ``alternate_sign=False`` uses +1 for every
    token (counts). Equal to ``sklearn.feature_extraction.FeatureHasher(n_features,
    input_type="string", alternate_sign=...)``. Each distinct token is hashed once.
    """
    dtype = _check_hashing(n_features, alternate_sign, dtype)
    if isinstance(rows, str | bytes):
        raise TypeError("rows: expected a sequence of token sequences, got a single string")
    rows = list(rows)
    if not rows:
        raise ValueError("rows: expected at least one sample, got none")
    if any(isinstance(r, str | bytes) for r in rows):
        raise TypeError("rows: each sample must be a sequence of strings, not a string")
    rows = [list(r) for r in rows]
    counts = np.array([len(r) for r in rows], dtype=np.int64)
    flat = [t for r in rows for t in r]
    uniques, inverse = (np.unique(np.array(flat, dtype=object), return_inverse=True)
                        if flat else (np.array([], dtype=object), np.zeros(0, np.int64)))
    columns, signs = _bucket_and_sign(murmurhash3_32(uniques.tolist()), n_features,
                                      alternate_sign)
    row = np.repeat(np.arange(len(rows)), counts)
    return _csr(row, columns[inverse], signs[inverse], len(rows), n_features, dtype)


def hash_categorical(X, n_features: int = 2**20, *, names: Sequence[str] | None = None,
                     crosses: Sequence[Sequence[str]] = (), alternate_sign: bool = True,
                     dtype=np.float64) -> sp.csr_matrix:
    """Hashed one-hot encoding of categorical columns and their crosses.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_fields), category values (ints or strings).
    n_features : int, columns of the output (the hash table size).
    names : n_fields field names, default ``"f0", "f1", ...``.
    crosses : sequences of field names; each becomes one more token per row,
        ``"a^b=va^vb"`` (the conjunction of the values: a separate weight per pair).
    alternate_sign, dtype : as :func:`hash_tokens`.

    Returns
    -------
    csr_matrix of shape (n_samples, n_features), ``n_fields + len(crosses)`` tokens a row:
    the same matrix as ``FeatureHasher(input_type="dict")`` on the dicts
    ``{name: str(value), ..., "a^b": "va^vb"}``. Each distinct value of a field (or of a
    cross) is hashed once, so the cost is a few ``np.unique`` calls, not a loop over rows.
    """
    dtype = _check_hashing(n_features, alternate_sign, dtype)
    columns, signs = [], []
    groups = _categorical_tokens(X, names, crosses)
    for tokens, inverse in groups:
        col, sign = _bucket_and_sign(murmurhash3_32(tokens), n_features, alternate_sign)
        columns.append(col[inverse])
        signs.append(sign[inverse])
    n = len(groups[0][1])
    row = np.tile(np.arange(n), len(groups))
    return _csr(row, np.concatenate(columns), np.concatenate(signs), n, n_features, dtype)


def _categorical_tokens(X, names, crosses) -> list[tuple[list[str], np.ndarray]]:
    """For each field and each cross of :func:`hash_categorical`: its distinct tokens and
    each row's index into them, (n_samples,)."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X: expected a non-empty 2-D array (n_samples, n_fields), got shape "
                         f"{X.shape}")
    names = [f"f{j}" for j in range(X.shape[1])] if names is None else list(names)
    if len(names) != X.shape[1] or len(set(names)) != len(names):
        raise ValueError(f"names: expected {X.shape[1]} distinct field names, got {names}")
    position = {name: j for j, name in enumerate(names)}
    groups = [(name,) for name in names]
    for cross in crosses:
        cross = tuple(cross)
        if len(cross) < 2 or any(c not in position for c in cross):
            raise ValueError(f"crosses: expected tuples of at least two of {names}, got "
                             f"{cross}")
        groups.append(cross)
    # Each column's distinct values (sorted once, in the column's own dtype) and codes.
    values, codes = zip(*(np.unique(X[:, j], return_inverse=True) for j in range(X.shape[1])),
                        strict=True)
    text = [v.astype(str) for v in values]      # str(value), as FeatureHasher formats it
    out = []
    for group in groups:
        cols = [position[c] for c in group]
        # A group's value combination as one mixed-radix integer; its distinct keys are
        # the combinations that occur (np.unique on int64, not on strings).
        key = np.zeros(X.shape[0], dtype=np.int64)
        for j in cols:
            key = key * len(values[j]) + codes[j].ravel()
        keys, inverse = np.unique(key, return_inverse=True)
        parts = []
        for j in reversed(cols):
            keys, digit = np.divmod(keys, len(values[j]))
            parts.append(text[j][digit])
        combos = zip(*reversed(parts), strict=True)
        tokens = ["^".join(group) + "=" + "^".join(combo) for combo in combos]
        out.append((tokens, inverse.ravel()))
    return out


def colliding_share(X, n_features: int, *, names: Sequence[str] | None = None,
                    crosses: Sequence[Sequence[str]] = ()) -> float:
    """Share of the distinct tokens of :func:`hash_categorical` (same arguments) that land
    in a bucket holding at least one other token.

    With ``m`` distinct tokens hashed uniformly into ``n`` buckets, a token is alone with
    probability ``(1 − 1/n)^(m−1) ≈ e^{−m/n}``, so about ``1 − e^{−m/n}`` of them collide:
    a table of as many buckets as tokens still puts 63% of them in shared buckets.
    """
    check_scalar(n_features, "n_features", int, lo=1, hi=2**31 - 1)
    tokens = [t for group, _ in _categorical_tokens(X, names, crosses) for t in group]
    buckets, _ = _bucket_and_sign(murmurhash3_32(tokens), n_features, False)
    _, where, counts = np.unique(buckets, return_inverse=True, return_counts=True)
    return float(np.mean(counts[where] > 1))


# ---------------------------------------------------------------------------------------
# Factorisation machine
# ---------------------------------------------------------------------------------------


def _check_design(X, name: str = "X"):
    """A float CSR matrix or a 2-D float ndarray, finite."""
    if sp.issparse(X):
        X = sp.csr_matrix(X)
        if X.dtype.kind != "f":
            X = X.astype(np.float64)
        if not np.isfinite(X.data).all():
            raise ValueError(f"{name}: expected finite values")
        return X
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array (n_samples, n_features), got shape "
                         f"{X.shape}")
    if X.dtype.kind not in "fiub":
        raise TypeError(f"{name}: expected numbers, got dtype {X.dtype}")
    X = X.astype(np.float64) if X.dtype.kind != "f" else X
    if not np.isfinite(X).all():
        raise ValueError(f"{name}: expected finite values")
    return X


def _square(X):
    """Element-wise ``X ** 2`` of a dense or sparse matrix."""
    return X.multiply(X).tocsr() if sp.issparse(X) else X * X


def fm_pairwise(X, V) -> np.ndarray:
    """The factorisation machine's interaction term ``Σ_{i<j} <v_i, v_j> x_i x_j`` per row.

    ``X`` (n_samples, n_features), dense or sparse; ``V`` (n_features, k). Returns
    (n_samples,). Rendle's identity turns the sum over pairs into sums over features:

        Σ_{i<j} <v_i, v_j> x_i x_j = ½ Σ_f [ (Σ_i v_if x_i)² − Σ_i v_if² x_i² ]

    (the square of the sum holds every ordered pair twice plus the ``i = j`` terms, which
    the second sum removes), so the cost is ``O(k · nnz)`` instead of ``O(k · n²)``.
    """
    X = _check_design(X)
    V = np.asarray(V, dtype=np.result_type(X.dtype, np.float32))
    if V.ndim != 2 or V.shape[0] != X.shape[1]:
        raise ValueError(f"V: expected shape ({X.shape[1]}, k), got {V.shape}")
    XV = np.asarray(X @ V)
    return 0.5 * (np.sum(XV * XV, axis=1) - np.asarray(_square(X) @ (V * V)).sum(axis=1))


def _fm_scores(X, X2, intercept, coef, factors):
    """Scores (n,) and ``X V`` (n, k) of a factorisation machine."""
    linear = np.asarray(X @ coef).ravel() + intercept
    if factors.shape[1] == 0:               # logistic regression: no interaction term
        return linear, np.zeros((X.shape[0], 0))
    XV = np.asarray(X @ factors)
    pairwise = 0.5 * (np.sum(XV * XV, axis=1) - np.asarray(X2 @ (factors * factors)).sum(1))
    return linear + pairwise, XV


def fm_log_loss_and_grad(X, y, intercept: float, coef, factors, *, alpha: float = 0.0,
                         sample_weight=None):
    """Penalised log loss of a factorisation machine and its gradients.

    Score ``z = b + X w + Σ_{i<j} <v_i, v_j> x_i x_j``; probability ``σ(z)``. Loss

        L = Σ_i s_i ℓ(y_i, z_i) / Σ_i s_i  +  ½ α (||w||² + ||V||²_F)

    with ``ℓ`` the logistic loss and ``s`` the sample weights (all 1 by default); the
    intercept is not penalised.

    Parameters
    ----------
    X : (n_samples, n_features), dense or sparse; y : (n_samples,) in {0, 1}
    intercept : float; coef : (n_features,); factors : (n_features, k), k may be 0.

    Returns
    -------
    loss : float; grads : (d intercept, (n_features,), (n_features, k)).

    With ``g_i = s_i (σ(z_i) − y_i) / Σ s`` (the derivative of the loss in ``z_i``):
    ``∂L/∂b = Σ g_i``, ``∂L/∂w = Xᵀ g + α w`` and, since ``∂z_i/∂v_jf = x_ij (XV)_if −
    v_jf x_ij²``, ``∂L/∂V = Xᵀ (g ⊙ XV) − V ⊙ ((X²)ᵀ g) + α V``: two sparse products.
    """
    X = _check_design(X)
    y = check_1d(y, "y").astype(np.float64)
    check_consistent_length(X=np.empty(X.shape[0]), y=y)
    coef = np.asarray(coef, dtype=np.float64)
    factors = np.asarray(factors, dtype=np.float64)
    if coef.shape != (X.shape[1],) or factors.ndim != 2 or factors.shape[0] != X.shape[1]:
        raise ValueError(f"coef, factors: expected shapes ({X.shape[1]},) and "
                         f"({X.shape[1]}, k), got {coef.shape} and {factors.shape}")
    s = check_sample_weight(sample_weight, X.shape[0], allow_all_zero=False)
    s = np.ones(X.shape[0]) if s is None else np.asarray(s, dtype=np.float64)
    return _fm_loss_and_grad(_Design(X), y, s, float(intercept), coef, factors, alpha)


class _Design:
    """``X``, ``X²`` and their transposes, built once: the fit multiplies by each of them
    at every L-BFGS step (a CSR transpose is a CSC view, slower to multiply from)."""

    def __init__(self, X):
        self.X, self.X2 = X, _square(X)
        transpose = (lambda A: A.T.tocsr()) if sp.issparse(X) else (lambda A: A.T)
        self.XT, self.X2T = transpose(self.X), transpose(self.X2)


def _fm_loss_and_grad(D: _Design, y, s, intercept, coef, factors, alpha):
    """:func:`fm_log_loss_and_grad` on checked inputs."""
    X, X2 = D.X, D.X2
    z, XV = _fm_scores(X, X2, intercept, coef, factors)
    total = s.sum()
    # -log p(y | z) = -log σ(z) for y = 1 and -log σ(-z) for y = 0, without overflow.
    data_loss = -(s @ log_expit(np.where(y > 0, z, -z))) / total
    loss = data_loss + 0.5 * alpha * (coef @ coef + np.sum(factors * factors))
    g = s * (expit(z) - y) / total
    grad_w = np.asarray(D.XT @ g).ravel() + alpha * coef
    if factors.shape[1] == 0:
        return float(loss), (float(g.sum()), grad_w, np.zeros_like(factors))
    grad_v = (np.asarray(D.XT @ (g[:, None] * XV))
              - factors * np.asarray(D.X2T @ g).ravel()[:, None] + alpha * factors)
    return float(loss), (float(g.sum()), grad_w, grad_v)


class FactorizationMachine(ClassifierMixin, BaseEstimator):
    """Second-order factorisation machine for binary labels (Rendle 2010).

    ``P(y = 1 | x) = σ(b + Σ_i w_i x_i + Σ_{i<j} <v_i, v_j> x_i x_j)``, fitted by
    minimising :func:`fm_log_loss_and_grad` (mean log loss + ``½ α (||w||² + ||V||²)``)
    with L-BFGS from ``scipy.optimize``. The loss is not convex in ``V``; the factors
    start at small random values (at ``V = 0`` their gradient vanishes).

    Parameters
    ----------
    n_factors : int >= 0, the dimension k of each feature's vector; 0 is logistic
        regression (the same objective as ``LogisticRegression(C=1 / (α n))``).
    alpha : float >= 0, L2 strength on ``w`` and ``V``.
    init_std : float > 0, standard deviation of the initial factors.
    max_iter : int, L-BFGS iterations; tol : float, its gradient tolerance (and its
        relative-decrease tolerance when below 2.2e-9).
    random_state : None, int or Generator for the initial factors.

    Attributes
    ----------
    intercept_ : float; coef_ : (n_features,); factors_ : (n_features, n_factors);
    classes_ : array([0, 1]); n_iter_ : int.
    """

    def __init__(self, n_factors: int = 8, *, alpha: float = 1e-4, init_std: float = 0.01,
                 max_iter: int = 300, tol: float = 1e-7, random_state=0):
        self.n_factors = n_factors
        self.alpha = alpha
        self.init_std = init_std
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Fit on ``X`` (n_samples, n_features), dense or sparse, and 0/1 labels ``y``."""
        check_scalar(self.n_factors, "n_factors", int, lo=0)
        check_scalar(self.alpha, "alpha", lo=0.0)
        check_scalar(self.init_std, "init_std", lo=0.0, include_lo=False)
        check_scalar(self.max_iter, "max_iter", int, lo=1)
        check_scalar(self.tol, "tol", lo=0.0)
        X = _check_design(X)
        y = check_1d(y, "y")
        check_consistent_length(X=np.empty(X.shape[0]), y=y)
        if not np.isin(y, (0, 1)).all():
            raise ValueError(f"y: expected labels 0 and 1, got {np.unique(y)[:5].tolist()}")
        y = y.astype(np.float64)
        s = check_sample_weight(sample_weight, X.shape[0], allow_all_zero=False)
        s = np.ones(X.shape[0]) if s is None else np.asarray(s, dtype=np.float64)
        design = _Design(X)
        d, k = X.shape[1], self.n_factors
        rng = check_random_state(self.random_state)
        theta0 = np.concatenate([[0.0], np.zeros(d),
                                 self.init_std * rng.standard_normal(d * k)])

        def fun(theta):
            loss, (g0, gw, gv) = _fm_loss_and_grad(
                design, y, s, theta[0], theta[1:d + 1], theta[d + 1:].reshape(d, k),
                self.alpha)
            return loss, np.concatenate([[g0], gw, gv.ravel()])

        res = optimize.minimize(fun, theta0, jac=True, method="L-BFGS-B",
                                # tol bounds the gradient and (below SciPy's default
                                # 2.2e-9) the relative decrease of the loss per step.
                                options={"maxiter": self.max_iter, "gtol": self.tol,
                                         "ftol": min(self.tol, 2.2e-9)})
        self.intercept_ = float(res.x[0])
        self.coef_ = res.x[1:d + 1]
        self.factors_ = res.x[d + 1:].reshape(d, k)
        self.classes_ = np.array([0, 1])
        self.n_features_in_ = d
        self.n_iter_ = int(res.nit)
        return self

    def decision_function(self, X) -> np.ndarray:
        """Scores ``z`` (n_samples,), the log-odds of a click."""
        check_is_fitted(self, ["coef_"])
        X = _check_design(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X: expected {self.n_features_in_} features, got {X.shape[1]}")
        return _fm_scores(X, _square(X), self.intercept_, self.coef_, self.factors_)[0]

    def predict_proba(self, X) -> np.ndarray:
        """(n_samples, 2): columns P(y = 0), P(y = 1)."""
        p = expit(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X) -> np.ndarray:
        """0/1 labels (n_samples,): 1 where P(y = 1) > 0.5."""
        return (self.decision_function(X) > 0).astype(np.int64)


# ---------------------------------------------------------------------------------------
# Metrics and recalibration
# ---------------------------------------------------------------------------------------


def _weighted_base_rate(y: np.ndarray, sample_weight) -> float:
    w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
    return float(np.average(y, weights=w))


def normalized_entropy(y_true, y_proba, *, sample_weight=None) -> float:
    """Log loss divided by the entropy of the base rate (He et al. 2014).

    ``NE = log_loss(y, p) / H(r)``, ``H(r) = −r log r − (1 − r) log(1 − r)`` with ``r``
    the (weighted) share of positives: the log loss of always predicting ``r``. NE < 1
    means the model beats that constant; unlike raw log loss it can be compared across
    days or markets whose base CTR differs. ``y_true`` and ``y_proba`` of shape
    (n_samples,), ``y_proba`` the probability of class 1.
    """
    y, p = _binary_targets(y_true, y_proba, None, "y_proba")
    r = _weighted_base_rate(y, sample_weight)
    if r in (0.0, 1.0):
        raise ValueError(f"y_true: the base rate is {r:g}, so its entropy is 0 and NE is "
                         "undefined; expected both classes")
    entropy = -(r * np.log(r) + (1 - r) * np.log1p(-r))
    return log_loss(y, p, sample_weight=sample_weight, labels=[0.0, 1.0]) / entropy


def calibration_ratio(y_true, y_proba, *, sample_weight=None) -> float:
    """Predicted over observed positives, ``Σ s p / Σ s y``: 1 when the average prediction
    equals the observed rate, 1.2 when the model predicts 20% more clicks than happen.

    ``y_true``, ``y_proba`` of shape (n_samples,). A global check only: a model can have
    ratio 1 and be miscalibrated in every bin (see :func:`expected_calibration_error`).
    """
    y, p = _binary_targets(y_true, y_proba, None, "y_proba")
    w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
    w = np.ones(len(y)) if w is None else w
    observed = float(w @ y)
    if observed == 0:
        raise ValueError("y_true: no positives, so the calibration ratio is undefined")
    return float(w @ p) / observed


def expected_calibration_error(y_true, y_prob, *, n_bins: int = 10,
                               strategy: str = "uniform") -> float:
    """``Σ_b (n_b / n) · |observed rate_b − mean prediction_b|`` over probability bins.

    The bins are those of :func:`mlinterview.ml.metrics.calibration_curve` (``"uniform"``
    widths on [0, 1] or ``"quantile"`` equal counts; bin ``b`` holds
    ``edge_b < p <= edge_{b+1}``), so ECE is the count-weighted gap of the reliability
    diagram. ``y_true``, ``y_prob`` of shape (n_samples,).
    """
    y, p = _binary_targets(y_true, y_prob, None)
    check_scalar(n_bins, "n_bins", int, lo=1)
    check_option(strategy, "strategy", ("uniform", "quantile"))
    q = np.linspace(0.0, 1.0, n_bins + 1)
    edges = q if strategy == "uniform" else np.percentile(p, 100 * q)
    bins = np.searchsorted(edges[1:-1], p)
    count = np.bincount(bins, minlength=n_bins)
    gap = np.abs(np.bincount(bins, weights=y, minlength=n_bins)
                 - np.bincount(bins, weights=p, minlength=n_bins))
    # |Σ_b y − Σ_b p| / n = (n_b / n) · |mean y_b − mean p_b|
    return float(gap.sum() / count.sum())


def downsampling_correction(p, negative_rate: float) -> np.ndarray:
    """Probabilities of a model trained on all positives and a share ``negative_rate`` of
    the negatives, mapped back to the full traffic: ``q = p / (p + (1 − p) / w)``.

    Keeping a share ``w`` of negatives multiplies the odds by ``1 / w``; the correction
    multiplies them back by ``w`` (He et al. 2014). ``p`` of any shape, values in [0, 1].
    """
    check_scalar(negative_rate, "negative_rate", lo=0.0, hi=1.0, include_lo=False)
    p = np.asarray(p, dtype=np.float64)
    if p.size and (np.nanmin(p) < 0 or np.nanmax(p) > 1 or np.isnan(p).any()):
        raise ValueError("p: expected probabilities in [0, 1]")
    return p / (p + (1.0 - p) / negative_rate)


class AuctionResult(NamedTuple):
    """Winners of the ad slots, best first, (n_slots,) each: the ad index, its eCPM
    (expected revenue per 1,000 impressions, bid × pCTR × 1000) and the price it pays
    per click."""

    winners: np.ndarray
    ecpm: np.ndarray
    price_per_click: np.ndarray


def generalized_second_price(bids, pctr, *, n_slots: int = 1,
                             reserve_ecpm: float = 0.0) -> AuctionResult:
    """A generalised second-price (GSP) auction with quality weighting, per click.

    Ads are ranked by ``eCPM = bid × pCTR × 1000``; the ad in slot ``s`` pays, per click,
    the least bid that would still keep it above the next ad,
    ``next eCPM / (1000 · its own pCTR)`` (the reserve for the last ad), never more than
    its bid. ``bids`` (cost-per-click bids) and ``pctr`` of shape (n_ads,). The predicted
    CTR enters both the ranking and the price: a pCTR twice too high for one ad wins it
    slots it should lose and halves the price it pays per click (Edelman, Ostrovsky and
    Schwarz 2007; Varian 2007).
    """
    bids = check_1d(bids, "bids").astype(np.float64)
    pctr = check_1d(pctr, "pctr").astype(np.float64)
    check_consistent_length(bids=bids, pctr=pctr)
    check_scalar(n_slots, "n_slots", int, lo=1)
    check_scalar(reserve_ecpm, "reserve_ecpm", lo=0.0)
    if not (np.isfinite(bids).all() and bids.min() >= 0):
        raise ValueError("bids: expected finite bids >= 0")
    if not (np.isfinite(pctr).all() and pctr.min() > 0 and pctr.max() <= 1):
        raise ValueError("pctr: expected probabilities in (0, 1]")
    ecpm = 1000.0 * bids * pctr
    order = np.argsort(-ecpm, kind="stable")          # ties: the earlier ad first
    eligible = order[ecpm[order] >= reserve_ecpm]
    winners = eligible[:n_slots]
    # The eCPM each winner must beat: the next eligible ad's, or the reserve after the last.
    runner_up = np.append(ecpm[eligible], reserve_ecpm)[1:len(winners) + 1]
    price = np.minimum(runner_up / (1000.0 * pctr[winners]), bids[winners])
    return AuctionResult(winners, ecpm[winners], price)


# ---------------------------------------------------------------------------------------
# Delayed feedback
# ---------------------------------------------------------------------------------------


class DelayedConversions(NamedTuple):
    """A simulated click log: click times, whether each click will ever convert, and the
    delay after which it does (``inf`` for clicks that never convert); all (n_clicks,)."""

    click_time: np.ndarray
    converts: np.ndarray
    delay: np.ndarray


def simulate_delayed_conversions(n_clicks: int, *, conversion_rate, mean_delay: float,
                                 horizon: float, random_state=None) -> DelayedConversions:
    """Clicks at uniform times on ``[0, horizon)``; each converts with probability
    ``conversion_rate`` (a float, or one per click) after an exponential delay of mean
    ``mean_delay`` (same time unit as ``horizon``)."""
    check_scalar(n_clicks, "n_clicks", int, lo=1)
    check_scalar(mean_delay, "mean_delay", lo=0.0, include_lo=False)
    check_scalar(horizon, "horizon", lo=0.0, include_lo=False)
    rate = np.broadcast_to(np.asarray(conversion_rate, dtype=np.float64), (n_clicks,))
    if np.isnan(rate).any() or rate.min() < 0 or rate.max() > 1:
        raise ValueError("conversion_rate: expected probabilities in [0, 1]")
    rng = check_random_state(random_state)
    click_time = np.sort(rng.uniform(0.0, horizon, n_clicks))
    converts = rng.random(n_clicks) < rate
    delay = np.where(converts, rng.exponential(mean_delay, n_clicks), np.inf)
    return DelayedConversions(click_time, converts, delay)


def observe_conversions(log: DelayedConversions, now: float
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the training pipeline knows at time ``now``, for the clicks made before it.

    Returns ``(elapsed, observed, observed_delay)``, each (n_seen,): the time since each
    click, whether its conversion has arrived (``delay <= elapsed``), and the delay of
    the arrived ones (``nan`` elsewhere). A click whose conversion is still on its way is
    indistinguishable from one that will never convert: the naive label is 0.
    """
    check_scalar(now, "now", lo=0.0)
    seen = log.click_time <= now
    elapsed = now - log.click_time[seen]
    delay = log.delay[seen]
    observed = delay <= elapsed
    return elapsed, observed, np.where(observed, delay, np.nan)


def _check_censored(elapsed, observed):
    elapsed = check_1d(elapsed, "elapsed").astype(np.float64)
    observed = check_1d(observed, "observed")
    check_consistent_length(elapsed=elapsed, observed=observed)
    if not np.isin(observed, (0, 1)).all():
        raise ValueError("observed: expected 0/1 or booleans")
    if not np.isfinite(elapsed).all() or elapsed.min() < 0:
        raise ValueError("elapsed: expected finite times >= 0")
    return elapsed, observed.astype(bool)


def delay_corrected_rate(elapsed, observed, mean_delay: float, *,
                         min_elapsed: float = 0.0) -> float:
    """Conversion rate estimated from clicks whose labels may still be on their way.

    A click of age ``e`` shows its conversion with probability ``F(e) = 1 − exp(−e / μ)``
    (exponential delay of mean ``μ = mean_delay``), so ``E[observed / F(e)] = p``: the
    inverse-probability-weighted mean ``Σ observed_i / F(e_i) / n`` is unbiased. Clicks
    younger than ``min_elapsed`` are left out (a waiting window: their weights ``1/F``
    are huge and noisy). ``elapsed``, ``observed`` of shape (n_clicks,).
    """
    elapsed, observed = _check_censored(elapsed, observed)
    check_scalar(mean_delay, "mean_delay", lo=0.0, include_lo=False)
    check_scalar(min_elapsed, "min_elapsed", lo=0.0)
    keep = (elapsed >= min_elapsed) & (elapsed > 0)
    if not keep.any():
        raise ValueError("elapsed: no click is older than min_elapsed")
    arrived = -np.expm1(-elapsed[keep] / mean_delay)          # F(e), accurate for small e
    return float(np.mean(observed[keep] / arrived))


def fit_delayed_feedback(elapsed, observed, observed_delay, *, max_iter: int = 1000,
                         tol: float = 1e-10) -> tuple[float, float]:
    """Maximum-likelihood conversion rate ``p`` and mean delay ``μ`` of a censored log.

    Chapelle's (2014) model without features: a click converts with probability ``p``,
    after an exponential delay of rate ``λ = 1 / μ``. An arrived conversion with delay
    ``d`` has likelihood ``p λ e^{−λ d}``; a click of age ``e`` with nothing yet has
    ``1 − p + p e^{−λ e}`` (it will never convert, or it will, later). EM on the latent
    "will convert":

    - E step: for the clicks with nothing yet, ``w_i = p e^{−λ e_i} / (1 − p + p e^{−λ e_i})``.
    - M step: ``p = (n_arrived + Σ w_i) / n``, and the censored-exponential rate
      ``λ = n_arrived / (Σ d_arrived + Σ w_i e_i)`` (events over the waiting time).

    ``elapsed``, ``observed`` of shape (n_clicks,); ``observed_delay`` the delay of each
    arrived conversion (other entries ignored). Returns ``(p, μ)``. Needs at least one
    arrived conversion.
    """
    elapsed, observed = _check_censored(elapsed, observed)
    delay = check_1d(observed_delay, "observed_delay").astype(np.float64)
    check_consistent_length(elapsed=elapsed, observed_delay=delay)
    check_scalar(max_iter, "max_iter", int, lo=1)
    d = delay[observed]
    if len(d) == 0:
        raise ValueError("observed: no conversion has arrived; the rate is not identified")
    if not np.isfinite(d).all() or d.min() < 0 or (d > elapsed[observed]).any():
        raise ValueError("observed_delay: expected finite delays in [0, elapsed] for the "
                         "arrived conversions")
    e = elapsed[~observed]
    n, n_arrived, sum_d = len(elapsed), len(d), float(d.sum())
    p, lam = n_arrived / n, n_arrived / max(sum_d, 1e-300)
    for _ in range(max_iter):
        later = p * np.exp(-lam * e)
        w = later / (1.0 - p + later)
        p_new = (n_arrived + w.sum()) / n
        lam_new = n_arrived / max(sum_d + float(w @ e), 1e-300)
        done = abs(p_new - p) <= tol * p and abs(lam_new - lam) <= tol * lam
        p, lam = p_new, lam_new
        if done:
            break
    return float(p), float(1.0 / lam)
