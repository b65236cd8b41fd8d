"""Takes the longest token that matches at each position (greedy longest match)."""


def bpe_encode(text, merges):
    vocab = [bytes([b]) for b in range(256)]
    for a, b in merges:
        vocab.append(vocab[a] + vocab[b])
    ids_of = {t: i for i, t in enumerate(vocab)}
    longest = max(len(t) for t in vocab)
    data = text.encode("utf-8")
    ids, i = [], 0
    while i < len(data):
        for n in range(min(longest, len(data) - i), 0, -1):
            if data[i:i + n] in ids_of:
                ids.append(ids_of[data[i:i + n]])
                i += n
                break
    return ids
