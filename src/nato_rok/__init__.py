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
from nato_rok.exceptions import DatasetError
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
    "CooperationArea",
    "CooperationKind",
    "Dataset",
    "DatasetError",
    "Meeting",
    "MeetingAttestation",
    "MeetingKind",
    "Organization",
    "OrganizationKind",
    "Participant",
    "Position",
    "Quote",
    "QuoteKind",
    "Record",
    "Source",
    "Span",
    "Stance",
    "Visit",
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
