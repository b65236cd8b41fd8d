"""The CNN building blocks against the same architectures written in PyTorch: identical
weights via load_state_dict, same outputs, input gradients and parameter gradients
(float64, rtol 1e-6 / atol 1e-8; BatchNorm in training mode)."""

import numpy as np
import pytest
import torch
from torch import nn as tnn

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.models.cnn import (
    BasicBlock,
    DepthwiseSeparableConv,
    LeNet5,
    SmallResNet,
    SqueezeExcitation,
    TinyCNN,
)


class TBasicBlock(tnn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = tnn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = tnn.BatchNorm2d(cout)
        self.relu = tnn.ReLU()
        self.conv2 = tnn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = tnn.BatchNorm2d(cout)
        self.downsample = (tnn.Sequential(tnn.Conv2d(cin, cout, 1, stride, bias=False),
                                          tnn.BatchNorm2d(cout))
                           if stride != 1 or cin != cout else None)

    def forward(self, x):
        out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class TResNet(tnn.Module):
    def __init__(self):
        super().__init__()
        self.stem = tnn.Sequential(tnn.Conv2d(1, 16, 3, padding=1, bias=False),
                                   tnn.BatchNorm2d(16), tnn.ReLU())
        self.layers = tnn.Sequential(TBasicBlock(16, 16, 1), TBasicBlock(16, 32, 2))
        self.pool = tnn.AdaptiveAvgPool2d(1)
        self.fc = tnn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.pool(self.layers(self.stem(x))).flatten(1))


class TSeparable(tnn.Module):
    def __init__(self, cin, cout, k):
        super().__init__()
        self.depthwise = tnn.Conv2d(cin, cin, k, padding=k // 2, groups=cin, bias=False)
        self.bn1 = tnn.BatchNorm2d(cin)
        self.pointwise = tnn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = tnn.BatchNorm2d(cout)
        self.relu = tnn.ReLU()

    def forward(self, x):
        return self.relu(self.bn2(self.pointwise(self.relu(self.bn1(self.depthwise(x))))))


class TSE(tnn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.pool = tnn.AdaptiveAvgPool2d(1)
        self.fc1 = tnn.Linear(c, max(1, c // r))
        self.relu = tnn.ReLU()
        self.fc2 = tnn.Linear(max(1, c // r), c)
        self.gate = tnn.Sigmoid()

    def forward(self, x):
        n, c = x.shape[:2]
        s = self.gate(self.fc2(self.relu(self.fc1(self.pool(x).reshape(n, c)))))
        return x * s.reshape(n, c, 1, 1)


def lenet_torch(size):
    k, p1, p2 = (5, 2, 0) if size == 28 else (5, 0, 0) if size >= 28 else (3, 1, 1)
    s = ((size + 2 * p1 - k + 1) // 2 + 2 * p2 - k + 1) // 2
    features = tnn.Sequential(tnn.Conv2d(1, 6, k, padding=p1), tnn.ReLU(), tnn.MaxPool2d(2),
                              tnn.Conv2d(6, 16, k, padding=p2), tnn.ReLU(), tnn.MaxPool2d(2))
    classifier = tnn.Sequential(tnn.Flatten(), tnn.Linear(16 * s * s, 120), tnn.ReLU(),
                                tnn.Linear(120, 84), tnn.ReLU(), tnn.Linear(84, 10))
    model = tnn.Module()
    model.features, model.classifier = features, classifier
    model.forward = lambda x: classifier(features(x))
    return model


def tiny_torch():
    model = tnn.Module()
    model.net = tnn.Sequential(tnn.Conv2d(1, 16, 3, padding=1), tnn.ReLU(),
                               tnn.Conv2d(16, 32, 3, padding=1), tnn.ReLU(), tnn.MaxPool2d(2),
                               tnn.Flatten(), tnn.Linear(32 * 16, 64), tnn.ReLU(),
                               tnn.Linear(64, 10))
    model.forward = lambda x: model.net(x)
    return model


CASES = [
    ("BasicBlock identity", lambda: BasicBlock(8, 8), lambda: TBasicBlock(8, 8, 1), (2, 8, 6, 6)),
    ("BasicBlock projection", lambda: BasicBlock(4, 8, stride=2), lambda: TBasicBlock(4, 8, 2),
     (2, 4, 7, 7)),
    ("SmallResNet", lambda: SmallResNet(), TResNet, (3, 1, 8, 8)),
    ("DepthwiseSeparable", lambda: DepthwiseSeparableConv(6, 10, 3), lambda: TSeparable(6, 10, 3),
     (2, 6, 5, 5)),
    ("SqueezeExcitation", lambda: SqueezeExcitation(8, 4), lambda: TSE(8, 4), (2, 8, 4, 4)),
    ("LeNet5 8x8", lambda: LeNet5(image_size=8), lambda: lenet_torch(8), (2, 1, 8, 8)),
    ("LeNet5 28x28", lambda: LeNet5(image_size=28), lambda: lenet_torch(28), (2, 1, 28, 28)),
    ("LeNet5 32x32", lambda: LeNet5(image_size=32), lambda: lenet_torch(32), (1, 1, 32, 32)),
    ("TinyCNN", lambda: TinyCNN(), tiny_torch, (2, 1, 8, 8)),
]


@pytest.mark.parametrize("name, make_ours, make_theirs, shape", CASES, ids=[c[0] for c in CASES])
def test_block_matches_pytorch(name, make_ours, make_theirs, shape):
    theirs = make_theirs().double()
    ours = make_ours().double()
    assert list(ours.state_dict()) == list(theirs.state_dict())
    ours.load_state_dict(theirs.state_dict())
    x = np.random.default_rng(0).normal(size=shape)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out, ref = ours(xo), theirs(xt)
    np.testing.assert_allclose(out.data, ref.detach().numpy(), rtol=1e-6, atol=1e-8)
    g = np.random.default_rng(1).normal(size=ref.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    np.testing.assert_allclose(xo.grad.data, xt.grad.numpy(), rtol=1e-6, atol=1e-8)
    for (n1, p), (n2, q) in zip(ours.named_parameters(), theirs.named_parameters(), strict=True):
        assert n1 == n2
        np.testing.assert_allclose(p.grad.data, q.grad.numpy(), rtol=1e-6, atol=1e-8,
                                   err_msg=n1)
