"""Cases for transposed-conv/output-size.

Expected values come from mlinterview.ml.nn.shapes.conv_output_shape(transposed=True)
(checked against real PyTorch layers in tests/parity/test_nn_conv.py; it raises on an
empty output); the rule output_padding < max(stride, dilation) is PyTorch's (the library's
conv_transpose2d enforces the same). The first cases are worked by hand in the statement.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.nn.shapes import _int_pair, conv_output_shape


def reference(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    for op, s, d in zip(_int_pair(output_padding), _int_pair(stride), _int_pair(dilation),
                        strict=True):
        if op >= max(s, d):
            raise ValueError(f"output_padding ({op}) must be smaller than either stride ({s})"
                             f" or dilation ({d})")
    return conv_output_shape(input_size, kernel_size, stride, padding, dilation,
                             transposed=True, output_padding=output_padding)


def fixed():
    return [
        Case((4, 4), {"stride": 2, "padding": 1}, note="DCGAN: 4 -> 8", expected=(8, 8)),
        Case((7, 3), {"stride": 2, "padding": 1}, note="7 -> 13 without output_padding",
             expected=(13, 13)),
        Case((7, 3), {"stride": 2, "padding": 1, "output_padding": 1},
             note="output_padding 1 picks 14", expected=(14, 14)),
        Case(((5, 9), (1, 3)), {"stride": (1, 2)}, note="different height and width",
             expected=(5, 19)),
        Case((3, 3), {"stride": 2, "output_padding": 2},
             note="output_padding must be below the stride", raises="ValueError"),
        Case((3, 3), {"dilation": 2, "output_padding": 1},
             note="stride 1 but dilation 2: output_padding 1 is allowed",
             expected=(8, 8)),
        Case((3, 3), {"stride": (2, 1), "output_padding": (1, 1)},
             note="output_padding 1 with stride 1 on the width axis", raises="ValueError"),
        Case((1, 1), {"padding": 1}, note="padding larger than the output: empty",
             raises="ValueError"),
        Case((1, 1), note="1x1 stays 1x1", expected=(1, 1)),
        Case((2, 3), {"stride": 3, "padding": 2, "dilation": 2},
             note="every term: 3 - 4 + 4 + 1", expected=(4, 4)),
    ]


def generated(rng):
    cases = []
    for i in range(36):
        n = (int(rng.integers(1, 10 + 4 * i)), int(rng.integers(1, 10 + 4 * i)))
        k = (int(rng.integers(1, 8)), int(rng.integers(1, 8)))
        s = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        d = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        op = tuple(int(rng.integers(0, max(a, b))) for a, b in zip(s, d, strict=True))
        p = tuple(int(rng.integers(0, 4)) for _ in range(2))
        try:
            reference(n, k, s, p, op, d)
        except ValueError:  # keep the generated cases valid: the fixed ones test errors
            p = (0, 0)
        if i % 2:
            args, kwargs = (n, k), {"stride": s, "padding": p, "output_padding": op,
                                    "dilation": d}
        else:
            args = (n[0], k[0])
            kwargs = {"stride": s[0], "padding": p[0], "output_padding": op[0],
                      "dilation": d[0]}
        cases.append(Case(args, kwargs, note=f"input {args[0]}, kernel {args[1]}, {kwargs}",
                          size=i))
    return cases


SPEC = ExerciseSpec(
    function="conv_transpose_output_shape",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
