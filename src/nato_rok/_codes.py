"""The CAMEO and PLOVER code tables shipped in ``nato_rok/data/codes/``.

The tables are versioned with the dataset releases: a document is checked
against the tables of the newest release not newer than its own ``version``
(:data:`EDITIONS`). A correction to a table (a name, a Goldstein weight)
ships as a new edition beside the old one, so a released file, or a user's
copy of it, keeps loading against the tables it was made with.
"""

from __future__ import annotations

import functools
import json
from typing import Any, NamedTuple

from nato_rok import _versions
from nato_rok.events import CameoCoding, PloverCoding
from nato_rok.exceptions import Problem
from nato_rok.external import ActorCode, CodeScheme


class CameoEvent(NamedTuple):
    """One CAMEO event code: its official name and Goldstein weight."""

    name: str
    goldstein: float | None


class Tables(NamedTuple):
    """The code tables, indexed for checking."""

    cameo_events: dict[str, CameoEvent]
    cameo_actors: frozenset[str]
    cameo_sectors: frozenset[str]
    plover_modes: dict[str, frozenset[str]]
    plover_contexts: frozenset[str]


#: (first release, CAMEO file, PLOVER file) of each edition of the tables, oldest first.
#: An edition serves its release and every later one up to the next edition.
EDITIONS: tuple[tuple[tuple[int, ...], str, str], ...] = (
    ((1, 1, 0), "cameo.json", "plover.json"),
    ((1, 2, 0), "cameo-1.2.0.json", "plover-1.2.0.json"),
)


def _read(name: str) -> Any:
    from nato_rok import _resources

    path = f"codes/{name}"
    data = _resources.read_installed(path)
    try:
        return json.loads(data)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise _resources.broken(path, "is not valid JSON") from exc


def edition(version: str | None = None) -> tuple[str, str]:
    """Return the (CAMEO, PLOVER) file names of the tables for dataset *version*.

    ``None`` (or what is not a version: the integrity checks refuse it) gives
    the newest edition; a version older than every edition gives the oldest.
    """
    key = _versions.parse(version)
    chosen = EDITIONS[-1] if not key else EDITIONS[0]
    for first, cameo, plover in EDITIONS:
        if key and first <= key:
            chosen = (first, cameo, plover)
    return chosen[1], chosen[2]


def tables(version: str | None = None) -> Tables:
    """Return the code tables for dataset *version* (newest when ``None``), read once."""
    return _tables(*edition(version))


@functools.cache
def _tables(cameo_file: str, plover_file: str) -> Tables:
    cameo, plover = _read(cameo_file), _read(plover_file)
    return Tables(
        cameo_events={
            entry["code"]: CameoEvent(entry["name"], entry["goldstein"])
            for entry in cameo["events"]
        },
        cameo_actors=frozenset(cameo["actors"]),
        cameo_sectors=frozenset(cameo["sectors"]),
        plover_modes={event: frozenset(modes) for event, modes in plover["events"].items()},
        plover_contexts=frozenset(plover["contexts"]),
    )


def cameo_problems(path: str, coding: CameoCoding, table: Tables | None = None) -> list[Problem]:
    """Return what is wrong with *coding* by the CAMEO table (of *table*, or the newest)."""
    events = (table or tables()).cameo_events
    entry = events.get(coding.code)
    if entry is None:
        return [Problem(f"{path}.code", f"{coding.code!r} is not in the shipped CAMEO table")]
    problems = []
    if coding.name != entry.name:
        problems.append(
            Problem(
                f"{path}.name", f"CAMEO {coding.code} is named {entry.name!r}, not {coding.name!r}"
            )
        )
    if coding.goldstein != entry.goldstein:
        problems.append(
            Problem(
                f"{path}.goldstein",
                f"CAMEO {coding.code} has Goldstein weight {entry.goldstein}, "
                f"not {coding.goldstein}",
            )
        )
    for index, alternative in enumerate(coding.alternatives):
        if alternative not in events or alternative == coding.code:
            problems.append(
                Problem(
                    f"{path}.alternatives[{index}]",
                    f"{alternative!r} is not another code of the shipped CAMEO table",
                )
            )
    return problems


def plover_problems(path: str, coding: PloverCoding, table: Tables | None = None) -> list[Problem]:
    """Return what is wrong with *coding* by the PLOVER table (of *table*, or the newest)."""
    table = table or tables()
    modes = table.plover_modes.get(coding.event)
    if modes is None:
        return [Problem(f"{path}.event", f"{coding.event!r} is not a PLOVER event type")]
    problems = []
    if coding.mode is not None and coding.mode not in modes:
        allowed = ", ".join(sorted(modes)) or "none"
        problems.append(
            Problem(
                f"{path}.mode",
                f"PLOVER {coding.event} has no mode {coding.mode!r} (modes: {allowed})",
            )
        )
    for index, context in enumerate(coding.contexts):
        if context not in table.plover_contexts:
            problems.append(
                Problem(f"{path}.contexts[{index}]", f"{context!r} is not a shipped PLOVER context")
            )
    return problems


def actor_code_problems(
    path: str, actor_code: ActorCode, table: Tables | None = None
) -> list[Problem]:
    """Return what is wrong with *actor_code* by its scheme (and *table*, or the newest)."""
    table = table or tables()
    known = {
        CodeScheme.CAMEO_ACTOR: table.cameo_actors,
        CodeScheme.CAMEO_SECTOR: table.cameo_sectors,
    }.get(actor_code.scheme)
    if known is None:
        valid = len(actor_code.code) == 3 and actor_code.code.isalpha()
    else:
        valid = actor_code.code in known
    if valid:
        return []
    return [Problem(f"{path}.code", f"{actor_code.code!r} is not a {actor_code.scheme.value} code")]
