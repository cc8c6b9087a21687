"""The character policy: which characters a document's text may hold.

One place for the classes of characters that the validators refuse and that
the command line escapes before printing. Every class here is a fixed list
of code points (not a lookup in the running Python's Unicode tables), so a
document valid on one Python is valid on every supported one.

Anywhere (names, ids, quotations, the article's text):

* control characters (C0 but line feed, DEL, C1: U+0085 included),
* bidirectional embeddings, overrides, isolates and marks (U+061C,
  U+200E, U+200F, U+202A..U+202E, U+2066..U+2069),
* the line and paragraph separators U+2028 and U+2029,
* noncharacters (U+FDD0..U+FDEF and the last two code points of every
  plane, U+FFFF included) and private-use characters.

NUL and lone surrogates are refused earlier, by the parser, for every string
and key. In a name or any other one-line field, also:

* line feed, and every invisible character: format characters (category
  Cf: soft hyphen, zero-width space and joiners, word joiner, BOM, tags...)
  and the other default-ignorable code points (variation selectors, Hangul
  fillers, combining grapheme joiner);
* the blanks that are neither white space nor default-ignorable, so that
  no rule of Unicode's hides them, yet print as an empty space: U+2800
  BRAILLE PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD and U+16FE4
  KHITAN SMALL SCRIPT FILLER (Park, U+2800, Geun-hye reads as "Park
  Geun-hye").

The article's own text (``Source.text``) may hold line feeds and invisible
format characters other than the bidirectional ones, as published text does.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(15)
)
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"

#: Characters no text may hold.
FORBIDDEN = re.compile(
    f"[\x01-\x09\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029{_NONCHARACTERS}{_PRIVATE_USE}]"
)

# Category Cf, and the other Default_Ignorable_Code_Point characters of
# Unicode 15 (DerivedCoreProperties.txt); a test checks the list against the
# running Python's unicodedata.
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)

# Blanks no property of Unicode marks as such (So, So and Mn): they print
# as an empty space, like the Hangul fillers above.
_BLANK = "\u2800\U0001d159\U00016fe4"

#: Characters no name or other one-line text may hold, beyond :data:`FORBIDDEN`;
#: names are compared without them (:func:`nato_rok._names.lookalike_key`).
INVISIBLE = re.compile(f"[\n{_INVISIBLE}{_BLANK}]")


def describe(char: str) -> str:
    """Return *char* as ``U+202E (RIGHT-TO-LEFT OVERRIDE)``, for messages."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def flaw(text: str, *, one_line: bool) -> str | None:
    """Say which character of *text* the policy refuses, if any."""
    # The common case, in C: every refused character but a few invisible
    # letters and marks is unprintable to Python (categories C and Z but
    # the space); those few are not ASCII.
    if text.isprintable() and (text.isascii() or INVISIBLE.search(text) is None):
        return None
    found = FORBIDDEN.search(text) or (INVISIBLE.search(text) if one_line else None)
    return None if found is None else describe(found.group())
