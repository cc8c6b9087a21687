"""nato-rok: NATO's first Secretary General visit to the Republic of Korea.

The visit (Seoul, April 2013) as typed, immutable records anchored in the
characters of NATO's news article.

>>> import nato_rok
>>> ds = nato_rok.load("1.0.0")
>>> ds.visit.place
'Seoul'
"""

from __future__ import annotations

from typing import Any

from nato_rok._document import dumps, loads
from nato_rok._releases import load, versions
from nato_rok.dataset import Dataset, Record
from nato_rok.diff import diff
from nato_rok.events import CameoCoding, DateBasis, Event, PloverCoding
from nato_rok.exceptions import DatasetError
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
    "ActorCode",
    "CameoCoding",
    "CodeScheme",
    "CooperationArea",
    "CooperationKind",
    "Dataset",
    "DatasetError",
    "DateBasis",
    "DateRange",
    "Event",
    "ExternalName",
    "Meeting",
    "MeetingAttestation",
    "MeetingKind",
    "NameKind",
    "Organization",
    "OrganizationKind",
    "Participant",
    "PloverCoding",
    "Position",
    "Quote",
    "QuoteKind",
    "Record",
    "Reference",
    "ReferenceKind",
    "Source",
    "Span",
    "Stance",
    "Visit",
    "diff",
    "dumps",
    "load",
    "loads",
    "versions",
]


def __getattr__(name: str) -> Any:
    # Read the package version lazily, as attrs does: importlib.metadata is
    # slow to import and most users never ask.
    if name == "__version__":
        from importlib.metadata import version

        return version("nato-rok")
    raise AttributeError(f"module 'nato_rok' has no attribute {name!r}")
