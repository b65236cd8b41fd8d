"""Convolutions: ours (im2col + one BLAS matrix product per sample and group, NumPy
autograd) vs PyTorch CPU (oneDNN), both on one thread, float32.

Cases: Conv2d forward+backward on an input of (32, 16, 32, 32) with a 3×3 kernel and 32
output channels, padding 1; the same with stride 2 and with dilation 2 (padding 2); a
ConvTranspose2d (32 -> 16 channels, kernel 4, stride 2, padding 1) that upsamples a
(32, 32, 16, 16) map to 32×32; MaxPool2d 2x2 and 3x3/stride 2 on (32, 32, 32, 32). Both
libraries start from the same weights and input.

After the timing table, ``python benchmarks/bench_conv.py`` also prints the memory of the
main case's backward pass: for ours, the tracemalloc peak of one forward+backward (NumPy
reports its allocations to tracemalloc) and the bytes the layer saves for backward; for
PyTorch, the bytes its autograd graph saves (``saved_tensors_hooks``). PyTorch's own
allocator is invisible to tracemalloc, so its peak is not measured here (peak-RSS growth
was tried and discarded: the C allocator reuses freed pages, and it read ~0 MB for both).
Run: ``python benchmarks/bench_conv.py`` (or ``benchmarks/run.py conv`` for the timings).
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import torch

from _harness import main
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor

TITLE = "Convolutions, float32, forward+backward, one thread"
REFERENCE = "PyTorch"

torch.set_num_threads(1)

SHAPE = (32, 16, 32, 32)
CONV_CASES = [
    ("Conv2d 3x3, padding 1", dict(padding=1)),
    ("Conv2d 3x3, stride 2, padding 1", dict(stride=2, padding=1)),
    ("Conv2d 3x3, dilation 2, padding 2", dict(dilation=2, padding=2)),
]


def _pair(ours_layer, ref_layer, shape):
    """Two zero-argument callables running forward+backward of the same layer on the same
    input (the gradient of the sum, as a training step would produce)."""
    with torch.no_grad():
        for name, p in ref_layer.named_parameters():
            p.copy_(torch.from_numpy(getattr(ours_layer, name).data))
    x = np.random.default_rng(0).normal(size=shape).astype(np.float32)
    xt = torch.from_numpy(x)

    def run_ours():
        xo = Tensor(x, requires_grad=True)
        ours_layer(xo).sum().backward()
        ours_layer.zero_grad()

    def run_ref():
        xr = xt.clone().requires_grad_(True)
        ref_layer(xr).sum().backward()
        ref_layer.zero_grad()

    return run_ours, run_ref


def conv_layers(options):
    rng = np.random.default_rng(1)
    return nn.Conv2d(16, 32, 3, generator=rng, **options), torch.nn.Conv2d(16, 32, 3,
                                                                          **options)


def cases():
    size = "x(32,16,32,32), 16->32"
    for name, options in CONV_CASES:
        yield (name, size, *_pair(*conv_layers(options), SHAPE))
    rng = np.random.default_rng(2)
    ours = nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1, generator=rng)
    ref = torch.nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1)
    yield ("ConvTranspose2d 4x4, stride 2, padding 1", "x(32,32,16,16), 32->16",
           *_pair(ours, ref, (32, 32, 16, 16)))
    for k, s, p in ((2, 2, 0), (3, 2, 1)):
        yield (f"MaxPool2d {k}x{k}, stride {s}, padding {p}", "x(32,32,32,32)",
               *_pair(nn.MaxPool2d(k, s, p), torch.nn.MaxPool2d(k, s, p), (32, 32, 32, 32)))


def memory_table() -> None:
    """Memory of the main case (3×3, padding 1): what each side keeps for backward, and
    our measured peak."""
    ours, ref = conv_layers(dict(padding=1))
    x = np.random.default_rng(0).normal(size=SHAPE).astype(np.float32)

    xo = Tensor(x, requires_grad=True)
    tracemalloc.start()
    out = ours(xo)
    saved = out.grad_fn.cols.nbytes + out.grad_fn.weight.nbytes
    out.sum().backward()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    saved_torch = []

    def pack(t):
        saved_torch.append(t.numel() * t.element_size())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        xr = torch.from_numpy(x).requires_grad_(True)
        ref(xr).sum().backward()
    mb = 1 / 2**20
    print("\nMemory of Conv2d 3x3, padding 1, x(32,16,32,32) float32 (input 2.0 MB, output "
          "4.0 MB)")
    print(f"{'':40}{'ours':>12}{'PyTorch':>12}")
    print(f"{'saved for backward':40}{saved * mb:>9.1f} MB{sum(saved_torch) * mb:>9.1f} MB")
    print(f"{'peak during forward+backward':40}{peak * mb:>9.1f} MB{'not measured':>15}")
    print("ours keeps the im2col matrix (C_in·k²·H_out·W_out per sample: 9x the input) for "
          "the weight gradient; PyTorch keeps the input and weight.")


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
    memory_table()
