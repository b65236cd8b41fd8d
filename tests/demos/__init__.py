"""Tests of the demos: the framework here, the demos of each area in its own package."""
