"""The one walk over a record's spans, shared by the views and the exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from nato_rok.model import Span


def record_spans(record: Any) -> Iterator[tuple[str, int | None, Span]]:
    """Yield (field, index or None for a single span, span) for every span of *record*."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, Span):
            yield field.name, None, value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, Span):
                    yield field.name, index, item


def label(field: str, index: int | None) -> str:
    """Return ``field`` or ``field[index]``, as in a JSON path."""
    return field if index is None else f"{field}[{index}]"
