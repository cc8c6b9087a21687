"""Coded events: what happened, in CAMEO and PLOVER terms.

Each :class:`Event` names its actors and recipients (organization or
participant ids), its date and where that date comes from, the spans of the
article that support it, and its codings. The loader checks every code
against the code tables shipped in ``nato_rok/data/codes/``.

.. versionadded:: 1.1.0
"""

import datetime
import enum

import attrs

from nato_rok._reprs import Look, Shown
from nato_rok._validators import (
    code,
    finite_float,
    id_field,
    non_blank,
    non_empty,
    slug,
    slugs,
    spans_field,
    unique,
    unique_slugs,
)
from nato_rok.model import Span

__all__ = ["CameoCoding", "DateBasis", "Event", "PloverCoding"]


class DateBasis(enum.Enum):
    """Where an event's date comes from.

    ``reported``: the article states it. ``story``: the article's publication
    date, as event-data coders date events by the report. ``external``: a
    :class:`~nato_rok.external.Reference` gives it. ``unknown``: no date
    (``date`` is ``None``).
    """

    REPORTED = "reported"
    STORY = "story"
    EXTERNAL = "external"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class CameoCoding(Shown):
    """An event's CAMEO code (codebook 1.1b3).

    Attributes:
        code: The event code, such as ``042``.
        name: The code's official name, stored beside it.
        goldstein: The code's Goldstein weight, where a reference gives one.
        alternatives: Other codes the coder considered (see the event's note).
    """

    code: str = attrs.field(validator=code)
    name: str = attrs.field(validator=non_blank)
    goldstein: float | None = attrs.field(validator=attrs.validators.optional(finite_float))
    alternatives: tuple[str, ...] = attrs.field(validator=unique)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class PloverCoding(Shown):
    """An event's PLOVER coding: event type, mode, contexts.

    Attributes:
        event: The PLOVER event type, such as ``CONSULT``.
        mode: The mode, such as ``visit``, where the event type has one.
        contexts: Contexts such as ``military``.
    """

    event: str = attrs.field(validator=code)
    mode: str | None = attrs.field(validator=attrs.validators.optional(non_blank))
    contexts: tuple[str, ...] = attrs.field(validator=unique)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Event(Shown):
    """One coded event.

    Attributes:
        id: Stable slug.
        parent_id: Id of the event this one is part of (a meeting of the
            visit), if any.
        label: A short description in plain words.
        actor_ids: Ids of the acting organizations or participants.
        recipient_ids: Ids of the organizations or participants acted upon.
        date: The day of the event, or its first day; ``None`` if unknown.
        end_date: The last day, for an event that spans days.
        date_basis: Where the date comes from.
        date_reference_id: Id of the reference that gives the date, when
            ``date_basis`` is ``external``.
        historical: Whether the event happened before the visit.
        cameo: The CAMEO coding, or ``None`` when left uncoded.
        plover: The PLOVER coding, or ``None`` when PLOVER has no event for it.
        note: The coder's judgement calls; required when a coding is missing.
        spans: The passages that support the event.
    """

    _look = Look(shown=("id", "label", "date"), colour="#d9d9d9", legend=7)

    id: str = id_field()
    parent_id: str | None = attrs.field(validator=attrs.validators.optional(slug))
    label: str = attrs.field(validator=non_blank)
    actor_ids: tuple[str, ...] = attrs.field(validator=[non_empty, unique, slugs])
    recipient_ids: tuple[str, ...] = attrs.field(validator=unique_slugs)
    date: datetime.date | None
    end_date: datetime.date | None
    date_basis: DateBasis
    date_reference_id: str | None = attrs.field(validator=attrs.validators.optional(slug))
    historical: bool
    cameo: CameoCoding | None
    plover: PloverCoding | None
    note: str | None = attrs.field(validator=attrs.validators.optional(non_blank))
    spans: tuple[Span, ...] = spans_field()

    def __attrs_post_init__(self) -> None:
        if (self.date is None) != (self.date_basis is DateBasis.UNKNOWN):
            raise ValueError("date must be null exactly when date_basis is 'unknown'")
        if self.end_date is not None and (self.date is None or self.end_date < self.date):
            raise ValueError("end_date needs a date and must not be before it")
        if (self.date_reference_id is None) == (self.date_basis is DateBasis.EXTERNAL):
            raise ValueError(
                "date_reference_id must be given exactly when date_basis is 'external'"
            )
        if (self.cameo is None or self.plover is None) and self.note is None:
            raise ValueError(
                "an event left without a CAMEO or PLOVER coding needs a note saying why"
            )
        if self.parent_id == self.id:
            raise ValueError("an event cannot be its own parent")
        if not set(self.actor_ids).isdisjoint(self.recipient_ids):
            raise ValueError(
                "an event cannot name one party among both its actors and its recipients "
                "(a mutual event names all its parties as actors)"
            )
