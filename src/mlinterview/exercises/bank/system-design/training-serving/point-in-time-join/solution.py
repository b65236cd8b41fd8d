import numpy as np


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    """Latest row of the same entity at or before each event (-1 if none or too stale)."""
    n_events = len(event_entity)
    if len(feature_entity) == 0:
        return [-1] * n_events
    # One integer code per entity (any hashable: ints or strings), shared by both tables.
    code_of = {e: k for k, e in enumerate(dict.fromkeys([*event_entity, *feature_entity]))}
    ev_code = np.array([code_of[e] for e in event_entity], dtype=np.int64)
    ft_code = np.array([code_of[e] for e in feature_entity], dtype=np.int64)
    # Times as ranks among all times, so that (entity, time) packs into one integer key.
    all_times = np.asarray([*event_time, *feature_time], dtype=float)
    uniq, rank = np.unique(all_times, return_inverse=True)
    rank = rank.reshape(-1)
    ev_key = ev_code * uniq.size + rank[:n_events]
    ft_key = ft_code * uniq.size + rank[n_events:]
    # Sorted by key; the stable sort keeps the table order among equal (entity, time),
    # so the last of them is the last row of the table.
    order = np.argsort(ft_key, kind="stable")
    sorted_key = ft_key[order]
    # The last row whose key is <= the event's key: same entity only if its code matches.
    pos = np.searchsorted(sorted_key, ev_key, side="right") - 1
    row = order[np.maximum(pos, 0)]
    ok = (pos >= 0) & (ft_code[row] == ev_code)
    if max_age is not None:
        ev_time = all_times[:n_events]
        ok &= ev_time - all_times[n_events:][row] <= max_age
    return np.where(ok, row, -1).tolist()
