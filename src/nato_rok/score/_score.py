"""Scoring: gold and predictions in, a :class:`~nato_rok.score.Report` out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nato_rok._codes import tables
from nato_rok._document import DEFAULT_MAX_SIZE
from nato_rok._releases import load
from nato_rok.exceptions import PredictionFormatError, Problem
from nato_rok.score import _match
from nato_rok.score._annotations import read_annotations
from nato_rok.score._items import (
    MENTION_TYPES,
    TASKS,
    EventItem,
    SpanItem,
    gold_events,
    gold_spans,
    party_codes,
)
from nato_rok.score._read import FORMATS, Context, decode, detect, read_spans
from nato_rok.score._read_events import read_csv, read_plover
from nato_rok.score._results import Agreement, Diagnostic, FileScore, LevelScore, Report

#: The categorical event fields Cohen's kappa is given for.
KAPPA_FIELDS = ("cameo", "cameo_root", "quad_class", "plover_event", "plover_event_mode")

#: How each categorical span field reads a span: its type, the record it
#: names, its speaker, its kind.
SPAN_FIELDS: dict[str, Callable[[SpanItem], str | None]] = {
    "type": lambda s: next((label for label in s.labels if label in MENTION_TYPES), None),
    "record": lambda s: s.record_id,
    "speaker": lambda s: next(iter(s.labels), None),
    "kind": lambda s: s.kind,
}

#: The categorical fields Cohen's kappa is given for, by span task.
SPAN_KAPPA_FIELDS = {
    "mentions": ("type", "record"),
    "quotes": ("speaker",),
    "statements": ("speaker", "kind"),
}


def score(
    predictions: Mapping[str, str | bytes] | str | bytes,
    *,
    task: str = "events",
    format: str | None = None,  # noqa: A002  # the CLI's --format
    release: str | None = None,
    date_tolerance: int = 1,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Report:
    """Score prediction files against the gold records of a release.

    Args:
        predictions: The content of one prediction file, or several by name
            (``{"coder.jsonl": data}``); each gives one row.
        task: ``mentions``, ``quotes``, ``statements`` or ``events``.
        format: ``plover``, ``cameo-csv``, ``spans`` or ``webannotation``;
            ``None`` to detect it from each file (refused when ambiguous).
        release: The gold's dataset release (``None``: the newest).
        date_tolerance: How many days apart a predicted date may be and
            still earn ``date_near``.
        max_size: The largest file accepted, in bytes (as :func:`nato_rok.loads`).

    Returns:
        The report; ``report.results[0].level("strict").f1`` is the number
        ``nato-rok score`` prints.

    Raises:
        PredictionError: A file cannot be scored; the message names the
            file, the line and the field.
        PredictionFormatError: A file's format is unknown or does not carry the task.
        UnknownLabelError: A file names an unknown record id or code (with
            the closest valid ones).
        DocumentTooLargeError: A file is larger than *max_size*.
        MissingExtraError: scipy is not installed (``pip install 'nato-rok[score]'``).

    .. versionadded:: 1.2.0
    """
    _match.require()
    _check_task(task)
    dataset = load(release)
    files = predictions if isinstance(predictions, Mapping) else {"<predictions>": predictions}
    codes = party_codes(dataset)
    cameo = set(tables(dataset.version).cameo_events)
    results = []
    for name, data in files.items():
        text = decode(data, name, max_size)
        chosen = format or detect(text, name, task)
        if task not in FORMATS.get(chosen, ()):
            raise PredictionFormatError(
                f"{name}: the {chosen} format does not carry the task {task!r}; it carries "
                f"{' and '.join(FORMATS[chosen])} (give --task)"
                if chosen in FORMATS
                else f"{name}: no format is called {chosen!r}; formats: {', '.join(FORMATS)}",
                (Problem(f"{name}:$", f"format {chosen}, task {task}"),),
            )
        context = Context(name, dataset, codes, cameo)
        if task == "events":
            read = read_plover if chosen == "plover" else read_csv
            events = read(context, text)
            gold = gold_events(dataset, "plover" if chosen == "plover" else "cameo")
            results.append(_events(name, chosen, gold, events, date_tolerance))
        else:
            reader = read_spans if chosen == "spans" else read_annotations
            results.append(
                _spans(name, chosen, gold_spans(dataset, task), reader(context, text, task))
            )
    return Report(
        release=dataset.version, task=task, date_tolerance=date_tolerance, results=tuple(results)
    )


def agreement(
    release: str | None, against: str, *, task: str = "events", date_tolerance: int = 1
) -> Report:
    """Score the coding of release *against* as predictions of release *release*.

    Every record of *against* is a prediction (its line is its position, from
    1); events are all scored. The report gives Cohen's kappa of the
    categorical fields over the matched records: for events ``cameo``,
    ``cameo_root``, ``quad_class``, ``plover_event`` and
    ``plover_event_mode``; for mentions ``type`` (participant, organization
    or entity) and ``record`` (the record it names); for quotes ``speaker``;
    for statements ``speaker`` and ``kind`` (direct or indirect).

    Raises:
        UnknownVersionError: No bundled release matches either version.
        MissingExtraError: scipy is not installed.

    .. versionadded:: 1.2.0
    """
    _match.require()
    _check_task(task)
    gold_set, other = load(release), load(against)
    name = f"release {other.version}"
    if task == "events":
        ours = [e._replace(line=i) for i, e in enumerate(gold_events(other, "all"), 1)]
        result = _events(name, "release", gold_events(gold_set, "all"), ours, date_tolerance)
    else:
        theirs = [s._replace(line=i) for i, s in enumerate(gold_spans(other, task), 1)]
        fields = {field: SPAN_FIELDS[field] for field in SPAN_KAPPA_FIELDS[task]}
        result = _spans(name, "release", gold_spans(gold_set, task), theirs, fields)
    return Report(
        release=gold_set.version, task=task, date_tolerance=date_tolerance, results=(result,)
    )


def _check_task(task: str) -> None:
    if task not in TASKS:
        raise PredictionFormatError(
            f"no task is called {task!r}; the tasks are {', '.join(TASKS)}",
            (Problem("task", f"unknown task {task!r}"),),
        )


def _duplicates(items: Sequence[Any]) -> dict[int, int | None]:
    """Return {index: line of the first} for every item that repeats an earlier one."""
    first: dict[Any, int | None] = {}
    repeats: dict[int, int | None] = {}
    for index, item in enumerate(items):
        key = item._replace(line=None)
        if key in first:
            repeats[index] = first[key]
        else:
            first[key] = item.line
    return repeats


def _unique(pred: Sequence[Any], repeats: dict[int, int | None]) -> tuple[list[Any], list[int]]:
    """Return the predictions that repeat no earlier one, and their indexes."""
    order = [j for j in range(len(pred)) if j not in repeats]
    return [pred[j] for j in order], order


def _repeated(
    tallies: dict[str, _match.Tally], repeated: list[Any], counts: Any
) -> dict[str, _match.Tally]:
    """Add each repeated prediction to the false alarms of every level it gives a value for.

    Repeats are left out of matching (a copy would otherwise be matched to
    another gold record it merely touches) and are false alarms, as said.
    """
    result = {}
    for level, (tp, partial, fp, fn) in tallies.items():
        result[level] = (tp, partial, fp + sum(1 for p in repeated if counts(level, p)), fn)
    return result


def _span_counts(level: str, item: SpanItem) -> bool:
    if level == "overlap":
        return False  # a repeated span covers no character twice
    return {"kind": item.kind, "cue": item.cue}.get(level, level) is not None


def _event_counts(level: str, item: EventItem) -> bool:
    return _match.FIELDS[level][0](item) is not None


def _kappas(
    fields: Mapping[str, Callable[[Any], Any]],
    gold: Sequence[Any],
    pred: Sequence[Any],
    pairs: Sequence[tuple[int, int]],
) -> tuple[Agreement, ...]:
    """Return Cohen's kappa of each field over the matched pairs that both give it."""
    kappas = []
    for field, value in fields.items():
        labels = [
            (a, b)
            for i, j in pairs
            if (a := value(gold[i])) is not None and (b := value(pred[j])) is not None
        ]
        kappas.append(Agreement(field=field, kappa=_match.kappa(labels), pairs=len(labels)))
    return tuple(kappas)


