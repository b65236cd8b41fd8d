"""Cases for cnn-architectures/network-summary.

Expected values come from mlinterview.ml.nn.shapes: conv_output_shape (which raises on an
empty output), receptive_field and conv2d_macs, checked against real layers in
tests/parity/test_nn_conv.py; a bad ``groups`` is rejected by the library's nn.Conv2d. The
first cases are worked by hand in the statement.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.nn.shapes import conv2d_macs, conv_output_shape, receptive_field


def reference(in_shape, layers):
    c, h, w = in_shape
    rows, field_spec = [], []
    for layer in layers:
        k, p, d = layer["kernel"], layer.get("padding", 0), layer.get("dilation", 1)
        if layer["type"] == "conv":
            s, groups, c_out = layer.get("stride", 1), layer.get("groups", 1), \
                layer["out_channels"]
            nn.Conv2d(c, c_out, 1, groups=groups)     # raises on groups not dividing
        else:
            s, groups, c_out = layer.get("stride", k), 1, c
        h, w = conv_output_shape((h, w), k, s, p, d)
        macs = conv2d_macs(c, c_out, k, (h, w), groups) if layer["type"] == "conv" else 0
        field_spec.append({"kernel_size": k, "stride": s, "dilation": d})
        r = receptive_field(field_spec)[-1][0]
        c = c_out
        rows.append((c, h, w, r, macs))
    return rows


def conv(c_out, k, **kw):
    return {"type": "conv", "out_channels": c_out, "kernel": k, **kw}


def pool(k, **kw):
    return {"type": "pool", "kernel": k, **kw}


def fixed():
    return [
        Case(((3, 32, 32), [conv(16, 3, padding=1), pool(2), conv(32, 3, padding=1)]),
             note="worked example: conv, pool, conv",
             expected=[(16, 32, 32, 3, 442368), (16, 16, 16, 4, 0),
                       (32, 16, 16, 8, 1179648)]),
        Case(((32, 16, 16), [conv(32, 3, padding=1, groups=32), conv(64, 1)]),
             note="depthwise then pointwise",
             expected=[(32, 16, 16, 3, 73728), (64, 16, 16, 3, 524288)]),
        Case(((3, 10, 10), []), note="no layers", expected=[]),
        Case(((1, 9, 9), [pool(3, stride=1)]), note="a pool with an explicit stride 1",
             expected=[(1, 7, 7, 3, 0)]),
        Case(((2, 9, 7), [conv(4, 3, dilation=2, stride=2, padding=1)]),
             note="dilation, stride and padding on a rectangle: H 9 -> 4, W 7 -> 3",
             expected=[(4, 4, 3, 5, 4 * 4 * 3 * 2 * 9)]),
        Case(((4, 8, 8), [conv(6, 3, groups=2), pool(2), conv(8, 2, stride=2)]),
             note="groups 2, then a stride-2 conv after a pool",
             expected=[(6, 6, 6, 3, 6 * 36 * 2 * 9), (6, 3, 3, 4, 0),
                       (8, 1, 1, 4 + 1 * 1 * 2, 8 * 1 * 6 * 4)]),
        Case(((3, 224, 224), [conv(64, 7, stride=2, padding=3), pool(3, stride=2, padding=1)]),
             note="ResNet's stem: 224 -> 112 -> 56, field 7 then 11"),
        Case(((6, 8, 8), [conv(4, 3, groups=4)]), note="groups do not divide 6 channels",
             raises="ValueError"),
        Case(((3, 4, 4), [conv(8, 3), pool(2), pool(2)]), note="the last pool has no room",
             raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        c = int(rng.choice([1, 3, 4, 8, 16]))
        size = int(rng.integers(16, 48 + 4 * i))
        layers, channels = [], c
        for _ in range(int(rng.integers(1, 5 + i // 6))):
            if rng.random() < 0.3:
                k = int(rng.integers(2, 4))
                spec = {"stride": int(rng.integers(1, 3))} if rng.random() < 0.5 else {}
                layers.append(pool(k, **spec))
            else:
                groups = int(rng.choice([1, 1, 2, channels])) if channels % 2 == 0 else 1
                c_out = groups * int(rng.integers(1, 5))
                layers.append(conv(c_out, int(rng.choice([1, 3, 5])),
                                   stride=int(rng.integers(1, 3)),
                                   padding=int(rng.integers(0, 3)),
                                   dilation=int(rng.choice([1, 1, 2])), groups=groups))
                channels = c_out
        while layers:
            try:
                reference((c, size, size), layers)
                break
            except ValueError:  # too deep for this size: drop layers until it fits
                layers.pop()
        cases.append(Case(((c, size, size), layers), note=f"input {(c, size, size)}, "
                          f"{len(layers)} layers", size=i))
    return cases


SPEC = ExerciseSpec(
    function="network_summary",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
