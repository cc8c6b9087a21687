"""The score report as one self-contained HTML page: the article, marked.

Each file's section holds its table of levels and the article, where every
gold span a prediction matched is a hit (green), every gold span missed is
a miss (red) and every predicted span that matched nothing is a false alarm
(orange underline); each mark's tooltip says what it is. Styles are inline;
no scripts, fonts or images; every text from a file or the data is escaped.
"""

from __future__ import annotations

import html
import itertools

from nato_rok._releases import load
from nato_rok.score._results import Diagnostic, FileScore, Report

_STYLE = """
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--rule:#ddd;--muted:#555;
--hit:#c3f0bd;--hit-line:#2b8a3e;--miss:#ffd0d0;--miss-line:#c92a2a;--alarm:#e8590c}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--rule:#444;--muted:#aaa;
--hit:#1f4d26;--hit-line:#8ce99a;--miss:#5c1f1f;--miss-line:#ffa8a8;--alarm:#ffa94d}}
body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:1rem;
color:var(--fg);background:var(--bg)}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.3rem}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--rule);padding:1rem;
line-height:1.8}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
td,th{padding:.15rem .6rem;border-bottom:1px solid var(--rule);text-align:right}
td:first-child,th:first-child{text-align:left}
mark{color:inherit;background:none;padding:.1em 0}
.hit{background:var(--hit);box-shadow:inset 0 -2px var(--hit-line)}
.miss{background:var(--miss);text-decoration:underline dotted var(--miss-line) 2px;
text-underline-offset:.25em}
.false-alarm{border-bottom:3px solid var(--alarm)}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;color:var(--muted)}
.legend mark{font-weight:600;color:var(--fg)}
"""

#: The mark of each kind of diagnostic.
KINDS = (("hit", "hit"), ("miss", "miss"), ("false-alarm", "false alarm"))


def _marks(result: FileScore) -> list[tuple[int, int, str, str]]:
    marks = []
    for (css, word), found in zip(
        KINDS, (result.hits, result.misses, result.false_alarms), strict=True
    ):
        for d in found:
            if d.start is not None and d.end is not None:
                marks.append((d.start, d.end, css, f"{word}: {_said(d)}"))
    return marks


def _said(d: Diagnostic) -> str:
    who = d.record_id or ""
    line = f"line {d.line}" if d.line is not None else ""
    return " ".join(part for part in (who, line, d.reason) if part)


def _article(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    bounds = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    parts = []
    for start, end in itertools.pairwise(bounds):
        piece = html.escape(text[start:end])
        over = [m for m in marks if m[0] <= start and end <= m[1]]
        if not over:
            parts.append(piece)
            continue
        classes = " ".join(sorted({m[2] for m in over}))
        title = html.escape("; ".join(sorted({m[3] for m in over})))
        parts.append(f'<mark class="{classes}" title="{title}">{piece}</mark>')
    return "".join(parts)


def _table(result: FileScore) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("level", "P", "R", "F1", "TP", "partial", "FP", "FN"))
    rows = "".join(
        f"<tr><td>{html.escape(level.name)}</td><td>{level.precision:.3f}</td>"
        f"<td>{level.recall:.3f}</td><td>{level.f1:.3f}</td><td>{level.tp}</td>"
        f"<td>{level.partial}</td><td>{level.fp}</td><td>{level.fn}</td></tr>"
        for level in result.levels
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def _list(title: str, found: tuple[Diagnostic, ...]) -> str:
    items = "".join(f"<li>{html.escape(_said(d))}</li>" for d in found)
    return f"<h3>{title} ({len(found)})</h3><ul>{items}</ul>" if found else ""


def _legend(result: FileScore) -> str:
    """Return the key to the marks, with how many of each the article can show."""
    unplaced = sum(1 for d in result.false_alarms if d.start is None)
    keys = (
        ("hit", "hit", result.hits, "a gold span a prediction matched exactly"),
        ("miss", "miss", result.misses, "a gold span missed, or matched with a difference"),
        (
            "false-alarm",
            "false alarm",
            result.false_alarms,
            "a predicted span that hit nothing",
        ),
    )
    items = "".join(
        f'<li><mark class="{css}">{word}</mark> ({len(found)}): {what}</li>'
        for css, word, found, what in keys
    )
    note = (
        f"<li>{unplaced} false alarm(s) without a place in the article: listed below</li>"
        if unplaced
        else ""
    )
    return f'<ul class="legend">{items}{note}</ul>'


def html_report(report: Report) -> str:
    """Return *report* as one self-contained HTML page, the article marked per file.

    .. versionadded:: 1.2.0
    """
    dataset = load(report.release)
    text = dataset.source.text
    sections = "".join(
        f"<section><h2>{html.escape(result.file)} ({html.escape(result.format)})</h2>"
        f"{_table(result)}"
        f"{_legend(result)}"
        f'<div class="article">{_article(text, _marks(result))}</div>'
        f"{_list('Misses', result.misses)}{_list('False alarms', result.false_alarms)}</section>"
        for result in report.results
    )
    title = f"nato-rok score: {report.task} against release {report.release}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(dataset.source.title)} ({html.escape(dataset.source.publisher)})</p>"
        f"{sections}</body></html>\n"
    )
