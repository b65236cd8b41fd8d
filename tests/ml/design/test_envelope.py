"""Back-of-envelope calculators against numbers worked by hand (closed forms, no reference
library: each expected value below is the arithmetic in its comment)."""

import math

import numpy as np
import pytest

from mlinterview.ml.design.envelope import (
    SECONDS_PER_DAY,
    Stage,
    cascade_latency,
    format_bytes,
    gpus_needed,
    max_candidates,
    replicas_needed,
    request_rate,
    storage,
    training_flops,
    training_state_bytes,
    training_time,
    transformer_training_flops,
)

CASCADE = [Stage("retrieval", 10.0, 0.002), Stage("ranking", 5.0, 0.05),
           Stage("re-ranking", 8.0, 0.4)]


# -- request rate -------------------------------------------------------------------------

def test_request_rate_feed_example():
    # 50 M users × 20 feed loads = 1e9 a day; 1e9 / 86,400 s = 11,574 QPS; × 3 at the peak.
    r = request_rate(50_000_000, 20, peak_to_average=3)
    assert r.requests_per_day == 1e9
    assert r.average_qps == pytest.approx(11_574.074074, rel=1e-9)
    assert r.peak_qps == pytest.approx(34_722.222222, rel=1e-9)


def test_request_rate_one_request_a_second():
    # 86,400 users × 1 request = one request a second on average; factor 1: peak = average.
    r = request_rate(SECONDS_PER_DAY, 1, peak_to_average=1)
    assert r == (86_400.0, 1.0, 1.0)
    assert request_rate(0, 10).peak_qps == 0.0


@pytest.mark.parametrize("kwargs, message", [
    (dict(daily_active_users=-1, requests_per_user=1), "daily_active_users"),
    (dict(daily_active_users=10, requests_per_user=float("inf")), "requests_per_user"),
    (dict(daily_active_users=10, requests_per_user=1, peak_to_average=0.5), ">= 1"),
])
def test_request_rate_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        request_rate(**kwargs)


def test_request_rate_rejects_non_numbers():
    with pytest.raises(TypeError, match="daily_active_users"):
        request_rate("50M", 20)


# -- storage ------------------------------------------------------------------------------

def test_storage_impression_log():
    # 1e9 impressions a day × 500 B = 500 GB a day; × 90 days × 3 copies = 135 TB.
    s = storage(1e9, 500, retention_days=90, replication=3)
    assert s.bytes_per_day == 5e11
    assert s.total_bytes == 1.35e14
    assert format_bytes(s.total_bytes) == "135 TB"


def test_storage_compression_divides():
    # 2e6 rows × 1 kB × 30 days × 1 copy = 60 GB raw, 12 GB at a 5x compression ratio.
    s = storage(2e6, 1000, retention_days=30, replication=1, compression_ratio=5)
    assert s.total_bytes == pytest.approx(1.2e10, rel=1e-12)
    assert s.bytes_per_day == 2e9          # per day is one uncompressed copy


def test_storage_rejects_bad_input():
    with pytest.raises(ValueError, match="replication"):
        storage(1, 1, retention_days=1, replication=0.5)
    with pytest.raises(ValueError, match="compression_ratio"):
        storage(1, 1, retention_days=1, compression_ratio=0)
    with pytest.raises(TypeError, match="retention_days"):
        storage(1, 1, retention_days=None)


@pytest.mark.parametrize("n, text", [(0, "0 B"), (999, "999 B"), (1000, "1 kB"),
                                     (1.35e14, "135 TB"), (2.5e9, "2.5 GB"),
                                     (999_999, "1 MB"), (3e21, "3e+03 EB")])
def test_format_bytes(n, text):
    assert format_bytes(n) == text


# -- cascade ------------------------------------------------------------------------------

def test_cascade_latency_hand_worked():
    # retrieval 10 + 0.002·10,000 = 30; ranking 5 + 0.05·1,000 = 55; re-ranking 8 + 0.4·100 = 48
    r = cascade_latency(CASCADE, [10_000, 1_000, 100])
    np.testing.assert_allclose(r.stage_ms, [30.0, 55.0, 48.0], rtol=1e-12)
    assert r.total_ms == pytest.approx(133.0, rel=1e-12)
    assert r.dominant_stage == "ranking"
    assert r.dominant_share == pytest.approx(55 / 133, rel=1e-12)


def test_cascade_accepts_plain_tuples_and_zero_candidates():
    r = cascade_latency([("a", 2, 1), ("b", 3, 1)], [0, 0])
    assert r.total_ms == 5.0 and r.dominant_stage == "b"
    assert cascade_latency([("a", 0, 0)], [5]).dominant_share == 0.0


