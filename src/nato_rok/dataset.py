"""The :class:`Dataset`: one release of the data and the ways to query it.

.. versionadded:: 1.0.0
"""

import functools
import re
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar, overload

import attrs

from nato_rok._names import name_key, named, names_of
from nato_rok._reprs import Look, look
from nato_rok._suggest import ambiguity, refusal
from nato_rok._validators import licence, non_blank
from nato_rok.events import Event
from nato_rok.exceptions import SpanError, WrongRecordTypeError
from nato_rok.external import Reference
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

__all__ = ["Dataset", "Record"]

#: Any record that has an ``id``: the class of each kind. Spelled out for type
#: checkers, which cannot read ``kinds()``; a test keeps the two equal.
Record = (
    Organization
    | Participant
    | Visit
    | Meeting
    | Quote
    | CooperationArea
    | Position
    | Reference
    | Event
    | Statement
    | Entity
)

_R = TypeVar("_R", bound=Record)


def _indexes(
    dataset: "Dataset",
) -> tuple[
    MappingProxyType[str, Record],
    MappingProxyType[str, Participant],
    MappingProxyType[str, tuple[Quote, ...]],
]:
    by_id: dict[str, Record] = {}
    for record in dataset.records():
        by_id.setdefault(record.id, record)
    by_name: dict[str, Participant] = {}
    for participant in dataset.participants:
        for name in names_of(participant):
            by_name.setdefault(name_key(name), participant)
    by_speaker: dict[str, list[Quote]] = {}
    for quote in dataset.quotes:
        by_speaker.setdefault(quote.speaker_id, []).append(quote)
    return (
        MappingProxyType(by_id),
        MappingProxyType(by_name),
        MappingProxyType({key: tuple(value) for key, value in by_speaker.items()}),
    )


