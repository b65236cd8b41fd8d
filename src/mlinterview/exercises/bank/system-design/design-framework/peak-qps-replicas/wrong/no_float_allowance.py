"""Takes the ceiling of the raw ratio: 2800 / 5.6 = 500.00000000000006 becomes 501."""
import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    peak_qps = daily_active_users * requests_per_user / 86_400 * peak_to_average
    in_flight = peak_qps * latency_ms / 1000.0
    replicas = max(1, math.ceil(in_flight / (concurrency_per_replica * (1 - headroom))))
    return peak_qps, replicas
