"""Cross-validation splitters and ``train_test_split`` with scikit-learn's folds.

Every splitter yields ``(train, test)`` pairs of sorted integer index arrays (except the
shuffle splits, which return permuted indices, as scikit-learn does). Given the same
inputs and the same integer ``random_state``, each yields exactly the folds of its
scikit-learn namesake: that is why the shuffling here uses ``np.random.RandomState``
(scikit-learn's generator) rather than the ``np.random.default_rng`` used elsewhere in
:mod:`mlinterview.ml`; the same seed must give the same permutation.

Fold sizes (k-fold): ``n`` samples in ``k`` folds gives ``n % k`` folds of ``n // k + 1``
samples first, then folds of ``n // k``: every sample is tested exactly once.
"""

from __future__ import annotations

import itertools
import numbers
import warnings
from collections.abc import Iterator
from math import ceil, floor

import numpy as np

from mlinterview.ml._validation import as_array, check_1d, encode_labels

__all__ = [
    "GroupKFold",
    "KFold",
    "RepeatedKFold",
    "RepeatedStratifiedKFold",
    "ShuffleSplit",
    "StratifiedKFold",
    "StratifiedShuffleSplit",
    "TimeSeriesSplit",
    "check_cv",
    "train_test_split",
]


def check_random_state(seed: object) -> np.random.RandomState:
    """A ``np.random.RandomState`` from ``None`` (fresh entropy), an int or a RandomState.

    scikit-learn's splitters draw from ``RandomState``; using the same generator is what
    makes our shuffled folds identical to theirs for the same integer seed. A RandomState
    instance is used as is (and advances between calls), as in scikit-learn.
    """
    if isinstance(seed, np.random.RandomState):
        return seed
    if seed is None:
        return np.random.RandomState()
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return np.random.RandomState(int(seed))
    raise TypeError(f"random_state: expected None, an int or a np.random.RandomState, "
                    f"got {type(seed).__name__} {seed!r:.40}")


def num_samples(X: object, name: str = "X") -> int:
    """The number of samples (first dimension) of an array-like ``X``."""
    if hasattr(X, "shape") and len(getattr(X, "shape", ())) >= 1:
        return int(X.shape[0])
    if X is None or isinstance(X, (str, bytes)) or not hasattr(X, "__len__"):
        raise TypeError(f"{name}: expected an array-like of samples, got {type(X).__name__}")
    return len(X)


def _check_n_splits(n_splits: object, lo: int = 2) -> int:
    if isinstance(n_splits, bool) or not isinstance(n_splits, numbers.Integral):
        raise TypeError(f"n_splits: expected an integer, got {type(n_splits).__name__} "
                        f"{n_splits!r}")
    if n_splits < lo:
        raise ValueError(f"n_splits: expected an integer >= {lo} (at least one train/test "
                         f"split), got {n_splits}")
    return int(n_splits)


def _check_shuffle(shuffle: object, random_state: object) -> None:
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle: expected True or False, got {shuffle!r}")
    if not shuffle and random_state is not None:
        raise ValueError("random_state: has no effect when shuffle=False; leave it None or "
                         "set shuffle=True")


def _check_class_labels(y: object, name: str = "y") -> np.ndarray:
    """A 1-D array of class labels (ints, strings, or floats with integer values)."""
    y = check_1d(y, name)
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        raise ValueError(f"{name}: expected class labels, found NaN or infinity")
    encode_labels(y, name)          # refuses continuous values and unsortable mixed types
    return y


