"""Uses the latency in milliseconds as if it were seconds: 1000x the requests in flight."""
import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    peak_qps = daily_active_users * requests_per_user / 86_400 * peak_to_average
    in_flight = peak_qps * latency_ms
    replicas = max(1, math.ceil(in_flight / (concurrency_per_replica * (1 - headroom)) - 1e-9))
    return peak_qps, replicas
