"""Notebook displays: HTML cards and IPython's text view, escaped and self-contained."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

import nato_rok
from nato_rok import strategies
from nato_rok._display import context, counted, html_card, text as text_view
from nato_rok.events import CameoCoding, DateBasis, Event
from nato_rok.model import Participant, Quote, QuoteKind, Span

HOSTILE = '<script>alert("x")</script><img src="https://example.org/x.png">&amp;'


class Page(HTMLParser):
    """Every tag, attribute and text of a fragment; refuses unbalanced tags."""

    VOID = frozenset({"br", "img", "hr", "meta", "link", "input"})

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.feed(fragment)
        self.close()
        assert [] == self.open, f"unclosed: {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the tag and its attributes; expect its end unless it is void."""
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        """Refuse an end tag that does not close the innermost open one."""
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        """Keep the text (entities decoded)."""
        self.text.append(data)


def assert_self_contained(fragment: str) -> Page:
    """Assert the fragment is balanced, scriptless and loads nothing; return it parsed."""
    page = Page(fragment)
    for tag, attributes in page.tags:
        assert tag not in {"script", "img", "iframe", "link", "object", "embed", "style"}, tag
        assert not any(name.startswith("on") or name in {"src", "srcset"} for name in attributes)
        assert "url(" not in (attributes.get("style") or "")
        href = attributes.get("href")
        assert href is None or href.startswith("#"), href
    return page


def _text(page: Page) -> str:
    return "".join(page.text)


def test_dataset_card() -> None:
    """The dataset's card names the release, its source, the visit and links its record lists."""
    ds = nato_rok.load("1.1.0")
    page = assert_self_contained(ds._repr_html_())
    text = _text(page)
    assert "nato-rok dataset release 1.1.0 (schema 2)" in text
    assert ds.source.title in text
    assert "Seoul, reported 2013-04-12, 3 days" in text
    assert "7 quotes" in text
    hrefs = {a["href"] for tag, a in page.tags if tag == "a"}
    ids = {a.get("id") for tag, a in page.tags if tag == "details"}
    assert {f"#{i}" for i in ids} == hrefs
    assert "nato-rok-1.1.0-quotes" in ids


def test_quote_card_shows_it_in_its_sentence() -> None:
    """A quotation is marked inside its sentence, with its speaker's name and kind."""
    ds = nato_rok.load("1.1.0")
    quote = ds.record("quote-north-korea-threat", Quote)
    page = assert_self_contained(quote._repr_html_())
    text = _text(page)
    assert "the Secretary General reiterated NATO’s strong condemnation" in text
    assert "Anders Fogh Rasmussen" in text
    assert "partial" in text
    marks = [i for i, (tag, _) in enumerate(page.tags) if tag == "mark"]
    assert 1 == len(marks)
    assert quote.text in text


def test_participant_card_shows_names_role_affiliation_and_mentions() -> None:
    """A person: name, role, the affiliation's name, other names and each mention in context."""
    ds = nato_rok.load("1.1.0")
    person = ds.participant("park-geun-hye")
    page = assert_self_contained(person._repr_html_())
    text = _text(page)
    for wanted in ("Park Geun-hye", "President", "Republic of Korea", "박근혜", "Park Guen-hye"):
        assert wanted in text
    assert len(person.mentions) == sum(tag == "mark" for tag, _ in page.tags)


def test_event_card_shows_codes_and_codebook_names() -> None:
    """An event: CAMEO code and name (and each alternative's), Goldstein, PLOVER, actors."""
    ds = nato_rok.load("1.1.0")
    text = _text(assert_self_contained(ds.record("event-north-korea-call", Event)._repr_html_()))
    assert "Anders Fogh Rasmussen" in text
    assert "Demand that target yields" in text
    assert "Goldstein" in text
    assert "025" in text
    assert "Appeal to yield" in text
    uncoded = ds.record("event-visit-hosted", Event)
    assert "–" in _text(assert_self_contained(uncoded._repr_html_()))


@pytest.mark.parametrize(
    ("event_id", "plover"),
    [
        # The card's text has no space between a row's label and cells.
        ("event-visit", "PLOVERCONSULT, mode visitnote"),  # a mode, no context
        ("event-prt-parwan", "PLOVERAIDnote"),  # neither: the event alone
        ("event-cooperation-proposal", "PLOVERREQUEST, mode assist, contexts military, disasters"),
    ],
)
def test_event_card_shows_only_the_plover_parts_that_are_set(event_id: str, plover: str) -> None:
    """PLOVER reads event, mode, contexts, naming each; an unset part leaves no empty-field dash."""
    card = nato_rok.load("1.2.0").record(event_id, Event)._repr_html_()  # the codings above
    text = _text(assert_self_contained(card))
    assert plover in text
    assert "; –" not in text


def test_other_records_show_their_fields() -> None:
    """Any other record (or value) is a table of its fields, enums by value, spans as start:end."""
    ds = nato_rok.load("1.1.0")
    text = _text(assert_self_contained(ds.organizations[0]._repr_html_()))
    assert "international-organization" in text
    assert "170:214" in text
    long = _text(assert_self_contained(ds.source._repr_html_()))
    assert f"({len(ds.source.text)} characters)" in long


