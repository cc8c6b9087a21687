"""Hypothesis strategies for every nato-rok record, and for whole datasets.

Needs the ``hypothesis`` extra (``pip install "nato-rok[hypothesis]"``). Use
them to property-test your own code against any valid dataset, not just the
bundled one:

>>> from hypothesis import given, settings
>>> from nato_rok import strategies
>>> @settings(max_examples=10, deadline=None)
... @given(strategies.datasets())
... def test_every_quote_is_its_span(ds):
...     for quote in ds.quotes:
...         assert ds.excerpt(quote.span) == quote.text
>>> test_every_quote_is_its_span()

The record strategies (:func:`spans`, :func:`quotes`, ...) build records
that satisfy their own rules; :func:`datasets` builds whole datasets that
also pass every cross-record check of :func:`nato_rok.loads`.

.. versionadded:: 1.0.0
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

import attrs
from hypothesis import strategies as st

from nato_rok import _unicode
from nato_rok._names import lookalike_key
from nato_rok.dataset import Dataset, Record
from nato_rok.events import CameoCoding, DateBasis, Event, PloverCoding
from nato_rok.external import (
    ActorCode,
    CodeScheme,
    DateRange,
    ExternalName,
    NameKind,
    Reference,
    ReferenceKind,
)
from nato_rok.model import (
    CooperationArea,
    CooperationKind,
    Entity,
    EntityKind,
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
from nato_rok.statements import Statement, StatementKind

__all__ = [
    "actor_codes",
    "cameo_codings",
    "cooperation_areas",
    "datasets",
    "date_ranges",
    "documents",
    "entities",
    "events",
    "external_names",
    "ids",
    "meetings",
    "organizations",
    "participants",
    "plover_codings",
    "positions",
    "quotes",
    "records",
    "references",
    "sources",
    "spans",
    "statements",
    "texts",
    "urls",
    "visits",
]

_MAX_OFFSET = 10_000


def ids() -> st.SearchStrategy[str]:
    """Slug ids such as ``park-geun-hye``."""
    part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=3).map("-".join)


def texts() -> st.SearchStrategy[str]:
    """Non-blank one-line text of any characters the character policy allows."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Co", "Zl", "Zp"))
    return (
        st.text(alphabet, min_size=1, max_size=20)
        .filter(str.strip)
        .filter(lambda text: _unicode.flaw(text, one_line=True) is None)
    )


def urls() -> st.SearchStrategy[str]:
    """``http`` and ``https`` URLs."""
    return st.builds("{}://{}.example/{}".format, st.sampled_from(("http", "https")), ids(), ids())


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
        url=urls(),
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
        duration_days=st.integers(1, 400),
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
    return (
        st.tuples(ids(), ids())
        .filter(lambda pair: pair[0] != pair[1])
        .flatmap(
            lambda pair: st.builds(
                Position,
                id=ids(),
                holder_id=st.just(pair[0]),
                subject_id=st.just(pair[1]),
                stance=st.sampled_from(Stance),
                spans=_span_tuple(),
            )
        )
    )


def statements() -> st.SearchStrategy[Statement]:
    """Statement records (a direct statement always names its quotation).

    .. versionadded:: 1.2.0
    """
    return st.sampled_from(StatementKind).flatmap(
        lambda kind: st.builds(
            Statement,
            id=ids(),
            speaker_id=ids(),
            kind=st.just(kind),
            span=spans(),
            attribution_span=spans(),
            quote_id=ids() if kind is StatementKind.DIRECT else st.none() | ids(),
            date=st.none() | st.dates(),
            event_ids=st.lists(ids(), max_size=2, unique=True).map(tuple),
        )
    )


