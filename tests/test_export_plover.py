"""PLOVER JSON Lines: valid under a JSON Schema written from the manual's "PLOVER JSON" table."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import nato_rok
from nato_rok._codes import tables as code_tables
from nato_rok.exceptions import RecordNotFoundError
from nato_rok.export import plover

from .test_export_safe import _with_source_url

#: The PLOVER manual as shipped in the project's reference folder.
MANUAL = Path(__file__).parent.parent / "sources" / "reference" / "PLOVER_MANUAL.tex"


def _manual_sectors() -> list[str]:
    """Return the codes of the manual's sector table ("Sector Codes"), read from the manual."""
    text = MANUAL.read_text(encoding="utf-8")
    start = text.index("\\caption{Sector Codes}")
    table = text[start : text.index("\\end{longtable}", start)]
    return sorted(set(re.findall(r"^\s*([A-Z]{3}) & ", table, flags=re.MULTILINE)))


SECTORS = _manual_sectors()
_SECTOR_ALTERNATION = "|".join(SECTORS)

_TEXT = {"type": "string"}
_DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_LIST = {"type": ["array", "null"], "items": _TEXT}

#: The entity object (the manual's "Information object for entities"); other named fields allowed.
ENTITY = {
    "type": "object",
    "properties": {
        "code": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
        # A code of the manual's sector table, never a CAMEO code such as WSTNAT.
        "sector": {"enum": SECTORS},
        # The manual's secondary sector field ("Country Names and Sector Codes").
        "other_sector_codes": {
            "type": "string",
            "pattern": f"^({_SECTOR_ALTERNATION})( ({_SECTOR_ALTERNATION}))*$",
        },
        "entity_text": _TEXT,
        "identifier_id": _TEXT,
        "identifier_text": _TEXT,
        "religion": _TEXT,
        "ethnicity": _TEXT,
        "office": _TEXT,
        "gender": _TEXT,
        "age": {"type": "integer"},
    },
}

#: The "PLOVER JSON" table of the PLOVER manual: names, contents and which are required.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "date", "actor", "event"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "has_event": {"type": "boolean"},
        "date": _DATE,
        "time": _TEXT,
        "enddate": {"anyOf": [_DATE, {"type": "null"}]},
        "endtime": _TEXT,
        "actor": {"type": "array", "items": ENTITY, "minItems": 1},
        "recipient": {"type": "array", "items": ENTITY},
        "event": {"type": "array", "items": _TEXT, "minItems": 1},
        "event_loc": {"type": "object"},
        "event_text": _LIST,
        "quad_code": {"enum": [1, 2, 3, 4]},
        "event_scale": {"type": "number"},
        "mode": _LIST,
        "context": _LIST,
        "link": {"type": ["string", "null"]},
        "text": {"type": ["string", "null"]},
        "text_info": {
            "type": "object",
            "properties": {
                "sequence": {"type": "integer"},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "text_story": {"type": "array", "items": _TEXT},
            },
            "additionalProperties": False,
        },
        "cite_info": {
            "type": "object",
            "properties": dict.fromkeys(
                (
                    "corpus",
                    "citation",
                    "url",
                    "title",
                    "publication",
                    "license",
                    "copyright",
                    "coder",
                    "codebook",
                    "version",
                ),
                _TEXT,
            )
            | {"language": {"type": "string", "pattern": "^[a-z]{2}$"}},
            "additionalProperties": False,
        },
        "coder": {"type": ["string", "null"]},
        "coded_date": _DATE,
        "coded_time": _TEXT,
        "comment": {"type": ["string", "null"]},
    },
}


def _lines(dataset: nato_rok.Dataset) -> list[dict[str, Any]]:
    text = plover.jsonl(dataset)
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_the_schema_is_a_valid_json_schema() -> None:
    """The schema the records are checked with is itself well formed."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_record_is_valid_plover_json(version: str) -> None:
    """One strict JSON object a line, each valid under the manual's table."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in _lines(nato_rok.load(version)):
        assert [] == [error.message for error in validator.iter_errors(record)], record["id"]


def test_one_record_per_coded_dated_event_with_known_codes() -> None:
    """Coded, dated events only; PLOVER types and modes from the code table; links resolve."""
    dataset = nato_rok.load()
    records = _lines(dataset)
    wanted = [e for e in dataset.events if e.plover is not None and e.date is not None]
    assert len(wanted) == len(records)
    ids = {record["id"] for record in records}
    assert len(records) == len(ids)
    table = code_tables()
    for event, record in zip(wanted, records, strict=True):
        assert event.plover is not None
        assert [event.plover.event] == record["event"]
        assert record["event"][0] in table.plover_modes
        assert set(record["mode"] or ()) <= table.plover_modes[record["event"][0]]
        assert record["link"] is None or record["link"] in ids
        assert [dataset.excerpt(span) for span in event.spans] == record["event_text"]
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert dataset.source.text[start:end] == record["text"]
        assert all(excerpt in record["text"] for excerpt in record["event_text"])


