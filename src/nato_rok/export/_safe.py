"""What the exports neutralise in a document's content: links and spreadsheet formulas.

A loaded document has been checked, but a :class:`~nato_rok.Dataset` can
also be built directly, and an export must not pass hostile content on
either way.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: The only URL schemes an export writes as a link.
WEB_SCHEMES = frozenset({"http", "https"})

#: What makes Excel or LibreOffice read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def web_url(url: str | None) -> str | None:
    """Return *url* if it is an ``http``/``https`` URL with a host, else ``None``.

    A ``javascript:``, ``data:`` or ``file:`` URL, or text that is no URL,
    never reaches a link.
    """
    if url is None:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unbalanced [ in the host
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return url


def excel_safe(cell: str) -> str:
    """Return *cell* with a leading ``'`` if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
