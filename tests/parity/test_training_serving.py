"""Parity of mlinterview.ml.design.drift and feature_store with SciPy and pandas.

- ks_2samp vs scipy.stats.ks_2samp: the statistic, its location and sign *exactly* (same
  arithmetic); exact p-values to rtol 1e-9 (SciPy sums the paths inside the band or uses
  a closed form, we sum the mass absorbed on the boundary: rounding differs in the last
  digits), asymptotic ones to 1e-12 (same formulas). Where SciPy's exact computation
  overflows it warns and falls back to the asymptotic p-value; those cases are skipped
  for the p-value.
- jensenshannon vs scipy.spatial.distance.jensenshannon: 1e-12 (same sums, in another
  order).
- point_in_time_join vs pandas.merge_asof(by=...): the matched rows exactly.
"""

import warnings

import numpy as np
import pytest

from mlinterview.ml.design.drift import jensenshannon, ks_2samp
from mlinterview.ml.design.feature_store import point_in_time_join

scipy_stats = pytest.importorskip("scipy.stats")
scipy_distance = pytest.importorskip("scipy.spatial.distance")
pd = pytest.importorskip("pandas")

SIZES = [(1, 1), (1, 5), (3, 3), (5, 8), (10, 10), (25, 40), (100, 100), (100, 37),
         (250, 400), (1000, 999)]


def _scipy_ks(a, b, alternative, method):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ref = scipy_stats.ks_2samp(a, b, alternative=alternative, method=method)
    return ref, bool(caught)


def _check(a, b, alternative, method, rtol):
    ours = ks_2samp(a, b, alternative=alternative, method=method)
    ref, fell_back = _scipy_ks(a, b, alternative, method)
    assert ours.statistic == ref.statistic
    assert ours.statistic_location == ref.statistic_location
    assert ours.statistic_sign == ref.statistic_sign
    if fell_back or (min(len(a), len(b)) == 1 and method == "asymp"):
        return                      # SciPy's fallback (or its NaN at n1 = n2 = 1)
    np.testing.assert_allclose(ours.pvalue, ref.pvalue, rtol=rtol, atol=1e-300)


@pytest.mark.parametrize("sizes", SIZES)
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("shift", [0.0, 0.4, 1.5])
def test_ks_exact_matches_scipy(sizes, alternative, shift):
    rng = np.random.default_rng(sum(sizes))
    a = rng.standard_normal(sizes[0])
    b = rng.standard_normal(sizes[1]) + shift
    _check(a, b, alternative, "exact", rtol=1e-9)
    _check(a, b, alternative, "auto", rtol=1e-9)


@pytest.mark.parametrize("sizes", [*SIZES, (20_000, 15_000)])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ks_asymptotic_matches_scipy(sizes, alternative):
    rng = np.random.default_rng(7)
    a = rng.standard_normal(sizes[0])
    b = rng.standard_normal(sizes[1]) * 1.1 + 0.05
    _check(a, b, alternative, "asymp", rtol=1e-12)
    if max(sizes) > 10_000:
        _check(a, b, alternative, "auto", rtol=1e-12)          # auto takes the asymptotic


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ks_with_ties_and_integers_matches_scipy(alternative):
    rng = np.random.default_rng(1)
    for n1, n2 in [(30, 50), (200, 200), (7, 300)]:
        a = rng.integers(0, 5, n1)
        b = rng.integers(0, 6, n2)
        _check(a, b, alternative, "exact", rtol=1e-9)
        _check(a, b, alternative, "asymp", rtol=1e-12)
    _check(np.float32([1, 2, 2, 3]), np.float32([2, 2, 5]), alternative, "exact", rtol=1e-9)


@pytest.mark.parametrize("shape", [(2,), (10,), (5, 3)])
@pytest.mark.parametrize("base", [None, 2.0])
def test_jensenshannon_matches_scipy(shape, base):
    rng = np.random.default_rng(len(shape))
    p = rng.random(shape)
    q = rng.random(shape)
    q.flat[0] = 0.0                                  # an empty bin on one side
    np.testing.assert_allclose(jensenshannon(p, q, base=base),
                               scipy_distance.jensenshannon(p, q, base=base), rtol=1e-12)
    if len(shape) == 2:
        np.testing.assert_allclose(jensenshannon(p, q, axis=1),
                                   scipy_distance.jensenshannon(p, q, axis=1), rtol=1e-12)


def _merge_asof_rows(ev_e, ev_t, ft_e, ft_t, **kwargs):
    left = pd.DataFrame({"entity": ev_e, "t": ev_t, "event": np.arange(len(ev_e))})
    right = pd.DataFrame({"entity": ft_e, "t": ft_t, "row": np.arange(len(ft_e))})
    # merge_asof needs both frames sorted on the time key; a stable sort keeps the table
    # order of tied rows, which decides the winner among them.
    merged = pd.merge_asof(left.sort_values("t", kind="stable"),
                           right.sort_values("t", kind="stable"),
                           on="t", by="entity", direction="backward", **kwargs)
    rows = np.full(len(ev_e), -1)
    found = merged["row"].notna().to_numpy()
    rows[merged["event"].to_numpy()[found]] = merged["row"].to_numpy()[found].astype(int)
    return rows


@pytest.mark.parametrize("n_events,n_rows", [(1, 1), (20, 5), (200, 300), (2000, 5000)])
@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("tolerance", [None, 3])
def test_point_in_time_join_matches_merge_asof(n_events, n_rows, exact, tolerance):
    rng = np.random.default_rng(n_events)
    users = np.array([f"user{k}" for k in range(max(2, n_rows // 20))])
    ev_e, ft_e = rng.choice(users, n_events), rng.choice(users, n_rows)
    ev_t, ft_t = rng.integers(0, 50, n_events), rng.integers(0, 50, n_rows)
    ours = point_in_time_join(ev_e, ev_t, ft_e, ft_t, allow_exact_matches=exact,
                              max_age=tolerance)
    ref = _merge_asof_rows(ev_e, ev_t, ft_e, ft_t, allow_exact_matches=exact,
                           tolerance=tolerance)
    np.testing.assert_array_equal(ours, ref)


def test_point_in_time_join_with_datetimes_matches_merge_asof():
    rng = np.random.default_rng(5)
    start = np.datetime64("2024-01-01T00:00", "s")
    ev_t = start + rng.integers(0, 86_400 * 7, 300).astype("timedelta64[s]")
    ft_t = start + rng.integers(0, 86_400 * 7, 500).astype("timedelta64[s]")
    ev_e, ft_e = rng.integers(0, 10, 300), rng.integers(0, 10, 500)
    ours = point_in_time_join(ev_e, ev_t, ft_e, ft_t, max_age=np.timedelta64(6, "h"))
    ref = _merge_asof_rows(ev_e, ev_t, ft_e, ft_t, tolerance=pd.Timedelta(hours=6))
    np.testing.assert_array_equal(ours, ref)
