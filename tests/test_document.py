"""loads() and dumps(): whole documents, checked in full, round-tripped exactly."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import nato_rok
from nato_rok import Dataset, _structure, strategies
from nato_rok.exceptions import (
    DatasetError,
    MalformedJSONError,
    Problem,
    SchemaError,
    UnsupportedSchemaVersionError,
)
from tests import hostile
from tests.conftest import encode, every_release


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


@pytest.mark.parametrize("version", every_release())
@given(data=st.data())
def test_every_mutation_of_a_bundled_document_is_refused_with_its_path(
    version: str, data: st.DataObject
) -> None:
    """Retyping any value, deleting any key or adding one: always a located DatasetError."""
    base = json.loads(nato_rok.dumps(nato_rok.load(version)))
    hostile.assert_refused_near(*data.draw(hostile.mutations(base)))


def _plain_loads(data: str) -> Dataset:
    """Run loads() without building records as it parses: plain values, then the checks."""
    with mock.patch.dict(_structure.PARSED, clear=True):
        return nato_rok.loads(data)


def _refusal(load: Any, data: str) -> tuple[type[DatasetError], str, tuple[Problem, ...]]:
    with pytest.raises(DatasetError) as caught:
        load(data)
    return type(caught.value), str(caught.value), caught.value.problems


@given(data=st.data())
def test_records_built_while_parsing_change_no_refusal(data: st.DataObject) -> None:
    """loads() builds quotations and spans as it parses; every refusal is the plain path's."""
    base = json.loads(nato_rok.dumps(nato_rok.load()))
    text = json.dumps(data.draw(hostile.mutations(base))[0], ensure_ascii=False)
    assert _refusal(_plain_loads, text) == _refusal(nato_rok.loads, text)


@pytest.mark.parametrize(
    "value",
    [
        {"start": 1, "end": 2},  # a span, where the document belongs
        {"visit": {"start": 1, "end": 2}},  # a span, where the visit belongs
        {"start": 2, "end": 1},  # span-shaped, refused by Span: left a dict
    ],
)
def test_a_record_built_in_the_wrong_place_is_refused_as_plain_json(value: Any) -> None:
    """An object shaped as a span anywhere else gets the plain path's error."""
    text = json.dumps(value)
    assert _refusal(_plain_loads, text) == _refusal(nato_rok.loads, text)


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
def test_loads_never_touches_the_garbage_collector(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading changes no process-wide state: the collector is never switched."""
    import contextlib
    import gc

    def refuse() -> None:
        raise AssertionError("loads() switched the garbage collector")

    monkeypatch.setattr(gc, "disable", refuse)
    monkeypatch.setattr(gc, "enable", refuse)
    with contextlib.suppress(DatasetError):
        nato_rok.loads(data)


@pytest.mark.parametrize(
    ("max_size", "error", "message"),
    [
        (None, TypeError, "loads\\(\\) argument 'max_size' must be an int, not NoneType"),
        ("10", TypeError, "loads\\(\\) argument 'max_size' must be an int, not str"),
        (True, TypeError, "loads\\(\\) argument 'max_size' must be an int, not bool"),
        (1.5, TypeError, "loads\\(\\) argument 'max_size' must be an int, not float"),
        (-1, ValueError, "loads\\(\\) argument 'max_size' must be >= 0, got -1"),
    ],
)
def test_a_wrong_max_size_names_the_argument(
    max_size: Any, error: type[Exception], message: str
) -> None:
    """A max_size of the wrong type or sign is refused naming it, before any parsing."""
    with pytest.raises(error, match=message):
        nato_rok.loads("{}", max_size=max_size)


@pytest.mark.parametrize("data", [1, None, ["{}"], memoryview(b"{}")])
def test_data_of_the_wrong_type_is_a_dataset_error(data: Any) -> None:
    """Anything but str, bytes or bytearray is refused as a DatasetError."""
    with pytest.raises(MalformedJSONError, match="expected str or bytes"):
        nato_rok.loads(data)


def test_many_problems_are_capped_and_counted(document: dict[str, Any]) -> None:
    """A document with a million bad items lists the first hundred and counts the rest."""
    document["quotes"] = [None] * 1_000_000
    with pytest.raises(SchemaError) as caught:
        nato_rok.loads(encode(document))
    problems = caught.value.problems
    assert 100 == len(problems)
    rest = "999900 more item(s) of this array are invalid too (not listed)"
    assert Problem("$.quotes", rest) == problems[0]
    assert Problem("$.quotes[0]", "expected object, got null") == problems[1]
    assert 1 == caught.value.omitted
    assert str(caught.value).endswith("\n  ... and 1 more problem(s)")


def test_integrity_problems_are_capped_and_counted(document: dict[str, Any]) -> None:
    """Many inconsistent records: the first hundred problems are listed, the rest counted."""
    quote = document["quotes"][0]
    document["quotes"] = [
        {**quote, "id": f"q-{index}", "speaker_id": "nobody"} for index in range(500)
    ]
    with pytest.raises(nato_rok.exceptions.IntegrityError) as caught:
        nato_rok.loads(encode(document))
    assert 100 == len(caught.value.problems)
    assert 400 == caught.value.omitted
    assert "(500 problem(s))" in caught.value.summary


@pytest.mark.data  # every export: the table exports' too
@pytest.mark.parametrize("version", every_release())
def test_bundled_releases_go_through_the_cli_and_every_export(version: str) -> None:
    """What the fuzzer checks of every accepted document, on the bundled releases."""
    hostile.assert_usable(nato_rok.load(version))


@pytest.mark.slow
@settings(max_examples=10)
@given(strategies.datasets())
def test_generated_datasets_go_through_the_cli_and_every_export(dataset: Dataset) -> None:
    """Any valid dataset validates, diffs and shows from a file, and exports in every format."""
    hostile.assert_usable(dataset)


@pytest.mark.slow
def test_refusing_a_million_nulls_takes_flat_memory(document: dict[str, Any]) -> None:
    """The error path keeps at most 100 errors per array: a million bad items cost little."""
    import tracemalloc

    document["quotes"] = [None] * 1_000_000
    text = encode(document)
    del document
    tracemalloc.start()
    try:
        with pytest.raises(SchemaError):
            nato_rok.loads(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # the parsed list alone is 8 MB; unbounded was gigabytes
