"""The records of a nato-rok dataset: frozen, slotted attrs classes.

Models know nothing about JSON (see :mod:`nato_rok._converter`) and do no
I/O. Each class enforces its own invariants; checks that span several
records (ids, references, spans against the text) live in
:mod:`nato_rok._integrity`.

.. versionadded:: 1.0.0
"""

import datetime
import enum

import attrs

from nato_rok._reprs import WRITERS, Look, Shown

__all__ = [
    "CooperationArea",
    "CooperationKind",
    "Entity",
    "EntityKind",
    "Meeting",
    "MeetingAttestation",
    "MeetingKind",
    "Organization",
    "OrganizationKind",
    "Participant",
    "Position",
    "Quote",
    "QuoteKind",
    "Source",
    "Span",
    "Stance",
    "Visit",
]

from nato_rok._validators import (
    days,
    id_field,
    non_blank,
    non_empty,
    offset,
    slug,
    slugs,
    spans_field,
    strict_int,
    text_block,
    texts,
    unique,
    unique_slugs,
    url,
)
from nato_rok.external import ActorCode, DateRange, ExternalName


@attrs.frozen(kw_only=True)
class Span:
    """A run of characters of the source text.

    Offsets count Unicode code points of :attr:`Source.text`, with the end
    excluded, exactly as Python slicing and the W3C Web Annotation
    ``TextPositionSelector`` do: ``source.text[span.start:span.end]``.

    Attributes:
        start: Offset of the first character (>= 0).
        end: Offset just past the last character (> ``start``: spans are
            never empty).

    """

    start: int = attrs.field(validator=offset)
    end: int = attrs.field()

    @end.validator
    def _end_after_start(self, attribute: "attrs.Attribute[int]", value: int) -> None:
        if type(value) is not int or value <= self.start:
            strict_int(self, attribute, value)
            raise ValueError(f"end ({value}) must be greater than start ({self.start})")

    def __len__(self) -> int:
        return self.end - self.start


WRITERS[Span] = lambda span: f"{span.start}:{span.end}"


class OrganizationKind(enum.Enum):
    """What sort of body an :class:`Organization` is."""

    INTERNATIONAL_ORGANIZATION = "international-organization"
    STATE = "state"
    INTERNATIONAL_BODY = "international-body"


class MeetingKind(enum.Enum):
    """How the article names an encounter: ``talks`` or a ``meeting``."""

    TALKS = "talks"
    MEETING = "meeting"


class MeetingAttestation(enum.Enum):
    """What the article says about whether a meeting took place.

    ``purpose``: the meeting is given as the purpose of the visit ("is in the
    Republic of Korea for talks with ..."). ``held``: the article reports it
    happened ("also met with ...").
    """

    PURPOSE = "purpose"
    HELD = "held"


class QuoteKind(enum.Enum):
    """How a quotation sits in the article's prose.

    ``standalone``: whole sentences standing on their own, attributed by a
    "he said" clause. ``embedded``: whole sentences introduced by the
    reporter's own clause ("He underlined that ..."). ``partial``: a fragment
    of a sentence that completes the reporter's own sentence.
    """

    STANDALONE = "standalone"
    EMBEDDED = "embedded"
    PARTIAL = "partial"


class CooperationKind(enum.Enum):
    """Why an area is named.

    Proposed for closer cooperation, a security challenge both sides face,
    or cooperation that already exists.
    """

    PROPOSED = "proposed"
    SHARED_CHALLENGE = "shared-challenge"
    EXISTING = "existing"


class EntityKind(enum.Enum):
    """What an :class:`Entity` is: a place, a region, or a fund."""

    PLACE = "place"
    REGION = "region"
    FUND = "fund"