def _spans(
    name: str,
    fmt: str,
    gold: list[SpanItem],
    pred: list[SpanItem],
    fields: Mapping[str, Callable[[SpanItem], Any]] | None = None,
) -> FileScore:
    repeats = _duplicates(pred)
    unique, order = _unique(pred, repeats)
    tallies, pairs = _match.span_tallies(gold, unique)
    pairs = [(i, order[j]) for i, j in pairs]
    tallies = _repeated(tallies, [pred[j] for j in repeats], _span_counts)
    levels = tuple(LevelScore.of(level, *tally) for level, tally in tallies.items())
    paired = dict(pairs)
    by_pred = {j: i for i, j in pairs}
    hits: list[Diagnostic] = []
    misses: list[Diagnostic] = []
    alarms: list[Diagnostic] = []
    for i, g in enumerate(gold):
        j = paired.get(i)
        if j is not None and _strict(g, pred[j]):
            hits.append(
                Diagnostic(
                    line=pred[j].line, record_id=g.record_id, start=g.start, end=g.end, reason="hit"
                )
            )
            continue
        reason = "no prediction overlaps it" if j is None else _differs(g, pred[j])
        misses.append(
            Diagnostic(
                line=None if j is None else pred[j].line,
                record_id=g.record_id,
                start=g.start,
                end=g.end,
                reason=reason,
            )
        )
    for j, p in enumerate(pred):
        near = by_pred.get(j)
        if near is not None and _strict(gold[near], p):
            continue
        if j in repeats:
            reason = f"duplicate of line {repeats[j]}"
        elif p.note is not None:
            reason = f"not anchored: {p.note}"
        elif near is None:
            reason = "overlaps no gold span left unmatched"
        else:
            reason = f"nearly {gold[near].record_id}: {_differs(gold[near], p)}"
        alarms.append(
            Diagnostic(
                line=p.line,
                record_id=None if near is None else gold[near].record_id,
                start=None if p.start < 0 else p.start,
                end=None if p.start < 0 else p.end,
                reason=reason,
            )
        )
    return FileScore(
        file=name,
        format=fmt,
        levels=levels,
        hits=tuple(hits),
        misses=tuple(misses),
        false_alarms=tuple(alarms),
        duplicates=len(repeats),
        agreement=_kappas(fields or {}, gold, pred, pairs),
    )


