"""Strict JSON parsing and canonical output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, strategies as st

from nato_rok import _json
from nato_rok.exceptions import DocumentTooLargeError, MalformedJSONError, Problem

LIMIT = 1 << 20
SURROGATE = "holds a lone surrogate, which no UTF-8 can encode"
NUL = "holds U+0000 (NUL), which CSV, HTML and XML cannot carry"


def _problems(data: Any, max_size: int = LIMIT) -> tuple[Problem, ...]:
    with pytest.raises(MalformedJSONError) as caught:
        _json.parse(data, max_size=max_size)
    return caught.value.problems


def test_duplicate_keys_are_named_with_their_paths() -> None:
    """Every object with a repeated key is reported, with its path."""
    text = '{"a": 1, "a": 2, "b": [{"c": 1, "d": 0, "c": 2}], "e": {"f": {"g": 1, "g": 1}}}'
    assert (
        Problem("$", "duplicate key 'a' in one object"),
        Problem("$.b[0]", "duplicate key 'c' in one object"),
        Problem("$.e.f", "duplicate key 'g' in one object"),
    ) == _problems(text)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "[NaN]"])
def test_non_finite_constants_are_refused(literal: str) -> None:
    """NaN and the infinities are not JSON numbers."""
    (problem,) = _problems(literal)
    assert "is not allowed in JSON" in problem.message


@pytest.mark.parametrize("literal", ["1e999", "-1e400"])
def test_numbers_that_overflow_are_refused(literal: str) -> None:
    """A number literal too large for a float is refused, not read as infinity."""
    (problem,) = _problems(literal)
    assert f"number {literal} is out of range" == problem.message


def test_integers_with_too_many_digits_are_refused() -> None:
    """Python's limit on integer digits gives an error, not a crash."""
    (problem,) = _problems("1" * 5000)
    assert "$" == problem.path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff{}", "invalid UTF-8 at byte 0"),
        (b'{"a": "\xc3"}', "invalid UTF-8 at byte 7"),
        ('{"a": 1', "Expecting ',' delimiter at line 1 column 8"),
        ("", "Expecting value at line 1 column 1"),
        ("\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig) at line 1 column 1"),
        ("[" * 100_000 + "]" * 100_000, "arrays and objects nest too deeply"),
        (12, "expected str or bytes, got int"),
        (None, "expected str or bytes, got NoneType"),
    ],
)
def test_malformed_input_gets_a_clear_message(data: Any, message: str) -> None:
    """Bad encoding, syntax, nesting and input types each say what is wrong."""
    with pytest.raises(MalformedJSONError) as caught:
        _json.parse(data, max_size=1 << 30)
    assert (Problem("$", message),) == caught.value.problems
    assert f"the document is not strict JSON: {message}" == caught.value.summary


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ('{"a": "\\ud800"}', (Problem("$.a", f"string {SURROGATE}"),)),
        ('{"a": "x\\u0000"}', (Problem("$.a", f"string {NUL}"),)),
        ('{"a\\u0000": 1}', (Problem("$", f"key {NUL}"),)),
        (
            '{"\\udfff": [1, "x\\uDC00"]}',
            (
                Problem("$", f"key {SURROGATE}"),
                Problem('$["\\udfff"][1]', f"string {SURROGATE}"),
            ),
        ),
        ('["\ud800"]', (Problem("$[0]", f"string {SURROGATE}"),)),
    ],
)
def test_unwritable_text_is_refused_with_its_path(data: str, problems: tuple[Problem, ...]) -> None:
    """Lone surrogates (no UTF-8) and NUL (no CSV, HTML, XML) are refused, each located."""
    assert problems == _problems(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [('["\\ud83d\\ude00"]', ["\U0001f600"]), ('["\U0001f600 ’"]', ["\U0001f600 ’"])],
)
def test_surrogate_pairs_and_unicode_are_fine(data: str, expected: list[str]) -> None:
    """A proper pair of escapes is one character; non-ASCII text passes unchanged."""
    assert expected == _json.parse(data, max_size=LIMIT)


def test_utf16_is_not_utf8() -> None:
    """Bytes in another encoding are refused even where json.loads would guess."""
    (problem,) = _problems('{"a": 1}'.encode("utf-16"))
    assert problem.message.startswith("invalid UTF-8")


@pytest.mark.parametrize("data", ["[1, 2]", b"[1, 2]", bytearray(b"[1, 2]")])
def test_size_limit_is_checked_before_parsing(data: str | bytes | bytearray) -> None:
    """A document longer than max_size is refused, with the way to raise the limit."""
    with pytest.raises(DocumentTooLargeError, match="pass a larger max_size") as caught:
        _json.parse(data, max_size=5)
    assert (Problem("$", "document longer than max_size=5"),) == caught.value.problems
    assert [1, 2] == _json.parse(data, max_size=6)


#: Text a dataset may hold: any Unicode but lone surrogates and NUL.
WRITABLE = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | WRITABLE,
    lambda children: st.lists(children) | st.dictionaries(WRITABLE, children),
    max_leaves=20,
)


@given(JSON)
def test_parse_agrees_with_json_loads_on_strict_json(value: Any) -> None:
    """For strict JSON, parse() gives what json.loads gives."""
    text = json.dumps(value)
    assert json.loads(text) == _json.parse(text, max_size=LIMIT)
    assert json.loads(text) == _json.parse(text.encode(), max_size=LIMIT)


@given(JSON)
def test_dump_is_canonical_and_round_trips(value: Any) -> None:
    """dump() is a fixed point: parsing and dumping again gives the same text."""
    text = _json.dump(value)
    assert text.endswith("\n")
    assert text == _json.dump(_json.parse(text, max_size=LIMIT))


def test_dump_writes_unicode_as_itself() -> None:
    """Curly quotes and Hangul are written as characters, not escapes."""
    assert '"“NATO’s” 박근혜"\n' == _json.dump("“NATO’s” 박근혜")


def _built(obj: dict[str, Any]) -> tuple[str, int, Any]:
    """Build a record stand-in from a {"a", "b"} object whose "a" is an int, or refuse."""
    if type(obj["a"]) is not int:
        raise TypeError("not an int")
    return ("built", obj["a"], obj["b"])


SHAPES: _json.Shapes = {2: (frozenset({"a", "b"}), _built)}


def test_objects_of_a_shape_are_built_as_they_are_parsed() -> None:
    """An object with a shape's keys becomes what its function builds; others stay dicts."""
    text = '[{"a": 1, "b": [2]}, {"b": 3, "a": 4}, {"a": "x", "b": 5}, {"a": 6, "c": 7}, {"a": 8}]'
    assert [
        ("built", 1, [2]),
        ("built", 4, 3),
        {"a": "x", "b": 5},  # the function refused it: left as parsed
        {"a": 6, "c": 7},
        {"a": 8},
    ] == _json.parse(text, max_size=LIMIT, shapes=SHAPES)


def test_shapes_leave_duplicates_and_unwritable_text_to_the_plain_checks() -> None:
    """A repeated key or a lone surrogate is found and refused, shapes or not."""
    for text in ('[{"a": 1, "b": 2, "a": 3}]', '[{"a": 1, "b": "\\ud800"}]'):
        with pytest.raises(MalformedJSONError) as caught:
            _json.parse(text, max_size=LIMIT, shapes=SHAPES)
        assert _problems(text) == caught.value.problems
