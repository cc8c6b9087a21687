"""The shipped data of release 1.2.0: the event coding corrected, every external fact sourced."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from korean_romanizer.romanizer import Romanizer

import nato_rok
from nato_rok import CodeScheme, Dataset, DateBasis, NameKind, _codes, _resources

ROOT = Path(__file__).parent.parent
REFERENCE = ROOT / "sources" / "reference"
SG = "anders-fogh-rasmussen"

#: Event names of the CAMEO Event and Actor Codebook, version 1.1b3 (March 2012),
#: for every code nato-rok ships. A code with sub-codes is named in the codebook's
#: "not specified below" form (025, 030, 040, 070, 105).
CODEBOOK = {
    "025": "Appeal to yield, not specified below",
    "0212": "Appeal for military cooperation",
    "030": "Express intent to cooperate, not specified below",
    "0312": "Express intent to cooperate militarily",
    "036": "Express intent to meet or negotiate",
    "040": "Consult, not specified below",
    "042": "Make a visit",
    "043": "Host a visit",
    "046": "Engage in negotiation",
    "062": "Cooperate militarily",
    "070": "Provide aid, not specified below",
    "071": "Provide economic aid",
    "072": "Provide military aid",
    "073": "Provide humanitarian aid",
    "105": "Demand that target yields, not specified below",
    "111": "Criticize or denounce",
}


def _reference_names() -> dict[str, str]:
    """CAMEO names from the shipped reference files, read as the reference README says.

    The PLOVER file's descriptions where it lists a code (it corrects the GDELT
    copy's 101 and 105-108), the GDELT copy for the rest (the 01 and 02
    families); a residual code (a family's x0, or a three-digit code with
    four-digit codes below it) takes the codebook's "not specified below" form.
    """
    gdelt = dict(
        row.split("\t", 1)
        for row in (REFERENCE / "CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()[1:]
    )
    plover = {}
    for row in (REFERENCE / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        code, _, rest = row.partition(":")
        if "#" in rest and code.strip().isdigit():
            plover[code.strip()] = rest.split("#", 1)[1].strip()
    names = {**gdelt, **plover}
    suffix = ", not specified below"
    for code, name in names.items():
        # A family's x0 code is its residual; a three-digit code with
        # four-digit codes below it (025: 0251 ...) is one too.
        residual = code.endswith("0") or any(o.startswith(code) and o != code for o in names)
        if len(code) == 3 and residual and not name.endswith(suffix):
            names[code] = name + suffix
    return names


def test_the_codebook_names_agree_with_the_reference_files() -> None:
    """The hand-written CODEBOOK table equals what the reference files give, code by code."""
    names = _reference_names()
    assert CODEBOOK == {code: names[code] for code in CODEBOOK}


@pytest.fixture(scope="module")
def new() -> Dataset:
    """Return release 1.2.0."""
    return nato_rok.load("1.2.0")


def _goldstein_table() -> dict[str, float]:
    rows = (REFERENCE / "CAMEO.goldsteinscale.txt").read_text(encoding="utf-8").splitlines()
    return {code: float(weight) for code, weight in (row.split("\t") for row in rows[1:])}


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


def test_1_2_0_loads_and_keeps_the_older_releases_byte_for_byte(new: Dataset) -> None:
    """1.2.0 is bundled (the default from 1.3.0 on); 1.0.0 and 1.1.0 dump to their shipped bytes."""
    assert new is nato_rok.load("1.2")
    assert ("1.0.0", "1.1.0", "1.2.0") == nato_rok.versions()[:3]
    shipped = {
        "1.0.0": "8a4a737f0dcfd787fdf9f59f61606ce942af297f4f69805da6fa448f8e92f547",
        "1.1.0": "37d6eefaf8d45e2f62f9b28e026c37ee7d8a738934d9084edbdab759515e3f36",
    }
    for version, digest in shipped.items():
        data = nato_rok.dumps(nato_rok.load(version)).encode("utf-8")
        assert _resources.read_data(f"nato-rok-{version}.json") == data
        assert digest == hashlib.sha256(data).hexdigest()


def test_every_goldstein_weight_is_the_tables(new: Dataset) -> None:
    """Each event's weight, and each weight of the 1.2.0 code table, is GDELT's CAMEO table's."""
    table = _goldstein_table()
    for event in new.events:
        if event.cameo is not None:
            assert table[event.cameo.code] == event.cameo.goldstein, event.id
    for code, entry in _codes.tables("1.2.0").cameo_events.items():
        assert table[code] == entry.goldstein, code


