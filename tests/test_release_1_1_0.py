"""The shipped data of release 1.1.0: external facts with references, coded events."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

import nato_rok
from nato_rok import (
    CodeScheme,
    Dataset,
    DateBasis,
    Event,
    NameKind,
    Reference,
    _codes,
)

MAPPING = Path(__file__).parent.parent / "sources" / "reference" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture(scope="module")
def new() -> Dataset:
    """Return release 1.1.0."""
    return nato_rok.load("1.1.0")


def _cited(value: Any) -> list[Any]:
    """Every value inside *value* (records, tuples, nested) that cites a reference."""
    found = []
    if attrs.has(type(value)):
        if hasattr(value, "reference_id"):
            found.append(value)
        for field in attrs.fields(type(value)):
            found += _cited(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            found += _cited(item)
    return found


def test_release_1_0_0_is_unchanged_inside_1_1_0(new: Dataset) -> None:
    """Everything 1.0.0 states from the article is still there, unchanged but for additions."""
    old = nato_rok.load("1.0.0")
    assert old.source == new.source
    assert old.quotes == new.quotes
    assert old.meetings == new.meetings
    assert old.cooperation_areas == new.cooperation_areas
    assert old.positions == new.positions
    for person in old.participants:
        assert person == attrs.evolve(new.participant(person.id), names=(), codes=())


def test_every_external_fact_names_its_reference(new: Dataset) -> None:
    """Each name, code and date from outside the article cites a reference record."""
    cited = _cited(new)
    assert 20 == len(cited)  # 7 actor codes, 8 names, 4 sectors, the visit dates
    references = {ref.id: ref for ref in new.references}
    for value in cited:
        assert isinstance(references[value.reference_id], Reference)
    for event in new.events:
        if event.date_basis is DateBasis.EXTERNAL:
            assert event.date_reference_id in references


def test_visit_dates_keep_both_provenances(new: Dataset) -> None:
    """The article's 12 April stays; 11-13 April comes from NATO's other article."""
    visit = new.visit
    assert datetime.date(2013, 4, 12) == visit.reported_date
    assert visit.dates is not None
    assert (datetime.date(2013, 4, 11), datetime.date(2013, 4, 13)) == (
        visit.dates.start,
        visit.dates.end,
    )
    reference = new.record(visit.dates.reference_id)
    assert isinstance(reference, Reference)
    assert "https://www.nato.int/cps/en/natohq/news_99791.htm" == reference.url
    assert "The three-day visit, from 11 to 13 April" == reference.excerpt


@pytest.mark.parametrize(
    ("pid", "hangul", "romanized", "sector"),
    [
        ("park-geun-hye", "박근혜", "Bak Geun-hye", "GOV"),
        ("kang-chang-hee", "강창희", "Gang Chang-hui", "LEG"),
        ("yun-byung-se", "윤병세", "Yun Byeong-se", "GOV"),
        ("kim-kwan-jin", "김관진", "Gim Gwan-jin", "MIL"),
    ],
)
def test_korean_names_and_sectors(
    new: Dataset, pid: str, hangul: str, romanized: str, sector: str
) -> None:
    """Hangul and Revised Romanization are findable, as are the article's spellings."""
    person = new.participant(pid)
    assert [(hangul, NameKind.HANGUL), (romanized, NameKind.REVISED_ROMANIZATION)] == [
        (name.text, name.kind) for name in person.names
    ]
    for name in (hangul, romanized, romanized.lower(), *person.aliases, person.name):
        assert person is new.find_participant(name)
    assert [(CodeScheme.CAMEO_SECTOR, sector)] == [(c.scheme, c.code) for c in person.codes]


def test_find_participant_normalises_hangul(new: Dataset) -> None:
    """A decomposed (NFD) Hangul query finds the same person."""
    import unicodedata

    assert "park-geun-hye" == new.find_participant(unicodedata.normalize("NFD", "박근혜")).id


def test_actor_codes(new: Dataset) -> None:
    """NATO IGOWSTNAT; KOR, PRK, AFG as ISO 3166-1 alpha-3 and CAMEO codes."""
    codes = {o.id: {(c.scheme, c.code) for c in o.codes} for o in new.organizations}
    assert {(CodeScheme.CAMEO_ACTOR, "IGOWSTNAT")} == codes["nato"]
    for oid, code in [("republic-of-korea", "KOR"), ("north-korea", "PRK"), ("afghanistan", "AFG")]:
        assert {(CodeScheme.ISO_3166_1_ALPHA_3, code), (CodeScheme.CAMEO_ACTOR, code)} == codes[oid]
    assert {"Afghanistan"} == {new.excerpt(s) for s in new.organization("afghanistan").mentions}


