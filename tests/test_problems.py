"""Problem paths that cannot be faked, and the cap on collected problems."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from nato_rok import _json
from nato_rok._problems import LIMIT, Collector, member
from nato_rok.exceptions import MalformedJSONError, Problem


@given(st.text())
def test_a_key_reads_back_from_its_path(key: str) -> None:
    """Every key's path is plain or quoted JSON that gives the key back; never ambiguous."""
    path = member("$", key)
    assert path.isascii()
    assert path.isprintable()
    if path.startswith("$."):
        assert key == path[2:]
        assert "." not in key
        assert "[" not in key
    else:
        assert path.startswith('$["')
        assert path.endswith('"]')
        assert key == json.loads(path[2:-1])


def test_keys_with_dots_or_brackets_cannot_fake_a_path() -> None:
    """A key holding '.' or '[' is quoted, so it is not read as two steps."""
    data = '{"a": {"b[0].c": {"k": 1, "k": 2}}, "a.b": {"k": 1, "k": 2}}'
    with pytest.raises(MalformedJSONError) as caught:
        _json.parse(data, max_size=1000)
    paths = [problem.path for problem in caught.value.problems]
    assert ['$.a["b[0].c"]', '$["a.b"]'] == paths


def test_a_collector_keeps_the_first_problems_and_counts_the_rest() -> None:
    """Past LIMIT problems, only the count grows."""
    found = Collector()
    assert not found
    found.extend([Problem("$", str(index)) for index in range(LIMIT + 5)])
    assert LIMIT == len(found.problems)
    assert "0" == found.problems[0].message
    assert 5 == found.omitted
    assert LIMIT + 5 == len(found)
