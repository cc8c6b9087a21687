"""nato_rok.score's inputs: format detection, anchoring text, and every refusal."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import nato_rok
from nato_rok.exceptions import (
    DatasetError,
    DocumentTooLargeError,
    MissingExtraError,
    PredictionError,
    PredictionFormatError,
    UnknownLabelError,
)
from nato_rok.export import plover, webannotation
from nato_rok.score import Report, agreement, score

DS = nato_rok.load()
TEXT = DS.source.text
EVENTS = plover.jsonl(DS).splitlines()
FIRST = json.loads(EVENTS[0])


def line(**item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)


def refused(data: str | bytes, task: str = "events", **options: Any) -> PredictionError:
    with pytest.raises(PredictionError) as caught:
        score({"coder.jsonl": data}, task=task, **options)
    return caught.value


# --- format detection -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "task", "expected"),
    [
        (EVENTS[0], "events", "plover"),
        ("date,source,target,code\n", "events", "cameo-csv"),
        ("date\tsource\ttarget\tcode\n", "events", "cameo-csv"),
        (line(start=0, end=4, label="nato"), "mentions", "spans"),
        (line(text="NATO", label="nato"), "mentions", "spans"),
        (json.dumps(webannotation.collection(DS), indent=2), "mentions", "webannotation"),
        (line(type="Annotation", target={}), "mentions", "webannotation"),
        ("", "events", "plover"),
        ("", "quotes", "spans"),
    ],
)
def test_the_format_is_detected_when_one_fits(content: str, task: str, expected: str) -> None:
    """Each format is told by its first line (or, for a JSON document, as a whole)."""
    try:
        result = score(content, task=task).results[0]
    except PredictionError:  # a document that fits but is refused later still was detected
        return
    assert expected == result.format


@pytest.mark.parametrize(
    "content",
    ["hello world\n", line(who="me", what="this"), "a,b,c\n1,2,3\n"],
)
def test_an_unknown_format_is_refused(content: str) -> None:
    """Neither JSON nor a CAMEO table, or keys no format has: the library's error."""
    error = refused(content)
    assert isinstance(error, PredictionFormatError)
    assert error.summary.startswith("coder.jsonl: unknown prediction format")


def test_a_format_that_does_not_carry_the_task_is_refused() -> None:
    """PLOVER records hold events, not quotations; an unknown --format name is refused."""
    with pytest.raises(PredictionFormatError, match="does not carry the task 'quotes'"):
        score(EVENTS[0], task="quotes")
    with pytest.raises(PredictionFormatError, match="no format is called 'xml'"):
        score(EVENTS[0], format="xml")
    with pytest.raises(PredictionFormatError, match="no task is called 'tags'"):
        score(EVENTS[0], task="tags")


# --- refusals, each naming the file, the line and the field -----------------


