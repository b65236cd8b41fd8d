"""The layers of ``nn`` as modules; each file holds one family."""
