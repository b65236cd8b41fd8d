"""The samplers against imbalanced-learn and the class weights against scikit-learn.

The project draws random numbers with ``np.random.default_rng`` while imbalanced-learn uses
the legacy ``RandomState``, so the same ``random_state`` cannot select the same rows. What
is compared instead: the exact count of every class for every ``sampling_strategy``, the
label order of the output (equal arrays), that every resampled row is an input row of the
same class, that SMOTE points lie on a segment between a minority point and one of its k
nearest minority neighbours (checked geometrically, neighbours from scikit-learn), and
reproducibility. Class weights agree with scikit-learn within 1e-12 (same formula).
"""

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from imblearn.over_sampling import RandomOverSampler as ImbOver
from imblearn.under_sampling import RandomUnderSampler as ImbUnder
from scipy.spatial.distance import cdist
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.class_weight import compute_class_weight as sk_class_weight
from sklearn.utils.class_weight import compute_sample_weight as sk_sample_weight

from mlinterview.ml.imbalance import (
    SMOTE,
    RandomOverSampler,
    RandomUnderSampler,
    compute_class_weight,
    compute_sample_weight,
    kneighbors,
)

OURS = {"over": RandomOverSampler, "under": RandomUnderSampler, "smote": SMOTE}
THEIRS = {"over": ImbOver, "under": ImbUnder, "smote": ImbSMOTE}


def _data(counts, d=3, seed=0, labels=None):
    """Gaussian blobs, class i has counts[i] rows; rows shuffled."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(counts)), counts)
    X = rng.normal(size=(y.size, d)) + 2.0 * y[:, None]
    perm = rng.permutation(y.size)
    X, y = X[perm], y[perm]
    if labels is not None:
        y = np.asarray(labels)[y]
    return X, y


MULTI = [(60, 25, 10), (100, 7, 40, 40)]
STRATS = {
    "over": ["auto", "minority", "not minority", "not majority", "all"],
    "under": ["auto", "majority", "not minority", "not majority", "all"],
    "smote": ["auto", "minority", "not minority", "not majority", "all"],
}
CASES = [(kind, s, c) for kind, ss in STRATS.items() for s in ss for c in MULTI]


@pytest.mark.parametrize("kind, strategy, counts", CASES)
def test_class_counts_and_label_order_match_imblearn_for_string_strategies(
        kind, strategy, counts):
    X, y = _data(counts)
    Xo, yo = OURS[kind](sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    Xr, yr = THEIRS[kind](sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(yo, yr)          # same counts and the same order of labels
    assert Xo.shape == Xr.shape and Xo.dtype == Xr.dtype


@pytest.mark.parametrize("kind", ["over", "under", "smote"])
@pytest.mark.parametrize("ratio", [0.3, 0.5, 0.77, 1.0])
def test_float_strategy_counts_match_imblearn(kind, ratio):
    X, y = _data((200, 23), labels=["neg", "pos"])
    _, yo = OURS[kind](sampling_strategy=ratio, random_state=1).fit_resample(X, y)
    _, yr = THEIRS[kind](sampling_strategy=ratio, random_state=1).fit_resample(X, y)
    np.testing.assert_array_equal(yo, yr)


@pytest.mark.parametrize("kind, strategy", [
    ("over", {0: 60, 1: 50, 2: 10}), ("over", {2: 33}),
    ("smote", {1: 80, 2: 45}), ("under", {0: 5, 1: 25}), ("under", {0: 0, 2: 10})])
def test_dict_strategy_counts_match_imblearn(kind, strategy):
    X, y = _data((60, 25, 10))
    _, yo = OURS[kind](sampling_strategy=strategy, random_state=2).fit_resample(X, y)
    _, yr = THEIRS[kind](sampling_strategy=strategy, random_state=2).fit_resample(X, y)
    np.testing.assert_array_equal(yo, yr)


@pytest.mark.parametrize("kind", ["over", "under"])
@pytest.mark.parametrize("counts", MULTI)
def test_random_samplers_return_input_rows_of_the_same_class(kind, counts):
    X, y = _data(counts, seed=3)
    sampler = OURS[kind](random_state=4)
    Xo, yo = sampler.fit_resample(X, y)
    idx = sampler.sample_indices_
    np.testing.assert_array_equal(Xo, X[idx])
    np.testing.assert_array_equal(yo, y[idx])
    if kind == "over":                                # the input comes first, unchanged
        np.testing.assert_array_equal(idx[: y.size], np.arange(y.size))
    else:                                             # without replacement: no repeats
        assert np.unique(idx).size == idx.size
        minority = np.argmin(counts)                  # the untouched class keeps its order
        np.testing.assert_array_equal(idx[yo == minority], np.flatnonzero(y == minority))


def test_under_sampler_with_replacement_can_repeat_rows():
    X, y = _data((500, 400), seed=5)
    s = RandomUnderSampler(sampling_strategy={0: 400}, replacement=True, random_state=0)
    s.fit_resample(X, y)
    assert np.unique(s.sample_indices_[:400]).size < 400   # 400 draws of 500: repeats


@pytest.mark.parametrize("kind", ["over", "under", "smote"])
def test_same_seed_same_rows_other_seed_other_rows(kind):
    X, y = _data((80, 12), seed=6)
    a = OURS[kind](random_state=7).fit_resample(X, y)[0]
    b = OURS[kind](random_state=7).fit_resample(X, y)[0]
    c = OURS[kind](random_state=8).fit_resample(X, y)[0]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def _distance_to_segments(P, A, B):
    """For each row of P, the distance to the nearest segment [A_j, B_j]."""
    AB = B - A
    AP = P[:, None, :] - A[None]
    t = np.clip((AP * AB[None]).sum(-1) / (AB * AB).sum(-1)[None], 0.0, 1.0)
    return np.linalg.norm(AP - t[..., None] * AB[None], axis=-1).min(axis=1)


@pytest.mark.parametrize("k", [1, 3, 5])
@pytest.mark.parametrize("d, counts", [(2, (120, 15)), (5, (300, 30, 12)), (12, (400, 40))])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_every_smote_point_lies_on_a_segment_to_one_of_its_k_nearest_neighbours(
        k, d, counts, dtype):
    X, y = _data(counts, d=d, seed=k + d)
    X = X.astype(dtype)
    Xo, yo = SMOTE(k_neighbors=k, random_state=k).fit_resample(X, y)
    assert Xo.dtype == dtype
    np.testing.assert_array_equal(Xo[: y.size], X)
    tol = 1e-9 if dtype == np.float64 else 1e-5        # float32 rounding of x_i + u*(x_j - x_i)
    for c in np.unique(y):
        Xc = X[y == c].astype(np.float64)
        new = Xo[y.size:][yo[y.size:] == c].astype(np.float64)
        if len(new) == 0:
            continue
        nn = NearestNeighbors(n_neighbors=k + 1).fit(Xc).kneighbors(Xc)[1][:, 1:]
        A = np.repeat(Xc, k, axis=0)
        B = Xc[nn.ravel()]
        assert _distance_to_segments(new, A, B).max() < tol * (1 + np.abs(Xc).max())
        # and not merely on the segment to some other minority point: the k-th neighbour
        # is the farthest allowed, so a segment-only check with k too small must fail
        # for some points when k > 1.
        if k > 1 and len(new) > 20:
            B1 = Xc[nn[:, 0]]
            assert _distance_to_segments(new, Xc, B1).max() > tol


@pytest.mark.parametrize("n, d", [(10, 2), (257, 5), (3000, 8), (5000, 3)])
def test_kneighbors_matches_scikit_learn(n, d):
    X = np.random.default_rng(n).normal(size=(n, d))
    ours = kneighbors(X, 4, block=100)
    np.testing.assert_array_equal(kneighbors(X, 4), ours)
    ref = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X)[1][:, 1:]
    np.testing.assert_array_equal(ours, ref)


@pytest.mark.parametrize("offset, scale, d", [(1e5, 1.0, 29), (1e3, 0.01, 5), (0.0, 1e4, 40),
                                              (-7e4, 3.0, 1)])
def test_kneighbors_is_exact_far_from_the_origin(offset, scale, d):
    """SciPy's cdist on explicit differences (no |a|² - 2ab + |b|² expansion) is the
    reference: scikit-learn's brute force loses digits here, ours centres first."""
    rng = np.random.default_rng(d)
    X = rng.normal(size=(1500, d)) * scale + offset * rng.normal(size=d)
    D = cdist(X, X, "sqeuclidean")
    np.fill_diagonal(D, np.inf)
    np.testing.assert_array_equal(kneighbors(X, 3), np.argsort(D, axis=1, kind="stable")[:, :3])


