"""Demos of area evaluation, Generalisation and evaluation: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
