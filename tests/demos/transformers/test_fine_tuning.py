"""The fine-tuning demos' tables against closed forms: parameter counts, the merge, bits per
weight, the scale / 2 bound, the temperature softmax and the T² factor."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.transformers import fine_tuning as demo_module


def rows(demo_id, **params):
    result = registry()[demo_id].run(**params).result
    return {row[0]: dict(zip(result.table.columns, row, strict=True))
            for row in result.table.rows}, result


def test_lora_demo_counts_merge_and_ranks():
    table, result = rows("fine-tuning", update_rank=4, steps=150)
    d, h, o = demo_module.D_IN, demo_module.HIDDEN, demo_module.D_OUT
    full = d * h + h + h * o + o
    assert table["full fine-tuning"]["trainable parameters"] == full
    for r in demo_module.RANKS:
        row = table[f"LoRA r = {r}"]
        # An adapter on each layer: r (in + out) + r (in + out).
        assert row["trainable parameters"] == r * (d + h) + r * (h + o)
        assert row["% of full"] == pytest.approx(100 * row["trainable parameters"] / full,
                                                 abs=0.05)
        assert row["max |merged - adapter| output"] < 1e-5      # merging changes nothing
    # Below the true rank the adapter cannot fit the change; at or above it fits far better.
    assert table["LoRA r = 1"]["train MSE"] > 10 * table["LoRA r = 8"]["train MSE"]
    assert table["LoRA r = 4"]["held-out MSE"] < table["LoRA r = 1"]["held-out MSE"]
    assert table["LoRA r = 8"]["held-out MSE"] < table["full fine-tuning"]["held-out MSE"]
    assert set(result.figures) == {"lora-loss", "update-spectrum"}


def test_new_task_changes_the_first_layer_by_the_stated_rank():
    pretrained, delta, x, y = demo_module.new_task(3, seed=1)
    assert np.linalg.matrix_rank(delta) == 3
    assert np.linalg.norm(delta) == pytest.approx(0.5 * np.linalg.norm(pretrained["0.weight"]))
    assert x.shape == (demo_module.N_TRAIN + demo_module.N_TEST, demo_module.D_IN)
    assert y.shape == (len(x), demo_module.D_OUT)


def test_quantization_table_by_formula():
    table, _ = rows("fine-tuning/quantization", rows=64)
    cols = 512
    expected_bits = {  # bits + 32-bit scales (+ 8-bit zero points) per value
        "int8 absmax, per tensor": 8 + 32 / (64 * cols),
        "int8 absmax, per row": 8 + 32 / cols,
        "int4 absmax, per row": 4 + 32 / cols,
        "int4 zero point, per row": 4 + 40 / cols,
        "int4 absmax, groups of 64": 4 + 32 / 64,
        "int4 zero point, groups of 64": 4 + 40 / 64,
        "NF4, blocks of 64": 4 + 32 / 64,
    }
    for name, bits in expected_bits.items():
        assert table[name]["bits per weight"] == pytest.approx(bits, abs=1e-3), name
        assert table[name]["7B model (GB)"] == pytest.approx(7 * bits / 8, abs=0.01), name
    for name, row in table.items():
        if row["max error / half step"] != "n/a":
            assert row["max error / half step"] <= 1.0 + 1e-6, name   # never past the bound
    err = {name: row["relative RMS error"] for name, row in table.items()}
    assert err["int4 absmax, per tensor"] > err["int4 absmax, per row"] \
        > err["int4 absmax, groups of 64"]
    assert err["int8 absmax, per row"] < err["int4 absmax, groups of 64"]


def test_without_outliers_per_tensor_int8_is_close_to_per_row():
    with_outliers, _ = rows("fine-tuning/quantization", rows=64, outlier_scale=30.0)
    without, _ = rows("fine-tuning/quantization", rows=64, outlier_scale=1.0)
    key = "int8 absmax, per tensor"
    assert with_outliers[key]["relative RMS error"] > without[key]["relative RMS error"]


def test_distillation_table_by_hand():
    table, _ = rows("fine-tuning/distillation", margin=6.0)
    logits = np.array([6.0, 2.0, 1.5, 0.5, 0.0, -0.5, -1.0, -2.0, -2.5, -3.0])
    for t, row in table.items():
        p = np.exp(logits / t) / np.exp(logits / t).sum()
        assert row["teacher's top probability"] == pytest.approx(p.max(), abs=1e-4)
        assert row["entropy (nats)"] == pytest.approx(-(p * np.log(p)).sum(), abs=1e-4)
        assert row["gradient norm without T²"] == pytest.approx(
            row["gradient norm with T²"] / t ** 2, rel=1e-3, abs=1e-5)
    with_t2 = [row["gradient norm with T²"] for row in table.values()]
    assert max(with_t2) / min(with_t2) < 1.5          # roughly constant in T
