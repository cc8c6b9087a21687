"""JSON-LD export: expands with pyld, offline, into the expected schema.org graph."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from pyld import jsonld as ld

import nato_rok
from nato_rok.export.jsonld import CONTEXT, jsonld
from nato_rok.model import Entity, Organization, Participant

SDO = "https://schema.org/"


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """Return the expanded graph of the newest release, by node id; fetching anything fails."""

    def refuse(url: str, options: object = None) -> None:
        raise AssertionError(f"the export made pyld fetch {url}")

    ld.set_document_loader(refuse)
    expanded = ld.expand(jsonld(nato_rok.load()))
    return {node["@id"]: node for node in expanded}


def _ids(node: dict[str, Any], key: str) -> list[str]:
    return [value["@id"] for value in node.get(SDO + key, [])]


def _types(graph: dict[str, dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [node for node in graph.values() if SDO + kind in node["@type"]]


def test_the_article_people_and_organizations(graph: dict[str, dict[str, Any]]) -> None:
    """A NewsArticle; every participant a Person with an affiliation; states as Country."""
    dataset = nato_rok.load()
    (article,) = _types(graph, "NewsArticle")
    assert dataset.source.title == article[SDO + "headline"][0]["@value"]
    people = _types(graph, "Person")
    assert len(dataset.participants) == len(people)
    park = graph["urn:nato-rok:park-geun-hye"]
    assert "Park Guen-hye" in [v["@value"] for v in park[SDO + "alternateName"]]
    assert ["urn:nato-rok:republic-of-korea"] == _ids(park, "affiliation")
    assert SDO + "Country" in graph["urn:nato-rok:republic-of-korea"]["@type"]
    assert SDO + "Organization" in graph["urn:nato-rok:nato"]["@type"]


def test_the_visit_and_its_meetings(graph: dict[str, dict[str, Any]]) -> None:
    """The visit is an Event whose subEvents are the meetings, each pointing back."""
    visit = graph["urn:nato-rok:visit-seoul-2013"]
    meetings = _ids(visit, "subEvent")
    assert len(nato_rok.load().meetings) == len(meetings)
    for meeting_id in meetings:
        assert SDO + "Event" in graph[meeting_id]["@type"]
        assert ["urn:nato-rok:visit-seoul-2013"] == _ids(graph[meeting_id], "superEvent")
    assert "2013-04-11" == visit[SDO + "startDate"][0]["@value"]


def test_every_quotation_has_its_creator_and_article(graph: dict[str, dict[str, Any]]) -> None:
    """Each Quotation is created by a Person and is part of the NewsArticle."""
    quotations = _types(graph, "Quotation")
    assert len(nato_rok.load().quotes) == len(quotations)
    for quote in quotations:
        (creator,) = _ids(quote, "creator")
        assert SDO + "Person" in graph[creator]["@type"]
        assert ["urn:nato-rok:nato-news-99519"] == _ids(quote, "isPartOf")


def test_the_export_is_deterministic_and_plain_json() -> None:
    """The same release gives the same JSON text; release 1.0.0 has no visit dates."""
    first = json.dumps(jsonld(nato_rok.load()), ensure_ascii=False)
    assert first == json.dumps(jsonld(nato_rok.load()), ensure_ascii=False)
    visit = [
        n for n in jsonld(nato_rok.load("1.0.0"))["@graph"] if n["@id"].endswith("visit-seoul-2013")
    ]
    assert "startDate" not in visit[0]


def test_no_result_shares_module_state() -> None:
    """Changing one export's @context changes neither CONTEXT nor the next export."""
    first = jsonld(nato_rok.load())
    first["@context"]["@vocab"] = "http://evil.example/"
    assert "https://schema.org/" == CONTEXT["@vocab"]
    assert "https://schema.org/" == jsonld(nato_rok.load())["@context"]["@vocab"]


def test_statements_are_claims_by_their_speakers(graph: dict[str, dict[str, Any]]) -> None:
    """Each statement is a Claim: the words reported, its author, the article, its quotation."""
    dataset = nato_rok.load()
    claims = _types(graph, "Claim")
    assert len(dataset.statements) == len(claims)
    for statement in dataset.statements:
        claim = graph[f"urn:nato-rok:{statement.id}"]
        assert dataset.excerpt(statement.span) == claim[SDO + "text"][0]["@value"]
        assert [f"urn:nato-rok:{statement.speaker_id}"] == _ids(claim, "author")
        assert ["urn:nato-rok:nato-news-99519"] == _ids(claim, "appearance")
        quotes = [] if statement.quote_id is None else [f"urn:nato-rok:{statement.quote_id}"]
        assert quotes == _ids(claim, "hasPart")
        for quote in quotes:
            assert SDO + "Quotation" in graph[quote]["@type"]
        dates = [] if statement.date is None else [statement.date.isoformat()]
        assert dates == [value["@value"] for value in claim.get(SDO + "dateCreated", [])]
    assert any(statement.date is not None for statement in dataset.statements)


def test_entities_are_places_and_funds_the_article_mentions(
    graph: dict[str, dict[str, Any]],
) -> None:
    """Places and regions are Place (in their state), funds FundingScheme; all are mentioned."""
    dataset = nato_rok.load()
    for entity in dataset.entities:
        node = graph[f"urn:nato-rok:{entity.id}"]
        kind = "FundingScheme" if entity.kind.value == "fund" else "Place"
        assert [SDO + kind] == node["@type"]
        within = [] if entity.within_id is None or kind != "Place" else [entity.within_id]
        assert [f"urn:nato-rok:{w}" for w in within] == _ids(node, "containedInPlace")
    assert {"Place", "FundingScheme"} <= {
        t.removeprefix(SDO)
        for e in dataset.entities
        for t in graph[f"urn:nato-rok:{e.id}"]["@type"]
    }
    (article,) = _types(graph, "NewsArticle")
    named: list[Participant | Organization | Entity] = [
        *dataset.participants,
        *dataset.organizations,
        *dataset.entities,
    ]
    assert sorted(f"urn:nato-rok:{r.id}" for r in named if r.mentions) == sorted(
        _ids(article, "mentions")
    )
    unnamed = attrs.evolve(dataset.organizations[0], mentions=())
    copy = attrs.evolve(dataset, organizations=(unnamed, *dataset.organizations[1:]))
    (article,) = (node for node in jsonld(copy)["@graph"] if node["@type"] == "NewsArticle")
    assert {"@id": f"urn:nato-rok:{unnamed.id}"} not in article["mentions"]
