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
import functools
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar, cast

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
_LAST_DATE = datetime.date(9000, 1, 1)
_Function = TypeVar("_Function", bound=Callable[..., st.SearchStrategy[Any]])


def _built_once(function: _Function) -> _Function:
    """Build *function*'s strategy once for each set of arguments, as Hypothesis does its own.

    A strategy is immutable, and Hypothesis validates each new one when it is
    first drawn from. The dataset composites below ask for the same strategies
    hundreds of times a draw: built anew each time, a dataset took 1.6 times
    as long to draw (``python -m benchmarks.strategies``).
    """
    return cast(_Function, functools.cache(function))


@_built_once
def ids() -> st.SearchStrategy[str]:
    """Slug ids such as ``park-geun-hye``."""
    part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=3).map("-".join)


@_built_once
def texts() -> st.SearchStrategy[str]:
    """Non-blank one-line text of any characters the character policy allows."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Co", "Zl", "Zp"))
    return (
        st.text(alphabet, min_size=1, max_size=20)
        .filter(str.strip)
        .filter(lambda text: _unicode.flaw(text, one_line=True) is None)
    )


@_built_once
def urls() -> st.SearchStrategy[str]:
    """``http`` and ``https`` URLs."""
    return st.builds("{}://{}.example/{}".format, st.sampled_from(("http", "https")), ids(), ids())


@_built_once
def spans(max_end: int = _MAX_OFFSET) -> st.SearchStrategy[Span]:
    """Spans with ``0 <= start < end <= max_end``."""
    return (
        st.tuples(st.integers(0, max_end - 1), st.integers(1, max_end))
        .filter(lambda pair: pair[0] < pair[1])
        .map(lambda pair: Span(start=pair[0], end=pair[1]))
    )


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
def cooperation_areas() -> st.SearchStrategy[CooperationArea]:
    """CooperationArea records."""
    return st.builds(
        CooperationArea,
        id=ids(),
        name=texts(),
        kind=st.sampled_from(CooperationKind),
        spans=_span_tuple(),
    )


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
def documents(max_records: int = 4) -> st.SearchStrategy[str]:
    """Canonical JSON texts of valid datasets (see :func:`datasets`)."""
    from nato_rok._document import dumps

    return datasets(max_records=max_records).map(dumps)


@_built_once
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


@_built_once
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


@_built_once
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


@_built_once
def external_names() -> st.SearchStrategy[ExternalName]:
    """ExternalName values (NFC text)."""
    return st.builds(
        ExternalName, text=_nfc_texts(), kind=st.sampled_from(NameKind), reference_id=ids()
    )


@_built_once
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


@_built_once
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


@_built_once
def events() -> st.SearchStrategy[Event]:
    """Event records (their references need not resolve)."""
    return st.tuples(ids(), st.lists(ids(), min_size=1, max_size=3), ids()).flatmap(
        lambda drawn: _event(
            drawn[0], actors=drawn[1], references=[drawn[2]], parents=[], max_end=_MAX_OFFSET
        )
    )


@_built_once
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


@_built_once
def _span_tuple(min_size: int = 1) -> st.SearchStrategy[tuple[Span, ...]]:
    return st.lists(spans(), min_size=min_size, max_size=3, unique=True).map(tuple)


@_built_once
def _unique_texts(min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), min_size=min_size, max_size=3, unique=True).map(tuple)


@_built_once
def _nfc_texts() -> st.SearchStrategy[str]:
    return texts().map(lambda text: unicodedata.normalize("NFC", text)).filter(str.strip)


# A whole dataset is drawn record kind by record kind: ``_schema_1`` writes one
# source text through a ``_Draft`` that every ``_<kind>_in`` strategy puts its
# pieces into; ``_schema_2`` and ``_schema_3`` then add what their schemas add.
# Each ``_<kind>_in`` strategy draws that kind's records consistent with the
# records it is given, so any of them can be reused for a consistent draw.


_FILLER = st.text(" \n.,;:“”’", max_size=3)


class _Draft:
    """A source text assembled piece by piece, and the ids still free for records."""

    def __init__(self, free_ids: list[str]) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.take = iter(free_ids).__next__

    def put(self, draw: Any, piece: str) -> Span:
        """Append *piece* after some filler, returning its span."""
        filler = draw(_FILLER)
        self.parts.append(filler)
        start = self.size + len(filler)
        self.parts.append(piece)
        self.size = start + len(piece)
        return Span(start=start, end=self.size)

    def text(self) -> str:
        """Return the text put so far."""
        return "".join(self.parts)


@st.composite
def _schema_1(draw: Any, max_records: int) -> Dataset:
    """Draw a schema 1 dataset, every record anchored to its own pieces of one text."""
    # Enough ids for every record: at most 5 * max_records + 4 of them.
    doc = _Draft(draw(st.lists(ids(), min_size=5 + 5 * max_records, unique=True)))
    title = draw(texts())
    title_span = doc.put(draw, title)
    organizations_ = draw(_organizations_in(doc, max_records))
    org_ids = [organization.id for organization in organizations_]
    participants_ = draw(_participants_in(doc, org_ids, max_records))
    person_ids = [person.id for person in participants_]
    visit = draw(_visit_in(doc, org_ids, person_ids))
    areas = draw(_cooperation_areas_in(doc, max_records))
    positions_ = draw(_positions_in(doc, org_ids, person_ids))
    meetings_ = draw(_meetings_in(doc, visit.id, person_ids, max_records))
    topic_ids = [topic.id for topic in (*areas, *positions_)]
    quotes_ = draw(_quotes_in(doc, person_ids, topic_ids, max_records))
    return Dataset(
        schema_version=1,
        source=draw(_source_in(doc, title, title_span)),
        version=draw(_release_versions()),
        license=draw(st.sampled_from(["CC-BY-4.0", "CC0-1.0"])),
        organizations=organizations_,
        participants=participants_,
        visit=visit,
        meetings=meetings_,
        quotes=quotes_,
        cooperation_areas=areas,
        positions=positions_,
    )


@_built_once
def _release_versions() -> st.SearchStrategy[str]:
    return st.from_regex(r"(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]?)\.(0|[1-9])", fullmatch=True)


@st.composite
def _source_in(draw: Any, doc: _Draft, title: str, title_span: Span) -> Source:
    """Draw the source, its text every piece put so far and a tail of its own."""
    return Source(
        id=doc.take(),
        title=title,
        publisher=draw(texts()),
        published=draw(st.dates()),
        url=draw(urls()),
        language=draw(texts()),
        text=doc.text() + draw(texts()),
        spans=(title_span,),
    )


@st.composite
def _organizations_in(draw: Any, doc: _Draft, max_records: int) -> tuple[Organization, ...]:
    """One to *max_records* organizations, each mentioned twice (maybe at one span)."""
    organizations_ = []
    for _ in range(draw(st.integers(1, max_records))):
        name, *aliases = draw(_unique_texts(min_size=1))
        mentions = tuple(doc.put(draw, draw(st.sampled_from([name, *aliases]))) for _ in range(2))
        organizations_.append(
            Organization(
                id=doc.take(),
                name=name,
                aliases=tuple(aliases),
                kind=draw(st.sampled_from(OrganizationKind)),
                mentions=tuple(dict.fromkeys(mentions)),
                spans=(mentions[0],),
            )
        )
    return tuple(organizations_)


@st.composite
def _participants_in(
    draw: Any, doc: _Draft, org_ids: list[str], max_records: int
) -> tuple[Participant, ...]:
    """One to *max_records* people whose names (look-alikes too) are all distinct."""
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
        mention = doc.put(draw, draw(st.sampled_from([name, *aliases])))
        participants_.append(
            Participant(
                id=doc.take(),
                name=name,
                aliases=tuple(aliases),
                role=draw(texts()),
                affiliation_id=draw(st.sampled_from(org_ids)),
                mentions=(mention,),
                spans=(doc.put(draw, draw(texts())),),
            )
        )
    return tuple(participants_)


def _distinct_keys(people: list[tuple[str, ...]]) -> bool:
    """No name or alias of one person has the look-up key of another's."""
    owner: dict[str, int] = {}
    for index, names in enumerate(people):
        for name in names:
            if owner.setdefault(lookalike_key(name), index) != index:
                return False
    return True


