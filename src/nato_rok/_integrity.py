"""Checks that span records: ids, references, and spans against the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from nato_rok import _codes
from nato_rok._names import name_key
from nato_rok.dataset import Dataset
from nato_rok.events import Event
from nato_rok.exceptions import Problem
from nato_rok.external import ActorCode, Reference
from nato_rok.model import (
    CooperationArea,
    Meeting,
    Organization,
    Participant,
    Position,
    Quote,
    Span,
    Visit,
)

_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")

_Located = tuple[str, object]


def _located(dataset: Dataset) -> Iterator[_Located]:
    """Yield (JSON path, record) for every record that has an id."""
    for key in (
        "organizations",
        "participants",
        "visit",
        "meetings",
        "quotes",
        "cooperation_areas",
        "positions",
        "references",
        "events",
    ):
        value = getattr(dataset, key)
        if key == "visit":
            yield "$.visit", value
        else:
            for index, record in enumerate(value):
                yield f"$.{key}[{index}]", record


def _external(path: str, record: Any) -> Iterator[tuple[str, Any]]:
    """Yield (JSON path, value) for every value of a record that cites a reference."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        for index, item in enumerate(value) if isinstance(value, tuple) else ((None, value),):
            if hasattr(item, "reference_id"):
                yield f"{path}.{field.name}" + ("" if index is None else f"[{index}]"), item


