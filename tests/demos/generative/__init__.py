"""Tests of the demos of area generative."""
