"""nato_rok.score: the gold in every format scores 1.0, the counts' properties, nervaluate."""

from __future__ import annotations

import json
import random
import sys
from typing import Any

import pytest
from hypothesis import assume, example, given, settings, strategies as st

import nato_rok
from nato_rok.export import plover, webannotation
from nato_rok.score import FileScore, Report, score

#: The `nlp` tier: the scorer's properties score thousands of files (the CLI's and the
#: inputs' tests stay in the fast tier), and nervaluate comes with the `nlp` group.
pytestmark = pytest.mark.nlp

RELEASES = nato_rok.versions()


# --- the gold, written in each format through the public API ----------------


def gold_csv(ds: nato_rok.Dataset) -> str:
    """Return the CAMEO-coded events as a CAMEO event table, parties by record id."""
    rows = ["date,source,target,code"]
    rows += [
        f"{e.date.isoformat() if e.date else ''},{';'.join(e.actor_ids)},"
        f"{';'.join(e.recipient_ids)},{e.cameo.code}"
        for e in ds.events
        if e.cameo is not None
    ]
    return "\n".join(rows) + "\n"


def gold_span_lines(ds: nato_rok.Dataset, task: str, *, by_text: bool = False) -> list[str]:
    """Return the gold spans of *task* in the plain JSON Lines format."""
    text = ds.source.text

    def where(span: nato_rok.Span) -> dict[str, Any]:
        if not by_text:
            return {"start": span.start, "end": span.end}
        return {
            "text": text[span.start : span.end],
            "prefix": text[max(0, span.start - 32) : span.start],
            "suffix": text[span.end : span.end + 32],
        }

    items: list[dict[str, Any]] = []
    if task == "mentions":
        records: tuple[nato_rok.Participant | nato_rok.Organization | nato_rok.Entity, ...] = (
            *ds.participants,
            *ds.organizations,
            *ds.entities,
        )
        for record in records:
            items += [{**where(span), "label": record.id} for span in record.mentions]
    elif task == "quotes":
        items = [{**where(q.span), "speaker": q.speaker_id} for q in ds.quotes]
    else:
        items = [
            {
                **where(s.span),
                "speaker": s.speaker_id,
                "kind": s.kind.value,
                "cue": where(s.attribution_span),
            }
            for s in ds.statements
        ]
    return [json.dumps(item, ensure_ascii=False) for item in items]


def gold_count(ds: nato_rok.Dataset, task: str) -> int:
    if task == "events":
        return len(plover.jsonl(ds).splitlines())
    return len(gold_span_lines(ds, task))


def gold_files(ds: nato_rok.Dataset, task: str) -> dict[str, str]:
    """Every supported format's file of the gold of *task*."""
    if task == "events":
        return {"plover": plover.jsonl(ds), "cameo-csv": gold_csv(ds)}
    return {
        "spans": "\n".join(gold_span_lines(ds, task)),
        "spans-by-text": "\n".join(gold_span_lines(ds, task, by_text=True)),
        "webannotation": json.dumps(webannotation.collection(ds)),
    }


def only(report: Report) -> FileScore:
    assert 1 == len(report.results)
    return report.results[0]


CASES = [
    (release, task)
    for release in RELEASES
    for task in ("mentions", "quotes", "statements", "events")
    if gold_count(nato_rok.load(release), task)
]


@pytest.mark.parametrize(("release", "task"), CASES)
def test_the_gold_in_every_format_scores_one_at_every_level(release: str, task: str) -> None:
    """The gold written in each supported format scores 1.0 at every level, on every release."""
    ds = nato_rok.load(release)
    for name, content in gold_files(ds, task).items():
        result = only(score({name: content}, task=task, release=release))
        assert {level.name: 1.0 for level in result.levels} == {
            level.name: level.f1 for level in result.levels
        }, name
        assert () == result.misses == result.false_alarms
        if task == "events":
            assert 0.0 == result.goldstein_mae


