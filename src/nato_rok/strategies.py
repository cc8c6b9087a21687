"""Hypothesis strategies for every nato-rok record, and for whole datasets.

Needs the ``hypothesis`` extra (``pip install "nato-rok[hypothesis]"``). Use
them to property-test your own code against any valid dataset, not just the
bundled one::

    from hypothesis import given
    from nato_rok import strategies

    @given(strategies.datasets())
    def test_my_report_never_crashes(ds):
        my_report(ds)

The record strategies (:func:`spans`, :func:`quotes`, ...) build records
that satisfy their own rules; :func:`datasets` builds whole datasets that
also pass every cross-record check of :func:`nato_rok.loads`.

.. versionadded:: 1.0.0
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from nato_rok._names import name_key
from nato_rok.dataset import Dataset
from nato_rok.model import (
    CooperationArea,
    CooperationKind,
    Meeting,
    MeetingAttestation,
    MeetingKind,
    Organization,
    OrganizationKind,
    Participant,
    Position,
    Quote,
    QuoteKind,
    Source,
    Span,
    Stance,
    Visit,
)

__all__ = [
    "cooperation_areas",
    "datasets",
    "documents",
    "ids",
    "meetings",
    "organizations",
    "participants",
    "positions",
    "quotes",
    "sources",
    "spans",
    "texts",
    "visits",
]

_MAX_OFFSET = 10_000


def ids() -> st.SearchStrategy[str]:
    """Slug ids such as ``park-geun-hye``."""
    part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=3).map("-".join)


def texts() -> st.SearchStrategy[str]:
    """Non-blank text of any Unicode characters but surrogates."""
    alphabet = st.characters(codec="utf-8")
    return st.text(alphabet, min_size=1, max_size=20).filter(str.strip)


def spans(max_end: int = _MAX_OFFSET) -> st.SearchStrategy[Span]:
    """Spans with ``0 <= start < end <= max_end``."""
    return (
        st.tuples(st.integers(0, max_end - 1), st.integers(1, max_end))
        .filter(lambda pair: pair[0] < pair[1])
        .map(lambda pair: Span(start=pair[0], end=pair[1]))
    )


def _span_tuple(min_size: int = 1) -> st.SearchStrategy[tuple[Span, ...]]:
    return st.lists(spans(), min_size=min_size, max_size=3, unique=True).map(tuple)


def _unique_texts(min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), min_size=min_size, max_size=3, unique=True).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    """Source records (their spans need not fit their text)."""
    return st.builds(
        Source,
        id=ids(),
        title=texts(),
        publisher=texts(),
        published=st.dates(),
        url=texts(),
        language=texts(),
        text=texts(),
        spans=_span_tuple(),
    )


def organizations() -> st.SearchStrategy[Organization]:
    """Organization records."""
    return st.builds(
        Organization,
        id=ids(),
        name=texts(),
        aliases=_unique_texts(),
        kind=st.sampled_from(OrganizationKind),
        mentions=_span_tuple(0),
        spans=_span_tuple(),
    )


def participants() -> st.SearchStrategy[Participant]:
    """Participant records."""
    return st.builds(
        Participant,
        id=ids(),
        name=texts(),
        aliases=_unique_texts(),
        role=texts(),
        affiliation_id=ids(),
        mentions=_span_tuple(),
        spans=_span_tuple(),
    )


def visits() -> st.SearchStrategy[Visit]:
    """Visit records."""
    return st.builds(
        Visit,
        id=ids(),
        visitor_id=ids(),
        visitor_organization_id=ids(),
        host_id=ids(),
        place=texts(),
        reported_date=st.dates(),
        duration_days=st.integers(0, 400),
        long_planned=st.booleans(),
        first_ever=st.booleans(),
        purpose=texts(),
        purpose_span=spans(),
        spans=_span_tuple(),
    )


def meetings() -> st.SearchStrategy[Meeting]:
    """Meeting records."""
    return st.builds(
        Meeting,
        id=ids(),
        visit_id=ids(),
        kind=st.sampled_from(MeetingKind),
        attested=st.sampled_from(MeetingAttestation),
        participant_ids=st.lists(ids(), min_size=1, max_size=3, unique=True).map(tuple),
        unnamed_participants=st.none() | texts(),
        spans=_span_tuple(),
    )


def quotes() -> st.SearchStrategy[Quote]:
    """Quote records (their text need not match their span)."""
    return st.builds(
        Quote,
        id=ids(),
        text=texts(),
        span=spans(),
        speaker_id=ids(),
        kind=st.sampled_from(QuoteKind),
        attribution_span=spans(),
        topic_ids=st.lists(ids(), max_size=3, unique=True).map(tuple),
    )


def cooperation_areas() -> st.SearchStrategy[CooperationArea]:
    """CooperationArea records."""
    return st.builds(
        CooperationArea,
        id=ids(),
        name=texts(),
        kind=st.sampled_from(CooperationKind),
        spans=_span_tuple(),
    )


def positions() -> st.SearchStrategy[Position]:
    """Position records."""
    return st.builds(
        Position,
        id=ids(),
        holder_id=ids(),
        subject_id=ids(),
        stance=st.sampled_from(Stance),
        spans=_span_tuple(),
    )


class _Writer:
    """Assembles a source text piece by piece, returning each piece's span."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.parts: list[str] = []
        self.size = 0

    def put(self, piece: str) -> Span:
        filler = self.draw(st.text(" \n.,;:“”’", max_size=3))
        self.parts.append(filler)
        start = self.size + len(filler)
        self.parts.append(piece)
        self.size = start + len(piece)
        return Span(start=start, end=self.size)

    def text(self) -> str:
        return "".join(self.parts)


