import math


def serving_plan(daily_active_users, requests_per_user, peak_to_average, latency_ms,
                 concurrency_per_replica, headroom):
    """Peak requests per second and the replicas that serve them.

    Parameters
    ----------
    daily_active_users, requests_per_user : float >= 0
    peak_to_average : float >= 1, peak QPS / average QPS
    latency_ms : float >= 0, time one request spends in a replica
    concurrency_per_replica : int >= 1, requests one replica serves at once
    headroom : float in [0, 1), share of each replica's capacity kept free

    Returns
    -------
    (peak_qps, replicas) : (float, int), replicas >= 1
    """
    raise NotImplementedError("requests a day / 86,400 s x peak factor; Little's law; ceil")
