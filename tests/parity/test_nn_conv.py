"""Conv1d, Conv2d, ConvTranspose2d and the pooling layers against PyTorch 2.13: same
weights (load_state_dict), same outputs, same gradients of the input and every parameter.
Tolerance: rtol 1e-5 / atol 1e-7 (float64), rtol 1e-4 / atol 1e-4 (float32, sums of many
products)."""

import numpy as np
import pytest
import torch

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F

TOL = {np.float64: (1e-5, 1e-7), np.float32: (1e-4, 1e-4)}
TDT = {np.float64: torch.float64, np.float32: torch.float32}


def close(a, b, dtype):
    rtol, atol = TOL[dtype]
    np.testing.assert_allclose(a.data if isinstance(a, Tensor) else a, b.detach().numpy(),
                               rtol=rtol, atol=atol)


def compare(ours, theirs, shape, dtype, seed=0):
    theirs = theirs.to(TDT[dtype])
    ours.to(dtype)
    if list(ours.state_dict()):
        ours.load_state_dict(theirs.state_dict())
    rng = np.random.default_rng(seed)
    x = rng.normal(size=shape).astype(dtype)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out, ref = ours(xo), theirs(xt)
    assert out.shape == tuple(ref.shape)
    close(out, ref, dtype)
    g = rng.normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    for (name, p), (tname, q) in zip(ours.named_parameters(), theirs.named_parameters(),
                                     strict=True):
        assert name == tname and p.shape == tuple(q.shape)
        close(p.grad, q.grad, dtype)


# PyTorch warns that an even kernel with padding="same" needs a padded copy; that is what we
# test, so its warning is expected.
same_even = pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")

CONV2D = [
    ((2, 3, 8, 8), dict(in_channels=3, out_channels=4, kernel_size=3)),
    ((1, 3, 8, 8), dict(in_channels=3, out_channels=4, kernel_size=3, padding=1)),
    ((2, 4, 9, 7), dict(in_channels=4, out_channels=6, kernel_size=(3, 2), stride=(2, 1),
                        padding=(1, 0))),
    ((2, 4, 11, 11), dict(in_channels=4, out_channels=6, kernel_size=3, dilation=2, padding=2)),
    ((2, 4, 10, 10), dict(in_channels=4, out_channels=6, kernel_size=3, groups=2, stride=2)),
    ((2, 4, 10, 10), dict(in_channels=4, out_channels=8, kernel_size=3, groups=4, padding=1)),
    ((2, 3, 7, 6), dict(in_channels=3, out_channels=5, kernel_size=4, padding="same")),
    ((2, 3, 7, 6), dict(in_channels=3, out_channels=5, kernel_size=3, padding="same",
                        dilation=2)),
    ((2, 3, 7, 6), dict(in_channels=3, out_channels=5, kernel_size=3, padding="valid",
                        bias=False)),
    ((3, 6, 5), dict(in_channels=3, out_channels=2, kernel_size=2)),  # unbatched
    ((1, 2, 1, 1), dict(in_channels=2, out_channels=3, kernel_size=1)),
]


@same_even
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape, options", CONV2D, ids=[str(o) for _, o in CONV2D])
def test_conv2d(shape, options, dtype):
    compare(nn.Conv2d(**options), torch.nn.Conv2d(**options), shape, dtype)


CONV1D = [
    ((2, 3, 20), dict(in_channels=3, out_channels=4, kernel_size=5)),
    ((1, 4, 17), dict(in_channels=4, out_channels=4, kernel_size=3, stride=2, padding=1,
                      dilation=2, groups=2)),
    ((2, 3, 10), dict(in_channels=3, out_channels=6, kernel_size=4, padding="same",
                      bias=False)),
    ((3, 9), dict(in_channels=3, out_channels=2, kernel_size=3)),
]


@same_even
@pytest.mark.parametrize("shape, options", CONV1D, ids=[str(o) for _, o in CONV1D])
def test_conv1d(shape, options):
    compare(nn.Conv1d(**options), torch.nn.Conv1d(**options), shape, np.float64)


