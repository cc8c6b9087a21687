"""Reported statements: what a person is reported to have said, directly or not.

A :class:`Statement` anchors one reported statement of the article: the
words reported (a quotation with its quotation marks, or the reporter's
paraphrase), the words that attribute them, the quotation it contains if
any, and the events it reports.

.. versionadded:: 1.2.0
"""

import datetime
import enum

import attrs

from nato_rok._reprs import Look, Shown
from nato_rok._validators import id_field, slug, unique_slugs
from nato_rok.model import Span

__all__ = ["Statement", "StatementKind"]


class StatementKind(enum.Enum):
    """How the article reports a statement.

    ``direct``: in the speaker's own words, between quotation marks.
    ``indirect``: in the reporter's words ("He said that ..."), possibly
    with a partial quotation inside.
    """

    DIRECT = "direct"
    INDIRECT = "indirect"


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Statement(Shown):
    """One reported statement (schema 3).

    Attributes:
        id: Stable slug.
        speaker_id: Id of the :class:`~nato_rok.Participant` who is reported
            to have said it.
        kind: Direct (quoted) or indirect (reported) speech.
        span: The words reported: a direct statement's quotation with its
            quotation marks, or an indirect statement's paraphrase.
        attribution_span: The words that attribute the statement ("he said",
            "The Secretary General suggested").
        quote_id: Id of the :class:`~nato_rok.Quote` the statement contains,
            if any (always, for a direct statement).
        date: The day the article says the statement was made, if it says;
            ``None`` otherwise.
        event_ids: Ids of the coded :class:`~nato_rok.Event` records the
            statement reports.

    """

    _look = Look(shown=("id", "speaker_id", "kind", "span"), colour="#c4efe9", legend=9)

    id: str = id_field()
    speaker_id: str = id_field()
    kind: StatementKind
    span: Span
    attribution_span: Span
    quote_id: str | None = attrs.field(validator=attrs.validators.optional(slug))
    date: datetime.date | None
    event_ids: tuple[str, ...] = attrs.field(validator=unique_slugs)

    def __attrs_post_init__(self) -> None:
        if self.kind is StatementKind.DIRECT and self.quote_id is None:
            raise ValueError("a direct statement needs the quote_id of its quotation")

    @property
    def spans(self) -> tuple[Span, Span]:
        """The words reported and their attribution."""
        return (self.span, self.attribution_span)
