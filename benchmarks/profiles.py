"""Where the time goes: the profiles behind the targets ``python -m benchmarks`` reports.

    python -m benchmarks.profiles            # bulk tables at 100 000 quotations
    python -m benchmarks.profiles --quick    # at 10 000, fewer processes
    python -m benchmarks.profiles --table 4  # only table 4 (repeat for more)

Three tables, each a median of repeated runs on this machine:

1. The cold start, step by step, in fresh processes: what ``import nato_rok;
   nato_rok.load()`` pays above the stack it is built on. The steps redo
   ``load()``'s own work one at a time (read, checksum, parse, trusted
   structuring), twice: the first time pays the one-time costs, the second
   shows what is left. For comparison, the same bytes then go through every
   check of ``loads()`` (strict parse, checked structuring, integrity
   checks), which the bundled path leaves to the checksum.
2. The phases of ``loads()`` of a large document against ``json.loads`` of
   the same bytes, with the garbage collector on and (for comparison only)
   off; the time per quotation at that size against 1 000 quotations; and
   the collections one ``loads()`` runs.
3. A function profile (cProfile) of ``loads()``: Python calls per
   quotation, and the share of the profiled time that named parts take,
   among them the checks added by release 1.2.0 and the hardening work
   (character policy, look-alike names, statements).
4. The objects the garbage collector tracks, per quotation: how many the
   parse tree holds, how many the records are, and the most that any
   collection during ``loads()`` found alive, counted with
   ``gc.get_objects()`` (the collector left on and its settings as they are).

It reaches into private modules of nato-rok on purpose: it is a profile of
the internals, not a use of the API. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from typing import Any

import nato_rok
from benchmarks.run import _median_seconds, _newest, synthetic
from nato_rok import _integrity, _json, _resources, _schemas, _structure
from nato_rok.dataset import Dataset

# Run in a fresh process: prints the time of each step in milliseconds, as JSON.
_COLD_STEPS = """
import time
clock = time.perf_counter
marks = [("start", clock())]
def mark(name):
    marks.append((name, clock()))
import attrs, cattrs, json
from importlib.resources import files
mark("stack floor imports (attrs, cattrs, json, importlib.resources)")
import nato_rok.dataset
mark("record modules (nato_rok.dataset and what it imports)")
from nato_rok import _document, _releases, _structure
mark("loader modules (documents, structure functions, releases)")
import hashlib
mark("hashlib (for the checksum)")
from nato_rok import _resources
manifest = _resources.read_data("manifest.json")
data = _resources.read_data({file!r})
mark("read the manifest and the release (open() in an installed folder)")
hashlib.sha256(data).hexdigest()
mark("SHA-256 of the release")
for turn in ("first", "again"):
    value = json.loads(data)
    mark(f"json.loads, {{turn}}")
    dataset = _structure.trusted(value)
    mark(f"trusted structuring, {{turn}}")
from nato_rok import _integrity, _json
mark("not on the bundled path: the parser and integrity modules")
for turn in ("first", "again"):
    value = _json.parse(data, max_size=1 << 30)
    mark(f"not on the bundled path: strict parse, {{turn}}")
    dataset = _structure.checked(value)
    mark(f"not on the bundled path: checked structuring, {{turn}}")
    if _integrity.check(dataset):
        raise SystemExit("the bundled release fails its integrity checks")
    mark(f"not on the bundled path: integrity checks, {{turn}}")
print(json.dumps([(name, 1e3 * (at - marks[i][1])) for i, (name, at) in enumerate(marks[1:])]))
"""


def cold_steps(processes: int) -> None:
    """Print table 1: the cold path's steps, medians over fresh processes."""
    code = _COLD_STEPS.format(file=_newest()["file"])
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    runs: list[list[tuple[str, float]]] = []
    for _ in range(processes):
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
        )
        runs.append(json.loads(done.stdout))
    print(f"1. Cold start, step by step (ms, median of {processes} fresh processes)")
    above = 0.0
    for index, (name, _) in enumerate(runs[0]):
        ms = statistics.median(run[index][1] for run in runs)
        if index and not name.endswith("again") and not name.startswith("not on"):
            above += ms
        print(f"   {name:<70} {ms:7.2f}")
    total = "above the floor (the bundled path's steps, first time)"
    print(f"   {total:<70} {above:7.2f}")


