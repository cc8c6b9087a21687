"""The spaCy export: one Doc in a DocBin, read back and rendered by real spaCy.

The `nlp` tier: spaCy comes with the `nlp` group, imported inside the tests so
that the fast tier collects this module without it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import nato_rok
from nato_rok import cli
from nato_rok.exceptions import MissingExtraError
from nato_rok.export import spacy as export
from nato_rok.export._provenance import provenance
from nato_rok.model import Entity, EntityKind, Organization, OrganizationKind, Quote, Span
from nato_rok.statements import Statement

pytestmark = pytest.mark.nlp


def _read(path: Path) -> Any:
    """Return the one Doc of a .spacy file, read with a fresh blank pipeline's vocabulary."""
    import spacy
    from spacy.tokens import DocBin

    (doc,) = DocBin().from_disk(path).get_docs(spacy.blank("en").vocab)
    return doc


def _expected(dataset: nato_rok.Dataset) -> dict[str, list[tuple[int, int, str, str, str]]]:
    """Return, per span group, (start, end, label, id, kb_id) as the records give them."""
    groups: dict[str, list[tuple[int, int, str, str, str]]] = {
        "mentions": [],
        "quotes": [],
        "statements": [],
        "cues": [],
    }
    for person in dataset.participants:
        groups["mentions"] += [
            (m.start, m.end, "PERSON", person.id, person.id) for m in person.mentions
        ]
    named: tuple[Organization | Entity, ...] = (*dataset.organizations, *dataset.entities)
    for record in named:
        label = export.LABELS[record.kind.value]
        groups["mentions"] += [
            (m.start, m.end, label, record.id, record.id) for m in record.mentions
        ]
    for quote in dataset.quotes:
        span = quote.span
        groups["quotes"].append(
            (span.start, span.end, quote.kind.value, quote.id, quote.speaker_id)
        )
    for statement in dataset.statements:
        span = statement.span
        groups["statements"].append(
            (span.start, span.end, statement.kind.value, statement.id, statement.speaker_id)
        )
    said_by: tuple[Statement | Quote, ...] = (*dataset.statements, *dataset.quotes)
    for said in said_by:
        span = said.attribution_span
        groups["cues"].append((span.start, span.end, "cue", said.id, said.speaker_id))
    return groups


def _exact(doc: Any, group: str, span: Any) -> tuple[int, int, str, str, str]:
    """Return a Doc span as the record gave it: its own offsets, or those realigned lists."""
    start, end = span.start_char, span.end_char
    for moved in doc.user_data["nato_rok.realigned"]:
        if (moved["group"], moved["id"], moved["doc_start"]) == (group, span.id_, start):
            start, end = moved["start"], moved["end"]
    return (start, end, span.label_, span.id_, span.kb_id_)


def test_the_docbin_reads_back_as_the_records(tmp_path: Path) -> None:
    """Read from the CLI's file: text, entities and span groups equal the records' spans."""
    dataset = nato_rok.load()
    path = tmp_path / "nato-rok.spacy"
    assert 0 == cli.main(["export", "--format", "spacy", "--out", str(path)])
    doc = _read(path)
    assert dataset.source.text == doc.text
    expected = _expected(dataset)
    for group, spans in expected.items():
        got = [_exact(doc, group, span) for span in doc.spans[group]]
        assert sorted(spans) == sorted(got), group
        for start, end, *_ in spans:
            assert any(s.start_char <= start and end <= s.end_char for s in doc.spans[group])
    assert sorted(expected["mentions"]) == sorted(
        (e.start_char, e.end_char, e.label_, e.kb_id_, e.kb_id_) for e in doc.ents
    )
    texts = {quote.id: quote.text for quote in dataset.quotes}
    for span in doc.spans["quotes"]:
        start, end, *_ = _exact(doc, "quotes", span)
        assert texts[span.id_] == doc.text[start:end]
        assert texts[span.id_] in span.text
    for group, meaning in export.GROUPS.items():
        assert dict(meaning) == doc.spans[group].attrs
    assert {**provenance(dataset), "nato_rok.source_id": dataset.source.id}.items() <= (
        doc.user_data.items()
    )
    assert dict(export.LABELS) == doc.user_data["nato_rok.labels"]


def test_displacy_renders_the_span_groups_and_entities() -> None:
    """The displaCy span view shows every quotation with its kind; the entity view every mention."""
    from spacy import displacy

    doc = export.doc(nato_rok.load())
    page = displacy.render(doc, style="span", options={"spans_key": "quotes"}, page=True)
    for kind in {quote.kind.value for quote in nato_rok.load().quotes}:
        assert kind.upper() in page.upper()
    assert "anders-fogh-rasmussen" in displacy.render(doc, style="ent")


