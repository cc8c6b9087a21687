"""Checks that span records: ids, references, and spans against the text."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from nato_rok import _codes, _versions
from nato_rok._names import lookalike_key
from nato_rok._problems import Collector
from nato_rok.dataset import Dataset, Kind, kinds
from nato_rok.events import Event
from nato_rok.exceptions import Problem
from nato_rok.external import ActorCode, Reference
from nato_rok.model import (
    CooperationArea,
    Entity,
    Meeting,
    Organization,
    Participant,
    Position,
    Quote,
    Span,
    Visit,
)
from nato_rok.statements import Statement


class _Where(tuple[str, int]):
    """Where a record is: (collection, index); its JSON path is built only when shown."""

    __slots__ = ()

    def __str__(self) -> str:
        key, index = self
        return f"$.{key}" if index < 0 else f"$.{key}[{index}]"


def _groups(dataset: Dataset) -> tuple[tuple[Kind, tuple[Any, ...]], ...]:
    """Return (kind, its records) for every kind of record that has an id, in document order.

    One pair a kind, not one a record: the checks walk the records in
    document order and build a record's :class:`_Where` only for a problem,
    so a large document gives the collector no extra object to visit.
    """
    return tuple((kind, kind.of(dataset)) for kind in kinds(type(dataset)))


def _where(kind: Kind, index: int) -> _Where:
    """Return where the *index*-th record of *kind* is (a single record, the visit, is no array)."""
    return _Where((kind.collection, index if kind.many else -1))


@functools.cache
def _fields_holding(cls: Any, wanted: Callable[[type], bool]) -> tuple[tuple[str, bool], ...]:
    """Return (field name, is a tuple) for the fields of *cls* whose values are *wanted*.

    Worked out once per class from its type hints, so checking a record
    touches only the fields that matter. Callers pass ``record.__class__``:
    mypy does not take ``type(record)`` as hashable, and a ``typing.cast``
    would be one more Python call a record.
    """
    found = []
    for name, hint in typing.get_type_hints(cls).items():
        many = typing.get_origin(hint) is tuple
        members = typing.get_args(hint) or (hint,)
        if any(isinstance(member, type) and wanted(member) for member in members):
            found.append((name, many))
    return tuple(found)


def _is_span(cls: type) -> bool:
    return cls is Span


def _cites(cls: type) -> bool:
    return attrs.has(cls) and "reference_id" in attrs.fields_dict(cls)


def _values(path: object, record: Any, wanted: Callable[[type], bool]) -> Iterator[tuple[str, Any]]:
    """Yield (JSON path, value) for each *wanted* value among a record's fields."""
    for name, many in _fields_holding(record.__class__, wanted):
        value = getattr(record, name)
        if many:
            for index, item in enumerate(value):
                yield f"{path}.{name}[{index}]", item
        elif value is not None:
            yield f"{path}.{name}", value


def _shown(text: str) -> str:
    """Return *text* quoted for a message, shortened if long (an excerpt may be megabytes)."""
    return repr(text) if len(text) <= 200 else f"{text[:160]!r}... ({len(text)} characters)"


