import math


def training_plan(n_params, n_tokens, peak_tflops, mfu, gpu_memory_gb, deadline_days,
                  price_per_gpu_hour):
    """FLOPs, GPU-hours, GPUs, wall-clock days and cost of training a dense transformer.

    Parameters
    ----------
    n_params : float > 0, parameters N
    n_tokens : float > 0, training tokens D
    peak_tflops : float > 0, peak teraFLOP/s of one GPU (e.g. 989 for an H100 in bf16)
    mfu : float in (0, 1], model FLOPs utilisation
    gpu_memory_gb : float > 0, memory of one GPU in GB (1e9 bytes)
    deadline_days : float > 0
    price_per_gpu_hour : float >= 0

    Returns
    -------
    (flops, gpu_hours, n_gpus, wall_clock_days, cost) : (float, float, int, float, float)
    """
    raise NotImplementedError("6 N D; useful FLOP/s = peak x 1e12 x mfu; the larger of the "
                              "GPUs for the deadline and for 16 bytes a parameter")