@pytest.mark.parametrize("candidates, message", [
    ([100, 1_000, 10], "non-increasing"),
    ([100, 10], "3 numbers"),
    ([100, 10.5, 1], "whole numbers"),
    ([100, -1, -2], "whole numbers"),
])
def test_cascade_rejects_bad_candidates(candidates, message):
    with pytest.raises(ValueError, match=message):
        cascade_latency(CASCADE, candidates)


def test_cascade_rejects_bad_stages():
    with pytest.raises(TypeError, match="stages"):
        cascade_latency([], [])
    with pytest.raises(TypeError, match=r"stages\[1\]"):
        cascade_latency([CASCADE[0], (1, 2)], [1, 1])
    with pytest.raises(ValueError, match=r"stages\[0\].per_candidate_ms"):
        cascade_latency([("a", 1, -0.1)], [1])


def test_max_candidates_hand_worked():
    # Budget 150 ms: retrieval 30 and re-ranking 48 fixed, ranking's overhead 5:
    # (150 - 30 - 48 - 5) / 0.05 = 1,340 candidates for the ranker.
    assert max_candidates(CASCADE, [10_000, 1_000, 100], 150, stage="ranking") == 1340
    assert max_candidates(CASCADE, [10_000, 1_000, 100], 150, stage=1) == 1340
    # The last stage: (150 - 30 - 55 - 8) / 0.4 = 142.5 -> 142.
    assert max_candidates(CASCADE, [10_000, 1_000, 100], 150, stage=-1) == 142
    # An exact fit keeps its last candidate despite float division (0.05 is not binary).
    n = max_candidates(CASCADE, [10_000, 1_000, 100], 133, stage="ranking")
    assert n == 1000
    assert cascade_latency(CASCADE, [10_000, n, 100]).total_ms <= 133 + 1e-9
    assert cascade_latency(CASCADE, [10_000, n + 1, 100]).total_ms > 133


def test_max_candidates_is_the_largest_that_fits_brute_force():
    stages = [Stage("r", 3.0, 0.013), Stage("k", 1.5, 0.37)]
    for budget in np.linspace(10.0, 200.0, 23):
        n = max_candidates(stages, [5000, 10], budget, stage="k")
        fits = [m for m in range(0, 2000)
                if cascade_latency(stages, [5000, min(m, 5000)]).total_ms <= budget]
        assert n == max(fits, default=0)


def test_max_candidates_when_the_budget_is_spent():
    # Retrieval alone takes 30 ms, re-ranking 48: a 70 ms budget leaves nothing for ranking.
    assert max_candidates(CASCADE, [10_000, 1_000, 100], 70, stage="ranking") == 0


def test_max_candidates_rejects_bad_stage():
    with pytest.raises(ValueError, match="stage"):
        max_candidates(CASCADE, [10_000, 1_000, 100], 100, stage="ads")
    with pytest.raises(ValueError, match="stage"):
        max_candidates(CASCADE, [10_000, 1_000, 100], 100, stage=3)
    with pytest.raises(TypeError, match="stage"):
        max_candidates(CASCADE, [10_000, 1_000, 100], 100, stage=1.0)
    with pytest.raises(ValueError, match="per_candidate_ms = 0"):
        max_candidates([("a", 1, 0)], [10], 100, stage=0)
    with pytest.raises(ValueError, match="budget_ms"):
        max_candidates(CASCADE, [10_000, 1_000, 100], -5, stage=0)


# -- replicas -----------------------------------------------------------------------------

def test_replicas_littles_law():
    # 35,000 QPS × 0.08 s = 2,800 requests in flight; 8 per replica at 70%: 2800 / 5.6 = 500.
    plan = replicas_needed(35_000, 80, concurrency_per_replica=8, headroom=0.3)
    assert plan.concurrency == pytest.approx(2800.0, rel=1e-12)
    assert plan.replicas == 500
    assert plan.utilization == pytest.approx(0.7, rel=1e-12)


def test_replicas_round_up_and_at_least_one():
    # 1,000 QPS × 0.05 s = 50 in flight, one at a time, no headroom: 50 replicas; 50.5 -> 51.
    assert replicas_needed(1000, 50, headroom=0).replicas == 50
    assert replicas_needed(1010, 50, headroom=0).replicas == 51
    assert replicas_needed(0.1, 10).replicas == 1
    assert replicas_needed(0, 10).utilization == 0.0


def test_replicas_rejects_bad_headroom():
    with pytest.raises(ValueError, match="headroom"):
        replicas_needed(100, 10, headroom=1.0)
    with pytest.raises(ValueError, match="concurrency_per_replica"):
        replicas_needed(100, 10, concurrency_per_replica=0)


# -- training cost ------------------------------------------------------------------------

def test_transformer_flops_chinchilla_example():
    # 70e9 parameters on 1.4e12 tokens: 6 · 70e9 · 1.4e12 = 5.88e23 FLOPs.
    assert transformer_training_flops(70e9, 1.4e12) == pytest.approx(5.88e23, rel=1e-12)


