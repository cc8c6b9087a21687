"""Facts from outside the article, each tied to the reference it comes from.

The article is the only source of every other record. A value of one of the
classes here is *external*: it names, through ``reference_id``, the
:class:`Reference` that supports it, and the loader checks that the
reference exists.

.. versionadded:: 1.1.0
"""

import datetime
import enum

import attrs

from nato_rok._reprs import Look, Shown
from nato_rok._validators import code, id_field, nfc, non_blank, url

__all__ = [
    "ActorCode",
    "CodeScheme",
    "DateRange",
    "ExternalName",
    "NameKind",
    "Reference",
    "ReferenceKind",
]


class ReferenceKind(enum.Enum):
    """What sort of work a :class:`Reference` is."""

    ARTICLE = "article"
    CODEBOOK = "codebook"
    STANDARD = "standard"
    PROJECT_ISSUE = "project-issue"


class NameKind(enum.Enum):
    """The script or system an :class:`ExternalName` is written in."""

    HANGUL = "hangul"
    REVISED_ROMANIZATION = "revised-romanization"


class CodeScheme(enum.Enum):
    """The coding scheme an :class:`ActorCode` belongs to."""

    CAMEO_ACTOR = "cameo-actor"
    CAMEO_SECTOR = "cameo-sector"
    ISO_3166_1_ALPHA_3 = "iso-3166-1-alpha-3"


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class Reference(Shown):
    """A work outside the article that supports external facts.

    Attributes:
        id: Stable slug.
        kind: What sort of work it is.
        title: Its title.
        publisher: Who publishes it.
        url: Where it can be read, if anywhere.
        excerpt: The words of the reference that support the facts, verbatim,
            where the reference is quoted.
        note: What a reader should know about the reference.
    """

    _look = Look(shown=("id", "kind", "title"), colour="#eeeeee", legend=8)

    id: str = id_field()
    kind: ReferenceKind
    title: str = attrs.field(validator=non_blank)
    publisher: str = attrs.field(validator=non_blank)
    url: str | None = attrs.field(validator=attrs.validators.optional(url))
    excerpt: str | None = attrs.field(validator=attrs.validators.optional(non_blank))
    note: str | None = attrs.field(validator=attrs.validators.optional(non_blank))


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class ExternalName(Shown):
    """A name of a participant from outside the article (Hangul, romanization).

    Attributes:
        text: The name, NFC-normalised.
        kind: The script or romanization system.
        reference_id: Id of the :class:`Reference` that gives it.
    """

    text: str = attrs.field(validator=[non_blank, nfc])
    kind: NameKind
    reference_id: str = id_field()


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class ActorCode(Shown):
    """A standard code for an organization or a person's sector.

    Attributes:
        scheme: The coding scheme.
        code: The code, such as ``IGOWSTNAT``, ``KOR`` or ``GOV``.
        reference_id: Id of the :class:`Reference` for the scheme.
    """

    scheme: CodeScheme
    code: str = attrs.field(validator=code)
    reference_id: str = id_field()


@attrs.frozen(kw_only=True, repr=False)  # the short repr of Shown
class DateRange(Shown):
    """Dates from outside the article, first and last day included.

    Attributes:
        start: First day.
        end: Last day (not before ``start``).
        reference_id: Id of the :class:`Reference` that gives the dates.
    """

    start: datetime.date
    end: datetime.date = attrs.field()
    reference_id: str = id_field()

    @end.validator
    def _not_before_start(
        self, attribute: "attrs.Attribute[datetime.date]", value: datetime.date
    ) -> None:
        if value < self.start:
            raise ValueError(f"end ({value}) must not be before start ({self.start})")
