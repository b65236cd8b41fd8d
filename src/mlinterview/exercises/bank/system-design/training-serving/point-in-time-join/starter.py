import numpy as np


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    """For each event, the index of its entity's latest feature row at or before its time.

    Parameters
    ----------
    event_entity, event_time : lists of length n_events
    feature_entity, feature_time : lists of length n_rows (unsorted)
    max_age : number or None, the oldest a row may be

    Returns
    -------
    list of int, length n_events: a row index, or -1
    """
    raise NotImplementedError("sort the feature rows by (entity, time) once; for each "
                              "event find the last row of its entity with time <= its time")
