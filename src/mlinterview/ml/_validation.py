"""The one gate for inputs: shapes, dtypes, finiteness, lengths and option strings.

Every public function of :mod:`mlinterview.ml` checks its inputs here, once, at the
boundary. Each check raises ``ValueError`` (or ``TypeError`` for a wrong kind of object)
with a message that names the argument, says what was expected and what came, so a user
never meets a NumPy traceback from deep inside an algorithm.

Where scikit-learn's conformance suite (``check_estimator``) looks for a phrase in an error
(``Reshape your data``, ``Complex data not supported``, ``X has 1 features, but ...``), our
message contains the same phrase, so that our estimators pass it unchanged.
"""

from __future__ import annotations

import functools
import math
import numbers
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """An estimator was used (``predict``, ``transform``) before ``fit``."""


class DataConversionWarning(UserWarning):
    """The input was converted in a way the user may not expect (a column vector ``y``
    flattened to shape ``(n_samples,)``), as scikit-learn warns."""


def _rebuild(ours: type, args: tuple) -> BaseException:
    """Unpickle a joint-class instance (in a process that may lack scikit-learn)."""
    return sklearn_compatible(ours)(*args)


@functools.cache
def _joint_class(ours: type, theirs: type) -> type:
    # Pickled by reference to ``ours`` (the joint class has no importable name), so that
    # an error raised in a joblib worker reaches the parent process intact.
    return type(ours.__name__, (ours, theirs),
                {"__module__": ours.__module__, "__doc__": ours.__doc__,
                 "__reduce__": lambda self: (_rebuild, (ours, self.args))})


def sklearn_compatible(cls: type) -> type:
    """``cls``, or a subclass of both ``cls`` and scikit-learn's class of the same name
    (``sklearn.exceptions.NotFittedError``, ``DataConversionWarning``) when scikit-learn
    is already imported.

    scikit-learn catches and filters its own classes (``except NotFittedError``,
    ``warnings.simplefilter("always", DataConversionWarning)``); raising this joint class
    makes our errors and warnings caught the same way. scikit-learn is never imported
    here: if nobody has imported it, nobody can be waiting for its classes.
    """
    module = sys.modules.get("sklearn.exceptions")
    theirs = getattr(module, cls.__name__, None) if module is not None else None
    return cls if theirs is None else _joint_class(cls, theirs)


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
        raise TypeError(f"{name}: expected an array-like, got {type(x).__name__} that cannot "
                        f"be read as an array ({exc})") from None
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
        raise ValueError(f"inconsistent numbers of samples: {desc}; expected the same "
                         f"number of rows in each")
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
    if isinstance(sample_weight, numbers.Number | np.generic) or (
            isinstance(sample_weight, np.ndarray) and sample_weight.ndim == 0):
        # A scalar weights every sample the same (scikit-learn's convention); it goes
        # through the same checks as an array.
        sample_weight = np.full(n_samples, sample_weight)
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
    with np.errstate(over="ignore"):
        total = w.sum()
    if not np.isfinite(total):
        raise ValueError("sample_weight: expected weights with a finite sum, got a sum that "
                         "overflows float64; rescale them")
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


def _numeric(arr: np.ndarray, name: str) -> np.ndarray:
    """``arr`` as float64 (or the float32 it is), or an error saying what dtype came."""
    kind = arr.dtype.kind
    if kind == "f" and arr.dtype in (np.float32, np.float64):
        return arr
    if kind in "biuf":
        return arr.astype(np.float64)
    if kind == "c":
        # numpy would drop the imaginary part with only a warning: a silent wrong answer.
        raise ValueError(f"{name}: Complex data not supported; expected real numbers, got "
                         f"dtype {arr.dtype}")
    if kind in "US":
        raise ValueError(f"{name}: expected numbers, got strings (dtype {arr.dtype})")
    if kind == "O":
        # An object array of numbers (a DataFrame of mixed columns, a list of Decimals)
        # is numeric; a dict or a string in it is not.
        try:
            return arr.astype(np.float64)
        except TypeError as exc:
            raise TypeError(f"{name}: expected numbers, got an object array holding a "
                            f"non-number ({exc})") from None
        except ValueError as exc:
            raise ValueError(f"{name}: expected numbers, got an object array holding a "
                             f"non-number ({exc})") from None
    raise TypeError(f"{name}: expected numbers, got dtype {arr.dtype}")


