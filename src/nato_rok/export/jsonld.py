"""JSON-LD with schema.org: the article, people, organizations, the visit, quotations.

The article is a ``NewsArticle`` that ``mentions`` every person,
organization and entity it names; people are ``Person`` (name, alternate
names, job title, affiliation); NATO and other bodies ``Organization``, states
``Country``; the visit an ``Event`` whose meetings are its ``subEvent``; each
quotation a ``Quotation`` with its ``creator`` and ``isPartOf`` the article.
Places and regions (schema 3 entities) are ``Place``, with
``containedInPlace`` the state they lie in where the article says so; funds
are ``FundingScheme``. Each reported statement is a ``Claim`` (what a person
is reported to have said): its ``text`` the words reported, its ``author``
the speaker, its ``appearance`` the article, ``hasPart`` the quotation it
contains, ``dateCreated`` the day the article gives, and its kind (direct or
indirect) in ``nr:kind``. The context is inline (``@vocab`` schema.org), so
expanding the document fetches nothing. Node ids are ``urn:nato-rok:<id>``.
The article's ``url`` is written only if it is an ``http``/``https`` URL. Its
``copyrightHolder`` and ``copyrightNotice`` say whose its text is and on what
terms nato-rok carries it: NATO's, not under the dataset's licence (as NOTICE
says).

What schema.org cannot carry is left out: spans (except as the character
offsets of each quotation and statement in ``nr:start``/``nr:end``), event
codings, and the provenance of external facts; use the JSON document or the
tables for those.

.. versionadded:: 1.1.0
.. versionchanged:: 1.2.0
   Statements (``Claim``), entities (``Place``, ``FundingScheme``) and the
   article's ``mentions``; the article's ``copyrightHolder`` and ``copyrightNotice``.
"""

from __future__ import annotations

from typing import Any

from nato_rok import _cite
from nato_rok.dataset import Dataset
from nato_rok.export._format import Format, dump_json
from nato_rok.export._safe import web_url
from nato_rok.model import (
    Entity,
    EntityKind,
    Meeting,
    Organization,
    OrganizationKind,
    Participant,
)
from nato_rok.statements import Statement

__all__ = ["CONTEXT", "FORMAT", "jsonld"]

#: The inline context, with schema.org terms and ``nr:`` for nato-rok's own.
CONTEXT = {
    "@vocab": "https://schema.org/",
    "nr": "https://pypi.org/project/nato-rok/#",
}


def _ref(record_id: str) -> dict[str, str]:
    return {"@id": f"urn:nato-rok:{record_id}"}


def _person(person: Participant) -> dict[str, Any]:
    names = [*person.aliases, *(name.text for name in person.names)]
    return {
        **_ref(person.id),
        "@type": "Person",
        "name": person.name,
        "alternateName": names,
        "jobTitle": person.role,
        "affiliation": _ref(person.affiliation_id),
    }


def _meeting(dataset: Dataset, meeting: Meeting) -> dict[str, Any]:
    names = " and ".join(dataset.participant(pid).name for pid in meeting.participant_ids)
    return {
        **_ref(meeting.id),
        "@type": "Event",
        "name": f"{meeting.kind.value.capitalize()}: {names}",
        "attendee": [_ref(pid) for pid in meeting.participant_ids],
        "superEvent": _ref(meeting.visit_id),
    }


def _named(dataset: Dataset) -> tuple[Participant | Organization | Entity, ...]:
    return (*dataset.participants, *dataset.organizations, *dataset.entities)


def _entity(entity: Entity) -> dict[str, Any]:
    node: dict[str, Any] = {
        **_ref(entity.id),
        "@type": "FundingScheme" if entity.kind is EntityKind.FUND else "Place",
        "name": entity.name,
        "alternateName": list(entity.aliases),
        "nr:kind": entity.kind.value,
    }
    if entity.within_id is not None and entity.kind is not EntityKind.FUND:
        node["containedInPlace"] = _ref(entity.within_id)
    return node


def _claim(dataset: Dataset, statement: Statement) -> dict[str, Any]:
    node: dict[str, Any] = {
        **_ref(statement.id),
        "@type": "Claim",
        "text": dataset.excerpt(statement.span),
        "author": _ref(statement.speaker_id),
        "appearance": _ref(dataset.source.id),
        "nr:kind": statement.kind.value,
        "nr:start": statement.span.start,
        "nr:end": statement.span.end,
    }
    if statement.quote_id is not None:
        node["hasPart"] = _ref(statement.quote_id)
    if statement.date is not None:
        node["dateCreated"] = statement.date.isoformat()
    return node


def jsonld(dataset: Dataset) -> dict[str, Any]:
    """Return the dataset as a JSON-LD document (schema.org vocabulary).

    .. versionadded:: 1.1.0
    """
    source, visit = dataset.source, dataset.visit
    url = web_url(source.url)
    article = {
        **_ref(source.id),
        "@type": "NewsArticle",
        "headline": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "datePublished": source.published.isoformat(),
        **({"url": url} if url is not None else {}),
        "inLanguage": source.language,
        "text": source.text,
        # The text is NATO's: it is not under the dataset's licence (NOTICE).
        "copyrightHolder": {"@type": "Organization", "name": source.publisher},
        "copyrightNotice": _cite.text_terms(dataset),
        "mentions": [_ref(record.id) for record in _named(dataset) if record.mentions],
    }
    organizations = [
        {
            **_ref(o.id),
            "@type": "Country" if o.kind is OrganizationKind.STATE else "Organization",
            "name": o.name,
            "alternateName": list(o.aliases),
        }
        for o in dataset.organizations
    ]
    event: dict[str, Any] = {
        **_ref(visit.id),
        "@type": "Event",
        "name": f"Visit of {dataset.participant(visit.visitor_id).name} to "
        f"{dataset.organization(visit.host_id).name}",
        "location": {"@type": "Place", "name": visit.place},
        "description": visit.purpose,
        "organizer": _ref(visit.host_id),
        "attendee": [_ref(visit.visitor_id)],
        "subEvent": [_ref(meeting.id) for meeting in dataset.meetings],
        "subjectOf": _ref(source.id),
    }
    if visit.dates is not None:
        event["startDate"] = visit.dates.start.isoformat()
        event["endDate"] = visit.dates.end.isoformat()
    quotes = [
        {
            **_ref(q.id),
            "@type": "Quotation",
            "text": q.text,
            "creator": _ref(q.speaker_id),
            "isPartOf": _ref(source.id),
            "about": [_ref(topic) for topic in q.topic_ids],
            "nr:start": q.span.start,
            "nr:end": q.span.end,
        }
        for q in dataset.quotes
    ]
    topics = [
        {**_ref(area.id), "@type": "Thing", "name": area.name, "nr:kind": area.kind.value}
        for area in dataset.cooperation_areas
    ] + [
        {**_ref(p.id), "@type": "Thing", "name": f"{p.stance.value} of {p.subject_id}"}
        for p in dataset.positions
    ]
    return {
        "@context": dict(CONTEXT),  # a copy: changing one result changes nothing else
        "@graph": [
            article,
            *organizations,
            *(_person(p) for p in dataset.participants),
            event,
            *(_meeting(dataset, m) for m in dataset.meetings),
            *quotes,
            *topics,
            *(_entity(entity) for entity in dataset.entities),
            *(_claim(dataset, statement) for statement in dataset.statements),
        ],
    }


#: ``nato-rok export --format jsonld``.
FORMAT = Format(
    name="jsonld",
    summary="JSON-LD with the schema.org vocabulary, context inline; a file",
    writes="file",
    dump=dump_json(jsonld),
)
