"""Cases for efficient-attention/kv-cache-size.

Expected values come from mlinterview.ml.nn.efficient_attention.kv_cache_bytes (the
formula, checked by hand in tests/ml/nn/test_attention_memory.py), with the head count and
head dimension read from the config as the statement says. The fixed cases use the
published shapes of real models and are worked by hand.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.nn.efficient_attention import kv_cache_bytes

BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8": 1, "int8": 1, "int4": 0.5}


def reference(config, seq_len, batch_size, dtype):
    heads = config["num_attention_heads"]
    return kv_cache_bytes(config["num_hidden_layers"],
                          config.get("num_key_value_heads", heads),
                          config.get("head_dim", config["hidden_size"] // heads),
                          seq_len, batch_size, BYTES[dtype])


LLAMA2_7B = {"num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32}
LLAMA3_8B = {"num_hidden_layers": 32, "hidden_size": 4096, "num_attention_heads": 32,
             "num_key_value_heads": 8}
LLAMA2_70B = {"num_hidden_layers": 80, "hidden_size": 8192, "num_attention_heads": 64,
              "num_key_value_heads": 8}
# Gemma 7B: 16 heads of 256 on a hidden size of 3072 (3072 / 16 would be 192).
GEMMA_7B = {"num_hidden_layers": 28, "hidden_size": 3072, "num_attention_heads": 16,
            "num_key_value_heads": 16, "head_dim": 256}
MQA = {"num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 8,
       "num_key_value_heads": 1}


def fixed():
    return [
        Case((LLAMA2_7B, 4096, 1, "float16"), note="Llama 2 7B, 4096 tokens, float16: 2 GiB",
             expected=2_147_483_648),
        Case((LLAMA3_8B, 8192, 1, "bfloat16"), note="Llama 3 8B (GQA, 8 KV heads), 8192 tokens",
             expected=1_073_741_824),
        Case((LLAMA2_70B, 4096, 8, "float16"), note="Llama 2 70B, a batch of 8 x 4096 tokens",
             expected=80 * 2 * 8 * 128 * 4096 * 8 * 2),
        Case((GEMMA_7B, 1000, 1, "float32"), note="an explicit head_dim (256, not 3072 / 16)",
             expected=28 * 2 * 16 * 256 * 1000 * 4),
        Case((MQA, 10, 3, "int8"), note="multi-query: one KV head of 8",
             expected=2 * 2 * 1 * 8 * 10 * 3),
        Case((LLAMA2_7B, 1, 1, "int4"), note="4-bit: half a byte per number",
             expected=32 * 2 * 32 * 128 // 2),
        Case((LLAMA3_8B, 0, 4, "float8"), note="an empty cache", expected=0),
        Case((LLAMA2_7B, 10, 1, "fp64"), note="an unknown dtype", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    dtypes = list(BYTES)
    for i in range(30):
        heads = int(2 ** rng.integers(0, 7))
        config = {"num_hidden_layers": int(rng.integers(1, 100)),
                  "hidden_size": heads * int(rng.choice([32, 64, 80, 96, 128])),
                  "num_attention_heads": heads}
        if i % 3:
            # A divisor of the query heads: heads / 2^e, down to 1 (multi-query).
            config["num_key_value_heads"] = heads // int(2 ** rng.integers(0, heads.bit_length()))
        if i % 5 == 4:
            config["head_dim"] = int(rng.choice([64, 128, 256]))
        seq_len, batch = int(rng.integers(1, 200_000)), int(rng.integers(1, 65))
        dtype = dtypes[i % len(dtypes)]
        cases.append(Case((config, seq_len, batch, dtype),
                          note=f"{config}, {seq_len} tokens, batch {batch}, {dtype}"))
    return cases


SPEC = ExerciseSpec(
    function="kv_cache_bytes",
    compare=Exact(),      # integer arithmetic: the byte count is exact
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
