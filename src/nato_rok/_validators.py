"""Validators shared by the record classes (attrs validators, no I/O)."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import attrs

from nato_rok import _unicode

#: A lowercase slug such as ``park-geun-hye``: the one rule for ids.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"[A-Z0-9]+")


def strict_int(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but a real int (bool is a subclass of int)."""
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be an int, not {type(value).__name__}")


def offset(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but a non-negative int (one call: spans are many)."""
    if type(value) is not int or value < 0:
        strict_int(instance, attribute, value)
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


#: The longest stay a document may state, in days: a century. Longer than any
#: visit, and small enough that every date computed from it stays within
#: Python's calendar and every export's integer types (see docs/datasheet.md).
MAX_DAYS = 36_525


def days(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but an int from 1 to :data:`MAX_DAYS`."""
    strict_int(instance, attribute, value)
    if not 1 <= value <= MAX_DAYS:
        shown = str(value) if abs(value) < 10**20 else f"a number of {len(str(value))} digits"
        raise FieldValueError(
            attribute.name,
            f"{attribute.name} must be from 1 to {MAX_DAYS} (a century), got {shown}",
        )


def finite_float(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Refuse anything but a finite float (an int would not round-trip as JSON 1.0)."""
    if type(value) is not float or not math.isfinite(value):
        raise TypeError(f"{attribute.name} must be a finite float, not {value!r}")


def unique_slugs(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """Refuse repeated items and items that are not slugs (one call)."""
    unique(instance, attribute, value)
    slugs(instance, attribute, value)


def slug(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse anything but a lowercase slug such as ``park-geun-hye``."""
    if SLUG.fullmatch(value) is None:
        raise ValueError(
            f"{attribute.name} must be a lowercase slug like 'park-geun-hye', got {value!r}"
        )


def code(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse anything but an upper-case code such as ``IGOWSTNAT`` or ``0312``."""
    if _CODE.fullmatch(value) is None:
        raise ValueError(f"{attribute.name} must be a code of A-Z and 0-9, got {value!r}")


class FieldValueError(ValueError):
    """A field's value is refused; ``field`` names it, so a loader can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# A URL of the web: http or https, a host, and RFC 3986 characters only (no
# spaces, quotes, angle brackets or backslashes; no user:password@ part).
_URL = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
    r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?"
)


def _text(attribute: attrs.Attribute[Any], value: str, *, one_line: bool) -> None:
    if not value or value.isspace():  # no copy: texts can be long
        raise FieldValueError(attribute.name, f"{attribute.name} must not be empty or blank")
    if "\x00" in value:
        raise FieldValueError(attribute.name, f"{attribute.name} must not hold U+0000 (NUL)")
    flaw = _unicode.flaw(value, one_line=one_line)
    if flaw is not None:
        raise FieldValueError(attribute.name, f"{attribute.name} must not hold {flaw}")


def non_blank(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse blank text, and text holding a character a one-line text may not hold.

    That is: NUL, control characters (line feed included), bidirectional
    controls, separators, noncharacters, private-use and invisible characters
    (see :mod:`nato_rok._unicode`).
    """
    _text(attribute, value, one_line=True)


def text_block(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse blank text and forbidden characters; allow line feeds and format characters."""
    _text(attribute, value, one_line=False)


def is_web_url(value: object) -> bool:
    """Say whether *value* is an ``http`` or ``https`` URL with a host: the one URL rule.

    The loader refuses every other URL, and the exports link nothing else
    (``javascript:``, ``data:``, ``file:``, text that is no URL).
    """
    return type(value) is str and _URL.fullmatch(value) is not None


def url(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse anything but an ``http`` or ``https`` URL with a host."""
    if not is_web_url(value):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name} must be an http or https URL such as "
            f"'https://www.nato.int/', got {value!r}",
        )


# An SPDX licence identifier (``CC-BY-4.0``) or ``LicenseRef-...``, with an
# optional ``+``: letters, digits, full stops and hyphens, so never a URL's scheme.
_LICENCE_ID = re.compile(r"(?:LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.-]*\+?")
_LICENCE_TOKEN = re.compile(r"\(|\)|[^\s()]+")


def _licence_expression(value: str) -> bool:
    """Say whether *value* is an SPDX licence expression (SPDX 2.3, annex D).

    Identifiers joined by ``AND``, ``OR`` and ``WITH``, grouped by
    parentheses, separated by single spaces.
    """
    if " ".join(value.split()) != value:
        return False
    depth, operand = 0, True  # whether an identifier or "(" comes next
    for part in _LICENCE_TOKEN.findall(value):
        if operand and part == "(":
            depth += 1
        elif operand and part not in {"AND", "OR", "WITH"} and _LICENCE_ID.fullmatch(part):
            operand = False
        elif not operand and part in {"AND", "OR", "WITH"}:
            operand = True
        elif not operand and part == ")" and depth:
            depth -= 1
        else:
            return False
    return not operand and depth == 0


def licence(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse anything but an SPDX licence expression such as ``CC-BY-4.0``.

    An expression holds no URL: a ``javascript:`` or ``data:`` text can never
    reach an export as the dataset's licence.
    """
    if type(value) is not str or not _licence_expression(value):
        shown = repr(value) if len(repr(value)) <= 60 else f"{repr(value)[:50]}..."
        raise FieldValueError(
            attribute.name,
            f"{attribute.name} must be an SPDX licence expression such as 'CC-BY-4.0', got {shown}",
        )


def nfc(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse text that is not in Unicode normalisation form C."""
    if not unicodedata.is_normalized("NFC", value):
        raise ValueError(f"{attribute.name} must be NFC-normalised Unicode")


def non_empty(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """Refuse an empty collection."""
    if not value:
        raise ValueError(f"{attribute.name} must hold at least one item")


def unique(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """Refuse a collection that repeats an item."""
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name} must not repeat an item")


def slugs(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """Refuse a collection holding anything but slugs."""
    for item in value:
        slug(instance, attribute, item)


def texts(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """Refuse a collection holding blank text."""
    for item in value:
        non_blank(instance, attribute, item)


def id_field() -> Any:
    """Return a field for a slug id or a reference to one."""
    return attrs.field(validator=slug)


def spans_field() -> Any:
    """Return a field for the non-empty, repetition-free spans that support a record."""
    return attrs.field(validator=[non_empty, unique])
