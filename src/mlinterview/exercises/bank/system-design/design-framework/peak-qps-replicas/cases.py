"""Cases for design-framework/peak-qps-replicas.

Expected values come from mlinterview.ml.design.envelope (request_rate and
replicas_needed, tested on hand-worked numbers in tests/ml/design/test_envelope.py). The
fixed cases are worked by hand in their notes.
"""

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.envelope import replicas_needed, request_rate


def reference(daily_active_users, requests_per_user, peak_to_average, latency_ms,
              concurrency_per_replica, headroom):
    peak = request_rate(daily_active_users, requests_per_user,
                        peak_to_average=peak_to_average).peak_qps
    plan = replicas_needed(peak, latency_ms, concurrency_per_replica=concurrency_per_replica,
                           headroom=headroom)
    return peak, plan.replicas


def fixed():
    return [
        Case((86_400_000, 10, 2.0, 50, 4, 0.5),
             note="the statement's example: 20,000 peak QPS x 0.05 s = 1,000 in flight, "
                  "2 per replica", expected=(20000.0, 500)),
        Case((8_640_000, 1, 1.0, 250, 1, 0.0),
             note="100 QPS x 0.25 s = 25 in flight, one per replica, no headroom: exactly 25",
             expected=(100.0, 25)),
        Case((8_726_400, 1, 1.0, 250, 1, 0.0),
             note="101 QPS x 0.25 s = 25.25 in flight: round up to 26", expected=(101.0, 26)),
        Case((8_640_000, 1, 1.0, 230, 1, 0.0),
             note="100 QPS x 0.23 s = 23 in flight: 23 (not 22 or 24)", expected=(100.0, 23)),
        Case((1_008_000_000, 1, 3.0, 80, 8, 0.3),
             note="35,000 peak QPS x 0.08 s = 2,800 in flight; 8 x 0.7 = 5.6 per replica: "
                  "500 (the division gives 500.00000000000006)", expected=(35000.0, 500)),
        Case((50_000_000, 20, 3.0, 80, 8, 0.3),
             note="a feed for 50 M users: 34,722 peak QPS, 2,778 in flight, 496.03 -> 497",
             expected=(1e9 / 86_400 * 3, 497)),
        Case((0, 20, 2.0, 100, 4, 0.2),
             note="no traffic: 0 QPS, still one replica", expected=(0.0, 1)),
        Case((1_000, 5, 2.0, 10, 16, 0.3),
             note="tiny traffic: 0.116 QPS, far below one replica: 1", expected=(1e4 / 86_400, 1)),
        Case((86_400, 1000, 1.0, 1000, 10, 0.0),
             note="1,000 QPS at 1 s: 1,000 in flight / 10 = 100 (latency_ms / 1000 = 1 s)",
             expected=(1000.0, 100)),
        Case((86_400, 1000, 1.0, 1000, 10, 0.5),
             note="the same with 50% headroom: each replica takes 5, so 200 "
                  "(x 1.5 headroom would give 150)", expected=(1000.0, 200)),
        Case((86_400, 100, 4.0, 20, 1, 0.0),
             note="100 QPS average, 400 at the peak, x 0.02 s = 8 replicas (2 without the "
                  "peak factor)", expected=(400.0, 8)),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        users = float(rng.choice([1e4, 1e6, 5e7, 1e9])) * float(rng.uniform(0.5, 2.0))
        per_user = float(rng.uniform(1, 100))
        factor = float(rng.uniform(1.0, 5.0))
        latency = float(rng.uniform(1, 500))
        per_replica = int(rng.integers(1, 65))
        headroom = float(rng.choice([0.0, 0.2, 0.3, 0.5]))
        cases.append(Case((users, per_user, factor, latency, per_replica, headroom),
                          note=f"{users:.3g} users, {latency:.0f} ms, {per_replica} per replica",
                          size=1))
    return cases


SPEC = ExerciseSpec(
    function="serving_plan",
    # A few products and one division: rounding ~1e-15 relative; replicas must match.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
