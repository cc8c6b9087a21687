"""loads() and dumps(): whole documents, checked in full, round-tripped exactly."""

from __future__ import annotations

import copy
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


@given(strategies.datasets())
def test_every_valid_dataset_round_trips(dataset: Dataset) -> None:
    """loads(dumps(x)) == x for every valid dataset."""
    assert dataset == nato_rok.loads(nato_rok.dumps(dataset))


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
    with pytest.raises(UnsupportedSchemaVersionError, match=r"\(supported: 1, 2\)"):
        nato_rok.loads('{"schema_version": 3}')


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


# --- hostile input ---------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_raises_only_dataset_errors(data: bytes | str) -> None:
    """Whatever bytes or text come in, only a DatasetError comes out."""
    with pytest.raises(DatasetError) as caught:
        nato_rok.loads(data)
    assert str(caught.value)
    assert all(p.path.startswith("$") and p.message for p in caught.value.problems)


@given(JSON)
def test_arbitrary_json_raises_only_dataset_errors(value: Any) -> None:
    """Any JSON value that is not a dataset is refused with located problems."""
    if isinstance(value, dict):
        value.setdefault("schema_version", 1)
    with pytest.raises(DatasetError) as caught:
        nato_rok.loads(json.dumps(value))
    assert caught.value.problems
    assert all(p.path.startswith("$") and p.message for p in caught.value.problems)


def _slots(value: Any, path: str = "$") -> list[tuple[str, Any, Any]]:
    """Every (path, container, key) below *value*."""
    found: list[tuple[str, Any, Any]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        child_path = f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]"
        found.append((child_path, value, key))
        found += _slots(child, child_path)
    return found


def _others(value: Any) -> list[Any]:
    """JSON values of every type but the type of *value* (never a string for a null)."""
    candidates: list[Any] = [None, True, 0, 0.5, "x", ["x"], {"x": 1}]
    return [
        c
        for c in candidates
        if type(c) is not type(value) and not (value is None and isinstance(c, str))
    ]


@st.composite
def _mutations(draw: Any, base: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Return an invalid variant of *base*, and the path of the value it changed."""
    document = copy.deepcopy(base)
    path, container, key = draw(st.sampled_from(_slots(document)))
    actions = ["retype", "delete", "add"] if isinstance(container, dict) else ["retype"]
    action = draw(st.sampled_from(actions))
    if action == "delete":
        del container[key]
    elif action == "add":
        container["unexpected_key"] = 1
        path = path.rpartition(".")[0]
    else:
        container[key] = draw(st.sampled_from(_others(container[key])))
    return document, path


def _near(problem_path: str, changed: str) -> bool:
    """Whether a problem is reported at the changed value, inside it, or at a parent."""
    return any(
        longer == shorter or longer.startswith((shorter + ".", shorter + "["))
        for longer, shorter in ((changed, problem_path), (problem_path, changed))
    )


def _assert_refused_near(document: dict[str, Any], changed: str) -> None:
    with pytest.raises(DatasetError) as caught:
        nato_rok.loads(encode(document))
    paths = [p.path for p in caught.value.problems]
    # The whole document ("$") is everybody's parent; it only counts for top-level keys.
    top_level = changed.count(".") + changed.count("[") <= 1
    assert any(_near(p, changed) and (p != "$" or top_level) for p in paths), (changed, paths)


@given(st.data())
def test_every_mutation_of_the_bundled_document_is_refused_with_its_path(
    data: st.DataObject,
) -> None:
    """Retyping any value, deleting any key or adding one: always a located DatasetError."""
    base = json.loads(nato_rok.dumps(nato_rok.load("1.0.0")))
    _assert_refused_near(*data.draw(_mutations(base)))


@given(st.data(), strategies.datasets(max_records=2))
def test_every_mutation_of_any_valid_document_is_refused(
    data: st.DataObject, dataset: Dataset
) -> None:
    """The same holds for generated datasets, not only the bundled one."""
    _assert_refused_near(*data.draw(_mutations(json.loads(nato_rok.dumps(dataset)))))


def test_malformed_json_is_a_dataset_error() -> None:
    """Syntax errors come out as MalformedJSONError."""
    assert (Problem("$", "Expecting value at line 1 column 1"),) == _problems(
        "", MalformedJSONError
    )
