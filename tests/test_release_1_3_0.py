"""The shipped data of release 1.3.0: a third expert read of 1.2.0, each finding a rule."""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import nato_rok
from nato_rok import Dataset, DateBasis, ReferenceKind, _cite, _codes, _resources
from nato_rok.export import croissant, plover, webannotation
from nato_rok.export._provenance import provenance
from nato_rok.export.datapackage import datapackage
from nato_rok.export.html import html_page
from nato_rok.export.jsonld import jsonld

from .test_release_1_2_0 import _covered_share

ROOT = Path(__file__).parent.parent
MANUAL = ROOT / "sources" / "reference" / "PLOVER_MANUAL.tex"
SG = "anders-fogh-rasmussen"


@pytest.fixture(scope="module")
def new() -> Dataset:
    """Return release 1.3.0."""
    return nato_rok.load("1.3.0")


def _event(dataset: Dataset, event_id: str) -> nato_rok.Event:
    event = dataset.record(event_id)
    assert isinstance(event, nato_rok.Event)
    return event


def _reference(dataset: Dataset, reference_id: str) -> nato_rok.Reference:
    reference = dataset.record(reference_id)
    assert isinstance(reference, nato_rok.Reference)
    return reference


def test_load_gives_1_3_0_and_keeps_the_older_releases_byte_for_byte(new: Dataset) -> None:
    """load() is 1.3.0; 1.0.0, 1.1.0 and 1.2.0 still dump to their shipped bytes and checksums."""
    assert new is nato_rok.load()
    assert ("1.0.0", "1.1.0", "1.2.0", "1.3.0") == nato_rok.versions()
    shipped = {
        "1.0.0": "8a4a737f0dcfd787fdf9f59f61606ce942af297f4f69805da6fa448f8e92f547",
        "1.1.0": "37d6eefaf8d45e2f62f9b28e026c37ee7d8a738934d9084edbdab759515e3f36",
        "1.2.0": "1d53d6a38702e53acdee92f8b19565109c74cb97c842a2d51e52bdb33ae55c94",
    }
    for version, digest in shipped.items():
        data = nato_rok.dumps(nato_rok.load(version)).encode("utf-8")
        assert _resources.read_data(f"nato-rok-{version}.json") == data
        assert digest == hashlib.sha256(data).hexdigest()


def test_the_whole_article_stays_anchored(new: Dataset) -> None:
    """Trimming the attributions moved words to their statements: coverage stays >= 99 %."""
    assert _covered_share(new) >= 0.99


def test_diff_from_1_2_0_lists_every_finding(new: Dataset) -> None:
    """nato-rok diff 1.2.0 1.3.0 names every record a finding changed, and nothing else."""
    changes = nato_rok.diff(nato_rok.load("1.2.0"), new).to_json()
    text = json.dumps(changes)
    for expected in (
        "event-prt-parwan",  # 1
        "mofa-press-2014-06-24",
        "koreaherald-2014-06-24",
        "event-talks-park-geun-hye",  # 2
        "ajunews-2013-04-12",
        "event-cooperation-proposal",  # 3
        "quote-north-korea-threat",  # 4
        "statement-same-challenges",
        "seoul",  # 5
        "asia-pacific-region",
        "event-meeting-kim-kwan-jin",  # 10
        "news1-2013-04-12-kim-kwan-jin",
        "event-ana-trust-fund",
        "event-afghanistan-cooperation-reciprocal",
    ):
        assert expected in text, expected
    assert 'talks-park-geun-hye"' not in text.replace('event-talks-park-geun-hye"', "")


# -- 1. what the article gives as going on is dated by the story --------------------------


def test_the_parwan_prt_is_going_on_at_the_story_date(new: Dataset) -> None:
    """'Are already working together ... have operated': not historical, dated by the story."""
    prt = _event(new, "event-prt-parwan")
    assert (False, DateBasis.STORY, datetime.date(2013, 4, 12)) == (
        prt.historical,
        prt.date_basis,
        prt.date,
    )
    assert prt.note is not None
    for reference_id in ("mofa-press-2014-06-24", "koreaherald-2014-06-24"):
        assert reference_id in prt.note
        reference = _reference(new, reference_id)
        assert reference.note is not None
        assert reference.note.startswith("External.")
        assert reference.url is not None
        assert "23 June 2014" in reference.note
    assert "July 2010" in _reference(new, "mofa-press-2014-06-24").note  # type: ignore[operator]


