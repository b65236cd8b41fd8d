"""Text: turning text into tokens and tokens back into text.

- :mod:`mlinterview.ml.text.chars`: a character-level tokenizer.
- :mod:`mlinterview.ml.text.bpe`: byte-level byte-pair encoding (``ByteLevelBPE``): train
  merges on a corpus, encode, decode (Sennrich et al. 2016; GPT-2, Radford et al. 2019).
- :mod:`mlinterview.ml.text.pretokenize`: the GPT-2 (and cl100k-style) split into words
  before BPE, and GPT-2's printable table of the 256 bytes.
- :mod:`mlinterview.ml.text.decoding`: choosing the next token from a language model's
  logits: greedy, temperature, top-k, top-p (nucleus) sampling and beam search.
- :mod:`mlinterview.ml.text.bm25`: Okapi BM25 ranking over tokenised documents.
"""
