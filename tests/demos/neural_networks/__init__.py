"""Tests of the demos of area neural-networks."""
