"""Cases for fine-tuning/lora-merge.

Expected values come from mlinterview.ml.nn.LoRALinear (checked against the same adapter
written in torch in tests/parity/test_fine_tuning.py): the weights are loaded into it, it is
merged, and its base weight and count_parameters are read back. The fixed cases are worked
by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.nn.modules.lora import LoRALinear, count_parameters


def reference(W, A, B, lora_alpha, use_rslora=False):
    W, A, B = (np.asarray(m, dtype=np.float64) for m in (W, A, B))
    out_features, in_features = W.shape
    layer = LoRALinear(nn.Linear(in_features, out_features, bias=False, dtype=np.float64),
                       r=A.shape[0], lora_alpha=lora_alpha, use_rslora=use_rslora)
    layer.load_state_dict({"base_layer.weight": W, "lora_A.weight": A, "lora_B.weight": B})
    layer.merge()
    return layer.base_layer.weight.data.copy(), count_parameters(layer)


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    eye = _a([1.0, 0.0], [0.0, 1.0])
    return [
        Case((eye, _a([1.0, 2.0]), _a([1.0], [-1.0]), 2.0),
             note="the statement's example: s = 2 / 1",
             expected=(_a([3.0, 4.0], [-2.0, -3.0]), 4)),
        Case((np.zeros((3, 2)), _a([1.0, 0.0], [0.0, 1.0]), _a([1.0, 0.0], [0.0, 1.0],
                                                              [1.0, 1.0]), 4.0),
             note="r = 2, s = 4 / 2 = 2: merged = 2 B A = 2 B",
             expected=(_a([2.0, 0.0], [0.0, 2.0], [2.0, 2.0]), 2 * (2 + 3))),
        Case((np.zeros((3, 2)), _a([1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]),
              np.ones((3, 4)), 8.0), {"use_rslora": True},
             note="rsLoRA, r = 4: s = 8 / √4 = 4 (not 8 / 4 = 2)",
             expected=(np.full((3, 2), 8.0), 4 * (2 + 3))),
        Case((_a([5.0, -1.0, 2.0]), _a([0.5, 0.5, 0.5]), np.zeros((1, 1)), 16.0),
             note="B = 0 (a fresh adapter): W is unchanged",
             expected=(_a([5.0, -1.0, 2.0]), 1 * (3 + 1))),
        Case((_a([1.0, 1.0]), _a([1.0, -1.0]), _a([3.0]), 1.0), {"use_rslora": True},
             note="rsLoRA with r = 1 is plain LoRA: s = 1",
             expected=(_a([4.0, -2.0]), 3)),
        Case((np.zeros((2, 3)), np.ones((1, 2)), np.ones((2, 1)), 1.0),
             note="A has 2 columns but W has 3 inputs", raises="ValueError"),
        Case((np.zeros((2, 3)), np.ones((2, 3)), np.ones((3, 2)), 1.0),
             note="B has 3 rows but W has 2 outputs", raises="ValueError"),
        Case((np.zeros((2, 3)), np.ones((2, 3)), np.ones((2, 1)), 1.0),
             note="B has 1 column but A has rank 2", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        out_f, in_f = int(rng.integers(1, 40)), int(rng.integers(1, 40))
        r = int(rng.integers(1, 9))
        alpha = float(rng.choice([1.0, 8.0, 16.0, 2.0 * r, rng.uniform(0.5, 32.0)]))
        rslora = bool(i % 3 == 0)
        args = (rng.normal(size=(out_f, in_f)), rng.normal(size=(r, in_f)),
                rng.normal(size=(out_f, r)) * 0.1, alpha)
        cases.append(Case(args, {"use_rslora": rslora},
                          note=f"({out_f}, {in_f}) weight, r = {r}, alpha = {alpha:g}"
                               + (", rsLoRA" if rslora else "")))
    return cases


SPEC = ExerciseSpec(
    function="lora_merge",
    # One matrix product and a sum in float64: a few ulps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
