"""PLOVER records as JSON Lines, to concatenate with POLECAT and other PLOVER data.

    nato-rok export --format plover --out nato-rok.plover.jsonl

writes one JSON object a line for each PLOVER-coded event that has a date,
with the field names and shapes of the "PLOVER JSON" table of the PLOVER
manual: ``id``, ``date``, ``enddate``, ``actor`` and ``recipient`` (lists of
entity objects), ``event``, ``mode`` and ``context`` (lists, or ``null``
when there is none), ``event_text`` (the article's excerpts the event rests
on), ``link`` (the record of the event this one is part of), ``text`` (the
passage of the article that covers them) with its ``text_info`` offsets,
``cite_info``, ``coder`` and ``comment`` (the coder's note). The CAMEO code
and its Goldstein weight follow as extra named fields, ``cameo_code`` and
``goldstein``, and the licence of the coding, ``coding_license``, as the
manual invites providers to add.

``cite_info.license`` is, as the manual defines it, the licence covering the
*text*: the article is NATO's and is not under nato-rok's licences, so the
field says whose it is and on what terms it is reproduced (as NOTICE does),
and ``cite_info.copyright`` names NATO. The licence of the coding itself,
the dataset's (CC BY 4.0), is the extra field ``coding_license``.

An entity's ``code`` is the three-letter head of its CAMEO actor code (the
country, or ``IGO``). Its ``sector`` is a code of the manual's sector table
(:data:`SECTORS`): a person's CAMEO sector codes carry over where the manual
has them (``GOV``, ``LEG``, ``MIL``; a second one goes to
``other_sector_codes``); an organization, and a person with no CAMEO sector,
have none (the manual has no sector for an intergovernmental organization
such as NATO, so the Secretary General has none either). The CAMEO actor
code is kept whole in the extra field ``cameo_actor_code``: the
organization's code (``IGOWSTNAT``, ``KOR``) followed by the person's CAMEO
sectors (``KORGOVMIL``). A person takes the code of the organization they
serve. ``entity_text`` is the standard name, and ``nato_rok_id`` the
record's id.

Left out: events without a PLOVER coding, and events whose date is unknown
(PLOVER requires a date); both stay in the tables and the JSON document.

    >>> import json, nato_rok
    >>> from nato_rok.export import plover
    >>> first = json.loads(plover.jsonl(nato_rok.load("1.1.0")).splitlines()[0])
    >>> first["event"], first["mode"], first["actor"][0]["code"]
    (['CONSULT'], ['visit'], 'IGO')
    >>> first["actor"][0]["cameo_actor_code"], "sector" in first["actor"][0]
    ('IGOWSTNAT', False)

.. versionadded:: 1.2.0
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

from nato_rok import _cite
from nato_rok.dataset import Dataset
from nato_rok.events import Event, PloverCoding
from nato_rok.exceptions import RecordNotFoundError
from nato_rok.export._format import Format, dump_text
from nato_rok.export._safe import web_url
from nato_rok.external import ActorCode, CodeScheme
from nato_rok.model import Organization, Participant

__all__ = ["CODER", "FORMAT", "SECTORS", "jsonl", "records"]

#: Who coded the events (the ``coder`` field).
CODER = "nato-rok maintainers (human coding)"

#: The sector codes of the PLOVER manual's sector table ("Country Names and Sector Codes").
SECTORS = frozenset(
    {
        *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK"),
        *("AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE"),
        *("REL", "SOC"),
    }
)

#: CAMEO sector codes the manual renames: CAMEO's MED (media) is PLOVER's JRN, HLH is MED.
_RENAMED = {"MED": "JRN", "HLH": "MED"}


def _code(codes: tuple[ActorCode, ...], scheme: CodeScheme) -> str | None:
    return next((c.code for c in codes if c.scheme is scheme), None)


def _entity(dataset: Dataset, record_id: str) -> dict[str, Any]:
    record = dataset.record(record_id)
    if isinstance(record, Participant):
        organization = dataset.organization(record.affiliation_id)
        sectors = [c.code for c in record.codes if c.scheme is CodeScheme.CAMEO_SECTOR]
    elif isinstance(record, Organization):
        organization, sectors = record, []
    else:
        raise RecordNotFoundError(f"{record_id!r} is no organization or participant")
    actor = _code(organization.codes, CodeScheme.CAMEO_ACTOR)
    entity: dict[str, Any] = {"code": actor[:3] if actor else None}
    plover = [_RENAMED.get(code, code) for code in sectors]
    plover = [code for code in plover if code in SECTORS]
    if plover:
        entity["sector"] = plover[0]
    if len(plover) > 1:
        # The manual's secondary field: a defence minister is GOV, and MIL too.
        entity["other_sector_codes"] = " ".join(plover[1:])
    entity["entity_text"] = record.name
    entity["nato_rok_id"] = record.id
    if actor:
        entity["cameo_actor_code"] = actor + "".join(sectors)
    return entity


def _plover_id(dataset: Dataset, event_id: str) -> str:
    return f"nato-rok-{dataset.version}-{event_id}"


def _record(
    dataset: Dataset, event: Event, coding: PloverCoding, date: datetime.date, what: str
) -> dict[str, Any]:
    source = dataset.source
    start = min(span.start for span in event.spans)
    end = max(span.end for span in event.spans)
    url = web_url(source.url)
    language = source.language.split("-")[0].lower()
    return {
        "id": _plover_id(dataset, event.id),
        "date": date.isoformat(),
        "enddate": event.end_date.isoformat() if event.end_date else None,
        "actor": [_entity(dataset, record_id) for record_id in event.actor_ids],
        "recipient": [_entity(dataset, record_id) for record_id in event.recipient_ids],
        "event": [coding.event],
        "event_text": [dataset.excerpt(span) for span in event.spans],
        "mode": [coding.mode] if coding.mode else None,
        "context": list(coding.contexts) or None,
        "link": _plover_id(dataset, event.parent_id) if event.parent_id else None,
        "text": source.text[start:end],
        "text_info": {"start": start, "end": end},
        "cite_info": {
            "corpus": "nato-rok",
            "citation": f"{what}, event {event.id}",
            **({"url": url} if url else {}),
            "title": source.title,
            **({"language": language} if len(language) == 2 else {}),
            "publication": source.publisher,
            "license": _cite.text_terms(dataset),
            "copyright": source.publisher,
            "coder": CODER,
            "codebook": "PLOVER (Open Event Data Alliance) and CAMEO 1.1b3",
            "version": dataset.version,
        },
        "coder": CODER,
        "comment": event.note,
        "cameo_code": event.cameo.code if event.cameo else None,
        "goldstein": event.cameo.goldstein if event.cameo else None,
        "coding_license": dataset.license,
    }


def records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    """Yield the PLOVER record of each PLOVER-coded, dated event of *dataset*, in order.

    Each record's ``cite_info.citation`` names the release, or, for an
    edited copy, says it is a modified copy of it.

    .. versionadded:: 1.2.0
    """
    what = _cite.what(dataset)  # once: it hashes the whole document
    for event in dataset.events:
        if event.plover is not None and event.date is not None:
            yield _record(dataset, event, event.plover, event.date, what)


def jsonl(dataset: Dataset) -> str:
    """Return the PLOVER records of *dataset* as JSON Lines (UTF-8 text, one record a line).

    .. versionadded:: 1.2.0
    """
    return "".join(
        json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
        for record in records(dataset)
    )


#: ``nato-rok export --format plover``.
FORMAT = Format(
    name="plover",
    summary="PLOVER JSON Lines: one record per PLOVER-coded, dated event; a file",
    writes="file",
    dump=dump_text(jsonl),
)
