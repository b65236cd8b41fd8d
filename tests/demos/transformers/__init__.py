"""Tests of the demos of area transformers."""
