"""Divides the QPS by the concurrency, as if a replica served that many requests a second:
forgets that each request holds its slot for the whole latency (no Little's law)."""
import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    peak_qps = daily_active_users * requests_per_user / 86_400 * peak_to_average
    replicas = max(1, math.ceil(peak_qps / (concurrency_per_replica * (1 - headroom)) - 1e-9))
    return peak_qps, replicas