def test_new_references_carry_facts_not_text(new: Dataset) -> None:
    """The pages found for this release are cited for facts and dates, quoting none of them."""
    old = {reference.id for reference in nato_rok.load("1.2.0").references}
    added = [reference for reference in new.references if reference.id not in old]
    assert 4 == len(added)
    for reference in added:
        assert ReferenceKind.ARTICLE is reference.kind
        assert reference.excerpt is None
        assert reference.url is not None
        assert reference.url.startswith(("http://", "https://"))
        assert re.search(r"\b(19|20)\d\d\b", reference.publisher or ""), reference.id
        assert not re.search(r"\b(19|20)\d\d\b", reference.title), reference.id


# -- 2. an intent is coded only where someone states it ----------------------------------


def _intents(dataset: Dataset) -> list[nato_rok.Event]:
    return [
        event
        for event in dataset.events
        if (event.cameo is not None and event.cameo.code.startswith("03"))
        or (event.plover is not None and event.plover.event == "AGREE")
    ]


@pytest.mark.parametrize("version", ["1.3.0"])
def test_every_intent_rests_on_a_statement(version: str) -> None:
    """CAMEO 03 and PLOVER AGREE are verbal acts: each such event is a statement's event."""
    dataset = nato_rok.load(version)
    stated = {event_id for statement in dataset.statements for event_id in statement.event_ids}
    assert _intents(dataset)
    for event in _intents(dataset):
        assert event.id in stated, event.id


def test_the_1_2_0_talks_broke_the_intent_rule() -> None:
    """Release 1.2.0 coded the talks with President Park as 036 with no statement behind it."""
    old = nato_rok.load("1.2.0")
    stated = {event_id for statement in old.statements for event_id in statement.event_ids}
    assert "event-talks-park-geun-hye" in {e.id for e in _intents(old)} - stated


def test_the_talks_with_park_are_a_meeting_held_on_12_april(new: Dataset) -> None:
    """042 and CONSULT 'visit', dated 12 April 2013 by a Korean daily; the record keeps purpose."""
    talks = _event(new, "event-talks-park-geun-hye")
    assert talks.cameo is not None
    assert talks.plover is not None
    assert ("042", "CONSULT", "visit") == (talks.cameo.code, talks.plover.event, talks.plover.mode)
    assert ((SG,), ("park-geun-hye",)) == (talks.actor_ids, talks.recipient_ids)
    assert (datetime.date(2013, 4, 12), DateBasis.EXTERNAL, "ajunews-2013-04-12") == (
        talks.date,
        talks.date_basis,
        talks.date_reference_id,
    )
    meeting = new.record("talks-park-geun-hye")
    assert isinstance(meeting, nato_rok.Meeting)
    assert nato_rok.MeetingAttestation.PURPOSE is meeting.attested


# -- 3. a cooperative act is not counted as conflict ------------------------------------


def _plover_quads() -> dict[str, str]:
    """Return each PLOVER event type's quad category, as the manual's sections give it."""
    text = MANUAL.read_text(encoding="utf-8")
    quads, current = {}, None
    for line in text.splitlines():
        section = re.match(r"\\section\{([A-Z]+)\}", line)
        if section:
            current = section.group(1)
        quad = re.match(r"\\subsection\{Quad category: ([A-Z ]+)\}", line)
        if quad and current:
            quads[current] = quad.group(1)
    return quads


def _cameo_cooperative(code: str) -> bool:
    """CAMEO's roots 01-09 are cooperation (verbal 01-05, material 06-09); 10-20 conflict."""
    return int(code[:2]) < 10


