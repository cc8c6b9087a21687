"""Predicted spans in: W3C Web Annotations, the export's own or any coder's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from nato_rok import _json
from nato_rok._suggest import suggestions
from nato_rok.exceptions import DatasetError, UnknownLabelError
from nato_rok.model import Participant, Quote
from nato_rok.score._items import SpanItem
from nato_rok.score._read import (
    Context,
    known,
    mention_label,
    objects,
    placed,
    span_of,
    speaker_id,
)
from nato_rok.statements import Statement


def _annotations(context: Context, text: str) -> Iterator[tuple[int, Any]]:
    """Yield (line, annotation) from a collection, page, list, annotation or JSON Lines."""
    try:
        value = _json.parse(text, max_size=len(text))
    except DatasetError:
        yield from objects(context, text)
        return
    if type(value) is dict and value.get("type") == "AnnotationCollection":
        value = value.get("first", {})
    if type(value) is dict and value.get("type") == "AnnotationPage":
        value = value.get("items")
    if type(value) is dict:
        value = [value]
    if type(value) is not list:
        context.fail("$", "expected an annotation collection, page, list or annotation")
    for index, annotation in enumerate(value):
        context.line = index + 1
        yield index + 1, annotation


def _listed(value: Any) -> list[Any]:
    return value if type(value) is list else [value]


def _body(annotation: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """Return (record id, field, tag) an annotation's bodies give."""
    record_id = field = tag = None
    for body in _listed(annotation.get("body", [])):
        if type(body) is not dict:
            continue
        source = body.get("source")
        if type(source) is str and source.startswith("urn:nato-rok:"):
            record_id = source.removeprefix("urn:nato-rok:")
        value = body.get("value")
        if type(value) is str and body.get("purpose") == "classifying":
            # The export's "Quote quote-id (span)": the record type and the field.
            found = re.fullmatch(r"(\w+) \S+ \((\w+)(?:\[\d+\])?\)", value)
            field = f"{found.group(1)}.{found.group(2)}" if found else None
        elif type(value) is str and body.get("purpose") == "tagging":
            tag = value
    return record_id, field, tag


def _selectors(context: Context, annotation: dict[str, Any]) -> dict[str, Any]:
    target = annotation.get("target")
    target = _listed(target)[0] if target else None
    if type(target) is not dict:
        context.fail("$.target", "expected a target with a selector")
    selector: dict[str, Any] = {}
    for each in _listed(target.get("selector", [])):
        if type(each) is dict and each.get("type") == "TextPositionSelector":
            selector.update(start=each.get("start"), end=each.get("end"))
        elif type(each) is dict and each.get("type") == "TextQuoteSelector":
            selector.update(
                text=each.get("exact"), prefix=each.get("prefix", ""), suffix=each.get("suffix", "")
            )
    if not selector:
        context.fail("$.target.selector", "no TextPositionSelector or TextQuoteSelector")
    if "start" in selector:
        selector.pop("text", None)
    return selector


#: The record types and fields of the export's annotations each task reads.
_WANTED = {
    "mentions": ("Participant.mentions", "Organization.mentions", "Entity.mentions"),
    "quotes": ("Quote.span",),
    "statements": ("Statement.span", "Statement.attribution_span"),
}


def read_annotations(context: Context, text: str, task: str) -> list[SpanItem]:
    """Read W3C Web Annotations: the export's own, or any with selectors and an id or tag."""
    items: list[SpanItem] = []
    cues: dict[str, tuple[int, int]] = {}
    for number, annotation in _annotations(context, text):
        if type(annotation) is not dict:
            context.fail("$", "an annotation must be an object")
        record_id, field, tag = _body(annotation)
        if field is not None and field not in _WANTED[task]:
            continue
        record = None
        if record_id is not None:
            if not known(context, record_id):
                ids = [(r.id, r.id) for r in context.dataset.records()]
                context.fail(
                    "$.body",
                    f"no record has the id {record_id!r}",
                    UnknownLabelError,
                    suggestions(record_id, ids),
                )
            record = context.dataset.record(record_id)
        where = span_of(context, _selectors(context, annotation), "$.target.selector")
        if task == "mentions":
            label = mention_label(context, tag if record_id is None else record_id)
            items.append(placed(number, where, frozenset((label,))))
            continue
        kind = None
        if isinstance(record, (Quote, Statement)):
            speaker = record.speaker_id
            kind = record.kind.value if isinstance(record, Statement) else None
        elif isinstance(record, Participant):
            speaker = record.id
        else:
            speaker = speaker_id(context, tag, "$.body")
        if field == "Statement.attribution_span":
            cues[record_id or ""] = where if isinstance(where, tuple) else (-1, -1)
            continue
        extra = {"kind": kind} if task == "statements" else {}
        items.append(
            placed(number, where, frozenset((speaker,)), **extra)._replace(record_id=record_id)
        )
    if task != "statements":
        return items
    return [item._replace(cue=cues.get(item.record_id or "")) for item in items]
