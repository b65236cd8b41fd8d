"""Keeps only full windows: the document's tail is lost (and a short document vanishes)."""


def chunk_tokens(tokens, size, overlap):
    step = size - overlap
    return [tokens[s:s + size] for s in range(0, len(tokens) - size + 1, step)]
