"""W3C Web Annotations: one annotation per span of every record, anchored on the article.

    nato-rok export --format webannotation --out nato-rok.annotations.jsonld

writes one ``AnnotationCollection`` (JSON-LD, context
``http://www.w3.org/ns/anno.jsonld``) whose single page holds one
``Annotation`` per span of every record, the source's own spans included.
Each target is the article with two selectors, as the Web Annotation Data
Model defines them:

- a ``TextQuoteSelector``: the excerpt (``exact``) with up to 32 characters
  before and after it (``prefix``, ``suffix``), which re-anchors the span on
  any copy of the text;
- a ``TextPositionSelector``: the span's ``start`` and ``end``, in Unicode
  code points of the article's text, exactly as nato-rok counts them.

Each body says what the record is (a ``TextualBody`` with the purpose
``classifying``: the record type, its id and the field holding the span)
and links the record (a ``SpecificResource`` with the purpose
``identifying`` whose source is ``urn:nato-rok:<id>``).

    >>> import nato_rok
    >>> from nato_rok.export import webannotation
    >>> result = webannotation.collection(nato_rok.load())
    >>> result["type"], result["total"] == len(result["first"]["items"])
    ('AnnotationCollection', True)

.. versionadded:: 1.2.0
"""

from __future__ import annotations

from typing import Any

from nato_rok._walk import label, record_spans
from nato_rok.dataset import Dataset
from nato_rok.export._format import Format, dump_json
from nato_rok.export._safe import web_url

__all__ = ["CONTEXT", "CONTEXT_LENGTH", "FORMAT", "collection"]

#: The Web Annotation JSON-LD context.
CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: How many characters of text the quote selector keeps before and after the excerpt.
CONTEXT_LENGTH = 32


def _target(dataset: Dataset, source: str, start: int, end: int) -> dict[str, Any]:
    text = dataset.source.text
    return {
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
                "suffix": text[end : end + CONTEXT_LENGTH],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def collection(dataset: Dataset) -> dict[str, Any]:
    """Return the Web Annotation collection of every span of every record of *dataset*.

    .. versionadded:: 1.2.0
    """
    base = f"urn:nato-rok:{dataset.version}:annotations"
    source = web_url(dataset.source.url) or f"urn:nato-rok:{dataset.source.id}"
    items = []
    for record in (dataset.source, *dataset.records()):
        kind = type(record).__name__
        for field, index, span in record_spans(record):
            where = label(field, index)
            items.append(
                {
                    "id": f"{base}:{record.id}:{where}",
                    "type": "Annotation",
                    "motivation": "identifying",
                    "body": [
                        {
                            "type": "TextualBody",
                            "purpose": "classifying",
                            "format": "text/plain",
                            "value": f"{kind} {record.id} ({where})",
                        },
                        {
                            "type": "SpecificResource",
                            "purpose": "identifying",
                            "source": f"urn:nato-rok:{record.id}",
                        },
                    ],
                    "target": _target(dataset, source, span.start, span.end),
                }
            )
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": f"nato-rok {dataset.version}: every span of every record, anchored on "
        f"{dataset.source.title}",
        "total": len(items),
        "first": {
            "id": f"{base}:page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


#: ``nato-rok export --format webannotation``.
FORMAT = Format(
    name="webannotation",
    summary="W3C Web Annotations (JSON-LD): one annotation per span of every record, with "
    "quote and position selectors; a file",
    writes="file",
    dump=dump_json(collection),
)
