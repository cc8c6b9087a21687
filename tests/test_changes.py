"""diff(): what changed between two releases, record by record, by id."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

import nato_rok
from nato_rok import Dataset, strategies
from nato_rok.changes import FieldChange


def test_diff_of_the_bundled_releases() -> None:
    """1.0.0 -> 1.1.0: schema and version bump, additions, and enriched records."""
    changes = nato_rok.diff(nato_rok.load("1.0.0"), nato_rok.load("1.1.0"))
    assert (
        FieldChange(name="schema_version", old=1, new=2),
        FieldChange(name="version", old="1.0.0", new="1.1.0"),
    ) == changes.top_level
    assert () == changes.removed
    added = {type(r).__name__ for r in changes.added}
    assert {"Organization", "Reference", "Event"} == added
    changed = {change.id: [f.name for f in change.fields] for change in changes.changed}
    assert ["names", "codes"] == changed["park-geun-hye"]
    assert ["dates"] == changed["visit-seoul-2013"]
    assert "anders-fogh-rasmussen" not in changed  # no external facts about him


def test_diff_text_and_json() -> None:
    """The text form marks +, -, ~; the JSON form is plain JSON."""
    changes = nato_rok.diff(nato_rok.load("1.0.0"), nato_rok.load("1.1.0"))
    text = changes.to_text()
    assert text.startswith("diff 1.0.0 -> 1.1.0\n~ schema_version: 1 -> 2\n")
    assert "+ Organization afghanistan\n" in text
    assert '    dates: null -> {"start": "2013-04-11"' in text
    plain = json.loads(json.dumps(changes.to_json()))
    assert "afghanistan" == plain["added"][0]["id"]
    assert "Organization" == plain["added"][0]["record_type"]
    assert "state" == plain["added"][0]["kind"]


def test_removed_and_retyped_records() -> None:
    """A record gone is removed; an id that changes type is removed and added."""
    old = nato_rok.load("1.0.0")
    new = attrs.evolve(
        old,
        cooperation_areas=old.cooperation_areas[1:],
        positions=(attrs.evolve(old.positions[0], id="logistics"),),
    )
    changes = nato_rok.diff(old, new)
    assert {"logistics", "north-korea-condemnation"} == {r.id for r in changes.removed}
    assert ["logistics"] == [r.id for r in changes.added]
    assert "- CooperationArea logistics" in changes.to_text()


@pytest.mark.slow
@given(strategies.datasets())
def test_a_dataset_has_no_changes_from_itself(dataset: Dataset) -> None:
    """diff(x, x) is empty and says so."""
    changes = nato_rok.diff(dataset, dataset)
    assert not changes
    assert changes.to_text().endswith("no changes\n")


@pytest.mark.slow
@given(strategies.datasets(max_records=2), strategies.datasets(max_records=2))
def test_added_and_removed_follow_the_ids(old: Dataset, new: Dataset) -> None:
    """Added ids are new ids, removed are old ones; changed records exist in both."""
    changes = nato_rok.diff(old, new)
    before = {r.id for r in (old.source, *old.records())}
    after = {r.id for r in (new.source, *new.records())}
    assert after - before <= {r.id for r in changes.added}
    assert before - after <= {r.id for r in changes.removed}
    assert all(c.id in before and c.id in after and c.fields for c in changes.changed)
    json.dumps(changes.to_json())


def _mutable_inside(value: object) -> list[str]:
    """Name every list, dict or set found anywhere inside *value*'s attrs fields and tuples."""
    import types
    import typing
    from typing import Any

    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, dict, set, bytearray)):
            found.append(type(item).__name__)
        elif isinstance(item, types.MappingProxyType):
            stack.extend(item.values())
        elif isinstance(item, tuple):
            stack.extend(item)
        elif attrs.has(type(item)):
            stack.extend(getattr(item, a.name) for a in attrs.fields(typing.cast(Any, type(item))))
    return found


def test_a_diff_holds_tuples_not_lists() -> None:
    """Nothing inside a Diff is mutable: arrays are tuples, objects read-only mappings."""
    changes = nato_rok.diff(nato_rok.load("1.0.0"), nato_rok.load("1.1.0"))
    assert [] == _mutable_inside(changes)
    assert any(isinstance(f.new, tuple) for c in changes.changed for f in c.fields)
    assert json.loads(json.dumps(changes.to_json())) == changes.to_json()


@pytest.mark.parametrize("bad", [None, "1.0.0", {}])
def test_diff_of_something_else_is_a_type_error(bad: object) -> None:
    """diff() takes two datasets; anything else is a TypeError naming the argument."""
    dataset = nato_rok.load("1.0.0")
    with pytest.raises(TypeError, match="diff\\(\\) argument 'old' must be a Dataset"):
        nato_rok.diff(bad, dataset)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="diff\\(\\) argument 'new' must be a Dataset"):
        nato_rok.diff(dataset, bad)  # type: ignore[arg-type]
