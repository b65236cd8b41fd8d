"""Always emits the first window, so an empty document gets one empty chunk."""


def chunk_tokens(tokens, size, overlap):
    step = size - overlap
    chunks = [tokens[:size]]
    start = 0
    while start + size < len(tokens):
        start += step
        chunks.append(tokens[start:start + size])
    return chunks
