"""The one gate for inputs: shapes, dtypes, finiteness, lengths and option strings.

Every public function of :mod:`mlinterview.ml` checks its inputs here, once, at the
boundary. Each check raises ``ValueError`` (or ``TypeError`` for a wrong kind of object)
with a message that names the argument, says what was expected and what came, so a user
never meets a NumPy traceback from deep inside an algorithm.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """An estimator was used (``predict``, ``transform``) before ``fit``."""


def _describe(x: object) -> str:
    """A short description of what came, for error messages."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    return f"{type(x).__name__} {x!r}"[:80]


def as_array(x: object, name: str, *, dtype: object = None) -> np.ndarray:
    """Turn array-like ``x`` into an ndarray, or raise ``TypeError`` naming ``name``."""
    if x is None:
        raise TypeError(f"{name}: expected an array-like, got None")
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name}: expected an array-like, got a string {x!r:.40}")
    if hasattr(x, "toarray") and hasattr(x, "nnz"):
        raise TypeError(f"{name}: sparse matrices are not supported; pass a dense array")
    try:
        arr = np.asarray(x, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name}: cannot be read as an array ({exc})") from None
    if arr.dtype == object and arr.ndim > 1:
        raise ValueError(f"{name}: expected a regular array, got ragged nested sequences")
    return arr


def check_1d(x: object, name: str, *, min_samples: int = 1) -> np.ndarray:
    """A 1-D array of shape ``(n_samples,)``; a column vector ``(n, 1)`` is flattened."""
    arr = as_array(x, name)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D array of shape (n_samples,), got shape "
                         f"{arr.shape}")
    if arr.shape[0] < min_samples:
        raise ValueError(f"{name}: expected at least {min_samples} sample(s), got "
                         f"{arr.shape[0]}")
    return arr


def check_finite(arr: np.ndarray, name: str) -> np.ndarray:
    """Raise if a numeric ``arr`` holds NaN or infinity."""
    if arr.dtype.kind in "fc" and not np.isfinite(arr).all():
        bad = "NaN" if np.isnan(arr).any() else "infinity"
        raise ValueError(f"{name}: expected finite values, found {bad}")
    return arr


def check_consistent_length(**arrays: np.ndarray | None) -> int:
    """All given arrays have the same first dimension; returns it."""
    lengths = {name: len(a) for name, a in arrays.items() if a is not None}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"inconsistent numbers of samples: {desc}")
    return next(iter(lengths.values()), 0)


def check_sample_weight(
    sample_weight: object, n_samples: int, *, allow_all_zero: bool = True
) -> np.ndarray | None:
    """``None`` or a finite, non-negative float/int array of shape ``(n_samples,)``.

    ``allow_all_zero=False`` also rejects weights that are all zero (a metric's average
    over no samples is undefined).
    """
    if sample_weight is None:
        return None
    if isinstance(sample_weight, numbers.Number):
        return np.full(n_samples, float(sample_weight))
    w = check_1d(sample_weight, "sample_weight", min_samples=0)
    if w.dtype.kind not in "biuf":
        raise TypeError(f"sample_weight: expected numbers, got dtype {w.dtype}")
    if w.dtype.kind == "b":
        w = w.astype(np.int64)
    check_finite(w, "sample_weight")
    if w.shape[0] != n_samples:
        raise ValueError(f"sample_weight: expected shape ({n_samples},), got {w.shape}")
    if (w < 0).any():
        raise ValueError("sample_weight: expected non-negative weights, found a negative one")
    if not allow_all_zero and n_samples and not w.any():
        raise ValueError("sample_weight: expected at least one non-zero weight, got all zeros")
    return w


def check_option(value: object, name: str, options: Iterable[object]) -> object:
    """``value`` must be one of ``options`` (compared with ``==``, so ``None`` works)."""
    options = tuple(options)
    if not any(value is o or (isinstance(value, str) and value == o) for o in options):
        shown = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name}: expected one of {shown}; got {value!r}")
    return value


