"""Prediction files in: the formats, their detection, and every refusal.

Each problem is a :class:`~nato_rok.exceptions.PredictionError` naming the
file, the line and the field; nothing is coerced or guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NoReturn

from nato_rok import _json
from nato_rok._codes import tables
from nato_rok._suggest import did_you_mean, suggestions
from nato_rok.dataset import Dataset
from nato_rok.exceptions import (
    DatasetError,
    DocumentTooLargeError,
    PredictionError,
    PredictionFormatError,
    Problem,
    RecordNotFoundError,
    UnknownLabelError,
)
from nato_rok.model import Participant
from nato_rok.score._anchor import Anchors
from nato_rok.score._items import MENTION_TYPES, SpanItem

#: The input formats, and the tasks each can carry.
FORMATS = {
    "plover": ("events",),
    "cameo-csv": ("events",),
    "spans": ("mentions", "quotes", "statements"),
    "webannotation": ("mentions", "quotes", "statements"),
}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CSV_COLUMNS = ("date", "source", "target", "code")
_SPAN_KEYS = {
    "mentions": {"start", "end", "text", "prefix", "suffix", "label", "id"},
    "quotes": {"start", "end", "text", "prefix", "suffix", "speaker", "id"},
    "statements": {"start", "end", "text", "prefix", "suffix", "speaker", "kind", "cue", "id"},
}
_KINDS = {"direct": "direct", "indirect": "indirect", "reported": "indirect"}


class Context:
    """What reading a prediction file needs: the release, its anchors and codes."""

    def __init__(
        self, name: str, dataset: Dataset, codes: dict[str, frozenset[str]], cameo: set[str]
    ) -> None:
        self.name = name
        self.dataset = dataset
        self.anchors = Anchors(dataset.source.text)
        self.codes = codes
        self.cameo = cameo  # the shipped CAMEO codes: what suggestions are made of
        self.line = 0
        self.ids = frozenset(record.id for record in dataset.records())
        self.tables = tables(dataset.version)

    def fail(
        self,
        field: str,
        message: str,
        error: type[PredictionError] = PredictionError,
        found: tuple[str, ...] = (),
    ) -> NoReturn:
        """Raise *error* naming the file, the current line and *field*."""
        where = f"{self.name}:{self.line}" if self.line else self.name
        path = f"{where}:{field}"
        summary = f"{where}: cannot score {field}: {message}{did_you_mean(found)}"
        problems = (Problem(path, message),)
        if error is UnknownLabelError:
            raise UnknownLabelError(summary, problems, suggestions=found)
        raise error(summary, problems)


def decode(data: str | bytes | bytearray, name: str, max_size: int) -> str:
    """Return *data* as text, refusing it if it is over *max_size* or not UTF-8."""
    if len(data) > max_size:
        raise DocumentTooLargeError(
            f"{name} is larger than the limit of {max_size} bytes; nothing was parsed",
            (Problem("$", f"document longer than max_size={max_size}"),),
        )
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = bytes(data[: exc.start]).count(b"\n") + 1
        raise PredictionError(
            f"{name}:{line}: invalid UTF-8 at byte {exc.start}",
            (Problem(f"{name}:{line}:$", "invalid UTF-8"),),
        ) from exc


def nonblank_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield number, line


def parse_object(context: Context, line: str) -> dict[str, Any]:
    try:
        value = _json.parse(line, max_size=len(line))
    except DatasetError as exc:
        context.fail("$", f"not JSON ({exc.problems[0].message if exc.problems else exc})")
    if type(value) is not dict:
        context.fail("$", f"expected a JSON object, got {type(value).__name__}")
    return value


def objects(context: Context, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line of JSON Lines *text*.

    The lines are parsed as one array first (one strict parse, not one per
    line); only when that fails is each line parsed alone, to say which.
    """
    lines = list(nonblank_lines(text))
    try:
        values = _json.parse(
            "[" + ",".join(line for _, line in lines) + "]", max_size=len(text) + len(lines) + 2
        )
    except DatasetError:
        values = []
    if len(values) != len(lines):  # a line held several values, or none parsed
        values = [None] * len(lines)
    for (number, line), value in zip(lines, values, strict=True):
        context.line = number
        yield number, value if type(value) is dict else parse_object(context, line)


def detect(text: str, name: str, task: str) -> str:
    """Return the format of a prediction file, when only one fits.

    Raises:
        PredictionFormatError: No format fits.

    """
    lines = list(nonblank_lines(text))
    if not lines:
        return "plover" if task == "events" else "spans"
    first = lines[0][1].strip()
    if not first.startswith(("{", "[")):
        header = {cell.strip().lower() for cell in re.split(r"[,\t]", first)}
        if set(CSV_COLUMNS) <= header:
            return "cameo-csv"
        _refuse(name, "neither JSON nor a CSV table with the columns date, source, target, code")
    try:
        value = _json.parse(first, max_size=len(first))
    except DatasetError:  # the first line is part of a larger JSON document
        value = None
    return _by_keys(value, name)


