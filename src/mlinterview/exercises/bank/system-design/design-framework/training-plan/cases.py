"""Cases for design-framework/training-plan.

Expected values come from mlinterview.ml.design.envelope (transformer_training_flops,
training_time, training_state_bytes and gpus_needed, tested on hand-worked numbers in
tests/ml/design/test_envelope.py). The fixed cases are worked by hand in their notes.
"""

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.envelope import (
    gpus_needed,
    training_state_bytes,
    training_time,
    transformer_training_flops,
)


def reference(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
              price_per_gpu_hour):
    flops = transformer_training_flops(n_params, n_tokens)
    one = training_time(flops, peak_flops_per_gpu=peak_tflops * 1e12, mfu=mfu,
                        price_per_gpu_hour=price_per_gpu_hour)
    plan = gpus_needed(one.gpu_hours, deadline_hours=24.0 * deadline_days,
                       state_bytes=training_state_bytes(n_params),
                       memory_bytes_per_gpu=gpu_memory_gb * 1e9)
    return flops, one.gpu_hours, plan.n_gpus, one.gpu_hours / plan.n_gpus / 24.0, one.cost


def _h(flops, tflops, mfu):
    """GPU-hours, by hand."""
    return flops / (tflops * 1e12 * mfu) / 3600


def fixed():
    h1 = _h(1.2e20, 1000, 0.4)                       # 83.33
    h2 = _h(4.2e20, 989, 0.4)                        # 294.9
    h3 = _h(4.2e22, 989, 0.4)                        # 29,491
    return [
        Case((1e9, 2e10, 1000.0, 0.4, 80.0, 0.25, 2.0),
             note="example 1, time-bound: 83.33 GPU-hours in 6 h -> 13.9 -> 14 GPUs",
             expected=(1.2e20, h1, 14, h1 / 14 / 24, 2 * h1)),
        Case((70e9, 1e9, 989.0, 0.4, 80.0, 7.0, 2.5),
             note="example 2, memory-bound: 2 GPUs for time, 1.12 TB / 80 GB = 14 for memory",
             expected=(4.2e20, h2, 14, h2 / 14 / 24, 2.5 * h2)),
        Case((7e9, 1e12, 989.0, 0.4, 80.0, 7.0, 2.0),
             note="7B on 1T tokens in a week: 29,491 GPU-hours / 168 h = 175.5 -> 176 GPUs; "
                  "112 GB of state needs only 2", expected=(4.2e22, h3, 176, h3 / 176 / 24,
                                                           2 * h3)),
        Case((1e9, 1e10, 100.0, 1.0, 40.0, 1.0, 1.0),
             note="6e19 FLOPs at 1e14 FLOP/s: 166.67 GPU-hours / 24 h = 6.94 -> 7 GPUs",
             expected=(6e19, 500 / 3, 7, 500 / 3 / 7 / 24, 500 / 3)),
        Case((3e9, 2e9, 125.0, 0.5, 16.0, 10.0, 1.0),
             note="memory: 3e9 x 16 B = 48 GB on 16 GB GPUs = exactly 3 (not 4); time needs 1",
             expected=(3.6e19, _h(3.6e19, 125, 0.5), 3, _h(3.6e19, 125, 0.5) / 3 / 24,
                       _h(3.6e19, 125, 0.5))),
        Case((1e8, 1e9, 312.0, 0.3, 80.0, 30.0, 0.0),
             note="a small run: 6e17 / 9.36e13 = 6,410 s = 1.78 GPU-hours; 1 GPU",
             expected=(6e17, _h(6e17, 312, 0.3), 1, _h(6e17, 312, 0.3) / 24, 0.0)),
        Case((2e9, 4.5e10, 1000.0, 0.5, 80.0, 0.5, 3.0),
             note="time: 5.4e20 / 5e14 = 1.08e6 s = 300 GPU-hours / 12 h = exactly 25 GPUs",
             expected=(5.4e20, 300.0, 25, 0.5, 900.0)),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n = float(rng.choice([1e7, 1e8, 1e9, 1e10, 1e11])) * float(rng.uniform(1, 9))
        d = n * float(rng.choice([0.05, 1.0, 20.0, 100.0])) * float(rng.uniform(0.5, 2))
        peak = float(rng.choice([125.0, 312.0, 989.0, 1979.0]))
        mfu = float(rng.uniform(0.1, 0.6))
        memory = float(rng.choice([16.0, 24.0, 40.0, 80.0, 141.0]))
        days = float(rng.choice([0.5, 1.0, 7.0, 30.0, 90.0]))
        price = float(rng.choice([0.0, 1.0, 2.0, 2.5, 4.0]))
        cases.append(Case((n, d, peak, mfu, memory, days, price),
                          note=f"N = {n:.2g}, D = {d:.2g}, {memory:g} GB GPUs at {peak:g} "
                               f"TFLOP/s, {days:g} days", size=1))
    return cases


SPEC = ExerciseSpec(
    function="training_plan",
    # Products and quotients of a few numbers: rounding ~1e-15 relative; n_gpus exact.
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
