"""The results of a scoring: frozen records, their JSON shape and their table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

#: The version of the JSON shape :meth:`Report.to_json` returns.
SCORE_VERSION = 1


def _ratio(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


@attrs.frozen(kw_only=True)
class LevelScore:
    """Precision, recall and F1 at one level, with the counts they come from.

    As nervaluate and SemEval-2013 count them: ``precision = (tp + 0.5 *
    partial) / (tp + partial + fp)``, ``recall = (tp + 0.5 * partial) / (tp
    + partial + fn)``; 0.0 (never NaN) when the denominator is 0.

    Attributes:
        name: The level, such as ``strict`` or ``cameo_base``.
        precision: Credit over what was predicted.
        recall: Credit over what the gold holds.
        f1: Harmonic mean of precision and recall (0.0 when both are 0).
        tp: Correct: matched and agreeing at this level.
        fp: Predicted but not correct (incorrect or spurious).
        fn: In the gold but not correct (incorrect or missed).
        partial: Matched with half credit (the ``partial`` span scheme only).

    .. versionadded:: 1.2.0
    """

    name: str
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    partial: int = 0

    @classmethod
    def of(cls, name: str, tp: int, partial: int, fp: int, fn: int) -> LevelScore:
        """Return the score of a level from its counts."""
        credit = tp + 0.5 * partial
        precision = _ratio(credit, tp + partial + fp)
        recall = _ratio(credit, tp + partial + fn)
        f1 = 2 * precision * recall / (precision + recall) if credit else 0.0
        return cls(
            name=name,
            precision=precision,
            recall=recall,
            f1=f1,
            tp=tp,
            fp=fp,
            fn=fn,
            partial=partial,
        )

    def to_json(self) -> dict[str, Any]:
        """Return the level as the JSON shape's plain values."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "partial": self.partial,
        }


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One gold record missed, or one prediction that matched nothing exactly.

    Attributes:
        line: The prediction's line in its file (``None`` for a miss no
            prediction came near).
        record_id: The gold record (for a false alarm: the one it nearly
            matched, if any).
        start: Where the span starts (``None`` for an event or an unplaced span).
        end: Where the span ends.
        reason: What went wrong, in plain words.

    .. versionadded:: 1.2.0
    """

    line: int | None
    record_id: str | None
    start: int | None
    end: int | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        """Return the diagnostic as plain values."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class Agreement:
    """Cohen's kappa of one categorical field over the matched events.

    Attributes:
        field: The field, such as ``cameo`` or ``plover_event``.
        kappa: Cohen's kappa, or ``None`` when chance agreement is 1 (one category).
        pairs: How many matched pairs both give the field.

    .. versionadded:: 1.2.0
    """

    field: str
    kappa: float | None
    pairs: int


@attrs.frozen(kw_only=True)
class FileScore:
    """The scores of one prediction file (or of one release against another).

    Attributes:
        file: The file's name, or ``release X`` for an agreement.
        format: The input format it was read as.
        levels: One score per level, in the documented order.
        hits: The gold records a prediction matched exactly (strict, or every level).
        misses: The gold records not matched exactly, each with the nearest prediction.
        false_alarms: The predictions that matched nothing exactly, duplicates included.
        duplicates: How many predictions repeat an earlier line (each a false alarm).
        goldstein_mae: Mean absolute Goldstein error over matched events that
            both give a weight (``None``: no such pair, or not events).
        goldstein_pairs: How many pairs that mean is over.
        agreement: Cohen's kappa of the categorical event fields (``--against-release``).

    .. versionadded:: 1.2.0
    """

    file: str
    format: str
    levels: tuple[LevelScore, ...]
    hits: tuple[Diagnostic, ...] = ()
    misses: tuple[Diagnostic, ...] = ()
    false_alarms: tuple[Diagnostic, ...] = ()
    duplicates: int = 0
    goldstein_mae: float | None = None
    goldstein_pairs: int = 0
    agreement: tuple[Agreement, ...] = ()

    def level(self, name: str) -> LevelScore:
        """Return the score at level *name*.

        Raises:
            KeyError: The task has no such level.

        """
        for level in self.levels:
            if level.name == name:
                return level
        raise KeyError(
            f"no level {name!r}; the levels are {', '.join(each.name for each in self.levels)}"
        )

    def to_json(self) -> dict[str, Any]:
        """Return one entry of the JSON shape's ``results``."""
        return {
            "file": self.file,
            "format": self.format,
            "levels": {level.name: level.to_json() for level in self.levels},
            "misses": [d.to_json() for d in self.misses],
            "false_alarms": [d.to_json() for d in self.false_alarms],
            "duplicates": self.duplicates,
            "goldstein": {"mae": self.goldstein_mae, "pairs": self.goldstein_pairs},
            "agreement": {a.field: {"kappa": a.kappa, "pairs": a.pairs} for a in self.agreement},
        }


