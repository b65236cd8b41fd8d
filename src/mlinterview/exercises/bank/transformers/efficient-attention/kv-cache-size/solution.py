BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8": 1, "int8": 1, "int4": 0.5}


def kv_cache_bytes(config, seq_len, batch_size, dtype):
    """layers x 2 (K and V) x kv_heads x head_dim x seq_len x batch x bytes per number."""
    if dtype not in BYTES:
        raise ValueError(f"unknown dtype {dtype!r}")
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads", heads)          # absent: multi-head
    head_dim = config.get("head_dim", config["hidden_size"] // heads)
    elements = config["num_hidden_layers"] * 2 * kv_heads * head_dim * seq_len * batch_size
    return int(elements * BYTES[dtype])      # an even count: int4 still gives whole bytes