TRANSPOSED = [
    ((2, 4, 5, 5), dict(in_channels=4, out_channels=3, kernel_size=3)),
    ((2, 4, 5, 6), dict(in_channels=4, out_channels=3, kernel_size=3, stride=2, padding=1,
                        output_padding=1)),
    ((1, 4, 4, 4), dict(in_channels=4, out_channels=6, kernel_size=(2, 3), stride=(2, 3),
                        groups=2)),
    ((2, 2, 5, 5), dict(in_channels=2, out_channels=2, kernel_size=3, dilation=2, stride=2,
                        padding=2, output_padding=1, bias=False)),
    ((2, 3, 3, 3), dict(in_channels=3, out_channels=1, kernel_size=4, stride=2, padding=1)),
    # output_padding allowed by the dilation alone (stride < output_padding + 1 <= dilation):
    # the last rows/columns of the output are reached by no input pixel and get the bias only.
    ((2, 2, 4, 4), dict(in_channels=2, out_channels=3, kernel_size=3, dilation=2,
                        output_padding=1)),
    ((1, 2, 4, 5), dict(in_channels=2, out_channels=2, kernel_size=(3, 2), dilation=(3, 2),
                        output_padding=(2, 1), padding=(1, 0))),
    ((2, 4, 3, 4), dict(in_channels=4, out_channels=2, kernel_size=2, stride=(1, 2),
                        dilation=(2, 3), output_padding=(1, 2), groups=2)),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape, options", TRANSPOSED, ids=[str(o) for _, o in TRANSPOSED])
def test_conv_transpose2d(shape, options, dtype):
    compare(nn.ConvTranspose2d(**options), torch.nn.ConvTranspose2d(**options), shape, dtype)


def test_transposed_conv_with_output_padding_from_dilation_passes_gradcheck():
    # Stride 1, dilation 2, output_padding 1: the case whose forward once failed on a
    # shape mismatch. Finite differences on every input (x, weight, bias).
    rng = np.random.default_rng(5)
    x = Tensor(rng.normal(size=(1, 2, 3, 3)), requires_grad=True)
    w = Tensor(rng.normal(size=(2, 2, 2, 2)), requires_grad=True)
    b = Tensor(rng.normal(size=2), requires_grad=True)
    assert gradcheck(lambda x, w, b: F.conv_transpose2d(x, w, b, dilation=2, output_padding=1),
                     (x, w, b))


def test_transposed_conv_is_the_gradient_of_conv():
    # conv_transpose2d(y, W) equals d<conv2d(x, W), y>/dx: the defining property.
    rng = np.random.default_rng(3)
    w = Tensor(rng.normal(size=(5, 3, 3, 3)))
    x = Tensor(rng.normal(size=(2, 3, 9, 9)), requires_grad=True)
    y = rng.normal(size=(2, 5, 4, 4))
    (F.conv2d(x, w, stride=2) * Tensor(y)).sum().backward()
    transposed = F.conv_transpose2d(Tensor(y), w, stride=2)
    np.testing.assert_allclose(transposed.data, x.grad.data, rtol=1e-12, atol=1e-12)


POOLS = [
    (nn.MaxPool2d(2), torch.nn.MaxPool2d(2), (2, 3, 8, 8)),
    (nn.MaxPool2d(3, stride=2, padding=1), torch.nn.MaxPool2d(3, stride=2, padding=1),
     (2, 3, 9, 7)),
    (nn.MaxPool2d((2, 3), stride=(2, 1), dilation=2), torch.nn.MaxPool2d((2, 3), stride=(2, 1),
                                                                         dilation=2),
     (1, 2, 10, 9)),
    (nn.MaxPool2d(3, stride=2, ceil_mode=True), torch.nn.MaxPool2d(3, stride=2, ceil_mode=True),
     (2, 2, 8, 8)),
    (nn.AvgPool2d(2), torch.nn.AvgPool2d(2), (2, 3, 8, 8)),
    (nn.AvgPool2d(3, stride=2, padding=1), torch.nn.AvgPool2d(3, stride=2, padding=1),
     (2, 3, 9, 7)),
    (nn.AvgPool2d(3, 2, 1, count_include_pad=False),
     torch.nn.AvgPool2d(3, 2, 1, count_include_pad=False), (2, 3, 9, 7)),
    (nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False),
     torch.nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False), (2, 3, 10, 7)),
    (nn.AdaptiveAvgPool2d((4, 3)), torch.nn.AdaptiveAvgPool2d((4, 3)), (2, 3, 9, 7)),
    (nn.AdaptiveAvgPool2d(1), torch.nn.AdaptiveAvgPool2d(1), (2, 3, 5, 5)),
    (nn.AdaptiveAvgPool2d(6), torch.nn.AdaptiveAvgPool2d(6), (1, 2, 4, 5)),
]


@pytest.mark.parametrize("ours, theirs, shape", POOLS, ids=[repr(p[1]) for p in POOLS])
def test_pooling(ours, theirs, shape):
    compare(ours, theirs, shape, np.float64)


def test_gradcheck_conv_and_pool():
    rng = np.random.default_rng(4)
    x = Tensor(rng.normal(size=(1, 2, 5, 5)), requires_grad=True)
    w = Tensor(rng.normal(size=(2, 1, 2, 2)), requires_grad=True)
    b = Tensor(rng.normal(size=2), requires_grad=True)
    assert gradcheck(lambda x, w, b: F.max_pool2d(F.conv2d(x, w, b, padding=1, groups=2), 2),
                     [x, w, b])
    wt = Tensor(rng.normal(size=(2, 3, 3, 3)), requires_grad=True)
    assert gradcheck(lambda x, w: F.conv_transpose2d(x, w, stride=2, output_padding=1),
                     [x, wt])


def test_errors_name_the_layer_and_shapes():
    with pytest.raises(ValueError, match=r"Conv2d\(3, 8\): input has 4 channels"):
        nn.Conv2d(3, 8, 3)(Tensor(np.zeros((1, 4, 5, 5), np.float32)))
    with pytest.raises(ValueError, match="divisible by groups"):
        nn.Conv2d(3, 6, 3, groups=2)
    with pytest.raises(ValueError, match="larger than the padded input"):
        nn.Conv2d(1, 1, 5)(Tensor(np.zeros((1, 1, 3, 3), np.float32)))
    with pytest.raises(ValueError, match="'same' is not supported for strided"):
        nn.Conv2d(1, 1, 3, stride=2, padding="same")(
            Tensor(np.zeros((1, 1, 8, 8), np.float32)))
    with pytest.raises(ValueError, match=r"weight of shape \(2, 3, 3, 3\) expects 3 input"):
        F.conv2d(Tensor(np.zeros((1, 4, 5, 5))), Tensor(np.zeros((2, 3, 3, 3))))
