"""The dataset as tables: one per record type, link tables, and every span.

The tables are declared once, in :data:`TABLES`: per table, the records its
rows come from, and per column its name, type, description (the model's own
docstring wording, as in the data dictionary) and how to read it from a
record. CSV, the Data Package, pandas and every other tabular export are
built from these declarations.

Every list-valued field becomes either a link table (meeting participants,
quotation topics, event actors) or an array cell (aliases, alternatives,
contexts), and every span of every record is a row of the ``spans`` table
with the excerpt it points at, so nothing of the dataset is lost. Nulls are
``None`` (empty cells in CSV).

    >>> import nato_rok
    >>> from nato_rok.export import tables
    >>> [table.name for table in tables.tables(nato_rok.load())][:3]
    ['source', 'organizations', 'participants']

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from nato_rok._walk import record_spans
from nato_rok.dataset import Dataset
from nato_rok.events import CameoCoding, Event, PloverCoding
from nato_rok.export import _columns
from nato_rok.export._columns import Column, Field, Table, TableDeclaration
from nato_rok.export._meanings import meaning
from nato_rok.external import ActorCode, DateRange, ExternalName, Reference
from nato_rok.model import (
    CooperationArea,
    Entity,
    Meeting,
    Organization,
    Participant,
    Position,
    Quote,
    Source,
    Span,
    Visit,
)
from nato_rok.statements import Statement

__all__ = ["TABLES", "Column", "Field", "ForeignKey", "Table", "TableDeclaration", "tables"]

#: A link to another table, as (its columns, the table it refers to, that table's columns).
ForeignKey = _columns.ForeignKey


def _of(
    cls: type,
    field: str,
    type_: str = "string",
    *,
    name: str | None = None,
    read: Callable[[Any], Any] | None = None,
) -> Column:
    """Declare a column that holds *field* of *cls*, described as its docstring says."""
    return Column(
        name=name or field,
        type=type_,
        description=meaning(cls, field),
        read=read or operator.attrgetter(field),
    )


def _col(name: str, description: str, read: Callable[[Any], Any], type_: str = "string") -> Column:
    return Column(name=name, type=type_, description=description, read=read)


def _fk(column: str, table: str) -> ForeignKey:
    return ((column,), table, ("id",))


_first, _second, _third = (operator.itemgetter(index) for index in range(3))


def _first_id(item: tuple[Any, ...]) -> Any:
    return item[0].id


def _spans(dataset: Dataset) -> Iterator[tuple[str, str, int, Span, str]]:
    for record in (dataset.source, *dataset.records()):
        for field, index, span in record_spans(record):
            yield record.id, field, index or 0, span, dataset.excerpt(span)


def _actor_codes(dataset: Dataset) -> Iterator[tuple[str, ActorCode]]:
    records: tuple[Organization | Participant, ...] = (
        *dataset.organizations,
        *dataset.participants,
    )
    for record in records:
        for actor_code in record.codes:
            yield record.id, actor_code


def _of_second(cls: type, field: str) -> Column:
    """Declare a column holding *field* of the second item of (owner, value) records."""
    return _of(cls, field, read=lambda item: getattr(item[1], field))


def _event_actors(dataset: Dataset) -> Iterator[tuple[Event, str, str]]:
    for event in dataset.events:
        for role, ids in (("actor", event.actor_ids), ("recipient", event.recipient_ids)):
            for record_id in ids:
                yield event, role, record_id


def _dates(read: Callable[[DateRange], Any]) -> Callable[[Visit], Any]:
    return lambda visit: None if visit.dates is None else read(visit.dates)


def _cameo(field: str) -> Callable[[Event], Any]:
    return lambda event: None if event.cameo is None else getattr(event.cameo, field)


def _plover(field: str) -> Callable[[Event], Any]:
    return lambda event: None if event.plover is None else getattr(event.plover, field)


def _offsets(spoken: str, attribution: str) -> tuple[Column, ...]:
    """Declare the start and end of ``span`` and of ``attribution_span``."""
    return (
        _col("start", f"Offset of the first {spoken} in the source text.",
             operator.attrgetter("span.start"), "integer"),
        _col("end", f"Offset just past the last {spoken}.",
             operator.attrgetter("span.end"), "integer"),
        _col("attribution_start", f"Offset of the first character of {attribution}.",
             operator.attrgetter("attribution_span.start"), "integer"),
        _col("attribution_end", "Offset just past the last character of the attribution.",
             operator.attrgetter("attribution_span.end"), "integer"),
    )  # fmt: skip


_RECORD_ID = "Id of the organization or participant."

#: Every table, in dependency order (referenced tables first).
TABLES: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="source",
        description="The article every span points into (one row).",
        records=lambda d: (d.source,),
        columns=(
            _of(Source, "id"),
            _of(Source, "title"),
            _of(Source, "publisher"),
            _of(Source, "published", "date"),
            _of(Source, "url"),
            _of(Source, "language"),
            _of(Source, "text"),
        ),
        primary_key=("id",),
    ),
    TableDeclaration(
        name="organizations",
        description="States, alliances and bodies the article names.",
        records=operator.attrgetter("organizations"),
        columns=(
            _of(Organization, "id"),
            _of(Organization, "name"),
            _of(Organization, "aliases", "array"),
            _of(Organization, "kind"),
        ),
        primary_key=("id",),
    ),
    TableDeclaration(
        name="participants",
        description="People the article names.",
        records=operator.attrgetter("participants"),
        columns=(
            _of(Participant, "id"),
            _of(Participant, "name"),
            _of(Participant, "aliases", "array"),
            _of(Participant, "role"),
            _of(Participant, "affiliation_id"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("affiliation_id", "organizations"),),
    ),
    TableDeclaration(
        name="references",
        description="Works outside the article that external facts cite.",
        records=operator.attrgetter("references"),
        columns=tuple(
            _of(Reference, field)
            for field in ("id", "kind", "title", "publisher", "url", "excerpt", "note")
        ),
        primary_key=("id",),
    ),
    TableDeclaration(
        name="visit",
        description="The visit (one row).",
        records=lambda d: (d.visit,),
        columns=(
            *(
                _of(Visit, field)
                for field in ("id", "visitor_id", "visitor_organization_id", "host_id", "place")
            ),
            _of(Visit, "reported_date", "date"),
            _of(Visit, "duration_days", "integer"),
            _of(Visit, "long_planned", "boolean"),
            _of(Visit, "first_ever", "boolean"),
            _of(Visit, "purpose"),
            _col(
                "start_date",
                "The visit's first day, from outside the article (dates.start); "
                "empty where no reference gives it.",
                _dates(operator.attrgetter("start")),
                "date",
            ),
            _col(
                "end_date",
                "The visit's last day, from outside the article (dates.end); "
                "empty where no reference gives it.",
                _dates(operator.attrgetter("end")),
                "date",
            ),
            _col(
                "dates_reference_id",
                "Id of the reference that gives start_date and end_date.",
                _dates(operator.attrgetter("reference_id")),
            ),
        ),
        primary_key=("id",),
        foreign_keys=(
            _fk("visitor_id", "participants"),
            _fk("visitor_organization_id", "organizations"),
            _fk("host_id", "organizations"),
            _fk("dates_reference_id", "references"),
        ),
    ),
    TableDeclaration(
        name="meetings",
        description="Talks and meetings of the visit.",
        records=operator.attrgetter("meetings"),
        columns=tuple(
            _of(Meeting, field)
            for field in ("id", "visit_id", "kind", "attested", "unnamed_participants")
        ),
        primary_key=("id",),
        foreign_keys=(_fk("visit_id", "visit"),),
    ),
    TableDeclaration(
        name="meeting_participants",
        description="Who took part in which meeting.",
        records=lambda d: ((m, p) for m in d.meetings for p in m.participant_ids),
        columns=(
            _col("meeting_id", "Id of the meeting.", _first_id),
            _col("participant_id", "Id of a named participant of the meeting.", _second),
        ),
        primary_key=("meeting_id", "participant_id"),
        foreign_keys=(_fk("meeting_id", "meetings"), _fk("participant_id", "participants")),
    ),
    TableDeclaration(
        name="quotes",
        description="Every quotation, verbatim.",
        records=operator.attrgetter("quotes"),
        columns=(
            _of(Quote, "id"),
            _of(Quote, "speaker_id"),
            _of(Quote, "kind"),
            _of(Quote, "text"),
            *_offsets("quoted character", "the attribution (he said)"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("speaker_id", "participants"),),
    ),
    TableDeclaration(
        name="cooperation_areas",
        description="Areas of cooperation and shared challenges.",
        records=operator.attrgetter("cooperation_areas"),
        columns=tuple(_of(CooperationArea, field) for field in ("id", "name", "kind")),
        primary_key=("id",),
    ),
    TableDeclaration(
        name="positions",
        description="Positions taken, such as the one on North Korea.",
        records=operator.attrgetter("positions"),
        columns=tuple(
            _of(Position, field) for field in ("id", "holder_id", "subject_id", "stance")
        ),
        primary_key=("id",),
        foreign_keys=(_fk("subject_id", "organizations"),),
    ),
    TableDeclaration(
        name="quote_topics",
        description="What each quotation is about (a cooperation area or position id).",
        records=lambda d: ((q, t) for q in d.quotes for t in q.topic_ids),
        columns=(
            _col("quote_id", "Id of the quotation.", _first_id),
            _col("topic_id", "Id of a cooperation area or position it is about.", _second),
        ),
        primary_key=("quote_id", "topic_id"),
        foreign_keys=(_fk("quote_id", "quotes"),),
    ),
    TableDeclaration(
        name="external_names",
        description="Names from outside the article (external).",
        records=lambda d: ((p, n) for p in d.participants for n in p.names),
        columns=(
            _col("participant_id", "Id of the participant so named.", _first_id),
            *(_of_second(ExternalName, field) for field in ("text", "kind", "reference_id")),
        ),
        primary_key=("participant_id", "text", "kind"),
        foreign_keys=(_fk("participant_id", "participants"), _fk("reference_id", "references")),
    ),
    TableDeclaration(
        name="actor_codes",
        description="Standard codes of organizations and people (external).",
        records=_actor_codes,
        columns=(
            _col("record_id", _RECORD_ID, _first),
            *(_of_second(ActorCode, field) for field in ("scheme", "code", "reference_id")),
        ),
        primary_key=("record_id", "scheme", "code"),
        foreign_keys=(_fk("reference_id", "references"),),
    ),
    TableDeclaration(
        name="events",
        description="Events coded in CAMEO and PLOVER.",
        records=operator.attrgetter("events"),
        columns=(
            _of(Event, "id"),
            _of(Event, "parent_id"),
            _of(Event, "label"),
            _of(Event, "date", "date"),
            _of(Event, "end_date", "date"),
            _of(Event, "date_basis"),
            _of(Event, "date_reference_id"),
            _of(Event, "historical", "boolean"),
            _of(CameoCoding, "code", name="cameo_code", read=_cameo("code")),
            _of(CameoCoding, "name", name="cameo_name", read=_cameo("name")),
            _of(CameoCoding, "goldstein", "number", name="goldstein", read=_cameo("goldstein")),
            _of(
                CameoCoding,
                "alternatives",
                "array",
                name="cameo_alternatives",
                read=_cameo("alternatives"),
            ),
            _of(PloverCoding, "event", name="plover_event", read=_plover("event")),
            _of(PloverCoding, "mode", name="plover_mode", read=_plover("mode")),
            _of(
                PloverCoding, "contexts", "array", name="plover_contexts", read=_plover("contexts")
            ),
            _of(Event, "note"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("parent_id", "events"), _fk("date_reference_id", "references")),
    ),
    TableDeclaration(
        name="entities",
        description="Places, regions and funds the article names (schema 3).",
        records=operator.attrgetter("entities"),
        columns=(
            _of(Entity, "id"),
            _of(Entity, "name"),
            _of(Entity, "aliases", "array"),
            _of(Entity, "kind"),
            _of(Entity, "within_id"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("within_id", "organizations"),),
    ),
    TableDeclaration(
        name="statements",
        description="Reported statements, direct or indirect (schema 3).",
        records=operator.attrgetter("statements"),
        columns=(
            _of(Statement, "id"),
            _of(Statement, "speaker_id"),
            _of(Statement, "kind"),
            *_offsets("character of the words reported", "the attribution"),
            _of(Statement, "quote_id"),
            _of(Statement, "date", "date"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("speaker_id", "participants"), _fk("quote_id", "quotes")),
    ),
    TableDeclaration(
        name="statement_events",
        description="The coded events each statement reports.",
        records=lambda d: ((s, e) for s in d.statements for e in s.event_ids),
        columns=(
            _col("statement_id", "Id of the statement.", _first_id),
            _col("event_id", "Id of an event the statement reports.", _second),
        ),
        primary_key=("statement_id", "event_id"),
        foreign_keys=(_fk("statement_id", "statements"), _fk("event_id", "events")),
    ),
    TableDeclaration(
        name="event_actors",
        description="Actors and recipients of each event.",
        records=_event_actors,
        columns=(
            _col("event_id", "Id of the event.", _first_id),
            _col("role", "actor or recipient.", _second),
            _col("record_id", _RECORD_ID, _third),
        ),
        primary_key=("event_id", "role", "record_id"),
        foreign_keys=(_fk("event_id", "events"),),
    ),
    TableDeclaration(
        name="spans",
        description="Every span of every record, with the excerpt it points at.",
        records=_spans,
        columns=(
            _col("record_id", "Id of the record (or the source) the span belongs to.", _first),
            _col("field", "The record's field that holds the span.", _second),
            _col(
                "index",
                "The span's position in that field's list (0 for a single span).",
                _third,
                "integer",
            ),
            _of(Span, "start", "integer", read=lambda item: item[3].start),
            _of(Span, "end", "integer", read=lambda item: item[3].end),
            _col(
                "excerpt",
                "The characters of the source text the span covers.",
                operator.itemgetter(4),
            ),
        ),
        primary_key=("record_id", "field", "index"),
    ),
)


def tables(dataset: Dataset) -> tuple[Table, ...]:
    """Return the dataset as tables, in dependency order (referenced tables first).

    .. versionadded:: 1.1.0
    """
    return tuple(declaration.table(dataset) for declaration in TABLES)
