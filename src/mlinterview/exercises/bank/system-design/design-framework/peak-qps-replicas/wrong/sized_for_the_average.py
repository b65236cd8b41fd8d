"""Sizes for the average rate: forgets the peak-to-average factor."""
import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    qps = daily_active_users * requests_per_user / 86_400
    in_flight = qps * latency_ms / 1000.0
    replicas = max(1, math.ceil(in_flight / (concurrency_per_replica * (1 - headroom)) - 1e-9))
    return qps, replicas
