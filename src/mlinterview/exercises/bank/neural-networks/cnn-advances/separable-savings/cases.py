"""Cases for cnn-advances/separable-savings.

Expected values come from mlinterview.ml.nn.shapes.conv2d_params (weights
C_out · C_in/groups · kh · kw plus biases, checked against real layers in
tests/parity/test_nn_conv.py): the standard convolution, the depthwise one with
groups = C_in, and the pointwise 1x1 one. The first cases are worked by hand.
"""

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.nn.shapes import conv2d_params


def reference(c_in, c_out, kernel_size, bias=False):
    standard = conv2d_params(c_in, c_out, kernel_size, bias=bias)
    separable = (conv2d_params(c_in, c_in, kernel_size, groups=c_in, bias=bias)
                 + conv2d_params(c_in, c_out, 1, bias=bias))
    return standard, separable, separable / standard


def fixed():
    return [
        Case((32, 64, 3), note="worked example", expected=(18432, 2336, 2336 / 18432)),
        Case((32, 64, 3), {"bias": True}, note="with biases on all three convolutions",
             expected=(18496, 2432, 2432 / 18496)),
        Case((1, 1, 1), note="1 channel, 1x1: the pair costs twice as much",
             expected=(1, 2, 2.0)),
        Case((3, 16, (1, 5)), note="a rectangular kernel as a pair",
             expected=(240, 15 + 48, 63 / 240)),
        Case((512, 512, 3), note="a wide layer: ratio close to 1/9",
             expected=(2359296, 4608 + 262144, (4608 + 262144) / 2359296)),
        Case((16, 8, (3, 3)), {"bias": True}, note="fewer outputs than inputs, with biases"),
        Case((7, 5, 7), note="a 7x7 kernel on odd channel counts"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        c_in, c_out = (int(v) for v in rng.integers(1, 40 + 30 * i, 2))
        if i % 3 == 0:
            k = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        else:
            k = int(rng.integers(1, 8))
        kwargs = {"bias": bool(i % 2)} if i % 4 else {}
        cases.append(Case((c_in, c_out, k), kwargs,
                          note=f"{c_in} -> {c_out} channels, kernel {k}, {kwargs}", size=i))
    return cases


SPEC = ExerciseSpec(
    function="separable_savings",
    # Integer counts are compared exactly (atol 0, and they are far below 2^53); the ratio is
    # one float division.
    compare=AllClose(rtol=1e-12, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
