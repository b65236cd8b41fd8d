"""Steps by the overlap instead of size - overlap."""


def chunk_tokens(tokens, size, overlap):
    step = max(overlap, 1)
    chunks = []
    start = 0
    while start < len(tokens):
        chunks.append(tokens[start:start + size])
        if start + size >= len(tokens):
            break
        start += step
    return chunks
