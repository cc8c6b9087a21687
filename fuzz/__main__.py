"""Fuzz ``nato_rok.loads``, the command line and the exports for a bounded time.

    python -m fuzz --seconds 60

It runs Hypothesis with fresh random seeds over eight kinds of input, a batch
of each in turn, until the time is up (every kind at least once; the time is
checked between batches, so a run ends within one batch of its budget):
arbitrary bytes and text, arbitrary JSON, JSON-level mutations of every
bundled release, byte-level damage to the newest one, generated valid
documents, events in chains of parents (cycles included), huge numbers and
versions (past int64, past Python's 4,300-digit limit), and events dated
anywhere from year 1 to 9999. The property is the loader's contract: only a DatasetError ever
escapes, with a non-empty message and problems that name a JSON path. Every
document the loader accepts then goes through the command line (``validate``
and ``diff`` on a file, ``show`` of every record; exit 0, nothing printed
raw) and every export: the tables, CSV, Data Package, HTML, JSON-LD and JSON
Schema from Python, and every registered format whose extra is installed
written through the atomic writer and through ``nato-rok export --from``.
Run from the repository root (it reuses ``tests/hostile.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
from tests import hostile

import nato_rok
from nato_rok import strategies
from nato_rok.exceptions import DatasetError
from nato_rok.export import arrow, duckdb

#: Inputs a batch: small enough that a run ends close to its budget, since
#: the time is checked between batches; the kinds that put whole documents
#: through every export draw fewer (``_HEAVY``).
_BATCH, _HEAVY = 50, 5
_SETTINGS = settings(
    max_examples=_BATCH,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@_SETTINGS
@given(st.binary(max_size=400) | st.text(max_size=400))
def _raw(data: bytes | str) -> None:
    hostile.assert_refused(data)


@_SETTINGS
@given(hostile.JSON)
def _json(value: Any) -> None:
    if isinstance(value, dict):
        value.setdefault("schema_version", 2)
    hostile.assert_refused(json.dumps(value))


@_SETTINGS
@given(st.sampled_from(nato_rok.versions()), st.data())
def _mutated(version: str, data: st.DataObject) -> None:
    base = json.loads(nato_rok.dumps(nato_rok.load(version)))
    hostile.assert_refused_near(*data.draw(hostile.mutations(base)))


@_SETTINGS
@given(hostile.byte_mutations(nato_rok.dumps(nato_rok.load()).encode("utf-8")))
def _damaged(data: bytes) -> None:
    hostile.assert_refused_or_canonical(data, exercise=True)


@settings(_SETTINGS, max_examples=_HEAVY)  # whole datasets, each through every export
@given(strategies.documents())
def _generated(text: str) -> None:
    hostile.assert_refused_or_canonical(text.encode("utf-8"), exercise=True)


def _newest() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(nato_rok.dumps(nato_rok.load()))
    return value


@settings(_SETTINGS, max_examples=_HEAVY)  # accepted ones go through every export
@given(st.lists(st.none() | st.integers(0, 200), min_size=1, max_size=200))
def _chains(links: list[int | None]) -> None:
    document = _newest()
    first = document["events"][0]
    document["events"] = [
        {**first, "id": f"e-{n}", "parent_id": None if link in (None, n) else f"e-{link}"}
        for n, link in enumerate(links)
    ]
    document["statements"] = [{**s, "event_ids": []} for s in document["statements"]]
    hostile.assert_refused_or_canonical(json.dumps(document).encode("utf-8"), exercise=True)


def _integers(value: Any) -> list[tuple[Any, Any]]:
    """Return (container, key) of every integer (not boolean) inside *value*."""
    found: list[tuple[Any, Any]] = []
    pending = [value]
    while pending:
        item = pending.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            if type(child) is int:
                found.append((item, key))
            elif isinstance(child, (dict, list)):
                pending.append(child)
    return found


_HUGE = st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 36_526]) | (
    st.integers(min_value=-(10**30), max_value=10**30)
)


@_SETTINGS
@given(st.data(), _HUGE, st.integers(0, 5000), st.booleans())
def _numbers(data: st.DataObject, number: int, digits: int, literal: bool) -> None:
    document = _newest()
    container, key = data.draw(st.sampled_from(_integers(document)))
    container[key] = "@@huge@@"
    if data.draw(st.booleans()):
        document["version"] = "1.2." + "9" * digits
    text = json.dumps(document)
    # Past Python's int-from-text limit, written as JSON text (json.dumps cannot write it).
    written = "9" * (digits + 1) if literal else str(number)
    hostile.assert_refused_or_canonical(text.replace('"@@huge@@"', written).encode("utf-8"))


@settings(_SETTINGS, max_examples=_HEAVY)  # accepted ones go through every typed export
@given(st.lists(st.dates(), min_size=3, max_size=3).map(sorted), st.data())
def _dates(dates: list[Any], data: st.DataObject) -> None:
    document = _newest()
    first, last, said = (day.isoformat() for day in dates)
    event = data.draw(st.sampled_from(document["events"]))
    if event["date"] is not None:
        event.update(date=first, end_date=data.draw(st.sampled_from([None, last])))
    statement = data.draw(st.sampled_from(document["statements"]))
    statement["date"] = said
    text = json.dumps(document).encode("utf-8")
    hostile.assert_refused_or_canonical(text)
    with contextlib.suppress(DatasetError):
        dataset = nato_rok.loads(text)
        # Every typed export of what the loader accepts (the rest does not type dates).
        dataset.to_pandas()
        dataset.to_polars()
        for table in dataset.to_arrow().values():
            arrow.to_parquet(table)
        duckdb.connect(dataset).close()


#: Each kind of input: its batch, and how many inputs a batch draws.
TARGETS: dict[str, tuple[Callable[[], None], int]] = {
    "raw": (_raw, _BATCH),
    "json": (_json, _BATCH),
    "mutated": (_mutated, _BATCH),
    "damaged": (_damaged, _BATCH),
    "generated": (_generated, _HEAVY),
    "chains": (_chains, _HEAVY),
    "numbers": (_numbers, _BATCH),
    "dates": (_dates, _HEAVY),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    batches: Counter[str] = Counter()
    for name in itertools.cycle(TARGETS):
        if len(batches) == len(TARGETS) and time.monotonic() - start >= args.seconds:
            break
        target, _ = TARGETS[name]
        target()  # raises on the first input that breaks the contract
        batches[name] += 1
    inputs = sum(TARGETS[name][1] * count for name, count in batches.items())
    print(
        f"fuzz: {batches.total()} batches ({min(batches.values())} to {max(batches.values())}"
        f" of each kind), about {inputs} inputs, no escape in {time.monotonic() - start:.0f} s"
        f" (budget {args.seconds:g} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