@pytest.mark.parametrize("version", ["1.3.0"])
def test_no_cooperative_act_is_coded_in_a_plover_conflict_quad(version: str) -> None:
    """An event whose CAMEO code and every alternative are cooperation is PLOVER cooperation."""
    quads = _plover_quads()
    assert "VERBAL CONFLICT" == quads["REQUEST"]
    assert "VERBAL COOPERATION" == quads["AGREE"]
    for event in nato_rok.load(version).events:
        if event.cameo is None or event.plover is None:
            continue
        codes = (event.cameo.code, *event.cameo.alternatives)
        if all(_cameo_cooperative(code) for code in codes):
            assert "COOPERATION" in quads[event.plover.event], event.id


def test_the_proposal_is_agree_with_its_contexts(new: Dataset) -> None:
    """The suggestion of closer cooperation: CAMEO 0212 (alternative 0312), PLOVER AGREE."""
    proposal = _event(new, "event-cooperation-proposal")
    assert proposal.cameo is not None
    assert proposal.plover is not None
    assert ("0212", ("0312",)) == (proposal.cameo.code, proposal.cameo.alternatives)
    assert ("AGREE", None, ("military", "disasters")) == (
        proposal.plover.event,
        proposal.plover.mode,
        proposal.plover.contexts,
    )
    assert proposal.note is not None
    assert "verbal-conflict quad" in proposal.note


# -- 4. attributions hold source and cue only -------------------------------------------


def _sources(dataset: Dataset, speaker_id: str) -> set[str]:
    """Every way the article names a speaker: pronoun, role, name, with a title or article."""
    person = dataset.participant(speaker_id)
    cores = {person.role, person.name, *person.aliases}
    cores |= {f"{person.role} {name}" for name in (person.name, *person.aliases)}
    prefixes = ("", "the ", "The ", "Mr. ", f"{dataset.organization(person.affiliation_id).name} ")
    return {"he", "He", "she", "She"} | {prefix + core for prefix in prefixes for core in cores}


def _attributions(dataset: Dataset) -> list[tuple[str, str, nato_rok.Span]]:
    found = [(q.id, q.speaker_id, q.attribution_span) for q in dataset.quotes]
    return found + [(s.id, s.speaker_id, s.attribution_span) for s in dataset.statements]


@pytest.mark.parametrize("version", ["1.3.0"])
def test_every_attribution_is_source_and_cue(version: str) -> None:
    """PARC 3.0: an attribution is its source and its cue, in either order, and nothing else."""
    dataset = nato_rok.load(version)
    for record_id, speaker_id, span in _attributions(dataset):
        words = dataset.excerpt(span)
        sources = _sources(dataset, speaker_id)
        cue_last = re.fullmatch(r"(?P<source>.+) (?P<cue>[a-z]+)", words)
        cue_first = re.fullmatch(r"(?P<cue>[a-z]+) (?P<source>.+)", words)
        assert any(m and m["source"] in sources for m in (cue_last, cue_first)), (record_id, words)


def test_1_2_0_broke_the_attribution_rule() -> None:
    """'which he said', 'He said that': 1.2.0 had content and a date inside attributions."""
    old = nato_rok.load("1.2.0")
    broken = set()
    for record_id, speaker_id, span in _attributions(old):
        words, sources = old.excerpt(span), _sources(old, speaker_id)
        if not any(
            m and m["source"] in sources
            for m in (
                re.fullmatch(r"(?P<source>.+) (?P<cue>[a-z]+)", words),
                re.fullmatch(r"(?P<cue>[a-z]+) (?P<source>.+)", words),
            )
        ):
            broken.add(record_id)
    assert {"quote-north-korea-threat", "statement-same-challenges"} <= broken


def test_the_words_trimmed_from_attributions_stay_with_their_content(new: Dataset) -> None:
    """'that' opens the reported content: the statement's span, never left unanchored."""
    for statement_id in ("statement-same-challenges", "statement-asia-pacific"):
        statement = new.record(statement_id)
        assert isinstance(statement, nato_rok.Statement)
        assert new.excerpt(statement.span).startswith("that ")
        assert statement.attribution_span.end < statement.span.start


# -- 5. the places and regions the article names are entities ---------------------------


