"""The one grammar of a dataset release number, such as ``1.2.0``.

A release is ``MAJOR.MINOR.PATCH``: three parts joined by full stops, each
part ``0`` or a number of at most :data:`MAX_DIGITS` ASCII digits without a
leading zero (``01`` is refused: it would name the release ``1`` does). A
version is therefore at most 29 characters long, and turning it into
numbers never meets Python's limit on int-from-text conversion.

A *prefix* (what ``load("1")``, ``load("1.2")`` and the command line's
``--release`` accept) is one to three such parts: it names the newest
release that starts with it.

Used by the loader and the integrity checks (``Dataset.version``), the
bundled releases and their manifest, the command line, the code tables'
editions and the release builder.
"""

from __future__ import annotations

import re

#: The most digits a part may have: no release needs more, and a part of
#: nine digits is always below 10**9.
MAX_DIGITS = 9

_PART = rf"(0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"
_EXACT = re.compile(rf"{_PART}\.{_PART}\.{_PART}")
_PREFIX = re.compile(rf"{_PART}(?:\.{_PART}(?:\.{_PART})?)?")

# What a user means as a release rather than a file name: one to three runs
# of digits. Whether it is a version is then the grammar's to say.
_MEANT = re.compile(r"[0-9]+(?:\.[0-9]+){0,2}")

#: The longest version the grammar accepts, in characters.
MAX_LENGTH = 3 * MAX_DIGITS + 2


def _parts(pattern: re.Pattern[str], text: object) -> tuple[int, ...] | None:
    # A str subclass could make fullmatch lie about what it holds.
    if type(text) is not str or len(text) > MAX_LENGTH:
        return None
    match = pattern.fullmatch(text)
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def parse(text: object) -> tuple[int, int, int] | None:
    """Return the numbers of the exact version *text*, or ``None`` if it is not one."""
    parts = _parts(_EXACT, text)
    return None if parts is None else (parts[0], parts[1], parts[2])


def parse_prefix(text: object) -> tuple[int, ...] | None:
    """Return the one to three numbers of the version prefix *text*, or ``None``."""
    return _parts(_PREFIX, text)


def meant_as_version(text: str) -> bool:
    """Say whether *text* is written as a release (digits and full stops), valid or not.

    The command line reads such an argument as a bundled release, never as
    a file, so that ``01`` or a 5,000-digit number is refused as a malformed
    version by :func:`parse_prefix`'s rule rather than looked up on disk.
    """
    return _MEANT.fullmatch(text) is not None


def shown(text: str) -> str:
    """Return *text* quoted for a message, shortened if long (a refused version may be huge)."""
    return repr(text) if len(text) <= 40 else f"{text[:30]!r}... ({len(text)} characters)"