class BaseCrossValidator:
    """A splitter: ``split(X, y, groups)`` yields ``(train, test)`` index arrays.

    Subclasses give ``_test_folds(n, y, groups)``: the fold number of every sample, shape
    ``(n_samples,)``; the ``i``-th test set is the samples of fold ``i``, the train set is
    everything else, both sorted.
    """

    def get_n_splits(self, X=None, y=None, groups=None) -> int:
        """The number of ``(train, test)`` pairs ``split`` yields."""
        return self.n_splits

    def split(self, X, y=None, groups=None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train, test)`` index arrays, one pair per fold."""
        n = num_samples(X)
        if self.n_splits > n:
            raise ValueError(f"n_splits: cannot be greater than the number of samples; got "
                             f"n_splits={self.n_splits} for n_samples={n}")
        folds = self._test_folds(n, y, groups)
        for i in range(self.n_splits):
            mask = folds == i
            yield np.flatnonzero(~mask), np.flatnonzero(mask)

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({params})"


class KFold(BaseCrossValidator):
    """K-fold: consecutive blocks of (optionally shuffled) samples are the test folds.

    The first ``n_samples % n_splits`` folds have ``n_samples // n_splits + 1`` samples, the
    others ``n_samples // n_splits``. With ``shuffle=True`` the sample order is permuted
    once by ``RandomState(random_state).shuffle`` before cutting.
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state=None):
        self.n_splits = _check_n_splits(n_splits)
        _check_shuffle(shuffle, random_state)
        self.shuffle = bool(shuffle)
        self.random_state = random_state

    def _fold_bounds(self, n: int) -> np.ndarray:
        sizes = np.full(self.n_splits, n // self.n_splits, dtype=np.int64)
        sizes[: n % self.n_splits] += 1
        return np.concatenate([[0], np.cumsum(sizes)])

    def split(self, X, y=None, groups=None):
        """Yield ``(train, test)`` index arrays (both sorted) for each of the ``n_splits``."""
        n = num_samples(X)
        if self.n_splits > n:
            raise ValueError(f"n_splits: cannot be greater than the number of samples; got "
                             f"n_splits={self.n_splits} for n_samples={n}")
        bounds = self._fold_bounds(n)
        if not self.shuffle:
            # Without shuffling the folds are contiguous ranges: no masks needed.
            for start, stop in itertools.pairwise(bounds):
                train = np.arange(n - (stop - start))
                train[start:] += stop - start  # skip the test block: one arange, no concat
                yield train, np.arange(start, stop)
            return
        order = np.arange(n)
        check_random_state(self.random_state).shuffle(order)
        folds = np.empty(n, dtype=np.int64)
        folds[order] = np.repeat(np.arange(self.n_splits), np.diff(bounds))
        for i in range(self.n_splits):
            mask = folds == i
            yield np.flatnonzero(~mask), np.flatnonzero(mask)


class StratifiedKFold(BaseCrossValidator):
    """K-fold that keeps each class's share in every fold (up to rounding).

    As scikit-learn: classes are numbered in order of first appearance; the samples,
    sorted by class, are dealt round-robin to the folds to decide how many of each class
    each fold gets; then the samples of each class are given to folds in blocks, in data
    order (or in a shuffled order of the block labels when ``shuffle=True``).
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state=None):
        self.n_splits = _check_n_splits(n_splits)
        _check_shuffle(shuffle, random_state)
        self.shuffle = bool(shuffle)
        self.random_state = random_state

    def split(self, X, y, groups=None):
        """Yield ``(train, test)`` index arrays; ``y`` (n_samples,) holds the class labels."""
        if y is None:
            raise ValueError("y: StratifiedKFold needs the class labels, got None")
        n = num_samples(X)
        if num_samples(y, "y") != n:
            raise ValueError(f"y: expected {n} labels (one per sample of X), got "
                             f"{num_samples(y, 'y')}")
        return super().split(X, y, groups)

    def _test_folds(self, n: int, y, groups) -> np.ndarray:
        rng = check_random_state(self.random_state)
        k = self.n_splits
        _, first, inverse = np.unique(_check_class_labels(y), return_index=True,
                                      return_inverse=True)
        # Renumber classes by first appearance (scikit-learn's order). Small integer
        # codes: NumPy's stable sort of int16 is a radix sort, O(n).
        rank = np.argsort(np.argsort(first, kind="stable"), kind="stable")
        code = rank.astype(np.int16 if len(first) < 2**15 else np.int64)[inverse]
        counts = np.bincount(code)
        n_classes = len(counts)
        if np.all(k > counts):
            raise ValueError(f"n_splits: cannot be greater than the number of members in "
                             f"every class; got n_splits={k}, class sizes {counts.tolist()}")
        if k > counts.min():
            warnings.warn(f"The least populated class in y has only {counts.min()} members, "
                          f"which is less than n_splits={k}.", UserWarning, stacklevel=3)
        # Round-robin dealing of the class-sorted samples: class c occupies positions
        # [start_c, end_c) of the sorted order; fold i receives positions p = i (mod k).
        end = np.cumsum(counts)
        start = end - counts
        i = np.arange(k)[:, None]

        def dealt(m):  # how many positions p < m with p = i (mod k)
            return np.maximum(0, (m[None, :] - i + k - 1) // k)

        allocation = dealt(end) - dealt(start)  # (k, n_classes)
        blocks = []
        for c in range(n_classes):
            folds_for_class = np.repeat(np.arange(k), allocation[:, c])
            if self.shuffle:
                rng.shuffle(folds_for_class)
            blocks.append(folds_for_class)
        folds = np.empty(n, dtype=np.int64)
        folds[np.argsort(code, kind="stable")] = np.concatenate(blocks)
        return folds


class GroupKFold(BaseCrossValidator):
    """K-fold over groups: all samples of a group land in the same test fold.

    Without shuffling, groups are placed largest first, each into the fold with the fewest
    samples so far (ties: the lowest fold), so test folds have similar sizes. With
    ``shuffle=True`` the unique groups are permuted and cut into ``n_splits`` nearly equal
    runs of groups.
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state=None):
        self.n_splits = _check_n_splits(n_splits)
        _check_shuffle(shuffle, random_state)
        self.shuffle = bool(shuffle)
        self.random_state = random_state

    def split(self, X, y=None, groups=None):
        """Yield ``(train, test)`` index arrays; ``groups`` (n_samples,) is required."""
        if groups is None:
            raise ValueError("groups: GroupKFold needs a group label per sample, got None")
        if num_samples(groups, "groups") != num_samples(X):
            raise ValueError(f"groups: expected {num_samples(X)} labels (one per sample of "
                             f"X), got {num_samples(groups, 'groups')}")
        return super().split(X, y, groups)

    def _test_folds(self, n: int, y, groups) -> np.ndarray:
        unique, group_idx = np.unique(check_1d(groups, "groups"), return_inverse=True)
        n_groups = len(unique)
        if self.n_splits > n_groups:
            raise ValueError(f"n_splits: cannot be greater than the number of groups; got "
                             f"n_splits={self.n_splits} for {n_groups} groups")
        if self.shuffle:
            perm = check_random_state(self.random_state).permutation(n_groups)
            group_to_fold = np.empty(n_groups, dtype=np.int64)
            for fold, chunk in enumerate(np.array_split(perm, self.n_splits)):
                group_to_fold[chunk] = fold
            return group_to_fold[group_idx]
        sizes = np.bincount(group_idx)
        order = np.argsort(sizes, kind="stable")[::-1]  # largest first, as scikit-learn
        load = np.zeros(self.n_splits)
        group_to_fold = np.zeros(n_groups, dtype=np.int64)
        # Greedy bin packing: a loop over groups (not samples); each step depends on the last.
        for g in order:
            lightest = int(np.argmin(load))
            load[lightest] += sizes[g]
            group_to_fold[g] = lightest
        return group_to_fold[group_idx]


