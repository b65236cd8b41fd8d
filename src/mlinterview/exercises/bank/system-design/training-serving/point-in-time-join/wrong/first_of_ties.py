"""Keeps the first of several rows with the same latest time instead of the last."""


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    result = []
    for e, t in zip(event_entity, event_time):
        best = -1
        for r, (fe, ft) in enumerate(zip(feature_entity, feature_time)):
            if fe == e and ft <= t and (best < 0 or ft > feature_time[best]):
                best = r
        if best >= 0 and max_age is not None and t - feature_time[best] > max_age:
            best = -1
        result.append(best)
    return result
