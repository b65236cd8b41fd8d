"""Rounds the GPU counts down (int()): 13.9 GPUs become 13 and the deadline is missed."""


def training_plan(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
                  price_per_gpu_hour):
    flops = 6.0 * n_params * n_tokens
    gpu_hours = flops / (peak_tflops * 1e12 * mfu) / 3600.0
    for_time = int(gpu_hours / (24.0 * deadline_days))
    for_memory = int(16 * n_params / (gpu_memory_gb * 1e9))
    n_gpus = max(1, for_time, for_memory)
    return flops, gpu_hours, n_gpus, gpu_hours / n_gpus / 24.0, gpu_hours * price_per_gpu_hour
