"""Name normalisation: forgiving look-ups, and telling look-alike names apart."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

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


_T = TypeVar("_T")


def _word_keys(name: str) -> set[str]:
    """Return the look-up keys of every run of whole words of *name*.

    ``"Anders Fogh Rasmussen"`` gives the keys of ``"Anders"``, ``"Fogh"``,
    ``"Rasmussen"``, ``"Anders Fogh"``, ``"Fogh Rasmussen"`` and the whole.
    """
    words = name.split()
    runs = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return {name_key(run) for run in runs}


def names_of(record: object) -> tuple[str, ...]:
    """Return every name of *record*: its name, aliases and outside names, if it has them."""
    name = getattr(record, "name", None)
    if not isinstance(name, str):
        return ()
    aliases = getattr(record, "aliases", ())
    return (name, *aliases, *(external.text for external in getattr(record, "names", ())))


def named(wanted: str, records: Iterable[tuple[_T, Iterable[str]]]) -> list[_T]:
    """Return the records that *wanted* names, each once, in the order given.

    *records* pairs each record with its names. A record whose name (by
    :func:`name_key`) is *wanted* wins; failing any, every record with a run
    of whole words of a name equal to *wanted*: a surname, a given name.
    """
    key = name_key(wanted)
    pairs = [(record, tuple(names)) for record, names in records]
    if not key:
        return []
    exact = [record for record, names in pairs if any(name_key(n) == key for n in names)]
    if exact:
        return list({id(record): record for record in exact}.values())
    by_word = [record for record, names in pairs if any(key in _word_keys(n) for n in names)]
    return list({id(record): record for record in by_word}.values())


@functools.cache
def _confusables() -> dict[int, str]:
    """Return the shipped UTS #39 confusable mappings as a str.translate table.

    Read once, on the first load that compares names.
    """
    from nato_rok import _resources

    text = _resources.read_installed("confusables.txt").decode("utf-8")
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
