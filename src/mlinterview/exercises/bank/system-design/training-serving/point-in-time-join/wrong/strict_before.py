"""Takes only rows strictly before the event: the row written at the event's own time is
skipped although it was known."""
import numpy as np


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    result = []
    for e, t in zip(event_entity, event_time):
        best = -1
        for r, (fe, ft) in enumerate(zip(feature_entity, feature_time)):
            if fe == e and ft < t and (best < 0 or ft >= feature_time[best]):
                best = r
        if best >= 0 and max_age is not None and t - feature_time[best] > max_age:
            best = -1
        result.append(best)
    return result
