"""The JSON Schema export: generated from the model, shipped, and true to the loader."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator, FormatChecker

import nato_rok
from nato_rok import _resources, strategies
from nato_rok._schemas import SUPPORTED
from nato_rok.export.jsonschema import schema


def _validator(schema_version: int) -> Draft202012Validator:
    return Draft202012Validator(schema(schema_version), format_checker=FormatChecker())


@pytest.mark.parametrize("schema_version", SUPPORTED)
def test_schemas_are_valid_2020_12_and_shipped_as_generated(schema_version: int) -> None:
    """Each schema is a valid draft 2020-12 schema, and the shipped file is the generated one."""
    generated = schema(schema_version)
    Draft202012Validator.check_schema(generated)
    shipped = json.loads(_resources.read_data(f"schema/nato-rok-{schema_version}.schema.json"))
    assert generated == shipped


@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_bundled_release_is_valid_under_its_schema(version: str) -> None:
    """Release documents validate against the schema of their schema_version, only."""
    dataset = nato_rok.load(version)
    document = json.loads(nato_rok.dumps(dataset))
    assert [] == list(_validator(dataset.schema_version).iter_errors(document))
    for other in SUPPORTED:
        if other != dataset.schema_version:
            assert list(_validator(other).iter_errors(document))


@pytest.mark.slow
@given(strategies.datasets())
def test_documents_the_loader_accepts_are_valid_under_the_schema(dataset: nato_rok.Dataset) -> None:
    """Whatever loads() accepts, the schema accepts too."""
    document: dict[str, Any] = json.loads(nato_rok.dumps(dataset))
    errors = [e.message for e in _validator(dataset.schema_version).iter_errors(document)]
    assert [] == errors


def test_the_schema_refuses_what_the_loader_refuses_for_shape(document: dict[str, Any]) -> None:
    """Wrong types, unknown and missing keys, bad slugs and dates fail the schema too."""
    document["quotes"][0]["span"]["start"] = 1.5
    document["visit"]["colour"] = "red"
    del document["participants"][0]["role"]
    document["meetings"][0]["id"] = "Not A Slug"
    document["source"]["published"] = "12 April 2013"
    paths = sorted(
        {
            "/".join(str(p) for p in error.absolute_path)
            for error in _validator(1).iter_errors(document)
        }
    )
    assert [
        "meetings/0/id",
        "participants/0",
        "quotes/0/span/start",
        "source/published",
        "visit",
    ] == paths


def test_unknown_schema_versions_are_refused() -> None:
    """Only the schemas the library reads have a JSON Schema."""
    with pytest.raises(ValueError, match="no schema_version 4"):
        schema(4)