def _hostile_records() -> list[Any]:
    span = Span(start=0, end=5)
    person = Participant(
        id="evil",
        name=HOSTILE,
        aliases=(HOSTILE + "2",),
        role=HOSTILE,
        affiliation_id="nato",
        mentions=(span,),
        spans=(span,),
    )
    quote = Quote(
        id="evil-quote",
        text=HOSTILE,
        span=span,
        speaker_id="evil",
        kind=QuoteKind.STANDALONE,
        attribution_span=span,
        topic_ids=("x",),
    )
    event = Event(
        id="evil-event",
        parent_id=None,
        label=HOSTILE,
        actor_ids=("evil",),
        recipient_ids=(),
        date=datetime.date(2013, 4, 12),
        end_date=None,
        date_basis=DateBasis.STORY,
        date_reference_id=None,
        historical=False,
        cameo=CameoCoding(code="042", name=HOSTILE, goldstein=None, alternatives=("999",)),
        plover=None,
        note=HOSTILE,
        spans=(span,),
    )
    return [person, quote, event]


@pytest.mark.parametrize("record", _hostile_records(), ids=lambda r: type(r).__name__)
def test_hostile_text_is_escaped(record: Any) -> None:
    """Markup in a record's text is shown as text, never run or loaded."""
    assert context(record) is None  # built by hand: shown from its own fields
    page = assert_self_contained(html_card(record))
    assert "<script>" in _text(page)


@given(st.one_of(strategies.sources(), strategies.records(), strategies.external_names()))
def test_every_generated_record_has_a_self_contained_card(record: Any) -> None:
    """Whatever the text, a card is balanced, scriptless and loads nothing."""
    assert_self_contained(html_card(record))


class Printer:
    """Enough of IPython's pretty printer: collects text."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def text(self, text: str) -> None:
        """Collect *text*."""
        self.out.append(text)


def test_ipython_text_views() -> None:
    """IPython shows a record by its short repr and the dataset as a few lines."""
    ds = nato_rok.load("1.0.0")
    printer = Printer()
    ds.quotes[0]._repr_pretty_(printer, False)
    ds._repr_pretty_(printer, False)
    assert repr(ds.quotes[0]) == printer.out[0]
    lines = printer.out[1].splitlines()
    assert "nato-rok dataset release 1.0.0 (schema 1)" == lines[0]
    assert lines[3].startswith("records: 4 organizations, 5 participants, 4 meetings, 7 quotes")


def test_display_is_imported_only_when_asked() -> None:
    """Loading and repr never import the display module (nor the HTML export)."""
    probe = (
        "import sys, nato_rok\n"
        "ds = nato_rok.load()\n"
        "repr(ds), [repr(r) for r in ds.records()]\n"
        "print('nato_rok._display' in sys.modules, 'nato_rok.export.html' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "False False\n" == completed.stdout


def test_a_record_equal_but_not_loaded_has_no_context() -> None:
    """Context is the release that holds this very object, not an equal copy."""
    ds = nato_rok.load("1.1.0")
    assert context(ds.quotes[0]) is ds
    assert context(attrs.evolve(ds.quotes[0])) is None
    assert context(Span(start=0, end=1)) is None


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("One. Two three four. Five.", Span(start=9, end=14), "Two [three] four."),
        ("a" * 50 + " bb " + "c" * 50, Span(start=51, end=53), "…[bb]…"),
        (
            "a" * 100 + "b" + "c" * 100,
            Span(start=100, end=101),
            "…" + "a" * 8 + "[b]" + "c" * 8 + "…",
        ),
        ("x yy z", Span(start=2, end=4), "x [yy] z"),
    ],
)
def test_context_is_the_sentence_cut_at_spaces(text: str, span: Span, expected: str) -> None:
    """Around a span: its sentence, or as much as fits, cut at a space where there is one."""
    from types import SimpleNamespace

    from nato_rok._display import _in_text

    dataset: Any = SimpleNamespace(source=SimpleNamespace(text=text))
    got = _in_text(dataset, span, 8).replace("</mark>", "]")
    assert expected == re.sub(r"<mark[^>]*>", "[", got)


def test_the_dataset_card_names_the_visit() -> None:
    """Who visited whom, where and when: names from the records, dates if the release has them."""
    old, new = nato_rok.load("1.0.0"), nato_rok.load("1.1.0")
    who = "Anders Fogh Rasmussen (NATO) visited Republic of Korea: Seoul, reported 2013-04-12"
    for ds in (old, new):
        assert who in _text(assert_self_contained(ds._repr_html_()))
        assert who in ds._repr_html_()
        assert who in text_view(ds)
    assert "3 days (2013-04-11 to 2013-04-13)" in text_view(new)
    assert text_view(old).splitlines()[2].endswith("3 days")


@pytest.mark.parametrize(
    ("number", "name", "expected"),
    [
        (1, "positions", "1 position"),
        (2, "positions", "2 positions"),
        (0, "entities", "0 entities"),
        (1, "entities", "1 entity"),
        (1, "cooperation_areas", "1 cooperation area"),
        (1, "days", "1 day"),
    ],
)
def test_counts_agree_in_number(number: int, name: str, expected: str) -> None:
    assert expected == counted(number, name)


def test_a_card_says_1_position_not_1_positions() -> None:
    ds = nato_rok.load("1.1.0")
    card = _text(assert_self_contained(ds._repr_html_()))
    assert "1 position" in card
    assert "1 positions" not in card
    assert "1 position," in text_view(ds)


def test_a_visit_built_by_hand_names_what_it_cannot_resolve_by_id() -> None:
    """A dataset built by hand may refer to no record: the card shows the id."""
    ds = nato_rok.load("1.0.0")
    ds = attrs.evolve(ds, visit=attrs.evolve(ds.visit, host_id="nowhere"))
    assert "(NATO) visited nowhere: Seoul" in text_view(ds)