def test_kneighbors_on_sorted_and_duplicated_rows():
    """Sorted rows put all near neighbours in one group of columns (a loose cut, more
    candidates); duplicated rows make ties, which go to the lower index."""
    rng = np.random.default_rng(0)
    X = np.sort(rng.normal(size=(4000, 2)), axis=0)
    ref = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X)[1][:, 1:]
    np.testing.assert_array_equal(kneighbors(X, 3), ref)
    D = np.array([[0.0], [1.0], [1.0], [5.0], [1.0]])
    np.testing.assert_array_equal(kneighbors(D, 2), [[1, 2], [2, 4], [1, 4], [1, 2],
                                                     [1, 2]])
    np.testing.assert_array_equal(kneighbors(D, 4)[0], [1, 2, 4, 3])
    with pytest.raises(ValueError, match="n_neighbors"):
        kneighbors(D, 5)


@pytest.mark.parametrize("n, k", [(60, 1), (60, 59), (2500, 1), (2500, 7), (2500, 40)])
def test_kneighbors_with_ties_across_column_groups(n, k):
    """Integer points on a small grid: many exactly equal distances, spread over every
    group of columns the screening cut is taken from (n >= 2048; below, the exact
    partition, k = n - 1 included). Which of several equidistant rows comes first is
    decided by float64 rounding on centred data, so the reference is the distance
    profile: the k returned rows are distinct, never the row itself, and their exact
    distances are the k smallest of the brute-force row."""
    rng = np.random.default_rng(k)
    X = rng.integers(0, 4, size=(n, 3)).astype(float)
    D = cdist(X, X, "sqeuclidean")
    np.fill_diagonal(D, np.inf)
    nn = kneighbors(X, k, block=317)
    assert (nn != np.arange(n)[:, None]).all()
    assert all(len(set(row)) == k for row in nn)
    np.testing.assert_array_equal(np.take_along_axis(D, nn, axis=1),
                                  np.sort(D, axis=1)[:, :k])


