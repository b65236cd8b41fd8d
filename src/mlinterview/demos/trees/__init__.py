"""Demos of area trees, Trees and ensembles: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
