"""Name normalisation: forgiving look-ups, and telling look-alike names apart."""

from __future__ import annotations

import functools
import re
import unicodedata

from nato_rok import _unicode

# Spaces, hyphens and the dashes that look like one, and full stops ("Mr.")
# do not distinguish one person from another in this dataset. The dashes are
# those whose UTS #39 prototype is the hyphen-minus (U+2010..U+2013, U+2212):
# the em dash and the horizontal bar (U+2014, U+2015) are confusable with
# U+30FC instead, so ignoring them would give a name two look-alike classes.
_IGNORED = re.compile(r"[\s\-\u2010-\u2013\u2212.]+")


def name_key(name: str) -> str:
    """Return the look-up key of *name*.

    The key is NFC, case-folded, and without spaces, hyphens, the dashes
    that look like a hyphen, or full stops.
    """
    return _IGNORED.sub("", unicodedata.normalize("NFC", name).casefold())


@functools.cache
def _confusables() -> dict[int, str]:
    """Return the shipped UTS #39 confusable mappings as a str.translate table.

    Read once, on the first load that compares names.
    """
    from nato_rok import _releases

    text = _releases.read_installed("confusables.txt").decode("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            source, target = line.split(";")
            table[int(source, 16)] = "".join([chr(int(p, 16)) for p in target.split()])
    return table


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _IGNORED.sub("", _unicode.INVISIBLE.sub("", text))


def _skeleton(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", decomposed.translate(_confusables()))


def lookalike_key(name: str) -> str:
    """Return the key under which names that look alike are equal.

    NFKC (fullwidth letters become ASCII), case folding, without spaces,
    hyphens, hyphen-like dashes, full stops and invisible characters, then the Unicode
    confusable skeleton (UTS #39: Cyrillic U+0430 and Latin "a" are one), case
    folded and skeletonised once more so that case cannot keep look-alikes
    apart (``"0"`` becomes ``"O"``, then ``"o"``).
    """
    key = _fold(name)
    for _ in range(2):
        key = _fold(_skeleton(key))
    return key