def test_every_cameo_name_is_the_codebooks(new: Dataset) -> None:
    """Each name of the 1.2.0 table and of every event is the codebook's own."""
    events = _codes.tables("1.2.0").cameo_events
    assert CODEBOOK == {code: entry.name for code, entry in events.items()}
    for event in new.events:
        if event.cameo is not None:
            assert CODEBOOK[event.cameo.code] == event.cameo.name, event.id
            assert set(event.cameo.alternatives) <= set(CODEBOOK)


def test_the_goldstein_sources_are_named_as_what_they_are() -> None:
    """The table names GDELT's CAMEO table as the weights' source and Goldstein's WEIS scale."""
    sources = json.loads(_resources.read_data("codes/cameo-1.2.0.json"))["sources"]
    assert "CAMEO.goldsteinscale.txt" in sources["goldstein"]
    assert "Goldstein (1992), which weighted WEIS event codes" in sources["goldstein"]


def _event(dataset: Dataset, event_id: str) -> nato_rok.Event:
    event = dataset.record(event_id)
    assert isinstance(event, nato_rok.Event)
    return event


def _romanized(hangul: str) -> str:
    return str(Romanizer(hangul).romanize())


def test_every_revised_romanization_matches_an_independent_romanizer(new: Dataset) -> None:
    """korean-romanizer transcribes each Hangul name to the shipped RR form.

    The romanizer writes a name as one lower-case word; the standard's
    provision for personal names (family name, a space, then the given name,
    its syllables joined by a hyphen) and capitals are the only difference,
    so both are compared without spaces, hyphens or case.
    """
    checked = 0
    for person in new.participants:
        forms = {name.kind: name.text for name in person.names}
        if NameKind.HANGUL in forms:
            rr = forms[NameKind.REVISED_ROMANIZATION]
            assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+", rr), rr
            assert _romanized(forms[NameKind.HANGUL]) == re.sub(r"[ -]", "", rr).lower()
            checked += 1
    assert 4 == checked


def test_every_external_fact_cites_a_reference_a_reader_can_follow(new: Dataset) -> None:
    """Names, codes and dates from outside the article cite a reference with a URL or edition."""
    references = {ref.id: ref for ref in new.references}
    cited = {value.reference_id for value in _cited(new)}
    cited |= {e.date_reference_id for e in new.events if e.date_basis is DateBasis.EXTERNAL}
    assert "nato-rok-issue-3" not in references
    for reference_id in cited:
        reference = references[reference_id]
        edition = re.search(r"[Vv]ersion|Edition|:\d{4}|No\. \d", reference.title)
        assert reference.url is not None or edition, reference_id
    for reference in new.references:  # the code tables' and names' sources, too
        assert reference.url is not None
        assert reference.url.startswith(("http://", "https://"))


def test_hangul_names_cite_published_pages_and_rr_the_standard(new: Dataset) -> None:
    """Each Hangul name cites a news page that prints it; each RR form, the 2000 standard."""
    for person in new.participants:
        for name in person.names:
            reference = new.record(name.reference_id)
            assert isinstance(reference, nato_rok.Reference)
            if name.kind is NameKind.HANGUL:
                assert reference.excerpt is not None
                assert name.text in reference.excerpt + reference.title
            else:
                assert "revised-romanization-2000" == reference.id
    assert "DRAFT Version: 2.0" in new.record("plover-manual").title  # type: ignore[union-attr]


def test_standard_spellings_cite_a_reference_and_the_articles_stay_findable(
    new: Dataset,
) -> None:
    """Park Geun-hye and Kim Kwan-jin are referenced; the article's spellings still find them."""
    herald = new.record("koreaherald-2013-03-24")
    assert isinstance(herald, nato_rok.Reference)
    assert herald.excerpt is not None
    assert "Kim Kwan-jin" in herald.excerpt
    assert herald.note is not None
    assert "Park Geun-hye" in herald.note
    for spelling, person_id in (
        ("Park Guen-hye", "park-geun-hye"),
        ("Kim Kwan Jin", "kim-kwan-jin"),
    ):
        person = new.find_participant(spelling)
        assert person is not None
        assert person_id == person.id
        assert spelling in person.aliases


def test_a_defence_minister_is_government_and_military(new: Dataset) -> None:
    """Kim Kwan-jin's CAMEO sectors are GOV and MIL together (GOVMIL)."""
    codes = new.participant("kim-kwan-jin").codes
    assert [("cameo-sector", "GOV"), ("cameo-sector", "MIL")] == [
        (code.scheme.value, code.code) for code in codes
    ]
    assert all(code.scheme is CodeScheme.CAMEO_SECTOR for code in codes)


