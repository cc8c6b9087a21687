"""Before and after, side by side: the targets' ratios for two copies of nato-rok.

    python -m benchmarks.compare BEFORE_SRC [--quick]

*BEFORE_SRC* is the ``src`` folder of another checkout (``git archive REV src
| tar -x -C /tmp/before``); the installed nato-rok is "after". Every process
of one round runs in turns (floor, pycountry, before, after), so a neighbour's
load on a shared machine falls on both alike: on a busy machine the
milliseconds mean little, the ratios and their before/after difference do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from benchmarks.run import _newest, _processes

# Run in a fresh process: loads() and json.loads() of one synthetic document,
# in turns; prints (loads, json.loads, per-quotation time at 1 000) medians.
_BULK = """
import functools, gc, json, statistics, sys, time
sys.path.insert(0, {path!r})
import nato_rok
from benchmarks.run import synthetic
def median(function, runs):
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
out = []
for size in (1000, {size}):
    data = synthetic(size)
    ours, base = [], []
    for _ in range({runs}):
        ours.append(median(functools.partial(nato_rok.loads, data), 1))
        base.append(median(functools.partial(json.loads, data), 1))
    out.append((size, statistics.median(ours), statistics.median(base)))
print(json.dumps(out))
"""


def _cold(before: str, repeats: int) -> dict[str, float]:
    path = _newest()["file"]
    prefix = f"import sys; sys.path.insert(0, {before!r})"
    floor = (
        "import attrs, cattrs, json; from importlib.resources import files; "
        f"json.loads(files('nato_rok').joinpath('data', {path!r}).read_bytes())"
    )
    return _processes(
        {
            "floor": floor,
            "pycountry": "import pycountry; pycountry.countries.get(alpha_2='KR')",
            "attrs": "import attrs",
            "before": f"{prefix}; import nato_rok; nato_rok.load()",
            "after": "import sys; import nato_rok; nato_rok.load()",
            "before import": f"{prefix}; import nato_rok",
            "after import": "import sys; import nato_rok",
        },
        repeats,
    )


def _bulk(before: str, size: int, runs: int, rounds: int) -> dict[str, list[float]]:
    """Return, per copy, the loads/json.loads ratios at *size*, and the growth per quotation."""
    found: dict[str, list[float]] = {
        "before": [],
        "after": [],
        "before growth": [],
        "after growth": [],
    }
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for _ in range(rounds):
        for name, path in (("before", before), ("after", "")):
            code = _BULK.format(path=path, size=size, runs=runs)
            done = subprocess.run(
                [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
            )
            (small, small_ours, _), (_, ours, base) = json.loads(done.stdout)
            found[name].append(ours / base)
            found[f"{name} growth"].append((ours / size) / (small_ours / small))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the src folder of the copy to compare against")
    parser.add_argument("--quick", action="store_true", help="10 000 quotations, 7 rounds")
    args = parser.parse_args(argv)
    before = os.path.abspath(args.before)
    repeats, size = (7, 10_000) if args.quick else (21, 100_000)
    times = _cold(before, repeats)
    print(f"Python {sys.version.split()[0]}; cold processes, median of {repeats}, in turns")
    print(f"{'measure':<40} {'before':>8} {'after':>8}")
    for label, mine, baseline in (
        ("import + load() / stack floor", "", "floor"),
        ("import + load() / pycountry look-up", "", "pycountry"),
        ("import nato_rok / import attrs", " import", "attrs"),
    ):
        ratios = [times[f"{copy}{mine}"] / times[baseline] for copy in ("before", "after")]
        print(f"{label:<40} {ratios[0]:>7.2f}x {ratios[1]:>7.2f}x")
    bulk = _bulk(before, size, 3, 3 if args.quick else 5)
    median = {name: statistics.median(values) for name, values in bulk.items()}
    print(f"{f'loads({size}) / json.loads':<40} {median['before']:>7.2f}x {median['after']:>7.2f}x")
    print(
        f"{f'per quotation, {size} / 1000':<40} "
        f"{median['before growth']:>7.2f}x {median['after growth']:>7.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