class TimeSeriesSplit(BaseCrossValidator):
    """Forward-chaining splits: train on the past, test on the next block.

    The last ``n_splits * test_size`` samples are cut into ``n_splits`` test blocks
    (``test_size`` defaults to ``n_samples // (n_splits + 1)``); each train set is every
    sample before its test block minus ``gap`` samples, capped to the latest
    ``max_train_size``.
    """

    def __init__(self, n_splits: int = 5, *, max_train_size: int | None = None,
                 test_size: int | None = None, gap: int = 0):
        self.n_splits = _check_n_splits(n_splits)
        for name, value in (("max_train_size", max_train_size), ("test_size", test_size)):
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, numbers.Integral) or value < 1):
                raise ValueError(f"{name}: expected None or a positive integer, got {value!r}")
        if isinstance(gap, bool) or not isinstance(gap, numbers.Integral) or gap < 0:
            raise ValueError(f"gap: expected a non-negative integer, got {gap!r}")
        self.max_train_size = max_train_size
        self.test_size = test_size
        self.gap = gap

    def split(self, X, y=None, groups=None):
        """Yield ``(train, test)`` index arrays, test blocks in time order."""
        n = num_samples(X)
        k = self.n_splits
        if k + 1 > n:
            raise ValueError(f"n_splits: n_splits + 1 = {k + 1} folds cannot be greater than "
                             f"the number of samples {n}")
        test_size = self.test_size if self.test_size is not None else n // (k + 1)
        if n - self.gap - test_size * k <= 0:
            raise ValueError(f"n_splits: too many splits ({k}) for {n} samples with "
                             f"test_size={test_size} and gap={self.gap}")
        for test_start in range(n - k * test_size, n, test_size):
            train_end = test_start - self.gap
            train_start = 0
            if self.max_train_size and self.max_train_size < train_end:
                train_start = train_end - self.max_train_size
            yield np.arange(train_start, train_end), np.arange(test_start,
                                                               test_start + test_size)