def _places_the_article_names(dataset: Dataset) -> set[str]:
    """Return the visit's place and every '... region' or '... peninsula' the article names."""
    text = dataset.source.text
    found = set(re.findall(r"(?:[A-Z][\w-]+ )+(?:region|peninsula)", text))
    return {dataset.visit.place, *(name.removeprefix("The ") for name in found)}


@pytest.mark.parametrize("version", ["1.3.0"])
def test_every_place_name_the_article_uses_is_an_entity_mention(version: str) -> None:
    """Each place and region name, at every place the article uses it, is an entity's mention."""
    dataset = nato_rok.load(version)
    by_name = {name: e for e in dataset.entities for name in (e.name, *e.aliases)}
    text = dataset.source.text
    assert {"Seoul", "Asia-Pacific region", "Korean peninsula"} <= _places_the_article_names(
        dataset
    )
    for name in _places_the_article_names(dataset):
        entity = by_name[name]
        mentioned = {(span.start, span.end) for span in entity.mentions}
        at = [m.start() for m in re.finditer(re.escape(name), text)]
        assert at
        assert {(start, start + len(name)) for start in at} <= mentioned, name
    for entity in dataset.entities:  # and each entity's every name, where it occurs
        for name in (entity.name, *entity.aliases):
            starts = {m.start() for m in re.finditer(re.escape(name), text)}
            assert starts <= {span.start for span in entity.mentions}, name


def test_1_2_0_left_seoul_and_the_asia_pacific_region_out() -> None:
    """The finding: release 1.2.0 has no entity for two place names it uses twice each."""
    old = nato_rok.load("1.2.0")
    names = {entity.name for entity in old.entities}
    assert {"Seoul", "Asia-Pacific region"} & names == set()


def test_seoul_lies_in_the_republic_of_korea(new: Dataset) -> None:
    """Seoul is a place within the host state; the Asia-Pacific region is a region."""
    kinds = {e.name: (e.kind.value, e.within_id) for e in new.entities}
    assert ("place", "republic-of-korea") == kinds["Seoul"]
    assert ("region", None) == kinds["Asia-Pacific region"]


# -- 10. dates from the sources, the aid by the codebook's own test ------------------------


def test_kim_kwan_jin_is_dated_by_a_source_that_gives_the_date(new: Dataset) -> None:
    """12 April 2013, one day, from a Korean report of that day (not NATO's news_99791)."""
    kim = _event(new, "event-meeting-kim-kwan-jin")
    assert (datetime.date(2013, 4, 12), None, "news1-2013-04-12-kim-kwan-jin") == (
        kim.date,
        kim.end_date,
        kim.date_reference_id,
    )
    assert "12 April 2013" in _reference(new, kim.date_reference_id).note  # type: ignore[arg-type,operator]


# The dates each reference establishes, with the words of its excerpt or note that give them.
_DATES_GIVEN = {
    "nato-news-99791": (("2013-04-11", "2013-04-13"), "from 11 to 13 April"),
    "mofa-enewsletter-126": (("2013-04-11",), "On April 11"),
    "ajunews-2013-04-12": (("2013-04-12",), "that day (12 April 2013)"),
    "news1-2013-04-12-kim-kwan-jin": (("2013-04-12",), "on 12 April 2013"),
}


def _uncredited_dates(dataset: Dataset) -> set[tuple[str, str]]:
    """Return each (event, date) whose date or end date its reference does not give."""
    found = set()
    for event in dataset.events:
        if event.date_basis is not DateBasis.EXTERNAL:
            continue
        assert event.date_reference_id is not None
        given, words = _DATES_GIVEN[event.date_reference_id]
        reference = _reference(dataset, event.date_reference_id)
        assert words in f"{reference.excerpt} {reference.note}", reference.id
        for day in (event.date, event.end_date):
            if day is not None and day.isoformat() not in given:
                found.add((event.id, day.isoformat()))
    return found


def test_an_end_date_is_never_credited_to_a_reference_that_lacks_it(new: Dataset) -> None:
    """Every date and end date of an externally dated event is one its reference gives."""
    assert set() == _uncredited_dates(new)