def test_the_spans_that_need_expanding_are_listed() -> None:
    """In 1.2.0 one quotation starts inside a token ("“Today"); it is widened, kept and listed."""
    doc = export.doc(nato_rok.load("1.2.0"))
    quote = nato_rok.load("1.2.0").record("quote-global-challenges", Quote)
    assert [
        {
            "group": "quotes",
            "id": "quote-global-challenges",
            "start": quote.span.start,
            "end": quote.span.end,
            "doc_start": quote.span.start - 1,
            "doc_end": quote.span.end,
        }
    ] == doc.user_data["nato_rok.realigned"]
    (span,) = (s for s in doc.spans["quotes"] if s.id_ == quote.id)
    assert "“" + quote.text == span.text


@pytest.mark.parametrize("version", nato_rok.versions())
def test_no_span_is_dropped_or_moved_silently(version: str) -> None:
    """Every record span is in its group; where the Doc's span differs, realigned says so."""
    dataset = nato_rok.load(version)
    doc = export.doc(dataset)
    for group, spans in _expected(dataset).items():
        assert len(spans) == len(doc.spans[group])
        for span in doc.spans[group]:
            start, end, *_ = _exact(doc, group, span)
            assert span.start_char <= start < end <= span.end_char
            if (start, end) != (span.start_char, span.end_char):
                assert doc.char_span(start, end) is None  # strict alignment had no span


def test_every_kind_of_record_has_a_label() -> None:
    """A new kind of organization or entity cannot reach the export without a label."""
    kinds = {kind.value for kind in (*OrganizationKind, *EntityKind)}
    assert {"participant", *kinds} == set(export.LABELS)
    assert {"PERSON", "ORG", "GPE", "LOC"} == set(export.LABELS.values())


def test_overlapping_mentions_keep_the_longer_entity_and_all_mentions() -> None:
    """doc.ents cannot overlap: filter_spans keeps the longer; the mentions group keeps both."""
    dataset = nato_rok.load()
    person = dataset.participant("anders-fogh-rasmussen")
    first = person.mentions[0]
    inner = Span(start=first.start + 1, end=first.end)
    evolved = attrs.evolve(person, mentions=(*person.mentions, inner))
    others = tuple(p for p in dataset.participants if p.id != person.id)
    doc = export.doc(attrs.evolve(dataset, participants=(evolved, *others)))
    assert len(doc.ents) + 1 == len(doc.spans["mentions"])
    assert (first.start, first.end) in {(e.start_char, e.end_char) for e in doc.ents}


def test_a_span_of_whitespace_only_is_listed_not_kept() -> None:
    """Whitespace is no token: such a span is in no group, and realigned lists it."""
    dataset = nato_rok.load()
    space = dataset.source.text.index(" ")
    quote = dataset.quotes[0]
    moved = attrs.evolve(quote, attribution_span=Span(start=space, end=space + 1))
    doc = export.doc(attrs.evolve(dataset, quotes=(moved, *dataset.quotes[1:])))
    assert quote.id not in {span.id_ for span in doc.spans["cues"]}
    assert {
        "group": "cues",
        "id": quote.id,
        "start": space,
        "end": space + 1,
        "doc_start": None,
        "doc_end": None,
    } in doc.user_data["nato_rok.realigned"]


def test_an_older_release_has_empty_statement_groups() -> None:
    """Release 1.0.0 has no statements: the groups exist, empty; its quotations are there."""
    doc = export.doc(nato_rok.load("1.0.0"))
    assert [] == list(doc.spans["statements"])
    assert len(nato_rok.load("1.0.0").quotes) == len(doc.spans["quotes"])


def test_without_spacy_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing spaCy: MissingExtraError in Python, exit 1 with the extra from the CLI."""
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'nato-rok\[spacy\]'"):
        export.doc(nato_rok.load())
    out = tmp_path / "x.spacy"
    assert 1 == cli.main(["export", "--format", "spacy", "--out", str(out)])
    assert "pip install 'nato-rok[spacy]'" in capsys.readouterr().err
    assert [] == list(tmp_path.iterdir())


def test_a_text_longer_than_spacys_default_limit_is_exported() -> None:
    """A blank pipeline has no parser to protect: nlp.max_length never refuses the article."""
    import spacy

    dataset = nato_rok.load()
    longer = dataset.source.text + " " + "a" * 1_000_000  # one long token: quick to tokenize
    assert len(longer) > spacy.blank("en").max_length
    doc = export.doc(attrs.evolve(dataset, source=attrs.evolve(dataset.source, text=longer)))
    assert longer == doc.text
    assert len(export.doc(dataset).ents) == len(doc.ents)
