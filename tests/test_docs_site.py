"""The documentation site builds cleanly, is complete, and works in a browser.

The site is built once per test session, from ``docs/`` with the installed
nato_rok, with the command the README gives (warnings are errors), into a
temporary folder.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import nato_rok
from nato_rok.export.jsonschema import schema
from tests import browser

#: The whole module is the docs tier (it builds the site); nox runs it, plain pytest does not.
pytestmark = pytest.mark.docs

ROOT = Path(__file__).resolve().parent.parent

#: Public modules (no part of the name starts with ``_``) that declare ``__all__``.
PUBLIC_MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(nato_rok.__path__, "nato_rok.")
    if not any(part.startswith("_") for part in name.split("."))
    and hasattr(importlib.import_module(name), "__all__")
)

#: Proxies that lead nowhere: a build that tried to fetch anything would fail.
OFFLINE = dict.fromkeys(
    ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"), "http://127.0.0.1:9"
)


#: The README's command for the site, less its folders: warnings are errors.
SPHINX_BUILD = (sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site from scratch; fail with Sphinx's output on any warning."""
    out = tmp_path_factory.mktemp("site")
    built = subprocess.run(  # this interpreter, fixed arguments
        [*SPHINX_BUILD, "-E", "-q", str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **OFFLINE, "no_proxy": "", "NO_PROXY": ""},
    )
    assert 0 == built.returncode, built.stdout + built.stderr
    return out


class _Page(HTMLParser):
    """The ids of a page and the URLs it links to or loads."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append((f"{tag}.{name}", value))


def _parse(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def _missing(site: Path, target: Path, fragment: str, cache: dict[Path, _Page]) -> str | None:
    """Return why *target* (a resolved path) with *fragment* is not in the site, or None."""
    if not target.is_file():
        return f"no file {target}"
    if site.resolve() not in target.parents:
        return f"{target} is outside the site"
    if fragment and target.suffix == ".html":
        if target not in cache:
            cache[target] = _parse(target)
        if unquote(fragment) not in cache[target].ids:
            return f"no id {fragment!r} in {target.name}"
    return None


def _broken(site: Path, page: Path, url: str, cache: dict[Path, _Page]) -> str | None:
    """Return why an internal *url* of *page* is broken, or None."""
    parts = urlsplit(url)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    problem = _missing(site, target, parts.fragment, cache)
    return f"{url}: {problem}" if problem else None


def test_site_builds_with_warnings_as_errors(site: Path) -> None:
    """Sphinx with -W built every page the table of contents names."""
    for page in ("index", "tutorial", "api", "data-dictionary", "datasheet", "cite"):
        assert (site / f"{page}.html").is_file(), page
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert newest
    page = (site / "changelog.html").read_text(encoding="utf-8")
    assert f"[{newest[1]}]" in page
    assert "Dataset release <strong>1.0.0</strong>" in page
    for guide in ("pin-a-release", "validate-a-copy", "export", "property-test"):
        assert (site / "how-to" / f"{guide}.html").is_file(), guide


def test_no_internal_link_is_broken_and_nothing_is_fetched(site: Path) -> None:
    """Every relative href/src of every page resolves, fragment included; none is remote."""
    cache: dict[Path, _Page] = {}
    problems = []
    checked = 0
    for page in _pages(site):
        parsed = _parse(page)
        for where, url in parsed.links:
            scheme = urlsplit(url).scheme
            if scheme in ("http", "https"):
                if where != "a.href":  # a link may leave the site; a resource may not
                    problems.append(f"{page.name}: {where} loads {url} from the network")
                continue
            if scheme in ("mailto", "data") or url.startswith("javascript:"):
                continue
            checked += 1
            broken = _broken(site, page.resolve(), url, cache)
            if broken:
                problems.append(f"{page.relative_to(site)}: {where} {broken}")
    assert [] == problems
    assert checked > 500


def _inventory(site: Path) -> dict[str, str]:
    """Return ``{name: uri}`` of the Python objects in the site's ``objects.inv``."""
    raw = (site / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):  # four header lines, then zlib
        header_end = raw.index(b"\n", header_end) + 1
    names = {}
    for line in zlib.decompress(raw[header_end:]).decode("utf-8").splitlines():
        match = re.match(r"(\S+)\s+(py:\w+)\s+-?\d+\s+(\S+)", line)
        if match:
            uri = match[3]
            names[match[1]] = uri[:-1] + match[1] if uri.endswith("$") else uri
    return names


