"""Convolutions: ours (NumPy autograd; stride 1: shifted slices of the flattened padded
image stacked into one BLAS product per chunk of samples, and a transposed convolution as
its stride-1 phases, see ``nn/_conv_shifted.py``; strided conv2d: im2col + one product per
sample and group) vs PyTorch CPU (oneDNN), both on one thread, float32.

Cases: Conv2d forward+backward on an input of (32, 16, 32, 32) with a 3×3 kernel and 32
output channels, padding 1; the same with stride 2 and with dilation 2 (padding 2); a
ConvTranspose2d (32 -> 16 channels, kernel 4, stride 2, padding 1) that upsamples a
(32, 32, 16, 16) map to 32×32; MaxPool2d 2x2 and 3x3/stride 2 on (32, 32, 32, 32). Both
libraries start from the same weights and input.

After the timing table, ``python benchmarks/bench_conv.py`` also prints, for every
convolution case, the memory kept for backward: for ours, the bytes of the arrays the
layer's Function holds; for PyTorch, the bytes its autograd graph saves
(``saved_tensors_hooks``); and our tracemalloc peak of one forward+backward (NumPy reports
its allocations to tracemalloc). PyTorch's own allocator is invisible to tracemalloc, so its
peak is not measured here (peak-RSS growth was tried and discarded: the C allocator reuses
freed pages, and it read ~0 MB for both).
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


def _saved_bytes_ours(grad_fn) -> int:
    """Bytes of the arrays a Function object keeps for its backward (its attributes)."""
    return sum(v.nbytes for v in vars(grad_fn).values() if isinstance(v, np.ndarray))


def _saved_bytes_torch(run) -> int:
    """Bytes of the tensors PyTorch's autograd graph saves for backward while ``run()``
    builds it (``saved_tensors_hooks`` sees every one of them)."""
    sizes = []

    def pack(t):
        sizes.append(t.numel() * t.element_size())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        run()
    return sum(sizes)


def memory_table() -> None:
    """Memory of each convolution case: what each side keeps for backward (ours: the
    arrays held by the layer's Function; PyTorch: its saved tensors) and our tracemalloc
    peak during one forward+backward."""
    mb = 1 / 2**20
    rows = [(name, *conv_layers(options), SHAPE) for name, options in CONV_CASES]
    rng = np.random.default_rng(2)
    rows.append(("ConvTranspose2d 4x4, stride 2, padding 1",
                 nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1, generator=rng),
                 torch.nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), (32, 32, 16, 16)))
    print("\nMemory kept for backward, float32 (ratio = ours / PyTorch)")
    print(f"{'case':42}{'input':>9}{'ours':>9}{'PyTorch':>9}{'ratio':>7}{'our peak':>10}")
    for name, ours, ref, shape in rows:
        x = np.random.default_rng(0).normal(size=shape).astype(np.float32)
        tracemalloc.start()
        out = ours(Tensor(x, requires_grad=True))
        saved = _saved_bytes_ours(out.grad_fn)
        out.sum().backward()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        saved_torch = _saved_bytes_torch(
            lambda ref=ref, x=x: ref(torch.from_numpy(x).requires_grad_(True)).sum().backward())
        print(f"{name:42}{x.nbytes * mb:>6.1f} MB{saved * mb:>6.1f} MB"
              f"{saved_torch * mb:>6.1f} MB{saved / saved_torch:>7.2f}{peak * mb:>7.1f} MB")
    print("Ours keeps the (padded) input and the weight, as PyTorch keeps the input and the "
          "weight; the stacked windows (9x the input for a 3x3 kernel) are rebuilt in "
          "backward, a few samples at a time. PyTorch's own allocator is invisible to "
          "tracemalloc, so its peak is not measured here.")


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
    memory_table()
