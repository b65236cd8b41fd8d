"""Text: turning text into tokens and tokens back into text.

- :mod:`mlinterview.ml.text.chars`: a character-level tokenizer.
- :mod:`mlinterview.ml.text.decoding`: choosing the next token from a language model's
  logits: greedy, temperature, top-k, top-p (nucleus) sampling and beam search.
"""
