"""Starts a window at every step up to the end: extra windows inside the previous one."""


def chunk_tokens(tokens, size, overlap):
    step = size - overlap
    return [tokens[s:s + size] for s in range(0, len(tokens), step)]
