"""Cases for conv-parameters/output-shape.

Expected values come from mlinterview.ml.nn.shapes.conv_output_shape, whose formula is
checked against real PyTorch layers in tests/parity/test_nn_conv.py; the first cases are
worked by hand in the statement.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.nn.shapes import conv_output_shape


def reference(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return conv_output_shape(input_size, kernel_size, stride, padding, dilation)


def fixed():
    return [
        Case((32, 3), {"padding": 1}, note="3×3, padding 1 keeps 32×32", expected=(32, 32)),
        Case((32, 3), {"stride": 2, "padding": 1}, note="stride 2 halves 32 to 16",
             expected=(16, 16)),
        Case((7, 3), {"dilation": 2}, note="dilation 2 makes a 3×3 kernel span 5 pixels",
             expected=(3, 3)),
        Case(((5, 9), (1, 3)), {"stride": (1, 2)}, note="different height and width",
             expected=(5, 4)),
        Case((8, 3), {"stride": 3}, note="the last window does not fit: round down",
             expected=(2, 2)),
        Case((1, 1), note="1×1 kernel on a single pixel", expected=(1, 1)),
        Case((2, 3), note="3×3 kernel on a 2×2 input, no padding: empty", raises="ValueError"),
        Case((4, 3), {"dilation": 2}, note="dilated kernel spans 5 > 4 pixels: empty",
             raises="ValueError"),
        Case((10, 5), {"padding": 2, "dilation": 3, "stride": 2},
             note="everything at once: ⌊(10 + 4 − 12 − 1)/2⌋ + 1", expected=(1, 1)),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n = (int(rng.integers(1, 10 + 6 * i)), int(rng.integers(1, 10 + 6 * i)))
        k = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        s = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        p = (int(rng.integers(0, 4)), int(rng.integers(0, 4)))
        d = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        try:
            conv_output_shape(n, k, s, p, d)
        except ValueError:
            # Keep only non-empty outputs here: the fixed cases test the error.
            n = tuple(v + d_ * (k_ - 1) for v, d_, k_ in zip(n, d, k, strict=True))
        if i % 2:  # half the cases use pairs everywhere, half plain ints
            args, kwargs = (n, k), {"stride": s, "padding": p, "dilation": d}
        else:
            args, kwargs = (n[0], k[0]), {"stride": s[0], "padding": p[0], "dilation": d[0]}
        cases.append(Case(args, kwargs, note=f"input {args[0]}, kernel {args[1]}, {kwargs}",
                          size=i))
    return cases


SPEC = ExerciseSpec(
    function="conv2d_output_shape",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
