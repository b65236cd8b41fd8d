"""The join at the heart of a feature store: each training example gets the feature values
that were known *when its label event happened*, never later ones.

A feature table is a log of ``(entity, timestamp, value)`` rows: a user's purchase count
over the last 30 days recomputed every hour, say. A training set is a list of label events
``(entity, timestamp, label)``. Joining the two on the entity alone and taking the
entity's current value (:func:`latest_snapshot_join`) lets information from *after* the
event into training: label leakage. Offline metrics look excellent and the model fails in
production, where only the past exists. The point-in-time ("as of") join,
:func:`point_in_time_join`, takes for each event the latest feature row of the same entity
at or before the event's timestamp, exactly what the online store would have served then.
``pandas.merge_asof(..., by=entity)`` and the ``get_historical_features`` call of feature
stores such as Feast compute the same thing.

Both joins return row indices into the feature table (``-1`` where there is no match);
:func:`lookup` turns them into values. Checked against ``pandas.merge_asof`` in
``tests/parity/test_training_serving.py``.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import as_array, check_1d, check_consistent_length, check_scalar
from mlinterview.ml.design.drift import joint_codes

__all__ = ["latest_snapshot_join", "lookup", "point_in_time_join"]


def _entity_codes(event_entity, feature_entity) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of the entities of both tables (one code per distinct entity)."""
    ev = check_1d(event_entity, "event_entity", min_samples=0)
    ft = check_1d(feature_entity, "feature_entity", min_samples=0)
    _, codes = joint_codes(ev, ft, "event_entity and feature_entity")
    return codes[:ev.size], codes[ev.size:]


def _times(event_time, feature_time) -> tuple[np.ndarray, np.ndarray]:
    """Both time columns as one comparable dtype: numbers, or datetime64 in a common unit."""
    et = check_1d(event_time, "event_time", min_samples=0)
    ft = check_1d(feature_time, "feature_time", min_samples=0)
    kinds = {et.dtype.kind == "M", ft.dtype.kind == "M"}
    if len(kinds) > 1:
        raise TypeError(f"event_time and feature_time: expected both numbers or both "
                        f"datetime64, got dtypes {et.dtype} and {ft.dtype}")
    for name, arr in (("event_time", et), ("feature_time", ft)):
        if arr.dtype.kind not in "biufM":
            raise TypeError(f"{name}: expected numbers or datetime64, got dtype {arr.dtype}")
        if np.isnan(arr).any():
            raise ValueError(f"{name}: expected timestamps, found NaN/NaT")
        if arr.dtype.kind == "f" and np.isinf(arr).any():
            raise ValueError(f"{name}: expected finite timestamps, found infinity")
    common = np.result_type(et.dtype, ft.dtype)
    return et.astype(common), ft.astype(common)


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, *,
                       allow_exact_matches: bool = True, max_age=None) -> np.ndarray:
    """For each label event, the latest feature row of its entity at or before its time.

    Parameters
    ----------
    event_entity, event_time : array-like of shape (n_events,)
        The label events: entity ids (any comparable type) and timestamps (numbers or
        datetime64).
    feature_entity, feature_time : array-like of shape (n_rows,)
        The feature table's rows, in any order.
    allow_exact_matches : bool
        If True, a feature row stamped at exactly the event's time counts (it was known
        then); False takes only rows strictly before, for features written by the event
        itself. As pandas' ``merge_asof``.
    max_age : number or timedelta64, optional
        A row older than this (``event_time - feature_time > max_age``) is too stale to
        use: the event gets no match, as a feature store's time-to-live does (pandas'
        ``tolerance``).

    Returns
    -------
    index : ndarray of int64, shape (n_events,)
        Row of the feature table for each event, ``-1`` where the entity has no row early
        enough. Among rows with the same entity and time, the last in table order wins.

    Notes
    -----
    One sort, no loop over events: stack events and feature rows, sort by (entity, time,
    feature rows before events at equal times), and carry the position of the last feature
    row forward with a running maximum. An event's match is that row if it belongs to the
    same entity. O((n_events + n_rows) log(n_events + n_rows)).
    """
    ev_code, ft_code = _entity_codes(event_entity, feature_entity)
    ev_time, ft_time = _times(event_time, feature_time)
    check_consistent_length(event_entity=ev_code, event_time=ev_time)
    check_consistent_length(feature_entity=ft_code, feature_time=ft_time)
    if not isinstance(allow_exact_matches, bool | np.bool_):
        raise TypeError(f"allow_exact_matches: expected a bool, got {allow_exact_matches!r}")
    n_events = ev_code.size
    codes = np.concatenate([ev_code, ft_code])
    times = np.concatenate([ev_time, ft_time])
    # At equal (entity, time) the feature row sorts first when it may be used, after the
    # event when only strictly earlier rows count.
    is_feature = np.arange(codes.size) >= n_events
    tie_rank = ~is_feature if allow_exact_matches else is_feature
    order = np.lexsort((tie_rank, times, codes))          # last key is the primary one
    sorted_is_feature = is_feature[order]
    positions = np.where(sorted_is_feature, np.arange(order.size), -1)
    last_feature_pos = np.maximum.accumulate(positions) if positions.size else positions

    event_pos = np.flatnonzero(~sorted_is_feature)
    candidate_pos = last_feature_pos[event_pos]
    found = candidate_pos >= 0
    candidate = np.where(found, order[np.maximum(candidate_pos, 0)], 0)
    found &= codes[candidate] == codes[order[event_pos]]        # same entity?
    index = np.full(n_events, -1, dtype=np.int64)
    index[order[event_pos]] = np.where(found, candidate - n_events, -1)
    if max_age is not None:
        matched = index >= 0
        age = ev_time[matched] - ft_time[index[matched]]
        if ev_time.dtype.kind == "M":
            max_age = np.timedelta64(max_age)
        else:
            check_scalar(max_age, "max_age", numbers.Real, lo=0)
        stale = np.flatnonzero(matched)[age > max_age]
        index[stale] = -1
    return index


