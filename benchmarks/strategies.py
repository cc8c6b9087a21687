"""Time drawing whole datasets from ``nato_rok.strategies``, against building its strategies anew.

    python -m benchmarks.strategies            # 200 datasets a round, 3 rounds
    python -m benchmarks.strategies --quick    # 50 datasets a round, 3 rounds

Each public strategy function of ``nato_rok.strategies`` builds its strategy
once for each set of arguments. The baseline is the same draws, from the same
seed, with every public strategy function replaced by the function it wraps,
so that ``datasets()`` and everything it asks for during a draw are built
(and validated by Hypothesis) anew on each call, as they were before. Both
variants draw the same datasets: only the building differs. Needs the
``hypothesis`` extra. Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import time
from contextlib import AbstractContextManager
from unittest import mock

from hypothesis import HealthCheck, Phase, given, seed, settings

from nato_rok import Dataset, strategies


def _draw_seconds(count: int, round_seed: int) -> float:
    """Return the seconds Hypothesis takes to draw *count* datasets (generation only)."""

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @seed(round_seed)
    @given(strategies.datasets())
    def draw(dataset: Dataset) -> None:
        """Draw and drop: the time is Hypothesis's and the strategies'."""

    start = time.perf_counter()
    draw()
    return time.perf_counter() - start


def _built_anew() -> AbstractContextManager[object]:
    """Return a patch replacing every public strategy function by the function it wraps."""
    unwrapped = {name: inspect.unwrap(getattr(strategies, name)) for name in strategies.__all__}
    return mock.patch.dict(vars(strategies), unwrapped)


def main(argv: list[str] | None = None) -> int:
    """Print the seconds per dataset drawn, both ways, and their ratio."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.strategies")
    parser.add_argument("--quick", action="store_true", help="50 datasets a round")
    args = parser.parse_args(argv)
    count, rounds = (50 if args.quick else 200), 3
    once, anew = [], []
    for round_seed in range(rounds):  # in turns, so a neighbour's load falls on both alike
        once.append(_draw_seconds(count, round_seed) / count)
        with _built_anew():
            anew.append(_draw_seconds(count, round_seed) / count)
    built_once, built_each = statistics.median(once), statistics.median(anew)
    print(f"datasets drawn a round: {count}, rounds: {rounds} (medians)")
    print(f"{'strategies':<40}{'ms a dataset':>14}")
    print(f"{'built anew on each call (baseline)':<40}{built_each * 1e3:>14.1f}")
    print(f"{'built once (nato_rok.strategies)':<40}{built_once * 1e3:>14.1f}")
    print(f"{'ratio, built once / built anew':<40}{built_once / built_each:>13.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
