"""Rich displays for Jupyter and IPython: HTML cards and a readable text view.

Imported only when a notebook asks a dataset or a record for its
``_repr_html_`` (or IPython for ``_repr_pretty_``), so the records stay free of
HTML. The cards escape every text as the HTML export does and share its
colours (each record class's ``Look``); they are self-contained (inline styles only:
notebooks strip ``<style>`` from untrusted output) and load nothing. Text takes the
notebook's own colour, so the cards read in light and dark themes; only
highlights set a background, always with dark text on it.

A record of a bundled release (from :func:`nato_rok.load`) is shown in its
context (its sentence, its speaker's name, where the article names it); a
record built by hand is shown by its own fields.
"""

from __future__ import annotations

import html
from typing import Any

import attrs

from nato_rok._reprs import look
from nato_rok.dataset import Dataset, collections
from nato_rok.events import Event
from nato_rok.model import Participant, Quote, Span, Visit

#: The card: a coloured rule on the left, the notebook's own text colour.
_CARD = (
    "font:14px/1.5 system-ui,sans-serif;color:inherit;background:transparent;"
    "border-left:4px solid {colour};padding:.4rem .8rem;margin:.25rem 0;max-width:48rem;"
    "overflow-wrap:anywhere"
)
_HEAD = "font-size:.85em;opacity:.8;margin:0 0 .2rem"
_MARK = "background:{colour};color:#1a1a1a;border-radius:2px;padding:0 2px"
_CELL = "text-align:left;vertical-align:top;padding:.1rem .8rem .1rem 0;border:0;background:none"
_KEY = _CELL + ";white-space:nowrap"
_LINK = "color:inherit;text-decoration:underline"
_CONTEXT = 160  # characters of the article shown around a quotation or mention
_NONE = "&ndash;"  # an empty field
_LONG = 600  # characters of a long text shown in a field (a coder's note is whole)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _words(field: str) -> str:
    return _e(field.replace("_", " "))


def _colour(obj: object) -> str:
    return look(type(obj)).colour or "#cccccc"


def _card(obj: object, title: str, body: str) -> str:
    head = f'<div style="{_HEAD}">{_e(type(obj).__name__)} · <code>{_e(title)}</code></div>'
    style = _CARD.format(colour=_colour(obj))
    return f'<div class="nato-rok" style="{style}">{head}{body}</div>'


def _rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><th style="{_KEY}">{_e(name)}</th><td style="{_CELL}">{value}</td></tr>'
        for name, value in rows
    )
    return f'<table style="border-collapse:collapse;margin:.3rem 0">{cells}</table>'


def _value(value: object) -> str:
    """Return a field's value as escaped HTML: spans as start:end, enums by value."""
    if isinstance(value, Span):
        return f"{value.start}:{value.end}"
    if isinstance(value, tuple):
        return ", ".join(_value(item) for item in value) or _NONE
    if attrs.has(type(value)):
        return _e(repr(value))
    value = getattr(value, "value", value)  # an enum
    if isinstance(value, str) and len(value) > _LONG:
        return f"{_e(value[:_LONG].rstrip())}… ({len(value)} characters)"
    return _NONE if value is None else _e(value)


def context(record: object) -> Dataset | None:
    """Return the loaded bundled release that holds this very record, if any."""
    from nato_rok import _releases

    record_id = getattr(record, "id", None)
    if not isinstance(record_id, str):
        return None
    for dataset in _releases.loaded():
        if any(found is record for found in dataset.records()):
            return dataset
    return None