def _phases(data: bytes) -> dict[str, float]:
    """Time each phase of ``loads(data)`` (schema 1 documents are upgraded, as loads does)."""

    def parsed() -> Any:  # as loads() parses: quotations and spans built as they come
        value = _json.parse(data, max_size=1 << 30, shapes=_structure.PARSED)
        if value["schema_version"] < _schemas.LATEST:
            _schemas.upgrade(value, value["schema_version"])
        return value

    def structured() -> Dataset:
        return _structure.checked(parsed())

    runs = 3
    timings = {
        "json.loads": _median_seconds(functools.partial(json.loads, data), runs),
        "parse, quotes built": _median_seconds(parsed, runs),
        "parse + structuring": _median_seconds(structured, runs),
        "loads, whole": _median_seconds(functools.partial(nato_rok.loads, data), runs),
    }
    timings["structuring"] = timings.pop("parse + structuring") - timings["parse, quotes built"]
    # Built last: a dataset kept alive while the other phases run would make
    # every full collection of theirs visit it too.
    dataset = structured()
    timings["integrity checks"] = _median_seconds(
        functools.partial(_integrity.check, dataset), runs
    )
    del dataset
    return timings


def _collections(data: bytes) -> tuple[dict[int, int], float]:
    """Return the collections per generation one ``loads(data)`` runs, and the full ones' time."""
    counts = {0: 0, 1: 0, 2: 0}
    started: list[float] = []
    full = 0.0

    def watch(phase: str, info: dict[str, int]) -> None:
        nonlocal full
        if phase == "start":
            started.append(time.perf_counter())
            return
        took = time.perf_counter() - started.pop()
        counts[info["generation"]] += 1
        if info["generation"] == 2:
            full += took

    gc.collect()
    gc.callbacks.append(watch)
    try:
        nato_rok.loads(data)
    finally:
        gc.callbacks.remove(watch)
    return counts, full


def bulk_phases(quotes: int) -> None:
    """Print table 2: the phases of ``loads`` against ``json.loads``, collector on and off."""
    small, data = synthetic(1_000), synthetic(quotes)
    on, on_small = _phases(data), _phases(small)
    gc.disable()
    try:
        off, off_small = _phases(data), _phases(small)
    finally:
        gc.enable()
    print(f"2. Phases of loads() of {quotes} quotations (ms, median of 3; ratio to json.loads)")
    print("   (the strict parse builds the quotations and their spans, as loads() does;")
    print("   structuring is the rest: a difference of medians, it can come out below zero)")
    print(f"   {'phase':<22} {'collector on':>22} {'collector off':>22}")
    phases = ["json.loads", "parse, quotes built", "structuring", "integrity checks"]
    phases.append("loads, whole")
    for phase in phases:
        cells = [
            f"{times[phase] * 1e3:9.1f} ({times[phase] / times['json.loads']:5.2f}x)"
            for times in (on, off)
        ]
        print(f"   {phase:<22} {cells[0]:>22} {cells[1]:>22}")
    growth = [
        (large["loads, whole"] / quotes) / (little["loads, whole"] / 1_000)
        for large, little in ((on, on_small), (off, off_small))
    ]
    print(
        f"   time per quotation at {quotes} / at 1000: {growth[0]:.2f}x with the collector on,"
        f" {growth[1]:.2f}x with it off"
    )
    for size, document in ((1_000, small), (quotes, data)):
        counts, full = _collections(document)
        print(
            f"   one loads() of {size} quotations ran {counts[0]} young, {counts[1]} middle"
            f" and {counts[2]} full collections; the full ones took {full * 1e3:.1f} ms"
        )


# The parts named in the table: (label, file, function name, measure). "own"
# sums the time spent in the matching functions' own code (generated code has
# one entry per class); "cumulative" includes what they call.
_NAMED = (
    ("strict parse: duplicate-key hook", "nato_rok/_json.py", "pairs", "cumulative"),
    ("structuring: nato_rok._structure (own)", "nato_rok/_structure.py", "", "own"),
    ("records' __init__, attrs generated", "<attrs generated", "__init__", "own"),
    ("slug validators", "nato_rok/_validators.py", "slug", "cumulative"),
    ("character policy (_unicode.flaw)", "nato_rok/_unicode.py", "flaw", "cumulative"),
    (
        "look-alike names (_names.lookalike_key)",
        "nato_rok/_names.py",
        "lookalike_key",
        "cumulative",
    ),
    (
        "statements and entities (schema 3)",
        "nato_rok/_integrity.py",
        "check_schema_3",
        "cumulative",
    ),
    ("integrity checks, whole", "nato_rok/_integrity.py", "check", "cumulative"),
)