class _RepeatedSplits:
    """``n_repeats`` runs of a shuffled splitter, each drawing from one shared RandomState."""

    _cv: type = KFold

    def __init__(self, *, n_splits: int = 5, n_repeats: int = 10, random_state=None):
        self.n_splits = _check_n_splits(n_splits)
        if (isinstance(n_repeats, bool) or not isinstance(n_repeats, numbers.Integral)
                or n_repeats < 1):
            raise ValueError(f"n_repeats: expected a positive integer, got {n_repeats!r}")
        self.n_repeats = int(n_repeats)
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None, groups=None) -> int:
        """``n_splits * n_repeats``."""
        return self.n_splits * self.n_repeats

    def split(self, X, y=None, groups=None):
        """Yield the ``(train, test)`` pairs of every repeat, repeat by repeat."""
        rng = check_random_state(self.random_state)
        for _ in range(self.n_repeats):
            cv = self._cv(self.n_splits, shuffle=True, random_state=rng)
            yield from cv.split(X, y, groups)

    __repr__ = BaseCrossValidator.__repr__


class RepeatedKFold(_RepeatedSplits):
    """K-fold repeated ``n_repeats`` times with a different shuffle each time."""

    _cv = KFold


class RepeatedStratifiedKFold(_RepeatedSplits):
    """Stratified k-fold repeated ``n_repeats`` times with a different shuffle each time."""

    _cv = StratifiedKFold


def _validate_shuffle_split(n: int, test_size, train_size, default_test_size=None):
    """``(n_train, n_test)`` from fractions (test rounded up, train down) or counts."""
    if test_size is None and train_size is None:
        test_size = default_test_size
    for name, value in (("test_size", test_size), ("train_size", train_size)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name}: expected an int or a float, got {value!r}")
        if isinstance(value, numbers.Integral) and not 0 < value < n:
            raise ValueError(f"{name}: expected a count in [1, {n - 1}] or a fraction in "
                             f"(0, 1), got {value}")
        if not isinstance(value, numbers.Integral) and not 0 < value < 1:
            raise ValueError(f"{name}: expected a fraction in (0, 1) or a count, got {value}")
    fractions = [isinstance(v, float) for v in (test_size, train_size)]
    if all(fractions) and test_size + train_size > 1:
        raise ValueError(f"test_size and train_size: their sum {test_size + train_size} "
                         "should be at most 1")
    n_test = (ceil(test_size * n) if isinstance(test_size, float) else test_size)
    n_train = (floor(train_size * n) if isinstance(train_size, float) else train_size)
    if train_size is None:
        n_train = n - n_test
    elif test_size is None:
        n_test = n - n_train
    if n_train + n_test > n:
        raise ValueError(f"test_size and train_size: {n_train} + {n_test} samples is more "
                         f"than the {n} available")
    if n_train == 0:
        raise ValueError(f"train_size: with n_samples={n}, test_size={test_size} and "
                         f"train_size={train_size} the train set would be empty")
    return int(n_train), int(n_test)


class ShuffleSplit:
    """``n_splits`` independent random train/test splits (scikit-learn's permutations)."""

    def __init__(self, n_splits: int = 10, *, test_size=None, train_size=None,
                 random_state=None):
        self.n_splits = _check_n_splits(n_splits, lo=1)
        self.test_size = test_size
        self.train_size = train_size
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None, groups=None) -> int:
        """``n_splits``."""
        return self.n_splits

    def split(self, X, y=None, groups=None):
        """Yield ``(train, test)``: the first ``n_test`` of a permutation, then ``n_train``."""
        n = num_samples(X)
        n_train, n_test = _validate_shuffle_split(n, self.test_size, self.train_size, 0.1)
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            perm = rng.permutation(n)
            yield perm[n_test:n_test + n_train], perm[:n_test]

    __repr__ = BaseCrossValidator.__repr__


def _approximate_mode(class_counts: np.ndarray, n_draws: int, rng) -> np.ndarray:
    """Per-class draws closest to proportional: floors, then the largest remainders
    (ties broken at random), as scikit-learn's ``_approximate_mode``."""
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need = int(n_draws - floored.sum())
    if need > 0:
        remainder = continuous - floored
        for value in np.sort(np.unique(remainder))[::-1]:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need)
            floored[rng.choice(inds, size=add_now, replace=False)] += 1
            need -= add_now
            if need == 0:
                break
    return floored.astype(int)