# The largest magnitude an estimator accepts in X, y and sample weights. Estimators square
# their inputs (variances, distances, XᵀX) and multiply them by fitted weights; float64
# overflows past 1.8e308, so a square must stay far below it: 1e100 squared is 1e200,
# which leaves 1e108 of room for sums over rows and for the weights. Larger values would
# turn into infinity or NaN somewhere inside (a wrong answer, or a RuntimeWarning), so
# they are refused at the gate with a request to rescale.
MAX_ABS = 1e100


def check_array(
    X: object,
    name: str = "X",
    *,
    ensure_2d: bool = True,
    dtype: object = "numeric",
    min_samples: int = 1,
    min_features: int = 1,
    allow_nan: bool = False,
    max_abs: float | None = None,
) -> np.ndarray:
    """A finite numeric array; 2-D ``(n_samples, n_features)`` unless ``ensure_2d=False``.

    ``dtype="numeric"`` keeps float32/float64 and turns bool, int and object arrays of
    numbers into float64; complex numbers, strings and other objects are refused.
    ``allow_nan`` lets NaN through (infinity never). ``max_abs`` refuses larger
    magnitudes (estimators pass :data:`MAX_ABS`, see :func:`check_X`).
    """
    if dtype == "numeric" and isinstance(X, np.ndarray) and X.dtype == object and X.ndim > 1:
        arr = X                 # a 2-D object array is checked by _numeric, element-wise
    else:
        arr = as_array(X, name)
    if dtype == "numeric":
        arr = _numeric(arr, name)
    elif dtype is not None:
        arr = arr.astype(dtype, copy=False)
    if ensure_2d:
        if arr.ndim != 2:
            got = "a scalar" if arr.ndim == 0 else f"shape {arr.shape}"
            hint = (f". Reshape your data: {name}.reshape(-1, 1) if it has a single feature, "
                    f"{name}.reshape(1, -1) if it is a single sample") if arr.ndim == 1 else ""
            raise ValueError(f"{name}: expected a 2-D array of shape (n_samples, n_features), "
                             f"got {got}{hint}")
        if arr.shape[1] < min_features:
            raise ValueError(f"{name}: found {arr.shape[1]} feature(s) (shape={arr.shape}) "
                             f"while a minimum of {min_features} is required.")
    if arr.ndim >= 1 and arr.shape[0] < min_samples:
        raise ValueError(f"{name}: found {arr.shape[0]} sample(s) (shape={arr.shape}); expected "
                         f"at least {min_samples}")
    if not allow_nan and _finite_and_within(arr, max_abs):
        return arr
    if allow_nan:
        if arr.dtype.kind == "f" and np.isinf(arr).any():
            raise ValueError(f"{name}: expected finite values or NaN, found infinity")
    else:
        check_finite(arr, name)
    if max_abs is not None:
        check_magnitude(arr, name, max_abs)
    return arr


def _finite_and_within(arr: np.ndarray, max_abs: float | None) -> bool:
    """True when one pass proves a contiguous float64 ``arr`` finite with every
    ``|x| <= max_abs``; False means "not proven" and the exact checks run.

    The sum of squares ``s = x·x`` (one BLAS dot, no temporary) is finite only if every
    value is (NaN and infinity propagate), and each ``x_i² <= s``, so ``s <= max_abs²``
    bounds every magnitude. Finite data whose squares overflow fails the test and takes
    the exact path, which accepts it or names the problem."""
    if arr.dtype != np.float64 or arr.size == 0 or not (
            arr.flags.c_contiguous or arr.flags.f_contiguous):
        return False
    flat = arr.ravel(order="K")       # a view: the array is contiguous
    with np.errstate(over="ignore", invalid="ignore"):  # inf/NaN are the answer here
        s = float(np.dot(flat, flat))
    limit = math.inf if max_abs is None else max_abs * max_abs
    return math.isfinite(s) and s <= limit


