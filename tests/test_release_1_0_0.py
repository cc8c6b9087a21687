"""The shipped data of release 1.0.0: every fact the article states, anchored."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
import pytest

from nato_rok import (
    CooperationKind,
    Dataset,
    MeetingAttestation,
    MeetingKind,
    OrganizationKind,
    QuoteKind,
    Span,
    Stance,
)

ARTICLE = Path(__file__).parent.parent / "sources" / "nato-news-2013-04-12-rok-visit.txt"


def _excerpts(dataset: Dataset, spans: tuple[Span, ...]) -> str:
    return " | ".join(dataset.excerpt(span) for span in spans)


def test_text_is_the_article_byte_for_byte(bundled: Dataset) -> None:
    """The source text is the article file, decoded, unchanged."""
    assert ARTICLE.read_bytes().decode("utf-8") == bundled.source.text


def test_source_metadata(bundled: Dataset) -> None:
    """Title, publisher, date, URL and language of the article."""
    source = bundled.source
    assert "nato-news-99519" == source.id
    assert source.text.startswith(source.title + "\n")
    assert (
        "First visit by a NATO Secretary General to Republic of Korea focuses on cooperation"
        == source.title
    )
    assert "NATO" == source.publisher
    assert datetime.date(2013, 4, 12) == source.published
    assert "https://www.nato.int/cps/en/natohq/news_99519.htm" == source.url
    assert "en" == source.language
    assert "CC-BY-4.0" == bundled.license


def test_every_span_lies_in_the_text(bundled: Dataset) -> None:
    """Every span of every record is inside the text and non-empty."""
    size = len(bundled.source.text)
    for record in (bundled.source, *bundled.records()):
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            for span in value if isinstance(value, tuple) else (value,):
                if isinstance(span, Span):
                    assert 0 <= span.start < span.end <= size


def test_visit(bundled: Dataset) -> None:
    """Who visited whom, where, when, how long, first ever, long planned, and why."""
    visit = bundled.visit
    assert ("anders-fogh-rasmussen", "nato", "republic-of-korea") == (
        visit.visitor_id,
        visit.visitor_organization_id,
        visit.host_id,
    )
    assert "Seoul" == visit.place
    assert datetime.date(2013, 4, 12) == visit.reported_date
    assert 3 == visit.duration_days
    assert visit.long_planned
    assert visit.first_ever
    assert "to explore ways of expanding cooperation" == visit.purpose
    evidence = _excerpts(bundled, visit.spans)
    for words in [
        "Friday (12 April 2013)",
        "three-day",
        "long-planned",
        "visit to Seoul",
        "the first ever by a NATO Secretary General",
        "Republic of Korea",
    ]:
        assert words in evidence


PEOPLE = [
    ("anders-fogh-rasmussen", "Anders Fogh Rasmussen", "Secretary General", "nato", ()),
    ("park-geun-hye", "Park Geun-hye", "President", "republic-of-korea", ("Park Guen-hye",)),
    (
        "kang-chang-hee",
        "Kang Chang-hee",
        "Speaker of the National Assembly",
        "republic-of-korea",
        (),
    ),
    ("yun-byung-se", "Yun Byung-se", "Minister of Foreign Affairs", "republic-of-korea", ()),
    ("kim-kwan-jin", "Kim Kwan-jin", "Minister of Defence", "republic-of-korea", ("Kim Kwan Jin",)),
]


@pytest.mark.parametrize(("pid", "name", "role", "affiliation", "spellings"), PEOPLE)
def test_every_person_named(
    bundled: Dataset, pid: str, name: str, role: str, affiliation: str, spellings: tuple[str, ...]
) -> None:
    """Standard name, role, affiliation; the article's own spelling stays anchored."""
    person = bundled.participant(pid)
    assert (name, role, affiliation) == (person.name, person.role, person.affiliation_id)
    assert role in _excerpts(bundled, person.spans)
    mentioned = {bundled.excerpt(span) for span in person.mentions}
    for spelling in spellings:
        assert spelling in person.aliases
        assert spelling in mentioned
        assert person is bundled.find_participant(spelling)
    assert person is bundled.find_participant(name)


def test_nobody_else_is_named(bundled: Dataset) -> None:
    """The five people above are all the participants."""
    assert [p[0] for p in PEOPLE] == [p.id for p in bundled.participants]