def latest_snapshot_join(event_entity, feature_entity, feature_time) -> np.ndarray:
    """The naive join that leaks the future: each event gets its entity's *latest* row.

    This is what joining label events to today's snapshot of a feature table does (a
    ``JOIN ... ON user_id`` against the current values): an event from January receives
    the value computed in March, which may already reflect the label. Use only to measure
    the leak, against :func:`point_in_time_join`.

    Parameters
    ----------
    event_entity : array-like of shape (n_events,)
    feature_entity, feature_time : array-like of shape (n_rows,)

    Returns
    -------
    index : ndarray of int64, shape (n_events,)
        Row of each event's entity with the largest time (the last in table order on a
        tie), ``-1`` for an entity with no rows.
    """
    ev_code, ft_code = _entity_codes(event_entity, feature_entity)
    _, ft_time = _times(np.zeros(0, dtype=np.asarray(feature_time).dtype), feature_time)
    check_consistent_length(feature_entity=ft_code, feature_time=ft_time)
    n_codes = int(max(ev_code.max(initial=-1), ft_code.max(initial=-1))) + 1
    order = np.lexsort((ft_time, ft_code))
    latest = np.full(n_codes, -1, dtype=np.int64)
    # Sorted by (entity, time), the last write per entity is its latest row.
    latest[ft_code[order]] = order
    return latest[ev_code]


def lookup(values, index, fill_value=np.nan) -> np.ndarray:
    """``values[index]`` with ``fill_value`` where ``index == -1`` (no matching row).

    Parameters
    ----------
    values : array-like of shape (n_rows,) or (n_rows, n_features)
    index : array-like of int, shape (n_events,), from one of the joins

    Returns
    -------
    ndarray of shape (n_events,) or (n_events, n_features); float when filled with NaN.
    """
    vals = as_array(values, "values")
    idx = as_array(index, "index")
    if idx.dtype.kind not in "iu" or idx.ndim != 1:
        raise TypeError(f"index: expected a 1-D integer array, got {idx.dtype} of shape "
                        f"{idx.shape}")
    if vals.ndim == 0:
        raise ValueError("values: expected an array of shape (n_rows, ...), got a scalar")
    if idx.size and (idx.min() < -1 or idx.max() >= vals.shape[0]):
        raise ValueError(f"index: expected values in [-1, {vals.shape[0] - 1}], got "
                         f"[{idx.min()}, {idx.max()}]")
    missing = idx < 0
    out = vals[np.maximum(idx, 0)]
    if missing.any():
        out = out.astype(np.result_type(out.dtype, np.asarray(fill_value).dtype), copy=True)
        out[missing] = fill_value
    return out