def test_the_export_then_score_is_perfect_in_the_cli(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --format plover` then `score` is a perfect score, exit 0."""
    from nato_rok import cli

    out = tmp_path / "gold.jsonl"
    assert 0 == cli.main(["export", "--format", "plover", "--out", str(out)])
    capsys.readouterr()
    assert 0 == cli.main(["score", str(out), "--fail-under", "1.0"])
    table = capsys.readouterr().out
    assert "dyad                   1.000   1.000  1.000" in table


# --- properties -------------------------------------------------------------

EVENT_LINES = plover.jsonl(nato_rok.load()).splitlines()
MENTION_LINES = gold_span_lines(nato_rok.load(), "mentions")


def levels(report: Report) -> dict[str, tuple[float, float, float]]:
    return {lv.name: (lv.precision, lv.recall, lv.f1) for lv in only(report).levels}


@given(st.sets(st.integers(0, len(EVENT_LINES) - 1), max_size=len(EVENT_LINES)))
def test_removing_k_events_gives_recall_n_minus_k_over_n(removed: set[int]) -> None:
    """Removing k of n gold events gives recall (n-k)/n exactly, and precision 1."""
    kept = [line for i, line in enumerate(EVENT_LINES) if i not in removed]
    n = len(EVENT_LINES)
    result = only(score("\n".join(kept)))
    for level in result.levels:
        assert (n - len(removed)) / n == level.recall, level.name
        assert (1.0 if kept else 0.0) == level.precision


@given(st.sets(st.integers(0, len(MENTION_LINES) - 1)))
def test_removing_k_spans_gives_recall_n_minus_k_over_n(removed: set[int]) -> None:
    """The same for spans, at every scheme."""
    kept = [line for i, line in enumerate(MENTION_LINES) if i not in removed]
    n = len(MENTION_LINES)
    result = only(score("\n".join(kept), task="mentions"))
    for name in ("strict", "exact", "partial", "type"):
        assert (n - len(removed)) / n == result.level(name).recall


FALSE_EVENT = st.builds(
    lambda actor, target, code, day: json.dumps(
        {
            "date": f"2019-01-{day:02d}",
            "actor": [{"code": actor}],
            "recipient": [{"code": target}],
            "event": ["ASSAULT"],
            "cameo_code": code,
        }
    ),
    st.sampled_from(["USA", "CHN", "RUSGOV"]),
    st.sampled_from(["FRA", "GBRMIL"]),
    st.sampled_from(["190", "1823", "20"]),
    st.integers(1, 28),
)


@given(st.lists(FALSE_EVENT, max_size=20))
def test_adding_k_false_events_gives_precision_n_over_n_plus_k(false: list[str]) -> None:
    """Adding k false events to the n gold ones gives precision n/(n+k) at every level."""
    n = len(EVENT_LINES)
    result = only(score("\n".join(EVENT_LINES + false)))
    for level in result.levels:
        assert n / (n + len(false)) == level.precision, level.name
        assert 1.0 == level.recall


SIZE = len(nato_rok.load().source.text)


@given(
    st.lists(
        st.tuples(
            st.integers(0, SIZE - 1), st.integers(1, 40), st.sampled_from(["nato", "entity"])
        ),
        max_size=20,
    )
)
@example([(0, 10, "nato"), (5, 10, "entity")])  # overlapping spans: their characters merge
def test_adding_k_false_spans_gives_precision_n_over_n_plus_k(
    false: list[tuple[int, int, str]],
) -> None:
    """Adding k spans to the n gold mentions gives strict precision n/(n+k), duplicates included."""
    extra = [
        json.dumps({"start": s, "end": min(SIZE, s + w), "label": label}) for s, w, label in false
    ]
    n = len(MENTION_LINES)
    result = only(score("\n".join(MENTION_LINES + extra), task="mentions"))
    assert n / (n + len(extra)) == result.level("strict").precision
    assert 1.0 == result.level("strict").recall


@given(st.randoms(use_true_random=False), st.lists(FALSE_EVENT, max_size=5))
def test_permuting_the_lines_changes_nothing(rng: random.Random, false: list[str]) -> None:
    """The levels do not depend on the order of the file's lines (optimal, not greedy)."""
    lines = EVENT_LINES[:-3] + false + EVENT_LINES[:2]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    assert levels(score("\n".join(lines))) == levels(score("\n".join(shuffled)))


def _with(line: str, **changes: Any) -> str:
    return json.dumps({**json.loads(line), **changes})


@pytest.mark.parametrize("index", range(len(EVENT_LINES)))
def test_a_sibling_cameo_code_keeps_the_coarser_levels(index: int) -> None:
    """A code with its last digit changed loses cameo but keeps every coarser level it shares."""
    code = json.loads(EVENT_LINES[index])["cameo_code"]
    sibling = code[:-1] + ("1" if code[-1] != "1" else "2")
    lines = EVENT_LINES[:]
    lines[index] = _with(lines[index], cameo_code=sibling, goldstein=None)
    result = only(score("\n".join(lines)))
    n = len(lines)
    assert (n - 1) / n == result.level("cameo").recall
    assert 1.0 == result.level("cameo_root").recall
    assert (1.0 if len(code) == 4 else (n - 1) / n) == result.level("cameo_base").recall


@given(st.sampled_from(range(len(MENTION_LINES))), st.integers(1, 3), st.booleans())
def test_a_shifted_span_keeps_partial_credit_only(index: int, shift: int, right: bool) -> None:
    """A gold span moved past a boundary, still overlapping, keeps partial (half) credit.

    strict and exact lose it; type (overlap with the right label) keeps it, as
    in nervaluate.
    """
    item = json.loads(MENTION_LINES[index])
    step = shift if right else -shift
    moved = {**item, "start": item["start"] + step, "end": item["end"] + step}
    assume(moved["start"] >= 0 and moved["end"] <= SIZE)
    lines = MENTION_LINES[:]
    lines[index] = json.dumps(moved)
    result = only(score("\n".join(lines), task="mentions"))
    n = len(lines)
    assert (n - 1) / n == result.level("strict").recall == result.level("exact").recall
    assert (n - 0.5) / n == result.level("partial").recall
    assert 1 == result.level("partial").partial
    assert 1.0 == result.level("type").recall


SPAN_LINE = st.builds(
    lambda s, w, label: json.dumps({"start": s, "end": min(SIZE, s + w), "label": label}),
    st.integers(0, SIZE - 1),
    st.integers(1, 80),
    st.sampled_from(["participant", "organization", "entity", "nato", "parwan"]),
)


@given(st.lists(st.one_of(SPAN_LINE, st.sampled_from(MENTION_LINES)), max_size=30))
def test_scores_stay_between_zero_and_one(lines: list[str]) -> None:
    """Whatever is predicted, every precision, recall and F1 lies in [0, 1]."""
    result = only(score("\n".join(lines), task="mentions"))
    for level in result.levels:
        assert 0.0 <= min(level.precision, level.recall, level.f1)
        assert max(level.precision, level.recall, level.f1) <= 1.0


@pytest.mark.parametrize("task", ["mentions", "quotes", "statements", "events"])
def test_empty_input_scores_zero_not_nan(task: str) -> None:
    """No predictions: every figure 0.0, the gold counted as false negatives."""
    result = only(score(b"", task=task))
    for level in result.levels:
        assert (0.0, 0.0, 0.0, 0) == (level.precision, level.recall, level.f1, level.tp)
        assert level.fn > 0


# --- nervaluate, the anchor for the span schemes ----------------------------

GOLD = [json.loads(line) for line in MENTION_LINES]
TYPES = {
    **{p.id: "participant" for p in nato_rok.load().participants},
    **{o.id: "organization" for o in nato_rok.load().organizations},
    **{e.id: "entity" for e in nato_rok.load().entities},
}


@pytest.mark.skipif(
    sys.version_info < (3, 11), reason="nervaluate 1.2 needs Python 3.11; the other runs check"
)
@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(0, 3), st.sampled_from(sorted(set(TYPES.values())))
        ),
        min_size=len(GOLD),
        max_size=len(GOLD),
    ),
    st.lists(st.booleans(), min_size=len(GOLD), max_size=len(GOLD)),
)
def test_the_span_schemes_equal_nervaluate(
    cuts: list[tuple[int, int, str]], kept: list[bool]
) -> None:
    """strict, exact, partial and type equal nervaluate's precision and recall.

    Each prediction is a gold mention, perhaps cut shorter at either end and
    given a type, so that each overlaps one gold span only: there, greedy and
    optimal matching agree.
    """
    from nervaluate import Evaluator

    gold, pred = [], []
    for item, (left, right, kind), keep in zip(GOLD, cuts, kept, strict=True):
        gold.append({"label": TYPES[item["label"]], "start": item["start"], "end": item["end"] - 1})
        if not keep:
            continue
        start = min(item["start"] + left, item["end"] - 1)
        end = max(item["end"] - right, start + 1)
        pred.append({"start": start, "end": end, "label": kind})
    lines = "\n".join(json.dumps(p) for p in pred)
    ours = only(score(lines, task="mentions"))
    theirs = Evaluator(
        [gold],
        [[{**p, "end": p["end"] - 1} for p in pred]],
        tags=sorted(set(TYPES.values())),
        loader="dict",
    ).evaluate()["overall"]
    for name, their_name in (
        ("strict", "strict"),
        ("exact", "exact"),
        ("partial", "partial"),
        ("type", "ent_type"),
    ):
        assert theirs[their_name].precision == pytest.approx(ours.level(name).precision), name
        assert theirs[their_name].recall == pytest.approx(ours.level(name).recall), name
