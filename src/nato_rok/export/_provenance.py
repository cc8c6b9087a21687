"""Where a dataset comes from, as the metadata the binary exports carry."""

from __future__ import annotations

import hashlib

from nato_rok import _cite
from nato_rok.dataset import Dataset
from nato_rok.export._safe import web_url


def sha256(dataset: Dataset) -> str:
    """Return the SHA-256 of the dataset's canonical JSON document.

    For a bundled release this is the SHA-256 the package's manifest lists
    for the release file, which is that canonical document byte for byte.
    """
    from nato_rok._document import dumps

    return hashlib.sha256(dumps(dataset).encode("utf-8")).hexdigest()


def provenance(dataset: Dataset) -> dict[str, str]:
    """Return the release, schema version, SHA-256, licence and source of *dataset*.

    ``nato_rok.license`` is the annotations' licence; ``nato_rok.source_terms``
    says whose the article text in the ``source`` table is, and on what terms.
    """
    return {
        "nato_rok.release": dataset.version,
        "nato_rok.schema_version": str(dataset.schema_version),
        "nato_rok.sha256": sha256(dataset),
        "nato_rok.license": dataset.license,
        "nato_rok.source_title": dataset.source.title,
        "nato_rok.source_url": web_url(dataset.source.url) or "",
        "nato_rok.source_terms": _cite.text_terms(dataset),
    }