def check_magnitude(arr: np.ndarray, name: str, max_abs: float = MAX_ABS) -> np.ndarray:
    """Raise unless every value of a float ``arr`` has ``|x| <= max_abs`` (NaN aside).
    Integers (at most 9.2e18) and float32 (at most 3.4e38) always do."""
    if arr.size and arr.dtype == np.float64:
        # Two reductions and no temporary (an |arr| copy and an isnan mask cost 2-3x more on
        # a 200,000 x 32 input, at every fit); NaN, where allowed, takes the slower path.
        biggest = max(float(arr.max()), -float(arr.min()))
        if math.isnan(biggest):
            biggest = float(np.nanmax(np.abs(arr))) if not np.isnan(arr).all() else 0.0
        if biggest > max_abs:
            raise ValueError(f"{name}: expected values of magnitude at most {max_abs:g} (larger "
                             f"ones overflow float64 inside the estimator), found "
                             f"{float(biggest):g}; rescale the data")
    return arr


def check_X(X: object, name: str = "X", *, min_samples: int = 1,
            allow_nan: bool = False) -> np.ndarray:
    """The gate for an estimator's ``X``: :func:`check_array` (2-D, numeric, finite, at
    least ``min_samples`` rows) with magnitudes up to :data:`MAX_ABS`."""
    return check_array(X, name, min_samples=min_samples, allow_nan=allow_nan, max_abs=MAX_ABS)


def as_float32(X: np.ndarray, name: str = "X") -> np.ndarray:
    """A finite float64 ``X`` as float32 (how trees store features, as scikit-learn's),
    refusing values beyond float32's range (about 3.4e38) rather than turning them into
    infinity."""
    big = np.finfo(np.float32).max
    if X.size and np.abs(X).max() > big:
        raise ValueError(f"{name}: expected values within float32's range (|x| <= {big:.3g}), "
                         f"found {np.abs(X).max():.3g}; trees compare features as float32")
    return X.astype(np.float32)


def _estimator_name(estimator: object) -> str:
    return type(estimator).__name__ if estimator is not None else "this estimator"


def check_y(y: object, *, estimator: object = None, multi_output: bool = False,
            y_numeric: bool = False, allow_nan: bool = False) -> np.ndarray:
    """The target of a supervised ``fit``: shape ``(n_samples,)``, or
    ``(n_samples, n_outputs)`` when the estimator supports ``multi_output``.

    A column vector ``(n_samples, 1)`` given to a single-output estimator is flattened
    with a :class:`DataConversionWarning`, as scikit-learn does. ``y_numeric`` (regression)
    makes it float64 and finite; labels keep their dtype (strings are fine), but numeric
    labels must still be finite.
    """
    if y is None:
        raise ValueError(f"y: {_estimator_name(estimator)} requires y to be passed, but the "
                         f"target y is None")
    arr = as_array(y, "y")
    if arr.dtype.kind == "c":
        raise ValueError(f"y: Complex data not supported; expected real numbers or labels, got "
                         f"dtype {arr.dtype}")
    if arr.ndim == 2 and arr.shape[1] == 1 and not multi_output:
        # The message starts with scikit-learn's words, which its conformance suite reads.
        warnings.warn("A column-vector y was passed when a 1d array was expected: y has shape "
                      f"{arr.shape}; change it to (n_samples,), for example with y.ravel()",
                      sklearn_compatible(DataConversionWarning), stacklevel=3)
        arr = arr[:, 0]
    if not (arr.ndim == 1 or (multi_output and arr.ndim == 2)):
        expected = "(n_samples,) or (n_samples, n_outputs)" if multi_output else "(n_samples,)"
        raise ValueError(f"y: expected shape {expected}, got shape {arr.shape}")
    if y_numeric:
        arr = _numeric(arr, "y").astype(np.float64, copy=False)
        check_magnitude(arr, "y")
    if allow_nan:
        if arr.dtype.kind == "f" and np.isinf(arr).any():
            raise ValueError("y: expected finite values or NaN, found infinity")
    elif arr.dtype.kind == "O":
        # Objects that are all numbers must be finite; strings (or a mix, refused later
        # by encode_labels) cannot be NaN.
        try:
            as_numbers = arr.astype(np.float64)
        except (TypeError, ValueError):
            as_numbers = None
        if as_numbers is not None:
            check_finite(as_numbers, "y")
    else:
        check_finite(arr, "y")
    return arr