def test_entities_carry_country_and_sector() -> None:
    """A person takes the code of the body they serve and their own CAMEO sector."""
    # Release 1.1.0 has an organization as an actor and a person as a recipient.
    records = {record["id"]: record for record in _lines(nato_rok.load("1.1.0"))}
    talks = records["nato-rok-1.1.0-event-talks-park-geun-hye"]
    assert [{"code": "KOR", "sector": "GOV"}] == [
        {key: entity[key] for key in ("code", "sector")} for entity in talks["recipient"]
    ]
    visit = records["nato-rok-1.1.0-event-visit"]
    # The manual has no sector for an intergovernmental organization: CAMEO's
    # IGOWSTNAT stays whole in the named extra field, and no sector is made up.
    (secretary_general,) = visit["actor"]
    assert ("IGO", "IGOWSTNAT") == (
        secretary_general["code"],
        secretary_general["cameo_actor_code"],
    )
    assert "sector" not in secretary_general
    assert ("042", 1.9) == (visit["cameo_code"], visit["goldstein"])


def test_the_manuals_sector_table_is_read_whole() -> None:
    """The table read from the manual holds its frequent and its rarer codes, not WSTNAT."""
    assert {"GOV", "LEG", "MIL", "COP", "SOC", "JRN"} <= set(SECTORS)
    assert "WSTNAT" not in SECTORS
    assert set(SECTORS) == plover.SECTORS


def test_a_defence_minister_keeps_both_sectors() -> None:
    """Kim Kwan-jin is GOV and MIL (1.2.0): the second sector is the manual's secondary field."""
    records = {record["id"]: record for record in _lines(nato_rok.load("1.2.0"))}
    (kim,) = records["nato-rok-1.2.0-event-meeting-kim-kwan-jin"]["recipient"]
    assert ("KOR", "GOV", "MIL") == (kim["code"], kim["sector"], kim["other_sector_codes"])
    assert "KORGOVMIL" == kim["cameo_actor_code"]


def test_an_actor_that_is_no_party_is_refused() -> None:
    """An event whose actor is, say, a meeting: an error, not a made-up entity."""
    dataset = nato_rok.load()
    bad = attrs.evolve(dataset.events[0], actor_ids=(dataset.meetings[0].id,))
    with pytest.raises(RecordNotFoundError, match="no organization or participant"):
        plover.jsonl(attrs.evolve(dataset, events=(bad,)))


def test_a_hostile_url_is_left_out_of_the_citation() -> None:
    """cite_info.url is written only for a web URL."""
    records = _lines(_with_source_url("javascript:alert(1)"))
    assert records
    assert all("url" not in record["cite_info"] for record in records)


def test_the_format_writes_the_same_lines() -> None:
    """The registered format's content is jsonl()."""
    dataset = nato_rok.load()
    assert plover.jsonl(dataset) == plover.FORMAT.content(dataset)


def test_a_body_without_a_cameo_code_has_no_code_sector_or_cameo_actor_code() -> None:
    """The Security Council has no CAMEO actor code: its entity says so, nothing is made up."""
    dataset = nato_rok.load()
    event = next(e for e in dataset.events if e.plover is not None and e.date is not None)
    odd = attrs.evolve(event, recipient_ids=("united-nations-security-council",))
    (record,) = plover.records(attrs.evolve(dataset, events=(odd,)))
    (entity,) = record["recipient"]
    assert {
        "code": None,
        "entity_text": "United Nations Security Council",
        "nato_rok_id": "united-nations-security-council",
    } == entity


def test_cameo_sectors_the_manual_renames_or_lacks() -> None:
    """CAMEO's MED (media) is PLOVER's JRN, HLH (health) is MED; a code PLOVER lacks is dropped."""
    dataset = nato_rok.load()
    event = next(e for e in dataset.events if e.plover is not None and e.date is not None)
    person = dataset.participant("yun-byung-se")
    codes = tuple(attrs.evolve(person.codes[0], code=code) for code in ("MED", "HLH", "IGO", "GOV"))
    odd_person = attrs.evolve(person, codes=codes)
    participants = tuple(odd_person if p.id == person.id else p for p in dataset.participants)
    odd = attrs.evolve(event, recipient_ids=(person.id,))
    (record,) = plover.records(attrs.evolve(dataset, events=(odd,), participants=participants))
    (entity,) = record["recipient"]
    assert ("JRN", "MED GOV") == (entity["sector"], entity["other_sector_codes"])
    assert "KORMEDHLHIGOGOV" == entity["cameo_actor_code"]
