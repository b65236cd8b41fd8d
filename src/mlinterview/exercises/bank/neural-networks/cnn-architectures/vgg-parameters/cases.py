"""Cases for cnn-architectures/vgg-parameters.

Expected values come from mlinterview.ml.nn.shapes: conv2d_params for each convolution and
for each fully connected layer (a linear layer is a 1x1 convolution on a 1x1 map), and
conv_output_shape for the pooled size (it raises on an empty output). Both are checked
against real layers in tests/parity/test_nn_conv.py. VGG-11 and VGG-16 are the published
totals (132,863,336 and 138,357,544).
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.nn.shapes import conv2d_params, conv_output_shape

VGG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512,
         "M"]
VGG11 = [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]


def reference(in_channels, config, image_size, fc_sizes):
    channels, size, conv = in_channels, image_size, 0
    for layer in config:
        if layer == "M":
            size = conv_output_shape(size, 2, stride=2)[0]
        else:
            conv += conv2d_params(channels, layer, 3)
            channels = layer
    fc, features = 0, channels * size * size
    for width in fc_sizes:
        fc += conv2d_params(features, width, 1)
        features = width
    return conv, fc


def fixed():
    return [
        Case((1, [2, "M"], 4, [3]), note="worked example", expected=(20, 27)),
        Case((1, [2, "M"], 5, [3]), note="odd size: pooling rounds down", expected=(20, 27)),
        Case((3, VGG16, 224, [4096, 4096, 1000]), note="VGG-16",
             expected=(14714688, 123642856)),
        Case((3, VGG11, 224, [4096, 4096, 1000]), note="VGG-11: 132,863,336 in all",
             expected=(9220480, 123642856)),
        Case((3, [], 8, [10]), note="no convolutions: a linear classifier on the pixels",
             expected=(0, 3 * 64 * 10 + 10)),
        Case((3, [16, 32], 8, []), note="no classifier", expected=(16 * 3 * 9 + 16
                                                                   + 32 * 16 * 9 + 32, 0)),
        Case((2, ["M", "M", 4], 7, [5]), note="pooling first: 7 -> 3 -> 1",
             expected=(4 * 2 * 9 + 4, 4 * 5 + 5)),
        Case((1, [4, "M", "M"], 3, [2]), note="pooling a 1x1 map", raises="ValueError"),
        Case((3, [8, "M", 8, "M"], 9, [6, 4]), note="two fully connected layers"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        config = []
        for _ in range(int(rng.integers(1, 4 + i // 4))):
            config.append("M" if rng.random() < 0.35 else int(rng.integers(1, 65)))
        pools = config.count("M")
        image = int(rng.integers(2 ** pools, 2 ** pools * 3 + 2))
        fc = [int(v) for v in rng.integers(1, 200, int(rng.integers(0, 4)))]
        in_channels = int(rng.choice([1, 3, 4]))
        cases.append(Case((in_channels, config, image, fc),
                          note=f"{in_channels} channels, config {config}, image {image}, "
                               f"fc {fc}", size=i))
    return cases


SPEC = ExerciseSpec(
    function="vgg_parameter_count",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