def _in_text(dataset: Dataset, span: Span, width: int = _CONTEXT) -> str:
    """Return the sentence around *span* (at most *width* characters each side), marked."""
    text = dataset.source.text
    dot = text.rfind(". ", 0, span.start)
    before = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, span.start) + 1)
    after = min(
        i + 1 for i in (text.find(". ", span.end), text.find("\n", span.end), len(text)) if i >= 0
    )
    cut_before, cut_after = span.start - width > before, span.end + width < after
    # Cut at a space, not inside a word.
    start, end = before, after
    if cut_before:
        space = text.find(" ", span.start - width, span.start)
        start = space + 1 if space >= 0 else span.start - width
    if cut_after:
        space = text.rfind(" ", span.end, span.end + width)
        end = space if space >= 0 else span.end + width
    mark = _MARK.format(colour=look(Quote).colour)
    return (
        ("…" if cut_before else "")
        + _e(text[start : span.start])
        + f'<mark style="{mark}">{_e(text[span.start : span.end])}</mark>'
        + _e(text[span.end : end].rstrip("\n"))
        + ("…" if cut_after else "")
    )


def _name(dataset: Dataset | None, record_id: str) -> str:
    ids = {found.id: found for found in dataset.records()} if dataset else {}
    record = ids.get(record_id)
    name = getattr(record, "name", None) or getattr(record, "label", None)
    return f"{_e(name)} (<code>{_e(record_id)}</code>)" if name else f"<code>{_e(record_id)}</code>"


def _quote(quote: Quote, dataset: Dataset | None) -> str:
    said = _in_text(dataset, quote.span, 400) if dataset else f"“{_e(quote.text)}”"
    rows = [
        ("speaker", _name(dataset, quote.speaker_id)),
        ("kind", _e(quote.kind.value)),
        ("span", _value(quote.span)),
        ("attribution", _e(dataset.excerpt(quote.attribution_span)) if dataset else _NONE),
        ("topics", ", ".join(_name(dataset, t) for t in quote.topic_ids) or _NONE),
    ]
    return _card(
        quote, quote.id, f'<blockquote style="margin:.3rem 0">{said}</blockquote>' + _rows(rows)
    )


def _participant(person: Participant, dataset: Dataset | None) -> str:
    mentions = (
        "".join(f"<li>{_in_text(dataset, span, 60)}</li>" for span in person.mentions)
        if dataset
        else ""
    )
    rows = [
        ("role", _e(person.role)),
        ("affiliation", _name(dataset, person.affiliation_id)),
        ("also", _e(", ".join(person.aliases)) or _NONE),
        ("names", ", ".join(f"{_e(n.text)} ({_e(n.kind.value)})" for n in person.names) or _NONE),
        ("mentions", f"{len(person.mentions)}: {_value(person.mentions)}"),
    ]
    body = f"<strong>{_e(person.name)}</strong>{_rows(rows)}"
    if mentions:
        body += f'<ul style="margin:.2rem 0;padding-left:1.2rem">{mentions}</ul>'
    return _card(person, person.id, body)


def _event(event: Event, dataset: Dataset | None) -> str:
    from nato_rok._codes import tables

    cameo, plover = event.cameo, event.plover
    names = tables().cameo_events
    rows = [
        ("date", f"{_value(event.date)} ({_e(event.date_basis.value)})"),
        ("actors", ", ".join(_name(dataset, i) for i in event.actor_ids)),
        ("recipients", ", ".join(_name(dataset, i) for i in event.recipient_ids) or _NONE),
        (
            "CAMEO",
            f"<code>{_e(cameo.code)}</code> {_e(cameo.name)} (Goldstein {_value(cameo.goldstein)})"
            + "".join(
                f"; or <code>{_e(code)}</code> {_e(names[code].name if code in names else '')}"
                for code in cameo.alternatives
            )
            if cameo
            else _NONE,
        ),
        (
            "PLOVER",
            _plover(plover) if plover else _NONE,
        ),
        ("note", _value(event.note)),
    ]
    return _card(event, event.id, f"<strong>{_e(event.label)}</strong>{_rows(rows)}")


def _plover(plover: Any) -> str:
    """Return ``ACCUSE, mode disapprove, contexts military``: only the parts that are set."""
    parts = [f"<code>{_e(plover.event)}</code>"]
    if plover.mode:
        parts.append(f"mode {_e(plover.mode)}")
    if plover.contexts:
        parts.append(f"contexts {_value(plover.contexts)}")
    return ", ".join(parts)