def test_the_kang_meeting_is_dated_by_the_story(new: Dataset) -> None:
    """No source dates the meeting: the story date, no end, the known range in the note only."""
    kang = _event(new, "event-meeting-kang-chang-hee")
    assert (datetime.date(2013, 4, 12), None, DateBasis.STORY, None) == (
        kang.date,
        kang.end_date,
        kang.date_basis,
        kang.date_reference_id,
    )
    assert kang.note is not None
    assert "11 or 12 April" in kang.note


def test_1_2_0_credited_news_99791_with_an_end_it_lacks() -> None:
    """Release 1.2.0 ended two meetings on 12 April, citing news_99791, which gives 11 to 13."""
    assert {
        ("event-meeting-kang-chang-hee", "2013-04-12"),
        ("event-meeting-kim-kwan-jin", "2013-04-12"),
    } == _uncredited_dates(nato_rok.load("1.2.0"))


def _credits(note: str, reference_ids: tuple[str, ...]) -> dict[str, str]:
    """Return what a note says after each reference id, up to the next one or the sentence's end."""
    pattern = "|".join(map(re.escape, reference_ids))
    found = {}
    for match in re.finditer(pattern, note):
        rest = note[match.end() :]
        stop = re.search(rf"{pattern}|\. ", rest)
        found[match.group()] = rest[: stop.start() if stop else len(rest)]
    return found


def test_july_2010_is_credited_to_the_ministry_alone(new: Dataset) -> None:
    """The Korea Herald gives only the end and 'four years': the month is the Ministry's."""
    prt = _event(new, "event-prt-parwan")
    assert prt.note is not None
    said = _credits(prt.note, ("mofa-press-2014-06-24", "koreaherald-2014-06-24"))
    assert "July 2010" in said["mofa-press-2014-06-24"]
    assert "July 2010" not in said["koreaherald-2014-06-24"]
    assert "23 June 2014" in said["koreaherald-2014-06-24"]
    herald = _reference(new, "koreaherald-2014-06-24")
    assert "July" not in f"{herald.title} {herald.note}"


def test_a_reference_note_speaks_of_its_own_release(new: Dataset) -> None:
    """A note about the data 'of release X' names the release it ships in (not an older one)."""
    for reference in new.references:
        named = set(re.findall(r"\bof release (\d+\.\d+\.\d+)", reference.note or ""))
        assert named <= {new.version}, reference.id
    goldstein = _reference(new, "gdelt-cameo-goldstein")
    assert "each CAMEO coding of this release" in (goldstein.note or "")


def test_1_2_0_goldstein_note_named_its_release_in_1_3_0() -> None:
    """The finding: 1.3.0 shipped the 1.2.0 note, which named release 1.2.0."""
    old = _reference(nato_rok.load("1.2.0"), "gdelt-cameo-goldstein")
    assert "coding of release 1.2.0" in (old.note or "")


def _cameo2plover_contexts() -> dict[str, set[str]]:
    """Return the contexts the CAMEO2PLOVER table gives each CAMEO code it translates."""
    table = ROOT / "sources" / "reference" / "CAMEO2PLOVER-2021.txt"
    found = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        row = re.match(r"(\d+):([^#]*)", line)
        if row:
            fields = [field.strip() for field in row.group(2).split(",")]
            found[row.group(1)] = set(fields[2].split()) if len(fields) > 2 else set()
    return found


@pytest.mark.parametrize("version", ["1.3.0"])
def test_a_context_the_table_gives_is_coded_or_the_note_says_why(version: str) -> None:
    """Dropping a context CAMEO2PLOVER gives a code is a departure the note states."""
    table = _cameo2plover_contexts()
    assert {"economic"} == table["071"]
    for event in nato_rok.load(version).events:
        if event.cameo is None or event.plover is None:
            continue
        if table.get(event.cameo.code, set()) - set(event.plover.contexts):
            assert "departure from the CAMEO2PLOVER table" in (event.note or ""), event.id


