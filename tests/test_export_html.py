"""The annotated article: self-contained, linked both ways, visible in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import nato_rok
from nato_rok.dataset import kinds
from nato_rok.export.html import html_page
from tests import browser

#: Measures the rendered page from inside Chromium; the result lands in the DOM dump.
PROBE = """
<script>
addEventListener("load", () => {
  const marks = [...document.querySelectorAll("a.hl")];
  const visible = marks.filter(m => {
    const r = m.getBoundingClientRect(), bg = getComputedStyle(m).backgroundColor;
    return r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)";
  });
  const targets = [...document.querySelectorAll("a[href^='#']")]
    .filter(a => !document.getElementById(a.getAttribute("href").slice(1)));
  const art = document.querySelector(".article").getBoundingClientRect();
  const rec = document.querySelector(".records").getBoundingClientRect();
  const report = {marks: marks.length, visible: visible.length, broken: targets.length,
                  side_by_side: rec.left >= art.right, width: innerWidth,
                  overflow: document.documentElement.scrollWidth > innerWidth};
  document.body.setAttribute("data-report", JSON.stringify(report));
});
</script>
"""


def test_page_is_self_contained_and_deterministic() -> None:
    """No scripts, no external fetches; the same release gives the same bytes."""
    page = html_page(nato_rok.load())
    assert page == html_page(nato_rok.load())
    assert "<script" not in page
    assert not re.search(
        r'(src|href)="(https?:)?//(?!www\.nato\.int/cps/en/natohq/news_99519)', page
    )
    assert '<meta name="viewport"' in page


def test_every_record_is_listed_with_links_to_its_spans() -> None:
    """Each record has a section; each of its spans links to a highlight that exists."""
    dataset = nato_rok.load()
    page = html_page(dataset)
    for record in dataset.records():
        assert f'id="rec-{record.id}"' in page
    for target in set(re.findall(r'href="#seg-(\d+)"', page)):
        assert f'id="seg-{target}"' in page
    for kind in kinds():
        assert f"background:{kind.look.colour}" in page, kind


@pytest.mark.browser
@pytest.mark.parametrize(
    ("width", "height", "side_by_side"),
    [(1280, 900, True), (500, 900, False)],  # headless Chromium is at least 500 wide
)
def test_highlights_render_visibly_on_desktop_and_phone(
    tmp_path: Path, chromium: browser.Browsers, width: int, height: int, side_by_side: bool
) -> None:
    """In headless Chromium every highlight has a size and a colour, and no link is broken."""
    page = tmp_path / "article.html"
    page.write_text(
        html_page(nato_rok.load()).replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    report = chromium.report(page, width, height)
    assert report["marks"] == report["visible"]
    assert isinstance(report["marks"], int)
    assert report["marks"] > 100
    assert 0 == report["broken"]
    assert side_by_side == report["side_by_side"]
    assert width == report["width"]
    assert not report["overflow"]


def _many_spans(count: int) -> nato_rok.Dataset:
    """Return the newest release with *count* more areas, each spanning two appended words.

    Neighbouring spans overlap by one word, so every run of text is covered
    by one or two spans, whatever *count* is.
    """
    dataset = nato_rok.load()
    base = dataset.source.text + "\n"
    words = [f"w{i:05d} " for i in range(count + 1)]
    starts = [len(base) + sum(len(w) for w in words[:i]) for i in range(count + 2)]
    text = base + "".join(words)
    areas = tuple(
        nato_rok.CooperationArea(
            id=f"area-{i}",
            name=words[i].strip(),
            kind=nato_rok.CooperationKind.PROPOSED,
            spans=(nato_rok.Span(start=starts[i], end=starts[i + 2] - 1),),
        )
        for i in range(count)
    )
    return attrs.evolve(
        dataset,
        source=attrs.evolve(dataset.source, text=text),
        cooperation_areas=(*dataset.cooperation_areas, *areas),
    )


def _lines_run(dataset: nato_rok.Dataset) -> int:
    """Count the lines of nato_rok.export.html that building the page executes."""
    import sys
    from types import FrameType
    from typing import Any

    from nato_rok.export import html as module

    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename != module.__file__:
            return None
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        html_page(dataset)
    finally:
        sys.settrace(previous)
    return count


def test_the_page_grows_linearly_with_the_spans() -> None:
    """Four times the spans cost about four times the work (the old page cost sixteen)."""
    small, large = _lines_run(_many_spans(500)), _lines_run(_many_spans(2000))
    assert large / small < 4.5, (small, large)
    page = html_page(_many_spans(2000))
    assert 2000 <= page.count('id="rec-area-')


def test_fragment_is_the_pages_body() -> None:
    """html_fragment() is the article and the records, exactly as the page holds them."""
    from nato_rok.export.html import html_fragment

    dataset = nato_rok.load("1.1.0")
    fragment = html_fragment(dataset)
    assert fragment.startswith('<article class="article">')
    assert f"<main>{fragment}</main>" in html_page(dataset)