def test_organizations(bundled: Dataset) -> None:
    """NATO, the two Koreas and the UN Security Council, with the article's forms."""
    kinds = {o.id: o.kind for o in bundled.organizations}
    assert {
        "nato": OrganizationKind.INTERNATIONAL_ORGANIZATION,
        "republic-of-korea": OrganizationKind.STATE,
        "north-korea": OrganizationKind.STATE,
        "united-nations-security-council": OrganizationKind.INTERNATIONAL_BODY,
    } == kinds
    council = bundled.organization("united-nations-security-council")
    assert {"United Nations Security", "United Nations Security Council"} == {
        bundled.excerpt(span) for span in council.mentions
    }
    nato = bundled.organization("nato")
    assert 11 == len(nato.mentions)  # 9 times "NATO", twice "The Alliance"


def test_meetings(bundled: Dataset) -> None:
    """Talks with the President (the purpose) and three meetings reported held."""
    talks, *met = bundled.meetings
    assert (MeetingKind.TALKS, MeetingAttestation.PURPOSE) == (talks.kind, talks.attested)
    assert ("anders-fogh-rasmussen", "park-geun-hye") == talks.participant_ids
    assert "other top government officials" == talks.unnamed_participants
    assert [
        ("anders-fogh-rasmussen", pid) for pid in ("kang-chang-hee", "yun-byung-se", "kim-kwan-jin")
    ] == [m.participant_ids for m in met]
    for meeting in met:
        assert (MeetingKind.MEETING, MeetingAttestation.HELD) == (meeting.kind, meeting.attested)
        assert "also met with" in _excerpts(bundled, meeting.spans)


def test_one_quote_per_pair_of_quotation_marks(bundled: Dataset) -> None:
    """Every “...” passage of the article is exactly one quote, verbatim, and vice versa."""
    text = bundled.source.text
    passages = [Span(start=m.start(1), end=m.end(1)) for m in re.finditer("“([^”]*)”", text)]
    assert passages == [quote.span for quote in bundled.quotes]
    for quote in bundled.quotes:
        assert quote.text == bundled.excerpt(quote.span)
        assert "anders-fogh-rasmussen" == quote.speaker_id


def test_quotes_keep_the_source_wording(bundled: Dataset) -> None:
    """Curly apostrophes, "endeavour", and the source's "United Nations Security resolutions"."""
    texts = [quote.text for quote in bundled.quotes]
    assert texts[0].startswith("NATO’s partnership")
    assert texts[2].endswith("in this endeavour")
    assert "United Nations Security resolutions" in texts[6]
    assert texts[5].endswith("stability.")


def test_quote_kinds_and_attributions(bundled: Dataset) -> None:
    """One partial, one embedded, the rest standalone; each attribution names the speaker."""
    kinds = [quote.kind for quote in bundled.quotes]
    assert [
        QuoteKind.STANDALONE,
        QuoteKind.STANDALONE,
        QuoteKind.EMBEDDED,
        QuoteKind.STANDALONE,
        QuoteKind.STANDALONE,
        QuoteKind.PARTIAL,
        QuoteKind.STANDALONE,
    ] == kinds
    for quote in bundled.quotes:
        attribution = bundled.excerpt(quote.attribution_span).lower()
        assert "said" in attribution or "underlined" in attribution


AREAS = {
    CooperationKind.PROPOSED: ["Logistics", "Military education and training", "Disaster relief"],
    CooperationKind.SHARED_CHALLENGE: [
        "Piracy",
        "Proliferation of weapons of mass destruction",
        "Cyber attacks",
    ],
    CooperationKind.EXISTING: [
        "Provincial Reconstruction Team in Parwan",
        "Financial aid to the Afghan National Army Trust Fund",
    ],
}


@pytest.mark.parametrize(("kind", "names"), AREAS.items())
def test_cooperation_areas_by_kind(
    bundled: Dataset, kind: CooperationKind, names: list[str]
) -> None:
    """The areas proposed, the shared challenges, and the existing cooperation."""
    areas = [area for area in bundled.cooperation_areas if area.kind is kind]
    assert names == [area.name for area in areas]
    for area in areas:
        assert area.name.lower() in bundled.excerpt(area.spans[0]).lower()


def test_position_on_north_korea(bundled: Dataset) -> None:
    """NATO's condemnation of North Korea, and the two quotations about it."""
    (position,) = bundled.positions
    assert ("nato", "north-korea", Stance.CONDEMNATION) == (
        position.holder_id,
        position.subject_id,
        position.stance,
    )
    assert "strong condemnation of North Korea’s actions" in _excerpts(bundled, position.spans)
    about = [quote.id for quote in bundled.quotes if position.id in quote.topic_ids]
    assert ["quote-north-korea-threat", "quote-north-korea-defiance"] == about
