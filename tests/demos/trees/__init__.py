"""Tests of the demos of area trees."""
