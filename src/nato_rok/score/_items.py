"""What is scored: spans and events, gold or predicted, in one shape each.

Gold items come from a release through the public API (and, for the actor
codes a PLOVER record may use, through the PLOVER export itself), never from
a list written here, so the scorer holds on any release.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from nato_rok.dataset import Dataset
from nato_rok.external import CodeScheme
from nato_rok.model import Entity, Organization, Participant

#: The tasks, and which of them score spans.
TASKS = ("mentions", "quotes", "statements", "events")
SPAN_TASKS = ("mentions", "quotes", "statements")

#: The record types a mention may name, by the type label a prediction may give.
MENTION_TYPES = {"participant": Participant, "organization": Organization, "entity": Entity}


class SpanItem(NamedTuple):
    """A span to score: a gold record's, or a prediction's.

    ``start`` and ``end`` are -1 for a prediction whose text could not be
    anchored (it matches nothing, and counts as a false alarm).
    """

    line: int | None  # the prediction's line (gold: None)
    record_id: str | None  # the gold record (a prediction: the record it names, if any)
    start: int
    end: int
    labels: frozenset[str]  # gold: every label that is its own; prediction: the one given
    kind: str | None = None  # statements: direct or indirect
    cue: tuple[int, int] | None = None  # statements: the attribution's span
    note: str | None = None  # why a prediction was not anchored


class EventItem(NamedTuple):
    """An event to score. Each party is the set of gold record ids it can stand for."""

    line: int | None
    record_id: str | None
    actors: tuple[frozenset[str], ...]
    recipients: tuple[frozenset[str], ...]
    date: datetime.date | None
    cameo: str | None
    goldstein: float | None
    plover: str | None
    mode: str | None
    span: tuple[int, int] | None = None
    contexts: frozenset[str] | None = None  # PLOVER contexts (None: no PLOVER coding)


def gold_spans(dataset: Dataset, task: str) -> list[SpanItem]:
    """Return the gold spans of *task* (``mentions``, ``quotes`` or ``statements``)."""
    if task == "mentions":
        return [
            SpanItem(None, record.id, span.start, span.end, frozenset((record.id, kind)))
            for kind, records in (
                ("participant", dataset.participants),
                ("organization", dataset.organizations),
                ("entity", dataset.entities),
            )
            for record in records
            for span in record.mentions
        ]
    if task == "quotes":
        return [
            SpanItem(None, q.id, q.span.start, q.span.end, frozenset((q.speaker_id,)))
            for q in dataset.quotes
        ]
    return [
        SpanItem(
            None,
            s.id,
            s.span.start,
            s.span.end,
            frozenset((s.speaker_id,)),
            s.kind.value,
            (s.attribution_span.start, s.attribution_span.end),
        )
        for s in dataset.statements
    ]


def gold_events(dataset: Dataset, population: str) -> list[EventItem]:
    """Return the gold events a format can carry.

    ``plover``: the events the PLOVER export holds (PLOVER-coded and dated);
    ``cameo``: the CAMEO-coded events; ``all``: every event.
    """
    items = []
    for event in dataset.events:
        if population == "plover" and (event.plover is None or event.date is None):
            continue
        if population == "cameo" and event.cameo is None:
            continue
        spans = event.spans
        items.append(
            EventItem(
                line=None,
                record_id=event.id,
                actors=tuple(frozenset((i,)) for i in event.actor_ids),
                recipients=tuple(frozenset((i,)) for i in event.recipient_ids),
                date=event.date,
                cameo=event.cameo.code if event.cameo else None,
                goldstein=event.cameo.goldstein if event.cameo else None,
                plover=event.plover.event if event.plover else None,
                mode=event.plover.mode if event.plover else None,
                contexts=frozenset(event.plover.contexts) if event.plover else None,
                span=(min(s.start for s in spans), max(s.end for s in spans)),
            )
        )
    return items


def party_codes(dataset: Dataset) -> dict[str, frozenset[str]]:
    """Return the CAMEO actor codes that stand for each organization and participant.

    An organization: its CAMEO actor code and that code's three-letter head
    (``IGOWSTNAT``, ``IGO``). A person: their organization's codes, and the
    head followed by each of their sector codes (``KORGOV``). Every code the
    PLOVER export of the release writes for a record (``code`` and ``code``
    + ``sector``) stands for it too, whatever sectors that export uses.
    """
    from nato_rok.export import plover

    codes: dict[str, set[str]] = {}
    organizations = {o.id: o for o in dataset.organizations}
    records: tuple[Organization | Participant, ...] = (
        *dataset.organizations,
        *dataset.participants,
    )
    for record in records:
        organization = (
            organizations.get(record.affiliation_id) if isinstance(record, Participant) else record
        )
        mine = codes.setdefault(record.id, set())
        actor = next(
            (
                c.code
                for c in (organization.codes if organization else ())
                if c.scheme is CodeScheme.CAMEO_ACTOR
            ),
            None,
        )
        if actor is None:
            continue
        mine.update((actor, actor[:3]))
        sectors = [c.code for c in record.codes if c.scheme is CodeScheme.CAMEO_SECTOR]
        mine.update(head + sector for sector in sectors for head in (actor[:3], actor))
    entities = [
        entity
        for line in plover.records(dataset)
        for entity in (*line["actor"], *line["recipient"])
        if entity.get("code")
    ]
    for entity in entities:
        head = entity["code"]
        sectors = [entity.get("sector") or "", *entity.get("other_sector_codes", "").split()]
        codes.setdefault(entity["nato_rok_id"], set()).update(head + s for s in sectors)
    return {key: frozenset(value) for key, value in codes.items()}
