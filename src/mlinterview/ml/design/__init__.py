"""The library pieces of ML system design (area I): what a design answer computes.

One module per concern, imported by its full name (``mlinterview.ml.design.envelope``):
back-of-envelope capacity and latency arithmetic, retrieval and ranking for recommenders
and search, click models and position bias, click-through prediction with hashed
features, feedback loops of decisions that choose their own labels, drift monitoring and
retrieval-augmented generation over a small corpus. Power and sequential tests for A/B
experiments live with the other tests in :mod:`mlinterview.ml.stats`.
"""
