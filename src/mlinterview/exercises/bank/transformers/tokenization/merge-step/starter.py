def bpe_merge_step(words, counts, new_id):
    """One BPE training step: the most frequent adjacent pair, and the words merged.

    Parameters
    ----------
    words : list of lists of int
        The distinct words of the corpus, each a sequence of token ids.
    counts : list of int, same length as words
        How often each word occurs.
    new_id : int
        The id of the token the merge makes.

    Returns
    -------
    (pair, new_words) : pair is a tuple (left, right), or None if no word has two tokens;
        new_words is a list of lists of int.
    """
    raise NotImplementedError("count the pairs weighted by counts, pick one, merge it")
