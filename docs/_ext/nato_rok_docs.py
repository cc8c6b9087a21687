"""Sphinx directives that draw the docs' tables and pictures from the package itself.

- ``nato-rok-data-dictionary``: every record type and field, with its JSON
  type, Python type and meaning, read from the attrs classes and the
  ``Attributes:`` sections of their docstrings. A field without a meaning
  stops the build, so the dictionary cannot drift from the model.
- ``nato-rok-who-met-whom``: an inline SVG of the visit's meetings, drawn from
  the newest bundled release.
- ``nato-rok-article``: the annotated article (``nato-rok export --format
  html``) embedded in an ``iframe``; the page is written into the built site.

Nothing here reaches the network: every input is the installed package.
"""

from __future__ import annotations

import datetime
import enum
import html
import itertools
import re
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs
from docutils import nodes
from pygments.lexers.shell import BashSessionLexer
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

import nato_rok
from nato_rok._schemas import SUPPORTED
from nato_rok.dataset import Dataset
from nato_rok.export import jsonschema
from nato_rok.export.html import html_fragment, html_page
from nato_rok.model import MeetingAttestation

#: Where the annotated article is written, relative to the site's root.
ARTICLE_PAGE = "_static/nato-rok-article.html"

_SCALARS: dict[Any, tuple[str, str]] = {
    str: ("string", "str"),
    int: ("integer", "int"),
    float: ("number (with a fraction or exponent)", "float"),
    bool: ("boolean", "bool"),
    datetime.date: ("string (ISO 8601 date, YYYY-MM-DD)", "datetime.date"),
}


# --------------------------------------------------------------------------
# Reading the model


def field_meanings(cls: type) -> dict[str, str]:
    """Return ``{field: meaning}`` from the ``Attributes:`` section of *cls*'s docstring."""
    lines = (cls.__doc__ or "").expandtabs().splitlines()
    meanings: dict[str, list[str]] = {}
    inside, indent, current = False, 0, ""
    for line in lines:
        stripped = line.strip()
        if stripped == "Attributes:":
            inside, indent = True, len(line) - len(line.lstrip())
            continue
        if not inside:
            continue
        depth = len(line) - len(line.lstrip())
        if stripped and depth <= indent:
            break  # the next section
        entry = re.match(r"(\w+)(?: \([^)]*\))?: (.*)", stripped)
        if stripped and depth == indent + 4 and entry:
            current = entry[1]
            meanings[current] = [entry[2]]
        elif stripped and current:
            meanings[current].append(stripped)
    return {name: " ".join(words) for name, words in meanings.items()}


def public_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """Return the fields of *cls* that a document holds (not derived indexes)."""
    return tuple(field for field in attrs.fields(cls) if field.init)


def _optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        args = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:  # X | None
            return args[0], True
    return tp, False


def record_types() -> list[type]:
    """Return every attrs class a document holds, from :class:`Dataset` down, in order."""
    found: list[type] = []

    def visit(tp: Any) -> None:
        tp, _ = _optional(tp)
        if get_origin(tp) in (tuple, frozenset):
            visit(get_args(tp)[0])
        elif attrs.has(tp) and tp not in found:
            found.append(tp)
            for field in public_fields(tp):
                visit(field.type)

    visit(Dataset)
    return found


def enum_types() -> list[type[enum.Enum]]:
    """Return every enum a document holds, in order of first use."""
    found: list[type[enum.Enum]] = []
    for cls in record_types():
        for field in public_fields(cls):
            tp, _ = _optional(field.type)
            if get_origin(tp) in (tuple, frozenset):
                tp = get_args(tp)[0]
            if isinstance(tp, type) and issubclass(tp, enum.Enum) and tp not in found:
                found.append(tp)
    return found


