"""Croissant 1.0 metadata beside the tables, for ML dataset tools.

    nato-rok export --format croissant --out nato-rok-croissant/

writes each table twice, as ``<table>.csv`` (as the ``csv`` format does, the
copy for people and spreadsheets) and as ``<table>.json`` (a JSON array of
one object per row, the copy for machines), and ``croissant.json``
describing them in MLCommons Croissant 1.0: one ``cr:FileObject`` per file
with its SHA-256, one ``cr:RecordSet`` per table with a ``cr:Field`` per
column (its data type, description, its source: the JSON file and the JSON
path of the column, and the field a foreign key references), each table's
key, ``citeAs``, ``license``, ``version``, ``datePublished``, and the
Responsible-AI fields (``rai:``) the :doc:`/datasheet` answers. Hugging
Face, Kaggle and OpenML read Croissant.

The record sets are read from the JSON files, not the CSV files: a JSON
string stays a string, so a tool that guesses a CSV column's type (mlcroissant
reads CSV with pandas and no types) still reads the CAMEO code ``042`` as
``"042"``, not as the number 42. Array columns are ``sc:Text`` holding a JSON
array, in both copies. An event's link to its parent event is not declared as
a reference (Croissant tools cannot read a record set that refers to itself).

    >>> import nato_rok
    >>> from nato_rok.export import croissant
    >>> metadata = croissant.metadata(nato_rok.load("1.1.0"))
    >>> metadata["conformsTo"], len(metadata["recordSet"])
    ('http://mlcommons.org/croissant/1.0', 19)

.. versionadded:: 1.2.0
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from nato_rok import _cite, _json
from nato_rok._releases import published
from nato_rok.dataset import Dataset
from nato_rok.export._format import ExportOptions, Format
from nato_rok.export._safe import web_url
from nato_rok.export.datapackage import csv_files
from nato_rok.export.tables import TABLES, Table, TableDeclaration, tables
from nato_rok.external import ReferenceKind

__all__ = ["CONTEXT", "FORMAT", "RAI", "metadata", "rai"]

#: The Croissant 1.0 JSON-LD context, as the specification gives it.
CONTEXT: Mapping[str, Any] = MappingProxyType(
    {
        "@language": "en",
        "@vocab": "https://schema.org/",
        "citeAs": "cr:citeAs",
        "column": "cr:column",
        "conformsTo": "dct:conformsTo",
        "cr": "http://mlcommons.org/croissant/",
        "rai": "http://mlcommons.org/croissant/RAI/",
        "data": {"@id": "cr:data", "@type": "@json"},
        "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
        "dct": "http://purl.org/dc/terms/",
        "equivalentProperty": "cr:equivalentProperty",
        "examples": {"@id": "cr:examples", "@type": "@json"},
        "extract": "cr:extract",
        "field": "cr:field",
        "fileProperty": "cr:fileProperty",
        "fileObject": "cr:fileObject",
        "fileSet": "cr:fileSet",
        "format": "cr:format",
        "includes": "cr:includes",
        "isLiveDataset": "cr:isLiveDataset",
        "jsonPath": "cr:jsonPath",
        "key": "cr:key",
        "md5": "cr:md5",
        "parentField": "cr:parentField",
        "path": "cr:path",
        "recordSet": "cr:recordSet",
        "references": "cr:references",
        "regex": "cr:regex",
        "repeated": "cr:repeated",
        "replace": "cr:replace",
        "samplingRate": "cr:samplingRate",
        "sc": "https://schema.org/",
        "separator": "cr:separator",
        "source": "cr:source",
        "subField": "cr:subField",
        "transform": "cr:transform",
    }
)

#: The Responsible-AI answers of the datasheet (docs/datasheet.md), by RAI property; the
#: one that depends on the release, ``rai:dataLimitations``, is written from the release.
RAI: Mapping[str, str] = MappingProxyType(
    {
        "rai:dataCollection": "From NATO's news article 'First visit by a NATO Secretary "
        "General to Republic of Korea focuses on cooperation' (12 April 2013). Later releases "
        "add facts from outside the article (the visit's dates, CAMEO and PLOVER codes, ISO "
        "3166-1 codes, Goldstein weights, Korean names), each naming the reference it comes from.",
        "rai:dataCollectionType": "Manual human curation of one published news article.",
        "rai:dataCollectionTimeframe": "The article is of April 2013; the dataset was made in "
        "November 2026.",
        "rai:dataPreprocessingProtocol": "Spans are never typed by hand: a build script states "
        "every fact with the excerpt of the article that supports it, finds each excerpt in the "
        "article, and fails when it is absent or ambiguous; every release is rebuilt byte for "
        "byte in CI. The article text is not altered.",
        "rai:dataAnnotationProtocol": "The maintainers read the article and wrote each fact "
        "together with the excerpt that supports it. Quotations are verbatim, one record per "
        "pair of quotation marks. Event codes are one coder's judgement, with the reasons and "
        "the alternatives considered in each event's note.",
        "rai:dataUseCases": "Teaching and testing event coding (CAMEO, PLOVER), quotation "
        "attribution and span-anchored annotation; a small, strictly checked fixture for "
        "data tools. Not for conclusions about NATO-Korea relations, Korean politics or the "
        "people named, and not a sample from which to estimate anything.",
        "rai:dataBiases": "The article is one party's account of the visit, written by NATO; "
        "the Korean side's account is not included.",
        "rai:personalSensitiveInformation": "Names, Korean names in Hangul and Revised "
        "Romanization, and official roles of five public officials acting in their public "
        "roles, as a published news article reports them; no other personal data.",
        "rai:dataReleaseMaintenancePlan": "A released dataset file never changes; a correction "
        "is a new release listed in the changelog, and older releases keep shipping and "
        "loading byte for byte.",
    }
)

_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "array": "sc:Text",
}

_LICENCES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": node_id}


def _json_value(value: Any) -> Any:
    """Return one cell as JSON: text, numbers, booleans and null as themselves.

    A date is its ISO 8601 text and an array the JSON text of its strings, as
    in the CSV files (the field's type says how to read it).
    """
    if isinstance(value, (tuple, list)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _to_json(table: Table) -> str:
    """Return *table* as JSON text: an array of one object per row, keyed by column.

    One row a line. Text is a JSON string, so ``"042"`` stays text whatever
    reads it; a date is ISO 8601 text, an array cell the JSON text of its
    strings (as in the CSV file), an empty cell ``null``.
    """
    names = [field.name for field in table.fields]
    rows = (
        json.dumps(
            dict(zip(names, map(_json_value, row), strict=True)),
            ensure_ascii=False,
            allow_nan=False,
        )
        for row in table.rows
    )
    return "[\n" + ",\n".join(rows) + "\n]\n" if table.rows else "[]\n"


def _json_path(column: str) -> str:
    # Every row's value of one key; bracketed and quoted, so any column name works.
    return f"$[*][{json.dumps(column)}]"


def _record_set(declaration: TableDeclaration) -> dict[str, Any]:
    # A reference to the record set itself (an event's parent) is left out:
    # mlcroissant reads record sets in the order of their references, and a
    # loop stops it.
    references = {
        column: (target, theirs[index])
        for own, target, theirs in declaration.foreign_keys
        if target != declaration.name
        for index, column in enumerate(own)
    }
    fields = []
    for column in declaration.columns:
        field: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"{declaration.name}/{column.name}",
            "name": column.name,
            "description": column.description
            + (" (a JSON array of strings)" if column.type == "array" else ""),
            "dataType": _TYPES[column.type],
            "source": {
                "fileObject": _ref(f"{declaration.name}.json"),
                "extract": {"jsonPath": _json_path(column.name)},
            },
        }
        if column.name in references:
            target, theirs = references[column.name]
            # The referenced column in its file, as the source is given: a
            # reference to the field would make mlcroissant join the record sets.
            field["references"] = {
                "fileObject": _ref(f"{target}.json"),
                "extract": {"jsonPath": _json_path(theirs)},
            }
        fields.append(field)
    keys = [_ref(f"{declaration.name}/{column}") for column in declaration.primary_key]
    return {
        "@type": "cr:RecordSet",
        "@id": declaration.name,
        "name": declaration.name,
        "description": declaration.description,
        "key": keys[0] if len(keys) == 1 else keys,
        "field": fields,
    }


def _description(dataset: Dataset) -> str:
    return (
        "The first visit by a NATO Secretary General to the Republic of Korea "
        "(Seoul, April 2013) as typed records anchored in the characters of NATO's news "
        f"article '{dataset.source.title}'."
    )


def rai(dataset: Dataset) -> dict[str, str]:
    """Return the datasheet's Responsible-AI answers for *dataset*, by RAI property.

    :data:`RAI` and ``rai:dataLimitations``, which is written from the
    references the release itself holds, so it cannot go stale.

    .. versionadded:: 1.2.0
    """
    return {**RAI, "rai:dataLimitations": _limitations(dataset)}


def _limitations(dataset: Dataset) -> str:
    """Return ``rai:dataLimitations``, written from the references the release itself holds."""
    references = dataset.references
    issues = sum(reference.kind is ReferenceKind.PROJECT_ISSUE for reference in references)
    if not references:
        external = "no fact comes from outside the article"
    elif issues:
        external = (
            f"{issues} of its {len(references)} references cite only the project's issue tracker"
        )
    else:
        external = (
            f"every fact from outside the article cites one of its {len(references)} references, "
            "each a published page, codebook or standard"
        )
    return (
        "One source, one side: everything comes from NATO's own press release. External facts "
        f"are few: {external}. Coding is judgement. Offsets count Unicode code points."
    )


#: The media type of each kind of file the export writes.
_MEDIA_TYPES = {".csv": "text/csv", ".json": "application/json"}


def _file(dataset: Dataset, name: str, content: str) -> dict[str, Any]:
    """Return the ``cr:FileObject`` of one file; the article text's files say its terms."""
    stem, dot, suffix = name.rpartition(".")
    node: dict[str, Any] = {
        "@type": "cr:FileObject",
        "@id": name,
        "name": name,
        "contentUrl": name,
        "encodingFormat": _MEDIA_TYPES[dot + suffix],
        "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
    }
    if suffix == "csv":
        node["description"] = (
            f"The {stem} table as CSV, for people and spreadsheets; the record set "
            f"{stem} is read from {stem}.json, the same rows as JSON."
        )
    if stem == "source":  # the article text: NATO's, not under the dataset's licence
        source = dataset.source
        node["description"] = _cite.text_terms(dataset)
        node["copyrightHolder"] = {"@type": "sc:Organization", "name": source.publisher}
        node["license"] = {
            "@type": "sc:CreativeWork",
            "name": f"{source.publisher}'s article text, reproduced with acknowledgement; "
            f"not under {dataset.license}",
            "description": _cite.text_terms(dataset),
        }
    return node


def _citation(dataset: Dataset) -> dict[str, str]:
    """Return ``citeAs`` and ``datePublished`` for a bundled release, byte for byte.

    A copy, edited or of a release this package does not ship, is not the
    published release: no date or citation of it, and the description says
    what the copy is instead.
    """
    date = published(dataset)
    if date is None:
        return {"description": f"{_description(dataset)} This is {_cite.what(dataset)}."}
    return {"citeAs": _cite.bibtex(dataset), "datePublished": date}


def _metadata(dataset: Dataset, files: Mapping[str, str]) -> dict[str, Any]:
    source = dataset.source
    return {
        "@context": copy.deepcopy(dict(CONTEXT)),  # its nested dicts too: a copy of its own
        "@type": "sc:Dataset",
        "name": "nato-rok",
        "description": _description(dataset),
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "creator": {"@type": "sc:Organization", "name": _cite.AUTHOR},
        "license": _LICENCES.get(dataset.license, dataset.license),
        "url": _cite.URL,
        "version": dataset.version,
        **_citation(dataset),
        "inLanguage": source.language,
        "isBasedOn": web_url(source.url) or source.title,
        **rai(dataset),
        # The dataset's licence is the annotations'; the article text is NATO's.
        "copyrightNotice": _cite.text_terms(dataset),
        "distribution": [_file(dataset, name, content) for name, content in files.items()],
        "recordSet": [_record_set(declaration) for declaration in TABLES],
    }


def _table_files(dataset: Dataset, options: ExportOptions) -> dict[str, str]:
    """Return every table's CSV file, then every table's JSON file, by name."""
    files = dict(csv_files(dataset, options))
    files.update((f"{table.name}.json", _to_json(table)) for table in tables(dataset))
    return files


def metadata(dataset: Dataset) -> dict[str, Any]:
    """Return the Croissant 1.0 metadata of the CSV and JSON tables of *dataset*.

    ``citeAs`` and ``datePublished`` are given for a bundled release, byte
    for byte, only: an edited copy that keeps the release's version is
    described as a modified copy, with neither.

    .. versionadded:: 1.2.0
    """
    return _metadata(dataset, _table_files(dataset, ExportOptions()))


def _files(dataset: Dataset, options: ExportOptions) -> Iterator[tuple[str, str]]:
    files = _table_files(dataset, options)
    yield from files.items()
    yield "croissant.json", _json.dump(_metadata(dataset, files))


#: ``nato-rok export --format croissant``.
FORMAT = Format(
    name="croissant",
    summary="the tables as CSV and as JSON, and Croissant 1.0 metadata (croissant.json) "
    "for ML dataset tools, into a folder",
    writes="folder",
    options=("excel_safe",),
    files=_files,
)
