"""Print a table of nato-rok timings as ratios against baselines of the same run.

Every figure is the median of repeated runs; every ratio divides by a baseline
measured in the same run, on the same machine, so the table is comparable
across machines. Nothing here is a pass/fail test.

    python -m benchmarks            # full run, about a minute
    python -m benchmarks --quick    # fewer repeats and sizes
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import nato_rok
from nato_rok import _resources


def _median_seconds(function: Callable[[], object], repeats: int, number: int = 1) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            function()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def _process_seconds(code: str, repeats: int) -> float:
    command = [sys.executable, "-c", code]
    return _median_seconds(lambda: subprocess.run(command, check=True), repeats)


def synthetic(quotes: int) -> bytes:
    """Return a valid document of release 1.0.0 with *quotes* quotations.

    The extra quotations repeat the article's (same spans, new ids), so the
    document passes every check of ``loads``.
    """
    document: dict[str, Any] = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    originals = document["quotes"]
    document["quotes"] = [
        {**originals[index % len(originals)], "id": f"quote-{index}"} for index in range(quotes)
    ]
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _row(name: str, value: float, baseline: float, unit: str = "ms") -> None:
    scale = {"ms": 1e3, "us": 1e6}[unit]
    print(
        f"{name:<58} {value * scale:>10.3f} {unit}  {baseline * scale:>10.3f} {unit}"
        f"  {value / baseline:>7.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    args = parser.parse_args(argv)
    repeats = 5 if args.quick else 15
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    entry = json.loads(_resources.read_data("manifest.json"))["releases"][-1]
    bundled = _resources.read_data(entry["file"])
    path = files("nato_rok").joinpath("data").joinpath(entry["file"])

    print(f"Python {sys.version.split()[0]}, nato-rok {nato_rok.__version__}, median of {repeats}")
    print(f"{'measure':<58} {'value':>13}  {'baseline':>13}  {'ratio':>8}")

    # Whole processes, cold: what a script or notebook pays to start.
    attrs_only = _process_seconds("import attrs", repeats)
    _row("import nato_rok / import attrs", _process_seconds("import nato_rok", repeats), attrs_only)
    read_json = f"import attrs, json; json.loads(open({str(path)!r}, 'rb').read())"
    load_cold = _process_seconds("import nato_rok; nato_rok.load()", repeats)
    _row(
        "import + load() / import attrs, json + json.loads",
        load_cold,
        _process_seconds(read_json, repeats),
    )
    if importlib.util.find_spec("pycountry") is None:
        print("(pycountry not installed: peer comparison skipped; pip install pycountry)")
    else:
        peer = "import pycountry; pycountry.countries.get(alpha_2='KR')"
        _row("import + load() / pycountry one lookup", load_cold, _process_seconds(peer, repeats))

    # In process.
    nato_rok.load()
    _row(
        "load() cached / dict lookup",
        _median_seconds(nato_rok.load, repeats, 100_000),
        _median_seconds(lambda: {None: 1}.get(None), repeats, 100_000),
        unit="us",
    )
    _row(
        "loads(bundled) / json.loads(bundled)",
        _median_seconds(lambda: nato_rok.loads(bundled), repeats),
        _median_seconds(lambda: json.loads(bundled), repeats),
    )

    per_record: dict[int, float] = {}
    for size in sizes:
        data = synthetic(size)
        ours = _median_seconds(functools.partial(nato_rok.loads, data), max(3, repeats // 3))
        base = _median_seconds(functools.partial(json.loads, data), max(3, repeats // 3))
        per_record[size] = ours / size
        _row(f"loads({size} quotes) / json.loads", ours, base)
    smallest, largest = min(sizes), max(sizes)
    print(
        f"{'time per quote at ' + str(largest) + ' / at ' + str(smallest):<58} "
        f"{per_record[largest] / per_record[smallest]:>39.2f}x"
    )

    big = nato_rok.loads(synthetic(largest))
    small = nato_rok.load("1.0.0")
    lookups: list[tuple[str, Callable[[nato_rok.Dataset, str], object], str]] = [
        ("participant", nato_rok.Dataset.participant, "kim-kwan-jin"),
        ("find_participant", nato_rok.Dataset.find_participant, "Kim Kwan Jin"),
        ("quotes_by (no quotes)", nato_rok.Dataset.quotes_by, "park-geun-hye"),
    ]
    for name, method, argument in lookups:
        _row(
            f"{name} on {largest} quotes / on the bundled release",
            _median_seconds(functools.partial(method, big, argument), repeats, 10_000),
            _median_seconds(functools.partial(method, small, argument), repeats, 10_000),
            unit="us",
        )

    data = synthetic(largest)
    tracemalloc.start()
    nato_rok.loads(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{'peak memory of loads(' + str(largest) + ' quotes) / size of its JSON':<58} "
        f"{peak / 2**20:>10.1f} MiB  {len(data) / 2**20:>10.1f} MiB  {peak / len(data):>7.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
