"""The structure functions written ahead of time (``nato_rok._structure``).

They must be current (regenerating gives the same source), build what the
converter builds, and refuse whatever the converter refuses: on a refusal
the detailed converter runs and says why, so the errors stay its own.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, strategies as st

import nato_rok
from nato_rok import _converter, _resources, _schemas, _structure
from nato_rok.dataset import Dataset

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))

import generate_structure  # scripts/ is not a package


def _value(version: str) -> Any:
    """Return the parsed, upgraded document of a bundled release."""
    manifest = json.loads(_resources.read_data("manifest.json"))
    (entry,) = (e for e in manifest["releases"] if e["version"] == version)
    value = json.loads(_resources.read_data(entry["file"]))
    assert not _schemas.upgrade(value, value["schema_version"])
    return value


def test_the_generated_module_is_current() -> None:
    """Regenerating from the record classes gives the checked-in source, byte for byte."""
    assert generate_structure.OUT.read_text(encoding="utf-8") == generate_structure.render()
    assert 0 == generate_structure.main(["--check"])


def test_check_says_when_the_module_is_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generate_structure, "render", lambda: "stale\n")
    assert 1 == generate_structure.main(["--check"])


@pytest.mark.parametrize("version", nato_rok.versions())
def test_both_paths_build_what_the_converter_builds(version: str) -> None:
    """checked() and trusted() give the converter's dataset, record for record."""
    expected = _converter.converter().structure(_value(version), Dataset)
    for build in (_structure.checked, _structure.trusted):
        built = build(_value(version))
        assert expected == built
        assert [type(r) for r in expected.records()] == [type(r) for r in built.records()]
        assert _converter.converter().unstructure(built) == _value(version)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside *value*."""
    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    found = []
    for key, child in items:
        found.append((*path, key))
        if isinstance(child, (dict, list)):
            found.extend(_paths(child, (*path, key)))
    return found


def _richest(items: list[Any]) -> list[Any]:
    """Return the item holding the most values (optional ones set, lists filled)."""
    return [max(items, key=lambda item: len(_paths(item)))] if items else []


#: Release 1.2.0 has a record of every kind; the richest of each keeps the test fast.
DOCUMENT: dict[str, Any] = {
    key: _richest(child) if isinstance(child, list) else child
    for key, child in _value("1.2.0").items()
}

#: A value of every JSON type, and the forms the strict hooks single out.
REPLACEMENTS: tuple[Any, ...] = (
    None,
    True,
    0,
    7,
    -1,
    1.5,
    "",
    "x",
    "2013-04-12",
    "IGOWSTNAT",
    [],
    ["x"],
    [1],
    {},
)


def _accepted(build: Any, value: Any) -> bool:
    try:
        build(value)
    except Exception:  # noqa: BLE001  # any refusal counts as one
        return False
    return True


def _detailed(value: Any) -> Dataset:
    return _converter.converter().structure(value, Dataset)


@pytest.mark.parametrize("path", _paths(DOCUMENT), ids=lambda path: ".".join(map(str, path)))
def test_checked_refuses_what_the_converter_refuses(path: tuple[Any, ...]) -> None:
    """Each value replaced by one of every JSON type, or dropped, or a key added: both agree."""
    *parents, last = path
    value = copy.deepcopy(DOCUMENT)
    holder: Any = value
    for key in parents:
        holder = holder[key]
    original = holder[last]
    for replacement in REPLACEMENTS:
        holder[last] = replacement
        assert _accepted(_detailed, value) == _accepted(_structure.checked, value), replacement
    if isinstance(holder, dict):
        del holder[last]
        assert not _accepted(_detailed, value)
        assert not _accepted(_structure.checked, value)
        holder[last] = original
        holder["unexpected"] = original
        assert not _accepted(_detailed, value)
        assert not _accepted(_structure.checked, value)


@given(
    start=st.integers(-2, 3) | st.integers() | st.booleans() | st.floats(0, 3),
    end=st.integers(-2, 3) | st.integers() | st.booleans() | st.floats(0, 3),
)
def test_the_inline_span_check_is_spans_own(start: Any, end: Any) -> None:
    """checked() builds a Span without calling it; it refuses exactly what Span refuses."""
    value = copy.deepcopy(DOCUMENT)
    value["quotes"][0]["attribution_span"] = {"start": start, "end": end}
    assert _accepted(_detailed, copy.deepcopy(value)) == _accepted(_structure.checked, value)


#: Texts on every side of the character policy's common case: blanks, controls,
#: non-ASCII printable text, invisible and non-printable characters it allows.
TEXTS = st.sampled_from(
    ["", " ", "\t", "a b", "a\u00a0b", "\u2019a", "a\u00ad", "a\u2800"]
) | st.text(alphabet="aZ -\n\t\x00\u00a0\u00ad\u2019\u2800\u202e\u3164é", max_size=5)
IDS = st.sampled_from(["a", "b-1"]) | st.text(alphabet="az09-_A ", max_size=5)


@pytest.mark.parametrize("key", ["text", "id", "speaker_id", "topic_ids"])
@given(text=TEXTS, slug=IDS, slugs=st.lists(IDS, max_size=3))
# Each refusal of the fast path on every run, not only when a search draws it.
@example(text="", slug="A", slugs=["a", "a"])
@example(text="a\u00ad", slug="a-", slugs=["a", "B"])
def test_the_fast_validators_are_the_records_own(
    key: str, text: str, slug: str, slugs: list[str]
) -> None:
    """checked() builds a Quote without calling it; it refuses exactly what Quote refuses."""
    value = copy.deepcopy(DOCUMENT)
    value["quotes"][0][key] = {"text": text, "topic_ids": slugs}.get(key, slug)
    assert _accepted(_detailed, copy.deepcopy(value)) == _accepted(_structure.checked, value)


def test_every_fast_validator_is_a_validator_of_the_model() -> None:
    """The generator's table names only validators the record classes use."""
    used = {
        field.validator
        for cls in generate_structure._classes()
        for field in attrs.fields(cls)
        if field.validator is not None
    }
    assert set(generate_structure.FAST) <= used
