"""Coding-interview algorithms (standard library + NumPy): LCS, lists and trees, graph
search, planning and out-of-core de-duplication."""