@pytest.mark.parametrize(
    ("bad", "path", "words"),
    [
        ('{"event": ["AGREE"], ', "coder.jsonl:2:$", "not JSON"),
        ("[1, 2]", "coder.jsonl:2:$", "expected a JSON object"),
        ('{"a": 1}, {"b": 2}', "coder.jsonl:2:$", "not JSON"),
        (line(**{**FIRST, "event": ["AGRE"]}), "coder.jsonl:2:$.event", "did you mean 'AGREE'"),
        (line(**{**FIRST, "event": []}), "coder.jsonl:2:$.event", "needs an event type"),
        (line(**{**FIRST, "event": [1]}), "coder.jsonl:2:$.event", "expected one string"),
        (line(**{**FIRST, "mode": ["visits"]}), "coder.jsonl:2:$.mode", "has no mode 'visits'"),
        (line(**{**FIRST, "cameo_code": "42"}), "coder.jsonl:2:$.cameo_code", "not a CAMEO"),
        (line(**{**FIRST, "goldstein": "x"}), "coder.jsonl:2:$.goldstein", "Goldstein"),
        (line(**{**FIRST, "goldstein": 11}), "coder.jsonl:2:$.goldstein", "Goldstein"),
        (line(**{k: v for k, v in FIRST.items() if k != "date"}), "coder.jsonl:2:$.date", "date"),
        (line(**{**FIRST, "date": "12 April"}), "coder.jsonl:2:$.date", "YYYY-MM-DD"),
        (line(**{**FIRST, "date": "2013-02-30"}), "coder.jsonl:2:$.date", "YYYY-MM-DD"),
        (line(**{**FIRST, "actor": []}), "coder.jsonl:2:$.actor", "list of entity"),
        (line(**{**FIRST, "context": "military"}), "coder.jsonl:2:$.context", "list of strings"),
        (line(**{**FIRST, "recipient": "KOR"}), "coder.jsonl:2:$.recipient", "list of entity"),
        (line(**{**FIRST, "actor": [7]}), "coder.jsonl:2:$.actor[0]", "entity object"),
        (line(**{**FIRST, "actor": [{"code": 7}]}), "coder.jsonl:2:$.actor[0]", "nato_rok_id"),
        (
            line(**{**FIRST, "actor": [{"nato_rok_id": 7}]}),
            "coder.jsonl:2:$.actor[0].nato_rok_id",
            "expected a record id",
        ),
        (
            line(**{**FIRST, "actor": [{"nato_rok_id": "anders-fogh"}]}),
            "coder.jsonl:2:$.actor[0].nato_rok_id",
            "did you mean 'anders-fogh-rasmussen'",
        ),
        (
            line(**{**FIRST, "actor": [{"code": "Korea"}]}),
            "coder.jsonl:2:$.actor[0].code",
            "not a CAMEO actor code",
        ),
        (
            line(**{**FIRST, "text_info": {"start": 0, "end": 99999}}),
            "coder.jsonl:2:$.text_info.start",
            "outside the article",
        ),
        (
            line(**{**FIRST, "text_info": {"start": 9, "end": 3}}),
            "coder.jsonl:2:$.text_info.end",
            "not after start",
        ),
        (
            line(**{**FIRST, "text_info": {"start": "9", "end": 3}}),
            "coder.jsonl:2:$.text_info",
            "integers",
        ),
    ],
)
def test_a_bad_plover_line_is_refused_by_line_and_field(bad: str, path: str, words: str) -> None:
    """Every problem names the file, the line and the field; nothing is coerced."""
    error = refused(EVENTS[0] + "\n" + bad + "\n")
    assert path == error.problems[0].path
    assert words in str(error)
    assert error.summary.startswith(path.rsplit(":", 1)[0] + ": ")


def test_unknown_codes_suggest_the_closest_valid_ones() -> None:
    """An unknown code or id is an UnknownLabelError (a LookupError) with suggestions."""
    error = refused(line(**{**FIRST, "event": ["CONSULTS"]}))
    assert isinstance(error, UnknownLabelError)
    assert isinstance(error, LookupError)
    assert "CONSULT" == error.suggestions[0]


def test_invalid_utf8_names_the_line() -> None:
    """Bytes that are not UTF-8 are refused with the line they are on."""
    error = refused(EVENTS[0].encode() + b"\n\xff\n")
    assert "coder.jsonl:2: invalid UTF-8 at byte" in error.summary


def test_an_oversized_file_is_refused_before_parsing() -> None:
    """The size guard of loads: nothing over max_size is parsed."""
    with pytest.raises(DocumentTooLargeError, match=r"coder\.jsonl is larger than the limit of 10"):
        score({"coder.jsonl": EVENTS[0]}, max_size=10)


