"""Tests of the demos of area probability."""
