"""Adds headroom as a surcharge (x (1 + h)) instead of running each replica at (1 - h)."""
import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    peak_qps = daily_active_users * requests_per_user / 86_400 * peak_to_average
    in_flight = peak_qps * latency_ms / 1000.0
    replicas = max(1, math.ceil(in_flight * (1 + headroom) / concurrency_per_replica - 1e-9))
    return peak_qps, replicas