def _fields(record: Any) -> str:
    rows = [(f.name, _value(getattr(record, f.name))) for f in attrs.fields(type(record))]
    return _card(record, getattr(record, "id", ""), _rows(rows))


def counted(number: int, plural: str) -> str:
    """Return ``"1 position"``, ``"2 positions"``: the noun agrees with the number.

    *plural* is a collection's name (``cooperation_areas``, ``entities``).
    """
    words = plural.replace("_", " ")
    if number == 1:
        words = words[:-3] + "y" if words.endswith("ies") else words[:-1]
    return f"{number} {words}"


def _called(dataset: Dataset, record_id: str) -> str:
    """Return the name of the record *record_id* of *dataset*, or the id if none has it."""
    for record in dataset.records():
        if record.id == record_id:
            return str(getattr(record, "name", record_id))
    return record_id


def visit_line(dataset: Dataset) -> str:
    """Return who visited whom, where and when, as plain text.

    ``Anders Fogh Rasmussen (NATO) visited Republic of Korea: Seoul, reported
    2013-04-12, 3 days (2013-04-11 to 2013-04-13)``; the dates in brackets
    come from the visit's external date range, when the release has one.
    """
    visit = dataset.visit
    visitor = _called(dataset, visit.visitor_id)
    organization = _called(dataset, visit.visitor_organization_id)
    line = (
        f"{visitor} ({organization}) visited {_called(dataset, visit.host_id)}: {visit.place}, "
        f"reported {visit.reported_date.isoformat()}, {counted(visit.duration_days, 'days')}"
    )
    if visit.dates is not None:
        line += f" ({visit.dates.start.isoformat()} to {visit.dates.end.isoformat()})"
    return line


def _dataset(dataset: Dataset) -> str:
    source = dataset.source
    anchor = f"nato-rok-{_e(dataset.version)}"
    counts = collections(dataset)
    links = " · ".join(
        f'<a style="{_LINK}" href="#{anchor}-{_e(name)}">{_e(counted(len(records), name))}</a>'
        for name, records in counts.items()
        if records
    )
    sections = "".join(
        f'<details id="{anchor}-{_e(name)}"><summary>{_words(name)}</summary>'
        f"{', '.join(f'<code>{_e(r.id)}</code>' for r in records)}</details>"
        for name, records in counts.items()
        if records
    )
    rows = [
        ("source", f"{_e(source.title)}, {_e(source.publisher)}, {source.published.isoformat()}"),
        ("visit", _e(visit_line(dataset))),
        ("records", links),
    ]
    head = f"nato-rok dataset release {dataset.version} (schema {dataset.schema_version})"
    style = _CARD.format(colour=look(Visit).colour)
    return (
        f'<div class="nato-rok" id="{anchor}" style="{style}"><div style="{_HEAD}">{_e(head)}</div>'
        f"{_rows(rows)}{sections}</div>"
    )


def html_card(obj: object) -> str:
    """Return the HTML card of a dataset or a record."""
    if isinstance(obj, Dataset):
        return _dataset(obj)
    dataset = context(obj)
    if isinstance(obj, Quote):
        return _quote(obj, dataset)
    if isinstance(obj, Participant):
        return _participant(obj, dataset)
    if isinstance(obj, Event):
        return _event(obj, dataset)
    return _fields(obj)


def text(dataset: Dataset) -> str:
    """Return the text view of a dataset: release, source, visit, counts, one a line."""
    source = dataset.source
    counts = ", ".join(
        counted(len(records), name) for name, records in collections(dataset).items()
    )
    return (
        f"nato-rok dataset release {dataset.version} (schema {dataset.schema_version})\n"
        f"source:  {source.title} ({source.publisher}, {source.published.isoformat()})\n"
        f"visit:   {visit_line(dataset)}\n"
        f"records: {counts}"
    )