@pytest.mark.parametrize(
    ("content", "path", "words"),
    [
        ("date,source,target\nx,y,z\n", "coder.jsonl:1:header", "the columns are"),
        ("date,source,target,code,x\n", "coder.jsonl:1:header", "not date, source"),
        ("date,source,target,code\n2013-04-12,nato,kor\n", "coder.jsonl:2:row", "3 cells"),
        ("date,source,target,code\n2013-04-12,nato,korea,042\n", "coder.jsonl:2:target", "korea"),
        ("date,source,target,code\n2013-04-12,NATO!,KOR,042\n", "coder.jsonl:2:source", "CAMEO"),
        # csv's field size limit is process-wide (frictionless raises it), so not a test case
        ('date,source,target,code\n2013-04-12,"NATO"x,KOR,042\n', "coder.jsonl:2:row", "not CSV"),
    ],
)
def test_a_bad_csv_row_is_refused(content: str, path: str, words: str) -> None:
    """The CSV needs its header; every cell is checked like a PLOVER field."""
    error = refused(content, format="cameo-csv")
    assert path == error.problems[0].path
    assert words in str(error)


def test_a_csv_of_codes_and_petrarch_dates_scores() -> None:
    """CAMEO actor codes stand for the records they code; YYYYMMDD dates are read."""
    rows = "date\tsource\ttarget\tcode\tgoldstein\n20130411\tIGOWSTNAT\tKORLEG\t042\t1.9\n"
    result = score(rows).results[0]
    assert 1 == result.level("dyad").tp
    assert 1 == result.level("cameo").tp
    assert result.goldstein_mae is not None


@pytest.mark.parametrize(
    ("task", "bad", "path", "words"),
    [
        ("mentions", line(start=0, end=4), "$.label", "give the record id or type"),
        ("mentions", line(start=0, end=4, label=3), "$.label", "expected a record id"),
        ("mentions", line(start=0, end=4, label="natto"), "$.label", "did you mean 'nato'"),
        ("mentions", line(start=0, end=4, label="event-visit"), "$.label", "neither"),
        ("mentions", line(start=0, end=4, label="nato", x=1), "$.x", "unknown field"),
        ("mentions", line(start=0, label="nato"), "$.end", "give start and end"),
        ("mentions", line(end=4, label="nato"), "$.start", "give start and end"),
        ("mentions", line(start=0.0, end=4, label="nato"), "$.start", "integer offset"),
        ("mentions", line(start=-1, end=4, label="nato"), "$.start", "outside the article"),
        ("mentions", line(start=0, end=10**6, label="nato"), "$.start", "outside the article"),
        ("mentions", line(start=9, end=3, label="nato"), "$.end", "not after start"),
        ("mentions", line(label="nato"), "$", "give start and end, or text"),
        ("mentions", line(text=" ", label="nato"), "$.text", "non-empty string"),
        ("mentions", line(text="NATO", prefix=1, label="nato"), "$.prefix", "strings"),
        ("quotes", line(start=0, end=4), "$.speaker", "give the speaker"),
        ("quotes", line(start=0, end=4, speaker=""), "$.speaker", "participant's id or name"),
        ("quotes", line(start=0, end=4, speaker="Rasmusen"), "$.speaker", "no participant"),
        ("quotes", line(start=0, end=4, speaker="park-guen-hye"), "$.speaker", "no participant"),
        ("statements", line(start=0, end=4, speaker="park-geun-hye", kind="x"), "$.kind", "one of"),
        ("statements", line(start=0, end=4, speaker="park-geun-hye", cue=3), "$.cue", "object"),
        (
            "statements",
            line(start=0, end=4, speaker="park-geun-hye", cue={"start": 5, "end": 2}),
            "$.cue.end",
            "not after start",
        ),
    ],
)
def test_a_bad_span_line_is_refused(task: str, bad: str, path: str, words: str) -> None:
    """Every problem of a span line names the file, the line and the field."""
    error = refused(bad + "\n", task=task, format="spans")
    assert f"coder.jsonl:1:{path}" == error.problems[0].path
    assert words in str(error)


def test_speakers_are_found_by_name_or_alias() -> None:
    """A speaker may be given as the article spells the name."""
    quote = DS.quotes[0]
    by_name = line(start=quote.span.start, end=quote.span.end, speaker="Fogh Rasmussen")
    result = score(by_name, task="quotes").results[0]
    assert 1 == result.level("strict").tp