def function_profile(label: str, data: bytes, quotations: int | None = None) -> None:
    """Print table 3 for *data*: the share of the profiled time of named parts of ``loads``."""
    nato_rok.loads(data)  # generation of structure functions and tables happens once
    profiler = cProfile.Profile()
    profiler.runcall(nato_rok.loads, data)
    stats = pstats.Stats(profiler)
    # Stats.stats, total_tt and total_calls are not in the documented API, but
    # get_stats_profile() rounds times to the millisecond, keys functions by
    # name alone (the records' __init__ would collide) and has no call count.
    # {(file, line, function): (calls, primitive calls, own time, cumulative time, callers)}
    entries: dict[tuple[str, int, str], Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    calls = stats.total_calls  # type: ignore[attr-defined]
    # cProfile files C functions under "~"; the rest run Python code.
    python_calls = sum(numbers[0] for (path, _, _), numbers in entries.items() if path != "~")
    print(f"3. Profile of loads() of {label} (cProfile; share of {total * 1e3:.0f} ms profiled;")
    print("   the parts overlap, so the shares do not add up)")
    if quotations:  # a synthetic document is nearly all quotations
        print(
            f"   {python_calls / quotations:.0f} calls of Python functions per quotation"
            f" ({calls / quotations:.0f} with built-in functions)"
        )
    for name, module, function, measure in _NAMED:
        found = [
            numbers
            for (path, _, func), numbers in entries.items()
            if module in path.replace(os.sep, "/") and (not function or func == function)
        ]
        if not found:
            raise SystemExit(f"no {module} {function} in the profile: update _NAMED")
        seconds = sum(n[2] for n in found) if measure == "own" else max(n[3] for n in found)
        print(f"   {name:<42} {measure:<10} {seconds * 1e3:9.1f} ms {seconds / total:6.1%}")


def _alive() -> int:
    """Return how many objects the garbage collector tracks now."""
    return len(gc.get_objects())


def _most_alive(function: Any) -> tuple[int, Any]:
    """Return the most tracked objects a collection found while *function* ran, and its result.

    The count is of objects beyond those alive at the start. The collector is
    not paused or tuned: a callback counts the tracked objects each time a
    collection starts, which is when their number costs time.
    """
    start, most = _alive(), 0

    def watch(phase: str, info: dict[str, int]) -> None:
        nonlocal most
        if phase == "start":
            most = max(most, _alive() - start)

    gc.callbacks.append(watch)
    try:
        result = function()
    finally:
        gc.callbacks.remove(watch)
    return most, result


def tracked_objects(quotes: int) -> None:
    """Print table 4: the objects the collector tracks, per quotation, during ``loads()``.

    A full collection visits every tracked object alive, and one runs each time
    the long-lived ones grow by a quarter; young collections run every 700 net
    tracked allocations. Fewer tracked objects alive per quotation is what makes
    the time per quotation stop growing with the document.
    """
    data = synthetic(quotes)
    gc.collect()
    start = _alive()
    value = _json.parse(data, max_size=1 << 30, shapes=_structure.PARSED)  # as loads() does
    _schemas.upgrade(value, value["schema_version"])  # as loads() does; the synthetic is 1.0.0
    tree = _alive() - start
    dataset = _structure.checked(value)
    del value
    records = _alive() - start
    del dataset
    gc.collect()
    peak_loads, dataset = _most_alive(functools.partial(nato_rok.loads, data))
    peak_checks, _ = _most_alive(functools.partial(_integrity.check, dataset))
    del dataset
    counts, _ = _collections(data)
    print(
        f"4. Objects the collector tracks, per quotation (loads() of {quotes} quotations;"
        " gc.get_objects(), collector on)"
    )
    rows = (
        ("the parse tree (after the strict parse; records built in it counted)", tree),
        ("the records (after structuring, the tree freed)", records),
        ("most alive at a collection during loads()", peak_loads),
        ("most alive at a collection during the checks, beyond the records", peak_checks),
    )
    for name, count in rows:
        print(f"   {name:<70} {count / quotes:7.2f}")
    # A young collection runs each time the collector's objects allocated, less those
    # freed, pass its first threshold: a count of allocations net of frees.
    net = counts[0] * gc.get_threshold()[0] / quotes
    print(f"   {'young collections per 1000 quotations':<70} {counts[0] * 1000 / quotes:7.2f}")
    name = "so, allocations of collector objects, net of frees (young x threshold)"
    print(f"   {name:<70} {net:7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 000 quotations, 7 processes")
    parser.add_argument(
        "--table", type=int, choices=(1, 2, 3, 4), action="append", help="only these tables"
    )
    args = parser.parse_args(argv)
    tables = args.table or (1, 2, 3, 4)
    quotes = 10_000 if args.quick else 100_000
    print(f"Python {sys.version.split()[0]}, nato-rok {nato_rok.__version__}")
    if 1 in tables:
        cold_steps(7 if args.quick else 21)
    if 2 in tables:
        bulk_phases(quotes)
    if 3 in tables:
        bundled = _resources.read_data(_newest()["file"])
        function_profile("the bundled release", bundled)
        function_profile(f"{quotes} quotations", synthetic(quotes), quotes)
    if 4 in tables:
        tracked_objects(10_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
