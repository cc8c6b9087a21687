"""Time ``nato_rok.score`` on large prediction files: 10,000 events must take under a second.

    python -m benchmarks.scoring            # 1 000, 10 000 and 100 000 predicted events
    python -m benchmarks.scoring --quick    # 10 000

Each file holds distinct PLOVER records (no two alike: duplicates are left
out of matching, which would flatter the time), drawn from the gold events'
parties, the shipped CAMEO and PLOVER codes, and dates over three years,
with a share of strangers that touch no gold event. The time is end to end:
reading and checking every line, matching (scipy's ``linear_sum_assignment``
on a predictions x gold matrix), the levels and the diagnostics. Needs the
``score`` extra. Nothing here passes or fails; the target is printed beside
the figure.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import random
import sys

import nato_rok
from benchmarks.run import _median_seconds
from nato_rok.score import score

#: Issue 19's target for 10,000 predicted events, in seconds.
TARGET = 1.0


def predictions(count: int, seed: int = 19) -> str:
    """Return *count* distinct PLOVER records as JSON Lines."""
    dataset = nato_rok.load()
    rng = random.Random(seed)  # noqa: S311  # reproducible test data, not secrets
    parties = sorted({i for e in dataset.events for i in (*e.actor_ids, *e.recipient_ids)})
    codes = sorted({e.cameo.code for e in dataset.events if e.cameo})
    events = sorted({e.plover.event for e in dataset.events if e.plover})
    start = datetime.date(2012, 1, 1)
    seen: set[str] = set()
    while len(seen) < count:
        stranger = rng.random() < 0.1
        record = {
            "date": (start + datetime.timedelta(days=rng.randrange(3 * 365))).isoformat(),
            "actor": [{"code": "USA"} if stranger else {"nato_rok_id": rng.choice(parties)}],
            "recipient": [{"nato_rok_id": rng.choice(parties)}],
            "event": [rng.choice(events)],
            "cameo_code": rng.choice(codes),
        }
        seen.add(json.dumps(record))
    return "\n".join(sorted(seen)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scoring")
    parser.add_argument("--quick", action="store_true", help="10 000 events only, 3 repeats")
    args = parser.parse_args(argv)
    sizes = (10_000,) if args.quick else (1_000, 10_000, 100_000)
    repeats = 3 if args.quick else 5
    nato_rok.load()  # the release is loaded once by any program; time the scoring
    print(f"{'predicted events':>16}  {'seconds':>8}  {'per event':>10}  target")
    for size in sizes:
        data = predictions(size)
        seconds = _median_seconds(functools.partial(score, data), repeats)
        verdict = ""
        if size == 10_000:
            verdict = f"< {TARGET:.1f} s: {'met' if seconds < TARGET else 'MISSED'}"
        print(f"{size:>16,}  {seconds:>8.3f}  {seconds / size * 1e6:>8.1f} us  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