# --- text anchored as TextQuoteSelector is ----------------------------------


def test_text_is_anchored_exactly_then_normalised() -> None:
    """Straight quotes, ASCII dashes and collapsed spaces still find the article's text."""
    quote = DS.quotes[0]
    plain = quote.text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    plain = plain.replace("\u2013", "-").replace("\u2014", "-").replace(" ", "  ")
    result = score(line(text=plain, speaker=quote.speaker_id), task="quotes").results[0]
    assert 1 == result.level("strict").tp


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Republic of Korea", "not anchored: the text is in"),
        ("Republic of Narnia", "not anchored: the text is not in the article"),
    ],
)
def test_ambiguous_or_absent_text_is_a_reported_miss(text: str, reason: str) -> None:
    """Text found in several places, or nowhere, is never guessed: a false alarm, said."""
    result = score(line(text=text, label="republic-of-korea"), task="mentions").results[0]
    assert 1 == result.level("strict").fp
    assert result.false_alarms[0].reason.startswith(reason)
    assert result.false_alarms[0].start is None


def test_prefix_and_suffix_tell_repeated_text_apart() -> None:
    """As in a TextQuoteSelector, the context picks one of several places."""
    span = DS.organization("republic-of-korea").mentions[1]
    item = line(
        text=TEXT[span.start : span.end],
        prefix=TEXT[span.start - 20 : span.start],
        suffix=TEXT[span.end : span.end + 20],
        label="republic-of-korea",
    )
    result = score(item, task="mentions").results[0]
    assert 1 == result.level("strict").tp


def test_duplicates_are_false_alarms_and_said() -> None:
    """A prediction repeated is counted once as a hit, then as a false alarm."""
    result = score("\n".join([EVENTS[0], EVENTS[0]])).results[0]
    assert 1 == result.duplicates
    assert "duplicate of line 1" == result.false_alarms[0].reason
    spans = line(start=0, end=4, label="nato")
    mentions = score("\n".join([spans, spans]), task="mentions").results[0]
    assert 1 == mentions.duplicates
    assert "duplicate of line 1" == mentions.false_alarms[-1].reason


# --- Web Annotations that are not the export's -------------------------------


def annotation(body: Any, **selector: Any) -> dict[str, Any]:
    return {
        "type": "Annotation",
        "body": body,
        "target": {"source": "x", "selector": [{"type": "TextPositionSelector", **selector}]},
    }


def test_plain_web_annotations_are_read() -> None:
    """A list, a page or JSON Lines of annotations; labels by tag or by identifying body."""
    span = DS.participant("park-geun-hye").mentions[0]
    tagged = annotation(
        [{"type": "TextualBody", "purpose": "tagging", "value": "participant"}, "plain"],
        start=span.start,
        end=span.end,
    )
    page = {"type": "AnnotationPage", "items": [tagged]}
    for content in (json.dumps([tagged]), json.dumps(page), json.dumps(tagged) + "\n"):
        result = score(content, task="mentions", format="webannotation").results[0]
        assert 1 == result.level("strict").tp
    quote = DS.quotes[0]
    by_speaker = annotation(
        {"type": "SpecificResource", "source": f"urn:nato-rok:{quote.speaker_id}"},
        start=quote.span.start,
        end=quote.span.end,
    )
    result = score(json.dumps([by_speaker]), task="quotes").results[0]
    assert 1 == result.level("strict").tp
    by_tag = annotation(
        {"type": "TextualBody", "purpose": "tagging", "value": quote.speaker_id},
        start=quote.span.start,
        end=quote.span.end,
    )
    assert 1 == score(json.dumps([by_tag]), task="quotes").results[0].level("strict").tp


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[1]", "an annotation must be an object"),
        ('"x"', "expected an annotation collection"),
        (json.dumps([{"type": "Annotation", "target": 3}]), "expected a target"),
        (json.dumps([{"type": "Annotation", "target": {"selector": []}}]), "no TextPosition"),
        (
            json.dumps([annotation({"source": "urn:nato-rok:natto"}, start=0, end=4)]),
            "did you mean 'nato'",
        ),
    ],
)
def test_bad_web_annotations_are_refused(content: str, words: str) -> None:
    """Each annotation needs a target with a selector, and known ids."""
    error = refused(content, task="mentions", format="webannotation")
    assert words in str(error)


