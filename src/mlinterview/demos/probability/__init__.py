"""Demos of area probability, Probability, statistics, information: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
