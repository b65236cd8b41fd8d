"""Searches the rows sorted by time alone and forgets the entity: another user's row leaks
into the event."""
import numpy as np


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    ft = np.asarray(feature_time, dtype=float)
    order = np.argsort(ft, kind="stable")
    pos = np.searchsorted(ft[order], np.asarray(event_time, dtype=float), side="right") - 1
    result = []
    for i, p in enumerate(pos):
        row = int(order[p]) if p >= 0 else -1
        if row >= 0 and max_age is not None and event_time[i] - feature_time[row] > max_age:
            row = -1
        result.append(row)
    return result
