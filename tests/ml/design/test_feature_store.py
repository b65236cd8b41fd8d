"""mlinterview.ml.design.feature_store on hand-worked timelines and a brute-force join
(pandas.merge_asof parity lives in tests/parity/test_training_serving.py)."""

import numpy as np
import pytest

from mlinterview.ml.design.feature_store import latest_snapshot_join, lookup, point_in_time_join

# A feature table: user "u" at times 1, 5, 9; user "v" at 3; rows in scrambled order.
FEATURE_ENTITY = np.array(["u", "v", "u", "u"])
FEATURE_TIME = np.array([5, 3, 9, 1])
FEATURE_VALUE = np.array([50.0, 30.0, 90.0, 10.0])


def _brute_force(ev_e, ev_t, ft_e, ft_t, exact=True, max_age=None):
    out = []
    for e, t in zip(ev_e, ev_t, strict=True):
        best = -1
        for r, (fe, ftt) in enumerate(zip(ft_e, ft_t, strict=True)):
            ok = fe == e and (ftt <= t if exact else ftt < t)
            if max_age is not None:
                ok = ok and t - ftt <= max_age
            if ok and (best < 0 or ftt >= ft_t[best]):
                best = r
        out.append(best)
    return np.array(out)


def test_point_in_time_hand_worked():
    ev_e = ["u", "u", "u", "u", "v", "v", "w"]
    ev_t = [0, 1, 4, 10, 2, 7, 5]
    idx = point_in_time_join(ev_e, ev_t, FEATURE_ENTITY, FEATURE_TIME)
    # u@0: nothing yet; u@1: the row at 1 (exact match); u@4: still 1; u@10: 9;
    # v@2: nothing (v's row is at 3); v@7: 3; w: no rows at all.
    assert idx.tolist() == [-1, 3, 3, 2, -1, 1, -1]
    np.testing.assert_array_equal(lookup(FEATURE_VALUE, idx),
                                  [np.nan, 10.0, 10.0, 90.0, np.nan, 30.0, np.nan])


def test_exact_matches_and_max_age():
    idx = point_in_time_join(["u", "u"], [5, 8], FEATURE_ENTITY, FEATURE_TIME,
                             allow_exact_matches=False)
    assert idx.tolist() == [3, 0]                   # u@5 may not see the row written at 5
    idx = point_in_time_join(["u", "u", "u"], [5, 8, 9], FEATURE_ENTITY, FEATURE_TIME,
                             max_age=2)
    assert idx.tolist() == [0, -1, 2]               # u@8: the row at 5 is 3 old > 2


def test_ties_take_the_last_row_in_table_order():
    idx = point_in_time_join([1], [5], [1, 1, 1], [5, 5, 2])
    assert idx.tolist() == [1]


def test_datetimes_of_different_units():
    ev_t = np.array(["2024-03-02", "2024-03-05"], dtype="datetime64[D]")
    ft_t = np.array(["2024-03-01T12", "2024-03-04T00", "2024-03-06T00"], dtype="datetime64[h]")
    assert point_in_time_join([7, 7], ev_t, [7, 7, 7], ft_t).tolist() == [0, 1]
    assert point_in_time_join([7, 7], ev_t, [7, 7, 7], ft_t,
                              max_age=np.timedelta64(12, "h")).tolist() == [0, -1]


def test_matches_brute_force_on_random_tables():
    rng = np.random.default_rng(0)
    for _ in range(50):
        n_ev, n_ft = rng.integers(0, 25, 2)
        ev_e, ft_e = rng.integers(0, 4, n_ev), rng.integers(0, 4, n_ft)
        ev_t, ft_t = rng.integers(0, 8, n_ev), rng.integers(0, 8, n_ft)
        for exact in (True, False):
            for max_age in (None, 0, 3):
                ours = point_in_time_join(ev_e, ev_t, ft_e, ft_t, allow_exact_matches=exact,
                                          max_age=max_age)
                ref = _brute_force(ev_e, ev_t, ft_e, ft_t, exact, max_age)
                np.testing.assert_array_equal(ours, ref)


def test_latest_snapshot_join_leaks_the_future():
    idx = latest_snapshot_join(["u", "u", "v", "w"], FEATURE_ENTITY, FEATURE_TIME)
    # Every u event gets the row at time 9, even the one that happened at time 0.
    assert idx.tolist() == [2, 2, 1, -1]


def test_lookup_fills_and_keeps_dtype():
    assert lookup(np.array([1, 2, 3]), np.array([2, 0])).dtype.kind == "i"
    np.testing.assert_array_equal(lookup(np.array([[1, 2], [3, 4]]), np.array([1, -1]),
                                         fill_value=0), [[3, 4], [0, 0]])
    with pytest.raises(ValueError, match="index"):
        lookup([1.0, 2.0], np.array([2]))
    with pytest.raises(TypeError, match="index"):
        lookup([1.0, 2.0], np.array([0.5]))


def test_bad_input():
    with pytest.raises(ValueError, match="inconsistent"):
        point_in_time_join([1, 2], [1], [1], [1])
    with pytest.raises(TypeError, match="datetime64"):
        point_in_time_join([1], np.array(["2024-01-01"], dtype="datetime64[D]"), [1], [3])
    with pytest.raises(ValueError, match="NaN"):
        point_in_time_join([1], [np.nan], [1], [1.0])
    with pytest.raises(TypeError, match="entity"):
        point_in_time_join(["a"], [1], [1], [1])
    with pytest.raises(ValueError, match="max_age"):
        point_in_time_join([1], [1], [1], [1], max_age=-1)
    with pytest.raises(TypeError, match="allow_exact_matches"):
        point_in_time_join([1], [1], [1], [1], allow_exact_matches="yes")