def check_scalar(
    value: object,
    name: str,
    kind: type | tuple[type, ...] = numbers.Real,
    *,
    lo: float | None = None,
    hi: float | None = None,
    include_lo: bool = True,
    include_hi: bool = True,
) -> object:
    """A number of the right type inside ``[lo, hi]`` (ends open or closed)."""
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name}: expected a number, got {_describe(value)}")
    if isinstance(value, float) and np.isnan(value):
        raise ValueError(f"{name}: expected a number, got NaN")
    too_low = lo is not None and (value < lo if include_lo else value <= lo)
    too_high = hi is not None and (value > hi if include_hi else value >= hi)
    if too_low or too_high:
        left = "[" if include_lo else "("
        right = "]" if include_hi else ")"
        lo_s = "-inf" if lo is None else f"{lo:g}"
        hi_s = "inf" if hi is None else f"{hi:g}"
        raise ValueError(f"{name}: expected a value in {left}{lo_s}, {hi_s}{right}, got {value!r}")
    return value


def check_array(
    X: object,
    name: str = "X",
    *,
    ensure_2d: bool = True,
    dtype: object = "numeric",
    min_samples: int = 1,
    min_features: int = 1,
    allow_nan: bool = False,
) -> np.ndarray:
    """A finite numeric array; 2-D ``(n_samples, n_features)`` unless ``ensure_2d=False``."""
    arr = as_array(X, name)
    if dtype == "numeric":
        if arr.dtype.kind not in "biuf":
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise ValueError(f"{name}: expected numbers, got dtype {arr.dtype}") from None
        elif arr.dtype.kind in "biu":
            arr = arr.astype(np.float64)
    elif dtype is not None:
        arr = arr.astype(dtype, copy=False)
    if ensure_2d:
        if arr.ndim != 2:
            hint = " (reshape a single feature with X.reshape(-1, 1))" if arr.ndim == 1 else ""
            raise ValueError(
                f"{name}: expected a 2-D array of shape (n_samples, n_features), got shape "
                f"{arr.shape}{hint}"
            )
        if arr.shape[1] < min_features:
            raise ValueError(f"{name}: expected at least {min_features} feature(s), got "
                             f"{arr.shape[1]}")
    if arr.ndim >= 1 and arr.shape[0] < min_samples:
        raise ValueError(f"{name}: expected at least {min_samples} sample(s), got {arr.shape[0]}")
    if not allow_nan:
        check_finite(arr, name)
    return arr


def check_random_state(seed: object) -> np.random.Generator:
    """A ``np.random.Generator`` from ``None``, an int seed or a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise TypeError(f"random_state: expected None, an int or a np.random.Generator, "
                    f"got {_describe(seed)}")


def check_is_fitted(estimator: object, attributes: Sequence[str] | None = None) -> None:
    """Raise :class:`NotFittedError` unless ``fit`` has set the learned attributes."""
    if attributes is None:
        fitted = any(k.endswith("_") and not k.startswith("__") for k in vars(estimator))
    else:
        fitted = all(hasattr(estimator, a) for a in attributes)
    if not fitted:
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet; call 'fit' first."
        )


def check_n_features(estimator: object, X: np.ndarray) -> np.ndarray:
    """Raise unless the 2-D ``X`` has the ``n_features_in_`` columns seen in ``fit``;
    returns ``X`` unchanged, so a ``predict`` can write ``X = check_n_features(self, X)``."""
    expected = estimator.n_features_in_
    if X.shape[1] != expected:
        raise ValueError(f"X: expected {expected} features (as in fit), got {X.shape[1]}")
    return X


def check_n_jobs(n_jobs: object) -> int:
    """Worker count for joblib: ``None`` means 1, ``-1`` every core, else an int >= 1."""
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral):
        raise TypeError(f"n_jobs: expected None or an int, got {n_jobs!r}")
    if n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs: expected None, -1 or an int >= 1, got {n_jobs}")
    return int(n_jobs)