def check_X_y(X: object, y: object, *, estimator: object = None, multi_output: bool = False,
              y_numeric: bool = False, min_samples: int = 1,
              allow_nan: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """:func:`check_array` for ``X`` (2-D), :func:`check_y` for ``y``, same lengths."""
    X = check_X(X, "X", min_samples=min_samples, allow_nan=allow_nan)
    y = check_y(y, estimator=estimator, multi_output=multi_output, y_numeric=y_numeric)
    check_consistent_length(X=X, y=y)
    return X, y


def encode_labels(y: np.ndarray, name: str = "y", *,
                  min_classes: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct class labels ``classes`` and each sample's index into them.

    Refuses what is not a set of classes (scikit-learn's ``Unknown label type``): floats
    with a fractional part (a regression target given to a classifier) and labels of
    mixed types that cannot be sorted (``[1, "a"]``); and fewer than ``min_classes``
    classes (a discriminative classifier needs 2).
    """
    if y.dtype.kind == "f":
        # Float labels must be whole numbers that fit an int64 (scikit-learn compares them
        # with their integer cast); anything else is a regression target.
        bad = (y != np.round(y)) | (np.abs(y) >= 2.0**63)
        if bad.any():
            raise ValueError(f"{name}: Unknown label type: continuous. Expected class labels "
                             f"(integers, strings or booleans), got floats such as "
                             f"{y[bad][0]!r}")
    try:
        classes, idx = np.unique(y, return_inverse=True)
    except TypeError:
        kinds = sorted({type(v).__name__ for v in y.ravel()})
        raise ValueError(f"{name}: Unknown label type: mixed types {kinds}. Expected labels "
                         f"of one type") from None
    if len(classes) < min_classes:
        raise ValueError(f"{name}: expected at least {min_classes} classes, got "
                         f"{len(classes)} class ({classes[0]!r})" if len(classes) else
                         f"{name}: expected at least {min_classes} classes, got none")
    return classes, idx.reshape(y.shape)


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
        raise not_fitted(estimator)


def not_fitted(estimator: object) -> NotFittedError:
    """The error for an estimator used before ``fit`` (caught by scikit-learn too)."""
    return sklearn_compatible(NotFittedError)(
        f"This {type(estimator).__name__} instance is not fitted yet; call 'fit' first.")


def check_n_features(estimator: object, X: np.ndarray) -> np.ndarray:
    """Raise unless the 2-D ``X`` has the ``n_features_in_`` columns seen in ``fit``;
    returns ``X`` unchanged, so a ``predict`` can write ``X = check_n_features(self, X)``."""
    expected = estimator.n_features_in_
    if X.shape[1] != expected:
        # scikit-learn's wording, which its conformance suite looks for.
        raise ValueError(f"X has {X.shape[1]} features, but {type(estimator).__name__} is "
                         f"expecting {expected} features as input (as in fit)")
    return X


def check_predict_X(estimator: object, X: object, attributes: Sequence[str] | None = None,
                    *, allow_nan: bool = False) -> np.ndarray:
    """What every ``predict``/``transform`` checks first: fitted, a finite 2-D numeric
    ``X`` with the ``n_features_in_`` columns seen in ``fit``."""
    check_is_fitted(estimator, attributes)
    return check_n_features(estimator, check_X(X, "X", allow_nan=allow_nan))


def check_n_jobs(n_jobs: object) -> int:
    """Worker count for joblib: ``None`` means 1, ``-1`` every core, else an int >= 1."""
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral):
        raise TypeError(f"n_jobs: expected None or an int, got {n_jobs!r}")
    if n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs: expected None, -1 or an int >= 1, got {n_jobs}")
    return int(n_jobs)


@contextmanager
def no_overflow(names: str) -> Iterator[None]:
    """Turn a float64 overflow inside the block into a ``ValueError`` naming ``names``.

    Finite inputs near 1e308 can still overflow a sum or a square; NumPy would return a
    wrong ``inf`` (or a NaN from ``inf - inf``) with only a RuntimeWarning.
    """
    try:
        with np.errstate(over="raise"):
            yield
    except FloatingPointError:
        raise ValueError(f"{names}: values too large for float64 arithmetic (a sum or a "
                         "square overflows); rescale the data") from None