# --- matching, diagnostics, agreement, the extra ------------------------------


def test_false_alarms_say_what_they_nearly_matched() -> None:
    """An event crowded out by a closer prediction names the gold event it came near."""
    rows = ["date,source,target,code", ",afghanistan,,070", ",afghanistan,,072"]
    rows += ["20130101,afghanistan,,190", "20130101,USA,,190"]
    result = score("\n".join(rows), format="cameo-csv").results[0]
    reasons = {d.line: d.reason for d in result.false_alarms}
    assert reasons[4].startswith("nearest gold event event-")
    assert "shares no party with any gold event" == reasons[5]
    misses = {d.record_id: d.reason for d in result.misses}
    assert "no prediction matches it" in misses.values()


def test_a_matched_event_that_differs_says_where() -> None:
    """A matched but imperfect event is a miss that lists the levels it fails."""
    result = score(line(**{**FIRST, "cameo_code": "031", "date": "2013-04-13"})).results[0]
    found = next(d for d in result.misses if d.line == 1)
    assert "matched, but differs at cameo, cameo_base, date" == found.reason


def test_span_diagnostics_name_boundaries_and_labels() -> None:
    """A near-miss span says which boundary or label differs."""
    span = DS.participant("park-geun-hye").mentions[0]
    near = line(start=span.start, end=span.end + 1, label="nato")
    result = score(near, task="mentions").results[0]
    miss = next(d for d in result.misses if d.record_id == "park-geun-hye")
    assert f"boundaries {span.start}..{span.end + 1}" in miss.reason
    assert "label nato" in miss.reason
    assert result.false_alarms[0].reason.startswith("nearly park-geun-hye")
    alone = score(line(start=0, end=2, label="nato"), task="mentions").results[0]
    assert "overlaps no gold span left unmatched" == alone.false_alarms[0].reason


def test_agreement_between_releases_gives_kappa() -> None:
    """One release's coding scored against another's, with Cohen's kappa per field."""
    report = agreement("1.2.0", "1.1.0")
    result = report.results[0]
    assert "release 1.1.0" == result.file
    assert {"cameo", "cameo_root", "quad_class", "plover_event", "plover_event_mode"} == {
        a.field for a in result.agreement
    }
    assert all(a.kappa is None or -1.0 <= a.kappa <= 1.0 for a in result.agreement)
    same = agreement("1.2.0", "1.2.0").results[0]
    assert all(level.f1 == 1.0 for level in same.levels)
    spans = agreement("1.2.0", "1.1.0", task="quotes").results[0]
    assert 1.0 == spans.level("strict").recall


def test_kappa_is_undefined_when_one_category_is_certain() -> None:
    """Two releases that code every matched event alike in one category: kappa None."""
    from nato_rok.score import _match

    assert _match.kappa([]) is None
    assert _match.kappa([("a", "a"), ("a", "a")]) is None
    assert 1.0 == _match.kappa([("a", "a"), ("b", "b")])


def test_levels_are_looked_up_by_name() -> None:
    """FileScore.level names the levels there are when asked for another."""
    result = score(EVENTS[0]).results[0]
    with pytest.raises(KeyError, match="no level 'strict'; the levels are cameo"):
        result.level("strict")


def test_the_json_shape_is_versioned() -> None:
    """to_json gives the documented shape, score_version 1."""
    shape = score({"a.jsonl": EVENTS[0]}).to_json()
    assert 1 == shape["score_version"]
    assert {"precision", "recall", "f1", "tp", "fp", "fn", "partial"} == set(
        shape["results"][0]["levels"]["cameo"]
    )
    assert "a.jsonl" == shape["results"][0]["file"]


