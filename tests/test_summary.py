"""The readable summary shows the whole visit."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

import nato_rok
from nato_rok import Dataset, strategies
from nato_rok._summary import summary


def test_summary_shows_every_part_of_the_visit(bundled: Dataset) -> None:
    """Visit, people with roles, meetings, quote counts, areas by kind, position, source."""
    lines = summary(bundled).splitlines()
    assert "nato-rok dataset release 1.0.0 (schema 1)" == lines[0]
    for expected in [
        "  Anders Fogh Rasmussen, Secretary General of NATO -> Republic of Korea",
        "  Where: Seoul",
        "  Reported date: 2013-04-12 (the article)",
        "  Length: 3 days, long planned",
        "  First ever: yes",
        "  Purpose: to explore ways of expanding cooperation",
        "  Park Geun-hye (also: Park Guen-hye): President, Republic of Korea",
        "  Kim Kwan-jin (also: Kim Kwan Jin): Minister of Defence, Republic of Korea",
        "  talks: Anders Fogh Rasmussen and Park Geun-hye, with other top government officials"
        " (stated purpose of the visit)",
        "  meeting: Anders Fogh Rasmussen and Kang Chang-hee (reported held)",
        "Quotations (7)",
        "  Anders Fogh Rasmussen: 7 (5 standalone, 1 embedded, 1 partial)",
        "Proposed for closer cooperation",
        "Shared security challenges",
        "Existing cooperation",
        "Position on North Korea",
        "  NATO: condemnation",
        "  NATO, 2013-04-12, https://www.nato.int/cps/en/natohq/news_99519.htm",
        "  3055 characters, language en",
    ]:
        assert expected in lines
    for person in bundled.participants:
        assert any(line.startswith(f"  {person.name}") and person.role in line for line in lines)
    for area in bundled.cooperation_areas:
        assert f"  {area.name}" in lines


def test_summary_of_release_1_1_0_shows_the_enrichment() -> None:
    """External dates, Hangul names, sector codes, coded events and references appear."""
    lines = summary(nato_rok.load("1.1.0")).splitlines()
    for expected in [
        "  Dates: 2013-04-11 to 2013-04-13 (nato-news-99791)",
        "  Park Geun-hye (also: Park Guen-hye, 박근혜, Bak Geun-hye): President, Republic of Korea"
        " [GOV]",
        "Coded events (12)",
        "External references",
    ]:
        assert expected in lines
    assert any(
        line.startswith("  CAMEO 111  PLOVER ACCUSE/disapprove NATO -> North Korea")
        for line in lines
    )
    assert any(line.startswith("  CAMEO none PLOVER none") for line in lines)
    legend = lines[lines.index("Coded events (12)") + 1]
    assert legend.startswith("  (CAMEO code, PLOVER event/mode, actors -> recipients; 'none': ")


def test_summary_of_a_short_visit_without_extras(bundled: Dataset) -> None:
    """A visit not long planned nor first, and a person without aliases, read plainly."""
    visit = attrs.evolve(bundled.visit, long_planned=False, first_ever=False)
    text = summary(attrs.evolve(bundled, visit=visit))
    assert "  Length: 3 days\n" in text
    assert "  First ever: no\n" in text


@pytest.mark.slow
@given(strategies.datasets())
def test_summary_never_fails_on_a_valid_dataset(dataset: Dataset) -> None:
    """Any valid dataset has a summary that names its release and every participant."""
    text = summary(dataset)
    assert text.startswith(f"nato-rok dataset release {dataset.version} ")
    assert all(person.name in text for person in dataset.participants)