def _noun(kind: type[Any]) -> str:
    """Return ``"cooperation area"`` for ``CooperationArea``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind.__name__).lower()


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


@attrs.frozen(kw_only=True)
class Dataset:
    """One release of the nato-rok dataset.

    Build one with :func:`nato_rok.load` or :func:`nato_rok.loads`, which
    also prove the records consistent with each other and with the source
    text; constructing it directly checks each record but not the whole.

    Attributes:
        schema_version: Version of the document schema (an int).
        version: Version of the dataset release, such as ``"1.0.0"``.
        license: SPDX expression of the licence of the annotations (such
            as ``CC-BY-4.0``; never a URL, so no export can link it).
        source: The article, with its full text.
        organizations: Alliances and states the article names.
        participants: Every person the article names.
        visit: The visit.
        meetings: Every meeting or talk the article mentions.
        quotes: Every quotation, in order of appearance.
        cooperation_areas: Areas of cooperation and shared challenges.
        positions: Positions taken, such as the one on North Korea.
        references: Where the external facts come from (schema 2).
        events: Events coded in CAMEO and PLOVER (schema 2).
        statements: Every reported statement, direct or indirect, in order
            of appearance (schema 3).
        entities: Places, regions and funds the article names that are
            neither states nor bodies (schema 3).

    """

    schema_version: int
    version: str
    license: str = attrs.field(validator=[non_blank, licence])
    source: Source
    organizations: tuple[Organization, ...]
    participants: tuple[Participant, ...]
    visit: Visit
    meetings: tuple[Meeting, ...]
    quotes: tuple[Quote, ...]
    cooperation_areas: tuple[CooperationArea, ...]
    positions: tuple[Position, ...]
    references: tuple[Reference, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    entities: tuple[Entity, ...] = ()
    _by_id: MappingProxyType[str, Record] = attrs.field(init=False, eq=False, repr=False)
    _by_name: MappingProxyType[str, Participant] = attrs.field(init=False, eq=False, repr=False)
    _by_speaker: MappingProxyType[str, tuple[Quote, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        # Frozen: the indexes are derived once here, never changed after.
        by_id, by_name, by_speaker = _indexes(self)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_speaker", by_speaker)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # Pickle and deep-copy the data only; the indexes (read-only mapping
        # proxies, which cannot be pickled) are rebuilt on the way back.
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(Dataset) if a.init}
        return _rebuild, (fields,)

    def __repr__(self) -> str:
        # One line, not 26,000 characters: the whole is nato_rok.dumps(dataset).
        counts = " ".join(f"{name}={len(found)}" for name, found in collections(self).items())
        return f"<Dataset release {self.version} (schema {self.schema_version}): {counts}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's text view: release, source, visit and counts, one a line."""
        from nato_rok._display import text

        printer.text(text(self))

    def _repr_html_(self) -> str:
        """Jupyter's view: a card with the source, the visit and the records by kind."""
        from nato_rok._display import html_card

        return html_card(self)

    def records(self) -> tuple[Record, ...]:
        """Return every record that has an id, in document order.

        .. versionadded:: 1.0.0
        """
        found: list[Record] = []
        for kind in kinds(type(self)):
            if kind.many:
                found.extend(getattr(self, kind.collection))
            else:
                found.append(getattr(self, kind.collection))
        return tuple(found)

    @overload
    def record(self, record_id: str) -> Record: ...

    @overload
    def record(self, record_id: str, kind: type[_R]) -> _R: ...

    def record(self, record_id: str, kind: type[object] | None = None) -> Record:
        """Return the record whose id is *record_id*, of type *kind* if given.

        With *kind*, type checkers know what comes back:
        ``ds.record("kang-chang-hee", Participant).name`` is a ``str``.

        Args:
            record_id: The record's id.
            kind: The record class expected, such as :class:`~nato_rok.Quote`.

        Raises:
            RecordNotFoundError: No record has that id (also a :class:`LookupError`).
            WrongRecordTypeError: The record with that id is not a *kind* (a
                :class:`~nato_rok.exceptions.RecordNotFoundError`, so also a
                :class:`LookupError`).

        .. versionadded:: 1.0.0
        .. versionchanged:: 1.2.0
           The *kind* argument.

        """
        found = self._by_id.get(record_id) if type(record_id) is str else None
        if found is not None and (kind is None or isinstance(found, kind)):
            return found
        ids = ((r.id, r.id) for r in self._by_id.values() if kind is None or isinstance(r, kind))
        summary = f"no {'record' if kind is None else _noun(kind)} has the id {record_id!r}"
        if found is None:
            raise refusal(summary, record_id, ids)
        summary += f": it is the id of {_article(_noun(type(found)))}"
        raise refusal(summary, record_id, ids, WrongRecordTypeError)

    def participant(self, participant_id: str) -> Participant:
        """Return the participant whose id is *participant_id*.

        The same as ``record(participant_id, Participant)``.

        Raises:
            RecordNotFoundError: No participant has that id (also a
                :class:`LookupError`).

        .. versionadded:: 1.0.0

        """
        return self.record(participant_id, Participant)

    def organization(self, organization_id: str) -> Organization:
        """Return the organization whose id is *organization_id*.

        The same as ``record(organization_id, Organization)``.

        Raises:
            RecordNotFoundError: No organization has that id.

        .. versionadded:: 1.0.0

        """
        return self.record(organization_id, Organization)

    def find_participant(self, name: str) -> Participant:
        """Return the participant called *name*, by name, alias or any part of one.

        The match ignores case, spaces, hyphens and full stops, and
        normalises Unicode to NFC, so ``"park guen-hye"`` (the article's
        spelling) and ``"Park Geun-hye"`` find the same person. A name that
        is no one's in full may be whole words of one (a surname such as
        ``"park"``, a given name such as ``"Geun-hye"``) if they are nobody
        else's.

        Raises:
            AmbiguousNameError: The words are part of the names of several
                participants; the message and ``suggestions`` list them.
            RecordNotFoundError: Nobody has that name or alias.

        .. versionadded:: 1.0.0
        .. versionchanged:: 1.2.0 A unique surname, given name or other
           whole words of a name find the participant.

        """
        found = self._by_name.get(name_key(name)) if type(name) is str else None
        if found is not None:
            return found
        if type(name) is str:
            candidates = named(name, ((person, names_of(person)) for person in self.participants))
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                raise ambiguity("participants", name, (person.name for person in candidates))
        choices = ((text, person.name) for person in self.participants for text in names_of(person))
        raise refusal(f"no participant is called {name!r}", name, choices)

    def quotes_by(self, speaker: str | Participant) -> tuple[Quote, ...]:
        """Return the quotations of *speaker* (an id or a participant), in order.

        Raises:
            RecordNotFoundError: *speaker* is not a participant of this dataset.

        .. versionadded:: 1.0.0

        """
        participant = self.participant(speaker.id if isinstance(speaker, Participant) else speaker)
        return self._by_speaker.get(participant.id, ())

    def to_pandas(self) -> Mapping[str, Any]:
        """Return the dataset's tables as pandas DataFrames, by table name.

        Needs the ``pandas`` extra; see :func:`nato_rok.export.pandas.frames`
        for the dtypes and the rule for missing values.

        Raises:
            MissingExtraError: pandas is not installed (also an ImportError).

        .. versionadded:: 1.1.0
        .. versionchanged:: 1.2.0 A read-only mapping
           (:class:`nato_rok.export.pandas.Frames`) with a notebook display.
        """
        from nato_rok.export.pandas import frames

        return frames(self)

    def to_arrow(self) -> dict[str, Any]:
        """Return the dataset's tables as ``pyarrow.Table`` objects, by table name.

        Needs the ``arrow`` extra; see :func:`nato_rok.export.arrow.to_arrow`.

        Raises:
            MissingExtraError: pyarrow is not installed (also an ImportError).

        .. versionadded:: 1.2.0
        """
        from nato_rok.export.arrow import to_arrow

        return to_arrow(self)

    def to_polars(self) -> dict[str, Any]:
        """Return the dataset's tables as polars DataFrames, by table name.

        Needs the ``polars`` extra; see :func:`nato_rok.export.polars.frames`.

        Raises:
            MissingExtraError: polars is not installed (also an ImportError).

        .. versionadded:: 1.2.0
        """
        from nato_rok.export.polars import frames

        return frames(self)

    def excerpt(self, span: Span) -> str:
        """Return the characters of the source text that *span* points at.

        Raises:
            SpanError: The span reaches past the end of the text.
            TypeError: *span* is not a :class:`~nato_rok.Span`.

        .. versionadded:: 1.0.0

        """
        if not isinstance(span, Span):
            raise TypeError(f"excerpt() argument 'span' must be a Span, not {type(span).__name__}")
        if span.end > len(self.source.text):
            raise SpanError(
                f"span {span.start}..{span.end} reaches past the end of the text "
                f"({len(self.source.text)} characters)"
            )
        return self.source.text[span.start : span.end]