def _mapping() -> dict[str, tuple[str, str | None, str | None]]:
    found = {}
    for line in MAPPING.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d+): ([A-Z]+),\s*([\w-]*)\s*,\s*([\w_]*)\s*#", line)
        if match:
            found[match[1]] = (match[2], match[3] or None, match[4] or None)
    return found


def test_every_code_is_in_the_shipped_tables(new: Dataset) -> None:
    """Each CAMEO code (with its name) and PLOVER coding exists in the code tables."""
    for index, event in enumerate(new.events):
        if event.cameo:
            assert [] == _codes.cameo_problems(
                f"$.events[{index}].cameo", event.cameo, _codes.tables("1.1.0")
            )
        if event.plover:
            assert [] == _codes.plover_problems(
                f"$.events[{index}].plover", event.plover, _codes.tables("1.1.0")
            )


def test_cameo_and_plover_agree_with_the_mapping_or_say_why(new: Dataset) -> None:
    """Where both are coded, PLOVER follows the CAMEO-to-PLOVER table, or the note explains."""
    mapping = _mapping()
    for event in new.events:
        if event.cameo and event.plover:
            expected_event, expected_mode, context = mapping[event.cameo.code]
            assert expected_event == event.plover.event
            assert expected_mode == event.plover.mode
            assert context is None or context in event.plover.contexts
        else:
            assert event.note


def _event(new: Dataset, event_id: str) -> Event:
    record = new.record(event_id)
    assert isinstance(record, Event)
    return record


@pytest.mark.parametrize(
    ("event_id", "cameo", "plover", "actors", "recipients"),
    [
        ("event-visit", "042", ("CONSULT", "visit"), ("nato",), ("republic-of-korea",)),
        ("event-visit-hosted", "043", None, ("republic-of-korea",), ("nato",)),
        (
            "event-cooperation-proposal",
            "0312",
            ("AGREE", None),
            ("anders-fogh-rasmussen",),
            ("republic-of-korea",),
        ),
        (
            "event-afghanistan-cooperation",
            "062",
            ("COOPERATE", None),
            ("republic-of-korea",),
            ("nato",),
        ),
        ("event-ana-trust-fund", "072", ("AID", None), ("republic-of-korea",), ("afghanistan",)),
        ("event-prt-parwan", None, None, ("republic-of-korea",), ("afghanistan",)),
        (
            "event-north-korea-condemnation",
            "111",
            ("ACCUSE", "disapprove"),
            ("nato",),
            ("north-korea",),
        ),
        (
            "event-north-korea-call",
            "105",
            ("REQUEST", "change"),
            ("anders-fogh-rasmussen",),
            ("north-korea",),
        ),
    ],
)
def test_coded_events(
    new: Dataset,
    event_id: str,
    cameo: str | None,
    plover: tuple[str, str | None] | None,
    actors: tuple[str, ...],
    recipients: tuple[str, ...],
) -> None:
    """Each event has the coding the guidance asks for, with its actors and recipients."""
    event = _event(new, event_id)
    assert cameo == (event.cameo.code if event.cameo else None)
    assert plover == ((event.plover.event, event.plover.mode) if event.plover else None)
    assert (actors, recipients) == (event.actor_ids, event.recipient_ids)


def test_meetings_are_sub_events_of_the_visit(new: Dataset) -> None:
    """One sub-event per meeting of the article, each a child of the visit."""
    children = [e for e in new.events if e.parent_id == "event-visit"]
    assert len(new.meetings) == len(children)
    assert [m.participant_ids[1] for m in new.meetings] == [e.recipient_ids[0] for e in children]


def test_judgement_calls_are_recorded(new: Dataset) -> None:
    """The 0212/0312 choice, the uncoded team and the 105 choice are written down."""
    assert ("0212",) == _event(new, "event-cooperation-proposal").cameo.alternatives  # type: ignore[union-attr]
    assert "Left uncoded" in (_event(new, "event-prt-parwan").note or "")
    assert ("025",) == _event(new, "event-north-korea-call").cameo.alternatives  # type: ignore[union-attr]
    historical = {e.id for e in new.events if e.historical}
    assert {
        "event-afghanistan-cooperation",
        "event-ana-trust-fund",
        "event-prt-parwan",
    } == historical


def test_statements_without_a_plover_event_stay_quotations(new: Dataset) -> None:
    """Only the quotations about coded events are tied to events; the rest have none."""
    evidence = {(s.start, s.end) for e in new.events for s in e.spans}
    coded = [
        q.id for q in new.quotes if any(a < q.span.end and q.span.start < b for a, b in evidence)
    ]
    assert [
        "quote-stronger-partnerships",  # the proposal's note rests on it
        "quote-north-korea-threat",
        "quote-north-korea-defiance",
    ] == coded
