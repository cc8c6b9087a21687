"""nato-rok: NATO's first Secretary General visit to the Republic of Korea.

The visit (Seoul, April 2013) as typed, immutable records anchored in the
characters of NATO's news article.

>>> import nato_rok
>>> ds = nato_rok.load("1.0.0")
>>> ds.visit.place
'Seoul'
"""

# One table drives the public API: ``__all__``, the imports of ``__getattr__``
# (each name is imported on first use, PEP 562, so ``import nato_rok`` costs
# almost nothing: no ``typing``, no ``importlib``) and ``__dir__``. Type
# checkers read the block below instead; a test keeps it equal to the table.
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

__all__ = sorted(_EXPORTS)  # noqa: PLE0605  # built from the table above, the one list

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from nato_rok._document import (
        dumps as dumps,
        loads as loads,
    )
    from nato_rok._releases import (
        load as load,
        versions as versions,
    )
    from nato_rok.changes import diff as diff
    from nato_rok.dataset import (
        Dataset as Dataset,
        Record as Record,
    )
    from nato_rok.events import (
        CameoCoding as CameoCoding,
        DateBasis as DateBasis,
        Event as Event,
        PloverCoding as PloverCoding,
    )
    from nato_rok.exceptions import DatasetError as DatasetError
    from nato_rok.external import (
        ActorCode as ActorCode,
        CodeScheme as CodeScheme,
        DateRange as DateRange,
        ExternalName as ExternalName,
        NameKind as NameKind,
        Reference as Reference,
        ReferenceKind as ReferenceKind,
    )
    from nato_rok.model import (
        CooperationArea as CooperationArea,
        CooperationKind as CooperationKind,
        Entity as Entity,
        EntityKind as EntityKind,
        Meeting as Meeting,
        MeetingAttestation as MeetingAttestation,
        MeetingKind as MeetingKind,
        Organization as Organization,
        OrganizationKind as OrganizationKind,
        Participant as Participant,
        Position as Position,
        Quote as Quote,
        QuoteKind as QuoteKind,
        Source as Source,
        Span as Span,
        Stance as Stance,
        Visit as Visit,
    )
    from nato_rok.statements import (
        Statement as Statement,
        StatementKind as StatementKind,
    )

    __version__: str


def __getattr__(name: str) -> object:
    if name == "__version__":
        # As attrs does: importlib.metadata is slow to import; few ever ask.
        from importlib.metadata import version

        return version("nato-rok")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nato_rok' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