def _rebuild(fields: dict[str, Any]) -> Dataset:
    """Return the :class:`Dataset` of *fields* (how a pickled dataset comes back)."""
    return Dataset(**fields)


@attrs.frozen(kw_only=True)
class Kind:
    """A kind of record: a record class with a colour, and the dataset field holding it.

    Attributes:
        cls: The record class, such as :class:`~nato_rok.Quote`.
        collection: The :class:`Dataset` field that holds its records, such
            as ``"quotes"``: the JSON key, the table's name.
        many: Whether the field is a tuple of records (``False``: one
            record, as the visit is).
    """

    cls: type[Record]
    collection: str
    many: bool

    @property
    def look(self) -> Look:
        """How the kind is shown: its repr's fields, its colour, its place in a legend."""
        return look(self.cls)

    def of(self, dataset: Dataset) -> tuple[Record, ...]:
        """Return the records of this kind in *dataset*, as a tuple."""
        found = getattr(dataset, self.collection)
        return found if self.many else (found,)


def kinds(dataset_class: type[Dataset] = Dataset) -> tuple[Kind, ...]:
    """Return the kinds of record a dataset class holds, in field (document) order.

    Read from the class's attrs fields: a field whose type is a record class
    with a colour (its ``Look``), or a tuple of one, is
    that kind's collection. Every consumer of "each kind of record" (the
    records, the checks, the displays, the tables' test) reads this.
    """
    return _kinds(typing.cast(Any, dataset_class))  # mypy finds no type Hashable


@functools.cache
def _kinds(dataset_class: Any) -> tuple[Kind, ...]:
    hints = typing.get_type_hints(dataset_class)
    found = []
    for field in attrs.fields(dataset_class):
        hint = hints[field.name]
        many = typing.get_origin(hint) is tuple
        cls = typing.get_args(hint)[0] if many else hint
        if look(cls).colour is not None:
            found.append(Kind(cls=cls, collection=field.name, many=many))
    return tuple(found)


def collections(dataset: Dataset) -> dict[str, tuple[Record, ...]]:
    """Return the collections of records of *dataset* by field name (not the single visit).

    What the repr, the text view and the notebook card count.
    """
    return {kind.collection: kind.of(dataset) for kind in kinds(type(dataset)) if kind.many}