@pytest.mark.parametrize(
    ("event_id", "cameo", "alternatives", "plover", "actors", "recipients"),
    [
        ("event-visit", "042", (), ("CONSULT", "visit"), (SG,), ("republic-of-korea",)),
        ("event-visit-hosted", "043", (), None, ("republic-of-korea",), (SG,)),
        ("event-talks-park-geun-hye", "036", (), ("AGREE", None), (SG,), ("park-geun-hye",)),
        (
            "event-meeting-kang-chang-hee",
            "042",
            (),
            ("CONSULT", "visit"),
            (SG,),
            ("kang-chang-hee",),
        ),
        ("event-meeting-yun-byung-se", "042", (), ("CONSULT", "visit"), (SG,), ("yun-byung-se",)),
        ("event-meeting-kim-kwan-jin", "042", (), ("CONSULT", "visit"), (SG,), ("kim-kwan-jin",)),
        (
            "event-cooperation-proposal",
            "0212",
            ("0312",),
            ("REQUEST", "assist"),
            (SG,),
            ("republic-of-korea",),
        ),
        (
            "event-afghanistan-cooperation",
            "062",
            (),
            ("COOPERATE", None),
            ("republic-of-korea",),
            ("nato",),
        ),
        (
            "event-afghanistan-cooperation-reciprocal",
            "062",
            (),
            None,  # PLOVER codes a reciprocal event once: on the other record
            ("nato",),
            ("republic-of-korea",),
        ),
        ("event-prt-parwan", "070", ("071", "072", "073"), ("AID", None), None, None),
        ("event-north-korea-condemnation", "111", (), ("ACCUSE", "disapprove"), (SG,), None),
        ("event-north-korea-call", "025", ("105",), ("REQUEST", "change"), (SG,), None),
    ],
)
def test_corrected_codings(
    new: Dataset,
    event_id: str,
    cameo: str,
    alternatives: tuple[str, ...],
    plover: tuple[str, str | None] | None,
    actors: tuple[str, ...] | None,
    recipients: tuple[str, ...] | None,
) -> None:
    """Specific codes over residual ones, appeals as appeals, PLOVER's visitor-as-actor rule."""
    event = _event(new, event_id)
    assert event.cameo is not None
    assert (cameo, alternatives) == (event.cameo.code, event.cameo.alternatives)
    if plover is None:
        assert event.plover is None
    else:
        assert event.plover is not None
        assert plover == (event.plover.event, event.plover.mode)
    if actors is not None:
        assert actors == event.actor_ids
    if recipients is not None:
        assert recipients == event.recipient_ids
    assert not set(event.actor_ids) & set(event.recipient_ids)


def test_no_event_is_coded_with_a_residual_consult(new: Dataset) -> None:
    """040 is residual: no event uses it, and every CONSULT names its mode."""
    for event in new.events:
        assert event.cameo is None or event.cameo.code != "040"
        if event.plover is not None and event.plover.event == "CONSULT":
            assert event.plover.mode == "visit"
            assert SG == event.actor_ids[0]


def test_held_meetings_ended_by_the_story_date(new: Dataset) -> None:
    """A story of 12 April reports the meetings as past: none is dated after 12 April."""
    story = datetime.date(2013, 4, 12)
    for meeting in new.meetings:
        if meeting.attested is nato_rok.MeetingAttestation.HELD:
            (event,) = [e for e in new.events if e.recipient_ids == meeting.participant_ids[1:]]
            assert event.date is not None
            assert event.date <= story
            assert (event.end_date or event.date) <= story
    yun = _event(new, "event-meeting-yun-byung-se")
    assert (datetime.date(2013, 4, 11), "mofa-enewsletter-126") == (
        yun.date,
        yun.date_reference_id,
    )


def test_the_talks_with_park_are_an_intended_meeting_in_their_fields(new: Dataset) -> None:
    """The talks are the visit's purpose: intent to meet (036, AGREE), dated by the story."""
    talks = _event(new, "event-talks-park-geun-hye")
    meeting = new.record("talks-park-geun-hye")
    assert isinstance(meeting, nato_rok.Meeting)
    assert nato_rok.MeetingAttestation.PURPOSE is meeting.attested
    assert talks.cameo is not None
    assert talks.cameo.name.startswith("Express intent to meet")
    assert (DateBasis.STORY, None) == (talks.date_basis, talks.end_date)
    assert "intended" in talks.label


