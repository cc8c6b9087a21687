"""Time-bounded fuzzing of nato_rok.loads: ``python -m fuzz --seconds 60``."""
