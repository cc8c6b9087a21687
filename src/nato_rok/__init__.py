"""nato-rok: NATO's first Secretary General visit to the Republic of Korea.

The visit (Seoul, April 2013) as typed, immutable records anchored in the
characters of NATO's news article.

>>> import nato_rok
>>> ds = nato_rok.load("1.0.0")
>>> ds.visit.place
'Seoul'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nato_rok._document import dumps, loads
    from nato_rok._releases import load, versions
    from nato_rok.changes import diff
    from nato_rok.dataset import Dataset, Record
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

# Names are imported on first use (PEP 562), so `import nato_rok` costs almost
# nothing; type checkers see the imports above.
_EXPORTS = {
    "ActorCode": "nato_rok.external",
    "CameoCoding": "nato_rok.events",
    "CodeScheme": "nato_rok.external",
    "CooperationArea": "nato_rok.model",
    "CooperationKind": "nato_rok.model",
    "Dataset": "nato_rok.dataset",
    "DatasetError": "nato_rok.exceptions",
    "DateBasis": "nato_rok.events",
    "DateRange": "nato_rok.external",
    "Entity": "nato_rok.model",
    "EntityKind": "nato_rok.model",
    "Event": "nato_rok.events",
    "ExternalName": "nato_rok.external",
    "Meeting": "nato_rok.model",
    "MeetingAttestation": "nato_rok.model",
    "MeetingKind": "nato_rok.model",
    "NameKind": "nato_rok.external",
    "Organization": "nato_rok.model",
    "OrganizationKind": "nato_rok.model",
    "Participant": "nato_rok.model",
    "PloverCoding": "nato_rok.events",
    "Position": "nato_rok.model",
    "Quote": "nato_rok.model",
    "QuoteKind": "nato_rok.model",
    "Record": "nato_rok.dataset",
    "Reference": "nato_rok.external",
    "ReferenceKind": "nato_rok.external",
    "Source": "nato_rok.model",
    "Span": "nato_rok.model",
    "Stance": "nato_rok.model",
    "Statement": "nato_rok.statements",
    "StatementKind": "nato_rok.statements",
    "Visit": "nato_rok.model",
    "diff": "nato_rok.changes",
    "dumps": "nato_rok._document",
    "load": "nato_rok._releases",
    "loads": "nato_rok._document",
    "versions": "nato_rok._releases",
}

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
    "Entity",
    "EntityKind",
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
    "Statement",
    "StatementKind",
    "Visit",
    "diff",
    "dumps",
    "load",
    "loads",
    "versions",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # As attrs does: importlib.metadata is slow to import; few ever ask.
        from importlib.metadata import version

        return version("nato-rok")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nato_rok' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
