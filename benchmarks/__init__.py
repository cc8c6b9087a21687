"""Benchmarks for nato-rok: ``python -m benchmarks`` and ``python -m benchmarks.profiles``."""
