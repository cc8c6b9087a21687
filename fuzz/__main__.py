"""Fuzz ``nato_rok.loads``, the command line and the exports for a bounded time.

    python -m fuzz --seconds 60

Each round runs Hypothesis with fresh random seeds over five kinds of input:
arbitrary bytes and text, arbitrary JSON, JSON-level mutations of every
bundled release, byte-level damage to the newest one, and generated valid
documents. The property is the loader's contract: only a DatasetError ever
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
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import hostile

import nato_rok
from nato_rok import strategies

_SETTINGS = settings(
    max_examples=200,
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


@settings(_SETTINGS, max_examples=20)  # whole datasets, each through every export
@given(strategies.documents())
def _generated(text: str) -> None:
    hostile.assert_refused_or_canonical(text.encode("utf-8"), exercise=True)


TARGETS: dict[str, Callable[[], None]] = {
    "raw": _raw,
    "json": _json,
    "mutated": _mutated,
    "damaged": _damaged,
    "generated": _generated,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < deadline:
        for target in TARGETS.values():
            target()  # raises on the first input that breaks the contract
        rounds += 1
    examples = rounds * (len(TARGETS) - 1) * 200 + rounds * 20
    print(f"fuzz: {rounds} rounds, about {examples} inputs, no escape in {args.seconds:g} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
