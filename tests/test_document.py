"""loads() and dumps(): whole documents, checked in full, round-tripped exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nato_rok
from nato_rok import Dataset, strategies
from nato_rok.exceptions import (
    DatasetError,
    MalformedJSONError,
    Problem,
    SchemaError,
    UnsupportedSchemaVersionError,
)
from tests import hostile
from tests.conftest import encode


def _problems(data: str | bytes, error: type[DatasetError] = DatasetError) -> tuple[Problem, ...]:
    with pytest.raises(error) as caught:
        nato_rok.loads(data)
    return caught.value.problems


def test_bundled_release_round_trips_byte_for_byte(bundled: Dataset) -> None:
    """dumps(load()) is the bundled file's text, and loads() of it is equal."""
    text = nato_rok.dumps(bundled)
    assert bundled == nato_rok.loads(text)
    assert bundled == nato_rok.loads(text.encode("utf-8"))
    assert text == nato_rok.dumps(nato_rok.loads(text))


@pytest.mark.slow
@given(strategies.datasets())
def test_every_valid_dataset_round_trips(dataset: Dataset) -> None:
    """loads(dumps(x)) == x for every valid dataset."""
    assert dataset == nato_rok.loads(nato_rok.dumps(dataset))


@pytest.mark.slow
@given(strategies.documents())
def test_output_is_canonical(text: str) -> None:
    """dumps() is a fixed point of loads(): same input, same bytes."""
    assert text == nato_rok.dumps(nato_rok.loads(text))


def test_dumps_refuses_other_objects() -> None:
    """dumps() takes a Dataset only."""
    with pytest.raises(TypeError, match="dumps\\(\\) takes a Dataset, not dict"):
        nato_rok.dumps({})  # type: ignore[arg-type]  # the point of the test


@pytest.mark.parametrize(
    ("text", "error", "problem"),
    [
        ("[]", SchemaError, Problem("$", "expected object, got list")),
        ("{}", SchemaError, Problem("$.schema_version", "required key is missing")),
        (
            '{"schema_version": "1"}',
            SchemaError,
            Problem("$.schema_version", "expected integer, got '1'"),
        ),
        (
            '{"schema_version": 1.0}',
            SchemaError,
            Problem("$.schema_version", "expected integer, got 1.0"),
        ),
        (
            '{"schema_version": true}',
            SchemaError,
            Problem("$.schema_version", "expected integer, got True"),
        ),
        (
            '{"schema_version": 99}',
            UnsupportedSchemaVersionError,
            Problem("$.schema_version", "unsupported schema_version 99"),
        ),
    ],
)
def test_schema_version_is_checked_first(
    text: str, error: type[DatasetError], problem: Problem
) -> None:
    """A missing, mistyped or unknown schema_version gets its own clear error."""
    assert (problem,) == _problems(text, error)


def test_unsupported_schema_says_what_is_supported() -> None:
    """The message lists the supported schema versions."""
    with pytest.raises(UnsupportedSchemaVersionError, match=r"\(supported: 1, 2, 3\)"):
        nato_rok.loads('{"schema_version": 4}')


def test_every_structural_problem_is_reported_at_once(document: dict[str, Any]) -> None:
    """Several problems in one document come back together, each with its path."""
    document["quotes"][3]["span"]["start"] = 12.7
    document["participants"][1]["name"] = None
    del document["visit"]["place"]
    document["cooperation_areas"][0]["colour"] = "red"
    problems = _problems(encode(document), SchemaError)
    assert sorted(
        [
            Problem("$.quotes[3].span.start", "expected integer, got number"),
            Problem("$.participants[1].name", "expected string, got null"),
            Problem("$.visit.place", "required key is missing"),
            Problem("$.cooperation_areas[0]", "unknown key(s) 'colour'"),
        ]
    ) == sorted(problems)


def test_errors_chain_their_cause(document: dict[str, Any]) -> None:
    """A schema error keeps cattrs' error as its cause, for debugging."""
    document["version"] = 1
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    assert caught.value.__cause__ is not None
    assert "1 problem(s)" in caught.value.summary


# --- hostile input (strategies in tests/hostile.py, shared with fuzz/) ------


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_raises_only_dataset_errors(data: bytes | str) -> None:
    """Whatever bytes or text come in, only a DatasetError comes out."""
    hostile.assert_refused(data)


@given(hostile.JSON)
def test_arbitrary_json_raises_only_dataset_errors(value: Any) -> None:
    """Any JSON value that is not a dataset is refused with located problems."""
    if isinstance(value, dict):
        value.setdefault("schema_version", 1)
    assert hostile.assert_refused(json.dumps(value)).problems


@pytest.mark.parametrize("version", nato_rok.versions())
@given(data=st.data())
def test_every_mutation_of_a_bundled_document_is_refused_with_its_path(
    version: str, data: st.DataObject
) -> None:
    """Retyping any value, deleting any key or adding one: always a located DatasetError."""
    base = json.loads(nato_rok.dumps(nato_rok.load(version)))
    hostile.assert_refused_near(*data.draw(hostile.mutations(base)))


@pytest.mark.slow
@given(st.data(), strategies.datasets(max_records=2))
def test_every_mutation_of_any_valid_document_is_refused(
    data: st.DataObject, dataset: Dataset
) -> None:
    """The same holds for generated datasets, not only the bundled ones."""
    hostile.assert_refused_near(*data.draw(hostile.mutations(json.loads(nato_rok.dumps(dataset)))))


@given(hostile.byte_mutations(nato_rok.dumps(nato_rok.load()).encode("utf-8")))
def test_byte_level_damage_is_refused_or_harmless(data: bytes) -> None:
    """Flipped, dropped or inserted bytes: a DatasetError, or a document that round-trips."""
    hostile.assert_refused_or_canonical(data)


def test_malformed_json_is_a_dataset_error() -> None:
    """Syntax errors come out as MalformedJSONError."""
    assert (Problem("$", "Expecting value at line 1 column 1"),) == _problems(
        "", MalformedJSONError
    )


@pytest.mark.parametrize("data", [b"{", nato_rok.dumps(nato_rok.load("1.0.0")).encode()])
def test_loads_restores_the_garbage_collector(data: bytes) -> None:
    """The collector paused while loading runs again afterwards, on success or failure."""
    import contextlib
    import gc

    with contextlib.suppress(DatasetError):
        nato_rok.loads(data)
    assert gc.isenabled()
    gc.disable()
    try:
        with contextlib.suppress(DatasetError):
            nato_rok.loads(data)
        assert not gc.isenabled()  # a caller's own pause is kept
    finally:
        gc.enable()
