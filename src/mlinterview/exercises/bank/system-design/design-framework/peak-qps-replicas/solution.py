import math

SECONDS_PER_DAY = 86_400


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    """(peak_qps, replicas): the peak rate and the replicas that hold it (Little's law)."""
    average_qps = daily_active_users * requests_per_user / SECONDS_PER_DAY
    peak_qps = average_qps * peak_to_average
    in_flight = peak_qps * latency_ms / 1000.0          # Little's law: L = lambda * W
    per_replica = concurrency_per_replica * (1.0 - headroom)
    # Round up (a fraction of a replica is a replica); the epsilon keeps an exact fit.
    replicas = max(1, math.ceil(in_flight / per_replica - 1e-9))
    return peak_qps, replicas
