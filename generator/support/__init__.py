"""Plumbing with no knowledge of the domain: atomic writes, the worker pool, the build cache."""
