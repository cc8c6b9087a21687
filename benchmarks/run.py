"""Print a table of nato-rok timings as ratios against baselines of the same run.

Every figure is the median of repeated runs; every ratio divides by a baseline
measured in the same run, on the same machine, so the table is comparable
across machines. Each ratio that issue 20 sets a target for is printed next to
that target with "met" or "MISSED". Nothing here is a pass/fail test.

    python -m benchmarks            # full run (100 000 quotations), a few minutes
    python -m benchmarks --quick    # fewer repeats, 10 000 quotations, about a minute
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
import timeit
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


def _processes(codes: dict[str, str], repeats: int) -> dict[str, float]:
    """Return the median wall time of ``python -c code`` for each code.

    The processes run in turns (one of each per round), so a neighbour's load
    on a shared machine falls on every command alike. Each runs once first,
    unmeasured, with bytecode writing on: an installed package has its
    ``.pyc`` files (pip writes them), and compiling every module from source
    on each start (``PYTHONDONTWRITEBYTECODE``) would time the compiler.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    for code in codes.values():
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
    samples: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(repeats):
        for name, code in codes.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def _peak_bytes(function: Callable[[], object]) -> int:
    """Return the peak of memory traced by tracemalloc while *function* runs."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _newest() -> dict[str, str]:
    """Return the manifest entry of the newest bundled release."""
    entry: dict[str, str] = json.loads(_resources.read_data("manifest.json"))["releases"][-1]
    return entry


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


class _Table:
    """The printed table: one row per measure, its target (if any) and verdict."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def row(
        self,
        name: str,
        value: float,
        baseline: float,
        *,
        unit: str = "ms",
        target: float | None = None,
    ) -> None:
        """Print *value* / *baseline*, and whether the ratio is within *target*."""
        scale = {"ms": 1e3, "us": 1e6, "ns": 1e9, "MiB": 1 / 2**20}[unit]
        ratio = value / baseline
        print(
            f"{name:<52} {value * scale:>10.3f} {unit:<3} {baseline * scale:>10.3f} {unit:<3}"
            f" {ratio:>6.2f}x {self._verdict(name, ratio, target)}"
        )

    def ratio(self, name: str, ratio: float, target: float | None = None) -> None:
        """Print a ratio that has no value and baseline of its own."""
        print(f"{name:<52} {'':>29} {ratio:>6.2f}x {self._verdict(name, ratio, target)}")

    def absolute(self, name: str, seconds: float, limit: float) -> None:
        """Print a time that must stay under *limit* (both in seconds)."""
        verdict = "met" if seconds < limit else "MISSED"
        if verdict == "MISSED":
            self.missed.append(name)
        print(
            f"{name:<52} {seconds * 1e9:>10.1f} ns {'':>14} {'':>7} "
            f"< {limit * 1e9:.0f} ns: {verdict}"
        )

    def _verdict(self, name: str, ratio: float, target: float | None) -> str:
        if target is None:
            return ""
        met = ratio <= target
        if not met:
            self.missed.append(name)
        return f"<= {target:.2f}x: {'met' if met else 'MISSED'}"


def _empty(version: str | None = None) -> None:
    """Do nothing: the cost of calling a Python function such as ``load``, for a baseline."""


def _cached(table: _Table, repeats: int) -> None:
    """Time ``nato_rok.load()`` once cached, beside the cost of any call in the same loop."""
    nato_rok.load()
    cached = _median_seconds(nato_rok.load, repeats, 100_000)
    table.absolute("load() cached", cached, 100e-9)
    empty = _median_seconds(_empty, repeats, 100_000)
    table.row("load() cached / an empty Python function", cached, empty, unit="ns")
    builtin = _median_seconds(int, repeats, 100_000)  # the loop and a call of C code
    table.row("load() cached / int() (a call of C code)", cached, builtin, unit="ns")
    # As users write it: the look-up of the package's attribute comes on top. CPython
    # (3.12) does not specialise attribute look-ups on a module that defines
    # __getattr__, which the package root does to import its names lazily (PEP 562).
    written = timeit.repeat(
        "nato_rok.load()", globals={"nato_rok": nato_rok}, number=100_000, repeat=repeats
    )
    table.row(
        "nato_rok.load() written out / load() cached",
        statistics.median(written) / 100_000,
        cached,
        unit="ns",
    )