def _strict(g: SpanItem, p: SpanItem) -> bool:
    return g.start == p.start and g.end == p.end and not g.labels.isdisjoint(p.labels)


def _differs(g: SpanItem, p: SpanItem) -> str:
    what = []
    if (g.start, g.end) != (p.start, p.end):
        what.append(f"boundaries {p.start}..{p.end}, gold {g.start}..{g.end}")
    if g.labels.isdisjoint(p.labels):
        what.append(f"label {', '.join(sorted(p.labels))}, gold {', '.join(sorted(g.labels))}")
    return "; ".join(what)


def _events(
    name: str, fmt: str, gold: list[EventItem], pred: list[EventItem], tolerance: int
) -> FileScore:
    repeats = _duplicates(pred)
    unique, order = _unique(pred, repeats)
    tallies, pairs, unique_rows = _match.event_tallies(gold, unique, tolerance)
    pairs = [(i, order[j]) for i, j in pairs]
    tallies = _repeated(tallies, [pred[j] for j in repeats], _event_counts)
    similarities = dict(zip(order, unique_rows.tolist(), strict=True))
    levels = tuple(
        LevelScore.of(level, *tally)
        for level, tally in tallies.items()
        if not (fmt == "cameo-csv" and level.startswith("plover"))  # a CSV has no PLOVER
    )
    hits, misses, alarms = _event_diagnostics(
        gold, pred, pairs, repeats=repeats, similarities=similarities, tolerance=tolerance
    )
    weighed = _goldstein_errors(gold, pred, pairs)
    fields = {field: _match.FIELDS[field][0] for field in KAPPA_FIELDS if fmt == "release"}
    return FileScore(
        file=name,
        format=fmt,
        levels=levels,
        hits=tuple(hits),
        misses=tuple(misses),
        false_alarms=tuple(alarms),
        duplicates=len(repeats),
        goldstein_mae=sum(weighed) / len(weighed) if weighed else None,
        goldstein_pairs=len(weighed),
        agreement=_kappas(fields, gold, pred, pairs),
    )


