"""Optimal one-to-one matching, and the credit each level gives a matched pair.

Matching maximises the total credit over the whole file (scipy's
``linear_sum_assignment``, the Hungarian-type algorithm the TAC KBP and
ACE-style scorers use in spirit), so the order of the lines never matters.
"""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Callable, Sequence
from typing import Any

from nato_rok.exceptions import MissingExtraError
from nato_rok.score._items import EventItem, SpanItem

#: What a matched pair of each span scheme earns: 1 (correct), 0.5 (partial) or 0.
SPAN_LEVELS = ("strict", "exact", "partial", "type")

#: The event levels, in the order they are reported.
EVENT_LEVELS = (
    "cameo",
    "cameo_base",
    "cameo_root",
    "quad_class",
    "plover_event",
    "plover_event_mode",
    "plover_context",
    "dyad",
    "date",
    "date_near",
)

#: (tp, partial, fp, fn) of one level.
Tally = tuple[int, int, int, int]


def require() -> None:
    """Check that scipy, which matching needs, is installed.

    Raises:
        MissingExtraError: It is not; the message says what to install.

    """
    if importlib.util.find_spec("scipy") is None:
        raise MissingExtraError("nato-rok score needs scipy: pip install 'nato-rok[score]'")


def assign(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Return the (gold, prediction) pairs of largest total weight, each index used once.

    Only pairs present in *weights* (with a positive weight) can be chosen.
    """
    if not weights:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows = sorted({g for g, _ in weights})
    cols = sorted({p for _, p in weights})
    row_at = {g: i for i, g in enumerate(rows)}
    col_at = {p: j for j, p in enumerate(cols)}
    matrix = np.zeros((len(rows), len(cols)))
    for (g, p), weight in weights.items():
        matrix[row_at[g], col_at[p]] = weight
    chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
    pairs = [
        (rows[i], cols[j]) for i, j in zip(chosen_rows.tolist(), chosen_cols.tolist(), strict=True)
    ]
    return sorted(pair for pair in pairs if weights.get(pair, 0.0) > 0.0)


def _overlap(g: SpanItem, p: SpanItem) -> int:
    return max(0, min(g.end, p.end) - max(g.start, p.start))


def _candidates(gold: Sequence[SpanItem], pred: Sequence[SpanItem]) -> list[tuple[int, int]]:
    """Return every (gold, prediction) pair of overlapping spans."""
    return [
        (i, j)
        for j, p in enumerate(pred)
        if p.start >= 0
        for i, g in enumerate(gold)
        if p.start < g.end and g.start < p.end
    ]


def _scheme_weight(scheme: str, g: SpanItem, p: SpanItem) -> float:
    bounds = g.start == p.start and g.end == p.end
    label = not g.labels.isdisjoint(p.labels)
    if scheme == "strict":
        return 1.0 if bounds and label else 0.0
    if scheme == "exact":
        return 1.0 if bounds else 0.0
    if scheme == "partial":
        return 1.0 if bounds else 0.5
    return 1.0 if label else 0.0  # type: any overlap with the right label


def span_tallies(
    gold: Sequence[SpanItem], pred: Sequence[SpanItem]
) -> tuple[dict[str, Tally], list[tuple[int, int]]]:
    """Return the tally of every span level, and the pairs the diagnostics use.

    Each scheme has its own optimal matching; the diagnostics use one that
    prefers, in turn, strict, exact, typed and then any overlap.
    """
    pairs = _candidates(gold, pred)
    tallies: dict[str, Tally] = {}
    for scheme in SPAN_LEVELS:
        weights = {
            (i, j): w for i, j in pairs if (w := _scheme_weight(scheme, gold[i], pred[j])) > 0
        }
        matched = assign(weights)
        correct = sum(1 for pair in matched if weights[pair] == 1.0)
        partial = len(matched) - correct
        tallies[scheme] = (
            correct,
            partial,
            len(pred) - correct - partial,
            len(gold) - correct - partial,
        )
    tallies["overlap"] = _characters(gold, pred)
    best = {
        (i, j): 1.0
        + 2.0 * (_scheme_weight("type", gold[i], pred[j]))
        + 4.0 * (_scheme_weight("exact", gold[i], pred[j]))
        + _overlap(gold[i], pred[j]) / max(1, gold[i].end - gold[i].start)
        for i, j in pairs
    }
    diagnostic = assign(best)
    if any(g.kind is not None for g in gold):
        tallies["kind"] = _field(gold, pred, diagnostic, lambda item: item.kind, _same)
        tallies["cue"] = _field(gold, pred, diagnostic, lambda item: item.cue, _same)
    return tallies, diagnostic


def _merged(spans: Sequence[SpanItem]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s.start, s.end) for s in spans if s.start >= 0):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _characters(gold: Sequence[SpanItem], pred: Sequence[SpanItem]) -> Tally:
    """Characters covered by gold and predicted spans (labels ignored), as a tally."""
    ours, theirs = _merged(gold), _merged(pred)
    both = sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in ours
        for b_start, b_end in theirs
    )
    gold_chars = sum(end - start for start, end in ours)
    pred_chars = sum(end - start for start, end in theirs)
    return (both, 0, pred_chars - both, gold_chars - both)


def _same(a: Any, b: Any, tolerance: int = 0) -> bool:
    return bool(a == b)


def _field(
    gold: Sequence[Any],
    pred: Sequence[Any],
    pairs: Sequence[tuple[int, int]],
    value: Callable[[Any], Any],
    agree: Callable[[Any, Any, int], bool],
    *,
    tolerance: int = 0,
) -> Tally:
    """Tally one field over matched pairs: items without the field are not counted."""
    tp = sum(
        1
        for i, j in pairs
        if (a := value(gold[i])) is not None
        and (b := value(pred[j])) is not None
        and agree(a, b, tolerance)
    )
    gold_n = sum(1 for item in gold if value(item) is not None)
    pred_n = sum(1 for item in pred if value(item) is not None)
    return (tp, 0, pred_n - tp, gold_n - tp)


def quad_class(code: str) -> int:
    """Return the CAMEO quad class of an event *code*.

    1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20).
    """
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _side(gold: tuple[frozenset[str], ...], pred: tuple[frozenset[str], ...]) -> bool:
    """Whether each gold party is named by a predicted one, and each predicted one is a gold one."""
    ids = frozenset().union(*gold)
    named = frozenset().union(*pred)
    return ids <= named and all(not party.isdisjoint(ids) for party in pred)


def _dyad(a: EventItem, b: EventItem, tolerance: int = 0) -> bool:
    return _side(a.actors, b.actors) and _side(a.recipients, b.recipients)


def _near(a: datetime.date, b: datetime.date, tolerance: int) -> bool:
    return abs((a - b).days) <= tolerance


#: How each event level reads an event, and when two readings agree.
FIELDS: dict[str, tuple[Callable[[EventItem], Any], Callable[[Any, Any, int], bool]]] = {
    "cameo": (lambda e: e.cameo, _same),
    "cameo_base": (lambda e: e.cameo and e.cameo[:3], _same),
    "cameo_root": (lambda e: e.cameo and e.cameo[:2], _same),
    "quad_class": (lambda e: e.cameo and quad_class(e.cameo), _same),
    "plover_event": (lambda e: e.plover, _same),
    "plover_event_mode": (lambda e: e.plover and (e.plover, e.mode), _same),
    "plover_context": (lambda e: e.contexts, _same),
    "dyad": (lambda e: e, _dyad),
    "date": (lambda e: e.date, _same),
    "date_near": (lambda e: e.date, _near),
}


def _parties_part(g: EventItem, p: EventItem) -> tuple[float, bool]:
    """Return what the parties, ids and spans of a pair earn, and whether its dyad agrees.

    0 when the two cannot be matched: they share no party and their spans
    (where both give one) do not overlap.
    """
    gold_ids = frozenset().union(*g.actors, *g.recipients)
    shared = any(not party.isdisjoint(gold_ids) for party in (*p.actors, *p.recipients))
    overlap = (
        g.span is not None
        and p.span is not None
        and p.span[0] < g.span[1]
        and g.span[0] < p.span[1]
    )
    if not (shared or overlap):
        return 0.0, False
    actors, recipients = _side(g.actors, p.actors), _side(g.recipients, p.recipients)
    same_record = g.record_id is not None and g.record_id == p.record_id  # two releases' ids
    score = 1.0 + 20.0 * same_record + overlap + 2.0 * actors + 2.0 * recipients
    return score, actors and recipients


def _codes_part(g: EventItem, p: EventItem) -> tuple[float, bool]:
    """Return what the CAMEO and PLOVER codes of a pair earn, and whether they all agree."""
    score = 0.0
    if g.cameo and p.cameo:
        score += (g.cameo == p.cameo) + (g.cameo[:3] == p.cameo[:3]) + (g.cameo[:2] == p.cameo[:2])
        score += 0.5 * (quad_class(g.cameo) == quad_class(p.cameo))
    if g.plover and g.plover == p.plover:
        score += 2.0 + (g.mode == p.mode) + 0.5 * (g.contexts == p.contexts)
    return score, (g.cameo, g.plover, g.mode, g.contexts) == (p.cameo, p.plover, p.mode, p.contexts)


def _table(
    items: Sequence[EventItem],
    gold: Sequence[EventItem],
    key: Callable[[EventItem], Any],
    part: Callable[[EventItem, EventItem], tuple[float, bool]],
) -> tuple[Any, Any]:
    """Return one part of the similarity (scores, flags) as prediction x gold arrays.

    The part is worked out once for each distinct key, then spread by index.
    """
    import numpy as np

    rows: dict[Any, int] = {}
    table: list[list[tuple[float, bool]]] = []
    index = np.empty(len(items), dtype=np.intp)
    for j, p in enumerate(items):
        at = rows.get(key(p))
        if at is None:
            at = rows[key(p)] = len(table)
            table.append([part(g, p) for g in gold])
        index[j] = at
    scores = np.array([[score for score, _ in row] for row in table]).reshape(-1, len(gold))
    flags = np.array([[flag for _, flag in row] for row in table], dtype=bool)
    return scores[index], flags.reshape(-1, len(gold))[index]


def _days(items: Sequence[EventItem]) -> Any:
    import numpy as np

    return np.array([e.date.toordinal() if e.date else -1 for e in items], dtype=np.int64)


def similarities(gold: Sequence[EventItem], pred: Sequence[EventItem], tolerance: int) -> Any:
    """Return how much each prediction (row) and gold event (column) agree, as an array.

    0 where the two cannot be matched. Every level a pair agrees on adds to
    it, so a prediction that agrees on more is always preferred; a pair that
    agrees on everything earns a bonus, so that a perfect prediction is paired
    with its own gold event rather than traded for a pairing of equal total.
    The parts from the parties and from the codes are worked out once for
    each distinct set of parties and of codes: a file of 10,000 events on a
    few hundred dyads and codes costs a few hundred of each, and the rest is
    array arithmetic.
    """
    import numpy as np

    if not gold or not pred:
        return np.zeros((len(pred), len(gold)))
    base, dyad = _table(
        pred, gold, lambda p: (p.actors, p.recipients, p.span, p.record_id), _parties_part
    )
    codes, alike = _table(
        pred, gold, lambda p: (p.cameo, p.plover, p.mode, p.contexts), _codes_part
    )
    ours, theirs = _days(gold)[None, :], _days(pred)[:, None]
    dated = (ours >= 0) & (theirs >= 0)
    apart = np.abs(theirs - ours)
    score = base + codes + (dated & (apart == 0)) + 0.5 * (dated & (apart <= tolerance))
    score += 5.0 * (dyad & alike & (ours == theirs))
    return np.where(base > 0, score, 0.0)


def event_tallies(
    gold: Sequence[EventItem], pred: Sequence[EventItem], tolerance: int
) -> tuple[dict[str, Tally], list[tuple[int, int]], Any]:
    """Return the tallies of one optimal matching, its pairs, and the similarities."""
    from scipy.optimize import linear_sum_assignment

    matrix = similarities(gold, pred, tolerance)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    pairs = sorted(
        (int(i), int(j))
        for j, i in zip(rows.tolist(), cols.tolist(), strict=True)
        if matrix[j, i] > 0
    )
    tallies = {
        level: _field(gold, pred, pairs, value, agree, tolerance=tolerance)
        for level, (value, agree) in FIELDS.items()
    }
    return tallies, pairs, matrix


def kappa(labels: Sequence[tuple[Any, Any]]) -> float | None:
    """Return Cohen's kappa of paired labels, or ``None`` when chance agreement is certain."""
    if not labels:
        return None
    n = len(labels)
    observed = sum(1 for a, b in labels if a == b) / n
    categories = {a for a, _ in labels} | {b for _, b in labels}
    chance = sum(
        (sum(1 for a, _ in labels if a == c) / n) * (sum(1 for _, b in labels if b == c) / n)
        for c in categories
    )
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)
