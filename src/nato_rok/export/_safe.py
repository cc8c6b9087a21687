"""What the exports neutralise in a document's content: links and spreadsheet formulas.

A loaded document has been checked, but a :class:`~nato_rok.Dataset` can
also be built directly, and an export must not pass hostile content on
either way.
"""

from __future__ import annotations

from nato_rok._validators import is_web_url

#: What makes Excel or LibreOffice read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def web_url(url: str | None) -> str | None:
    """Return *url* if it is an ``http``/``https`` URL with a host, else ``None``.

    The loader's own rule (:func:`nato_rok._validators.is_web_url`): a
    ``javascript:``, ``data:`` or ``file:`` URL, or text that is no URL,
    never reaches a link.
    """
    return url if is_web_url(url) else None


def excel_safe(cell: str) -> str:
    """Return *cell* with a leading ``'`` if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