def _spans(path: str, record: Any) -> Iterator[tuple[str, Span]]:
    """Yield (JSON path, span) for every span among a record's fields."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, Span):
            yield f"{path}.{field.name}", value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, Span):
                    yield f"{path}.{field.name}[{index}]", item


class _Checker:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.text = dataset.source.text
        self.problems: list[Problem] = []
        self.kinds: dict[str, type] = {}

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def excerpt(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def check_version(self) -> None:
        if _VERSION.fullmatch(self.dataset.version) is None:
            self.add("$.version", f"expected a version like '1.0.0', got {self.dataset.version!r}")

    def check_ids(self) -> None:
        first: dict[str, str] = {self.dataset.source.id: "$.source"}
        self.kinds[self.dataset.source.id] = type(self.dataset.source)
        for path, record in _located(self.dataset):
            record_id: str = getattr(record, "id")  # noqa: B009  # every located record has one
            if record_id in first:
                self.add(f"{path}.id", f"id {record_id!r} is already used at {first[record_id]}")
            else:
                first[record_id] = path
                self.kinds[record_id] = type(record)

    def check_spans(self) -> None:
        size = len(self.text)
        for path, span in _spans("$.source", self.dataset.source):
            self.check_span(path, span, size)
        for record_path, record in _located(self.dataset):
            for path, span in _spans(record_path, record):
                self.check_span(path, span, size)

    def check_span(self, path: str, span: Span, size: int) -> None:
        if span.end > size:
            self.add(path, f"span {span.start}..{span.end} ends past the text ({size} characters)")

    def refers(self, path: str, target: str, *kinds: type) -> None:
        kind = self.kinds.get(target)
        if kind is None:
            self.add(path, f"refers to {target!r}, which no record has as its id")
        elif kind not in kinds:
            names = " or ".join(k.__name__ for k in kinds)
            self.add(path, f"refers to {target!r}, a {kind.__name__}, where a {names} belongs")

    def verbatim(self, path: str, text: str, span: Span, what: str) -> None:
        if span.end <= len(self.text) and self.excerpt(span) != text:
            self.add(path, f"{what} {text!r} differs from its span's text {self.excerpt(span)!r}")

    def occurs(self, path: str, text: str, spans: tuple[Span, ...], what: str) -> None:
        needle = text.casefold()
        if not any(needle in self.excerpt(span).casefold() for span in spans):
            self.add(path, f"{what} {text!r} occurs in none of the record's spans")

    def check_names(self, path: str, record: Organization | Participant) -> None:
        names = {record.name, *record.aliases}
        for index, span in enumerate(record.mentions):
            if span.end <= len(self.text) and self.excerpt(span) not in names:
                self.add(
                    f"{path}.mentions[{index}]",
                    f"mention {self.excerpt(span)!r} is neither the name nor an alias",
                )

    def check_name_keys(self) -> None:
        owner: dict[str, int] = {}
        for index, person in enumerate(self.dataset.participants):
            external = (name.text for name in person.names)
            for name in (person.name, *person.aliases, *external):
                first = owner.setdefault(name_key(name), index)
                if first != index:
                    self.add(
                        f"$.participants[{index}]",
                        f"name {name!r} matches a name of $.participants[{first}] "
                        "(names are compared ignoring case, spaces, hyphens and full stops)",
                    )

    def check_visit(self, path: str, visit: Visit) -> None:
        self.refers(f"{path}.visitor_id", visit.visitor_id, Participant)
        self.refers(f"{path}.visitor_organization_id", visit.visitor_organization_id, Organization)
        self.refers(f"{path}.host_id", visit.host_id, Organization)
        self.verbatim(f"{path}.purpose", visit.purpose, visit.purpose_span, "purpose")
        self.occurs(f"{path}.place", visit.place, visit.spans, "place")

    def check_meeting(self, path: str, meeting: Meeting) -> None:
        self.refers(f"{path}.visit_id", meeting.visit_id, Visit)
        for index, participant_id in enumerate(meeting.participant_ids):
            self.refers(f"{path}.participant_ids[{index}]", participant_id, Participant)
        if meeting.unnamed_participants is not None:
            self.occurs(
                f"{path}.unnamed_participants",
                meeting.unnamed_participants,
                meeting.spans,
                "unnamed_participants",
            )

    def check_quote(self, path: str, quote: Quote) -> None:
        self.verbatim(f"{path}.text", quote.text, quote.span, "quotation")
        self.refers(f"{path}.speaker_id", quote.speaker_id, Participant)
        for index, topic_id in enumerate(quote.topic_ids):
            self.refers(f"{path}.topic_ids[{index}]", topic_id, CooperationArea, Position)

    def check_event(self, path: str, event: Event) -> None:
        if event.parent_id is not None:
            self.refers(f"{path}.parent_id", event.parent_id, Event)
        for key in ("actor_ids", "recipient_ids"):
            for index, target in enumerate(getattr(event, key)):
                self.refers(f"{path}.{key}[{index}]", target, Organization, Participant)
        if event.date_reference_id is not None:
            self.refers(f"{path}.date_reference_id", event.date_reference_id, Reference)
        if event.cameo is not None:
            self.problems.extend(_codes.cameo_problems(f"{path}.cameo", event.cameo))
        if event.plover is not None:
            self.problems.extend(_codes.plover_problems(f"{path}.plover", event.plover))

    def run(self) -> list[Problem]:
        dataset = self.dataset
        self.check_version()
        self.check_ids()
        self.check_spans()
        self.check_name_keys()
        source = dataset.source
        self.occurs("$.source.title", source.title, source.spans, "title")
        for index, organization in enumerate(dataset.organizations):
            self.check_names(f"$.organizations[{index}]", organization)
        for index, person in enumerate(dataset.participants):
            path = f"$.participants[{index}]"
            self.check_names(path, person)
            self.refers(f"{path}.affiliation_id", person.affiliation_id, Organization)
        self.check_visit("$.visit", dataset.visit)
        for index, meeting in enumerate(dataset.meetings):
            self.check_meeting(f"$.meetings[{index}]", meeting)
        for index, quote in enumerate(dataset.quotes):
            self.check_quote(f"$.quotes[{index}]", quote)
        for index, area in enumerate(dataset.cooperation_areas):
            self.occurs(f"$.cooperation_areas[{index}].name", area.name, area.spans, "name")
        for index, position in enumerate(dataset.positions):
            path = f"$.positions[{index}]"
            self.refers(f"{path}.holder_id", position.holder_id, Organization, Participant)
            self.refers(f"{path}.subject_id", position.subject_id, Organization)
        for path, record in _located(dataset):
            for value_path, value in _external(path, record):
                self.refers(f"{value_path}.reference_id", value.reference_id, Reference)
                if isinstance(value, ActorCode):
                    self.problems.extend(_codes.actor_code_problems(value_path, value))
        for index, event in enumerate(dataset.events):
            self.check_event(f"$.events[{index}]", event)
        return self.problems


def problems(dataset: Dataset) -> list[Problem]:
    """Return every cross-record problem of *dataset*, in document order."""
    return _Checker(dataset).run()
