"""Cases for cnn-architectures/resnet-stage.

Expected values come from the library's own block, mlinterview.ml.models.cnn.BasicBlock
(built from layers checked against PyTorch in tests/parity): the stage is built block by
block and its trainable parameters counted with mlinterview.ml.nn.shapes.count_parameters;
the shapes follow each block's two convolutions through
mlinterview.ml.nn.shapes.conv_output_shape, with the block's own kernel, stride and
padding. The first cases are worked by hand in the statement (525,568 is the published
size of ResNet-18's second stage).
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.models.cnn import BasicBlock
from mlinterview.ml.nn.shapes import conv_output_shape, count_parameters


def reference(in_shape, out_channels, num_blocks, stride):
    channels, h, w = in_shape
    shapes, params = [], 0
    for block in range(num_blocks):
        layer = BasicBlock(channels, out_channels, stride if block == 0 else 1,
                           generator=np.random.default_rng(0))
        params += count_parameters(layer)
        for conv in (layer.conv1, layer.conv2):
            h, w = conv_output_shape((h, w), conv.kernel_size, conv.stride, conv.padding)
        channels = out_channels
        shapes.append((channels, h, w))
    return shapes, params


def fixed():
    return [
        Case(((64, 56, 56), 128, 2, 2), note="ResNet-18's second stage",
             expected=([(128, 28, 28), (128, 28, 28)], 525568)),
        Case(((8, 5, 5), 16, 1, 1), note="stride 1 but new channels: a projection",
             expected=([(16, 5, 5)], 3680)),
        Case(((16, 7, 7), 16, 1, 2), note="odd size: 7 -> 4, projection for the stride",
             expected=([(16, 4, 4)], 2 * 16 * 16 * 9 + 64 + 16 * 16 + 32)),
        Case(((16, 6, 6), 16, 3, 1), note="identity shortcuts only",
             expected=([(16, 6, 6)] * 3, 3 * (2 * 16 * 16 * 9 + 64))),
        Case(((3, 1, 1), 4, 2, 2), note="a 1x1 map stays 1x1",
             expected=([(4, 1, 1), (4, 1, 1)], 4 * 3 * 9 + 4 * 4 * 9 + 16 + 12 + 8
                       + 2 * 4 * 4 * 9 + 16)),
        Case(((8, 9, 12), 8, 2, 3), note="stride 3 on a rectangle"),
        Case(((4, 10, 10), 2, 2, 2), note="fewer output channels than input"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        c = int(rng.integers(1, 17 + i))
        out = c if i % 4 == 0 else int(rng.integers(1, 17 + i))
        h, w = (int(v) for v in rng.integers(1, 12 + i, 2))
        blocks = int(rng.integers(1, 4))
        stride = int(rng.choice([1, 2, 2, 3]))
        cases.append(Case(((c, h, w), out, blocks, stride),
                          note=f"input {(c, h, w)}, {out} channels, {blocks} blocks, "
                               f"stride {stride}", size=i))
    return cases


SPEC = ExerciseSpec(
    function="resnet_stage",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
