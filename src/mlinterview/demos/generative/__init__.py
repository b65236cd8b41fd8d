"""Demos of area generative, Generative models and beyond: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
