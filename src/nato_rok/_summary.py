"""The readable summary that ``nato-rok`` prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from nato_rok.dataset import Dataset
from nato_rok.events import Event
from nato_rok.model import (
    CooperationKind,
    Meeting,
    MeetingAttestation,
    Organization,
    Participant,
    QuoteKind,
)

_AREA_HEADINGS = {
    CooperationKind.PROPOSED: "Proposed for closer cooperation",
    CooperationKind.SHARED_CHALLENGE: "Shared security challenges",
    CooperationKind.EXISTING: "Existing cooperation",
}
_ATTESTED = {
    MeetingAttestation.PURPOSE: "stated purpose of the visit",
    MeetingAttestation.HELD: "reported held",
}


def summary(dataset: Dataset) -> str:
    """Return a plain-text summary of *dataset*, ending with a newline."""
    sections = [
        [f"nato-rok dataset release {dataset.version} (schema {dataset.schema_version})"],
        _visit(dataset),
        ["Participants", *map(_participant_line(dataset), dataset.participants)],
        ["Meetings", *(_meeting_line(dataset, meeting) for meeting in dataset.meetings)],
        _quotations(dataset),
        *_areas(dataset),
        *(
            [
                f"Position on {dataset.organization(position.subject_id).name}",
                f"  {_name(dataset, position.holder_id)}: {position.stance.value}",
            ]
            for position in dataset.positions
        ),
    ]
    if dataset.events:
        sections.append(
            [
                f"Coded events ({len(dataset.events)})",
                "  (CAMEO code, PLOVER event/mode, actors -> recipients; 'none': no code in that "
                "scheme, the event's note says why)",
                *(_event_line(dataset, event) for event in dataset.events),
            ]
        )
    if dataset.references:
        sections.append(
            [
                "External references",
                *(f"  {ref.id}: {ref.title} ({ref.publisher})" for ref in dataset.references),
            ]
        )
    source = dataset.source
    sections.append(
        [
            "Source",
            f"  {source.title}",
            f"  {source.publisher}, {source.published.isoformat()}, {source.url}",
            f"  {len(source.text)} characters, language {source.language}",
        ]
    )
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


def _visit(dataset: Dataset) -> list[str]:
    visit = dataset.visit
    visitor = dataset.participant(visit.visitor_id)
    dates = visit.dates
    return [
        "Visit",
        f"  {visitor.name}, {visitor.role} of "
        f"{dataset.organization(visit.visitor_organization_id).name}"
        f" -> {dataset.organization(visit.host_id).name}",
        f"  Where: {visit.place}",
        f"  Reported date: {visit.reported_date.isoformat()} (the article)",
        *([f"  Dates: {dates.start} to {dates.end} ({dates.reference_id})"] if dates else []),
        f"  Length: {visit.duration_days} days" + (", long planned" if visit.long_planned else ""),
        f"  First ever: {'yes' if visit.first_ever else 'no'}",
        f"  Purpose: {visit.purpose}",
    ]


def _participant_line(dataset: Dataset) -> Callable[[Participant], str]:
    def line(person: Participant) -> str:
        organization = dataset.organization(person.affiliation_id).name
        names = [*person.aliases, *(name.text for name in person.names)]
        also = f" (also: {', '.join(names)})" if names else ""
        codes = "".join(f" [{code.code}]" for code in person.codes)
        return f"  {person.name}{also}: {person.role}, {organization}{codes}"

    return line


def _meeting_line(dataset: Dataset, meeting: Meeting) -> str:
    who = " and ".join(dataset.participant(pid).name for pid in meeting.participant_ids)
    others = f", with {meeting.unnamed_participants}" if meeting.unnamed_participants else ""
    return f"  {meeting.kind.value}: {who}{others} ({_ATTESTED[meeting.attested]})"


def _quotations(dataset: Dataset) -> list[str]:
    lines = [f"Quotations ({len(dataset.quotes)})"]
    by_speaker = Counter(quote.speaker_id for quote in dataset.quotes)
    by_kind = Counter((quote.speaker_id, quote.kind) for quote in dataset.quotes)
    for speaker_id, count in by_speaker.items():
        kinds = ", ".join(
            f"{by_kind[speaker_id, kind]} {kind.value}"
            for kind in QuoteKind
            if by_kind[speaker_id, kind]
        )
        lines.append(f"  {dataset.participant(speaker_id).name}: {count} ({kinds})")
    return lines


def _areas(dataset: Dataset) -> list[list[str]]:
    by_kind = [
        (heading, [area.name for area in dataset.cooperation_areas if area.kind is kind])
        for kind, heading in _AREA_HEADINGS.items()
    ]
    return [[heading, *(f"  {name}" for name in names)] for heading, names in by_kind if names]


def _name(dataset: Dataset, record_id: str) -> str:
    record = dataset.record(record_id)
    return record.name if isinstance(record, (Organization, Participant)) else record_id


def _event_line(dataset: Dataset, event: Event) -> str:
    cameo = f"CAMEO {event.cameo.code}" if event.cameo else "CAMEO none"
    plover = event.plover.event if event.plover else "none"
    if event.plover and event.plover.mode:
        plover += f"/{event.plover.mode}"
    who = ", ".join(_name(dataset, actor) for actor in event.actor_ids)
    whom = ", ".join(_name(dataset, recipient) for recipient in event.recipient_ids)
    return f"  {cameo:<10} {'PLOVER ' + plover:<24} {who} -> {whom}: {event.label}"