@pytest.mark.parametrize("y", [
    np.r_[np.zeros(90, int), np.ones(10, int)],
    np.array(["a"] * 5 + ["b"] * 30 + ["c"] * 65),
    np.array([3, 3, 7, 7, 7, 11]),
])
def test_balanced_class_weight_matches_scikit_learn(y):
    classes = np.unique(y)
    np.testing.assert_allclose(compute_class_weight("balanced", classes=classes, y=y),
                               sk_class_weight("balanced", classes=classes, y=y), rtol=1e-12)
    np.testing.assert_allclose(compute_sample_weight("balanced", y),
                               sk_sample_weight("balanced", y), rtol=1e-12)
    sw = np.random.default_rng(0).uniform(0.1, 3.0, y.size)
    np.testing.assert_allclose(
        compute_class_weight("balanced", classes=classes, y=y, sample_weight=sw),
        sk_class_weight("balanced", classes=classes, y=y, sample_weight=sw), rtol=1e-12)


def test_balanced_weights_make_class_totals_equal():
    y = np.r_[np.zeros(99, int), np.ones(1, int)]
    w = compute_sample_weight("balanced", y)
    assert w[y == 0].sum() == pytest.approx(50.0) and w[y == 1].sum() == pytest.approx(50.0)
    assert w[y == 1][0] == pytest.approx(50.0)               # 100 / (2 * 1), by hand


@pytest.mark.parametrize("cw", [{0: 1.0, 1: 9.0}, {1: 4.0}, None, {0: 2.0, 1: 3.0, 5: 1.0}])
def test_dict_class_weight_matches_scikit_learn(cw):
    y = np.r_[np.zeros(8, int), np.ones(2, int)]
    classes = np.array([0, 1])
    np.testing.assert_allclose(compute_class_weight(cw, classes=classes, y=y),
                               sk_class_weight(cw, classes=classes, y=y), rtol=1e-12)
    np.testing.assert_allclose(compute_sample_weight(cw, y), sk_sample_weight(cw, y),
                               rtol=1e-12)


@pytest.mark.parametrize("make, args, name", [
    (lambda: RandomOverSampler(sampling_strategy="sometimes"), None, "sampling_strategy"),
    (lambda: RandomOverSampler(sampling_strategy="majority"), None, "sampling_strategy"),
    (lambda: RandomUnderSampler(sampling_strategy="minority"), None, "sampling_strategy"),
    (lambda: SMOTE(sampling_strategy=0.5), "multi", "sampling_strategy"),
    (lambda: SMOTE(sampling_strategy=1.5), None, "sampling_strategy"),
    (lambda: SMOTE(sampling_strategy=0.05), None, "sampling_strategy"),
    (lambda: SMOTE(sampling_strategy={9: 100}), None, "sampling_strategy"),
    (lambda: SMOTE(sampling_strategy={1: 3}), None, "sampling_strategy"),
    (lambda: RandomUnderSampler(sampling_strategy={0: 1000}), None, "sampling_strategy"),
    (lambda: SMOTE(k_neighbors=10), None, "k_neighbors"),
    (lambda: SMOTE(k_neighbors=0), None, "k_neighbors"),
    (lambda: SMOTE(), "one-class", "y"),
    (lambda: SMOTE(), "1d", "X"),
    (lambda: RandomOverSampler(), "short-y", "inconsistent"),
    (lambda: SMOTE(), "nan", "X"),
])
def test_bad_input_names_the_argument(make, args, name):
    X, y = _data((40, 8))
    if args == "multi":
        X, y = _data((40, 8, 8))
    elif args == "one-class":
        y = np.zeros_like(y)
    elif args == "1d":
        X = X[:, 0]
    elif args == "short-y":
        y = y[:-1]
    elif args == "nan":
        X[0, 0] = np.nan
    with pytest.raises((ValueError, TypeError), match=name):
        make().fit_resample(X, y)


def test_class_weight_errors_name_the_argument():
    y = np.array([0, 0, 1])
    with pytest.raises(ValueError, match="class_weight"):
        compute_class_weight("balance", classes=np.array([0, 1]), y=y)
    with pytest.raises(ValueError, match="classes"):
        compute_class_weight("balanced", classes=np.array([0, 1, 2]), y=y)
    with pytest.raises(ValueError, match="class_weight"):
        compute_class_weight({0: 1.0, 7: 2.0}, classes=np.array([0, 1]), y=y)
    with pytest.raises(TypeError, match="class_weight"):
        compute_class_weight(3, classes=np.array([0, 1]), y=y)
