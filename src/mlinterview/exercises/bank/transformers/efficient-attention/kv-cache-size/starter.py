def kv_cache_bytes(config, seq_len, batch_size, dtype):
    """Bytes of a KV cache: layers x 2 x kv_heads x head_dim x seq_len x batch x bytes.

    Parameters
    ----------
    config : dict with "num_hidden_layers", "hidden_size", "num_attention_heads", and
        optionally "num_key_value_heads" and "head_dim"
    seq_len, batch_size : int
    dtype : "float32", "float16", "bfloat16", "float8", "int8" or "int4"

    Returns
    -------
    int
    """
    raise NotImplementedError("read the shape from the config, then multiply")
