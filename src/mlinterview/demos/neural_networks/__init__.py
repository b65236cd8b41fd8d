"""Demos of area neural-networks, Neural networks and optimisation: one module a topic.

The modules are imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
