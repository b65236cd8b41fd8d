def bpe_train(word_counts, num_merges):
    """The BPE merges learned from word counts, in order; merge r makes token 256 + r.

    Parameters
    ----------
    word_counts : dict str -> int
        Pre-tokenised words and how often each occurs; a word starts as its UTF-8 bytes.
    num_merges : int
        How many merges to learn (fewer if the pairs run out).

    Returns
    -------
    list of (int, int)
    """
    words = [list(word.encode("utf-8")) for word in word_counts]
    raise NotImplementedError("count pairs once, then update only the words a merge touches")