def _event_diagnostics(
    gold: list[EventItem],
    pred: list[EventItem],
    pairs: list[tuple[int, int]],
    *,
    repeats: dict[int, int | None],
    similarities: dict[int, list[float]],
    tolerance: int,
) -> tuple[list[Diagnostic], list[Diagnostic], list[Diagnostic]]:
    """Return the hits, misses and false alarms of the matched *pairs*, each with its reason."""
    paired = dict(pairs)
    by_pred = {j: i for i, j in pairs}
    hits: list[Diagnostic] = []
    misses: list[Diagnostic] = []
    alarms: list[Diagnostic] = []
    for i, g in enumerate(gold):
        start, end = g.span if g.span else (None, None)
        j = paired.get(i)
        if j is None:
            misses.append(
                Diagnostic(
                    line=None,
                    record_id=g.record_id,
                    start=start,
                    end=end,
                    reason="no prediction matches it",
                )
            )
            continue
        wrong = _disagreements(g, pred[j], tolerance)
        diagnostic = Diagnostic(
            line=pred[j].line,
            record_id=g.record_id,
            start=start,
            end=end,
            reason=f"matched, but differs at {', '.join(wrong)}" if wrong else "hit",
        )
        (misses if wrong else hits).append(diagnostic)
    for j, p in enumerate(pred):
        if j in by_pred:
            continue
        start, end = p.span if p.span else (None, None)
        reason, near = _unmatched(j, repeats, similarities.get(j, []), gold)
        alarms.append(
            Diagnostic(
                line=p.line,
                record_id=near,
                start=start,
                end=end,
                reason=reason,
            )
        )
    return hits, misses, alarms


def _goldstein_errors(
    gold: list[EventItem], pred: list[EventItem], pairs: list[tuple[int, int]]
) -> list[float]:
    """Return the absolute Goldstein error of each matched pair where both give a weight."""
    return [
        abs(g.goldstein - p.goldstein)
        for g, p in ((gold[i], pred[j]) for i, j in pairs)
        if g.goldstein is not None and p.goldstein is not None
    ]


def _unmatched(
    j: int, repeats: dict[int, int | None], row: list[float], gold: list[EventItem]
) -> tuple[str, str | None]:
    """Return why prediction *j* is unmatched, and the gold event it came nearest."""
    if j in repeats:
        return f"duplicate of line {repeats[j]}", None
    near = max(range(len(row)), key=row.__getitem__, default=None)
    if near is None or not row[near]:
        return "shares no party with any gold event", None
    record = gold[near].record_id
    return f"nearest gold event {record} is matched to a closer prediction", record


def _disagreements(g: EventItem, p: EventItem, tolerance: int) -> list[str]:
    """Return the levels a matched pair fails, where both give the field."""
    wrong = []
    for level, (value, agree) in _match.FIELDS.items():
        a, b = value(g), value(p)
        if a is not None and b is not None and not agree(a, b, tolerance):
            wrong.append(level)
    return wrong
