def chunk_tokens(tokens, size, overlap):
    """Fixed windows of ``size`` tokens starting every ``size - overlap`` tokens."""
    step = size - overlap
    chunks = []
    start = 0
    while start < len(tokens):
        chunks.append(tokens[start:start + size])
        if start + size >= len(tokens):        # this window reached the end: done
            break
        start += step
    return chunks
