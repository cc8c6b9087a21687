"""Plain views of records for the command line: quotations and single records."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from nato_rok._names import name_key, named, names_of
from nato_rok._suggest import ambiguity, refusal
from nato_rok._walk import label, record_spans
from nato_rok.dataset import Dataset, Record
from nato_rok.exceptions import RecordNotFoundError
from nato_rok.model import CooperationArea, Participant, Position, Quote, Source

QUOTE_COLUMNS = (
    "id",
    "speaker_id",
    "speaker",
    "kind",
    "start",
    "end",
    "attribution_start",
    "attribution_end",
    "topic_ids",
    "text",
)


def speaker(dataset: Dataset, name: str) -> Participant:
    """Return the participant with id *name*, or called *name*."""
    try:
        return dataset.participant(name)
    except RecordNotFoundError:
        return dataset.find_participant(name)


def topic(dataset: Dataset, name: str) -> CooperationArea | Position:
    """Return the cooperation area or position with id or name *name* (any case)."""
    records: list[CooperationArea | Position] = [*dataset.cooperation_areas, *dataset.positions]
    for record in records:
        label = record.name if isinstance(record, CooperationArea) else record.id
        if name in (record.id, label) or name_key(name) == name_key(label):
            return record
    choices = [(record.id, record.id) for record in records]
    choices += [(area.name, area.id) for area in dataset.cooperation_areas]
    raise refusal(f"no cooperation area or position is called {name!r}", name, choices)


def quotes_text(dataset: Dataset, quotes: tuple[Quote, ...]) -> str:
    """Return one block per quotation: id, speaker, kind, span, then the text."""
    blocks = [
        f"{q.id} ({dataset.participant(q.speaker_id).name}, {q.kind.value}, "
        f"{q.span.start}..{q.span.end})\n  “{q.text}”\n"
        for q in quotes
    ]
    return "".join(blocks)


def quotes_csv(dataset: Dataset, quotes: tuple[Quote, ...]) -> str:
    """Return the quotations as CSV (RFC 4180, a header row, topic ids joined by spaces)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(QUOTE_COLUMNS)
    for q in quotes:
        writer.writerow(
            (
                q.id,
                q.speaker_id,
                dataset.participant(q.speaker_id).name,
                q.kind.value,
                q.span.start,
                q.span.end,
                q.attribution_span.start,
                q.attribution_span.end,
                " ".join(q.topic_ids),
                q.text,
            )
        )
    return out.getvalue()


def plain(value: Any) -> Any:
    """Return a record as its JSON values (through the library's converter)."""
    from nato_rok import _converter

    return _converter.converter().unstructure(value)


def _excerpts(dataset: Dataset, record: Record | Source) -> list[dict[str, Any]]:
    return [
        {
            "field": label(field, index),
            "start": span.start,
            "end": span.end,
            "text": dataset.excerpt(span),
        }
        for field, index, span in record_spans(record)
    ]


def record(dataset: Dataset, wanted: str) -> Record | Source:
    """Return the record (or the source) with id *wanted*, or else called *wanted*.

    A name is matched as :meth:`Dataset.find_participant` matches one, over
    every record that has a name (people, organizations, entities,
    cooperation areas): a full name or alias first, else unique whole words.
    """
    if wanted == dataset.source.id:
        return dataset.source
    try:
        return dataset.record(wanted)
    except RecordNotFoundError:
        candidates = named(wanted, ((r, names_of(r)) for r in dataset.records()))
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise ambiguity("records", wanted, (f"{r.id}" for r in candidates)) from None
        raise


def show(dataset: Dataset, record_id: str) -> dict[str, Any]:
    """Return one record (by id or name), its type, and the excerpts it rests on."""
    found = record(dataset, record_id)
    return {
        "record_type": type(found).__name__,
        "record": plain(found),
        "excerpts": _excerpts(dataset, found),
    }


def show_text(view: dict[str, Any]) -> str:
    """Return a :func:`show` view as text: the record's JSON, then its excerpts."""
    record = dict(view["record"])
    if view["record_type"] == "Source":
        record["text"] = f"<{len(record['text'])} characters>"
    lines = [
        f"{view['record_type']} {record['id']}",
        json.dumps(record, ensure_ascii=False, indent=2),
        "excerpts:",
        *(f"  {e['field']} {e['start']}..{e['end']}: {e['text']}" for e in view["excerpts"]),
    ]
    return "\n".join(lines) + "\n"
