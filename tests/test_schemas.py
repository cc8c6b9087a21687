"""Schema versions: schema 1 documents read and write exactly as they shipped."""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import pytest
from hypothesis import given

import nato_rok
from nato_rok import Dataset, _schemas, strategies
from nato_rok.exceptions import Problem, SchemaError
from tests.conftest import encode


def test_schema_1_release_reads_and_writes_byte_for_byte() -> None:
    """Release 1.0.0 (schema 1) loads under the schema 2 model and dumps unchanged."""
    old = nato_rok.load("1.0.0")
    assert 1 == old.schema_version
    assert () == old.events
    assert nato_rok.dumps(old) == nato_rok.dumps(nato_rok.loads(nato_rok.dumps(old)))


@pytest.mark.parametrize(
    ("where", "key", "path"),
    [
        ((), "events", "$"),
        (("participants", 0), "names", "$.participants[0]"),
        (("organizations", 2), "codes", "$.organizations[2]"),
        (("visit",), "dates", "$.visit"),
    ],
)
def test_schema_1_documents_cannot_hold_schema_2_keys(
    document: dict[str, Any], where: tuple[Any, ...], key: str, path: str
) -> None:
    """A schema 1 document with a key schema 2 added is refused at that object."""
    target = document
    for step in where:
        target = target[step]
    target[key] = [] if key != "dates" else None
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    assert (
        Problem(path, f"unknown key(s) {key!r} (schema 1 has no {key!r})"),
    ) == caught.value.problems


def test_schema_2_documents_must_spell_out_every_key() -> None:
    """In schema 2 the new keys are required, like every other key."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.1.0")))
    del document["events"], document["participants"][1]["names"]
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    assert sorted(
        [
            Problem("$.events", "required key is missing"),
            Problem("$.participants[1].names", "required key is missing"),
        ]
    ) == sorted(caught.value.problems)


def test_a_schema_1_dataset_with_schema_2_data_cannot_be_dumped() -> None:
    """dumps() refuses to drop data that schema 1 cannot express."""
    new = nato_rok.load("1.1.0")
    with pytest.raises(SchemaError) as caught:
        nato_rok.dumps(attrs.evolve(new, schema_version=1))
    paths = [problem.path for problem in caught.value.problems]
    assert "$.events" in paths
    assert "$.participants[1].names" in paths
    assert "$.visit.dates" in paths


def test_upgrade_leaves_wrong_shapes_to_the_converter() -> None:
    """Objects that are not objects are skipped, to be reported by the converter."""
    document: dict[str, Any] = {
        "participants": ["oops", {"name": "x"}],
        "organizations": 7,
        "visit": 3,
    }
    assert [] == _schemas.upgrade(document, 1)
    assert {"name": "x", "names": [], "codes": []} == document["participants"][1]
    assert 3 == document["visit"]
    assert 7 == document["organizations"]


@pytest.mark.slow
@given(strategies.datasets(schema_versions=(1,)))
def test_downgrade_undoes_upgrade(dataset: Dataset) -> None:
    """For any schema 1 document, upgrading then downgrading gives it back."""
    document = json.loads(nato_rok.dumps(dataset))
    upgraded = copy.deepcopy(document)
    assert [] == _schemas.upgrade(upgraded, 1)
    assert [] == _schemas.downgrade(upgraded, 1)
    assert document == upgraded


def test_schema_2_documents_cannot_hold_schema_3_keys() -> None:
    """A schema 2 document with statements or entities is refused at the document."""
    document = json.loads(nato_rok.dumps(nato_rok.load("1.1.0")))
    document["statements"] = []
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    assert (
        Problem("$", "unknown key(s) 'statements' (schema 2 has no 'statements')"),
    ) == caught.value.problems


def test_a_schema_2_dataset_with_schema_3_data_cannot_be_dumped() -> None:
    """dumps() refuses to drop statements or entities that schema 2 cannot express."""
    new = nato_rok.load("1.2.0")
    with pytest.raises(SchemaError, match="only a later schema can express") as caught:
        nato_rok.dumps(attrs.evolve(new, schema_version=2))
    assert [
        Problem("$.statements", "schema 2 cannot express this value"),
        Problem("$.entities", "schema 2 cannot express this value"),
    ] == list(caught.value.problems)


def test_a_schema_2_copy_of_the_newest_release_without_its_statements_dumps() -> None:
    """Empty statements and entities are simply left out of a schema 2 document."""
    new = nato_rok.load("1.2.0")
    older = attrs.evolve(new, schema_version=2, statements=(), entities=())
    document = json.loads(nato_rok.dumps(older))
    assert "statements" not in document
    assert "entities" not in document


def test_later_schemas_add_their_keys_in_order() -> None:
    """added_after() lists the keys of every later schema, oldest first."""
    assert [key for _, key, _ in _schemas.added_after(2)] == ["statements", "entities"]
    assert 8 == len(_schemas.added_after(1))
    assert () == _schemas.added_after(_schemas.LATEST)