def _cold_start(table: _Table, repeats: int) -> None:
    """Time whole processes, cold: what a script or notebook pays to start."""
    path = str(files("nato_rok").joinpath("data").joinpath(_newest()["file"]))
    codes = {
        "ours": "import nato_rok; nato_rok.load()",
        # The stack the package stands on, reading the same file, no checks.
        "floor": (
            "import attrs, cattrs, json; from importlib.resources import files; "
            f"json.loads(open({path!r}, 'rb').read())"
        ),
        "import": "import nato_rok",
        "attrs": "import attrs",
    }
    peer = importlib.util.find_spec("pycountry") is not None
    if peer:
        codes["pycountry"] = "import pycountry; pycountry.countries.get(alpha_2='KR')"
    times = _processes(codes, repeats)
    table.row("import + load() / stack floor", times["ours"], times["floor"], target=1.30)
    if peer:
        pycountry = times["pycountry"]
        table.row("import + load() / pycountry one look-up", times["ours"], pycountry, target=1.30)
    else:
        print("(pycountry not installed: peer comparison skipped; pip install pycountry)")
    table.row("import nato_rok / import attrs", times["import"], times["attrs"], target=0.3)


def _bulk(table: _Table, sizes: tuple[int, ...], repeats: int) -> None:
    """Time ``loads`` of synthetic documents against ``json.loads`` of the same bytes."""
    if not gc.isenabled():  # pragma: no cover  # the targets are for the collector on
        raise SystemExit("the garbage collector is disabled: the figures would not count")
    per_record: dict[int, float] = {}
    for size in sizes:
        data = synthetic(size)
        runs = max(3, repeats // 3)
        ours = _median_seconds(functools.partial(nato_rok.loads, data), runs)
        base = _median_seconds(functools.partial(json.loads, data), runs)
        per_record[size] = ours / size
        target = 4.0 if size == max(sizes) else None
        table.row(f"loads({size} quotes) / json.loads", ours, base, target=target)
    smallest, largest = min(sizes), max(sizes)
    table.ratio(
        f"time per quote at {largest} / at {smallest}",
        per_record[largest] / per_record[smallest],
        target=1.3,
    )
    data = synthetic(largest)
    ours_peak = _peak_bytes(functools.partial(nato_rok.loads, data))
    json_peak = _peak_bytes(functools.partial(json.loads, data))
    table.row(
        f"peak memory, loads({largest}) / json.loads",
        ours_peak,
        json_peak,
        unit="MiB",
        target=1.1,
    )
    print(f"(the {largest}-quote document is {len(data) / 2**20:.1f} MiB of JSON)")


def _lookups(table: _Table, largest: int, repeats: int) -> None:
    """Time look-ups on a big dataset against the bundled one (they are O(1))."""
    big = nato_rok.loads(synthetic(largest))
    small = nato_rok.load("1.0.0")
    lookups: list[tuple[str, Callable[[nato_rok.Dataset, str], object], str]] = [
        ("participant", nato_rok.Dataset.participant, "kim-kwan-jin"),
        ("find_participant", nato_rok.Dataset.find_participant, "Kim Kwan Jin"),
        ("quotes_by (no quotes)", nato_rok.Dataset.quotes_by, "park-geun-hye"),
    ]
    for name, method, argument in lookups:
        table.row(
            f"{name}, {largest} quotes / bundled",
            _median_seconds(functools.partial(method, big, argument), repeats, 10_000),
            _median_seconds(functools.partial(method, small, argument), repeats, 10_000),
            unit="us",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 10 000 quotations")
    args = parser.parse_args(argv)
    repeats = 7 if args.quick else 21
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    table = _Table()

    print(f"Python {sys.version.split()[0]}, nato-rok {nato_rok.__version__}, median of {repeats}")
    print(f"{'measure':<52} {'value':>14} {'baseline':>14} {'ratio':>7} target")
    _cold_start(table, repeats)

    _cached(table, repeats)
    bundled = _resources.read_data(_newest()["file"])
    table.row(
        "loads(bundled) / json.loads(bundled)",
        _median_seconds(lambda: nato_rok.loads(bundled), repeats),
        _median_seconds(lambda: json.loads(bundled), repeats),
    )
    _bulk(table, sizes, repeats)
    _lookups(table, max(sizes), repeats)
    print("targets missed: " + (", ".join(table.missed) if table.missed else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