def test_without_scipy_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """MissingExtraError (a DatasetError and an ImportError) names nato-rok[score]."""
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "scipy" else real(name, *a)
    )
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[score\]'") as caught:
        score(EVENTS[0])
    assert isinstance(caught.value, (DatasetError, ImportError))
    with pytest.raises(MissingExtraError):
        agreement(None, "1.1.0")


def test_a_report_renders_a_leaderboard_for_several_files() -> None:
    """Several files: one row each, F1 by level."""
    report: Report = score({"a.jsonl": EVENTS[0], "b.jsonl": "\n".join(EVENTS)})
    table = report.to_text()
    assert table.splitlines()[1].startswith("file (F1)")
    assert table.splitlines()[3].startswith("b.jsonl ")


def test_blank_lines_and_null_recipients_are_read() -> None:
    """Blank lines are skipped; a null recipient list is no recipient."""
    lonely = line(**{**FIRST, "recipient": None})
    result = score("\n\n" + EVENTS[1] + "\n\n" + lonely + "\n").results[0]
    assert 2 == result.level("plover_event").tp + result.level("plover_event").fp
    rows = "date,source,target,code\n\n20130411,IGOWSTNAT,KORLEG,042\n"
    assert 1 == score(rows).results[0].level("cameo").tp


def test_a_numeric_cameo_code_is_refused() -> None:
    """A CAMEO code is a string of digits: 42 (a number) is refused, not coerced."""
    error = refused(line(**{**FIRST, "cameo_code": 42}))
    assert "coder.jsonl:1:$.cameo_code" == error.problems[0].path


def test_a_plover_only_coder_is_scored_on_plover() -> None:
    """Without CAMEO codes, the CAMEO levels count no prediction (and no Goldstein pair)."""
    result = score(line(**{**FIRST, "cameo_code": None, "goldstein": None})).results[0]
    assert (1, 0) == (result.level("plover_event").tp, result.level("cameo").fp)
    assert result.goldstein_mae is None


def test_the_nearer_date_wins_the_match() -> None:
    """Two predictions alike but for their date: the one on the gold's date is matched."""
    wrong_day = line(**{**FIRST, "date": "2013-04-20"})
    result = score("\n".join([wrong_day, EVENTS[0]])).results[0]
    hit = next(d for d in result.hits if d.record_id == json.loads(EVENTS[0])["id"][15:])
    assert 2 == hit.line


def test_quote_selectors_and_json_lines_of_annotations() -> None:
    """A TextQuoteSelector alone is anchored; one annotation a line is JSON Lines."""
    span = DS.participant("park-geun-hye").mentions[0]
    quoted = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "park-geun-hye"},
        "target": {
            "selector": [
                {"type": "FragmentSelector", "value": "x"},
                {"type": "TextQuoteSelector", "exact": TEXT[span.start : span.end]},
            ]
        },
    }
    lines = json.dumps(quoted) + "\n" + json.dumps(quoted) + "\n"
    result = score(lines, task="mentions", format="webannotation").results[0]
    assert 1 == result.level("strict").tp
    assert 1 == result.duplicates


def test_the_table_says_duplicates() -> None:
    """The terminal table counts duplicates beside the misses and false alarms."""
    text = score("\n".join([EVENTS[0], EVENTS[0]])).to_text()
    assert "1 duplicate prediction(s), counted as false alarms" in text


def test_other_contexts_lose_plover_context_only() -> None:
    """A PLOVER record with other contexts keeps every level but plover_context."""
    other = line(**{**FIRST, "context": ["cbrn"]})
    result = score(other).results[0]
    assert 0 == result.level("plover_context").tp
    assert 1 == result.level("plover_event_mode").tp == result.level("cameo").tp


def test_the_plover_event_types_are_the_manual_s_sections() -> None:
    """PLOVER_EVENTS lists the event categories of the shipped manual, in its order."""
    import re
    from pathlib import Path

    from nato_rok.score._read_events import PLOVER_EVENTS

    manual = Path(__file__).parent.parent / "sources" / "reference" / "PLOVER_MANUAL.tex"
    sections = re.findall(r"^\\section\{([A-Z]+)\}$", manual.read_text("utf-8"), flags=re.M)
    assert tuple(sections) == PLOVER_EVENTS


