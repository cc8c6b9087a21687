"""What changed between two releases, record by record, by id.

    >>> import nato_rok
    >>> changes = nato_rok.diff(nato_rok.load("1.0.0"), nato_rok.load("1.1.0"))
    >>> [record.id for record in changes.added][:2]
    ['afghanistan', 'nato-news-99791']

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from nato_rok.dataset import Dataset, Record
from nato_rok.model import Source

__all__ = ["Diff", "FieldChange", "RecordChange", "diff"]

_TOP_LEVEL = ("schema_version", "version", "license")


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field whose value differs.

    Attributes:
        name: The field (the JSON key).
        old: The old value as JSON (``None`` if the field did not exist),
            immutable: arrays are tuples, objects read-only mappings.
        new: The new value as JSON (``None`` if the field no longer exists),
            immutable as ``old`` is.

    .. versionchanged:: 1.2.0
       Values hold tuples and read-only mappings, not lists and dicts.
    """

    name: str
    old: Any
    new: Any


@attrs.frozen(kw_only=True)
class RecordChange:
    """A record present in both releases whose fields differ.

    Attributes:
        id: The record's id.
        kind: The record's type, such as ``"Participant"``.
        fields: The fields that differ, in field order.
    """

    id: str
    kind: str
    fields: tuple[FieldChange, ...]


@attrs.frozen(kw_only=True)
class Diff:
    """The changes from one release to another.

    Attributes:
        old_version: Release compared from.
        new_version: Release compared to.
        top_level: Changes to ``schema_version``, ``version`` and ``license``.
        added: Records only in the new release, in its order.
        removed: Records only in the old release, in its order.
        changed: Records in both whose fields differ, in the new release's order.
    """

    old_version: str
    new_version: str
    top_level: tuple[FieldChange, ...]
    added: tuple[Record | Source, ...]
    removed: tuple[Record | Source, ...]
    changed: tuple[RecordChange, ...]

    def __bool__(self) -> bool:
        """Whether anything changed."""
        return bool(self.top_level or self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        """Return the diff as plain JSON values.

        Added and removed records appear as their JSON with a
        ``record_type`` key (``"Participant"``, ...) in front.
        """
        from nato_rok import _converter

        unstructure = _converter.converter().unstructure

        def record(value: Record | Source) -> dict[str, Any]:
            return {"record_type": type(value).__name__, **unstructure(value)}

        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "top_level": [_plain_change(change) for change in self.top_level],
            "added": [record(value) for value in self.added],
            "removed": [record(value) for value in self.removed],
            "changed": [
                {
                    "id": change.id,
                    "kind": change.kind,
                    "fields": [_plain_change(field) for field in change.fields],
                }
                for change in self.changed
            ],
        }

    def to_text(self) -> str:
        """Return the diff as lines of text: ``+`` added, ``-`` removed, ``~`` changed."""
        lines = [f"diff {self.old_version} -> {self.new_version}"]
        lines += [f"~ {c.name}: {_show(c.old)} -> {_show(c.new)}" for c in self.top_level]
        lines += [f"+ {type(r).__name__} {r.id}" for r in self.added]
        lines += [f"- {type(r).__name__} {r.id}" for r in self.removed]
        for change in self.changed:
            lines.append(f"~ {change.kind} {change.id}")
            lines += [f"    {c.name}: {_show(c.old)} -> {_show(c.new)}" for c in change.fields]
        if not self:
            lines.append("no changes")
        return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _frozen(value: Any) -> Any:
    """Return JSON *value* immutable: arrays as tuples, objects as read-only mappings."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    return value


def _plain(value: Any) -> Any:
    """Return a :func:`_frozen` value as plain JSON values again."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _plain_change(change: FieldChange) -> dict[str, Any]:
    return {"name": change.name, "old": _plain(change.old), "new": _plain(change.new)}


def _fields(record: Record | Source, plain: dict[str, Any]) -> dict[str, Any]:
    return {field.name: plain[field.name] for field in attrs.fields(type(record)) if field.init}


def diff(old: Dataset, new: Dataset) -> Diff:
    """Return what changed from *old* to *new*, record by record, by id.

    Records are matched by id (the source included). A record whose type
    changed counts as removed and added.

    Raises:
        TypeError: *old* or *new* is not a :class:`~nato_rok.Dataset`.

    .. versionadded:: 1.1.0
    """
    from nato_rok import _converter

    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, Dataset):
            raise TypeError(
                f"diff() argument {name!r} must be a Dataset, not {type(value).__name__}"
            )

    unstructure = _converter.converter().unstructure
    before = {record.id: record for record in (old.source, *old.records())}
    after = {record.id: record for record in (new.source, *new.records())}
    top_level = tuple(
        FieldChange(name=name, old=getattr(old, name), new=getattr(new, name))
        for name in _TOP_LEVEL
        if getattr(old, name) != getattr(new, name)
    )
    changed = []
    for record_id, record in after.items():
        previous = before.get(record_id)
        if previous is None or type(previous) is not type(record) or previous == record:
            continue
        was, now = _fields(previous, unstructure(previous)), _fields(record, unstructure(record))
        changed.append(
            RecordChange(
                id=record_id,
                kind=type(record).__name__,
                fields=tuple(
                    FieldChange(name=name, old=_frozen(was[name]), new=_frozen(now[name]))
                    for name in now
                    if was[name] != now[name]
                ),
            )
        )

    def same_kind(record: Record | Source, others: dict[str, Record | Source]) -> bool:
        return type(others.get(record.id)) is type(record)

    return Diff(
        old_version=old.version,
        new_version=new.version,
        top_level=top_level,
        added=tuple(r for r in after.values() if not same_kind(r, before)),
        removed=tuple(r for r in before.values() if not same_kind(r, after)),
        changed=tuple(changed),
    )
