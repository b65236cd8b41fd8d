"""Always takes head_dim = hidden_size / heads, ignoring an explicit head_dim."""
BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8": 1, "int8": 1, "int4": 0.5}


def kv_cache_bytes(config, seq_len, batch_size, dtype):
    if dtype not in BYTES:
        raise ValueError(dtype)
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads", heads)
    head_dim = config["hidden_size"] // heads
    return int(config["num_hidden_layers"] * 2 * kv_heads * head_dim * seq_len * batch_size
               * BYTES[dtype])
