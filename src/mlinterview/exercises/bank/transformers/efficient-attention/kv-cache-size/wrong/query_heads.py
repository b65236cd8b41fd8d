"""Uses the number of query heads, as if every model were multi-head attention."""
BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8": 1, "int8": 1, "int4": 0.5}


def kv_cache_bytes(config, seq_len, batch_size, dtype):
    if dtype not in BYTES:
        raise ValueError(dtype)
    heads = config["num_attention_heads"]
    head_dim = config.get("head_dim", config["hidden_size"] // heads)
    return int(config["num_hidden_layers"] * 2 * heads * head_dim * seq_len * batch_size
               * BYTES[dtype])
