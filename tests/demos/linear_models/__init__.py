"""Tests of the demos of area linear-models."""
