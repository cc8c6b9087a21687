"""The article as one spaCy ``Doc`` in a ``DocBin`` (needs the ``spacy`` extra).

    nato-rok export --format spacy --out nato-rok.spacy

writes a ``.spacy`` file (``spacy.tokens.DocBin``, user data kept) holding
one ``Doc``: the article's text as ``spacy.blank("en")`` tokenizes it (no
model is downloaded), with

- ``doc.ents``: every mention of a participant, organization or entity,
  labelled as spaCy's English pipelines label them (:data:`LABELS`:
  ``PERSON``, ``ORG``, ``GPE``, ``LOC``), ``kb_id_`` the record's id.
  Entities may not overlap: where two mentions do, ``spacy.util.filter_spans``
  keeps the longer one in ``doc.ents``, and the span group ``mentions``
  holds them all either way.
- span groups, each span with spaCy's own span data (``label_``, ``id_``,
  ``kb_id_``, which ``DocBin`` keeps; span extensions ``span._.x`` would
  need every reader to register them first):

  ========== ======================= ====================== =====================
  group      ``label_``              ``id_``                ``kb_id_``
  ========== ======================= ====================== =====================
  mentions   as in ``doc.ents``      the record's id        the record's id
  quotes     the quotation's kind    the quotation's id     the speaker's id
  statements the statement's kind    the statement's id     the speaker's id
  cues       ``cue``                 the statement's or     the speaker's id
                                     quotation's id
  ========== ======================= ====================== =====================

  A cue is the words that attribute a statement or a quotation
  (``attribution_span``: "he said", "The Secretary General suggested").
  Each group's ``attrs`` says what its ``label_``, ``id_`` and ``kb_id_`` hold.
- ``doc.user_data``: the release, schema version, SHA-256, licence and
  source (``nato_rok.*`` keys, as the Parquet schema metadata has them),
  the labels, and ``nato_rok.realigned``: every span whose ``Doc`` span
  differs from the record's offsets.

spaCy spans hold whole tokens. A record's span that starts or ends inside a
token is widened to the tokens it touches (``Doc.char_span(...,
alignment_mode="expand")``), so no annotated character is lost, and listed in
``nato_rok.realigned`` with the record's own offsets (``start``, ``end``)
beside the ``Doc`` span's (``doc_start``, ``doc_end``). In release 1.2.0 one
span needs it: the quotation ``quote-global-challenges`` starts at ``Today``,
which the tokenizer keeps together with its opening quotation mark
(``“Today``). A span of nothing but whitespace covers no token: it is listed
there with ``doc_start`` and ``doc_end`` ``None`` and is in no group.

    >>> import nato_rok
    >>> from nato_rok.export import spacy
    >>> doc = spacy.doc(nato_rok.load("1.2.0"))
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents][:2]
    [('NATO', 'ORG', 'nato'), ('Republic of Korea', 'GPE', 'republic-of-korea')]

.. versionadded:: 1.2.0
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from nato_rok.dataset import Dataset
from nato_rok.exceptions import MissingExtraError
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._provenance import provenance
from nato_rok.model import Entity, Organization, Quote, Span
from nato_rok.statements import Statement

__all__ = ["FORMAT", "GROUPS", "LABELS", "doc", "docbin"]

#: The entity label of participants, and of each kind of organization and
#: entity, as OntoNotes 5 (and so spaCy's English pipelines) names them.
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "participant": "PERSON",
        "state": "GPE",
        "international-organization": "ORG",
        "international-body": "ORG",
        "place": "GPE",
        "region": "LOC",
        "fund": "ORG",
    }
)

#: What ``label_``, ``id_`` and ``kb_id_`` hold in each span group (its ``attrs``).
GROUPS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "mentions": MappingProxyType(
            {"label": "entity label (LABELS)", "id": "record id", "kb_id": "record id"}
        ),
        "quotes": MappingProxyType(
            {"label": "quotation kind", "id": "quotation id", "kb_id": "speaker id"}
        ),
        "statements": MappingProxyType(
            {"label": "statement kind", "id": "statement id", "kb_id": "speaker id"}
        ),
        "cues": MappingProxyType(
            {"label": "cue", "id": "statement or quotation id", "kb_id": "speaker id"}
        ),
    }
)


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise MissingExtraError(
            "the spaCy export needs spacy: pip install 'nato-rok[spacy]'"
        ) from None
    return spacy


#: (group, span, label, id, kb_id) for every span the Doc gets.
_Item = tuple[str, Span, str, str, str]


def _items(dataset: Dataset) -> Iterator[_Item]:
    for person in dataset.participants:
        for mention in person.mentions:
            yield "mentions", mention, LABELS["participant"], person.id, person.id
    named: tuple[Organization | Entity, ...] = (*dataset.organizations, *dataset.entities)
    for record in named:
        for mention in record.mentions:
            yield "mentions", mention, LABELS[record.kind.value], record.id, record.id
    for quote in dataset.quotes:
        yield "quotes", quote.span, quote.kind.value, quote.id, quote.speaker_id
    for statement in dataset.statements:
        yield "statements", statement.span, statement.kind.value, statement.id, statement.speaker_id
    said_by: tuple[Statement | Quote, ...] = (*dataset.statements, *dataset.quotes)
    for said in said_by:
        yield "cues", said.attribution_span, "cue", said.id, said.speaker_id


def doc(dataset: Dataset) -> Any:
    """Return the article of *dataset* as a spaCy ``Doc`` with its annotations.

    Raises:
        MissingExtraError: spaCy is not installed (the ``spacy`` extra).

    .. versionadded:: 1.2.0
    """
    spacy = _spacy()
    nlp = spacy.blank("en")
    # The limit guards the memory of parsers and NER models, which a blank
    # pipeline has none of; the tokenizer alone takes any length.
    nlp.max_length = max(nlp.max_length, len(dataset.source.text))
    result = nlp.make_doc(dataset.source.text)
    groups: dict[str, list[Any]] = {name: [] for name in GROUPS}
    realigned = []
    for group, span, label, record_id, kb_id in _items(dataset):
        made = result.char_span(
            span.start, span.end, label=label, kb_id=kb_id, span_id=record_id,
            alignment_mode="expand",
        )  # fmt: skip
        if len(made) > 0:
            groups[group].append(made)
        if (made.start_char, made.end_char) != (span.start, span.end):
            realigned.append(
                {
                    "group": group,
                    "id": record_id,
                    "start": span.start,
                    "end": span.end,
                    "doc_start": made.start_char if len(made) > 0 else None,
                    "doc_end": made.end_char if len(made) > 0 else None,
                }
            )
    result.ents = spacy.util.filter_spans(groups["mentions"])
    for name, spans in groups.items():
        result.spans[name] = spans
        result.spans[name].attrs.update(GROUPS[name])
    result.user_data.update(provenance(dataset))
    result.user_data["nato_rok.source_id"] = dataset.source.id
    result.user_data["nato_rok.labels"] = dict(LABELS)
    result.user_data["nato_rok.realigned"] = realigned
    return result


def docbin(dataset: Dataset) -> Any:
    """Return a ``DocBin`` holding :func:`doc` of *dataset*, its user data kept.

    Raises:
        MissingExtraError: spaCy is not installed (the ``spacy`` extra).

    .. versionadded:: 1.2.0
    """
    made = doc(dataset)
    from spacy.tokens import DocBin

    return DocBin(docs=[made], store_user_data=True)


def _dump(dataset: Dataset, options: ExportOptions) -> bytes:
    return bytes(docbin(dataset).to_bytes())


#: ``nato-rok export --format spacy``.
FORMAT = Format(
    name="spacy",
    summary="the article as one spaCy Doc (entities, quotation and statement span groups, "
    "provenance) in a DocBin; a file",
    writes="file",
    extra="spacy",
    requires=("spacy",),
    dump=_dump,
)