class StratifiedShuffleSplit(ShuffleSplit):
    """Random train/test splits that keep each class's share (scikit-learn's draws)."""

    def split(self, X, y, groups=None):
        """Yield ``(train, test)`` index arrays (permuted) with per-class proportions."""
        n = num_samples(X)
        n_train, n_test = _validate_shuffle_split(n, self.test_size, self.train_size, 0.1)
        y = as_array(y, "y")
        if y.ndim == 2:  # multilabel rows: each distinct row is a class
            y = np.array([" ".join(row.astype(str)) for row in y])
        classes, codes, counts = np.unique(check_1d(y, "y"), return_inverse=True,
                                           return_counts=True)
        if len(codes) != n:
            raise ValueError(f"y: expected {n} labels (one per sample of X), got {len(codes)}")
        if counts.min() < 2:
            raise ValueError(f"y: every class needs at least 2 members to stratify; classes "
                             f"{classes[counts < 2].tolist()} have 1")
        if n_train < len(classes) or n_test < len(classes):
            raise ValueError(f"test_size and train_size: each set needs at least one sample "
                             f"per class ({len(classes)}), got train {n_train}, test {n_test}")
        class_indices = np.split(np.argsort(codes, kind="stable"), np.cumsum(counts)[:-1])
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            n_i = _approximate_mode(counts, n_train, rng)
            t_i = _approximate_mode(counts - n_i, n_test, rng)
            train, test = [], []
            for c in range(len(classes)):
                perm = class_indices[c].take(rng.permutation(counts[c]), mode="clip")
                train.append(perm[: n_i[c]])
                test.append(perm[n_i[c]: n_i[c] + t_i[c]])
            yield rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def _take(a, idx: np.ndarray):
    """Rows ``idx`` of an array, a pandas object or a list (kept as a list)."""
    if hasattr(a, "iloc"):
        return a.iloc[idx]
    if isinstance(a, np.ndarray) or hasattr(a, "shape"):
        return a[idx]
    return [a[i] for i in idx]


def train_test_split(*arrays, test_size=None, train_size=None, random_state=None,
                     shuffle: bool = True, stratify=None) -> list:
    """Split arrays (same first dimension) into random train and test subsets.

    Returns ``[a_train, a_test, b_train, b_test, ...]``. ``test_size`` / ``train_size``:
    a fraction in (0, 1) (test rounded up, train down) or a count; default test share
    0.25. ``stratify``: labels whose class shares both parts keep. Without ``shuffle``
    the first ``n_train`` rows are the train set and the next ``n_test`` the test set.
    """
    if not arrays:
        raise ValueError("arrays: expected at least one array to split")
    n = num_samples(arrays[0], "arrays[0]")
    for i, a in enumerate(arrays[1:], start=1):
        if num_samples(a, f"arrays[{i}]") != n:
            raise ValueError(f"arrays: inconsistent numbers of samples: arrays[0] has {n}, "
                             f"arrays[{i}] has {num_samples(a)}")
    n_train, n_test = _validate_shuffle_split(n, test_size, train_size, 0.25)
    if not shuffle:
        if stratify is not None:
            raise ValueError("stratify: a stratified split needs shuffle=True")
        train, test = np.arange(n_train), np.arange(n_train, n_train + n_test)
    else:
        cls = ShuffleSplit if stratify is None else StratifiedShuffleSplit
        cv = cls(1, test_size=n_test, train_size=n_train, random_state=random_state)
        train, test = next(cv.split(arrays[0], stratify))
    out = []
    for a in arrays:
        out += [_take(a, train), _take(a, test)]
    return out


class _PredefinedSplits(BaseCrossValidator):
    """An iterable of ``(train, test)`` pairs used as a splitter."""

    def __init__(self, pairs):
        self.pairs = [(np.asarray(tr), np.asarray(te)) for tr, te in pairs]
        self.n_splits = len(self.pairs)

    def split(self, X=None, y=None, groups=None):
        """Yield the stored pairs."""
        yield from self.pairs


def check_cv(cv=5, y=None, *, classifier: bool = False):
    """A splitter from ``cv``: ``None`` -> 5 folds; an int -> :class:`StratifiedKFold`
    for a classifier with class labels, else :class:`KFold`; an object with ``split``
    is used as is; an iterable of ``(train, test)`` pairs is wrapped."""
    if cv is None:
        cv = 5
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        if classifier and y is not None:
            y_arr = np.asarray(y)
            discrete = y_arr.ndim == 1 and (y_arr.dtype.kind in "biuOUS" or (
                y_arr.dtype.kind == "f" and np.all(y_arr == np.round(y_arr))))
            if discrete:
                return StratifiedKFold(cv)
        return KFold(cv)
    if hasattr(cv, "split"):
        return cv
    if hasattr(cv, "__iter__") and not isinstance(cv, (str, bytes)):
        return _PredefinedSplits(cv)
    raise TypeError(f"cv: expected None, an int, a splitter with split() or an iterable of "
                    f"(train, test) pairs, got {type(cv).__name__}")