def test_the_shared_clause_is_told_apart_in_both_notes(new: Dataset) -> None:
    """'Have operated ... and provided': an ongoing operation vs a completed transfer, in both."""
    for event_id in ("event-prt-parwan", "event-ana-trust-fund"):
        note = _event(new, event_id).note or ""
        assert "'have operated ... and provided'" in note, event_id
        assert "ongoing operation" in note, event_id
        assert "completed transfer" in note, event_id


def test_financial_aid_is_economic_aid(new: Dataset) -> None:
    """'Financial aid' is 071 (monetary aid) with 072 the alternative; context military."""
    fund = _event(new, "event-ana-trust-fund")
    assert fund.cameo is not None
    assert fund.plover is not None
    table = _codes.tables(new.version).cameo_events
    assert (fund.cameo.code, fund.cameo.name) == ("071", table["071"].name)
    assert ("072",) == fund.cameo.alternatives
    assert ("military",) == fund.plover.contexts
    assert fund.historical
    assert DateBasis.UNKNOWN is fund.date_basis


def test_the_reciprocal_cooperation_is_coded_once_for_plover(new: Dataset) -> None:
    """COOPERATE requires a recipient: one PLOVER record, Korea -> NATO, the note says why."""
    one = _event(new, "event-afghanistan-cooperation")
    other = _event(new, "event-afghanistan-cooperation-reciprocal")
    assert one.plover is not None
    assert other.plover is None
    assert "Requires recipient: Yes" in (one.note or "")
    assert (("republic-of-korea",), ("nato",)) == (one.actor_ids, one.recipient_ids)


def _grade_fields(event: nato_rok.Event) -> tuple[object, ...]:
    """Return what a scorer grades an event on, beyond its spans."""
    cameo, plover_ = event.cameo, event.plover
    return (
        event.label,
        event.date,
        event.end_date,
        event.historical,
        cameo and (cameo.code, cameo.name, cameo.goldstein, cameo.alternatives),
        plover_ and (plover_.event, plover_.mode, plover_.contexts),
    )