def _by_keys(value: Any, name: str) -> str:
    if type(value) is not dict or value.get("type") in _ANNOTATION_TYPES:
        return "webannotation"
    keys = set(value)
    if {"event", "actor"} <= keys:
        return "plover"
    if keys & {"start", "end", "text"}:
        return "spans"
    return _refuse(name, f"its first line has the keys {sorted(keys)}, which no format has")


_ANNOTATION_TYPES = ("Annotation", "AnnotationCollection", "AnnotationPage")


def _refuse(name: str, why: str) -> NoReturn:
    raise PredictionFormatError(
        f"{name}: unknown prediction format: {why}", (Problem(f"{name}:1:$", why),)
    )


# --- spans -----------------------------------------------------------------


def _int(context: Context, item: dict[str, Any], key: str) -> int:
    value = item[key]
    if type(value) is not int:
        context.fail(f"$.{key}", f"expected an integer offset, got {value!r:.40}")
    return value


def _str(context: Context, item: dict[str, Any], key: str) -> str:
    value = item[key]
    if type(value) is not str or not value.strip():
        context.fail(f"$.{key}", f"expected a non-empty string, got {value!r:.40}")
    return value


def span_of(context: Context, item: dict[str, Any], field: str) -> tuple[int, int] | str:
    """Return the (start, end) *item* gives or anchors, or why its text has no place."""
    if "start" in item or "end" in item:
        if "start" not in item or "end" not in item:
            context.fail(f"{field}.{'end' if 'start' in item else 'start'}", "give start and end")
        start, end = _int(context, item, "start"), _int(context, item, "end")
        size = len(context.dataset.source.text)
        if start < 0 or end > size:
            context.fail(f"{field}.start", f"{start}..{end} lies outside the article (0..{size})")
        if start >= end:
            context.fail(f"{field}.end", f"end {end} is not after start {start}")
        return start, end
    if "text" not in item:
        context.fail(field, "give start and end, or text")
    text = _str(context, item, "text")
    prefix = item.get("prefix", "")
    suffix = item.get("suffix", "")
    if type(prefix) is not str or type(suffix) is not str:
        context.fail(f"{field}.prefix", "prefix and suffix must be strings")
    return context.anchors.find(text, prefix, suffix)


def speaker_id(context: Context, value: Any, field: str) -> str:
    if type(value) is not str or not value.strip():
        context.fail(field, f"expected a participant's id or name, got {value!r:.40}")
    dataset = context.dataset
    try:
        if _SLUG.fullmatch(value):
            return dataset.record(value, Participant).id
        return dataset.find_participant(value).id
    except RecordNotFoundError as exc:
        context.fail(field, exc.summary.split(";")[0], UnknownLabelError, exc.suggestions)


def mention_label(context: Context, value: Any) -> str:
    if type(value) is not str or not value.strip():
        context.fail("$.label", f"expected a record id or a type, got {value!r:.40}")
    if value in MENTION_TYPES:
        return value
    record = context.dataset.record(value) if known(context, value) else None
    if not isinstance(record, tuple(MENTION_TYPES.values())):
        choices = [(t, t) for t in MENTION_TYPES] + [
            (r.id, r.id)
            for r in context.dataset.records()
            if isinstance(r, tuple(MENTION_TYPES.values()))
        ]
        context.fail(
            "$.label",
            f"{value!r} is neither a mention type ({', '.join(MENTION_TYPES)}) nor the id of a "
            "participant, organization or entity",
            UnknownLabelError,
            suggestions(value, choices),
        )
    return value


def known(context: Context, record_id: str) -> bool:
    try:
        context.dataset.record(record_id)
    except RecordNotFoundError:
        return False
    return True


def placed(
    line: int, where: tuple[int, int] | str, labels: frozenset[str], **extra: Any
) -> SpanItem:
    if isinstance(where, str):
        return SpanItem(line, None, -1, -1, labels, note=where, **extra)
    return SpanItem(line, None, where[0], where[1], labels, **extra)


def read_spans(context: Context, text: str, task: str) -> list[SpanItem]:
    """Read the plain JSON Lines span format."""
    allowed = _SPAN_KEYS[task]
    items = []
    for number, item in objects(context, text):
        for key in item:
            if key not in allowed:
                context.fail(
                    f"$.{key}", f"unknown field for --task {task}; expected {sorted(allowed)}"
                )
        where = span_of(context, item, "$")
        if task == "mentions":
            if "label" not in item:
                context.fail("$.label", "give the record id or type each mention names")
            items.append(placed(number, where, frozenset((mention_label(context, item["label"]),))))
            continue
        if "speaker" not in item:
            context.fail("$.speaker", "give the speaker's id or name")
        speaker = frozenset((speaker_id(context, item["speaker"], "$.speaker"),))
        kind = item.get("kind")
        if kind is not None and kind not in _KINDS:
            context.fail("$.kind", f"{kind!r:.40} is not one of {sorted(_KINDS)}")
        cue = None
        if "cue" in item:
            if type(item["cue"]) is not dict:
                context.fail("$.cue", "expected an object with start and end, or text")
            found = span_of(context, item["cue"], "$.cue")
            cue = found if isinstance(found, tuple) else (-1, -1)
        extra = {"kind": _KINDS.get(kind or ""), "cue": cue} if task == "statements" else {}
        items.append(placed(number, where, speaker, **extra))
    return items
