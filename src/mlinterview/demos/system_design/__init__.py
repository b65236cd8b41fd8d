"""Demos of area system-design, ML system design: one runnable miniature a topic.

Each shows the point of one design choice in numbers and figures (a feedback loop that
drifts, peeking that inflates false positives, a retrieval stage's recall at a latency
budget), deterministic at its defaults and a few seconds on a laptop CPU. The modules are
imported by :func:`mlinterview.demos.registry` when it is first needed.
"""
