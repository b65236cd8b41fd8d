import math

BYTES_PER_PARAM = 16   # bf16 weights 2 + gradients 2 + fp32 master 4 + Adam moments 4 + 4


def training_plan(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
                  price_per_gpu_hour):
    """(flops, gpu_hours, n_gpus, wall_clock_days, cost) of a dense transformer run."""
    flops = 6.0 * n_params * n_tokens                  # 2 N D forward + 4 N D backward
    useful_flops_per_s = peak_tflops * 1e12 * mfu      # one GPU
    gpu_hours = flops / useful_flops_per_s / 3600.0
    # Round up; the epsilon keeps a float quotient like 14.000000000000002 at 14.
    for_time = math.ceil(gpu_hours / (24.0 * deadline_days) - 1e-9)
    for_memory = math.ceil(BYTES_PER_PARAM * n_params / (gpu_memory_gb * 1e9) - 1e-9)
    n_gpus = max(1, for_time, for_memory)
    wall_clock_days = gpu_hours / n_gpus / 24.0
    cost = gpu_hours * price_per_gpu_hour              # every GPU-hour is paid for
    return flops, gpu_hours, n_gpus, wall_clock_days, cost
