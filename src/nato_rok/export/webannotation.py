"""W3C Web Annotations: one annotation per span of every record, anchored on the article.

    nato-rok export --format webannotation --out nato-rok.annotations.jsonld

writes one ``AnnotationCollection`` (JSON-LD, context
``http://www.w3.org/ns/anno.jsonld``) whose single page holds one
``Annotation`` per span of every record, the source's own spans included.
Each annotation's id is an IRI (``urn:nato-rok:<release>:annotations:<record
id>:<field>``, an index written ``spans-0``). Each target's ``source`` is the
text the offsets count: nato-rok's plain-text copy of the article
(``urn:nato-rok:<release>:<source id>:text``, a ``Text`` resource whose
``creator`` is the article's publisher), with the article's web page as its
``scope``, the context it comes from, as the Web Annotation Data Model allows
for a specific resource. It has two selectors, as the model defines them:

- a ``TextQuoteSelector``: the excerpt (``exact``) with up to 32 characters
  before and after it (``prefix``, ``suffix``), which re-anchors the span on
  any copy of the text;
- a ``TextPositionSelector``: the span's ``start`` and ``end``, in Unicode
  code points of the article's text, exactly as nato-rok counts them.

Each body says what the record is (a ``TextualBody`` with the purpose
``classifying``: the record type, its id and the field holding the span)
and links the record (a ``SpecificResource`` with the purpose
``identifying`` whose source is ``urn:nato-rok:<id>``). The collection's
``label`` says whose the article text quoted in the selectors is, and on what
terms nato-rok reproduces it (as NOTICE does): it is NATO's, not under the
annotations' licence.

    >>> import nato_rok
    >>> from nato_rok.export import webannotation
    >>> result = webannotation.collection(nato_rok.load())
    >>> result["type"], result["total"] == len(result["first"]["items"])
    ('AnnotationCollection', True)

.. versionadded:: 1.2.0
"""

from __future__ import annotations

from typing import Any

from nato_rok import _cite
from nato_rok._walk import label, record_spans
from nato_rok.dataset import Dataset
from nato_rok.export._format import Format, dump_json
from nato_rok.export._safe import web_url

__all__ = ["CONTEXT", "CONTEXT_LENGTH", "FORMAT", "collection"]

#: The Web Annotation JSON-LD context.
CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: How many characters of text the quote selector keeps before and after the excerpt.
CONTEXT_LENGTH = 32


def _text(dataset: Dataset) -> dict[str, Any]:
    """Return the resource the offsets count in: the release's plain text of the article."""
    source = dataset.source
    return {
        "id": f"urn:nato-rok:{dataset.version}:{source.id}:text",
        "type": "Text",
        "format": "text/plain",
        "language": source.language,
        "creator": {"type": "Organization", "name": source.publisher},
    }


def _target(dataset: Dataset, start: int, end: int) -> dict[str, Any]:
    text = dataset.source.text
    scope = web_url(dataset.source.url)
    return {
        "source": _text(dataset),
        **({"scope": scope} if scope else {}),
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
    items = []
    for record in (dataset.source, *dataset.records()):
        kind = type(record).__name__
        for field, index, span in record_spans(record):
            where = label(field, index)
            # "spans[0]" -> "spans-0": square brackets are not allowed in an IRI.
            local = where.replace("[", "-").replace("]", "")
            items.append(
                {
                    "id": f"{base}:{record.id}:{local}",
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
                    "target": _target(dataset, span.start, span.end),
                }
            )
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": f"nato-rok {dataset.version}: every span of every record, anchored on "
        f"{dataset.source.title}. {_cite.text_terms(dataset)}",
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