def entities() -> st.SearchStrategy[Entity]:
    """Entity records (places, regions, funds).

    .. versionadded:: 1.2.0
    """
    return st.builds(
        Entity,
        id=ids(),
        name=texts(),
        aliases=_unique_texts(),
        kind=st.sampled_from(EntityKind),
        mentions=st.lists(spans(), min_size=1, max_size=3, unique=True).map(tuple),
        spans=_span_tuple(),
        within_id=st.none() | ids(),
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


def datasets(
    max_records: int = 4, schema_versions: tuple[int, ...] = (1, 2, 3)
) -> st.SearchStrategy[Dataset]:
    """Whole datasets that pass every check of :func:`nato_rok.loads`.

    Args:
        max_records: The most records of each kind to generate.
        schema_versions: The schemas to generate datasets of. Schema 2 adds
            references, events, external names, codes and visit dates;
            schema 3 adds statements and entities.

    Returns:
        A strategy of :class:`~nato_rok.Dataset`.

    .. versionchanged:: 1.2.0 Schema 3, generated by default.
    """
    chosen = []
    base = _schema_1(max_records)
    if 1 in schema_versions:
        chosen.append(base)
    enriched = base.flatmap(lambda dataset: _schema_2(dataset, max_records))
    if 2 in schema_versions:
        chosen.append(enriched)
    if 3 in schema_versions:
        chosen.append(enriched.flatmap(lambda dataset: _schema_3(dataset, max_records)))
    return st.one_of(chosen)


@st.composite
def _schema_1(draw: Any, max_records: int) -> Dataset:
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
            unique_by=lambda names: lookalike_key(names[0]),
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
    positions_ = []
    for _ in range(draw(st.integers(0, 2))):
        subject_id = draw(st.sampled_from(org_ids))
        holders = [record_id for record_id in org_ids + person_ids if record_id != subject_id]
        positions_.append(
            Position(
                id=take(),
                holder_id=draw(st.sampled_from(holders)),  # never the subject itself
                subject_id=subject_id,
                stance=draw(st.sampled_from(Stance)),
                spans=(out.put(draw(texts())),),
            )
        )
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
        url=draw(urls()),
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
            if owner.setdefault(lookalike_key(name), index) != index:
                return False
    return True


@st.composite
def _schema_3(draw: Any, dataset: Dataset, max_records: int) -> Dataset:
    """Add statements (around the quotations) and entities (at mentions) to a dataset."""
    events_ = [event.id for event in dataset.events]
    statements_ = []
    for index, quote in enumerate(dataset.quotes[:max_records]):
        direct = draw(st.booleans())
        statements_.append(
            Statement(
                id=f"reported-statement-number-{index}",
                speaker_id=quote.speaker_id,
                kind=StatementKind.DIRECT if direct else StatementKind.INDIRECT,
                span=quote.span,
                attribution_span=quote.attribution_span,
                quote_id=quote.id if direct or draw(st.booleans()) else None,
                date=draw(st.none() | st.dates()),
                event_ids=tuple(draw(st.lists(st.sampled_from(events_), unique=True)))
                if events_
                else (),
            )
        )
    text = dataset.source.text
    org_ids = [organization.id for organization in dataset.organizations]
    entities_ = []
    for index, organization in enumerate(dataset.organizations[:max_records]):
        mention = organization.mentions[0]
        entities_.append(
            Entity(
                id=f"named-entity-number-{index}",
                name=text[mention.start : mention.end],
                aliases=(),
                kind=draw(st.sampled_from(EntityKind)),
                mentions=(mention,),
                spans=(mention,),
                within_id=draw(st.none() | st.sampled_from(org_ids)),
            )
        )
    return attrs.evolve(
        dataset, schema_version=3, statements=tuple(statements_), entities=tuple(entities_)
    )


def documents(max_records: int = 4) -> st.SearchStrategy[str]:
    """Canonical JSON texts of valid datasets (see :func:`datasets`)."""
    from nato_rok._document import dumps

    return datasets(max_records=max_records).map(dumps)


def references() -> st.SearchStrategy[Reference]:
    """Generate reference records."""
    optional = st.none() | texts()
    return st.builds(
        Reference,
        id=ids(),
        kind=st.sampled_from(ReferenceKind),
        title=texts(),
        publisher=texts(),
        url=st.none() | urls(),
        excerpt=optional,
        note=optional,
    )


def _nfc_texts() -> st.SearchStrategy[str]:
    return texts().map(lambda text: unicodedata.normalize("NFC", text)).filter(str.strip)


def cameo_codings(version: str | None = None) -> st.SearchStrategy[CameoCoding]:
    """CAMEO codings drawn from the shipped code table, names and weights included.

    Args:
        version: The dataset release whose code tables to draw from (the
            newest when ``None``).

    .. versionchanged:: 1.2.0 The *version* argument.
    """
    from nato_rok._codes import tables

    events = tables(version).cameo_events
    codes = sorted(events)
    return st.builds(
        lambda code, alternatives: CameoCoding(
            code=code,
            name=events[code].name,
            goldstein=events[code].goldstein,
            alternatives=tuple(a for a in alternatives if a != code),
        ),
        st.sampled_from(codes),
        st.lists(st.sampled_from(codes), max_size=2, unique=True),
    )


def plover_codings(version: str | None = None) -> st.SearchStrategy[PloverCoding]:
    """PLOVER codings drawn from the shipped table: a type, one of its modes, contexts.

    Args:
        version: The dataset release whose code tables to draw from (the
            newest when ``None``).

    .. versionchanged:: 1.2.0 The *version* argument.
    """
    from nato_rok._codes import tables

    table = tables(version)
    return st.sampled_from(sorted(table.plover_modes)).flatmap(
        lambda event: st.builds(
            PloverCoding,
            event=st.just(event),
            mode=st.none() | st.sampled_from(sorted(table.plover_modes[event]))
            if table.plover_modes[event]
            else st.none(),
            contexts=st.lists(
                st.sampled_from(sorted(table.plover_contexts)), max_size=2, unique=True
            ).map(tuple),
        )
    )


def external_names() -> st.SearchStrategy[ExternalName]:
    """ExternalName values (NFC text)."""
    return st.builds(
        ExternalName, text=_nfc_texts(), kind=st.sampled_from(NameKind), reference_id=ids()
    )


def actor_codes(version: str | None = None) -> st.SearchStrategy[ActorCode]:
    """ActorCode values valid for their scheme (CAMEO codes from the shipped table).

    Args:
        version: The dataset release whose code tables to draw from (the
            newest when ``None``).

    .. versionchanged:: 1.2.0 The *version* argument.
    """
    from nato_rok._codes import tables

    table = tables(version)
    return st.one_of(
        st.builds(
            ActorCode,
            scheme=st.just(CodeScheme.CAMEO_ACTOR),
            code=st.sampled_from(sorted(table.cameo_actors)),
            reference_id=ids(),
        ),
        st.builds(
            ActorCode,
            scheme=st.just(CodeScheme.CAMEO_SECTOR),
            code=st.sampled_from(sorted(table.cameo_sectors)),
            reference_id=ids(),
        ),
        st.builds(
            ActorCode,
            scheme=st.just(CodeScheme.ISO_3166_1_ALPHA_3),
            code=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
            reference_id=ids(),
        ),
    )


def date_ranges() -> st.SearchStrategy[DateRange]:
    """DateRange values, end not before start."""
    return st.builds(
        lambda start, days, reference_id: DateRange(
            start=start, end=start + datetime.timedelta(days=days), reference_id=reference_id
        ),
        st.dates(max_value=_LAST_DATE),
        st.integers(0, 30),
        ids(),
    )


_LAST_DATE = datetime.date(9000, 1, 1)


@st.composite
def _event(
    draw: Any,
    event_id: str,
    *,
    actors: list[str],
    references: list[str],
    parents: list[str],
    max_end: int,
    version: str | None = None,
) -> Event:
    basis = draw(st.sampled_from(DateBasis))
    date = None if basis is DateBasis.UNKNOWN else draw(st.dates(max_value=_LAST_DATE))
    end_date = None
    if date is not None and draw(st.booleans()):
        end_date = date + datetime.timedelta(days=draw(st.integers(0, 9)))
    cameo = draw(st.none() | cameo_codings(version))
    plover = draw(st.none() | plover_codings(version))
    needs_note = cameo is None or plover is None
    actor_ids = tuple(draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True)))
    others = [actor for actor in actors if actor not in actor_ids]  # never both actor and recipient
    recipient_ids = (
        tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))) if others else ()
    )
    return Event(
        id=event_id,
        parent_id=draw(st.none() | st.sampled_from(parents)) if parents else None,
        label=draw(texts()),
        actor_ids=actor_ids,
        recipient_ids=recipient_ids,
        date=date,
        end_date=end_date,
        date_basis=basis,
        date_reference_id=draw(st.sampled_from(references))
        if basis is DateBasis.EXTERNAL
        else None,
        historical=draw(st.booleans()),
        cameo=cameo,
        plover=plover,
        note=draw(texts()) if needs_note else draw(st.none() | texts()),
        spans=(draw(spans(max_end=max_end)),),
    )