def test_afghanistan_cooperation_is_ongoing_and_mutual(new: Dataset) -> None:
    """'Are already working together': not historical, coded both ways (062's reciprocal rule)."""
    one = _event(new, "event-afghanistan-cooperation")
    other = _event(new, "event-afghanistan-cooperation-reciprocal")
    for event in (one, other):
        assert not event.historical
        assert DateBasis.STORY is event.date_basis
    assert (one.actor_ids, one.recipient_ids) == (other.recipient_ids, other.actor_ids)
    # PLOVER codes a reciprocal event once (manual, "Compound and Reciprocal Actors").
    assert [one.plover is not None, other.plover is not None] == [True, False]


def test_one_actor_rule_is_written_and_applied(new: Dataset) -> None:
    """The datasheet states the actor rule; every act of the Secretary General is his."""
    datasheet = (ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8")
    assert "**Actor rule.**" in datasheet
    assert "**Dating rule.**" in datasheet
    assert SG == new.visit.visitor_id
    for event_id in (
        "event-visit",
        "event-cooperation-proposal",
        "event-north-korea-condemnation",
        "event-north-korea-call",
    ):
        assert (SG,) == _event(new, event_id).actor_ids


def test_defences_cite_their_rule(new: Dataset) -> None:
    """Each judgement call names the codebook or manual rule it rests on."""
    rules = {
        "event-cooperation-proposal": "suggest initiating or expanding military ties",
        "event-north-korea-call": "appeal verbs",
        "event-talks-park-geun-hye": "References to future meetings",
        "event-prt-parwan": "not specified below",
        "event-meeting-kang-chang-hee": "040 is residual",
        "event-afghanistan-cooperation": "reciprocal event twice with actors reversed",
    }
    for event_id, rule in rules.items():
        note = _event(new, event_id).note
        assert note is not None
        assert rule in note, event_id


def test_diff_from_1_1_0_shows_the_corrections(new: Dataset) -> None:
    """nato_rok.diff lists the recoded events, the new event and references, the dropped one."""
    changes = nato_rok.diff(nato_rok.load("1.1.0"), new).to_json()
    text = json.dumps(changes)
    for expected in (
        "event-north-korea-call",
        "event-afghanistan-cooperation-reciprocal",
        "event-prt-parwan",
        "gdelt-cameo-goldstein",
        "nato-rok-issue-3",
        "kim-kwan-jin",
    ):
        assert expected in text


def _covered_share(dataset: Dataset) -> float:
    """Return the share of the article's non-space characters inside a span of the JSON."""
    text = dataset.source.text
    covered = [False] * len(text)

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if set(value) == {"start", "end"}:
                covered[value["start"] : value["end"]] = [True] * (value["end"] - value["start"])
            else:
                for item in value.values():
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(nato_rok.dumps(dataset)))
    wanted = [index for index, char in enumerate(text) if not char.isspace()]
    return sum(covered[index] for index in wanted) / len(wanted)


def test_every_sentence_is_anchored(new: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    """At least 97 % of the article's non-space characters fall inside some span."""
    share = _covered_share(new)
    with capsys.disabled():
        print(f"\nrelease 1.2.0 anchors {share:.1%} of the article's non-space characters")
    assert share >= 0.97
    assert _covered_share(nato_rok.load("1.1.0")) < 0.92  # what 1.1.0 left out


def test_reported_speech_has_its_own_records(new: Dataset) -> None:
    """Every quotation sits in a statement; the indirect ones are there; events are linked."""
    by_quote = {s.quote_id: s for s in new.statements if s.quote_id is not None}
    assert {quote.id for quote in new.quotes} == set(by_quote)
    for quote in new.quotes:
        statement = by_quote[quote.id]
        assert statement.span.start <= quote.span.start
        assert quote.span.end <= statement.span.end
    indirect = [s for s in new.statements if s.kind is nato_rok.StatementKind.INDIRECT]
    assert 5 == len(indirect)
    (lead,) = [s for s in new.statements if s.date is not None]
    assert datetime.date(2013, 4, 12) == lead.date
    assert lead.event_ids == ("event-partnership-intent",)
    reported = _event(new, "event-partnership-intent")
    assert DateBasis.REPORTED is reported.date_basis
    coded = {event_id for s in new.statements for event_id in s.event_ids}
    assert {"event-cooperation-proposal", "event-north-korea-call"} <= coded


def test_the_places_and_entities_the_article_names_have_records(new: Dataset) -> None:
    """Parwan, the Korean peninsula, the Trust Fund; Afghanistan as an area of cooperation."""
    kinds = {entity.name: entity.kind.value for entity in new.entities}
    assert {
        "Parwan": "place",
        "Korean peninsula": "region",
        "Afghan National Army Trust Fund": "fund",
    } == kinds
    area = new.record("cooperation-in-afghanistan")
    assert isinstance(area, nato_rok.CooperationArea)
    assert nato_rok.CooperationKind.EXISTING is area.kind