def describe_type(tp: Any) -> tuple[str, str]:
    """Return ``(JSON type, Python type)`` of a field annotated *tp*."""
    inner, nullable = _optional(tp)
    if nullable:
        json_type, python_type = describe_type(inner)
        return f"{json_type} or null", f"{python_type} | None"
    origin = get_origin(tp)
    if origin in (tuple, frozenset):
        json_type, python_type = describe_type(get_args(tp)[0])
        container = "tuple[{}, ...]" if origin is tuple else "frozenset[{}]"
        return f"array of {json_type}", container.format(python_type)
    if tp in _SCALARS:
        return _SCALARS[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "string, one of " + ", ".join(f"`{m.value}`" for m in tp), tp.__name__
    if attrs.has(tp):
        return f"object ({tp.__name__})", tp.__name__
    raise ExtensionError(f"nato-rok-data-dictionary: no description for the type {tp!r}")


def added_fields() -> dict[tuple[str, str], int]:
    """Return ``(record name, key) -> schema`` for the keys each later schema added.

    Read from the published JSON Schemas of every version, so the dictionary
    says what :mod:`nato_rok.export.jsonschema` (and the loader) accept.
    Records new in a later schema (such as ``Event`` or ``Statement``) are
    reached only through such a key, which is where the dictionary says so.
    """

    def keys(schema_version: int) -> dict[str, set[str]]:
        document = jsonschema.schema(schema_version)
        records = {"Dataset": document, **document["$defs"]}
        return {name: set(record["properties"]) for name, record in records.items()}

    added: dict[tuple[str, str], int] = {}
    for older, newer in itertools.pairwise(SUPPORTED):
        old = keys(older)
        for name, new in keys(newer).items():
            if name in old:
                for key in new - old[name]:
                    added[(name, key)] = newer
    return added


# --------------------------------------------------------------------------
# Building docutils nodes


_MARKUP = re.compile(r":(\w+):`(~?)([\w.]+)`|``([^`]+)``|`([^`]+)`")


def _inline(text: str) -> list[nodes.Node]:
    """Render the reST of a docstring line: roles become links, code literals."""
    parts: list[nodes.Node] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            parts.append(nodes.Text(text[position : match.start()]))
        role, short, target, code, plain = match.groups()
        if role:
            shown = target.rsplit(".", 1)[-1] if short else target
            ref = _xref(target, shown, role)
            ref["refspecific"] = True  # `Span` finds nato_rok.Span, as in the docstring's module
            parts.append(ref)
        else:
            literal = code or plain
            parts.append(nodes.literal(literal, literal))
        position = match.end()
    if position < len(text):
        parts.append(nodes.Text(text[position:]))
    return parts


def _table(header: list[str], rows: list[list[list[nodes.Node]]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["nato-rok-data-dictionary"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        built = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *cell)
            built += entry
        return built

    head = nodes.thead()
    head += row([[nodes.Text(title)] for title in header])
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += head
    group += body
    return table


def _xref(target: str, text: str, reftype: str = "class") -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="py", reftype=reftype, reftarget=target, refexplicit=True
    )
    ref += nodes.literal(text, text)
    return ref


def _public_name(cls: type) -> str:
    """Return ``nato_rok.X`` where the top-level package exports *cls*."""
    if getattr(nato_rok, cls.__name__, None) is cls:
        return f"nato_rok.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def _depend_on_package(directive: SphinxDirective) -> None:
    """Re-read the page whenever a module or data file of nato_rok changes."""
    root = Path(nato_rok.__file__).parent
    for path in sorted((*root.rglob("*.py"), *root.rglob("*.json"))):
        directive.env.note_dependency(str(path))


class DataDictionary(SphinxDirective):
    """``nato-rok-data-dictionary``: one table per record type, one row per field."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Build the sections; stop the build when a field has no meaning."""
        _depend_on_package(self)
        added = added_fields()
        out: list[nodes.Node] = []
        for cls in record_types():
            meanings = field_meanings(cls)
            names = [f.name for f in public_fields(cls)]
            missing = [name for name in names if name not in meanings]
            stale = [name for name in meanings if name not in names]
            if missing or stale:
                raise self.error(
                    f"{cls.__module__}.{cls.__qualname__}: the docstring's Attributes "
                    f"section does not describe {missing} and describes no field {stale}"
                )
            section = nodes.section(ids=[f"record-{cls.__name__.lower()}"])
            section += nodes.title(cls.__name__, cls.__name__)
            summary = (cls.__doc__ or "").strip().splitlines()[0]
            section += nodes.paragraph(
                "",
                "",
                *_inline(summary + " "),
                nodes.Text("API: "),
                _xref(_public_name(cls), cls.__name__),
            )
            rows: list[list[list[nodes.Node]]] = []
            for field in public_fields(cls):
                json_type, python_type = describe_type(field.type)
                meaning = meanings[field.name]
                since = added.get((cls.__name__, field.name))
                if since is not None:
                    meaning = meaning.removesuffix(f" (schema {since}).").removesuffix(".")
                    older = " and ".join(str(n) for n in SUPPORTED if n < since)
                    meaning += f". Schema {since} and later; absent from schema {older} documents."
                rows.append(
                    [
                        [nodes.literal(field.name, field.name)],
                        _inline(json_type),
                        [nodes.literal(python_type, python_type)],
                        _inline(meaning),
                    ]
                )
            section += _table(
                ["key", "JSON type", "Python type", "meaning"], rows, [14, 22, 22, 42]
            )
            out.append(section)
        vocab = nodes.section(ids=["vocabularies"])
        vocab += nodes.title("Vocabularies", "Vocabularies")
        rows = []
        for kind in enum_types():
            doc = (kind.__doc__ or "").strip().splitlines()[0]
            values: list[nodes.Node] = []
            for index, member in enumerate(kind):
                if index:
                    values.append(nodes.Text(", "))
                values.append(nodes.literal(member.value, member.value))
            rows.append([[_xref(_public_name(kind), kind.__name__)], values, _inline(doc)])
        vocab += _table(["enum", "values (in JSON)", "meaning"], rows, [20, 40, 40])
        out.append(vocab)
        return out


# --------------------------------------------------------------------------
# Who met whom


def who_met_whom_svg(dataset: Dataset) -> str:
    """Return an SVG of the visit: the visitor on the left, each counterpart on the right.

    A solid line and box: a meeting the article reports as held. Dashed:
    talks the article gives as the purpose of the visit, not as held. Each
    row is a ``<g class="wmw-row" data-held="true|false">``.
    """
    visitor = dataset.participant(dataset.visit.visitor_id)
    rows: list[tuple[str, str, str, bool]] = []  # (name, detail, meeting, held)
    for meeting in dataset.meetings:
        held = meeting.attested is MeetingAttestation.HELD
        label = f"{meeting.kind.value}, {'reported held' if held else 'purpose of the visit'}"
        for person_id in meeting.participant_ids:
            if person_id != visitor.id:
                person = dataset.participant(person_id)
                rows.append((person.name, person.role, label, held))
        if meeting.unnamed_participants:
            rows.append((meeting.unnamed_participants, "unnamed in the article", label, held))
    held_rows = sum(held for *_, held in rows)
    # Narrow enough for a phone (464 wide at 13 px, scaled with the column, never
    # clipped): the visitor on the left, the counterparts on the right.
    row_height, top, width = 66, 44, 464
    height = top + row_height * len(rows)
    centre = top + row_height * (len(rows) - 1) / 2
    e = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="wmw-title wmw-desc" class="nato-rok-who-met-whom" '
        f'font-family="sans-serif" font-size="13" '
        f'style="display:block;width:100%;max-width:640px;height:auto">',
        f'<title id="wmw-title">Who met whom: {e(dataset.visit.place)}, release '
        f"{e(dataset.version)}</title>",
        f'<desc id="wmw-desc">{e(visitor.name)} is linked to {len(rows)} counterparts or '
        f"groups: {held_rows} in meetings the article reports as held, {len(rows) - held_rows} "
        "in talks it gives as the purpose of the visit.</desc>",
        f'<rect x="4" y="{centre - 25:.0f}" width="176" height="50" rx="6" fill="#dbe8f6" '
        'stroke="#1f4e89"/>',
        f'<text x="92" y="{centre - 4:.0f}" text-anchor="middle" font-weight="bold" '
        f'fill="#111">{e(visitor.name)}</text>',
        f'<text x="92" y="{centre + 14:.0f}" text-anchor="middle" fill="#111">'
        f"{e(visitor.role)}, {e(dataset.organization(visitor.affiliation_id).name)}</text>",
    ]
    for index, (name, detail, label, held) in enumerate(rows):
        y = top + row_height * index
        dash = "" if held else ' stroke-dasharray="6 4"'
        out += [
            f'<g class="wmw-row" data-held="{str(held).lower()}">',
            f'<line x1="180" y1="{centre:.0f}" x2="214" y2="{y:.0f}" stroke="#888"{dash}/>',
            f'<text x="216" y="{y - 27:.0f}" fill="#888" font-size="11">{e(label)}</text>',
            f'<rect x="214" y="{y - 22:.0f}" width="246" height="44" rx="6" fill="#fdf1d8" '
            f'stroke="#8a5a00"{dash}/>',
            f'<text x="337" y="{y - 4:.0f}" text-anchor="middle" font-weight="bold" '
            f'fill="#111">{e(name)}</text>',
            f'<text x="337" y="{y + 13:.0f}" text-anchor="middle" fill="#111">{e(detail)}</text>',
            "</g>",
        ]
    out.append("</svg>")
    return "\n".join(out)


class WhoMetWhom(SphinxDirective):
    """``nato-rok-who-met-whom``: the picture, inline, with a caption."""

    def run(self) -> list[nodes.Node]:
        """Draw the newest release's meetings."""
        _depend_on_package(self)
        dataset = nato_rok.load()
        figure = nodes.container(classes=["nato-rok-figure"])
        markup = f'<div style="overflow-x:auto">{who_met_whom_svg(dataset)}</div>'
        figure += nodes.raw("", markup, format="html")
        figure += nodes.paragraph(
            "",
            f"Drawn at build time from release {dataset.version}: a solid line is a meeting "
            "the article reports as held, a dashed line talks it gives as the purpose of "
            "the visit, not as held.",
        )
        return [figure]


class Article(SphinxDirective):
    """``nato-rok-article``: the annotated article inline, with a link to its own page.

    Inline, not in an ``iframe``: no scroll inside the page's scroll, and the
    text takes the theme's colours (``_static/nato-rok.css``), dark or light.
    """

    def run(self) -> list[nodes.Node]:
        """Show the newest release's annotated article and link to its own page."""
        _depend_on_package(self)
        depth = self.env.docname.count("/")
        src = "../" * depth + ARTICLE_PAGE
        markup = (
            f'<p><a href="{src}">Open the annotated article on its own page</a>.</p>\n'
            f'<div class="nato-rok-annotated">{html_fragment(nato_rok.load())}</div>'
        )
        return [nodes.raw("", markup, format="html")]


def write_article(app: Sphinx, exception: Exception | None) -> None:
    """Write the annotated article into the built HTML site."""
    if exception is None and app.builder.format == "html":
        page = Path(app.outdir) / ARTICLE_PAGE
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html_page(nato_rok.load()), encoding="utf-8")


class ConsoleLexer(BashSessionLexer):
    """Pygments' ``console`` lexer, with ``$ `` (dollar, space) as the only prompt.

    Output lines such as ``$.quotes[0].text: ...`` (a JSON path) would
    otherwise be read as commands.
    """

    _ps1rgx = re.compile(r"^(\$ )(.*\n?)")
    _ps2 = "> "


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the console lexer."""
    app.add_lexer("console", ConsoleLexer)
    app.add_directive("nato-rok-data-dictionary", DataDictionary)
    app.add_directive("nato-rok-who-met-whom", WhoMetWhom)
    app.add_directive("nato-rok-article", Article)
    app.connect("build-finished", write_article)
    return {"version": nato_rok.__version__, "parallel_read_safe": True}