def test_the_changelog_lists_every_grade_moving_change(new: Dataset) -> None:
    """Each event whose graded fields moved is named, with each Goldstein move as 'a -> b'."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    dataset_section = _flat(changelog.split("Release 1.3.0 corrects", 1)[1])
    dataset_section = dataset_section.split("Release 1.2.0 corrects", 1)[0]
    old = {event.id: event for event in nato_rok.load("1.2.0").events}
    moved = []
    for event in new.events:
        before = old.get(event.id)
        if before is None or _grade_fields(before) == _grade_fields(event):
            continue
        moved.append(event.id)
        assert f"`{event.id}`" in dataset_section, event.id
        if before.cameo and event.cameo and before.cameo.goldstein != event.cameo.goldstein:
            assert f"{before.cameo.goldstein} -> {event.cameo.goldstein}" in dataset_section
        if before.label != event.label:
            assert f'"{_flat(before.label)}" -> "{_flat(event.label)}"' in dataset_section
    assert "event-ana-trust-fund" in moved
    assert "event-talks-park-geun-hye" in moved


def test_the_datasheet_calls_the_plover_direction_a_convention() -> None:
    """The one PLOVER record of the mutual cooperation reads Korea -> NATO by convention."""
    datasheet = _flat((ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8"))
    assert "Korea -> NATO) is a convention" in datasheet
    assert "COOPERATE needs a recipient" in datasheet


# -- 6. every licence an export states is NOTICE's or LICENSE-DATA's ------------------------


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_text_terms_say_what_notice_says(new: Dataset) -> None:
    """Whose the text is, unchanged, acknowledged, not under nato-rok's licences: NOTICE's words."""
    notice = _flat((ROOT / "NOTICE").read_text(encoding="utf-8"))
    terms = _cite.text_terms(new)
    for claim, said in (
        ("is the work of NATO", "is the work of NATO"),
        ("reproduces it unchanged", "reproduced here, unchanged"),
        ("acknowledgement of NATO as its author and publisher", "acknowledgement of NATO as its "),
        ("not licensed under nato-rok's licences", "It is not licensed under the licences below"),
    ):
        assert claim in terms
        assert said in notice
    assert new.source.url is not None
    assert new.source.url in notice


def _licences(node: Any, path: str = "$") -> list[tuple[str, Any]]:
    """Return every licence-like field of a JSON document, with its path."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            if key in ("license", "licenses", "copyrightNotice", "coding_license"):
                found.append((where, value))
            found += _licences(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _licences(value, f"{path}[{index}]")
    return found


def _exports(dataset: Dataset) -> dict[str, Any]:
    return {
        "plover": [json.loads(line) for line in plover.jsonl(dataset).splitlines()],
        "croissant": croissant.metadata(dataset),
        "datapackage": datapackage(dataset),
        "jsonld": jsonld(dataset),
    }


def test_every_licence_field_matches_notice_or_license_data(new: Dataset) -> None:
    """Each is CC BY 4.0 (LICENSE-DATA, the annotations) or NATO's terms (NOTICE, the text)."""
    licence_data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in licence_data
    assert "https://creativecommons.org/licenses/by/4.0/" in licence_data
    assert "CC-BY-4.0" == new.license
    annotations = {new.license, "https://creativecommons.org/licenses/by/4.0/"}
    terms = _cite.text_terms(new)
    seen_text_terms = set()
    for name, document in _exports(new).items():
        fields = _licences(document)
        assert fields, name
        for where, value in fields:
            values = value if isinstance(value, list) else [value]
            for item in values:
                node = item if isinstance(item, dict) else {}
                said = node.get("description", node.get("title")) if node else item
                name_of = node.get("name")
                assert said in annotations | {terms} or name_of in annotations, (name, where)
                if said == terms:
                    seen_text_terms.add(name)
    # Every export that carries the article text says whose it is.
    assert {"plover", "croissant", "datapackage", "jsonld"} == seen_text_terms
    assert html.escape(terms) in html_page(new)
    assert webannotation.collection(new)["label"].endswith(terms)
    assert terms == provenance(new)["nato_rok.source_terms"]


def test_where_the_text_is_the_licence_is_the_texts(new: Dataset) -> None:
    """PLOVER's cite_info.license (the manual: 'license covering text') and source.csv's."""
    terms = _cite.text_terms(new)
    for record in plover.records(new):
        assert (terms, "NATO") == (record["cite_info"]["license"], record["cite_info"]["copyright"])
        assert new.license == record["coding_license"]
    files = {node["name"]: node for node in croissant.metadata(new)["distribution"]}
    assert terms == files["source.csv"]["license"]["description"]
    assert "license" not in files["quotes.csv"]
    (source,) = [r for r in datapackage(new)["resources"] if r["name"] == "source"]
    assert terms == source["licenses"][0]["title"]


# -- 9. statements that cannot go stale ---------------------------------------------------


def test_rai_limitations_are_written_from_the_release() -> None:
    """1.1.0 cites the project's issue tracker, 1.3.0 does not: the metadata says each."""
    old = croissant.metadata(nato_rok.load("1.1.0"))["rai:dataLimitations"]
    now = croissant.metadata(nato_rok.load())["rai:dataLimitations"]
    assert "cite only the project's issue tracker" in old
    assert "issue tracker" not in now
    assert "every fact from outside the article cites one of its 16 references" in now


def test_the_datasheet_describes_the_newest_release() -> None:
    """Its header names load()'s release; its CAMEO names are the codebook's, as the table says."""
    datasheet = (ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8")
    header = datasheet.split("## Motivation")[0]
    newest = nato_rok.load().version
    assert f"describes release {newest}" in _flat(header)
    assert f">>> nato_rok.load().version\n'{newest}'" in header
    names = json.loads(_resources.read_data("codes/cameo-1.2.0.json"))["sources"]["names"]
    assert "version 1.1b3" in names
    assert "CAMEO names come from GDELT" not in _flat(datasheet)
    assert "names from the CAMEO 1.1b3 codebook" in _flat(datasheet)


def test_a_release_without_references_says_nothing_comes_from_outside() -> None:
    """1.0.0 has no references: its limitations say no fact comes from outside the article."""
    limitations = croissant.metadata(nato_rok.load("1.0.0"))["rai:dataLimitations"]
    assert "no fact comes from outside the article" in limitations
