"""The dataset as tables: one per record type, link tables, and every span.

Every list-valued field becomes either a link table (meeting participants,
quotation topics, event actors) or a JSON array cell (aliases, alternatives,
contexts), and every span of every record is a row of the ``spans`` table
with the excerpt it points at, so nothing of the dataset is lost. Nulls are
empty cells.

    >>> import nato_rok
    >>> from nato_rok.export import tables
    >>> [table.name for table in tables.tables(nato_rok.load())][:3]
    ['source', 'organizations', 'participants']

.. versionadded:: 1.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from nato_rok._walk import record_spans
from nato_rok.dataset import Dataset

__all__ = ["Field", "Table", "tables"]


@attrs.frozen(kw_only=True)
class Field:
    """A column: its name, Table Schema type, and meaning.

    Attributes:
        name: Column name.
        type: Table Schema type: string, integer, number, boolean, date, array.
        description: What the column holds.
    """

    name: str
    type: str
    description: str


@attrs.frozen(kw_only=True)
class Table:
    """One table of the export.

    Attributes:
        name: Table (and resource) name; the CSV file is ``<name>.csv``.
        description: What a row is.
        fields: The columns, in order.
        primary_key: The columns that identify a row.
        foreign_keys: (columns, table, its columns) links to other tables.
        rows: The rows, each a tuple of Python values in column order.
    """

    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    rows: tuple[tuple[Any, ...], ...]


def _f(name: str, type_: str = "string", description: str = "") -> Field:
    return Field(name=name, type=type_, description=description or name.replace("_", " "))


def _fk(column: str, table: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    return ((column,), table, ("id",))


def _spans(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
    for record in (dataset.source, *dataset.records()):
        for field, index, span in record_spans(record):
            excerpt = dataset.excerpt(span)
            yield (record.id, field, index or 0, span.start, span.end, excerpt)


def tables(dataset: Dataset) -> tuple[Table, ...]:  # one local per table
    """Return the dataset as tables, in dependency order (referenced tables first).

    .. versionadded:: 1.1.0
    """
    d, visit = dataset, dataset.visit
    dates = visit.dates
    source = Table(
        name="source",
        description="The article every span points into (one row).",
        fields=(
            _f("id"),
            _f("title"),
            _f("publisher"),
            _f("published", "date"),
            _f("url"),
            _f("language"),
            _f("text", description="full text; spans index its code points"),
        ),
        primary_key=("id",),
        foreign_keys=(),
        rows=(
            (
                d.source.id,
                d.source.title,
                d.source.publisher,
                d.source.published,
                d.source.url,
                d.source.language,
                d.source.text,
            ),
        ),
    )
    organizations = Table(
        name="organizations",
        description="States, alliances and bodies the article names.",
        fields=(_f("id"), _f("name"), _f("aliases", "array"), _f("kind")),
        primary_key=("id",),
        foreign_keys=(),
        rows=tuple((o.id, o.name, list(o.aliases), o.kind.value) for o in d.organizations),
    )
    participants = Table(
        name="participants",
        description="People the article names.",
        fields=(
            _f("id"),
            _f("name", description="standard spelling"),
            _f("aliases", "array", "other spellings, the article's own included"),
            _f("role"),
            _f("affiliation_id"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("affiliation_id", "organizations"),),
        rows=tuple(
            (p.id, p.name, list(p.aliases), p.role, p.affiliation_id) for p in d.participants
        ),
    )
    references = Table(
        name="references",
        description="Works outside the article that external facts cite.",
        fields=(
            _f("id"),
            _f("kind"),
            _f("title"),
            _f("publisher"),
            _f("url"),
            _f("excerpt"),
            _f("note"),
        ),
        primary_key=("id",),
        foreign_keys=(),
        rows=tuple(
            (r.id, r.kind.value, r.title, r.publisher, r.url, r.excerpt, r.note)
            for r in d.references
        ),
    )
    visit_table = Table(
        name="visit",
        description="The visit (one row).",
        fields=(
            _f("id"),
            _f("visitor_id"),
            _f("visitor_organization_id"),
            _f("host_id"),
            _f("place"),
            _f("reported_date", "date", "the date the article reports"),
            _f("duration_days", "integer"),
            _f("long_planned", "boolean"),
            _f("first_ever", "boolean"),
            _f("purpose"),
            _f("start_date", "date", "external"),
            _f("end_date", "date", "external"),
            _f("dates_reference_id"),
        ),
        primary_key=("id",),
        foreign_keys=(
            _fk("visitor_id", "participants"),
            _fk("visitor_organization_id", "organizations"),
            _fk("host_id", "organizations"),
            _fk("dates_reference_id", "references"),
        ),
        rows=(
            (
                visit.id,
                visit.visitor_id,
                visit.visitor_organization_id,
                visit.host_id,
                visit.place,
                visit.reported_date,
                visit.duration_days,
                visit.long_planned,
                visit.first_ever,
                visit.purpose,
                dates and dates.start,
                dates and dates.end,
                dates and dates.reference_id,
            ),
        ),
    )
    meetings = Table(
        name="meetings",
        description="Talks and meetings of the visit.",
        fields=(_f("id"), _f("visit_id"), _f("kind"), _f("attested"), _f("unnamed_participants")),
        primary_key=("id",),
        foreign_keys=(_fk("visit_id", "visit"),),
        rows=tuple(
            (m.id, m.visit_id, m.kind.value, m.attested.value, m.unnamed_participants)
            for m in d.meetings
        ),
    )
    meeting_participants = Table(
        name="meeting_participants",
        description="Who took part in which meeting.",
        fields=(_f("meeting_id"), _f("participant_id")),
        primary_key=("meeting_id", "participant_id"),
        foreign_keys=(_fk("meeting_id", "meetings"), _fk("participant_id", "participants")),
        rows=tuple((m.id, p) for m in d.meetings for p in m.participant_ids),
    )
    quotes = Table(
        name="quotes",
        description="Every quotation, verbatim.",
        fields=(
            _f("id"),
            _f("speaker_id"),
            _f("kind"),
            _f("text"),
            _f("start", "integer"),
            _f("end", "integer"),
            _f("attribution_start", "integer"),
            _f("attribution_end", "integer"),
        ),
        primary_key=("id",),
        foreign_keys=(_fk("speaker_id", "participants"),),
        rows=tuple(
            (
                q.id,
                q.speaker_id,
                q.kind.value,
                q.text,
                q.span.start,
                q.span.end,
                q.attribution_span.start,
                q.attribution_span.end,
            )
            for q in d.quotes
        ),
    )
    areas = Table(
        name="cooperation_areas",
        description="Areas of cooperation and shared challenges.",
        fields=(_f("id"), _f("name"), _f("kind")),
        primary_key=("id",),
        foreign_keys=(),
        rows=tuple((a.id, a.name, a.kind.value) for a in d.cooperation_areas),
    )
    positions = Table(
        name="positions",
        description="Positions taken, such as the one on North Korea.",
        fields=(_f("id"), _f("holder_id"), _f("subject_id"), _f("stance")),
        primary_key=("id",),
        foreign_keys=(_fk("subject_id", "organizations"),),
        rows=tuple((p.id, p.holder_id, p.subject_id, p.stance.value) for p in d.positions),
    )
    quote_topics = Table(
        name="quote_topics",
        description="What each quotation is about (a cooperation area or position id).",
        fields=(_f("quote_id"), _f("topic_id")),
        primary_key=("quote_id", "topic_id"),
        foreign_keys=(_fk("quote_id", "quotes"),),
        rows=tuple((q.id, t) for q in d.quotes for t in q.topic_ids),
    )
    external_names = Table(
        name="external_names",
        description="Names from outside the article (external).",
        fields=(_f("participant_id"), _f("text"), _f("kind"), _f("reference_id")),
        primary_key=("participant_id", "text", "kind"),
        foreign_keys=(_fk("participant_id", "participants"), _fk("reference_id", "references")),
        rows=tuple(
            (p.id, n.text, n.kind.value, n.reference_id) for p in d.participants for n in p.names
        ),
    )
    actor_codes = Table(
        name="actor_codes",
        description="Standard codes of organizations and people (external).",
        fields=(
            _f("record_id", description="organization or participant id"),
            _f("scheme"),
            _f("code"),
            _f("reference_id"),
        ),
        primary_key=("record_id", "scheme", "code"),
        foreign_keys=(_fk("reference_id", "references"),),
        rows=tuple(
            (record_id, c.scheme.value, c.code, c.reference_id)
            for record_id, codes in [
                *((o.id, o.codes) for o in d.organizations),
                *((p.id, p.codes) for p in d.participants),
            ]
            for c in codes
        ),
    )
    events = Table(
        name="events",
        description="Events coded in CAMEO and PLOVER.",
        fields=(
            _f("id"),
            _f("parent_id"),
            _f("label"),
            _f("date", "date"),
            _f("end_date", "date"),
            _f("date_basis"),
            _f("date_reference_id"),
            _f("historical", "boolean"),
            _f("cameo_code"),
            _f("cameo_name"),
            _f("goldstein", "number"),
            _f("cameo_alternatives", "array"),
            _f("plover_event"),
            _f("plover_mode"),
            _f("plover_contexts", "array"),
            _f("note"),
        ),
        primary_key=("id",),
        foreign_keys=(
            ((("parent_id",), "events", ("id",))),
            _fk("date_reference_id", "references"),
        ),
        rows=tuple(
            (
                e.id,
                e.parent_id,
                e.label,
                e.date,
                e.end_date,
                e.date_basis.value,
                e.date_reference_id,
                e.historical,
                e.cameo and e.cameo.code,
                e.cameo and e.cameo.name,
                e.cameo and e.cameo.goldstein,
                list(e.cameo.alternatives) if e.cameo else None,
                e.plover and e.plover.event,
                e.plover and e.plover.mode,
                list(e.plover.contexts) if e.plover else None,
                e.note,
            )
            for e in d.events
        ),
    )
    event_actors = Table(
        name="event_actors",
        description="Actors and recipients of each event.",
        fields=(
            _f("event_id"),
            _f("role", description="actor or recipient"),
            _f("record_id", description="organization or participant id"),
        ),
        primary_key=("event_id", "role", "record_id"),
        foreign_keys=(_fk("event_id", "events"),),
        rows=tuple(
            (e.id, role, r)
            for e in d.events
            for role, ids in (("actor", e.actor_ids), ("recipient", e.recipient_ids))
            for r in ids
        ),
    )
    spans = Table(
        name="spans",
        description="Every span of every record, with the excerpt it points at.",
        fields=(
            _f("record_id"),
            _f("field"),
            _f("index", "integer"),
            _f("start", "integer"),
            _f("end", "integer"),
            _f("excerpt"),
        ),
        primary_key=("record_id", "field", "index"),
        foreign_keys=(),
        rows=tuple(_spans(d)),
    )
    return (
        source,
        organizations,
        participants,
        references,
        visit_table,
        meetings,
        meeting_participants,
        quotes,
        areas,
        positions,
        quote_topics,
        external_names,
        actor_codes,
        events,
        event_actors,
        spans,
    )
