"""Predicted events in: PLOVER JSON Lines and CAMEO-style CSV event tables."""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterator
from typing import Any

from nato_rok._suggest import suggestions
from nato_rok.exceptions import UnknownLabelError
from nato_rok.score._items import EventItem
from nato_rok.score._read import CSV_COLUMNS, Context, objects

_CAMEO_EVENT = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
_CAMEO_ACTOR = re.compile(r"(?:[A-Z]{3})+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})")

#: The PLOVER manual's event types, its sections in order (a test reads them from the manual in
#: sources/reference/); the shipped code table holds only those the dataset uses.
PLOVER_EVENTS = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def _date(context: Context, value: Any, field: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    found = _DATE.fullmatch(value) if type(value) is str else None
    try:
        if found is None:
            raise ValueError
        return datetime.date(*(int(part) for part in found.groups()))
    except ValueError:
        context.fail(field, f"expected a date as YYYY-MM-DD or YYYYMMDD, got {value!r:.40}")


def _party_id(context: Context, record_id: str, field: str) -> frozenset[str]:
    ids = context.ids
    if record_id not in ids:
        context.fail(
            field,
            f"no record has the id {record_id!r}",
            UnknownLabelError,
            suggestions(record_id, ((i, i) for i in sorted(ids))),
        )
    return frozenset((record_id,))


def _party_code(context: Context, code: str, field: str) -> frozenset[str]:
    """Return the gold records a CAMEO actor code (head and sectors) stands for."""
    if not _CAMEO_ACTOR.fullmatch(code):
        known = sorted(set().union(*context.codes.values()))
        context.fail(
            field,
            f"{code!r:.40} is not a CAMEO actor code (three-letter parts, such as KORGOV)",
            UnknownLabelError,
            suggestions(code, ((c, c) for c in known)),
        )
    return frozenset(record for record, codes in context.codes.items() if code in codes)


def _party(context: Context, value: Any, field: str) -> frozenset[str]:
    """Return a party: a record id, or a CAMEO code (a CSV cell, or a PLOVER entity)."""
    if type(value) is str and value.strip():
        value = value.strip()
        if _SLUG.fullmatch(value):
            return _party_id(context, value, field)
        return _party_code(context, value, field)
    if type(value) is not dict:
        context.fail(field, f"expected an entity object, got {value!r:.40}")
    record_id = value.get("nato_rok_id")
    if record_id is not None:
        if type(record_id) is not str:
            context.fail(f"{field}.nato_rok_id", f"expected a record id, got {record_id!r:.40}")
        return _party_id(context, record_id, f"{field}.nato_rok_id")
    code, sector = value.get("code"), value.get("sector")
    if type(code) is not str or (sector is not None and type(sector) is not str):
        context.fail(field, "an entity needs nato_rok_id, or a code (and a sector) as strings")
    return _party_code(context, code + (sector or ""), f"{field}.code")


def _cameo(context: Context, value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is not str or not _CAMEO_EVENT.fullmatch(value):
        context.fail(
            field,
            f"{value!r:.40} is not a CAMEO event code (two to four digits, root 01-20)",
            UnknownLabelError,
            suggestions(str(value), ((c, c) for c in sorted(context.cameo))),
        )
    return value


def _goldstein(context: Context, value: Any, field: str, code: str | None) -> float | None:
    """Return the file's weight; else the shipped table's for its code; else none."""
    if value is None or value == "":
        entry = context.tables.cameo_events.get(code or "")
        return entry.goldstein if entry else None
    try:
        weight = float(value) if type(value) in (int, float, str) else None
    except ValueError:
        weight = None
    if weight is None or not -10.0 <= weight <= 10.0:
        context.fail(field, f"expected a Goldstein weight from -10 to 10, got {value!r:.40}")
    return weight


def _one(context: Context, value: Any, field: str) -> str | None:
    """PLOVER writes event and mode as a list (or null); a plain string is read too."""
    if type(value) is list and len(value) == 1:
        value = value[0]
    elif type(value) is list and not value:
        value = None
    if value is not None and (type(value) is not str or not value):
        context.fail(field, f"expected one string, or a list of one, got {value!r:.60}")
    return value


def _contexts(context: Context, value: Any) -> frozenset[str]:
    """PLOVER writes the contexts as a list, or null for none."""
    if value is None:
        return frozenset()
    if type(value) is not list or not all(type(c) is str and c for c in value):
        context.fail("$.context", f"expected a list of strings, or null, got {value!r:.60}")
    return frozenset(value)


def _plover(context: Context, event: str | None, mode: str | None) -> None:
    if event is None:
        context.fail("$.event", "every PLOVER record needs an event type")
    if event not in PLOVER_EVENTS:
        context.fail(
            "$.event",
            f"{event!r:.40} is not a PLOVER event type",
            UnknownLabelError,
            suggestions(event, ((e, e) for e in PLOVER_EVENTS)),
        )
    modes = context.tables.plover_modes.get(event)
    if mode is not None and modes is not None and mode not in modes:
        context.fail(
            "$.mode",
            f"PLOVER {event} has no mode {mode!r:.40}",
            UnknownLabelError,
            suggestions(mode, ((m, m) for m in sorted(modes))),
        )


def _parties(context: Context, item: dict[str, Any], key: str) -> tuple[frozenset[str], ...]:
    value = item.get(key)
    if value is None and key == "recipient":
        return ()
    if type(value) is not list or (key == "actor" and not value):
        context.fail(f"$.{key}", "expected a list of entity objects")
    return tuple(_party(context, entity, f"$.{key}[{i}]") for i, entity in enumerate(value))


def _text_span(context: Context, item: dict[str, Any]) -> tuple[int, int] | None:
    info = item.get("text_info")
    if type(info) is not dict or "start" not in info:
        return None
    start, end = info.get("start"), info.get("end")
    size = len(context.dataset.source.text)
    if type(start) is not int or type(end) is not int:
        context.fail("$.text_info", "start and end must be integers")
    if start < 0 or end > size:
        context.fail("$.text_info.start", f"{start}..{end} lies outside the article (0..{size})")
    if start >= end:
        context.fail("$.text_info.end", f"end {end} is not after start {start}")
    return start, end


def read_plover(context: Context, text: str) -> list[EventItem]:
    """Read PLOVER JSON Lines: the export's records, or any coder's."""
    items = []
    for number, item in objects(context, text):
        event, mode = (
            _one(context, item.get("event"), "$.event"),
            _one(context, item.get("mode"), "$.mode"),
        )
        _plover(context, event, mode)
        if "date" not in item:
            context.fail("$.date", "every PLOVER record needs a date")
        code = _cameo(context, item.get("cameo_code"), "$.cameo_code")
        items.append(
            EventItem(
                line=number,
                record_id=None,
                actors=_parties(context, item, "actor"),
                recipients=_parties(context, item, "recipient"),
                date=_date(context, item["date"], "$.date"),
                cameo=code,
                goldstein=_goldstein(context, item.get("goldstein"), "$.goldstein", code),
                plover=event,
                mode=mode,
                contexts=_contexts(context, item.get("context")),
                span=_text_span(context, item),
            )
        )
    return items


def _cell_parties(context: Context, cell: str, column: str) -> tuple[frozenset[str], ...]:
    """Return the parties of a cell: ``;`` between several (a mutual event's actors)."""
    return tuple(_party(context, part, column) for part in cell.split(";") if part.strip())


def _rows(context: Context, reader: Any) -> Iterator[list[str]]:
    """Yield the rows of *reader*, setting the line; a row csv cannot read is refused."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a stray quote, or a field over csv's size limit
            context.line = reader.line_num
            context.fail("row", f"not CSV ({exc})")
        context.line = reader.line_num
        yield row


def read_csv(context: Context, text: str) -> list[EventItem]:
    """Read a CAMEO event table: a header, then date, source, target, code (and goldstein)."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    # strict: a stray quote (`"nato"x`) is refused, not silently read as `natox`
    reader = csv.reader(text.splitlines(), delimiter="\t" if "\t" in first else ",", strict=True)
    items = []
    columns: list[str] = []
    for row in _rows(context, reader):
        if not any(cell.strip() for cell in row):
            continue
        if not columns:
            columns = [cell.strip().lower() for cell in row]
            unknown = set(columns) - {*CSV_COLUMNS, "goldstein"}
            if unknown or not set(CSV_COLUMNS) <= set(columns):
                context.fail(
                    "header",
                    f"the columns are {', '.join(CSV_COLUMNS)} and optionally goldstein, "
                    f"not {', '.join(columns)}",
                )
            continue
        if len(row) != len(columns):
            context.fail("row", f"{len(row)} cells, but the header has {len(columns)}")
        cell = dict(zip(columns, row, strict=True))
        code = _cameo(context, cell["code"].strip(), "code")
        target = cell["target"].strip()
        items.append(
            EventItem(
                line=reader.line_num,
                record_id=None,
                actors=_cell_parties(context, cell["source"], "source"),
                recipients=_cell_parties(context, target, "target"),
                date=_date(context, cell["date"].strip(), "date"),
                cameo=code,
                goldstein=_goldstein(context, cell.get("goldstein", "").strip(), "goldstein", code),
                plover=None,
                mode=None,
            )
        )
    return items
