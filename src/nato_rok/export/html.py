"""An annotated view of the article: one self-contained HTML page.

Every span of every record is highlighted in the text, coloured by record
type; each highlight links to its record (the most specific one where spans
overlap, with every covering record named in its tooltip), and each record
lists its spans, each linking back into the text. The page fetches nothing:
styles are inline and there are no scripts, fonts or images. It reflows from
a phone's width (one column) to a desktop's (article beside the records).

.. versionadded:: 1.1.0
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator
from typing import Any

from nato_rok import _cite
from nato_rok._reprs import look
from nato_rok._walk import label, record_spans
from nato_rok.dataset import Dataset, Kind, Record, kinds
from nato_rok.export._format import Format, dump_text
from nato_rok.export._safe import web_url
from nato_rok.model import Span

__all__ = ["FORMAT", "html_fragment", "html_page"]

_STYLE = """
body{font:16px/1.6 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;
overflow-wrap:anywhere}
h1{font-size:clamp(1.3rem,4vw,2rem);line-height:1.25}
header,main{max-width:1200px;margin:0 auto;padding:1rem}
main{display:grid;grid-template-columns:1fr;gap:1.5rem}
@media (min-width:900px){main{grid-template-columns:3fr 2fr}}
.article{white-space:pre-wrap;overflow-wrap:anywhere}
a.hl{color:inherit;text-decoration:none;border-radius:2px;padding:0 1px}
a.hl:hover,a.hl:focus{outline:2px solid #333}
.records section{border-left:4px solid #ccc;padding:.25rem .75rem;margin:0 0 1rem}
.records h3{font-size:1rem;margin:.25rem 0}
.records ul{margin:0;padding-left:1.2rem;font-size:.9rem}
.legend span{display:inline-block;padding:0 .4rem;margin:.1rem;border-radius:2px;font-size:.85rem}
"""


def _spans(record: Record) -> Iterator[tuple[str, Span]]:
    for field, index, span in record_spans(record):
        yield label(field, index), span


def _label(record: Any) -> str:
    for name in ("name", "label", "text", "place"):
        if isinstance(getattr(record, name, None), str):
            text: str = getattr(record, name)
            return text if len(text) <= 80 else text[:77] + "…"
    return str(record.id)


def _article(dataset: Dataset, covered: list[tuple[Span, Record]]) -> str:
    """Return the article's text with every covered run linked to its most specific record.

    One sweep over the span boundaries: each run between two boundaries is
    covered by the spans open there, so the work grows with the number of
    spans times how deeply they overlap, not with spans times runs.
    """
    text = dataset.source.text
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (span, _) in enumerate(covered):
        opening.setdefault(span.start, []).append(index)
        closing.setdefault(span.end, []).append(index)
    bounds = sorted({0, len(text), *opening, *closing})
    open_now: dict[int, tuple[Span, Record]] = {}
    parts = []
    for start, end in itertools.pairwise(bounds):
        for index in closing.get(start, ()):
            del open_now[index]
        for index in opening.get(start, ()):
            open_now[index] = covered[index]
        piece = html.escape(text[start:end])
        if not open_now:
            parts.append(piece)
            continue
        over = open_now.values()
        _, record = min(over, key=lambda pair: (len(pair[0]), pair[1].id))
        kind, colour = type(record).__name__, look(type(record)).colour
        names = "; ".join(sorted({f"{type(r).__name__} {r.id}" for _, r in over}))
        parts.append(
            f'<a class="hl" id="seg-{start}" href="#rec-{record.id}" data-type="{kind}" '
            f'style="background:{colour}" title="{html.escape(names)}">{piece}</a>'
        )
    return "".join(parts)


def _record(dataset: Dataset, record: Record) -> str:
    kind = type(record).__name__
    items = "".join(
        f'<li><a href="#seg-{span.start}">{html.escape(where)} {span.start}..{span.end}</a>: '
        f"“{html.escape(dataset.excerpt(span))}”</li>"
        for where, span in _spans(record)
    )
    return (
        f'<section id="rec-{record.id}" style="border-color:{look(type(record)).colour}">'
        f"<h3>{kind}: {html.escape(_label(record))}</h3><code>{record.id}</code>"
        f"<ul>{items}</ul></section>"
    )


def _legend(dataset_class: type[Dataset]) -> list[Kind]:
    """Return the kinds of record in the legend's order (those without a place last)."""

    def place(kind: Kind) -> tuple[bool, int]:
        legend = kind.look.legend
        return legend is None, legend or 0

    return sorted(kinds(dataset_class), key=place)


def _link(url: str) -> str:
    """Return *url* as a link if it is a web URL, else as plain text (never an ``href``)."""
    shown = html.escape(url)
    return f'<a href="{shown}">{shown}</a>' if web_url(url) else shown


def html_fragment(dataset: Dataset) -> str:
    """Return the page's body: the highlighted article, then the records (no styles).

    For pages that style it themselves, such as the documentation site.

    .. versionadded:: 1.2.0
    """
    records = dataset.records()
    covered = [(span, record) for record in records for _, span in _spans(record)]
    return (
        f'<article class="article">{_article(dataset, covered)}</article>'
        f'<div class="records">{"".join(_record(dataset, r) for r in records)}</div>'
    )


def html_page(dataset: Dataset) -> str:
    """Return the annotated article as one self-contained HTML page.

    The header says whose the article text is and on what terms it is shown.

    .. versionadded:: 1.1.0
    .. versionchanged:: 1.2.0 The header states the article text's terms.
    """
    legend = "".join(
        f'<span style="background:{kind.look.colour}">{kind.cls.__name__}</span>'
        for kind in _legend(type(dataset))
    )
    source = dataset.source
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(source.title)} (nato-rok {dataset.version})</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<header><h1>{html.escape(source.title)}</h1>"
        f"<p>{html.escape(source.publisher)}, {source.published.isoformat()}, "
        f"{_link(source.url)}. "
        f"{html.escape(_cite.what(dataset))}: every highlight is a span of a "
        "record; "
        "follow it to the record, and from the record back to its spans.</p>"
        f'<p class="terms">{html.escape(_cite.text_terms(dataset))}</p>'
        f'<p class="legend">{legend}</p></header>'
        f"<main>{html_fragment(dataset)}</main></body></html>\n"
    )


#: ``nato-rok export --format html``.
FORMAT = Format(
    name="html",
    summary="the article with every span highlighted and linked to its record; one "
    "self-contained page",
    writes="file",
    dump=dump_text(html_page),
)
