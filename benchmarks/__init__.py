"""Benchmarks for nato-rok: run ``python -m benchmarks`` (or ``python benchmarks/run.py``)."""
