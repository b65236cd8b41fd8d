"""Steps by size: no token is shared between windows."""


def chunk_tokens(tokens, size, overlap):
    chunks = []
    start = 0
    while start < len(tokens):
        chunks.append(tokens[start:start + size])
        if start + size >= len(tokens):
            break
        start += size
    return chunks