@attrs.frozen(kw_only=True)
class Report:
    """What :func:`nato_rok.score.score` returns: one task, one release, a row per file.

    Attributes:
        release: The gold's dataset release.
        task: ``mentions``, ``quotes``, ``statements`` or ``events``.
        date_tolerance: How many days apart a date may be for ``date_near``.
        results: One :class:`FileScore` per prediction file, in the order given.
        score_version: The version of the JSON shape (1).

    .. versionadded:: 1.2.0
    """

    release: str
    task: str
    date_tolerance: int
    results: tuple[FileScore, ...]
    score_version: int = SCORE_VERSION

    def to_json(self) -> dict[str, Any]:
        """Return the documented, versioned JSON shape as plain values."""
        return {
            "score_version": self.score_version,
            "release": self.release,
            "task": self.task,
            "date_tolerance_days": self.date_tolerance,
            "results": [result.to_json() for result in self.results],
        }

    def to_text(self) -> str:
        """Return the aligned table: a row per level, or per file when there are several."""
        head = f"release {self.release}, task {self.task}\n"
        if len(self.results) == 1:
            return head + _levels_table(self.results[0])
        return head + _leaderboard(self.results)


def _levels_table(result: FileScore) -> str:
    rows = [("level", "precision", "recall", "F1", "TP", "partial", "FP", "FN")]
    rows += [
        (
            level.name,
            f"{level.precision:.3f}",
            f"{level.recall:.3f}",
            f"{level.f1:.3f}",
            str(level.tp),
            str(level.partial),
            str(level.fp),
            str(level.fn),
        )
        for level in result.levels
    ]
    lines = [f"{result.file} ({result.format})", *_aligned(rows)]
    if result.goldstein_mae is not None:
        lines.append(
            f"Goldstein: mean absolute error {result.goldstein_mae:.2f} over "
            f"{result.goldstein_pairs} matched event(s)"
        )
    lines += [
        f"kappa {a.field}: {'undefined' if a.kappa is None else f'{a.kappa:.3f}'} ({a.pairs} pairs)"
        for a in result.agreement
    ]
    if result.duplicates:
        lines.append(f"{result.duplicates} duplicate prediction(s), counted as false alarms")
    lines += [f"miss: {_said(d)}" for d in result.misses]
    lines += [f"false alarm: {_said(d)}" for d in result.false_alarms]
    return "".join(f"{line}\n" for line in lines)


def _said(d: Diagnostic) -> str:
    where = [
        f"line {d.line}" if d.line is not None else "",
        d.record_id or "",
        f"{d.start}..{d.end}" if d.start is not None else "",
    ]
    return f"{' '.join(part for part in where if part)}: {d.reason}"


def _leaderboard(results: tuple[FileScore, ...]) -> str:
    names = [level.name for level in results[0].levels]
    rows = [("file (F1)", *names)]
    rows += [(r.file, *(f"{level.f1:.3f}" for level in r.levels)) for r in results]
    return "".join(f"{line}\n" for line in _aligned(rows))


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