class Stance(enum.Enum):
    """The stance a :class:`Position` takes towards its subject."""

    CONDEMNATION = "condemnation"


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Source(Shown):
    """The news article every record points into.

    Attributes:
        id: Stable slug of the source.
        title: The headline, as printed.
        publisher: Who published the article.
        published: Date of publication.
        url: Where the article is published.
        language: BCP 47 language tag of the text.
        text: The full text, exactly as published (code points, no
            normalisation). Every :class:`Span` indexes into it.
        spans: Where the title stands in the text, and the date the article
            reports (the publication date comes with the article's file and
            page, not from its text).

    """

    _look = Look(shown=("id", "title", "text"))

    id: str = id_field()
    title: str = attrs.field(validator=non_blank)
    publisher: str = attrs.field(validator=non_blank)
    published: datetime.date
    url: str = attrs.field(validator=url)
    language: str = attrs.field(validator=non_blank)
    text: str = attrs.field(validator=text_block)
    spans: tuple[Span, ...] = spans_field()


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Organization(Shown):
    """A state, alliance or other body the article names.

    Attributes:
        id: Stable slug.
        name: Standard name.
        aliases: Other names, including every form the article uses that
            differs from ``name``.
        kind: What sort of body it is.
        mentions: Where the article names it; each excerpt is ``name`` or
            one of ``aliases``, exactly.
        spans: The passages that support the record.
        codes: Standard actor codes (CAMEO, ISO 3166-1), each citing its
            :class:`~nato_rok.Reference`; external to the article (schema 2).

    """

    _look = Look(shown=("id", "name", "kind"), colour="#b8f0b0", legend=2)

    id: str = id_field()
    name: str = attrs.field(validator=non_blank)
    aliases: tuple[str, ...] = attrs.field(validator=[texts, unique])
    kind: OrganizationKind
    mentions: tuple[Span, ...] = attrs.field(validator=unique)
    spans: tuple[Span, ...] = spans_field()
    codes: tuple[ActorCode, ...] = attrs.field(default=(), validator=unique)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Participant(Shown):
    """A person the article names.

    Attributes:
        id: Stable slug of the standard name.
        name: Standard spelling of the name.
        aliases: Other spellings and short forms, including the article's
            own spelling where it differs from ``name``.
        role: The office the article gives.
        affiliation_id: Id of the :class:`Organization` the person serves.
        mentions: Where the article names the person; each excerpt is
            ``name`` or one of ``aliases``, exactly.
        spans: The passages that give the role and affiliation.
        names: The person's names from outside the article (Hangul, Revised
            Romanization), each citing its :class:`~nato_rok.Reference`
            (schema 2).
        codes: Sector codes (CAMEO), each citing its
            :class:`~nato_rok.Reference` (schema 2).

    """

    _look = Look(shown=("id", "name", "role"), colour="#a9d8ff", legend=1)

    id: str = id_field()
    name: str = attrs.field(validator=non_blank)
    aliases: tuple[str, ...] = attrs.field(validator=[texts, unique])
    role: str = attrs.field(validator=non_blank)
    affiliation_id: str = id_field()
    mentions: tuple[Span, ...] = attrs.field(validator=[non_empty, unique])
    spans: tuple[Span, ...] = spans_field()
    names: tuple[ExternalName, ...] = attrs.field(default=(), validator=unique)
    codes: tuple[ActorCode, ...] = attrs.field(default=(), validator=unique)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Visit(Shown):
    """The visit itself.

    Attributes:
        id: Stable slug.
        visitor_id: Id of the visiting :class:`Participant`.
        visitor_organization_id: Id of the :class:`Organization` the
            visitor represents.
        host_id: Id of the host :class:`Organization`.
        place: Where the visit went, as the article names it.
        reported_date: The date the article reports (a day during the visit).
        duration_days: The stated length of the visit, in days (from 1 to
            36,525, a century: see the datasheet's bounds).
        long_planned: Whether the article calls the visit long planned.
        first_ever: Whether the article calls it the first such visit.
        purpose: The stated purpose, verbatim.
        purpose_span: Where ``purpose`` stands in the text.
        spans: The passages that support the record.
        dates: The visit's first and last days, from outside the article,
            citing its :class:`~nato_rok.Reference`; ``None`` where no
            reference gives them (schema 2).

    """

    _look = Look(shown=("id", "place", "reported_date"), colour="#e2c6ff", legend=3)

    id: str = id_field()
    visitor_id: str = id_field()
    visitor_organization_id: str = id_field()
    host_id: str = id_field()
    place: str = attrs.field(validator=non_blank)
    reported_date: datetime.date
    duration_days: int = attrs.field(validator=days)
    long_planned: bool
    first_ever: bool
    purpose: str = attrs.field(validator=non_blank)
    purpose_span: Span
    spans: tuple[Span, ...] = spans_field()
    dates: DateRange | None = None


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Meeting(Shown):
    """Talks or a meeting during the visit.

    Attributes:
        id: Stable slug.
        visit_id: Id of the :class:`Visit` the meeting belongs to.
        kind: ``talks`` or ``meeting``, as the article words it.
        attested: Whether the article gives it as a purpose or reports it held.
        participant_ids: Ids of the named :class:`Participant` records.
        unnamed_participants: Verbatim words for participants the article
            does not name (e.g. "other top government officials"), if any.
        spans: The passages that support the record.

    """

    _look = Look(shown=("id", "kind", "participant_ids"), colour="#d6b8ff", legend=4)

    id: str = id_field()
    visit_id: str = id_field()
    kind: MeetingKind
    attested: MeetingAttestation
    participant_ids: tuple[str, ...] = attrs.field(validator=[non_empty, unique, slugs])
    unnamed_participants: str | None = attrs.field(validator=attrs.validators.optional(non_blank))
    spans: tuple[Span, ...] = spans_field()


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Quote(Shown):
    """One passage inside one pair of quotation marks, verbatim.

    Attributes:
        id: Stable slug.
        text: The quoted characters exactly as in the source (curly
            apostrophes, punctuation inside the marks, the source's own
            wording); always equal to the excerpt of ``span``.
        span: The characters between the quotation marks.
        speaker_id: Id of the :class:`Participant` who said it.
        kind: Standalone, embedded or partial quotation.
        attribution_span: The words that attribute the quotation ("he said").
        topic_ids: Ids of the :class:`CooperationArea` or :class:`Position`
            records the quotation is about.

    """

    _look = Look(shown=("id", "text", "span", "kind"), colour="#ffe58a", legend=0)

    id: str = id_field()
    text: str = attrs.field(validator=non_blank)
    span: Span
    speaker_id: str = id_field()
    kind: QuoteKind
    attribution_span: Span
    topic_ids: tuple[str, ...] = attrs.field(validator=unique_slugs)

    @property
    def is_partial(self) -> bool:
        """Whether the quotation is a fragment of a sentence."""
        return self.kind is QuoteKind.PARTIAL

    @property
    def spans(self) -> tuple[Span, Span]:
        """The quoted passage and its attribution."""
        return (self.span, self.attribution_span)


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class CooperationArea(Shown):
    """An area of cooperation or a shared security challenge.

    Attributes:
        id: Stable slug.
        name: The article's words for the area (capitalised as a label).
        kind: Proposed, shared challenge, or existing cooperation.
        spans: The passages that support the record; ``name`` occurs in
            one of them (ignoring case).

    """

    _look = Look(shown=("id", "name", "kind"), colour="#ffc99a", legend=5)

    id: str = id_field()
    name: str = attrs.field(validator=non_blank)
    kind: CooperationKind
    spans: tuple[Span, ...] = spans_field()


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Position(Shown):
    """A position taken on a subject, such as the condemnation of North Korea.

    Attributes:
        id: Stable slug.
        holder_id: Id of the :class:`Organization` or :class:`Participant`
            holding the position.
        subject_id: Id of the :class:`Organization` the position is about.
        stance: The stance taken.
        spans: The passages that support the record.

    """

    _look = Look(shown=("id", "holder_id", "stance", "subject_id"), colour="#ffb3b3", legend=6)

    id: str = id_field()
    holder_id: str = id_field()
    subject_id: str = id_field()
    stance: Stance
    spans: tuple[Span, ...] = spans_field()

    @subject_id.validator
    def _not_the_holder(self, attribute: "attrs.Attribute[str]", value: str) -> None:
        if value == self.holder_id:
            raise ValueError(f"a position's holder cannot be its own subject ({value!r})")


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Entity(Shown):
    """A place, region or fund the article names that is neither a state nor a body.

    Such as Parwan, the Korean peninsula or the Afghan National Army Trust
    Fund (schema 3).

    Attributes:
        id: Stable slug.
        name: The name, as the article spells it.
        aliases: Other names the article uses.
        kind: Place, region or fund.
        mentions: Where the article names it; each excerpt is ``name`` or
            one of ``aliases``, exactly.
        spans: The passages that support the record.
        within_id: Id of the :class:`Organization` (a state) the entity lies
            in or belongs to, where the article says so; ``None`` otherwise.

    .. versionadded:: 1.2.0
    """

    _look = Look(shown=("id", "name", "kind"), colour="#f4cdef", legend=10)

    id: str = id_field()
    name: str = attrs.field(validator=non_blank)
    aliases: tuple[str, ...] = attrs.field(validator=[texts, unique])
    kind: EntityKind
    mentions: tuple[Span, ...] = attrs.field(validator=[non_empty, unique])
    spans: tuple[Span, ...] = spans_field()
    within_id: str | None = attrs.field(validator=attrs.validators.optional(slug))
