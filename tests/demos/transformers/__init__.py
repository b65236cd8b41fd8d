"""Tests of the demos of area coding."""
