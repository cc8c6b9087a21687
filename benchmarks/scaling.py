"""Print how ``loads`` (and the DuckDB export) scale: each shape at 1x, 10x and 100x.

    python -m benchmarks.scaling            # 1x, 10x, 100x of each shape
    python -m benchmarks.scaling --quick    # 1x and 10x only, fewer repeats

Four shapes of valid (or, for long spans, refused in full) documents, each
grown by its own count: quotations (the common case), events in one chain
of parents, mentions whose spans each cover most of the article, and the
DuckDB export of events in one chain. For each size the table prints the
document's size, the median time, and the ratio of time per byte against the
1x document of the same shape: about 1 means linear in the document's size,
a ratio growing with the size means worse. Figures only: nothing passes or
fails, and no test depends on a time.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import nato_rok
from benchmarks.run import synthetic
from nato_rok.exceptions import DatasetError
from nato_rok.export import duckdb


def _newest() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(nato_rok.dumps(nato_rok.load()))
    return value


def chain(events: int) -> bytes:
    """Return the newest release with *events* more events, each the parent of the next."""
    document = _newest()
    first = document["events"][0]
    document["events"] += [
        {**first, "id": f"link-{n}", "parent_id": f"link-{n - 1}" if n else None}
        for n in range(events)
    ]
    return json.dumps(document).encode("utf-8")


def long_spans(mentions: int) -> bytes:
    """Return the newest release with *mentions* more mentions, each most of the article long.

    Each is refused (no name is that long): the loader reads every one, and
    must not copy the text it covers.
    """
    document = _newest()
    size = len(document["source"]["text"])
    width = size // 2
    document["organizations"][0]["mentions"] += [
        {"start": n % width, "end": size - n // width} for n in range(mentions)
    ]
    return json.dumps(document).encode("utf-8")


def _loads(data: bytes) -> None:
    with contextlib.suppress(DatasetError):  # the long spans are refused, after every check
        nato_rok.loads(data)


def _duckdb(data: bytes) -> Callable[[], None]:
    dataset = nato_rok.loads(data)
    return lambda: duckdb.connect(dataset).close()


SHAPES: tuple[tuple[str, Callable[[int], bytes], int, bool], ...] = (
    ("loads, quotations", synthetic, 1_000, False),
    ("loads, one chain of events", chain, 200, False),
    ("loads, long spans", long_spans, 700, False),
    ("DuckDB export, one chain of events", chain, 10, True),
)


def _median(function: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    """Print the table; return 0."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1x and 10x only, fewer repeats")
    args = parser.parse_args(argv)
    factors = (1, 10) if args.quick else (1, 10, 100)
    print(f"{'shape':<36} {'x':>4} {'count':>7} {'MiB':>7} {'seconds':>8} {'per byte / 1x':>13}")
    for name, build, count, export in SHAPES:
        base: float | None = None
        for factor in factors:
            data = build(count * factor)
            repeats = max(1, (3 if args.quick else 5) // factor)
            run = _duckdb(data) if export else functools.partial(_loads, data)
            seconds = _median(run, repeats)
            per_byte = seconds / len(data)
            base = base or per_byte
            print(
                f"{name:<36} {factor:>4} {count * factor:>7} {len(data) / 2**20:>7.2f} "
                f"{seconds:>8.3f} {per_byte / base:>13.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
