"""Rounds the replica count to the nearest whole number: 25.25 replicas become 25."""


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    peak_qps = daily_active_users * requests_per_user / 86_400 * peak_to_average
    in_flight = peak_qps * latency_ms / 1000.0
    replicas = max(1, round(in_flight / (concurrency_per_replica * (1 - headroom))))
    return peak_qps, replicas
