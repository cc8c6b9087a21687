"""Cross-record checks: ids, references, spans against the text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given, settings, strategies as st

import nato_rok
from nato_rok import Span, _integrity
from nato_rok.exceptions import IntegrityError, Problem
from tests.conftest import encode


def _problems(document: dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(IntegrityError) as caught:
        nato_rok.loads(encode(document))
    return caught.value.problems


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (
            lambda d: d["quotes"][0].update(text=d["quotes"][0]["text"].replace("’", "'")),
            Problem("$.quotes[0].text", "quotation"),
        ),
        (
            lambda d: d["quotes"][0]["span"].update(end=99999),
            Problem("$.quotes[0].span", "ends past the text"),
        ),
        (
            lambda d: d["participants"][1].update(id="anders-fogh-rasmussen"),
            Problem("$.participants[1].id", "already used at $.participants[0]"),
        ),
        (
            lambda d: d["quotes"][2].update(speaker_id="nobody"),
            Problem("$.quotes[2].speaker_id", "which no record has as its id"),
        ),
        (
            lambda d: d["quotes"][2].update(speaker_id="nato"),
            Problem("$.quotes[2].speaker_id", "a Organization, where a Participant belongs"),
        ),
        (
            lambda d: d["participants"][1]["aliases"].clear(),
            Problem("$.participants[1].mentions[0]", "neither the name nor an alias"),
        ),
        (
            lambda d: d["visit"].update(purpose="to explore"),
            Problem("$.visit.purpose", "differs from its span's text"),
        ),
        (
            lambda d: d["visit"].update(place="Busan"),
            Problem("$.visit.place", "occurs in none of the record's spans"),
        ),
        (
            lambda d: d.update(version="1.0"),
            Problem("$.version", "expected a version like '1.0.0'"),
        ),
        (
            lambda d: d["participants"][2]["aliases"].append("park geun hye"),
            Problem("$.participants[2]", "matches a name of $.participants[1]"),
        ),
        (
            lambda d: d["source"].update(title="Another title"),
            Problem("$.source.title", "occurs in none of the record's spans"),
        ),
        (
            lambda d: d["organizations"][0]["mentions"][0].update(end=99999),
            Problem("$.organizations[0].mentions[0]", "ends past the text"),
        ),
        (
            lambda d: d["source"]["spans"][0].update(end=99999),
            Problem("$.source.spans[0]", "ends past the text"),
        ),
        (
            lambda d: d["visit"]["purpose_span"].update(end=99999),
            Problem("$.visit.purpose_span", "ends past the text"),
        ),
        (
            lambda d: d["quotes"][1]["attribution_span"].update(start=99998, end=99999),
            Problem("$.quotes[1].attribution_span", "ends past the text"),
        ),
        (
            lambda d: d["participants"][0].update(affiliation_id="visit-seoul-2013"),
            Problem("$.participants[0].affiliation_id", "a Visit, where a Organization belongs"),
        ),
        (
            lambda d: d["visit"].update(visitor_id="nato"),
            Problem("$.visit.visitor_id", "where a Participant belongs"),
        ),
        (
            lambda d: d["visit"].update(visitor_organization_id="park-geun-hye"),
            Problem("$.visit.visitor_organization_id", "where a Organization belongs"),
        ),
        (
            lambda d: d["visit"].update(host_id="north"),
            Problem("$.visit.host_id", "which no record has as its id"),
        ),
        (
            lambda d: d["meetings"][0].update(visit_id="nato"),
            Problem("$.meetings[0].visit_id", "where a Visit belongs"),
        ),
        (
            lambda d: d["meetings"][1]["participant_ids"].append("logistics"),
            Problem("$.meetings[1].participant_ids[2]", "where a Participant belongs"),
        ),
        (
            lambda d: d["meetings"][0].update(unnamed_participants="the whole cabinet"),
            Problem("$.meetings[0].unnamed_participants", "occurs in none"),
        ),
        (
            lambda d: d["quotes"][4]["topic_ids"].append("nato"),
            Problem("$.quotes[4].topic_ids[2]", "where a CooperationArea or Position belongs"),
        ),
        (
            lambda d: d["cooperation_areas"][0].update(name="Shipping"),
            Problem("$.cooperation_areas[0].name", "occurs in none"),
        ),
        (
            lambda d: d["positions"][0].update(holder_id="logistics"),
            Problem("$.positions[0].holder_id", "where a Organization or Participant belongs"),
        ),
        (
            lambda d: d["positions"][0].update(subject_id="park-geun-hye"),
            Problem("$.positions[0].subject_id", "where a Organization belongs"),
        ),
        (
            lambda d: d["quotes"][0].update(id="nato-news-99519"),
            Problem("$.quotes[0].id", "already used at $.source"),
        ),
    ],
)
def test_integrity_problems_are_located(
    document: dict[str, Any], mutate: Any, problem: Problem
) -> None:
    """Cross-record problems name the path and say what disagrees."""
    mutate(document)
    problems = _problems(document)
    assert any(p.path == problem.path and problem.message in p.message for p in problems), problems


def test_a_span_past_the_end_is_not_also_read(document: dict[str, Any]) -> None:
    """A quotation whose span is out of range gets one problem, not a second about its text."""
    document["quotes"][0]["span"].update(start=5000, end=99999)
    assert (
        Problem("$.quotes[0].span", "span 5000..99999 ends past the text (3055 characters)"),
    ) == _problems(document)


@pytest.fixture
def document_2() -> dict[str, Any]:
    """Return a fresh, mutable copy of release 1.1.0 (schema 2) as plain JSON values."""
    value: dict[str, Any] = json.loads(nato_rok.dumps(nato_rok.load("1.1.0")))
    return value


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (
            lambda d: d["participants"][1]["names"][0].update(reference_id="nowhere"),
            Problem("$.participants[1].names[0].reference_id", "which no record has as its id"),
        ),
        (
            lambda d: d["organizations"][0]["codes"][0].update(reference_id="nato"),
            Problem(
                "$.organizations[0].codes[0].reference_id",
                "a Organization, where a Reference belongs",
            ),
        ),
        (
            lambda d: d["organizations"][0]["codes"][0].update(code="IGOWST"),
            Problem("$.organizations[0].codes[0].code", "'IGOWST' is not a cameo-actor code"),
        ),
        (
            lambda d: d["visit"]["dates"].update(reference_id="cameo-codebooks"),
            Problem("$.visit.dates.reference_id", "which no record has as its id"),
        ),
        (
            lambda d: d["events"][2].update(parent_id="nato"),
            Problem("$.events[2].parent_id", "where a Event belongs"),
        ),
        (
            lambda d: d["events"][0]["actor_ids"].append("event-visit-hosted"),
            Problem("$.events[0].actor_ids[1]", "where a Organization or Participant belongs"),
        ),
        (
            lambda d: d["events"][0]["recipient_ids"].append("ghost"),
            Problem("$.events[0].recipient_ids[1]", "which no record has as its id"),
        ),
        (
            lambda d: d["events"][0].update(date_reference_id="visit-seoul-2013"),
            Problem("$.events[0].date_reference_id", "where a Reference belongs"),
        ),
        (
            lambda d: d["events"][0]["cameo"].update(name="Make a trip"),
            Problem("$.events[0].cameo.name", "CAMEO 042 is named 'Make a visit'"),
        ),
        (
            lambda d: d["events"][0]["plover"].update(mode="phone call"),
            Problem("$.events[0].plover.mode", "PLOVER CONSULT has no mode 'phone call'"),
        ),
        (
            lambda d: d["references"].append(dict(d["references"][0])),
            Problem("$.references[6].id", "already used at $.references[0]"),
        ),
        (
            lambda d: d["participants"][2]["names"].append(
                {"text": "Park Geun Hye", "kind": "hangul", "reference_id": "nato-rok-issue-3"}
            ),
            Problem("$.participants[2]", "matches a name of $.participants[1]"),
        ),
        (
            lambda d: d["events"][1]["spans"][0].update(end=99999),
            Problem("$.events[1].spans[0]", "ends past the text"),
        ),
        (
            lambda d: d["events"][0].update(parent_id="event-talks-park-geun-hye"),
            Problem("$.events[0].parent_id", "parents form a cycle"),
        ),
        (
            lambda d: d["visit"]["dates"].update(start="2013-04-13"),
            Problem("$.visit.dates", "the reported date 2013-04-12 falls outside"),
        ),
        (
            lambda d: d["visit"].update(duration_days=4),
            Problem("$.visit.dates", "is not 4 day(s), the stated length"),
        ),
        (
            lambda d: d["quotes"][0]["attribution_span"].update(start=400),
            Problem("$.quotes[0].attribution_span", "overlaps the quotation it attributes"),
        ),
    ],
)
def test_schema_2_problems_are_located(
    document_2: dict[str, Any], mutate: Any, problem: Problem
) -> None:
    """References, event links, codes and external names are checked, with paths."""
    mutate(document_2)
    problems = _problems(document_2)
    assert any(p.path == problem.path and problem.message in p.message for p in problems), problems


def _newest() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(nato_rok.dumps(nato_rok.load("1.2.0")))
    return value


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["statements"][1].update(speaker_id="nato"),
            [
                Problem("$.statements[1].speaker_id", "where a Participant belongs"),
                Problem("$.statements[1].quote_id", "the quotation has another speaker"),
            ],
        ),
        (
            lambda d: d["statements"][1].update(attribution_span=d["statements"][1]["span"]),
            [Problem("$.statements[1].attribution_span", "overlaps the statement")],
        ),
        (
            lambda d: d["statements"][1].update(quote_id="quote-global-challenges"),
            [Problem("$.statements[1].quote_id", "lies outside the statement's span")],
        ),
        (
            lambda d: d["statements"][1].update(quote_id="nato"),
            [Problem("$.statements[1].quote_id", "where a Quote belongs")],
        ),
        (
            lambda d: d["statements"][0]["event_ids"].append("logistics"),
            [Problem("$.statements[0].event_ids[1]", "where a Event belongs")],
        ),
        (
            lambda d: d["entities"][0].update(within_id="korean-peninsula"),
            [Problem("$.entities[0].within_id", "where a Organization belongs")],
        ),
        (
            lambda d: d["entities"][0].update(name="Kabul"),
            [Problem("$.entities[0].mentions[0]", "neither the name nor an alias")],
        ),
    ],
)
def test_statements_and_entities_are_checked(mutate: Any, expected: list[Problem]) -> None:
    """A statement's speaker, quotation and events, an entity's names and place, must hold."""
    document = _newest()
    mutate(document)
    found = _problems(document)
    assert len(expected) == len(found)
    for problem, want in zip(found, expected, strict=True):
        assert want.path == problem.path
        assert want.message in problem.message


def test_a_statement_quoting_another_speaker_is_refused() -> None:
    """The quotation inside a statement must be the statement's speaker's."""
    document = _newest()
    document["quotes"][0]["speaker_id"] = "park-geun-hye"
    document["quotes"][0]["topic_ids"] = []
    found = _problems(document)
    assert Problem("$.statements[1].quote_id", "the quotation has another speaker") in found


def _old_cycles(parents: dict[str, str | None]) -> set[str]:
    """Return the events whose parents lead back to one already met: the walk written plainly."""
    found = set()
    for event, first in parents.items():
        seen, parent = {event}, first
        while parent is not None and parent in parents:
            if parent in seen:
                found.add(event)
                break
            seen.add(parent)
            parent = parents[parent]
    return found


def _with_events(parents: dict[str, str | None]) -> dict[str, Any]:
    document = _newest()
    first = document["events"][0]
    document["events"] = [
        {**first, "id": event, "parent_id": parent} for event, parent in parents.items()
    ]
    document["statements"] = [dict(s, event_ids=[]) for s in document["statements"]]
    return document


@settings(max_examples=40, deadline=None)
@given(st.lists(st.none() | st.integers(0, 11), min_size=1, max_size=12))
def test_every_event_led_into_a_cycle_is_reported(links: list[int | None]) -> None:
    """Any graph of parents: exactly the events whose parents come back round are refused."""
    parents = {
        f"e-{n}": None if link is None or link == n else f"e-{link % len(links)}"
        for n, link in enumerate(links)
    }
    parents = {event: parent if parent != event else None for event, parent in parents.items()}
    document = _with_events(parents)
    expected = _old_cycles(parents)
    if not expected:
        nato_rok.loads(encode(document))
        return
    reported = {
        f"e-{p.path.split('[')[1].split(']')[0]}"
        for p in _problems(document)
        if p.message == "parents form a cycle"
    }
    assert expected == reported


def test_a_long_chain_of_parents_loads_and_a_cycle_at_its_top_is_found() -> None:
    """3,000 events, each the parent of the next: valid; closed into a ring, all 3,000 refused."""
    length = 3000
    parents: dict[str, str | None] = {f"e-{n}": f"e-{n - 1}" if n else None for n in range(length)}
    assert length == len(nato_rok.loads(encode(_with_events(parents))).events)
    parents["e-0"] = f"e-{length - 1}"
    problems = _problems(_with_events(parents))
    assert len(problems) == 100  # the first 100 listed; the rest counted
    assert all(p.message == "parents form a cycle" for p in problems)


def _checker(text: str) -> Any:
    checker = object.__new__(_integrity._Checker)  # only the text matters here
    checker.text = text
    return checker


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 40)), max_size=6)


@example("ab ab", "ab", [(1, 3), (2, 3)])  # the first occurrence after a span serves the next
@example("ab ab", "ab", [(0, 1), (3, 2)])  # a span shorter than the name is passed over
@given(st.text("aAbBß ", max_size=40), st.text("aAbB", min_size=1, max_size=4), _SPANS)
def test_a_name_is_found_in_a_span_exactly_when_its_excerpt_holds_it(
    text: str, name: str, bounds: list[tuple[int, int]]
) -> None:
    """The forward search agrees with reading each excerpt, case folded (ß included)."""
    spans = tuple({Span(start=s, end=s + n) for s, n in bounds if s + n <= len(text)})
    needle = name.casefold()
    expected = any(needle in text[s.start : s.end].casefold() for s in spans)
    assert expected == _checker(text).found_in(needle, spans)


@given(
    st.text("ab", max_size=30), st.text("ab", max_size=8), st.integers(0, 30), st.integers(1, 30)
)
def test_a_span_equals_a_text_exactly_when_its_excerpt_does(
    text: str, wanted: str, start: int, length: int
) -> None:
    """equals() reads no excerpt, yet agrees with comparing one."""
    span = Span(start=start, end=start + length)
    expected = span.end <= len(text) and text[span.start : span.end] == wanted
    assert expected == _checker(text).equals(span, wanted)


def test_a_long_mention_is_refused_in_a_short_message(document: dict[str, Any]) -> None:
    """A mention spanning the whole article: refused, its excerpt shortened in the message."""
    size = len(document["source"]["text"])
    document["organizations"][0]["mentions"].append({"start": 0, "end": size})
    (problem,) = _problems(document)
    assert f"({size} characters) is neither the name nor an alias" in problem.message
    assert len(problem.message) < 300