def events() -> st.SearchStrategy[Event]:
    """Event records (their references need not resolve)."""
    return st.tuples(ids(), st.lists(ids(), min_size=1, max_size=3), ids()).flatmap(
        lambda drawn: _event(
            drawn[0], actors=drawn[1], references=[drawn[2]], parents=[], max_end=_MAX_OFFSET
        )
    )


def records() -> st.SearchStrategy[Record]:
    """Any one :data:`~nato_rok.Record`, of every type ``Dataset.records()`` holds.

    An organization, participant, visit, meeting, quotation, cooperation
    area, position, reference, event, statement or entity (their references
    need not resolve). The source has its own strategy, :func:`sources`.

    .. versionadded:: 1.2.0
    """
    return st.one_of(
        organizations(),
        participants(),
        visits(),
        meetings(),
        quotes(),
        cooperation_areas(),
        positions(),
        references(),
        events(),
        statements(),
        entities(),
    )


@st.composite
def _schema_2(draw: Any, dataset: Dataset, max_records: int) -> Dataset:
    """Add references, external names, codes, dates and events to a schema 1 dataset."""
    # Four-part ids: ids() makes at most three parts, so these never collide.
    refs = [
        attrs.evolve(ref, id=f"external-reference-number-{index}")
        for index, ref in enumerate(draw(st.lists(references(), min_size=1, max_size=3)))
    ]
    ref_ids = [ref.id for ref in refs]
    with_refs = st.sampled_from(ref_ids)
    keys = {
        lookalike_key(name)
        for person in dataset.participants
        for name in (person.name, *person.aliases)
    }
    people = []
    for person in dataset.participants:
        names = []
        for name in draw(st.lists(external_names(), max_size=2)):
            if lookalike_key(name.text) not in keys:  # names stay unambiguous, look-alikes too
                keys.add(lookalike_key(name.text))
                names.append(attrs.evolve(name, reference_id=draw(with_refs)))
        codes = draw(
            st.lists(
                actor_codes(dataset.version), max_size=2, unique_by=lambda c: (c.scheme, c.code)
            )
        )
        people.append(
            attrs.evolve(
                person,
                names=tuple(names),
                codes=tuple(attrs.evolve(c, reference_id=draw(with_refs)) for c in codes),
            )
        )
    organizations = []
    for organization in dataset.organizations:
        codes = draw(
            st.lists(
                actor_codes(dataset.version), max_size=2, unique_by=lambda c: (c.scheme, c.code)
            )
        )
        organizations.append(
            attrs.evolve(
                organization,
                codes=tuple(attrs.evolve(c, reference_id=draw(with_refs)) for c in codes),
            )
        )
    visit = dataset.visit
    dates = None
    if draw(st.booleans()):  # the stated length, around the reported date
        start = visit.reported_date - datetime.timedelta(
            days=draw(st.integers(0, visit.duration_days - 1))
        )
        end = start + datetime.timedelta(days=visit.duration_days - 1)
        dates = DateRange(start=start, end=end, reference_id=draw(with_refs))
    actors = [o.id for o in organizations] + [p.id for p in people]
    events_: list[Event] = []
    for index in range(draw(st.integers(0, max_records))):
        events_.append(
            draw(
                _event(
                    f"coded-event-number-{index}",
                    actors=actors,
                    references=ref_ids,
                    parents=[event.id for event in events_],
                    max_end=len(dataset.source.text),
                    version=dataset.version,
                )
            )
        )
    return attrs.evolve(
        dataset,
        schema_version=2,
        organizations=tuple(organizations),
        participants=tuple(people),
        visit=attrs.evolve(visit, dates=dates),
        references=tuple(refs),
        events=tuple(events_),
    )