def _overlap(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


def _ends_past(record: Any, size: int) -> bool:
    """Say whether a span among a record's fields ends past *size* (a loop: records are many)."""
    for name, many in _fields_holding(record.__class__, _is_span):
        value = getattr(record, name)
        if many:
            for span in value:
                if span.end > size:
                    return True
        elif value.end > size:
            return True
    return False


class _Checker:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.text = dataset.source.text
        self.found = Collector()
        self.kinds: dict[str, type] = {}
        self.groups = _groups(dataset)
        self.events = {event.id: event for event in dataset.events}
        self.cyclic: dict[str, bool] = {}
        self.quotes = {quote.id: quote for quote in dataset.quotes}

    def add(self, path: str, message: str) -> None:
        self.found.add(Problem(path, message))

    @property
    def codes(self) -> _codes.Tables:
        """The code tables of the document's release (read on first use)."""
        return _codes.tables(self.dataset.version)

    def excerpt(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def check_version(self) -> None:
        version = self.dataset.version
        if _versions.parse(version) is None:
            self.add(
                "$.version",
                f"expected a version like '1.0.0' (no leading zeros, at most "
                f"{_versions.MAX_DIGITS} digits a part), got {_versions.shown(version)}",
            )

    def check_ids(self) -> None:
        source = self.dataset.source
        kinds = self.kinds  # the kind of each id's first record
        kinds[source.id] = type(source)
        count = 1
        for _, group in self.groups:
            count += len(group)
            for record in group:
                kinds.setdefault(record.id, type(record))
        if len(kinds) < count:  # an id is used twice: walk again, building paths
            self.locate_repeated_ids()

    def locate_repeated_ids(self) -> None:
        first: dict[str, object] = {self.dataset.source.id: "$.source"}
        for kind, group in self.groups:
            for index, record in enumerate(group):
                path = _where(kind, index)
                if record.id in first:
                    self.add(
                        f"{path}.id", f"id {record.id!r} is already used at {first[record.id]}"
                    )
                else:
                    first[record.id] = path

    def check_spans(self) -> None:
        size = len(self.text)
        # Spans are checked first and located only when one fails: most never do.
        if _ends_past(self.dataset.source, size):
            self.locate_spans_past("$.source", self.dataset.source)
        for kind, group in self.groups:
            for index, record in enumerate(group):
                if _ends_past(record, size):
                    self.locate_spans_past(_where(kind, index), record)

    def locate_spans_past(self, record_path: object, record: Any) -> None:
        size = len(self.text)
        for path, span in _values(record_path, record, _is_span):
            if span.end > size:
                self.add(
                    path, f"span {span.start}..{span.end} ends past the text ({size} characters)"
                )

    def refers(self, path: str, target: str, *kinds: type) -> None:
        kind = self.kinds.get(target)
        if kind is None:
            self.add(path, f"refers to {target!r}, which no record has as its id")
        elif kind not in kinds:
            names = " or ".join(k.__name__ for k in kinds)
            self.add(path, f"refers to {target!r}, a {kind.__name__}, where a {names} belongs")

    def equals(self, span: Span, text: str) -> bool:
        """Say whether *span*'s excerpt is *text*, reading at most ``len(text)`` characters.

        No excerpt is copied: a long span compared with a short text costs
        nothing, so the checks stay linear in the document's size.
        """
        return span.end - span.start == len(text) and self.text.startswith(text, span.start)

    def verbatim(self, path: str, text: str, span: Span, what: str) -> None:
        if span.end <= len(self.text) and not self.equals(span, text):
            excerpt = _shown(self.excerpt(span))
            self.add(path, f"{what} {_shown(text)} differs from its span's text {excerpt}")

    @functools.cached_property
    def folded(self) -> str | None:
        """The text case folded, or ``None`` if folding moves offsets (``ß`` becomes ``ss``)."""
        folded = self.text.casefold()
        # Folding never shortens a character: the same length means each kept its place.
        return folded if len(folded) == len(self.text) else None

    def found_in(self, needle: str, spans: tuple[Span, ...]) -> bool:
        """Say whether the case-folded *needle* occurs inside one of *spans*.

        Spans are taken by start, and the text is searched forward once from
        one occurrence to the next, without copying an excerpt: a record
        with many long spans costs a scan of the text, not of every span.
        """
        folded, size = self.folded, len(needle)
        if folded is None:
            return any(needle in self.excerpt(span).casefold() for span in spans)
        found = -1  # the first occurrence at or after the last search's start
        for span in sorted(spans, key=lambda span: span.start):
            if span.end - span.start < size:
                continue
            if found < span.start:
                found = folded.find(needle, span.start)
                if found < 0:
                    return False
            if found + size <= span.end:
                return True
        return False

    def occurs(self, path: str, text: str, spans: tuple[Span, ...], what: str) -> None:
        if not self.found_in(text.casefold(), spans):
            self.add(path, f"{what} {_shown(text)} occurs in none of the record's spans")

    def check_names(self, path: str, record: Organization | Participant | Entity) -> None:
        names = {record.name, *record.aliases}
        lengths = {len(name) for name in names}
        for index, span in enumerate(record.mentions):
            # An excerpt is copied only when its length is a name's: the copy costs what
            # the name does, never a long span's length.
            fine = span.end - span.start in lengths and self.excerpt(span) in names
            if span.end <= len(self.text) and not fine:
                self.add(
                    f"{path}.mentions[{index}]",
                    f"mention {_shown(self.excerpt(span))} is neither the name nor an alias",
                )

    def check_name_keys(self) -> None:
        owner: dict[str, int] = {}
        for index, person in enumerate(self.dataset.participants):
            external = (name.text for name in person.names)
            for name in (person.name, *person.aliases, *external):
                first = owner.setdefault(lookalike_key(name), index)
                if first != index:
                    self.add(
                        f"$.participants[{index}]",
                        f"name {name!r} matches a name of $.participants[{first}] "
                        "(names are compared as they look: ignoring case, spaces, hyphens, "
                        "full stops, invisible characters and look-alike letters)",
                    )

    def check_visit(self, path: str, visit: Visit) -> None:
        self.refers(f"{path}.visitor_id", visit.visitor_id, Participant)
        self.refers(f"{path}.visitor_organization_id", visit.visitor_organization_id, Organization)
        self.refers(f"{path}.host_id", visit.host_id, Organization)
        self.verbatim(f"{path}.purpose", visit.purpose, visit.purpose_span, "purpose")
        self.occurs(f"{path}.place", visit.place, visit.spans, "place")
        dates = visit.dates
        if dates is not None:
            if not dates.start <= visit.reported_date <= dates.end:
                self.add(
                    f"{path}.dates",
                    f"the reported date {visit.reported_date} falls outside "
                    f"{dates.start}..{dates.end}",
                )
            if (dates.end - dates.start).days + 1 != visit.duration_days:
                self.add(
                    f"{path}.dates",
                    f"{dates.start}..{dates.end} is not {visit.duration_days} day(s), "
                    "the stated length",
                )

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
        if _overlap(quote.span, quote.attribution_span):
            self.add(f"{path}.attribution_span", "overlaps the quotation it attributes")
        self.refers(f"{path}.speaker_id", quote.speaker_id, Participant)
        for index, topic_id in enumerate(quote.topic_ids):
            self.refers(f"{path}.topic_ids[{index}]", topic_id, CooperationArea, Position)

    def check_citations(self, where: _Where, record: Any) -> None:
        for value_path, value in _values(where, record, _cites):
            self.refers(f"{value_path}.reference_id", value.reference_id, Reference)
            if isinstance(value, ActorCode):
                self.found.extend(_codes.actor_code_problems(value_path, value, self.codes))

    def check_event(self, path: str, event: Event) -> None:
        if event.parent_id is not None:
            self.refers(f"{path}.parent_id", event.parent_id, Event)
            if self.in_cycle(event.parent_id):
                self.add(f"{path}.parent_id", "parents form a cycle")
        for key in ("actor_ids", "recipient_ids"):
            for index, target in enumerate(getattr(event, key)):
                self.refers(f"{path}.{key}[{index}]", target, Organization, Participant)
        if event.date_reference_id is not None:
            self.refers(f"{path}.date_reference_id", event.date_reference_id, Reference)
        if event.cameo is not None:
            self.found.extend(_codes.cameo_problems(f"{path}.cameo", event.cameo, self.codes))
        if event.plover is not None:
            self.found.extend(_codes.plover_problems(f"{path}.plover", event.plover, self.codes))

    def in_cycle(self, event_id: str) -> bool:
        """Say whether following parents from *event_id* comes back to an event already met.

        Each event's answer is worked out once and kept: a chain of n events
        costs n steps in all, not n steps for each of them.
        """
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = event_id
        while current is not None and current not in self.cyclic:
            if current in on_path:
                answer = True
                break
            path.append(current)
            on_path.add(current)
            event = self.events.get(current)
            current = None if event is None else event.parent_id
        else:
            answer = current is not None and self.cyclic[current]
        for seen in path:
            self.cyclic[seen] = answer
        return answer

    def check_statement(self, path: str, statement: Statement) -> None:
        self.refers(f"{path}.speaker_id", statement.speaker_id, Participant)
        if _overlap(statement.span, statement.attribution_span):
            self.add(f"{path}.attribution_span", "overlaps the statement it attributes")
        if statement.quote_id is not None:
            self.refers(f"{path}.quote_id", statement.quote_id, Quote)
            quote = self.quotes.get(statement.quote_id)
            if quote is not None:
                inside = statement.span.start <= quote.span.start
                inside = inside and quote.span.end <= statement.span.end
                if not inside:
                    self.add(f"{path}.quote_id", "the quotation lies outside the statement's span")
                if quote.speaker_id != statement.speaker_id:
                    self.add(f"{path}.quote_id", "the quotation has another speaker")
        for index, event_id in enumerate(statement.event_ids):
            self.refers(f"{path}.event_ids[{index}]", event_id, Event)

    def check_entity(self, path: str, entity: Entity) -> None:
        self.check_names(path, entity)
        if entity.within_id is not None:
            self.refers(f"{path}.within_id", entity.within_id, Organization)

    def check_schema_3(self) -> None:
        for index, statement in enumerate(self.dataset.statements):
            self.check_statement(f"$.statements[{index}]", statement)
        for index, entity in enumerate(self.dataset.entities):
            self.check_entity(f"$.entities[{index}]", entity)

    def run(self) -> Collector:
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
        topics = {CooperationArea, Position}
        kind_of = self.kinds.get
        for index, quote in enumerate(dataset.quotes):
            # The common case, checked without building a single path string.
            fine = (
                self.equals(quote.span, quote.text)
                and not _overlap(quote.span, quote.attribution_span)
                and kind_of(quote.speaker_id) is Participant
                and topics.issuperset(map(kind_of, quote.topic_ids))
            )
            if not fine:
                self.check_quote(f"$.quotes[{index}]", quote)
        for index, area in enumerate(dataset.cooperation_areas):
            self.occurs(f"$.cooperation_areas[{index}].name", area.name, area.spans, "name")
        for index, position in enumerate(dataset.positions):
            path = f"$.positions[{index}]"
            self.refers(f"{path}.holder_id", position.holder_id, Organization, Participant)
            self.refers(f"{path}.subject_id", position.subject_id, Organization)
        for kind, group in self.groups:
            for index, record in enumerate(group):
                if _fields_holding(record.__class__, _cites):  # most records cite nothing
                    self.check_citations(_where(kind, index), record)
        for index, event in enumerate(dataset.events):
            self.check_event(f"$.events[{index}]", event)
        self.check_schema_3()
        return self.found


def check(dataset: Dataset) -> Collector:
    """Return the cross-record problems of *dataset*, in document order, capped."""
    return _Checker(dataset).run()
