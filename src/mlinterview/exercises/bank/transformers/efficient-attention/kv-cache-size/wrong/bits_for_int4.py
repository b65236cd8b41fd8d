"""Counts 4-bit numbers as 4 bytes (bits and bytes confused)."""
BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8": 1, "int8": 1, "int4": 4}


def kv_cache_bytes(config, seq_len, batch_size, dtype):
    if dtype not in BYTES:
        raise ValueError(dtype)
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads", heads)
    head_dim = config.get("head_dim", config["hidden_size"] // heads)
    return int(config["num_hidden_layers"] * 2 * kv_heads * head_dim * seq_len * batch_size
               * BYTES[dtype])