@st.composite
def _visit_in(draw: Any, doc: _Draft, org_ids: list[str], person_ids: list[str]) -> Visit:
    """Draw the visit of one of the people, putting its place and purpose in the text."""
    place, purpose = draw(texts()), draw(texts())
    place_span, purpose_span = doc.put(draw, place), doc.put(draw, purpose)
    return Visit(
        id=doc.take(),
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


@st.composite
def _cooperation_areas_in(draw: Any, doc: _Draft, max_records: int) -> tuple[CooperationArea, ...]:
    """Up to *max_records* areas, each spanning its name."""
    areas = []
    for _ in range(draw(st.integers(0, max_records))):
        name = draw(texts())
        areas.append(
            CooperationArea(
                id=doc.take(),
                name=name,
                kind=draw(st.sampled_from(CooperationKind)),
                spans=(doc.put(draw, name),),
            )
        )
    return tuple(areas)


@st.composite
def _positions_in(
    draw: Any, doc: _Draft, org_ids: list[str], person_ids: list[str]
) -> tuple[Position, ...]:
    """Up to two positions of organizations or people on an organization."""
    positions_ = []
    for _ in range(draw(st.integers(0, 2))):
        subject_id = draw(st.sampled_from(org_ids))
        holders = [record_id for record_id in org_ids + person_ids if record_id != subject_id]
        positions_.append(
            Position(
                id=doc.take(),
                holder_id=draw(st.sampled_from(holders)),  # never the subject itself
                subject_id=subject_id,
                stance=draw(st.sampled_from(Stance)),
                spans=(doc.put(draw, draw(texts())),),
            )
        )
    return tuple(positions_)


@st.composite
def _meetings_in(
    draw: Any, doc: _Draft, visit_id: str, person_ids: list[str], max_records: int
) -> tuple[Meeting, ...]:
    """Up to *max_records* meetings of the visit, spanning their unnamed participants if any."""
    meetings_ = []
    for _ in range(draw(st.integers(0, max_records))):
        unnamed = draw(st.none() | texts())
        participant_ids = st.lists(st.sampled_from(person_ids), min_size=1, max_size=3, unique=True)
        meetings_.append(
            Meeting(
                id=doc.take(),
                visit_id=visit_id,
                kind=draw(st.sampled_from(MeetingKind)),
                attested=draw(st.sampled_from(MeetingAttestation)),
                participant_ids=tuple(draw(participant_ids)),
                unnamed_participants=unnamed,
                spans=(doc.put(draw, unnamed if unnamed is not None else draw(texts())),),
            )
        )
    return tuple(meetings_)


@st.composite
def _quotes_in(
    draw: Any, doc: _Draft, person_ids: list[str], topic_ids: list[str], max_records: int
) -> tuple[Quote, ...]:
    """Up to *max_records* quotations, each its own span's text, on some of the topics."""
    topics = st.lists(st.sampled_from(topic_ids), max_size=2, unique=True) if topic_ids else None
    quotes_ = []
    for _ in range(draw(st.integers(0, max_records))):
        passage = draw(texts())
        quotes_.append(
            Quote(
                id=doc.take(),
                text=passage,
                span=doc.put(draw, passage),
                speaker_id=draw(st.sampled_from(person_ids)),
                kind=draw(st.sampled_from(QuoteKind)),
                attribution_span=doc.put(draw, draw(texts())),
                topic_ids=tuple(draw(topics)) if topics is not None else (),
            )
        )
    return tuple(quotes_)


@st.composite
def _schema_2(draw: Any, dataset: Dataset, max_records: int) -> Dataset:
    """Add references, external names, codes, dates and events to a schema 1 dataset."""
    refs = draw(_references_in())
    ref_ids = [ref.id for ref in refs]
    people = draw(_participants_named_in(dataset, ref_ids))
    organizations_ = tuple(
        attrs.evolve(organization, codes=draw(_actor_codes_in(dataset.version, ref_ids)))
        for organization in dataset.organizations
    )
    visit = attrs.evolve(dataset.visit, dates=draw(_visit_dates_in(dataset.visit, ref_ids)))
    actors = [o.id for o in organizations_] + [p.id for p in people]
    events_ = draw(
        _events_in(
            actors,
            ref_ids,
            max_end=len(dataset.source.text),
            version=dataset.version,
            max_records=max_records,
        )
    )
    return attrs.evolve(
        dataset,
        schema_version=2,
        organizations=organizations_,
        participants=people,
        visit=visit,
        references=refs,
        events=events_,
    )


@_built_once
def _references_in() -> st.SearchStrategy[tuple[Reference, ...]]:
    """One to three references with ids of four parts, which ids() never makes."""
    return st.lists(references(), min_size=1, max_size=3).map(
        lambda refs: tuple(
            attrs.evolve(ref, id=f"external-reference-number-{index}")
            for index, ref in enumerate(refs)
        )
    )


@st.composite
def _actor_codes_in(draw: Any, version: str, ref_ids: list[str]) -> tuple[ActorCode, ...]:
    """Up to two distinct actor codes of the release, each citing one of the references."""
    codes = draw(st.lists(actor_codes(version), max_size=2, unique_by=lambda c: (c.scheme, c.code)))
    return tuple(attrs.evolve(c, reference_id=draw(st.sampled_from(ref_ids))) for c in codes)


@st.composite
def _participants_named_in(
    draw: Any, dataset: Dataset, ref_ids: list[str]
) -> tuple[Participant, ...]:
    """Give the people codes, and external names that keep every name unambiguous."""
    keys = {
        lookalike_key(name)
        for person in dataset.participants
        for name in (person.name, *person.aliases)
    }
    new_names = st.lists(  # names stay unambiguous, look-alikes too
        external_names().filter(lambda name: lookalike_key(name.text) not in keys),
        max_size=2,
        unique_by=lambda name: lookalike_key(name.text),
    )
    people = []
    for person in dataset.participants:
        names = draw(new_names)
        keys.update(lookalike_key(name.text) for name in names)
        names = [attrs.evolve(n, reference_id=draw(st.sampled_from(ref_ids))) for n in names]
        codes = draw(_actor_codes_in(dataset.version, ref_ids))
        people.append(attrs.evolve(person, names=tuple(names), codes=codes))
    return tuple(people)


@st.composite
def _visit_dates_in(draw: Any, visit: Visit, ref_ids: list[str]) -> DateRange | None:
    """No dates, or the visit's stated length around its reported date."""
    if not draw(st.booleans()):
        return None
    start = visit.reported_date - datetime.timedelta(
        days=draw(st.integers(0, visit.duration_days - 1))
    )
    end = start + datetime.timedelta(days=visit.duration_days - 1)
    return DateRange(start=start, end=end, reference_id=draw(st.sampled_from(ref_ids)))


@st.composite
def _events_in(
    draw: Any,
    actors: list[str],
    ref_ids: list[str],
    *,
    max_end: int,
    version: str,
    max_records: int,
) -> tuple[Event, ...]:
    """Up to *max_records* events, each maybe the child of an earlier one."""
    events_: list[Event] = []
    for index in range(draw(st.integers(0, max_records))):
        event = _event(
            f"coded-event-number-{index}",
            actors=actors,
            references=ref_ids,
            parents=[event.id for event in events_],
            max_end=max_end,
            version=version,
        )
        events_.append(draw(event))
    return tuple(events_)


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
    basis, date, end_date = draw(_event_dates())
    actor_ids, recipient_ids = draw(_event_parties(actors))
    cameo = draw(st.none() | cameo_codings(version))
    plover = draw(st.none() | plover_codings(version))
    needs_note = cameo is None or plover is None
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


@_built_once
@st.composite
def _event_dates(
    draw: Any,
) -> tuple[DateBasis, datetime.date | None, datetime.date | None]:
    """Draw a date basis with its date (none if unknown) and maybe an end date."""
    basis = draw(st.sampled_from(DateBasis))
    if basis is DateBasis.UNKNOWN:
        return basis, None, None
    date = draw(st.dates(max_value=_LAST_DATE))
    if not draw(st.booleans()):
        return basis, date, None
    return basis, date, date + datetime.timedelta(days=draw(st.integers(0, 9)))


@st.composite
def _event_parties(draw: Any, actors: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One or two actors and up to two recipients, never both actor and recipient."""
    actor_ids = tuple(draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True)))
    others = [actor for actor in actors if actor not in actor_ids]
    recipient_ids = (
        tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))) if others else ()
    )
    return actor_ids, recipient_ids


@st.composite
def _schema_3(draw: Any, dataset: Dataset, max_records: int) -> Dataset:
    """Add statements (around the quotations) and entities (at mentions) to a dataset."""
    return attrs.evolve(
        dataset,
        schema_version=3,
        statements=draw(_statements_in(dataset, max_records)),
        entities=draw(_entities_in(dataset, max_records)),
    )


@st.composite
def _statements_in(draw: Any, dataset: Dataset, max_records: int) -> tuple[Statement, ...]:
    """Draw a statement around each of the first *max_records* quotations."""
    event_ids = [event.id for event in dataset.events]
    on_events = st.lists(st.sampled_from(event_ids), unique=True) if event_ids else None
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
                event_ids=tuple(draw(on_events)) if on_events is not None else (),
            )
        )
    return tuple(statements_)


@st.composite
def _entities_in(draw: Any, dataset: Dataset, max_records: int) -> tuple[Entity, ...]:
    """Draw an entity at the first mention of each of the first *max_records* organizations."""
    org_ids = [organization.id for organization in dataset.organizations]
    entities_ = []
    for index, organization in enumerate(dataset.organizations[:max_records]):
        mention = organization.mentions[0]
        entities_.append(
            Entity(
                id=f"named-entity-number-{index}",
                name=dataset.source.text[mention.start : mention.end],
                aliases=(),
                kind=draw(st.sampled_from(EntityKind)),
                mentions=(mention,),
                spans=(mention,),
                within_id=draw(st.none() | st.sampled_from(org_ids)),
            )
        )
    return tuple(entities_)
