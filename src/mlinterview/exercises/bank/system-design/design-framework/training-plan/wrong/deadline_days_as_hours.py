"""Divides the GPU-hours by the deadline in days, not hours: 24x too many GPUs."""
import math


def training_plan(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
                  price_per_gpu_hour):
    flops = 6.0 * n_params * n_tokens
    gpu_hours = flops / (peak_tflops * 1e12 * mfu) / 3600.0
    for_time = math.ceil(gpu_hours / deadline_days - 1e-9)
    for_memory = math.ceil(16 * n_params / (gpu_memory_gb * 1e9) - 1e-9)
    n_gpus = max(1, for_time, for_memory)
    return flops, gpu_hours, n_gpus, gpu_hours / n_gpus / 24.0, gpu_hours * price_per_gpu_hour
