"""Small convolutional networks built from ``mlinterview.ml.nn`` layers.

- :class:`LeNet5`: conv-pool-conv-pool-FC-FC-FC (LeCun et al., 1998), the first CNN that
  worked at scale (bank cheques); sized for 32x32, 28x28 or small 8x8 images.
- :class:`BasicBlock` and :class:`SmallResNet`: the residual block of ResNet (He et al.,
  2016), y = relu(F(x) + shortcut(x)); the identity path is what lets very deep stacks train.
- :class:`DepthwiseSeparableConv`: a per-channel k x k convolution followed by a 1x1
  convolution (MobileNet, Xception): about 1/C_out + 1/k² of the cost of a full convolution.
- :class:`SqueezeExcitation`: channel attention (Hu et al., 2018): global average pool ->
  bottleneck MLP -> sigmoid -> rescale each channel.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.nn.shapes import conv_output_shape


class LeNet5(nn.Module):
    """LeNet-5 for (N, in_channels, S, S) images.

    For S >= 28 it uses the classic 5x5 kernels (padding 2 when S = 28, as the MNIST
    variant does); for small images (e.g. 8x8 digits) 3x3 kernels with padding 1, so both
    2x2 poolings still fit. Tanh became ReLU and subsampling became max pooling, as in
    modern re-implementations.
    """

    def __init__(self, num_classes: int = 10, in_channels: int = 1, image_size: int = 32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if image_size < 4:
            raise ValueError(f"image_size must be at least 4, got {image_size}")
        if image_size >= 28:
            k, p1 = 5, (2 if image_size == 28 else 0)
            p2 = 0
        else:
            k, p1, p2 = 3, 1, 1
        size = conv_output_shape(image_size, k, padding=p1)[0] // 2
        size = conv_output_shape(size, k, padding=p2)[0] // 2
        if size < 1:
            raise ValueError(f"image_size {image_size} is too small for LeNet-5")
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 6, k, padding=p1, generator=generator), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(6, 16, k, padding=p2, generator=generator), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(16 * size * size, 120, generator=generator), nn.ReLU(),
            nn.Linear(120, 84, generator=generator), nn.ReLU(),
            nn.Linear(84, num_classes, generator=generator))

    def forward(self, x):
        return self.classifier(self.features(x))


class BasicBlock(nn.Module):
    """conv3x3-BN-ReLU-conv3x3-BN plus a shortcut, then ReLU.

    The shortcut is the identity when shapes match, else a strided 1x1 conv + BN
    ("projection") so the addition is defined.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1,
                 generator: np.random.Generator | None = None):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1,
                               bias=False, generator=generator)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False,
                               generator=generator)
        self.bn2 = nn.BatchNorm2d(out_channels)
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False,
                          generator=generator),
                nn.BatchNorm2d(out_channels))
        else:
            self.downsample = None

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class SmallResNet(nn.Module):
    """Stem conv -> stages of BasicBlocks (the first block of each later stage halves the
    resolution and changes the width) -> global average pool -> linear classifier."""

    def __init__(self, num_classes: int = 10, in_channels: int = 1,
                 widths: tuple[int, ...] = (16, 32), blocks_per_stage: int = 1,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if not widths or blocks_per_stage < 1:
            raise ValueError("widths must be non-empty and blocks_per_stage >= 1")
        self.stem = nn.Sequential(
            nn.Conv2d(in_channels, widths[0], 3, padding=1, bias=False, generator=generator),
            nn.BatchNorm2d(widths[0]), nn.ReLU())
        blocks = []
        channels = widths[0]
        for i, width in enumerate(widths):
            for j in range(blocks_per_stage):
                stride = 2 if (i > 0 and j == 0) else 1
                blocks.append(BasicBlock(channels, width, stride, generator))
                channels = width
        self.layers = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes, generator=generator)

    def forward(self, x):
        return self.fc(self.pool(self.layers(self.stem(x))).flatten(1))


class DepthwiseSeparableConv(nn.Module):
    """Depthwise k x k conv (groups = C_in) -> BN -> ReLU -> pointwise 1x1 -> BN -> ReLU.

    Weights: C_in·k² + C_in·C_out instead of C_in·C_out·k² for a full convolution.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3,
                 stride: int = 1, generator: np.random.Generator | None = None):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, kernel_size, stride=stride,
                                   padding=kernel_size // 2, groups=in_channels, bias=False,
                                   generator=generator)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False,
                                   generator=generator)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.relu(self.bn1(self.depthwise(x)))
        return self.relu(self.bn2(self.pointwise(x)))


class SqueezeExcitation(nn.Module):
    """Rescale channels by weights computed from the whole image:
    s = σ(W₂ relu(W₁ avgpool(x))), y = x ⊙ s (one weight per channel)."""

    def __init__(self, channels: int, reduction: int = 4,
                 generator: np.random.Generator | None = None):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Linear(channels, hidden, generator=generator)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden, channels, generator=generator)
        self.gate = nn.Sigmoid()

    def forward(self, x):
        n, c = x.shape[:2]
        s = self.gate(self.fc2(self.relu(self.fc1(self.pool(x).reshape(n, c)))))
        return x * s.reshape(n, c, 1, 1)


class TinyCNN(nn.Module):
    """Two 3x3 conv layers, one pooling, two linear layers: enough for 8x8 digits."""

    def __init__(self, num_classes: int = 10, in_channels: int = 1, width: int = 16,
                 image_size: int = 8, generator: np.random.Generator | None = None):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_channels, width, 3, padding=1, generator=generator), nn.ReLU(),
            nn.Conv2d(width, 2 * width, 3, padding=1, generator=generator), nn.ReLU(),
            nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(2 * width * (image_size // 2) ** 2, 64, generator=generator), nn.ReLU(),
            nn.Linear(64, num_classes, generator=generator))

    def forward(self, x):
        return self.net(x)