def test_training_time_hand_worked():
    # 7e9 params × 1e12 tokens: 4.2e22 FLOPs; at 989e12 FLOP/s × 0.4 MFU that is
    # 4.2e22 / 3.956e14 = 1.0617e8 GPU-seconds = 29,491 GPU-hours; on 512 GPUs 57.6 h;
    # at $2 per GPU-hour $58,982.
    t = training_time(transformer_training_flops(7e9, 1e12), peak_flops_per_gpu=989e12,
                      mfu=0.4, n_gpus=512, price_per_gpu_hour=2.0)
    gpu_hours = 4.2e22 / (989e12 * 0.4) / 3600
    assert gpu_hours == pytest.approx(29_491.07, rel=1e-6)
    assert t.flops == pytest.approx(4.2e22, rel=1e-12)
    assert t.gpu_hours == pytest.approx(gpu_hours, rel=1e-12)
    assert t.wall_clock_hours == pytest.approx(gpu_hours / 512, rel=1e-12)
    assert t.cost == pytest.approx(2 * gpu_hours, rel=1e-12)
    assert training_time(1.0, peak_flops_per_gpu=1.0).cost is None


def test_training_flops_other_models():
    # 10 epochs × 1e8 examples × 3e6 FLOPs each = 3e15 FLOPs; on a 100 TFLOP/s GPU at 25%:
    # 3e15 / 2.5e13 = 120 s = 1/30 GPU-hour.
    f = training_flops(1e8, 3e6, epochs=10)
    assert f == 3e15
    t = training_time(f, peak_flops_per_gpu=100e12, mfu=0.25)
    assert t.gpu_hours == pytest.approx(1 / 30, rel=1e-12)
    assert math.isclose(t.wall_clock_hours, t.gpu_hours)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(mfu=0.0), ValueError, "mfu"),
    (dict(mfu=1.5), ValueError, "mfu"),
    (dict(n_gpus=0), ValueError, "n_gpus"),
    (dict(n_gpus=2.0), TypeError, "n_gpus"),
    (dict(price_per_gpu_hour=-1), ValueError, "price_per_gpu_hour"),
])
def test_training_time_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        training_time(1e20, peak_flops_per_gpu=1e15, **kwargs)


def test_training_flops_rejects_bad_input():
    with pytest.raises(ValueError, match="n_params"):
        transformer_training_flops(-1, 10)
    with pytest.raises(TypeError, match="epochs"):
        training_flops(10, 10, epochs="3")


def test_training_state_bytes():
    # 70e9 parameters × 16 B (2 weights + 2 gradients + 4 master + 8 Adam) = 1.12 TB.
    assert training_state_bytes(70e9) == pytest.approx(1.12e12, rel=1e-12)
    assert training_state_bytes(1e9, bytes_per_param=2) == 2e9      # bf16 weights only
    with pytest.raises(ValueError, match="bytes_per_param"):
        training_state_bytes(1e9, bytes_per_param=0)


def test_gpus_needed_takes_the_larger_constraint():
    # Time: 1,000 GPU-hours in 24 h needs ceil(41.67) = 42 GPUs.
    # Memory: 70B × 16 B = 1.12 TB over 80 GB GPUs needs 14.
    plan = gpus_needed(1000, deadline_hours=24, state_bytes=training_state_bytes(70e9),
                       memory_bytes_per_gpu=80e9)
    assert plan == (42, 14, 42)
    # A short run of a big model: 10 GPU-hours in a week needs 1 GPU for time, 14 for memory.
    assert gpus_needed(10, deadline_hours=168, state_bytes=1.12e12,
                       memory_bytes_per_gpu=80e9) == (1, 14, 14)
    # Exact fits stay exact: 2800 / 5.6 is 500.00000000000006 in floating point.
    assert 2800 / 5.6 > 500
    assert gpus_needed(2800, deadline_hours=5.6, state_bytes=2800,
                       memory_bytes_per_gpu=5.6) == (500, 500, 500)
    assert gpus_needed(0, deadline_hours=1, state_bytes=0, memory_bytes_per_gpu=1) == (1, 1, 1)


def test_gpus_needed_rejects_bad_input():
    with pytest.raises(ValueError, match="deadline_hours"):
        gpus_needed(10, deadline_hours=0, state_bytes=1, memory_bytes_per_gpu=1)
    with pytest.raises(ValueError, match="memory_bytes_per_gpu"):
        gpus_needed(10, deadline_hours=1, state_bytes=1, memory_bytes_per_gpu=-1)


def test_docstring_examples_run():
    import doctest

    from mlinterview.ml.design import envelope

    assert doctest.testmod(envelope).failed == 0
