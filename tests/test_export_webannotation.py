"""W3C Web Annotations: one per span, each re-anchored on the text by anchorpoint."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from anchorpoint import TextQuoteSelector

import nato_rok
from nato_rok.export import tables, webannotation

from .test_export_safe import _with_source_url


def _items(version: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = webannotation.collection(nato_rok.load(version))["first"]["items"]
    return items


def _selectors(item: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    quote, position = item["target"]["selector"]
    assert "TextQuoteSelector" == quote["type"]
    assert "TextPositionSelector" == position["type"]
    return quote, position


@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_quote_selector_reanchors_where_the_position_says(version: str) -> None:
    """Anchorpoint finds each exact/prefix/suffix once in the text, at the stated position."""
    text = nato_rok.load(version).source.text
    for item in _items(version):
        quote, position = _selectors(item)
        selector = TextQuoteSelector(
            exact=quote["exact"], prefix=quote["prefix"], suffix=quote["suffix"]
        )
        found = selector.as_unique_position(text)
        assert (position["start"], position["end"]) == (found.start, found.end), item["id"]


@pytest.mark.parametrize("version", nato_rok.versions())
def test_one_annotation_per_span_linking_its_record(version: str) -> None:
    """As many annotations as rows of the spans table; each body names an existing record."""
    dataset = nato_rok.load(version)
    spans = next(t for t in tables.tables(dataset) if t.name == "spans")
    items = _items(version)
    assert len(spans.rows) == len(items)
    assert len(items) == len({item["id"] for item in items})
    ids = {dataset.source.id, *(record.id for record in dataset.records())}
    for item, row in zip(items, spans.rows, strict=True):
        describing, linking = item["body"]
        assert "classifying" == describing["purpose"]
        assert "identifying" == linking["purpose"]
        record_id = linking["source"].removeprefix("urn:nato-rok:")
        assert record_id in ids
        assert row[0] == record_id
        _, position = _selectors(item)
        assert (row[3], row[4]) == (position["start"], position["end"])
        # The offsets count the release's text; the web page is its scope.
        source = item["target"]["source"]
        assert f"urn:nato-rok:{version}:{dataset.source.id}:text" == source["id"]
        assert ("Text", "text/plain") == (source["type"], source["format"])
        assert dataset.source.url == item["target"]["scope"]


def test_the_collection_follows_the_data_model() -> None:
    """The anno.jsonld context, an AnnotationCollection with one AnnotationPage of Annotations."""
    collection = webannotation.collection(nato_rok.load())
    assert "http://www.w3.org/ns/anno.jsonld" == collection["@context"]
    assert "AnnotationCollection" == collection["type"]
    page = collection["first"]
    assert ("AnnotationPage", 0) == (page["type"], page["startIndex"])
    assert {"Annotation"} == {item["type"] for item in page["items"]}
    assert collection["total"] == len(page["items"])
    assert json.loads(webannotation.FORMAT.content(nato_rok.load())) == collection


def test_a_hostile_article_url_is_not_the_target() -> None:
    """A javascript: URL is never the targets' scope: they keep only the text's urn."""
    dataset = _with_source_url("javascript:alert(1)")
    collection = webannotation.collection(dataset)
    targets = {item["target"]["source"]["id"] for item in collection["first"]["items"]}
    assert {f"urn:nato-rok:{dataset.version}:nato-news-99519:text"} == targets
    assert not any("scope" in item["target"] for item in collection["first"]["items"])


def _ids(node: Any) -> list[str]:
    """Return every ``id``, ``source`` and ``scope`` string of a JSON document."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("id", "source", "scope") and isinstance(value, str):
                found.append(value)
            found += _ids(value)
    elif isinstance(node, list):
        for value in node:
            found += _ids(value)
    return found


#: A run of RFC 3987 "iunreserved" ASCII characters: each can stand for any other such run
#: without changing whether a string is an IRI, so one parse checks every id of one form.
_UNRESERVED_RUN = re.compile(r"[A-Za-z0-9._~-]+")


@pytest.mark.validators  # rfc3987-syntax builds its grammar on import: seconds
@pytest.mark.parametrize("version", nato_rok.versions())
def test_every_id_is_an_iri(version: str) -> None:
    """Ids, linked records, texts and scopes parse as IRIs (RFC 3987): no '[' or ']'."""
    from rfc3987_syntax import is_valid_syntax_iri

    ids = _ids(webannotation.collection(nato_rok.load(version)))
    assert len(ids) > 3 * 100
    forms = {_UNRESERVED_RUN.sub("x", value) for value in ids}  # the parser is slow: one a form
    assert [] == [form for form in sorted(forms) if not is_valid_syntax_iri(form)]
    assert not is_valid_syntax_iri("urn:nato-rok:1.2.0:annotations:nato:spans[0]")  # 1.2.0's form
    assert not is_valid_syntax_iri(_UNRESERVED_RUN.sub("x", "urn:a:spans[0]"))