@st.composite
def datasets(draw: Any, max_records: int = 4) -> Dataset:
    """Whole datasets that pass every check of :func:`nato_rok.loads`.

    Args:
        draw: Supplied by Hypothesis; callers do not pass it.
        max_records: The most records of each kind to generate.

    Returns:
        A strategy of :class:`~nato_rok.Dataset`.
    """
    out = _Writer(draw)
    size = st.integers(1, max_records)
    all_ids = draw(st.lists(ids(), min_size=5 + 5 * max_records, unique=True))
    take = iter(all_ids).__next__

    title = draw(texts())
    source_spans = (out.put(title),)
    organizations_ = []
    for _ in range(draw(size)):
        name, *aliases = draw(_unique_texts(min_size=1))
        mentions = tuple(out.put(draw(st.sampled_from([name, *aliases]))) for _ in range(2))
        organizations_.append(
            Organization(
                id=take(),
                name=name,
                aliases=tuple(aliases),
                kind=draw(st.sampled_from(OrganizationKind)),
                mentions=tuple(dict.fromkeys(mentions)),
                spans=(mentions[0],),
            )
        )
    org_ids = [org.id for org in organizations_]
    people_names = draw(
        st.lists(
            _unique_texts(min_size=1),
            min_size=1,
            max_size=max_records,
            unique_by=lambda names: name_key(names[0]),
        ).filter(_distinct_keys)
    )
    participants_ = []
    for name, *aliases in people_names:
        mention = out.put(draw(st.sampled_from([name, *aliases])))
        participants_.append(
            Participant(
                id=take(),
                name=name,
                aliases=tuple(aliases),
                role=draw(texts()),
                affiliation_id=draw(st.sampled_from(org_ids)),
                mentions=(mention,),
                spans=(out.put(draw(texts())),),
            )
        )
    person_ids = [person.id for person in participants_]
    place, purpose = draw(texts()), draw(texts())
    place_span, purpose_span = out.put(place), out.put(purpose)
    visit = Visit(
        id=take(),
        visitor_id=draw(st.sampled_from(person_ids)),
        visitor_organization_id=draw(st.sampled_from(org_ids)),
        host_id=draw(st.sampled_from(org_ids)),
        place=place,
        reported_date=draw(st.dates(datetime.date(1949, 4, 4), datetime.date(2100, 1, 1))),
        duration_days=draw(st.integers(1, 30)),
        long_planned=draw(st.booleans()),
        first_ever=draw(st.booleans()),
        purpose=purpose,
        purpose_span=purpose_span,
        spans=(place_span, purpose_span),
    )
    areas = []
    for _ in range(draw(st.integers(0, max_records))):
        name = draw(texts())
        areas.append(
            CooperationArea(
                id=take(),
                name=name,
                kind=draw(st.sampled_from(CooperationKind)),
                spans=(out.put(name),),
            )
        )
    positions_ = [
        Position(
            id=take(),
            holder_id=draw(st.sampled_from(org_ids + person_ids)),
            subject_id=draw(st.sampled_from(org_ids)),
            stance=draw(st.sampled_from(Stance)),
            spans=(out.put(draw(texts())),),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    topics = [area.id for area in areas] + [position.id for position in positions_]
    meetings_ = []
    for _ in range(draw(st.integers(0, max_records))):
        unnamed = draw(st.none() | texts())
        meetings_.append(
            Meeting(
                id=take(),
                visit_id=visit.id,
                kind=draw(st.sampled_from(MeetingKind)),
                attested=draw(st.sampled_from(MeetingAttestation)),
                participant_ids=tuple(
                    draw(st.lists(st.sampled_from(person_ids), min_size=1, max_size=3, unique=True))
                ),
                unnamed_participants=unnamed,
                spans=(out.put(unnamed if unnamed is not None else draw(texts())),),
            )
        )
    quotes_ = []
    for _ in range(draw(st.integers(0, max_records))):
        passage = draw(texts())
        quotes_.append(
            Quote(
                id=take(),
                text=passage,
                span=out.put(passage),
                speaker_id=draw(st.sampled_from(person_ids)),
                kind=draw(st.sampled_from(QuoteKind)),
                attribution_span=out.put(draw(texts())),
                topic_ids=tuple(draw(st.lists(st.sampled_from(topics), max_size=2, unique=True)))
                if topics
                else (),
            )
        )
    source = Source(
        id=take(),
        title=title,
        publisher=draw(texts()),
        published=draw(st.dates()),
        url=draw(texts()),
        language=draw(texts()),
        text=out.text() + draw(texts()),
        spans=source_spans,
    )
    return Dataset(
        schema_version=1,
        version=draw(
            st.from_regex(r"(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]?)\.(0|[1-9])", fullmatch=True)
        ),
        license=draw(st.sampled_from(["CC-BY-4.0", "CC0-1.0"])),
        source=source,
        organizations=tuple(organizations_),
        participants=tuple(participants_),
        visit=visit,
        meetings=tuple(meetings_),
        quotes=tuple(quotes_),
        cooperation_areas=tuple(areas),
        positions=tuple(positions_),
    )


def _distinct_keys(people: list[tuple[str, ...]]) -> bool:
    """No name or alias of one person has the look-up key of another's."""
    owner: dict[str, int] = {}
    for index, names in enumerate(people):
        for name in names:
            if owner.setdefault(name_key(name), index) != index:
                return False
    return True


def documents(max_records: int = 4) -> st.SearchStrategy[str]:
    """Canonical JSON texts of valid datasets (see :func:`datasets`)."""
    from nato_rok._document import dumps

    return datasets(max_records=max_records).map(dumps)
