"""Demos of area transformers, Transformers and language models: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
