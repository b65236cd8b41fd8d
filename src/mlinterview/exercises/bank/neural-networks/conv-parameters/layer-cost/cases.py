"""Cases for conv-parameters/layer-cost.

Expected values come from mlinterview.ml.nn.shapes (conv_output_shape, conv2d_params and
conv2d_macs, checked against real layers in tests/parity/test_nn_conv.py); a bad ``groups``
is rejected by the library's nn.Conv2d. The first cases are worked by hand in the statement.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.nn.shapes import conv2d_macs, conv2d_params, conv_output_shape


def reference(in_shape, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
              bias=True):
    c_in, h, w = in_shape
    nn.Conv2d(c_in, out_channels, 1, groups=groups)     # raises on groups not dividing
    out = conv_output_shape((h, w), kernel_size, stride, padding, dilation)
    params = conv2d_params(c_in, out_channels, kernel_size, groups, bias)
    macs = conv2d_macs(c_in, out_channels, kernel_size, out, groups)
    return params, macs, (out_channels, *out)


def fixed():
    return [
        Case(((3, 224, 224), 64, 7), {"stride": 2, "padding": 3, "bias": False},
             note="ResNet's first layer", expected=(9408, 118013952, (64, 112, 112))),
        Case(((32, 56, 56), 32, 3), {"padding": 1, "groups": 32}, note="depthwise 3x3",
             expected=(320, 903168, (32, 56, 56))),
        Case(((16, 8, 8), 32, 1), note="pointwise 1x1", expected=(544, 32768, (32, 8, 8))),
        Case(((4, 10, 12), 6, (3, 5)), {"stride": (2, 1), "padding": (1, 2), "groups": 2},
             note="rectangular kernel, per-axis stride and padding, 2 groups",
             expected=(6 * 2 * 15 + 6, 6 * 5 * 12 * 30, (6, 5, 12))),
        Case(((1, 9, 9), 1, 3), {"dilation": 3}, note="dilation 3: a 7x7 span on 9x9",
             expected=(10, 81, (1, 3, 3))),
        Case(((1, 5, 5), 2, 3), {"stride": 10, "padding": 1},
             note="a stride larger than the image: one output", expected=(20, 18, (2, 1, 1))),
        Case(((6, 8, 8), 4, 3), {"groups": 4}, note="4 groups do not divide 6 input channels",
             raises="ValueError"),
        Case(((4, 8, 8), 6, 3), {"groups": 4}, note="4 groups do not divide 6 output channels",
             raises="ValueError"),
        Case(((3, 2, 2), 8, 3), note="a 3x3 kernel on a 2x2 image: empty", raises="ValueError"),
        Case(((3, 4, 4), 8, 3), {"dilation": (1, 2)},
             note="dilation 2 along the width only: empty", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(36):
        groups = int(rng.choice([1, 1, 2, 4, 8]))
        c_in = groups * int(rng.integers(1, 9))
        c_out = groups * int(rng.integers(1, 9))
        pair = i % 2 == 1
        k = (int(rng.integers(1, 8)), int(rng.integers(1, 8))) if pair else int(rng.integers(1, 8))
        kwargs = {"groups": groups, "bias": bool(i % 3)}
        for name, hi in (("stride", 4), ("padding", 4), ("dilation", 3)):
            lo = 0 if name == "padding" else 1
            kwargs[name] = ((int(rng.integers(lo, hi)), int(rng.integers(lo, hi))) if pair
                            else int(rng.integers(lo, hi)))
        h, w = (int(v) for v in rng.integers(20, 40 + 5 * i, 2))
        cases.append(Case(((c_in, h, w), c_out, k), kwargs,
                          note=f"input {(c_in, h, w)}, {c_out} channels, kernel {k}, {kwargs}",
                          size=i))
    return cases


SPEC = ExerciseSpec(
    function="conv_layer_cost",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
