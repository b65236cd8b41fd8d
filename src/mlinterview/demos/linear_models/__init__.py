"""Demos of area linear-models, Linear models and linear algebra: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
