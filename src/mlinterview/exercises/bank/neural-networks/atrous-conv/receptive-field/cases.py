"""Cases for atrous-conv/receptive-field.

Expected values come from mlinterview.ml.nn.shapes.receptive_field (the recurrence
r += (k - 1) d j, j *= s; tests/demos/neural_networks/test_conv_parameters.py compares it
with the field measured by back-propagating through real layers); the first cases are
worked by hand.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.nn.shapes import receptive_field


def reference(kernel_sizes, dilations=None, strides=None):
    n = len(kernel_sizes)
    dilations = [1] * n if dilations is None else dilations
    strides = [1] * n if strides is None else strides
    layers = [{"kernel_size": k, "dilation": d, "stride": s}
              for k, d, s in zip(kernel_sizes, dilations, strides, strict=True)]
    return receptive_field(layers)


def fixed():
    return [
        Case(([3, 3, 3], [1, 2, 4]), note="dilations 1, 2, 4: exponential growth",
             expected=[(3, 1), (7, 1), (15, 1)]),
        Case(([3, 3, 3], [1, 1, 2], [2, 2, 1]), note="strides then a dilated layer",
             expected=[(3, 2), (7, 4), (23, 4)]),
        Case(([],), note="no layers", expected=[]),
        Case(([1, 1, 1], None, [2, 2, 2]), note="1x1 kernels never widen the field",
             expected=[(1, 2), (1, 4), (1, 8)]),
        Case(([5],), note="one layer: the kernel size", expected=[(5, 1)]),
        Case(([2, 2], None, [2, 2]), note="2x2 pooling twice", expected=[(2, 2), (4, 4)]),
        Case(([3], [3]), note="one dilated layer: d(k - 1) + 1", expected=[(7, 1)]),
        Case(([7, 3, 3, 3], [1, 1, 2, 4], [2, 2, 1, 1]),
             note="a strided stem before dilated layers: the jump multiplies the dilation",
             expected=[(7, 2), (11, 4), (27, 4), (59, 4)]),
        Case(([3, 0],), note="a kernel of size 0", raises="ValueError"),
        Case(([3, 3], [1, 0]), note="dilation 0", raises="ValueError"),
        Case(([3, 3], None, [1, 0]), note="stride 0", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = 1 + int(rng.integers(0, 2 + i // 3))
        ks = [int(v) for v in rng.integers(1, 8, n)]
        ds = [int(v) for v in rng.integers(1, 5, n)] if i % 3 else None
        ss = [int(v) for v in rng.integers(1, 4, n)] if i % 2 else None
        cases.append(Case((ks, ds, ss), note=f"kernels {ks}, dilations {ds}, strides {ss}",
                          size=i))
    return cases


SPEC = ExerciseSpec(
    function="receptive_fields",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
