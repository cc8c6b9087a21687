"""What the command line prints of a document: escaped, never raw.

A document may hold characters that a terminal obeys rather than shows:
escape sequences (C0, C1, DEL), bidirectional overrides that reorder what
follows, and invisible characters that make two texts look alike. Everything
the command line prints that could come from a document goes through
:func:`escape` first.
"""

from __future__ import annotations

import re
import unicodedata

from nato_rok._unicode import INVISIBLE

# Only these need a closer look: the rest of printable ASCII is safe. With
# line breaks kept, a CR LF pair is a line break too (CSV ends rows so).
_SUSPECT = re.compile(r"[^\x20-\x7e]")
_SUSPECT_IN_LINES = re.compile(r"\r(?!\n)|[^\x20-\x7e\r\n]")
_UNSHOWN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def _code(char: str) -> str:
    point = ord(char)
    if point < 0x10000:
        return f"\\u{point:04x}"
    # As JSON writes it (a surrogate pair), so escaped JSON stays JSON.
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) in _UNSHOWN or INVISIBLE.match(char):
        return _code(char)
    return char


def escape(text: str, *, newlines: bool = False) -> str:
    r"""Return *text* with every character a terminal would not show written as ``\uXXXX``.

    Escapes control characters (C0, DEL, C1), format characters (bidi
    overrides, zero-width characters, ...), other default-ignorable
    characters, separators, surrogates, private-use and unassigned code
    points. Line breaks (LF, CR LF) are kept when *newlines* is true (for
    multi-line output), else escaped too, so one problem is always one line.

    The escapes are JSON's, so JSON output stays valid JSON with the same
    values.
    """
    return (_SUSPECT_IN_LINES if newlines else _SUSPECT).sub(_escaped, text)