def test_api_reference_documents_every_public_name(site: Path) -> None:
    """Each name in ``nato_rok.__all__`` and each public module's ``__all__`` has an entry."""
    assert "nato_rok.strategies" in PUBLIC_MODULES
    inventory = _inventory(site)
    wanted = [f"nato_rok.{name}" for name in nato_rok.__all__]
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            # A record of nato_rok.model is documented once, as nato_rok.Quote.
            reexported = getattr(nato_rok, name, None) is getattr(module, name)
            wanted.append(f"nato_rok.{name}" if reexported else f"{module_name}.{name}")
    missing = [name for name in wanted if name not in inventory]
    assert [] == missing
    assert all(inventory[name].startswith("api.html#") for name in wanted)


#: The key in the first cell of a data-dictionary row.
ROW_KEY = re.compile(r'<tr class="row-\w+"><td><p><code[^>]*><span class="pre">(\w+)')


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    end = page.find("<section", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_data_dictionary_lists_every_key_of_the_json_schema(site: Path) -> None:
    """Every record of the generated JSON Schema has a section naming each of its keys."""
    page = (site / "data-dictionary.html").read_text(encoding="utf-8")
    document = schema(3)
    records = {"Dataset": document, **document["$defs"]}
    for name, definition in records.items():
        section = _section(page, f"record-{name.lower()}")
        keys = ROW_KEY.findall(section)
        assert sorted(definition["properties"]) == sorted(keys), name
    assert "Schema 2 and later" in _section(page, "record-participant")
    assert "Schema 3 and later; absent from schema 1 and 2" in _section(page, "record-dataset")


#: Where each record type sits in a document, and its section of the dictionary.
PLACES = {
    "": "dataset",
    "source": "source",
    "organizations": "organization",
    "participants": "participant",
    "visit": "visit",
    "meetings": "meeting",
    "quotes": "quote",
    "cooperation_areas": "cooperationarea",
    "positions": "position",
    "references": "reference",
    "events": "event",
    "statements": "statement",
    "entities": "entity",
}


@pytest.mark.parametrize("release", nato_rok.versions())
def test_data_dictionary_lists_every_key_of_the_shipped_data(site: Path, release: str) -> None:
    """Every key a shipped release uses is in the section of its record type."""
    page = (site / "data-dictionary.html").read_text(encoding="utf-8")
    document = json.loads(nato_rok.dumps(nato_rok.load(release)))
    for place, section_id in PLACES.items():
        value = document.get(place, []) if place else document
        records = value if isinstance(value, list) else [value]
        listed = set(ROW_KEY.findall(_section(page, f"record-{section_id}")))
        used = {key for record in records for key in record}
        assert used <= listed, (release, place, used - listed)


def test_who_met_whom_draws_every_meeting(site: Path) -> None:
    """The picture names every person of every meeting of the newest release."""
    page = (site / "article.html").read_text(encoding="utf-8")
    start = page.rindex("<svg", 0, page.index('class="nato-rok-who-met-whom"'))
    svg = page[start : page.index("</svg>", start)]
    dataset = nato_rok.load()
    rows = re.findall(r'<g class="wmw-row" data-held="(true|false)">(.*?)</g>', svg, re.DOTALL)
    drawn = {}
    for held, row in rows:
        assert ("stroke-dasharray" not in row) == (held == "true"), row
        drawn[re.findall(r'font-weight="bold"[^>]*>([^<]+)<', row)[0]] = held == "true"
    expected = {}
    for meeting in dataset.meetings:
        held = meeting.attested.value == "held"
        for person_id in meeting.participant_ids:
            if person_id != dataset.visit.visitor_id:
                expected[dataset.participant(person_id).name] = held
        if meeting.unnamed_participants:
            expected[meeting.unnamed_participants] = held
    assert expected == drawn
    assert dataset.participant(dataset.visit.visitor_id).name in svg
    assert "3 in meetings the article reports as held, 2 in talks" in svg
    assert (site / "_static" / "nato-rok-article.html").is_file()


PROBE = """
<script>
addEventListener("load", () => {
  const main = document.querySelector("article") || document.body;
  const box = main.getBoundingClientRect();
  const svg = document.querySelector("svg.nato-rok-who-met-whom");
  const report = {
    links: [...document.querySelectorAll("a[href], iframe[src], img[src]")]
      .map(e => e.href || e.src).filter(u => u.startsWith("file:")),
    article_height: box.height,
    styled: getComputedStyle(document.body).getPropertyValue("--color-brand-primary").trim() !== "",
    svg_width: svg ? svg.getBoundingClientRect().width : -1,
    overflow: document.documentElement.scrollWidth > innerWidth,
    title: document.title,
  };
  document.body.setAttribute("data-report", JSON.stringify(report));
});
</script>
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 500])  # headless Chromium is at least 500 wide
@pytest.mark.parametrize("name", ["index.html", "api.html", "article.html"])
def test_pages_render_in_chromium_with_working_links(
    site: Path, chromium: browser.Browsers, name: str, width: int
) -> None:
    """Chromium renders the page styled, and every link it sees leads somewhere real."""
    page = site / name
    probe = page.with_name(f"probe-{name}")  # beside the page, so relative URLs still work
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    try:
        found = chromium.report(probe, width, 900)
    finally:
        probe.unlink()
    assert found["styled"] is True
    assert found["overflow"] is False  # wide tables and pictures scroll inside the page
    assert isinstance(found["article_height"], (int, float))
    assert found["article_height"] > 300
    assert "nato-rok" in str(found["title"])
    links = found["links"]
    assert isinstance(links, list)
    assert len(links) > 20
    cache: dict[Path, _Page] = {}
    broken = []
    for link in links:
        url = urlsplit(str(link))
        target = Path(unquote(url.path)).resolve()
        target = page.resolve() if target == probe.resolve() else target
        problem = _missing(site, target, url.fragment, cache)
        if problem:
            broken.append(f"{link}: {problem}")
    assert [] == broken
    if name == "article.html":
        assert isinstance(found["svg_width"], (int, float))
        assert found["svg_width"] >= 400


LAYOUT_PROBE = """
<script>
addEventListener("load", () => {
  const rgba = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (element) => {
    for (; element; element = element.parentElement) {
      const colour = rgba(getComputedStyle(element).backgroundColor);
      if (colour.length === 3 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  const contrast = (element) => {
    const a = luminance(rgba(getComputedStyle(element).color));
    const b = luminance(background(element));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const name = (e) => e.tagName.toLowerCase() + "." + (e.getAttribute("class") || "");
  const clipped = [];
  const boxes = "article pre, article svg, article table, article img, .nato-rok, "
    + ".nato-rok-annotated";
  for (const e of document.querySelectorAll(boxes)) {
    const box = e.getBoundingClientRect();
    if (box.width === 0) continue;
    // A code block may scroll sideways, visibly (its own scroll bar): never wrap.
    const scrollable = e.tagName === "PRE"
      && ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
    const scrolls = e.tagName !== "svg" && e.tagName !== "IMG" && !scrollable
      && e.scrollWidth > e.clientWidth + 1;
    if (scrolls || box.right > innerWidth + 1 || box.left < -1) clipped.push(name(e));
  }
  const texts = [...document.querySelectorAll(".nato-rok, .nato-rok *, .nato-rok-annotated *")]
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
  const worst = texts.map((e) => [contrast(e), name(e) + ": " + e.textContent.slice(0, 40)])
    .sort((x, y) => x[0] - y[0])[0] || [99, "none"];
  const report = {
    dark: matchMedia("(prefers-color-scheme: dark)").matches,
    page_luminance: luminance(background(document.querySelector("article") || document.body)),
    clipped: clipped,
    wrapped_code: [...document.querySelectorAll("article .highlight pre")]
      .filter((e) => getComputedStyle(e).whiteSpace !== "pre").map(name),
    overflow: document.documentElement.scrollWidth > innerWidth,
    iframes: document.querySelectorAll("iframe").length,
    worst_contrast: worst[0],
    worst_text: worst[1],
    checked_texts: texts.length,
  };
  document.body.setAttribute("data-report", JSON.stringify(report));
});
</script>
"""


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [1280, 500])
@pytest.mark.parametrize("name", ["tour.html", "article.html", "tutorial.html", "datasheet.html"])
def test_nothing_is_clipped_and_everything_reads_in_light_and_dark(
    site: Path, chromium: browser.Browsers, tmp_path: Path, name: str, width: int, dark: bool
) -> None:
    """No code, picture, table or card is cut off or scrolls unseen; cards and article read.

    A case that fails leaves a screenshot of the page beside the test's
    temporary files (taking one for every case cost a Chromium run each).
    """
    page = site / name
    probe = page.with_name(f"probe-{name}")
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", LAYOUT_PROBE + "</body>"),
        encoding="utf-8",
    )
    try:
        found = chromium.report(probe, width, 900, dark=dark)
    finally:
        probe.unlink()
    try:
        _check_layout(found, name, dark)
    except AssertionError:
        shot = tmp_path / "page.png"
        browser.screenshot(page, width, 2400, tmp_path / "shots", shot, dark=dark)
        raise


def _check_layout(found: dict[str, object], name: str, dark: bool) -> None:
    """Check what LAYOUT_PROBE reported of page *name*, in the dark scheme or not."""
    assert dark is found["dark"]
    luminance = found["page_luminance"]
    assert isinstance(luminance, (int, float))
    assert (luminance < 0.1) if dark else (luminance > 0.8)  # the theme follows the reader
    assert [] == found["clipped"]
    assert [] == found["wrapped_code"]  # one statement stays one line; the block scrolls
    assert found["overflow"] is False
    assert 0 == found["iframes"]
    if name in ("tour.html", "article.html"):
        checked = found["checked_texts"]
        assert isinstance(checked, int)
        assert checked > 20
        contrast = found["worst_contrast"]
        assert isinstance(contrast, (int, float))
        assert contrast >= 4.5, found["worst_text"]  # WCAG AA for body text


def test_api_page_links_the_performance_notes(site: Path) -> None:
    """Docstrings point at other pages with links, not with repository paths."""
    page = (site / "api.html").read_text(encoding="utf-8")
    assert 'href="performance.html"' in page
    assert "docs/performance.md" not in page


def test_the_tour_is_a_page_of_the_site(site: Path) -> None:
    """The notebook page is built with its outputs: the cards, a table and the plot."""
    page = (site / "tour.html").read_text(encoding="utf-8")
    assert 'class="nato-rok"' in page
    assert "nato-rok dataset release 1.1.0" in page
    assert "<table" in page
    assert re.search(r'<img[^>]+src="_images/[^"]+\.png"', page)
    assert "<script>alert" not in page


def test_broken_links_are_reported(tmp_path: Path) -> None:
    """The link check finds a missing file and a missing fragment."""
    (tmp_path / "a.html").write_text('<p id="here">x</p>', encoding="utf-8")
    page = tmp_path / "a.html"
    assert _broken(tmp_path, page, "a.html#here", {}) is None
    assert "no id" in str(_broken(tmp_path, page, "a.html#gone", {}))
    assert "no file" in str(_broken(tmp_path, page, "b.html", {}))
    assert "outside the site" in str(_broken(tmp_path / "sub", page, "a.html", {}))


def test_inventory_reader_reads_sphinx_inventories(tmp_path: Path) -> None:
    """The objects.inv reader expands Sphinx's ``$`` shorthand."""
    body = "nato_rok.load py:function 1 api.html#$ -\nx std:label -1 a.html#x X\n"
    header = b"# Sphinx inventory version 2\n# Project: p\n# Version: 1\n# zlib\n"
    (tmp_path / "objects.inv").write_bytes(header + zlib.compress(body.encode()))
    assert {"nato_rok.load": "api.html#nato_rok.load"} == _inventory(tmp_path)
