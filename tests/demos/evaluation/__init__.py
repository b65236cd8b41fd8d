"""Tests of the demos of area evaluation."""