def _categories(dataset: nato_rok.Dataset, task: str) -> dict[str, list[str]]:
    """Return the values each kappa field takes over a release's records, one per span."""
    if task == "mentions":
        kinds = (
            ("participant", dataset.participants),
            ("organization", dataset.organizations),
            ("entity", dataset.entities),
        )
        spans = [(kind, r.id) for kind, records in kinds for r in records for _ in r.mentions]
        return {"type": [k for k, _ in spans], "record": [i for _, i in spans]}
    if task == "quotes":
        return {"speaker": [q.speaker_id for q in dataset.quotes]}
    return {
        "speaker": [s.speaker_id for s in dataset.statements],
        "kind": [s.kind.value for s in dataset.statements],
    }


@given(st.sampled_from(nato_rok.versions()), st.sampled_from(("mentions", "quotes", "statements")))
@settings(max_examples=15, deadline=None)
def test_a_release_agrees_with_itself_on_every_span_field(version: str, task: str) -> None:
    """Against itself, kappa is 1.0 where a field varies and None where it takes one value."""
    result = agreement(version, version, task=task).results[0]
    expected = _categories(nato_rok.load(version), task)
    assert list(expected) == [a.field for a in result.agreement]
    for a in result.agreement:
        values = expected[a.field]
        assert len(values) == a.pairs
        assert (1.0 if len(set(values)) > 1 else None) == a.kappa


def _cohen(first: list[str], second: list[str]) -> float:
    """Return Cohen's kappa, written out independently: (p_o - p_e) / (1 - p_e)."""
    n = len(first)
    p_o = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p_e = sum(first.count(c) * second.count(c) for c in set(first) | set(second)) / n / n
    return (p_o - p_e) / (1 - p_e)


def test_span_kappa_of_a_small_case_is_cohens() -> None:
    """Four matched statements, one kind and one speaker changed: kappa as by hand."""
    from nato_rok.score import _score
    from nato_rok.score._items import SpanItem

    def spans(speakers: str, kinds: list[str]) -> list[SpanItem]:
        return [
            SpanItem(None, f"s{n}", 10 * n, 10 * n + 5, frozenset((who,)), kind, (0, 1))
            for n, (who, kind) in enumerate(zip(speakers, kinds, strict=True))
        ]

    gold_kinds = ["direct", "direct", "indirect", "indirect"]
    their_kinds = ["direct", "indirect", "indirect", "indirect"]
    gold, theirs = spans("aabb", gold_kinds), spans("aaba", their_kinds)
    fields = {f: _score.SPAN_FIELDS[f] for f in _score.SPAN_KAPPA_FIELDS["statements"]}
    result = _score._spans("r", "release", gold, theirs, fields)
    kappas = {a.field: a.kappa for a in result.agreement}
    assert 0.5 == pytest.approx(_cohen(gold_kinds, their_kinds))  # (3/4 - 1/2) / (1 - 1/2)
    assert _cohen(gold_kinds, their_kinds) == pytest.approx(kappas["kind"])
    assert _cohen(list("aabb"), list("aaba")) == pytest.approx(kappas["speaker"])
    assert {"speaker": 4, "kind": 4} == {a.field: a.pairs for a in result.agreement}


def test_mention_kappa_reads_the_type_and_the_record() -> None:
    """Mentions: the type is the label that names a record type; the record, the id."""
    from nato_rok.score import _score
    from nato_rok.score._items import SpanItem

    item = SpanItem(None, "nato", 0, 4, frozenset(("nato", "organization")))
    assert "organization" == _score.SPAN_FIELDS["type"](item)
    assert "nato" == _score.SPAN_FIELDS["record"](item)
    assert _score.SPAN_FIELDS["type"](item._replace(labels=frozenset(("nato",)))) is None
